import GRDB
import ZhikuText

/// Where a search looks: one passage-id range (a document, or the one document a filter leaves),
/// several (the documents a profile filter or a fact question selected), or everywhere.
struct SearchScope {
    /// A rowid range FTS5 seeks to (a document's passages have consecutive ids).
    var span: ClosedRange<Int64>?
    /// Several ranges, for the paths that take them.
    var within: [ClosedRange<Int64>]?
}

/// The steps of ``Searcher/search(_:options:collectIDsOnly:)``: the scope, the exact matches by the
/// first path that applies (impact list, title-aware union, dense postings, FTS5 with
/// `zhiku_rank`), and the relaxed fall-back when no passage has every term.
extension Searcher {
    /// The scope of a search, or nil when it holds nothing (a document without passages, a filter
    /// no document fits: said in `warnings`).
    func scope(_ db: Database, options: SearchOptions, response: inout SearchResponse) throws -> SearchScope? {
        var docSpan: ClosedRange<Int64>? = nil
        if let path = options.document {
            guard try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE path = ?", arguments: [path]) != nil else {
                throw ZhikuError(.notFound, "no document \(path) in the index")
            }
            let r = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT min(p.id), max(p.id) FROM passage p JOIN document d ON d.id = p.document_id WHERE d.path = ?
                """), arguments: [path])
            guard let lo = r?[0] as Int64?, let hi = r?[1] as Int64? else { return nil }  // a document without passages
            docSpan = lo...hi
        }
        // A profile filter, or the documents a fact question selected: passage ranges.
        guard let restrict = try restriction(db, options: options) else { return SearchScope(span: docSpan, within: nil) }
        let clipped = docSpan.map { s in restrict.compactMap { $0.overlaps(s) ? $0.clamped(to: s) : nil } } ?? restrict
        if clipped.isEmpty {
            if let f = options.filter { response.warnings.append("no document matches the filter (\(f.description))") }
            return nil
        }
        return clipped.count == 1 ? SearchScope(span: clipped[0], within: nil) : SearchScope(span: nil, within: clipped)
    }

    /// The passages that hold every term, ranked, by the first path that applies; and how many.
    func exactPage(_ db: Database, query: Query, expression strict: String, terms: [String], scope: SearchScope,
                   options: SearchOptions) throws -> (total: Int, ranked: [(Int64, Double)]) {
        let (docSpan, within) = (scope.span, scope.within)
        let titleDocs = query.groups.count > 1 && within == nil ? try Searcher.titleMatches(db, groups: query.groups) : []
        if !options.exactRanking, docSpan == nil, within == nil, query.groups.count == 1, query.groups[0].count == 1, query.excluded.isEmpty,
           let term = Impacts.term(forQuery: query.groups[0][0]),
           let page = try ImpactSearch.page(db, term: term, offset: options.offset, limit: options.limit) {
            // One frequent term: its impact list holds the top passages (same order as bm25()).
            return page
        } else if titleDocs.contains(where: { !$0.isEmpty }) {
            // Some terms name documents (in their titles): for those documents such a term
            // counts as present in every passage, and earns a bonus in the ranking.
            return try titleAwareSearch(db, query: query, titleDocs: titleDocs, span: docSpan, options: options)
        } else if within == nil, let page = try densePage(db, query: query, groups: query.groups, span: docSpan, options: options,
                                                           offset: options.offset, limit: options.limit) {
            // Frequent bigrams, all of them: intersected and ranked from their dense postings.
            return page
        }
        let page = try rankedPage(db, expression: strict, terms: terms, span: docSpan, within: within, limit: options.limit, offset: options.offset,
                                  oneTerm: terms.count == 1 && query.excluded.isEmpty, exact: options.exactRanking)
        return (page.total ?? 0, page.ranked)
    }

    /// No passage has every term: the passages with the most terms, then by BM25 (`response`'s
    /// total and warnings are set here).
    func relaxedPage(_ db: Database, query: Query, expression any: String, terms: [String], scope: SearchScope, options: SearchOptions,
                     highlighter: Highlighter, response: inout SearchResponse) throws -> [(Int64, Double)] {
        let (docSpan, within) = (scope.span, scope.within)
        var ranked: [(Int64, Double)] = []
        var relaxed: [(Int64, Double)] = []
        if query.groups.count == 2, !options.exactRanking, docSpan == nil, within == nil, query.excluded.isEmpty, terms.count == 2 {
            // Two terms and no passage with both: a passage's score is its one term's score
            // alone (the other adds 0), so the best are the best of each term, merged.
            var merged: [(Int64, Double)] = []
            response.total = 0
            for term in terms {
                let keep = options.offset + options.limit
                if let listed = Impacts.term(forQuery: term), let page = try ImpactSearch.page(db, term: listed, offset: 0, limit: keep) {
                    response.total += page.total
                    merged += page.ranked
                } else {
                    let page = try rankedPage(db, expression: Query.literal(term), terms: [term], limit: keep, offset: 0, oneTerm: true, exact: false)
                    response.total += page.total ?? 0
                    merged += page.ranked
                }
            }
            ranked = RankOrder.page(merged, offset: options.offset, limit: options.limit)
        } else if query.groups.count == 2 {
            // Two groups and no passage with both: every candidate has one; BM25 alone ranks.
            let page = try rankedPage(db, expression: any, terms: terms, span: docSpan, within: within, limit: options.limit, offset: options.offset,
                                      exact: options.exactRanking)
            (response.total, ranked) = (page.total ?? 0, page.ranked)
        } else {
            // Three or more groups: the best by BM25 alone, counted in the same pass, are
            // the candidates; below they are ordered by how many groups each holds.
            let page = try rankedPage(db, expression: any, terms: terms, span: docSpan, within: within, limit: Searcher.relaxedCandidates, offset: 0,
                                      exact: options.exactRanking)
            (response.total, relaxed) = (page.total ?? 0, page.ranked)
        }
        if response.total > 0 && query.groups.count == 2 {
            response.warnings.append("no passage contains every term; showing passages that contain the most of them")
        } else if response.total > 0 {
            response.warnings.append("no passage contains every term; showing passages that contain the most of them")
            let bodies = try Searcher.bodies(db, ids: relaxed.map(\.0))
            var scored: [(Int64, Double, Int)] = relaxed.compactMap { id, score in
                guard let body = bodies[id] else { return nil }
                let found = highlighter.matches(in: body).termsFound
                return (id, score, Searcher.groupsMatched(query.groups, terms: terms, found: found))
            }
            scored.sort { a, b in a.2 != b.2 ? a.2 > b.2 : a.1 > b.1 }
            ranked = Array(scored.dropFirst(options.offset).prefix(options.limit)).map { ($0.0, $0.1) }
        }
        return ranked
    }
}
