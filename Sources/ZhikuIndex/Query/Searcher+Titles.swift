import GRDB

extension Searcher {
    /// Ranks passages when some query groups name documents in their titles (湖北 → 湖北省政府工作报告).
    ///
    /// A passage matches when every group is in its text or headings, or in its document's title.
    /// That is a union of plain FTS5 queries, each fast: every group in the passage; and, for each
    /// title group (or pair of them), the other groups in the passages of the documents the title
    /// group names. Each query ranks by BM25 less a bonus per title group naming the passage's
    /// document, and keeps its best `offset + limit`; the union is merged on that score. `total`
    /// counts the union exactly.
    func titleAwareSearch(_ db: Database, query: Query, titleDocs: [[Int64]], span: ClosedRange<Int64>?,
                          options: SearchOptions) throws -> (total: Int, ranked: [(Int64, Double)]) {
        let groups = query.groups
        let titled = titleDocs.indices.filter { !titleDocs[$0].isEmpty }
        // Variants: which groups the documents' titles stand in for, and the documents that allows.
        var variants: [(skip: Set<Int>, docs: Set<Int64>?)] = [([], nil)]
        for i in titled { variants.append(([i], Set(titleDocs[i]))) }
        for (x, i) in titled.enumerated() {
            for j in titled.dropFirst(x + 1) {
                let both = Set(titleDocs[i]).intersection(titleDocs[j])
                if !both.isEmpty { variants.append(([i, j], both)) }
            }
        }
        // A document's passages have consecutive ids, so "in these documents" is a test on the FTS
        // rowid itself: no join, no lookup per matching row.
        let allDocs = Set(titled.flatMap { titleDocs[$0] })
        var spans: [Int64: ClosedRange<Int64>] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT document_id, min(id), max(id) FROM passage WHERE document_id IN (SELECT value FROM json_each(?)) GROUP BY document_id
            """), arguments: ["[" + allDocs.map(String.init).joined(separator: ",") + "]"]) {
            spans[row[0]] = (row[1] as Int64)...(row[2] as Int64)
        }
        func ranges(_ docs: some Sequence<Int64>) -> [ClosedRange<Int64>] {
            docs.compactMap { spans[$0] }.sorted { $0.lowerBound < $1.lowerBound }
        }
        let bonus = titled.map { ranges(titleDocs[$0]) }
        var best: [Int64: Double] = [:]
        var total = 0
        for v in variants {
            let rest = groups.enumerated().filter { !v.skip.contains($0.offset) }.map(\.element)
            guard !rest.isEmpty, var expr = query.expression(groups: rest) else { continue }
            if rest.count == groups.count, let strict = query.matchExpression { expr = strict }
            // The passages of the variant's documents: one query over the range that covers them.
            var within: [ClosedRange<Int64>]? = nil
            if let docs = v.docs {
                within = ranges(docs).compactMap { r in
                    guard let span else { return r }
                    return r.overlaps(span) ? r.clamped(to: span) : nil
                }
            }
            // A variant ranks and counts only the passages lacking every skipped group in their text:
            // those that have them all are the first variant's, where they score at least as high
            // (the same phrases and bonus, plus the skipped ones'). So the counts add up to the size
            // of the union without building it, and the union's best are the variants' best.
            let skipped = groups.enumerated().filter { v.skip.contains($0.offset) }.flatMap(\.element)
            if !skipped.isEmpty { expr = "(\(expr)) NOT (\(skipped.map(Query.literal).joined(separator: " OR ")))" }
            var page: (total: Int?, ranked: [(Int64, Double)])
            if v.docs == nil, skipped.isEmpty,
               let dense = try densePage(db, query: query, groups: rest, span: span, options: options,
                                         offset: 0, limit: options.offset + options.limit, bonus: bonus) {
                // Every group, all frequent bigrams: the intersection of their dense postings.
                page = (dense.total, dense.ranked)
            } else {
                page = try rankedPage(db, expression: expr, terms: rest.flatMap { $0 }, span: within == nil ? span : nil, within: within,
                                      bonus: bonus, limit: options.offset + options.limit, offset: 0,
                                      exact: options.exactRanking)
            }
            for (id, score) in page.ranked where score > best[id] ?? -Double.infinity { best[id] = score }
            total += page.total ?? 0
        }
        return (total, RankOrder.page(best.map { ($0.key, $0.value) }, offset: options.offset, limit: options.limit))
    }
}
