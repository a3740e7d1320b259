import Foundation

/// How many passages contain each phrase queried so far, for one version of the index: the IDF
/// of a phrase of several tokens (人民政府) costs FTS5 a pass over every passage containing it,
/// which a later query with the same term then skips. Cleared when the index changes (the same
/// version as ``PassageLengths``) and when it holds ``capacity`` terms.
final class PhraseStatistics: @unchecked Sendable {  // mutable state only under `lock`
    static let capacity = 100_000

    private let lock = NSLock()
    private var version: Data?
    private var hits: [String: Int] = [:]

    /// The count of each term, for the index at `version`, when known.
    func hits(_ terms: [String], version: Data) -> [Int?] {
        lock.withLock {
            guard self.version == version else { return terms.map { _ in nil } }
            return terms.map { hits[$0] }
        }
    }

    /// Records counts learnt at `version`.
    func record(_ counts: [(String, Int)], version: Data) {
        guard !counts.isEmpty else { return }
        lock.withLock {
            if self.version != version || hits.count + counts.count > PhraseStatistics.capacity {
                self.version = version
                hits.removeAll(keepingCapacity: true)
            }
            for (term, n) in counts { hits[term] = n }
        }
    }
}
