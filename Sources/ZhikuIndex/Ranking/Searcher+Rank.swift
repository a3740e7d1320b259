import Foundation
import GRDB
import GRDBSQLite

extension Searcher {
    /// One page of the passages `expression` matches, best first, and how many there are.
    ///
    /// By default ``RankFunction`` ranks (the scores of FTS5's `bm25()` with the searcher's column
    /// weights), keeping the best rows and counting them all: one evaluation of the query, no sort.
    /// With `exact`, FTS5's own `bm25()` ranks and a second query counts: the reference the tests
    /// and the benchmark compare against.
    /// - parameters:
    ///   - terms: the terms whose phrases make up `expression`, in order (their row counts may be
    ///     known from the impact lists); phrases after them (exclusions) never need one.
    ///   - span: only passages with ids in this range (a document's passages are consecutive).
    ///   - within: only passages with ids in these ranges (sorted, disjoint; `span` is then nil).
    ///   - bonus: per title group, the id ranges of the documents it names; a passage in one of a
    ///     group's ranges scores ``titleBonus`` more.
    ///   - count: whether to count the rows; the count is nil otherwise (it may still be given).
    ///   - oneTerm: `expression` is a single phrase, so with no span the rows counted are the rows
    ///     containing the phrase (see ``RankFunction``).
    func rankedPage(_ db: Database, expression: String, terms: [String], span: ClosedRange<Int64>? = nil,
                    within: [ClosedRange<Int64>]? = nil, bonus: [[ClosedRange<Int64>]] = [], limit: Int, offset: Int,
                    count: Bool = true, oneTerm: Bool = false, exact: Bool) throws -> (total: Int?, ranked: [(Int64, Double)]) {
        try QueryBudget.check(db)  // FTS5's prefix expansions run inside one step, past the progress handler
        var span = span
        // Rows containing each term's phrase, where known (the default path only; the reference asks FTS5).
        let version = try PassageLengths.version(db)
        let knownHits = exact ? [] : try self.knownHits(db, terms: terms, version: version)
        if let within {
            guard let first = within.first, let last = within.last else { return (0, []) }
            // The reference runs one query per range; the default one per cluster of ranges close
            // enough that reading the rows between them costs less than another query.
            let clusters = exact ? within.map { [$0] } : try Searcher.clusters(db, within, terms: terms, knownHits: knownHits)
            if clusters.count > 1 {
                var total = 0
                var merged: [(Int64, Double)] = []
                for c in clusters {
                    let page = try rankedPage(db, expression: expression, terms: terms, span: c.count == 1 ? c[0] : nil,
                                              within: c.count == 1 ? nil : c, bonus: bonus, limit: offset + limit, offset: 0,
                                              count: count, exact: exact)
                    total += page.total ?? 0
                    merged += page.ranked
                }
                return (count ? total : nil, RankOrder.page(merged, offset: offset, limit: limit))
            }
            span = first.lowerBound...last.upperBound  // FTS5 seeks to the whole; the function keeps to the ranges
        }
        let spanSQL = span == nil ? "" : " AND f.rowid BETWEEN ?3 AND ?4"
        let spanArguments: StatementArguments = span.map { [$0.lowerBound, $0.upperBound] } ?? []
        if exact {
            let bonusSQL = bonus.isEmpty ? "" : " - (" + bonus.map { ranges in
                let test = ranges.map { "f.rowid BETWEEN \($0.lowerBound) AND \($0.upperBound)" }.joined(separator: " OR ")
                return "(CASE WHEN \(ranges.isEmpty ? "0" : test) THEN \(Searcher.titleBonus) ELSE 0 END)"
            }.joined(separator: " + ") + ")"
            let rank = "bm25(f.passage_fts, \(Searcher.bodyWeight), \(Searcher.headingWeight))"
            // The reference path, not cached: the bonus holds numbers of this search.
            let ranked = try Row.fetchAll(db, sql: """
                SELECT f.rowid, \(rank)\(bonusSQL) AS s FROM passage_fts f WHERE f.passage_fts MATCH ?1\(spanSQL) ORDER BY s, f.rowid LIMIT ?2 OFFSET ?5
                """, arguments: [expression, limit] + (span == nil ? [nil, nil] : spanArguments) + [offset]).map { ($0[0] as Int64, -($0[1] as Double)) }
            guard count else { return (nil, ranked) }
            if offset == 0 && ranked.count < limit { return (ranked.count, ranked) }  // a short first page is all of them
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM passage_fts f WHERE f.passage_fts MATCH ?1\(spanSQL)",
                                         arguments: span == nil ? [expression] : [expression, nil] + spanArguments) ?? 0
            return (total, ranked)
        }
        let context = RankFunction.Context(bodyWeight: Searcher.bodyWeight, headingWeight: Searcher.headingWeight, knownHits: knownHits,
                                           keep: offset + limit, deferIDF: oneTerm && span == nil && within == nil && bonus.isEmpty,
                                           bonus: bonus, titleBonus: Searcher.titleBonus, within: within ?? [])
        // The function keeps the best rows and counts them, and returns NULL: the statement returns
        // no row and SQLite sorts nothing. (FTS5 refuses its functions inside an aggregate.) The
        // span is in the WHERE clause, where FTS5 seeks to it, and again inside the CASE, so that
        // only the rows it lets through are ranked and counted, whatever order SQLite evaluates the
        // terms in. No number of this search is in the SQL: one cached statement per shape.
        let statement = try db.cachedStatement(sql: """
            SELECT f.rowid FROM passage_fts f WHERE f.passage_fts MATCH ?2\(spanSQL)
            AND (CASE WHEN 1\(spanSQL) THEN \(RankFunction.name)(f.passage_fts, ?1) END) IS NOT NULL
            """)
        let s = statement.sqliteStatement
        let lengths = try store.lengths.current(db, version: version) ?? []
        try lengths.withUnsafeBufferPointer { lengths in
            context.state.pointee.lengths = lengths
            defer { context.state.pointee.lengths = UnsafeBufferPointer(start: nil, count: 0) }
            sqlite3_reset(s)
            sqlite3_clear_bindings(s)
            defer { sqlite3_reset(s); sqlite3_clear_bindings(s) }  // no pointer to the text or the context outlives this call
            // Every bind checked: a failed one would leave the function without its context.
            try FastInsert.check(RankFunction.pointerType.utf8Start.withMemoryRebound(to: CChar.self, capacity: RankFunction.pointerType.utf8CodeUnitCount) {
                sqlite3_bind_pointer(s, 1, UnsafeMutableRawPointer(context.state), $0, nil)
            }, statement, db)
            if let span {
                try FastInsert.check(sqlite3_bind_int64(s, 3, span.lowerBound), statement, db)
                try FastInsert.check(sqlite3_bind_int64(s, 4, span.upperBound), statement, db)
            }
            var text = expression
            try text.withUTF8 { utf8 in
                try FastInsert.check(FastInsert.bindText(s, 2, utf8), statement, db)  // SQLITE_STATIC: stepped and reset inside this closure
                var rc = sqlite3_step(s)
                while rc == SQLITE_ROW { rc = sqlite3_step(s) }
                guard rc == SQLITE_DONE else { throw FastInsert.error(rc, db, sql: statement.sql) }
            }
        }
        store.lengths.noteLookups(context.lengthLookups)
        // What FTS5 counted is remembered for the later queries of this search and of others.
        var learnt: [(String, Int)] = []
        for (i, term) in terms.enumerated() { if let h = context.hitsCounted(phrase: i) { learnt.append((term, h)) } }
        if context.idfDeferred, let term = terms.first { learnt.append((term, context.rows)) }  // the rows are the phrase's
        store.phraseStatistics.record(learnt, version: version)
        return (context.rows, context.page(offset: offset))
    }
}

