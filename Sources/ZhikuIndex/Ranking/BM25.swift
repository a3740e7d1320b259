import Foundation

/// FTS5's `bm25()` arithmetic, written once: every ranking path (``RankFunction`` inside FTS5,
/// ``DensePostings``, the impact lists) calls these, so their scores are bit-identical to
/// `bm25()`'s — the same double operations in the same order (see `fts5_aux.c`, `fts5Bm25Function`).
///
///     score(passage) = Σ over phrases  idf · f·(k1+1) / (f + k1·(1 − b + b·D/avgdl))
///
/// where `f` is the phrase's weighted frequency in the passage (body 1, heading 2), `D` the
/// passage's length in tokens and `avgdl` the mean length. FTS5 returns the sum negated (lower is
/// better); zhiku's scores are the sum itself (higher is better).
enum BM25 {
    /// Term-frequency saturation, as FTS5 has it.
    static let k1 = 1.2
    /// Length normalisation, as FTS5 has it.
    static let b = 0.75

    /// The IDF of a phrase found in `hits` of `rows` rows: `log((N − n + 0.5) / (n + 0.5))`, clamped
    /// at 1e-6 as FTS5 does, so that a phrase in more than half the rows still counts a little.
    @inline(__always)
    static func idf(rows: Int, hits: Int) -> Double {
        let idf = log((Double(rows) - Double(hits) + 0.5) / (Double(hits) + 0.5))
        return idf <= 0 ? 1e-6 : idf
    }

    /// One phrase's term of the sum.
    /// - parameters:
    ///   - frequency: the phrase's weighted frequency in the passage.
    ///   - length: the passage's length in tokens (all columns).
    ///   - idf: ``idf(rows:hits:)`` of the phrase (1 where the caller multiplies it in later).
    @inline(__always)
    static func termScore(frequency f: Double, length: Double, idf: Double, averageLength: Double) -> Double {
        idf * ((f * (k1 + 1.0)) / (f + k1 * (1 - b + b * length / averageLength)))
    }
}
