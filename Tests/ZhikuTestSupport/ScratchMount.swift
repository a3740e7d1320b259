import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs mounted for one test (a full disk, a read-only disk), unmounted when the test
/// ends, failed or not. Mounting needs root (CI runs as root); elsewhere the test is skipped
/// with a message that says so.
public final class ScratchMount {
    public let path: URL
    private var mounted = false

    /// Mounts a tmpfs of `megabytes` at a new temporary folder; `test` unmounts it in its tear-down.
    public init(megabytes: Int, for test: XCTestCase) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-mnt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        guard "size=\(megabytes)m,mode=0755".withCString({ Glibc.mount("zhiku-test", path.path, "tmpfs", 0, $0) }) == 0 else {
            let why = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: path)
            throw XCTSkip("cannot mount a tmpfs for the disk-full and read-only tests (\(why)); they need root, as in CI")
        }
        mounted = true
        test.addTeardownBlock { [self] in unmount() }
    }

    deinit { unmount() }

    /// Remounts with new options ("ro", "rw", "size=64m").
    public func remount(_ options: String) throws {
        let flags = UInt(MS_REMOUNT) | (options.split(separator: ",").contains("ro") ? UInt(MS_RDONLY) : 0)
        guard options.withCString({ Glibc.mount("zhiku-test", path.path, "tmpfs", flags, $0) }) == 0 else {
            throw NSError(domain: "ScratchMount", code: Int(errno), userInfo: [NSLocalizedDescriptionKey: "remount \(options): \(String(cString: strerror(errno)))"])
        }
    }

    /// Bytes free on the mount.
    public var freeBytes: Int {
        var s = statvfs()
        guard statvfs(path.path, &s) == 0 else { return 0 }
        return Int(s.f_bavail) * Int(s.f_frsize)
    }

    /// Fills the mount with a file of zeros until no space is left; returns the file.
    @discardableResult
    public func fill() -> URL {
        let ballast = path.appendingPathComponent("ballast")
        let fd = open(ballast.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard fd >= 0 else { return ballast }
        defer { close(fd) }
        let block = [UInt8](repeating: 0, count: 4096)
        while write(fd, block, block.count) > 0 {}  // ends at ENOSPC (a bounded size: the mount's)
        return ballast
    }

    /// Unmounts (lazily, should a process still hold a file there) and removes the folder.
    public func unmount() {
        guard mounted else { return }
        mounted = false
        _ = umount2(path.path, Int32(MNT_DETACH))
        try? FileManager.default.removeItem(at: path)
    }
}
