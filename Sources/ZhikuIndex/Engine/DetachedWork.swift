import Foundation

/// A block running on a thread of its own, waited for with ``wait()``.
///
/// Indexing used to hand such blocks to `DispatchQueue.global()`. On Linux the global queue adds
/// a thread only every half second or so while its threads are blocked, so in a process that
/// keeps them busy with blocking work (a server's clients in a test: 8 blocked blocks delayed a
/// `global().async` by 5.5 s, 64 by 40 s) indexing waited behind it. `concurrentPerform` is not
/// affected: the calling thread runs every iteration itself when no worker comes.
final class DetachedWork: @unchecked Sendable {  // `finished` only under `lock`; `done` is a semaphore
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var finished = false

    /// Starts `body` on a new thread named `name`.
    init(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread { [done] in
            body()
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Returns once the block has run (at once on later calls).
    func wait() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        done.wait()
        finished = true
    }
}
