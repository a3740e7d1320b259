import Foundation
import GRDB
import GRDBSQLite

/// `zhiku_rank(passage_fts, context)`: FTS5's `bm25()`, operation for operation, without its
/// hidden costs; it counts the rows it sees and keeps the best of them itself.
///
/// For every matching row `bm25()` runs a `SELECT` on `passage_fts_docsize` to learn the row's
/// length, and, once per query, a full evaluation of every phrase (`xQueryPhrase`) to learn how
/// many rows contain it (its IDF); `ORDER BY … LIMIT` then inserts every row into a sorter, and the
/// caller runs `count(*)`, another evaluation, for the total. On the 58 MB laws index those were
/// most of a query with tens of thousands of matches. This function takes:
/// - the row length from ``PassageLengths`` (an array loaded once per index version), else from FTS5;
/// - a phrase's row count from the impact table when the term has a list, else from FTS5, and only
///   once a row contains the phrase (a phrase under `NOT` never needs one);
/// - for a query of one phrase, no IDF while ranking: the IDF is the same positive factor for every
///   row, so rows are ranked by the rest of the formula and ``Context/page()`` multiplies the page's
///   scores by the IDF of the rows counted, which are the rows containing the phrase;
/// - the best `keep` rows in a heap, ordered as `ORDER BY score, rowid` would, so the statement
///   needs no sorter and returns no row (the function returns NULL).
///
/// Scores equal `bm25()`'s bit for bit (the same double operations in the same order), less the
/// title bonus of ``Searcher/titleAwareSearch(_:query:titleDocs:span:options:)``; the tests compare the two on every query shape. In a one-phrase query two rows whose
/// scores differ before the IDF could in principle round to the same score after it, and then be
/// ordered by score rather than by id: none of the benchmark's queries shows it.
enum RankFunction {
    static let name = "zhiku_rank"
    /// The pointer type `sqlite3_bind_pointer` tags the context with.
    static let pointerType: StaticString = "zhiku_rank_context"

    /// Registers the function on a connection (in `prepareDatabase`, so every reader has it).
    static func register(_ db: Database) {
        let api = FTS5.api(db)
        _ = name.withCString { zName in
            api.pointee.xCreateFunction(UnsafeMutablePointer(mutating: api), zName, nil, rank, nil)
        }
    }

    /// One ranked row: the score as `bm25()` returns it (lower is better), less the bonus.
    struct Entry {
        var value: Double
        var rowid: Int64

        /// Whether `a` ranks before `b` (``RankOrder``; the score is `-value`).
        @inline(__always)
        static func < (a: Entry, b: Entry) -> Bool {
            RankOrder.precedes(score: -a.value, passage: a.rowid, score: -b.value, passage: b.rowid)
        }
    }

    /// The state of one query, owned by the caller while the statement runs and bound to it as a
    /// pointer. Plain memory, so the per-row path has no reference counting or exclusivity checks.
    struct State {
        var bodyWeight: Double
        var headingWeight: Double
        var lengths: UnsafeBufferPointer<UInt32>
        var knownHits: UnsafeBufferPointer<Int>  // -1: not known
        var deferIDF: Bool
        var keep: Int
        /// Title bonus ranges, ordered by group: (first id, last id, group).
        var bonusRanges: UnsafeBufferPointer<(Int64, Int64, Int)>
        var titleBonus: Double
        /// When not empty, the only id ranges whose rows are ranked and counted (sorted, disjoint).
        var within: UnsafeBufferPointer<(Int64, Int64)>

        var ready = false
        var idfDeferred = false
        var phrases = 0
        var frequencies: UnsafeMutablePointer<Double>? = nil
        var idf: UnsafeMutablePointer<Double>? = nil
        var hitsCounted: UnsafeMutablePointer<Int>? = nil  // -1: not counted by this query
        var averageLength = 0.0
        var rowCount: Int64 = 0
        var rows = 0
        var lengthLookups = 0
        var lastRowid: Int64 = .min
        var heap: UnsafeMutablePointer<Entry>
        var heapCount = 0
    }

    /// Owns a ``State`` and its buffers.
    final class Context {
        let state: UnsafeMutablePointer<State>
        private let known: UnsafeMutableBufferPointer<Int>
        private let bonusRanges: UnsafeMutableBufferPointer<(Int64, Int64, Int)>
        private let within: UnsafeMutableBufferPointer<(Int64, Int64)>

