import Foundation
import GRDB
import GRDBSQLite
import ZhikuText

/// Runs queries against an ``IndexStore``: FTS5 finds and ranks (BM25, headings weighted above the
/// body), the ``Highlighter`` marks, ``Snippet`` cuts.
struct Searcher {
    let store: IndexStore
    let extractor: KnowledgeExtractor

    /// BM25 column weights (columns: body, heading path): a heading's words count twice. Whole
    /// numbers, because the impact lists count weighted frequencies as integers
    /// (``PassageCounter``, ``SegmentedPassages``) from these same constants.
    static let bodyWeightCount: Int32 = 1
    static let headingWeightCount: Int32 = 2
    static let bodyWeight = Double(bodyWeightCount)
    static let headingWeight = Double(headingWeightCount)
    /// Score added for each query term found in the passage's document title rather than its text.
    static let titleBonus = 2.0
    /// Most documents a title term may select: a term found in many titles (管理, 条例) names no
    /// document in particular, and is matched in passages only.
    static let maxTitleDocuments = 20

    /// For each group, the documents whose title contains one of its terms.
    static func titleMatches(_ db: Database, groups: [[String]]) throws -> [[Int64]] {
        try groups.map { group in
            let expr = group.map(Query.literal).joined(separator: " OR ")
            let ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT rowid FROM document_fts WHERE document_fts MATCH ? LIMIT ?"),
                                         arguments: [expr, maxTitleDocuments + 1])
            return ids.count > maxTitleDocuments ? [] : ids
        }
    }

    /// Candidates ranked in the relaxed fall-back.
    static let relaxedCandidates = 200

    func search(_ text: String, options: SearchOptions) throws -> SearchResponse {
        try search(text, options: options, collectIDsOnly: false).response
    }

    func search(_ text: String, options: SearchOptions, collectIDsOnly: Bool) throws -> (response: SearchResponse, ids: [Int64]) {
        let started = DispatchTime.now()
        try options.validate()
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw ZhikuError(.argument, "empty query") }
        guard trimmed.unicodeScalars.count <= SearchOptions.maxQueryScalars else {
            throw ZhikuError(.argument, "query too long (\(trimmed.unicodeScalars.count) characters; the limit is \(SearchOptions.maxQueryScalars))")
        }
        let query = Query(parsing: trimmed, maxTerms: options.maxTerms)
        var response = SearchResponse(query: trimmed, tokens: query.tokens, total: 0, totalExact: true, offset: options.offset,
                                       limit: options.limit, timedOut: false, matchedAll: true, warnings: query.warnings,
                                       hits: [], tookMs: 0)
        guard let strict = query.matchExpression else {
            response.tookMs = Searcher.ms(since: started)
            return (response, [])
        }
        var rankedIDs: [Int64] = []
        let terms = query.groups.flatMap { $0 }
        let highlighter = Highlighter(terms: terms)
        // The plan, step by step (ARCHITECTURE.md, "Which query takes which path"): where to look,
        // the exact matches by the first path that applies, the relaxed fall-back when none has
        // every term, then the passages only other names match.
        func run(_ db: Database) throws {
            guard let scope = try scope(db, options: options, response: &response) else { return }
            var ranked: [(Int64, Double)]
            (response.total, ranked) = try exactPage(db, query: query, expression: strict, terms: terms, scope: scope, options: options)
            if response.total == 0, query.groups.count > 1, let any = query.anyGroupExpression {
                response.matchedAll = false
                ranked = try relaxedPage(db, query: query, expression: any, terms: terms, scope: scope, options: options,
                                         highlighter: highlighter, response: &response)
            }
            // Passages that name a term only by another name, after the exact ones (instead of the
            // relaxed fall-back when nothing matched exactly).
            var expandedPart: (ranked: [(Int64, Double)], highlighter: Highlighter)? = nil
            if !collectIDsOnly, options.expandAliases, !response.timedOut,
               let found = try aliasPage(db, query: query, exactTotal: response.matchedAll ? response.total : 0, span: scope.span,
                                         within: scope.within, options: options) {
                if !response.matchedAll {
                    // Nothing matched every term; the other names do: they come first.
                    ranked = []
                    response.total = 0
                    response.matchedAll = true
                    response.warnings.removeAll { $0.hasPrefix("no passage contains every term") }
                }
                response.total += found.total
                response.warnings.append(found.warning)
                expandedPart = (found.ranked, found.highlighter)
            }
            rankedIDs = ranked.map(\.0)
            if !collectIDsOnly {
                response.hits = try hits(db, ranked: ranked, offset: options.offset, highlighter: highlighter, options: options)
                if let e = expandedPart {
                    response.hits += try hits(db, ranked: e.ranked, offset: options.offset + ranked.count, highlighter: e.highlighter, options: options)
                }
            }
        }
        try store.read { db in
            let budget = options.timeoutMs.map { QueryBudget(db, milliseconds: $0) }
            defer { budget?.remove() }
            do {
                try run(db)
            } catch let e as DatabaseError where e.resultCode == .SQLITE_INTERRUPT && budget?.expired == true {
                response.timedOut = true
                response.totalExact = false
                response.warnings.append("the query ran past its time budget of \(options.timeoutMs ?? 0) ms; results are partial")
            }
        }
        response.tookMs = Searcher.ms(since: started)
        return (response, rankedIDs)
    }

    /// The stored text of the passages `ids`, by id.
    static func bodies(_ db: Database, ids: [Int64]) throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        var out: [Int64: String] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT id, body FROM passage WHERE id IN (SELECT value FROM json_each(?))"),
                                    arguments: [list]) {
            out[row[0]] = StoredText.decode(row[1] as Data)
        }
        return out
    }

    /// The ids of the passages `text` finds, best first (no snippets, no entities).
    func rankedPassageIDs(_ text: String, options: SearchOptions) throws -> (ids: [Int64], matchedAll: Bool) {
        var o = options
        o.includeEntities = false
        o.maxTerms = Query.maxTermsLimit  // the fact finder's own queries (a keyword's bigrams) are not a user's
        let r = try search(text, options: o, collectIDsOnly: true)
        return (r.ids, r.response.matchedAll)
    }

    static func groupsMatched(_ groups: [[String]], terms: [String], found: Set<Int>) -> Int {
        var index = 0
        var count = 0
        for g in groups {
            if (index..<(index + g.count)).contains(where: { found.contains($0) }) { count += 1 }
            index += g.count
        }
        return count
    }

    /// One passage of a page, as stored.
    struct StoredHit {
        var number: Int
        var heading: String
        var body: String
        var path: String
        var title: String?
        var date: String?
        var context: String?
        /// The passage's entities as stored at index time; nil when they were not stored.
        var entitiesJSON: String?
    }

    func hits(_ db: Database, ranked: [(Int64, Double)], offset: Int, highlighter: Highlighter, options: SearchOptions) throws -> [Hit] {
        guard !ranked.isEmpty else { return [] }
        // One point lookup per hit, on one cached statement, read with SQLite's C API by column
        // number: GRDB's rows (a boxed value per column, looked up by name) cost more than the
        // page's SQL, and `id IN (SELECT value FROM json_each(?))` built a temporary index for
        // the list, two fifths of this function on a two-hit page.
        let statement = try db.cachedStatement(sql: """
            SELECT p.number, coalesce(h.path, ''), p.body, d.path, d.title, d.date, d.context, p.entities
            FROM passage p JOIN document d ON d.id = p.document_id LEFT JOIN heading h ON h.id = p.heading_id
            WHERE p.id = ?
            """)
        let s = statement.sqliteStatement
        func text(_ i: Int32) -> String? {
            guard sqlite3_column_type(s, i) != SQLITE_NULL, let p = sqlite3_column_text(s, i) else { return nil }
            return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i))), as: UTF8.self)
        }
        defer { sqlite3_reset(s); sqlite3_clear_bindings(s) }
        var rows: [Int64: StoredHit] = [:]
        rows.reserveCapacity(ranked.count)
        for (id, _) in ranked where rows[id] == nil {
            sqlite3_reset(s)
            try FastInsert.check(sqlite3_bind_int64(s, 1, id), statement, db)
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { continue }  // gone since it was ranked: skipped, as before
            guard rc == SQLITE_ROW else { throw FastInsert.error(rc, db, sql: statement.sql) }
            let body = sqlite3_column_blob(s, 2).map {
                StoredText.decode(UnsafeRawBufferPointer(start: $0, count: Int(sqlite3_column_bytes(s, 2))))
            } ?? ""
            // Entities as stored at index time (NULL: not stored, extracted below).
            let entities = !options.includeEntities || sqlite3_column_type(s, 7) == SQLITE_NULL ? nil
                : EntityCodec.unpack(UnsafeRawBufferPointer(start: sqlite3_column_blob(s, 7), count: Int(sqlite3_column_bytes(s, 7))))
            rows[id] = StoredHit(number: Int(sqlite3_column_int64(s, 0)), heading: text(1) ?? "", body: body,
                                 path: text(3) ?? "", title: text(4), date: text(5), context: text(6), entitiesJSON: entities)
        }
        var hits: [Hit] = []
        hits.reserveCapacity(ranked.count)
        for (i, (id, score)) in ranked.enumerated() {
            guard let row = rows[id] else { continue }
            let ranges = highlighter.matches(in: row.body).ranges
            let snippet = Snippet(text: row.body, highlights: ranges, length: options.snippetLength)
            hits.append(Hit(
                rank: offset + i + 1, doc: row.path, title: row.title ?? row.path, passage: row.number,
                heading: Schema.headings(ofPath: row.heading),
                text: row.body, score: (score * 10_000).rounded() / 10_000, snippet: snippet.text, hl: snippet.highlights,
                marked: options.marks.map { snippet.marked(pre: $0.pre, post: $0.post) },
                entitiesJSON: options.includeEntities
                    ? row.entitiesJSON ?? extractor.entitiesJSON(passage: row.body, documentDate: row.date, context: row.context) : nil))
        }
        return hits
    }

    static func ms(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }
}
