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
        for row in try Row.fetchAll(db, sql: """
            SELECT document_id, min(id), max(id) FROM passage WHERE document_id IN (SELECT value FROM json_each(?)) GROUP BY document_id
            """, arguments: ["[" + allDocs.map(String.init).joined(separator: ",") + "]"]) {
            spans[row[0]] = (row[1] as Int64)...(row[2] as Int64)
        }
        func ranges(_ docs: some Sequence<Int64>) -> [ClosedRange<Int64>] {
            docs.compactMap { spans[$0] }.sorted { $0.lowerBound < $1.lowerBound }
        }
        let bonus = titled.map { ranges(titleDocs[$0]) }
        var best: [Int64: Double] = [:]
        var total = 0
        let phraseHits = PhraseHits()
        for v in variants {
            let rest = groups.enumerated().filter { !v.skip.contains($0.offset) }.map(\.element)
            guard !rest.isEmpty, var expr = query.expression(groups: rest) else { continue }
            if rest.count == groups.count, let strict = query.matchExpression { expr = strict }
            // One query per document: a single rowid range, which FTS5 seeks to.
            var variantSpans: [ClosedRange<Int64>?] = [span]
            if let docs = v.docs {
                variantSpans = ranges(docs).compactMap { r in
                    guard let span else { return r }
                    return r.overlaps(span) ? r.clamped(to: span) : nil
                }
            }
            let skipped = groups.enumerated().filter { v.skip.contains($0.offset) }.flatMap(\.element)
            for variantSpan in variantSpans {
                let page = try rankedPage(db, expression: expr, terms: rest.flatMap { $0 }, span: variantSpan, bonus: bonus,
                                          limit: options.offset + options.limit, offset: 0, count: v.skip.isEmpty,
                                          exact: options.exactRanking, phraseHits: phraseHits)
                for (id, score) in page.ranked where score > best[id] ?? -Double.infinity { best[id] = score }
                if v.skip.isEmpty {
                    total += page.total ?? 0
                    continue
                }
                // Counted apart from the other variants: the passages lacking exactly the skipped
                // groups, so the counts add up to the size of the union without building it.
                let countExpr = "(\(expr)) NOT (\(skipped.map(Query.literal).joined(separator: " OR ")))"
                if let r = variantSpan {
                    total += try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM passage_fts f WHERE f.passage_fts MATCH ? AND f.rowid BETWEEN ? AND ?"),
                                              arguments: [countExpr, r.lowerBound, r.upperBound]) ?? 0
                } else {
                    total += try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM passage_fts f WHERE f.passage_fts MATCH ?"),
                                              arguments: [countExpr]) ?? 0
                }
            }
        }
        let ranked = best.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return (total, Array(ranked.dropFirst(options.offset).prefix(options.limit)).map { ($0.key, $0.value) })
    }
}