        /// - parameters:
        ///   - knownHits: rows containing each phrase, in phrase order, when known; nil: ask FTS5.
        ///   - keep: how many of the best rows to keep (offset + limit).
        ///   - deferIDF: the statement's rows are exactly the rows containing its phrase, if it has one.
        ///   - bonus: per group, id ranges whose rows score `titleBonus` more (once per group).
        ///   - within: when not empty, the only id ranges whose rows count (sorted, disjoint).
        init(bodyWeight: Double, headingWeight: Double, knownHits: [Int?], keep: Int, deferIDF: Bool,
             bonus: [[ClosedRange<Int64>]] = [], titleBonus: Double = 0, within: [ClosedRange<Int64>] = []) {
            self.within = .allocate(capacity: max(1, within.count))
            for (i, r) in within.enumerated() { self.within[i] = (r.lowerBound, r.upperBound) }
            known = .allocate(capacity: max(1, knownHits.count))
            for (i, h) in knownHits.enumerated() { known[i] = h ?? -1 }
            let flat = bonus.enumerated().flatMap { g, ranges in ranges.map { ($0.lowerBound, $0.upperBound, g) } }
            bonusRanges = .allocate(capacity: max(1, flat.count))
            for (i, r) in flat.enumerated() { bonusRanges[i] = r }
            state = .allocate(capacity: 1)
            state.initialize(to: State(bodyWeight: bodyWeight, headingWeight: headingWeight, lengths: UnsafeBufferPointer(start: nil, count: 0),
                                       knownHits: UnsafeBufferPointer(rebasing: known[0..<knownHits.count]), deferIDF: deferIDF,
                                       keep: max(1, keep), bonusRanges: UnsafeBufferPointer(rebasing: bonusRanges[0..<flat.count]),
                                       titleBonus: titleBonus, within: UnsafeBufferPointer(rebasing: self.within[0..<within.count]),
                                       heap: .allocate(capacity: max(1, keep))))
        }

        deinit {
            let s = state.pointee
            s.heap.deallocate()
            s.frequencies?.deallocate()
            s.idf?.deallocate()
            s.hitsCounted?.deallocate()
            known.deallocate()
            bonusRanges.deallocate()
            within.deallocate()
            state.deinitialize(count: 1)
            state.deallocate()
        }

        /// Rows ranked (all the matching rows once the statement is done).
        var rows: Int { state.pointee.rows }
        /// Rows whose length came from FTS5 rather than from the lengths array.
        var lengthLookups: Int { state.pointee.lengthLookups }
        /// Whether the rows were ranked without the IDF: ``rows`` is then the phrase's row count.
        var idfDeferred: Bool { state.pointee.idfDeferred }

        /// The rows containing phrase `i`, when this query had FTS5 count them.
        func hitsCounted(phrase i: Int) -> Int? {
            let s = state.pointee
            guard let counted = s.hitsCounted, i < s.phrases, counted[i] >= 0 else { return nil }
            return counted[i]
        }

        /// The kept rows, best first, with their final scores (higher is better, as hits show them).
        func page(offset: Int) -> [(Int64, Double)] {
            let s = state.pointee
            var entries = Array(UnsafeBufferPointer(start: s.heap, count: s.heapCount))
            entries.sort(by: <)
            let idf = s.idfDeferred ? BM25.idf(rows: Int(s.rowCount), hits: s.rows) : 1.0
            return entries.dropFirst(offset).map { e in
                // bm25() returns -1·(0 + idf·x); the function returned -1·(0 + 1·x) less the bonus (none when deferred).
                (e.rowid, s.idfDeferred ? -(-1.0 * (0.0 + idf * -e.value)) : -e.value)
            }
        }
    }

