import GRDB
import GRDBSQLite

extension Searcher {
    /// One page of the passages `expression` matches, best first, and how many there are.
    ///
    /// By default ``RankFunction`` ranks (the scores of FTS5's `bm25()` with the searcher's column
    /// weights), keeping the best rows and counting them all: one evaluation of the query, no sort. With
    /// `exact`, FTS5's own `bm25()` ranks and a second query counts, the reference the tests and
    /// the benchmark compare against.
    /// - parameters:
    ///   - terms: the terms whose phrases make up `expression`, in order (their row counts may be
    ///     known from the impact lists); phrases after them (exclusions) never need one.
    ///   - filter: SQL appended to `WHERE f.passage_fts MATCH ?`, over `f.rowid`; no user text.
    ///   - bonus: an SQL expression over `f.rowid` subtracted from the score (no user text).
    ///   - count: whether to count the rows; the count is nil otherwise (it may still be given).
    ///   - phraseHits: row counts of phrases learnt by earlier queries of the same search, and
    ///     where this one adds those it learns.
    ///   - oneTerm: `expression` is a single phrase and `filter` is empty, so the rows counted are the
    ///     rows containing the phrase (see ``RankFunction``).
    func rankedPage(_ db: Database, expression: String, terms: [String], filter: String = "", bonus: String? = nil,
                    limit: Int, offset: Int, count: Bool = true, oneTerm: Bool = false,
                    exact: Bool, phraseHits: PhraseHits? = nil) throws -> (total: Int?, ranked: [(Int64, Double)]) {
        let bonusSQL = bonus.map { " - (\($0))" } ?? ""
        if exact {
            let rank = "bm25(f.passage_fts, \(Searcher.bodyWeight), \(Searcher.headingWeight))"
            let ranked = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT f.rowid, \(rank)\(bonusSQL) AS s FROM passage_fts f WHERE f.passage_fts MATCH ?\(filter) ORDER BY s, f.rowid LIMIT ? OFFSET ?
                """), arguments: [expression, limit, offset]).map { ($0[0] as Int64, -($0[1] as Double)) }
            guard count else { return (nil, ranked) }
            if offset == 0 && ranked.count < limit { return (ranked.count, ranked) }  // a short first page is all of them
            let total = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM passage_fts f WHERE f.passage_fts MATCH ?\(filter)"),
                                         arguments: [expression]) ?? 0
            return (total, ranked)
        }
        let impactDF = try db.cachedStatement(sql: "SELECT df FROM impact WHERE term = ?")
        let knownHits: [Int?] = try terms.map { term in
            if let hits = phraseHits?.byTerm[term] { return hits }
            guard let t = Impacts.term(forQuery: term) else { return nil }
            return try Int.fetchOne(impactDF, arguments: [t])
        }
        let context = RankFunction.Context(bodyWeight: Searcher.bodyWeight, headingWeight: Searcher.headingWeight, knownHits: knownHits,
                                           keep: offset + limit, deferIDF: oneTerm && filter.isEmpty && bonus == nil)
        // The function keeps the best rows and counts them, and returns NULL: the statement returns
        // no row and SQLite sorts nothing. (FTS5 refuses its functions inside an aggregate.) The
        // filter is in the WHERE clause, where FTS5 can use a rowid range, and again inside the CASE,
        // so that only the rows it lets through are ranked and counted, whatever order SQLite
        // evaluates the terms in.
        let statement = try db.cachedStatement(sql: """
            SELECT f.rowid FROM passage_fts f WHERE f.passage_fts MATCH ?2\(filter)
            AND (CASE WHEN 1\(filter) THEN \(RankFunction.name)(f.passage_fts, ?1\(bonus.map { ", " + $0 } ?? "")) END) IS NOT NULL
            """)
        let s = statement.sqliteStatement
        let lengths = try store.lengths.current(db) ?? []
        try lengths.withUnsafeBufferPointer { lengths in
            context.state.pointee.lengths = lengths
            defer { context.state.pointee.lengths = UnsafeBufferPointer(start: nil, count: 0) }
            sqlite3_reset(s)
            sqlite3_clear_bindings(s)
            defer { sqlite3_reset(s); sqlite3_clear_bindings(s) }  // no pointer to the text or the context outlives this call
            RankFunction.pointerType.utf8Start.withMemoryRebound(to: CChar.self, capacity: RankFunction.pointerType.utf8CodeUnitCount) {
                _ = sqlite3_bind_pointer(s, 1, UnsafeMutableRawPointer(context.state), $0, nil)
            }
            var text = expression
            try text.withUTF8 { utf8 in
                FastInsert.bindText(s, 2, utf8)  // SQLITE_STATIC: stepped and reset inside this closure
                var rc = sqlite3_step(s)
                while rc == SQLITE_ROW { rc = sqlite3_step(s) }
                guard rc == SQLITE_DONE else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                        sql: statement.sql)
                }
            }
        }
        store.lengths.noteLookups(context.lengthLookups)
        if let phraseHits {
            for (i, term) in terms.enumerated() { if let h = context.hitsCounted(phrase: i) { phraseHits.byTerm[term] = h } }
        }
        return (context.rows, context.page(offset: offset))
    }
}

/// Rows containing each term's phrase, shared by the queries of one search.
final class PhraseHits {
    var byTerm: [String: Int] = [:]
}
