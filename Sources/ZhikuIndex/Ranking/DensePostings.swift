import Foundation
import GRDB

/// Every passage of the most frequent bigrams (``Impacts/denseMinimum(rows:)`` passages or more)
/// and of the most frequent three- and four-character phrases (twice that), with the term's
/// weighted frequency in it, kept beside its impact list (`impact.dense`), so that a conjunction
/// of such terms (规定 应当, 第三章 管理) is intersected and ranked here instead of by FTS5.
///
/// FTS5 answers `"规定" AND "应当"` by walking both doclists with their positions, about 50 ns an
/// entry: 5–6 ms for two terms in 60,000–100,000 passages each. These postings hold only what
/// `bm25()` needs from a term (the passage and the term's weighted frequency; the passage's length
/// comes from ``PassageLengths``), about one byte each: `id gap << 2 | frequency` as a varint when
/// the frequency is 1 to 3, else `id gap << 2` and the frequency as a second varint. The query
/// recomputes `zhiku_rank`'s scores (`bm25()`'s arithmetic) for every passage holding all the
/// terms, so the hits, scores and the total are exactly those of the FTS5 path.
enum DensePostings {
    /// Encodes postings appended in increasing passage order.
    struct Writer {
        private(set) var bytes: [UInt8] = []
        private var last: Int64 = 0

        mutating func append(passage id: Int64, frequency: Int32) {
            let gap = UInt64(id - last)
            last = id
            if frequency >= 1 && frequency <= 3 {
                Varint.append(gap << 2 | UInt64(frequency), to: &bytes)
            } else {
                Varint.append(gap << 2, to: &bytes)
                Varint.append(UInt64(max(0, frequency)), to: &bytes)
            }
        }
    }

    /// Reads postings one after another.
    struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0
        /// The current posting (after a successful ``next()``).
        var passage: Int64 = 0
        var frequency: Double = 0

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes.bindMemory(to: UInt8.self) }

        /// Moves to the next posting; false at the end (or on damaged bytes).
        @inline(__always)
        mutating func next() -> Bool {
            guard let v = Varint.read(bytes, &offset) else { return false }
            passage += Int64(v >> 2)
            if v & 3 != 0 {
                frequency = Double(v & 3)
            } else {
                guard let f = Varint.read(bytes, &offset) else { return false }
                frequency = Double(f)
            }
            return true
        }
    }

    /// The page of the passages holding every one of `terms` (two or more query terms, in the
    /// order of the query's phrases) and their number, when every term has dense postings and the
    /// passage lengths are loaded; nil otherwise (FTS5 then answers).
    /// - parameter bonus: per title group, the id ranges of the documents it names: a passage in
    ///   one of a group's ranges scores `titleBonus` more, as in ``RankFunction``.
    static func page(_ db: Database, terms: [String], lengths: [UInt32], offset: Int, limit: Int,
                     bonus: [[ClosedRange<Int64>]] = [], titleBonus: Double = 0) throws -> (total: Int, ranked: [(Int64, Double)])? {
        guard terms.count >= 2, !lengths.isEmpty else { return nil }
        var blobs: [Data] = []
        var frequencies: [Int] = []
        for term in terms {
            guard let listed = Impacts.term(forQuery: term), let key = Impacts.key(forQuery: term),
                  Impacts.isBigram(key) || Impacts.isTrigram(key) || Impacts.isFour(key),
                  let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT df, dense FROM impact WHERE term = ?"), arguments: [listed]),
                  let blob = row[1] as Data?
            else { return nil }
            frequencies.append(row[0])
            blobs.append(blob)
        }
        guard let stats = try CollectionStatistics.read(db) else { return nil }
        let idf = frequencies.map { BM25.idf(rows: stats.rows, hits: $0) }
        let averageLength = stats.averageLength
        var top = TopK<ScoredPassage>(keep: offset + limit)
        var total = 0
        var damaged = false
        withUnsafeBytes(ofAll: blobs) { buffers in
            var cursors = buffers.map(Cursor.init)
            for i in cursors.indices where !cursors[i].next() { return }  // a term without postings: nothing
            let n = cursors.count
            while true {
                // Leapfrog: bring every cursor to the largest current passage.
                var target = cursors[0].passage
                for i in 1..<n where cursors[i].passage > target { target = cursors[i].passage }
                var aligned = true
                for i in 0..<n {
                    while cursors[i].passage < target {
                        guard cursors[i].next() else { return }
                    }
                    if cursors[i].passage != target { aligned = false }
                }
                guard aligned else { continue }
                total += 1
                guard target >= 0, target < lengths.count, lengths[Int(target)] != PassageLengths.missing else {
                    damaged = true
                    return
                }
                // zhiku_rank's sum, phrase by phrase in query order (bm25()'s arithmetic).
                let length = Double(lengths[Int(target)])
                var score = 0.0
                for i in 0..<n {
                    let f = cursors[i].frequency
                    score += BM25.termScore(frequency: f, length: length, idf: idf[i], averageLength: averageLength)
                }
                if !bonus.isEmpty {
                    // zhiku_rank subtracts the summed bonus from -score; negated back, the same double.
                    var extra = 0.0
                    for ranges in bonus where ranges.contains(where: { $0.contains(target) }) { extra += titleBonus }
                    score = -(-1.0 * score - extra)
                }
                top.offer(ScoredPassage(score: score, passage: target))
                guard cursors[0].next() else { return }
            }
        }
        if damaged { return nil }
        return (total, top.best(droppingFirst: offset).map { ($0.passage, $0.score) })
    }

    /// Runs `body` with the bytes of every blob.
    private static func withUnsafeBytes(ofAll blobs: [Data], _ body: ([UnsafeRawBufferPointer]) -> Void) {
        func nest(_ i: Int, _ acc: [UnsafeRawBufferPointer]) {
            if i == blobs.count { body(acc); return }
            blobs[i].withUnsafeBytes { nest(i + 1, acc + [$0]) }
        }
        nest(0, [])
    }
}
