import Foundation

/// Reads a file whole, straight into one array (no `Data` copied into a second one): the bytes of
/// a 200 MB file are held once. A path that has become something other than a regular file since
/// the walk (a FIFO, a device) is refused without blocking on it.
enum FileBytes {
    /// Why a file could not be read, as the skip reason says it.
    struct Failure: Error {
        var reason: String
    }

    /// The bytes of the file at `path` (bytes, not necessarily UTF-8).
    static func read(_ path: [UInt8]) throws(Failure) -> [UInt8] {
        // O_NONBLOCK: opening a FIFO with no writer would block forever.
        let fd = FileWalker.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { throw Failure(reason: "unreadable: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var s = stat()
        guard fstat(fd, &s) == 0 else { throw Failure(reason: "unreadable: \(String(cString: strerror(errno)))") }
        guard FileWalker.kind(s) == S_IFREG else { throw Failure(reason: "not a regular file") }
        var bytes: [UInt8] = []
        var capacity = max(Int(s.st_size), 0) + 1  // one more: the end is seen without a second allocation
        while true {
            var failure: Int32 = 0
            let before = bytes.count
            var grown = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                if before > 0 { bytes.withUnsafeBufferPointer { old in buffer.baseAddress!.initialize(from: old.baseAddress!, count: before) } }
                count = before
                while count < capacity {
                    let n = systemRead(fd, buffer.baseAddress! + count, capacity - count)
                    if n > 0 { count += n; continue }
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { failure = errno }
                    break
                }
            }
            if failure != 0 { throw Failure(reason: "unreadable: \(String(cString: strerror(failure)))") }
            let full = grown.count == capacity
            swap(&bytes, &grown)
            if !full { return bytes }
            capacity *= 2  // the file grew while it was read
        }
    }
}

/// `read(2)` (inside ``FileBytes`` the name is its own method's).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
