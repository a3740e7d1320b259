import ZhikuText
/// Extracts figures, dates and organizations from one passage (extraction.md).
public struct Extractor: Sendable {
    /// Publication date used to resolve relative and partial dates; nil leaves them out.
    public var documentDate: SimpleDate?
    /// The year the document reports on (extraction.md, the reference-year rule): 今年, 全年, 年末
    /// resolve to it, 上年 to the year before. Nil: the year of `documentDate`.
    public var referenceYear: Int?

    /// - Parameters:
    ///   - documentDate: the publication date (`partial` month-days and 本月 use it).
    ///   - referenceYear: the year the document speaks of, when it is not the publication year
    ///     (a 2022 statistical bulletin published in 2023); nil takes `documentDate`'s year.
    public init(documentDate: SimpleDate? = nil, referenceYear: Int? = nil) {
        self.documentDate = documentDate
        self.referenceYear = referenceYear
    }

    /// Extracts from one passage or sentence. Offsets are Unicode code points of `text`.
    /// Alias definitions inside `text` are learned and merged with `aliases`.
    public func extract(_ text: String, aliases: AliasTable? = nil) -> Entities {
        let s = text.scalarValues
        return extract(scalars: s, aliases: aliases)
    }

    func extract(scalars s: [UInt32], aliases: AliasTable? = nil) -> Entities {
        let n = s.count
        if n == 0 { return Entities() }
        // definitions inside the passage (以下简称“X”) count for the passage itself
        var table = aliases ?? AliasTable()
        if hasDefinition(s) {
            var local = AliasTable()
            local.learn(from: s.string(0, n))
            table.merge(local)
        }
        let dates = DateExtractor(s: s, doc: documentDate, referenceYear: referenceYear).extract()
        var claimed = [Bool](repeating: false, count: n)
        for d in dates { for k in d.start..<d.end { claimed[k] = true } }
        let aliasWords: WordTable<Bool>? = table.isEmpty ? nil : table.words
        let orgSpans = OrganizationExtractor(s: s, aliasWords: aliasWords).extract()
        var orgs: [Organization] = []
        orgs.reserveCapacity(orgSpans.count)
        var inOrg = [Bool]()
        if !orgSpans.isEmpty { inOrg = [Bool](repeating: false, count: n) }
        for o in orgSpans {
            let surface = s.string(o.start, o.end)
            var canon = table.canonical(for: surface)
            if canon == surface { canon = nil }
            orgs.append(Organization(surface: surface, start: o.start, end: o.end, canonical: canon))
            for k in o.start..<o.end { inOrg[k] = true }
        }
        var figures = FigureExtractor(s: s, claimed: claimed).extract()
        if !inOrg.isEmpty {
            figures.removeAll { f in (f.start..<f.end).allSatisfy { inOrg[$0] } }
        }
        return Entities(figures: figures, dates: dates.filter { d in inOrg.isEmpty || !(d.start..<d.end).allSatisfy { inOrg[$0] } }, orgs: orgs)
    }

    private func hasDefinition(_ s: [UInt32]) -> Bool {
        var i = 0
        while i + 1 < s.count {
            if s[i] == 0x7B80 && s[i + 1] == 0x79F0 { return true }     // 简称
            if s[i] == 0x4E0B && s[i + 1] == 0x79F0 { return true }     // 下称
            i += 1
        }
        return false
    }
}
