/// What a reader learnt about a document before its text is cleaned, each field in order of trust
/// (first is best): metadata tags, header tables, front matter, labelled fields. ``PageCleaner``
/// weighs these against what the text itself shows (a 落款 date, a heading).
public struct MetadataHints: Hashable, Sendable {
    /// Titles, best first: `<meta name="ArticleTitle">`, a 标题 / 文件名称 field, front matter,
    /// `<title>` without its site part.
    public var titles: [String] = []
    /// The article's own heading (the heading nearest before the content, or its first).
    public var heading: String?
    /// The document's own date (成文日期), `YYYY-MM-DD` or `YYYY-MM`.
    public var ownDate: String?
    /// Publication dates (发布日期, front matter `date`), best first.
    public var publishedDates: [String] = []
    /// Dates that say when a page was made rather than the document (`<meta name="PubDate">`, a
    /// date in the file name): used when nothing else is found.
    public var weakDates: [String] = []
    /// Issuing bodies (发文机关, ContentSource, 来源), best first.
    public var sources: [String] = []
    /// 发文字号 (国办发〔2018〕127号).
    public var documentNumber: String?

    public init() {}

    /// Reads one labelled field (`发布日期` → `2021-12-30`) into the matching slot.
    public mutating func add(label: String, value rawValue: String) {
        let value = rawValue.trimmingSpaces()
        guard !value.isEmpty, let field = FieldLabel(label) else { return }
        switch field {
        case .title:
            if value.count >= 4 && value.count <= 200 { titles.append(value) }
        case .ownDate:
            if ownDate == nil, let d = PageCleaner.parseDate(value) ?? PageCleaner.parseMonth(value) { ownDate = d }
        case .publishedDate:
            if let d = PageCleaner.parseDate(value) ?? PageCleaner.parseMonth(value) { publishedDates.append(d) }
        case .source:
            if value.count <= 60, !FieldLabel.isPlaceholder(value) { sources.append(value) }
        case .documentNumber:
            if documentNumber == nil, value.count <= 60, !FieldLabel.isPlaceholder(value) { documentNumber = value }
        }
    }
}

/// The labels of metadata fields on Chinese government pages and scraped documents (the 政府网站
/// 信息公开 metadata standard's names and their common variants), compared without white space.
public enum FieldLabel: Sendable {
    case title, ownDate, publishedDate, source, documentNumber

    static let byName: [String: FieldLabel] = [
        "标题": .title, "文件名称": .title, "题名": .title, "名称": .title, "title": .title,
        "成文日期": .ownDate, "成文时间": .ownDate, "印发日期": .ownDate,
        "发布日期": .publishedDate, "发布时间": .publishedDate, "发文日期": .publishedDate, "发文时间": .publishedDate,
        "公开日期": .publishedDate, "公布日期": .publishedDate, "日期": .publishedDate, "时间": .publishedDate, "date": .publishedDate,
        "发文机关": .source, "发布机构": .source, "发布机关": .source, "发布单位": .source, "发文单位": .source,
        "来源": .source, "文章来源": .source, "信息来源": .source, "来源单位": .source, "source": .source,
        "发文字号": .documentNumber, "文号": .documentNumber, "文件编号": .documentNumber, "发文文号": .documentNumber,
    ]

    /// The field a label names (`标　　题：` → title), or nil.
    public init?(_ label: String) {
        var key = label.filter { !$0.isWhitespace && $0 != "\u{3000}" && $0 != "*" }
        while let last = key.last, last == "：" || last == ":" { key.removeLast() }
        guard let f = FieldLabel.byName[key.lowercased()] else { return nil }
        self = f
    }

    /// Values that say there is none (暂无, 无, null).
    static func isPlaceholder(_ value: String) -> Bool {
        ["暂无", "无", "null", "none", "-", "—", "/"].contains(value.lowercased())
    }
}
