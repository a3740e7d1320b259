import Foundation
import GRDB
import GRDBSQLite
import ZhikuText

/// How a search runs and what it returns.
public struct SearchOptions: Sendable {
    /// Hits per page (1…100).
    public var limit = 10
    /// Hits to skip (offset + limit ≤ 1,000).
    public var offset = 0
    /// Snippet length in code points (10…500).
    public var snippetLength = 80
    /// Marks for the `marked` field (nil: no such field).
    public var marks: (pre: String, post: String)? = nil
    /// Include each passage's entities.
    public var includeEntities = true
    /// Only passages of this document.
    public var document: String? = nil
    /// Time budget: past it, SQLite stops the query and the response says `timed_out` (with the hits
    /// found so far, which may be none). nil: no budget. The CLI, the REPL, the library and the
    /// server all start from ``defaultTimeoutMs``.
    public var timeoutMs: Int? = SearchOptions.defaultTimeoutMs
    /// Terms searched at most (``Query/maxTerms``); the rest are dropped and named in `warnings`.
    public var maxTerms = Query.maxTerms
    /// Rank every matching passage with FTS5's `bm25()` (the plain path), never from the
    /// precomputed impact lists. For benchmarks and tests that compare the two.
    public var exactRanking = false

    public init() {}

    public static let maxLimit = 100
    public static let maxDepth = 1_000
    public static let maxQueryScalars = 256
    /// The default time budget, the server's: a query of many frequent single characters makes
    /// FTS5 intersect as many prefix expansions (on laws, 16 such terms 0.7 s, 32 12 s, 64 78 s
    /// before the term cap); nobody waits for that.
    public static let defaultTimeoutMs = 1_000

    /// Checks the ranges of the interface spec.
    public func validate() throws {
        guard (1...SearchOptions.maxLimit).contains(limit) else { throw ZhikuError(.argument, "limit must be 1..\(SearchOptions.maxLimit)") }
        guard offset >= 0, offset + limit <= SearchOptions.maxDepth else {
            throw ZhikuError(.argument, "offset must be 0 or more and offset+limit at most \(SearchOptions.maxDepth)")
        }
        guard (10...500).contains(snippetLength) else { throw ZhikuError(.argument, "snippet must be 10..500") }
    }
}
