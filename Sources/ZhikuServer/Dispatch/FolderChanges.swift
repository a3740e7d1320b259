import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether anything was written in the index folder since the last look, answered without
/// blocking, without a lock and without SQL: an inotify instance (Linux) watching the folder,
/// read with a non-blocking `read` (a few hundred nanoseconds when nothing happened).
///
/// A commit writes its WAL frames with `write(2)` before it becomes visible to readers, and the
/// kernel queues the watch's event inside that call: so when ``poll()`` finds no event, no commit
/// has become visible since the previous poll. Events this server causes itself (a connection
/// closing, the shared-memory file growing) only count as changes too many, never too few.
///
/// One per event loop, used on that loop only (each loop reads its own events). Elsewhere than on
/// Linux, or when the watch breaks (the folder deleted, the kernel's queue overflowed), ``poll()``
/// returns nil and the caller asks an engine thread instead.
final class FolderChanges {
    #if canImport(Glibc)
    private let fd: Int32 = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    private static let mask = UInt32(IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE | IN_DELETE
                                     | IN_DELETE_SELF | IN_MOVE_SELF)
    /// Events that end the watch: the folder itself went, or events were lost.
    private static let fatal = UInt32(IN_Q_OVERFLOW | IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)
    #else
    private let fd: Int32 = -1
    #endif
    private var watch: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 4_096)
    /// Batches of events read so far.
    private var count: UInt64 = 0

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Starts watching `directory` (again: after the folder was replaced, the old watch is gone).
    /// Events pending from an earlier watch are dropped; the count goes on growing.
    func watch(_ directory: String) {
        #if canImport(Glibc)
        guard fd >= 0 else { return }
        if watch >= 0 { inotify_rm_watch(fd, watch) }
        _ = drain()
        watch = inotify_add_watch(fd, directory, FolderChanges.mask)
        count += 1
        #endif
    }

    /// A number that changes whenever something was written in the folder since the previous
    /// call; nil when that cannot be known.
    func poll() -> UInt64? {
        guard fd >= 0, watch >= 0, drain() else { return nil }
        return count
    }

    /// Reads every pending event; false when the watch cannot be trusted any more.
    private func drain() -> Bool {
        #if canImport(Glibc)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EAGAIN || errno == EWOULDBLOCK { return watch >= 0 }
                if errno == EINTR { continue }
                watch = -1
                return false
            }
            guard n > 0 else { return watch >= 0 }
            count += 1
            var offset = 0
            while offset + 16 <= n {  // struct inotify_event: wd, mask, cookie, len, name[len]
                let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
                let length = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) }
                if mask & FolderChanges.fatal != 0 { watch = -1 }
                offset += 16 + Int(length)
            }
        }
        #else
        return false
        #endif
    }
}
