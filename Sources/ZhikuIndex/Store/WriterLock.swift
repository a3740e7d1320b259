import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The one-writer lock of an index folder: an advisory `flock` on `zhiku.lock`, held by the
/// ``IndexStore`` that writes for as long as it lives, released by the kernel if the process dies.
///
/// Two `zhiku index` runs on one folder used to race: the second, started while the first built a
/// new index in its side file, updated the empty database the first then moved its file over
/// (removing the WAL the second was writing to), and both said they had succeeded. Readers (search,
/// the server) never take the lock.
final class WriterLock {
    static let fileName = "zhiku.lock"
    private let fd: Int32

    /// Takes the lock of `directory` (which must exist).
    /// - parameter whileWaiting: `nil`: fail at once when another process holds the lock.
    ///   Otherwise it is called once, with the holder's pid when known, and the lock is waited for.
    /// - throws: ``ZhikuError`` `indexBusy` (another writer, and no waiting), `io`.
    init(directory: URL, whileWaiting: ((_ holder: Int32?) -> Void)?) throws {
        let path = directory.appendingPathComponent(WriterLock.fileName).path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw ZhikuError(.io, "cannot open the index's lock file \(path): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno == ENOLCK || errno == EINVAL || errno == EOPNOTSUPP {
                return  // a file system without locks: one writer at a time is then up to the user
            }
            guard errno == EWOULDBLOCK else {
                let why = String(cString: strerror(errno))
                close(fd)
                throw ZhikuError(.io, "cannot lock \(path): \(why)")
            }
            let holder = WriterLock.holder(fd)
            guard let whileWaiting else {
                close(fd)
                throw ZhikuError.indexBusy(directory.path, holder: holder)
            }
            whileWaiting(holder)
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let why = String(cString: strerror(errno))
                    close(fd)
                    throw ZhikuError(.io, "cannot lock \(path): \(why)")
                }
            }
        }
        // Who holds it, for the next one's message.
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    deinit { close(fd) }  // releases the lock

    /// Whether some process holds the lock of `directory`, read from `/proc/locks` (taking the
    /// lock to find out would make a writer starting at that moment wait, and say so).
    static func isHeld(in directory: URL) -> Bool {
        let path = directory.appendingPathComponent(fileName).path
        guard let file = FileIdentity(path: path),
              let locks = try? String(contentsOfFile: "/proc/locks", encoding: .utf8) else { return false }
        // "1: FLOCK  ADVISORY  WRITE 4242 08:01:1234567 0 EOF": the inode is the third part of the 6th field.
        for line in locks.split(separator: "\n") where line.contains("FLOCK") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 5, let inode = fields[5].split(separator: ":").last.flatMap({ UInt64($0) }) else { continue }
            if inode == file.inode { return true }
        }
        return false
    }

    private static func holder(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
