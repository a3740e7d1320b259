import Foundation
import ZhikuText

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

extension FileBytes {
    /// A large file read in parts (``Indexer/prepareInParts``): its hash, its head, and parts
    /// that end after a line end.
    final class Reader {
        private let fd: Int32
        let size: Int
        /// Bytes read at a time to hash the file or to find a line end.
        static let block = 4 << 20
        /// How much of the head is read for the document's metadata.
        static let headBytes = 64 << 10

        init(_ path: [UInt8]) throws(Failure) {
            fd = FileWalker.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
            guard fd >= 0 else { throw Failure(reason: "unreadable: \(String(cString: strerror(errno)))") }
            var s = stat()
            guard fstat(fd, &s) == 0, FileWalker.kind(s) == S_IFREG else {
                close(fd)
                throw Failure(reason: "not a regular file")
            }
            size = Int(s.st_size)
        }

        deinit { close(fd) }

        /// `count` bytes from `offset` (fewer at the end of the file).
        func bytes(at offset: Int, count: Int) throws(Failure) -> [UInt8] {
            var failure: Int32 = 0
            let out = [UInt8](unsafeUninitializedCapacity: max(count, 0)) { buffer, n in
                n = 0
                while n < count {
                    let r = pread(fd, buffer.baseAddress! + n, count - n, off_t(offset + n))
                    if r > 0 { n += r; continue }
                    if r < 0 && errno == EINTR { continue }
                    if r < 0 { failure = errno }
                    break
                }
            }
            if failure != 0 { throw Failure(reason: "unreadable: \(String(cString: strerror(failure)))") }
            return out
        }

        /// ``ContentHash`` of the whole file, read a block at a time.
        func hash() throws(Failure) -> String {
            var h = ContentHash.FNV1a64()
            var offset = 0
            while offset < size {
                let b = try bytes(at: offset, count: min(Reader.block, size - offset))
                if b.isEmpty { break }
                b.withUnsafeBytes { h.update($0) }
                offset += b.count
            }
            return h.hex
        }

        func startsWithUTF16ByteOrderMark() throws(Failure) -> Bool {
            let b = try bytes(at: 0, count: 2)
            return b == [0xFF, 0xFE] || b == [0xFE, 0xFF]
        }

        /// The first ``headBytes``, cut after their last line end.
        func head() throws(Failure) -> [UInt8] {
            let b = try bytes(at: 0, count: Reader.headBytes)
            guard let nl = b.lastIndex(of: 0x0A) else { return b }
            return Array(b[...nl])
        }

        /// The part from `start`: `size` bytes, then on to the next line end (`\n`, which is never
        /// inside a UTF-8 or GB18030 character). A line longer than another `size` is cut before a
        /// byte that does not continue a UTF-8 character.
        func part(from start: Int, size partSize: Int) throws(Failure) -> [UInt8] {
            var out = try bytes(at: start, count: partSize)
            var searched = 0
            while start + out.count < size {
                let more = try bytes(at: start + out.count, count: min(64 << 10, size - start - out.count))
                if more.isEmpty { break }
                if let nl = more.firstIndex(of: 0x0A) {
                    out += more[...nl]
                    break
                }
                if searched + more.count > partSize {
                    out += more[..<(more.firstIndex(where: { $0 & 0xC0 != 0x80 }) ?? more.count)]
                    break
                }
                searched += more.count
                out += more
            }
            return out
        }
    }
}

/// `read(2)` (inside ``FileBytes`` the name is its own method's).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
