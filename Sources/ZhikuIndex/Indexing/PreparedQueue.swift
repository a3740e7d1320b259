import Foundation
import GRDB
import ZhikuText

/// Hands prepared files from the worker threads to the writer in file order, with at most
/// `window` files claimed ahead of the one being written and, past the first of them, at most
/// `byteBudget` bytes (memory stays bounded: prepared text takes several times its file's size).
/// A file read in parts hands them over one by one, at most `partsAhead` waiting.
final class PreparedQueue: @unchecked Sendable {  // every field is guarded by `condition`
    private let condition = NSCondition()
    private var ready: [Int: [Indexer.Prepared]] = [:]
    private var nextClaim = 0
    private var nextTake = 0
    private var cancelled = false
    private var bytesClaimed = 0
    let count: Int
    let window: Int
    /// What each file counts against the budget.
    let costs: [Int]
    let byteBudget: Int
    let partsAhead: Int

    init(costs: [Int], window: Int, byteBudget: Int = .max, partsAhead: Int = 2) {
        self.count = costs.count
        self.costs = costs
        self.window = window
        self.byteBudget = byteBudget
        self.partsAhead = partsAhead
    }

    /// The next file index to prepare, or nil when there is none left (or the run was cancelled).
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && nextClaim < count
                && (nextClaim >= nextTake + window || (nextClaim > nextTake && bytesClaimed + costs[nextClaim] > byteBudget)) {
            condition.wait()
        }
        guard !cancelled, nextClaim < count else { return nil }
        bytesClaimed += costs[nextClaim]
        nextClaim += 1
        return nextClaim - 1
    }

    /// Hands over file `index`, or its next part; waits while `partsAhead` of its parts wait.
    func put(_ index: Int, _ item: Indexer.Prepared) {
        condition.lock()
        while !cancelled && (ready[index]?.count ?? 0) >= partsAhead { condition.wait() }
        if !cancelled { ready[index, default: []].append(item) }
        condition.broadcast()
        condition.unlock()
    }

    /// The next prepared file (or part) in order; nil when all have been taken. While it waits,
    /// `waiting` is called every `interval` seconds (the progress of a long file being read).
    func take(every interval: TimeInterval = 0.25, waiting: (() -> Void)? = nil) -> Indexer.Prepared? {
        condition.lock()
        defer { condition.unlock() }
        guard nextTake < count else { return nil }
        while (ready[nextTake]?.isEmpty ?? true) && !cancelled {
            if let waiting {
                if !condition.wait(until: Date(timeIntervalSinceNow: interval)), ready[nextTake]?.isEmpty ?? true {
                    condition.unlock(); waiting(); condition.lock()
                }
            } else {
                condition.wait()
            }
        }
        guard !cancelled, let item = ready[nextTake]?.removeFirst() else { return nil }
        if item.isLast {
            ready[nextTake] = nil
            bytesClaimed -= costs[nextTake]
            nextTake += 1
        }
        condition.broadcast()
        return item
    }

    func cancel() {
        condition.lock(); cancelled = true; ready.removeAll(); condition.broadcast(); condition.unlock()
    }
}