    private static let rank: fts5_extension_function = { api, fts, ctx, nVal, apVal in
        guard let api, let apVal, nVal >= 1,
              let raw = pointerType.utf8Start.withMemoryRebound(to: CChar.self, capacity: pointerType.utf8CodeUnitCount, {
                  sqlite3_value_pointer(apVal[0], $0)
              })
        else {
            sqlite3_result_error(ctx, "zhiku_rank(passage_fts, context) needs its context", -1)
            return
        }
        let s = raw.assumingMemoryBound(to: State.self)
        let a = api.pointee
        let within = s.pointee.within
        if !within.isEmpty {
            // Binary search for the last range starting at or before the row.
            let rowid = a.xRowid(fts)
            var lo = 0, hi = within.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if within[mid].0 <= rowid { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0, rowid <= within[lo - 1].1 else { sqlite3_result_null(ctx); return }
        }
        if !s.pointee.ready {
            let rc = prepare(s, a, fts)
            guard rc == SQLITE_OK else { sqlite3_result_error_code(ctx, rc); return }
        }
        let phrases = s.pointee.phrases
        let freq = s.pointee.frequencies!
        let idf = s.pointee.idf!
        for p in 0..<phrases { freq[p] = 0 }
        var nInst: Int32 = 0
        var rc = a.xInstCount(fts, &nInst)
        var i: Int32 = 0
        while rc == SQLITE_OK && i < nInst {
            var ip: Int32 = 0, ic: Int32 = 0, io: Int32 = 0
            rc = a.xInst(fts, i, &ip, &ic, &io)
            if rc == SQLITE_OK, ip >= 0, Int(ip) < phrases {
                freq[Int(ip)] += ic == 0 ? s.pointee.bodyWeight : ic == 1 ? s.pointee.headingWeight : 1.0
            }
            i += 1
        }
        guard rc == SQLITE_OK else { sqlite3_result_error_code(ctx, rc); return }
        let rowid = a.xRowid(fts)
        let lengths = s.pointee.lengths
        let length: Double
        if rowid >= 0, rowid < lengths.count, lengths[Int(rowid)] != PassageLengths.missing {
            length = Double(lengths[Int(rowid)])
        } else {
            var nTok: Int32 = 0
            rc = a.xColumnSize(fts, -1, &nTok)
            guard rc == SQLITE_OK else { sqlite3_result_error_code(ctx, rc); return }
            length = Double(nTok)
            s.pointee.lengthLookups += 1
        }
        let averageLength = s.pointee.averageLength
        var score = 0.0
        for p in 0..<phrases {
            let f = freq[p]
            guard f != 0 else { continue }  // bm25() adds idf · 0 = 0: the phrase's IDF is not needed
            if idf[p].isNaN {
                var hits: Int64 = 0
                rc = a.xQueryPhrase(fts, Int32(p), &hits) { _, _, user in
                    user!.assumingMemoryBound(to: Int64.self).pointee += 1
                    return SQLITE_OK
                }
                guard rc == SQLITE_OK else { sqlite3_result_error_code(ctx, rc); return }
                idf[p] = BM25.idf(rows: Int(s.pointee.rowCount), hits: Int(hits))
                s.pointee.hitsCounted![p] = Int(hits)
            }
            score += BM25.termScore(frequency: f, length: length, idf: idf[p], averageLength: averageLength)
        }
        var value = -1.0 * score
        let ranges = s.pointee.bonusRanges
        if !ranges.isEmpty {
            // As SQL computed it: bm25() - ((CASE … THEN bonus ELSE 0 END) + …), one term per group.
            var bonus = 0.0
            var group = -1
            for r in ranges where r.2 != group && rowid >= r.0 && rowid <= r.1 {
                bonus += s.pointee.titleBonus
                group = r.2
            }
            value -= bonus
        }
        if rowid != s.pointee.lastRowid {  // SQLite may evaluate a function twice for one row
            s.pointee.lastRowid = rowid
            s.pointee.rows += 1
            offer(s, Entry(value: value, rowid: rowid))
        }
        sqlite3_result_null(ctx)  // the caller reads the kept rows, not the column
    }

    /// First row of the query: the collection's figures, the phrases' IDFs known so far.
    private static func prepare(_ s: UnsafeMutablePointer<State>, _ a: Fts5ExtensionApi, _ fts: OpaquePointer?) -> Int32 {
        let phrases = Int(a.xPhraseCount(fts))
        var nRow: Int64 = 0, nToken: Int64 = 0
        var rc = a.xRowCount(fts, &nRow)
        if rc == SQLITE_OK { rc = a.xColumnTotalSize(fts, -1, &nToken) }
        guard rc == SQLITE_OK else { return rc }
        s.pointee.rowCount = nRow
        s.pointee.averageLength = Double(nToken) / Double(nRow)
        s.pointee.phrases = phrases
        let freq = UnsafeMutablePointer<Double>.allocate(capacity: max(1, phrases))
        let idf = UnsafeMutablePointer<Double>.allocate(capacity: max(1, phrases))
        let counted = UnsafeMutablePointer<Int>.allocate(capacity: max(1, phrases))
        counted.initialize(repeating: -1, count: max(1, phrases))
        s.pointee.hitsCounted = counted
        freq.initialize(repeating: 0, count: max(1, phrases))
        idf.initialize(repeating: .nan, count: max(1, phrases))
        let known = s.pointee.knownHits
        if s.pointee.deferIDF && phrases == 1 {
            idf[0] = 1.0
            s.pointee.idfDeferred = true
        } else {
            for i in 0..<min(phrases, known.count) where known[i] >= 0 {
                idf[i] = BM25.idf(rows: Int(nRow), hits: known[i])
            }
        }
        s.pointee.frequencies = freq
        s.pointee.idf = idf
        s.pointee.ready = true
        return SQLITE_OK
    }

    /// Keeps the `keep` best entries in a heap whose root is the worst of them.
    @inline(__always)
    private static func offer(_ s: UnsafeMutablePointer<State>, _ e: Entry) {
        let heap = s.pointee.heap
        var n = s.pointee.heapCount
        if n < s.pointee.keep {
            var i = n
            heap[i] = e
            n += 1
            s.pointee.heapCount = n
            while i > 0 {
                let parent = (i - 1) / 2
                guard heap[parent] < heap[i] else { break }
                heap.swapAt(parent, i)
                i = parent
            }
            return
        }
        guard e < heap[0] else { return }
        heap[0] = e
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var worst = i
            if l < n, heap[worst] < heap[l] { worst = l }
            if r < n, heap[worst] < heap[r] { worst = r }
            if worst == i { break }
            heap.swapAt(worst, i)
            i = worst
        }
    }
}

private extension UnsafeMutablePointer where Pointee == RankFunction.Entry {
    @inline(__always)
    func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]
        self[i] = self[j]
        self[j] = t
    }
}
