/// The one order of ranked passages on every path: the higher score first and, on equal scores,
/// the lower passage id — as FTS5's `ORDER BY bm25(), rowid` returns them, so that the impact lists,
/// dense postings, ``RankFunction`` and the reference path agree on ties.
enum RankOrder {
    /// Whether a passage scored `a` with id `idA` ranks before one scored `b` with id `idB`.
    @inline(__always)
    static func precedes(score a: Double, passage idA: Int64, score b: Double, passage idB: Int64) -> Bool {
        a != b ? a > b : idA < idB
    }

    /// `(passage, score)` pairs best first, without the first `offset`, at most `limit` of them.
    static func page(_ scored: [(Int64, Double)], offset: Int, limit: Int) -> [(Int64, Double)] {
        Array(scored.sorted { precedes(score: $0.1, passage: $0.0, score: $1.1, passage: $1.0) }.dropFirst(offset).prefix(limit))
    }
}