extension Searcher {
    /// The page of `groups` (all of them) from their ``DensePostings``, when the search allows it
    /// (default ranking, no document filter, no exclusion, two groups or more of one term each,
    /// passage lengths loaded) and every term has them; nil otherwise (FTS5 answers).
    /// - parameter bonus: per title group, the id ranges of the documents it names (``titleBonus``).
    func densePage(_ db: Database, query: Query, groups: [[String]], span: ClosedRange<Int64>?, options: SearchOptions,
                   offset: Int, limit: Int, bonus: [[ClosedRange<Int64>]] = []) throws -> (total: Int, ranked: [(Int64, Double)])? {
        guard !options.exactRanking, span == nil, query.excluded.isEmpty, groups.count >= 2, groups.allSatisfy({ $0.count == 1 }),
              let lengths = try store.lengths.current(db) else { return nil }
        try QueryBudget.check(db)
        return try DensePostings.page(db, terms: groups.flatMap { $0 }, lengths: lengths, offset: offset, limit: limit,
                                      bonus: bonus, titleBonus: Searcher.titleBonus)
    }

    /// Rows between two ranges worth reading rather than starting another query (a query costs
    /// tens of microseconds to start; a row read and refused, a fraction of one).
    static let clusterGapRows = 100.0

    /// The rows containing each term's phrase, when known: counted by FTS5 for an earlier query of
    /// this index version (``PhraseStatistics``), else the term's impact list.
    func knownHits(_ db: Database, terms: [String], version: Data) throws -> [Int?] {
        let remembered = store.phraseStatistics.hits(terms, version: version)
        return try terms.enumerated().map { i, term in try remembered[i] ?? ImpactSearch.documentFrequency(db, term: term) }
    }

    /// `ranges` (sorted, disjoint) in clusters: a range joins the previous one when the rows the
    /// query is expected to match between them are few. The expectation takes the rarest term's
    /// share of passages: its count when known (`knownHits`); a single token without an impact
    /// list is in fewer than ``Impacts/minDocumentFrequency`` passages; a phrase of several tokens
    /// never counted may be anywhere, and is taken as in a twentieth of them.
    static func clusters(_ db: Database, _ ranges: [ClosedRange<Int64>], terms: [String],
                         knownHits: [Int?]) throws -> [[ClosedRange<Int64>]] {
        guard ranges.count > 1, let stats = try CollectionStatistics.read(db), stats.rows > 0 else { return ranges.isEmpty ? [] : [ranges] }
        var rarest = Int.max
        for (i, term) in terms.enumerated() {
            if i < knownHits.count, let n = knownHits[i] {
                rarest = min(rarest, n)
            } else if Impacts.term(forQuery: term) != nil {
                rarest = min(rarest, Impacts.minDocumentFrequency)
            } else {
                rarest = min(rarest, max(Impacts.minDocumentFrequency, stats.rows / 20))
            }
        }
        let density = Double(rarest) / Double(stats.rows)
        var out: [[ClosedRange<Int64>]] = []
        for r in ranges {
            if let last = out.last?.last, Double(r.lowerBound - last.upperBound) * density < clusterGapRows {
                out[out.count - 1].append(r)
            } else {
                out.append([r])
            }
        }
        return out
    }
}
