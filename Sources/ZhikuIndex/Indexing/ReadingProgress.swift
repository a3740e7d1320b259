import Foundation

/// How far the workers have read the files they are on (a PDF of a thousand pages takes a while):
/// set from the worker threads, summed by the writer while it waits, so that progress moves
/// within a long file.
final class ReadingProgress: @unchecked Sendable {  // `fractions` only under `lock`
    private let lock = NSLock()
    private var fractions: [Int: Double] = [:]

    /// File `index` is `fraction` (0…1) read.
    func set(_ index: Int, _ fraction: Double) {
        lock.lock(); fractions[index] = fraction; lock.unlock()
    }

    /// File `index` is done (its bytes are counted whole from now on).
    func finish(_ index: Int) {
        lock.lock(); fractions[index] = nil; lock.unlock()
    }

    /// Bytes read of the files in progress, given each file's size.
    func bytes(sizes: (Int) -> Int) -> Int {
        lock.lock(); defer { lock.unlock() }
        return fractions.reduce(0) { $0 + Int(Double(sizes($1.key)) * min(max($1.value, 0), 1)) }
    }
}
