
/// Recognises the numbering of Chinese documents: 一、 / （一） / (一) / 1. / （1） / 第X章 / 第X条 /
/// Markdown `#`.
public enum HeadingParser {
    static let cnDigits: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "〇", "两"]

    static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { isASCIIDigit(s) || (s.value >= 0xFF10 && s.value <= 0xFF19) }

    /// 第X条's rank, and the rank of the first enumeration level (一、): an article closes the
    /// enumerations opened in the one before it.
    public static let articleRank = 17
    public static let firstEnumerationRank = 13

    /// Longest heading text kept for an inline heading.
    static let maxInline = 40
    /// A numbered item (1. / （1）) that is one sentence ending in 。 longer than this states
    /// something: body, not a heading. Item titles of Chinese documents run 4–16 characters
    /// (统筹规划，协调推进。 / 强化企业培育。); 1.北京市大力推进…。 is a list item.
    static let maxTitleSentence = 16
    /// `01综合` … `12资源`: a two-digit section number glued to a short name (at most this many characters).
    static let maxNumberedSectionName = 8
    /// What follows a two-digit number when it is a quantity or a date (12月, 10万), not a section.
    static let unitCharacters: Set<Unicode.Scalar> = ["年", "月", "日", "时", "分", "秒", "万", "亿", "千", "百", "个", "人", "元", "号", "条", "项", "次", "家", "所", "点", "倍", "岁", "名", "位", "天", "周", "届", "期", "批", "类", "款"]

    /// The heading that starts `line`, if any.
    ///
    ///     HeadingParser.heading(in: "一、高新区经济指标情况")?.rank // 13
    ///     HeadingParser.heading(in: "第一条 为了保护发明创造专利权，……")?.text // "第一条"
    public static func heading(in line: String) -> Heading? {
        let s = line.scalarArray(limit: 400)
        guard let first = s.first else { return nil }
        // Markdown
        if first == "#" {
            var n = 0
            while n < s.count && s[n] == "#" { n += 1 }
            guard n <= 6, n < s.count, s[n] == " " else { return nil }
            let text = String(scalars: s[(n + 1)...]).trimmingSpaces()
            return text.isEmpty ? nil : Heading(rank: n, text: text, standalone: true)
        }
        // 第X编/章/节/条
        if first == "第" {
            var i = 1
            while i < s.count && i <= 8 && (cnDigits.contains(s[i]) || isDigit(s[i])) { i += 1 }
            guard i > 1, i < s.count else { return nil }
            let rank: Int
            switch s[i] {
            case "编": rank = 10
            case "章": rank = 11
            case "节": rank = 12
            case "条": rank = articleRank
            default: return nil
            }
            let after = i + 1
            // Must be followed by a space, the end of the line, or the article text directly.
            if rank == articleRank {
                if after < s.count && !(s[after] == " " || s[after] == "\u{3000}" || !isPunct(s[after])) { return nil }
                let marker = String(scalars: s[0..<after])
                // Standalone when nothing but white space follows (the article's text is not copied to find out).
                let standalone = s[after...].allSatisfy { CharClass.isSpace($0.value) || $0 == "\n" || $0 == "\r" }
                return Heading(rank: rank, text: marker, standalone: standalone)
            }
            return clauseHeading(s, rank: rank, bodyStart: after)
        }
        // （一） (一) （1） (1)
        if first == "（" || first == "(" {
            var i = 1
            var chinese = false, arabic = false
            while i < s.count && i <= 4 {
                if cnDigits.contains(s[i]) { chinese = true } else if isDigit(s[i]) { arabic = true } else { break }
                i += 1
            }
            guard i > 1, i < s.count, s[i] == "）" || s[i] == ")", chinese != arabic else { return nil }
            return chinese ? clauseHeading(s, rank: 14, bodyStart: i + 1) : itemHeading(s, rank: 16, bodyStart: i + 1)
        }
        // 一、
        if cnDigits.contains(first) {
            var i = 1
            while i < s.count && i <= 4 && cnDigits.contains(s[i]) { i += 1 }
            guard i < s.count, s[i] == "、" else { return nil }
            return clauseHeading(s, rank: 13, bodyStart: i + 1)
        }
        // 1. 1． 1、
        if isDigit(first) {
            var i = 1
            while i < s.count && i <= 2 && isDigit(s[i]) { i += 1 }
            guard i < s.count, i <= 2, s[i] == "." || s[i] == "．" || s[i] == "、" else { return numberedSection(s) }
            let after = i + 1
            guard after < s.count else { return nil }
            if isDigit(s[after]) {
                // "1.2020年" is item 1 about 2020; "1.5亿元" is a number.
                var j = after
                while j < s.count && isDigit(s[j]) { j += 1 }
                guard j - after == 4, j < s.count, s[j] == "年" else { return nil }
            }
            return itemHeading(s, rank: 15, bodyStart: after)
        }
        return numberedSection(s)
    }

    /// `01综合`, `12资源`: two digits and a short name, nothing else.
    static func numberedSection(_ s: [Unicode.Scalar]) -> Heading? {
        guard s.count >= 4, s.count <= 2 + maxNumberedSectionName, isASCIIDigit(s[0]), isASCIIDigit(s[1]),
              !unitCharacters.contains(s[2]), s[2...].allSatisfy({ CharClass.isCJK($0.value) }) else { return nil }
        return Heading(rank: firstEnumerationRank, text: String(scalars: s), standalone: true)
    }

    /// A numbered item is a heading when it opens with a short title (`1.统筹规划，协调推进。服务…`);
    /// one that is a whole sentence, or opens with a long one, is a list item in the body.
    static func itemHeading(_ s: [Unicode.Scalar], rank: Int, bodyStart: Int) -> Heading? {
        let body = s[min(bodyStart, s.count)...]
        let ends: Set<Unicode.Scalar> = ["。", "！", "？", "；"]
        if let firstEnd = body.firstIndex(where: { ends.contains($0) }) {
            let title = firstEnd - bodyStart
            // A whole sentence, or a first sentence too long to be the item's title.
            if firstEnd == s.count - 1 ? title > maxTitleSentence : title > maxInline { return nil }
        }
        return clauseHeading(s, rank: rank, bodyStart: bodyStart)
    }

    static func isPunct(_ s: Unicode.Scalar) -> Bool {
        switch s { case "，", "、", "。", "：", ":", ",", "；", "）", ")", "》", "”": return true; default: return false }
    }

    /// A marker followed by text: standalone when the line is short and has no sentence inside,
    /// otherwise the heading is the first clause.
    static func clauseHeading(_ s: [Unicode.Scalar], rank: Int, bodyStart: Int) -> Heading? {
        let line = String(scalars: s).trimmingSpaces()
        let body = s[min(bodyStart, s.count)...]
        let hasSentence = body.dropLast().contains { $0 == "。" || $0 == "！" || $0 == "？" || $0 == "；" }
        if s.count <= maxInline && !hasSentence {
            var text = line
            if text.hasSuffix("。") || text.hasSuffix("：") || text.hasSuffix(":") { text.unicodeScalars.removeLast() }
            return Heading(rank: rank, text: text, standalone: true)
        }
        var end = bodyStart
        while end < s.count && !(s[end] == "。" || s[end] == "！" || s[end] == "？" || s[end] == "；" || s[end] == "：" || s[end] == ":") {
            end += 1
        }
        if end - bodyStart > maxInline || end == bodyStart {
            // No short first clause: cut at the first comma, else keep the marker alone.
            end = bodyStart
            while end < s.count && end - bodyStart <= 24 && !(s[end] == "，" || s[end] == "," || s[end] == "。") { end += 1 }
            if end - bodyStart > 24 { end = bodyStart }
        }
        let text = String(scalars: s[0..<end]).trimmingSpaces()
        return Heading(rank: rank, text: text, standalone: false)
    }
}
