import Foundation

/// A paragraph and the size its text is set in (points or half-points: only ratios are used).
struct SizedText: Sendable, Equatable {
    var text: String
    var size: Double
    /// Made a heading by its style (a title set over several lines is not joined to one).
    var heading = false
}

/// The title of a laid-out document (PDF, DOCX, ODT): the largest text at its top, or the title
/// its properties state when the text bears it out. One method for every office format.
enum LayoutTitle {
    /// The title's size must be at least this multiple of the body's: a title is set larger
    /// (二号 22 pt or 小标宋 over 三号 16 pt body in Chinese official documents: 1.375; 18 over
    /// 12 pt elsewhere); section headings one step up from the body (小三 over 三号) are smaller.
    static let minRatio = 1.15
    /// The title is looked for among the first paragraphs only: a cover's or a notice's first
    /// lines (附件1, the issuer, the title over two or three lines).
    static let window = 12
    /// A title is at most this long once its lines are joined.
    static let maxLength = 100

    /// The paragraphs among the first ``window`` set in the largest size, when it is at least
    /// ``minRatio`` × `bodySize`; consecutive paragraphs in that size are one title set over
    /// several lines. Nil when the top of the document has no larger text.
    /// `joined` is the paragraphs' text as they read, `text` the title (``clean(_:)``).
    static func find(in paragraphs: [SizedText], bodySize: Double) -> (range: Range<Int>, joined: String, text: String)? {
        let head = paragraphs.prefix(window)
        guard bodySize > 0, let largest = head.filter({ hasWords($0.text) }).map(\.size).max(),
              largest >= minRatio * bodySize else { return nil }
        let same = { (p: SizedText) in abs(p.size - largest) <= 0.03 * largest }
        guard let start = head.firstIndex(where: { same($0) && hasWords($0.text) }) else { return nil }
        var end = start + 1
        var text = paragraphs[start].text
        while end < head.endIndex, same(paragraphs[end]), hasWords(paragraphs[end].text), paragraphs[end].heading == paragraphs[start].heading,
              text.count + paragraphs[end].text.count <= maxLength {
            text = LineMarkup.join(text, paragraphs[end].text)
            end += 1
        }
        guard let title = clean(text), title.count <= maxLength else { return nil }
        return (start..<end, text, title)
    }

    /// A title without white space at its ends and without an attachment label (`附件：`,
    /// `附件2：`, `附件 3`): the label numbers the file in its notice, the title names it.
    static func clean(_ title: String) -> String? {
        var t = LineMarkup.collapsed(title)
        while t.hasPrefix("#") { t.removeFirst() }
        t = LineMarkup.collapsed(t)
        if t.hasPrefix("附件") {
            var rest = t.dropFirst(2).drop { $0 == " " || $0.isNumber || "一二三四五六七八九十".contains($0) }
            if let c = rest.first, c == "：" || c == ":" { rest = rest.dropFirst() }
            let stripped = LineMarkup.collapsed(String(rest))
            if stripped.count >= 4 { t = stripped }
        }
        return t.isEmpty ? nil : t
    }

    /// Whether a title a file's properties state is worth considering: words, not a file name,
    /// not a generator's placeholder (`Microsoft Word - 文档1.docx`, `无标题`, `Untitled`).
    static func isPlausible(_ stated: String) -> Bool {
        let t = LineMarkup.collapsed(stated)
        let lower = t.lowercased()
        guard t.count >= 2, t.count <= maxLength, hasWords(t) else { return false }
        if lower.hasPrefix("microsoft ") || lower.hasPrefix("untitled") || lower.hasPrefix("无标题") { return false }
        for ext in [".doc", ".docx", ".pdf", ".wps", ".txt", ".odt", ".xls", ".ppt"] where lower.hasSuffix(ext) { return false }
        let placeholders = ["文档", "document", "title", "标题", "slide", "powerpoint 演示文稿", "幻灯片"]
        let letters = lower.filter { !$0.isNumber && $0 != " " }
        return !placeholders.contains(letters)
    }

    /// The document's title: the stated one (PDF document information, DOCX core properties)
    /// when it is plausible and the opening text bears it out; else the layout's; else nothing
    /// (cleaning then looks at the first lines). A stated title the text does not bear out is
    /// often a template's or an earlier document's.
    static func choose(stated: String?, layout: String?, openingText: String) -> String? {
        if let s = stated.flatMap(clean), isPlausible(s) {
            let squeezed = { (x: String) in x.filter { !$0.isWhitespace && $0 != "《" && $0 != "》" } }
            if squeezed(openingText).contains(squeezed(s)) { return s }
        }
        return layout
    }

    /// Whether a text holds a letter or a CJK character (not only digits and punctuation).
    static func hasWords(_ s: String) -> Bool {
        s.unicodeScalars.contains { CharClass.isCJK($0.value) || $0.properties.isAlphabetic }
    }
}
