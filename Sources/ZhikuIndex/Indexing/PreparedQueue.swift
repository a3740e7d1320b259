import Foundation
import GRDB
import ZhikuText

/// Hands prepared files from the worker threads to the writer in file order, with at most
/// `window` files prepared ahead of the one being written (memory stays bounded).
final class PreparedQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Int: Indexer.Prepared] = [:]
    private var nextClaim = 0
    private var nextTake = 0
    private var cancelled = false
    let count: Int
    let window: Int

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// The next file index to prepare, or nil when there is none left (or the run was cancelled).
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && nextClaim < count && nextClaim >= nextTake + window { condition.wait() }
        guard !cancelled, nextClaim < count else { return nil }
        nextClaim += 1
        return nextClaim - 1
    }

    func put(_ index: Int, _ item: Indexer.Prepared) {
        condition.lock()
        if !cancelled { ready[index] = item }
        condition.broadcast()
        condition.unlock()
    }

    /// The next prepared file in order; nil when all have been taken. While it waits, `waiting`
    /// is called every `interval` seconds (the progress of a long file being read).
    func take(every interval: TimeInterval = 0.25, waiting: (() -> Void)? = nil) -> Indexer.Prepared? {
        condition.lock()
        defer { condition.unlock() }
        guard nextTake < count else { return nil }
        while ready[nextTake] == nil && !cancelled {
            if let waiting {
                if !condition.wait(until: Date(timeIntervalSinceNow: interval)), ready[nextTake] == nil {
                    condition.unlock(); waiting(); condition.lock()
                }
            } else {
                condition.wait()
            }
        }
        guard let item = ready.removeValue(forKey: nextTake) else { return nil }
        nextTake += 1
        condition.broadcast()
        return item
    }

    func cancel() {
        condition.lock(); cancelled = true; ready.removeAll(); condition.broadcast(); condition.unlock()
    }
}
