import GRDB
import ZhikuExtract

extension Searcher {
    /// Most other names tried per query term.
    static let maxAliasesPerTerm = 8

    /// The passages that match the query only through other names of its terms (``TermAliases``
    /// and the documents' own aliases), for the part of the page the exact matches leave: ranked
    /// among themselves, after every exact match. Nil when no term has another name or none of
    /// them finds anything.
    /// - parameter exactTotal: how many passages match the query as written.
    func aliasPage(_ db: Database, query: Query, exactTotal: Int, span: ClosedRange<Int64>?, within: [ClosedRange<Int64>]?,
                   options: SearchOptions) throws -> (total: Int, ranked: [(Int64, Double)], highlighter: Highlighter, warning: String)? {
        guard let strict = query.matchExpression else { return nil }
        let catalog = try store.catalog.current(db)
        var expanded: [[String]] = []
        var notes: [String] = []
        for group in query.groups {
            var g = group
            for term in group {
                var others = TermAliases.expansions(of: term)
                // The documents' names for it, and those names as abbreviated (中国科学院赣江创新院 → 中科院赣江创新院).
                for name in (catalog.aliases[term] ?? []).sorted() {
                    for n in [name] + TermAliases.expansions(of: name) where !others.contains(n) && n != term { others.append(n) }
                }
                let added = others.filter { !g.contains($0) }.prefix(Searcher.maxAliasesPerTerm)
                if !added.isEmpty { notes.append("\(term) → \(added.joined(separator: "、"))") }
                g += added
            }
            expanded.append(g)
        }
        guard !notes.isEmpty, let wide = query.expression(groups: expanded) else { return nil }
        // Only what the page still needs: the exact matches fill the first `exactTotal` ranks.
        let needed = options.offset + options.limit - exactTotal
        guard needed > 0 else {
            return (0, [], Highlighter(terms: []), "other names exist: \(notes.joined(separator: "; ")) (their passages follow the exact matches)")
        }
        let offset = max(0, options.offset - exactTotal)
        let expression = "(\(wide)) NOT (\(strict))"
        let page = try rankedPage(db, expression: expression, terms: expanded.flatMap { $0 }, span: span, within: within,
                                  limit: min(needed, options.limit), offset: offset, exact: options.exactRanking)
        guard let total = page.total, total > 0 else { return nil }
        return (total, page.ranked, Highlighter(terms: expanded.flatMap { $0 }),
                "expanded \(notes.joined(separator: "; ")): \(total) more passages name them so, after the exact matches")
    }
}
