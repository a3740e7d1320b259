/// The dates a document's text states about itself: a 落款 (signature) date, a dated byline, a
/// page clock to ignore.
enum DocumentDates {
    /// A line that is nothing but a date is at most this long (`（二〇〇四年六月二十六日）`).
    static let maxDateLineCount = 20
    /// A signature's organization line is short and not a sentence.
    static let maxSignatureLineCount = 40
    /// A bare date this close to the top is the document's byline (`（2023年1月2日）` under the title).
    static let bylineZone = 6

    /// The first signature date: a date alone on its line after a short line that is no sentence
    /// (the issuing body), or alone near the top (a byline). Arabic or Chinese numerals; a year and
    /// month alone (`（2023年5月）`) count in a byline.
    static func signatureDate(in lines: [String]) -> String? {
        // `dropFirst(n).isEmpty` is `count <= n` without counting a long line to its end.
        for (i, line) in lines.enumerated() where startsLikeADate(line)
            && (line.utf8.count <= maxDateLineCount || line.dropFirst(maxDateLineCount).isEmpty) {
            guard let (date, monthOnly) = dateOnly(line) else { continue }
            let afterOrganization = i > 0 && isOrganizationLine(lines[i - 1])
            if i < bylineZone || (afterOrganization && !monthOnly) { return date }
        }
        return nil
    }

    static func isOrganizationLine(_ line: String) -> Bool {
        guard line.count <= maxSignatureLineCount, let last = line.unicodeScalars.last else { return false }
        return !"。；：:，,！？".unicodeScalars.contains(last) && !TableRow.isRow(line)
    }

    /// Whether `line`'s first scalar past spaces and brackets is a digit (Arabic, full-width or a
    /// Chinese numeral of a year): what every line ``dateOnly(_:)`` accepts starts with, checked
    /// without building anything (most lines of a document fail here; building each short line's
    /// scalars first was 2% of indexing the laws).
    static func startsLikeADate(_ line: String) -> Bool {
        for c in line.unicodeScalars {
            let v = c.value
            if CharClass.isSpace(v) || "（）()【】[]".unicodeScalars.contains(c) { continue }
            return (v >= 0x30 && v <= 0x39) || (v >= 0xFF10 && v <= 0xFF19) || chineseDigits[c] != nil
        }
        return false
    }

    /// The date when `line` is a date and nothing else (brackets and spaces aside), and whether it
    /// names only a month.
    static func dateOnly(_ line: String) -> (String, Bool)? {
        var s = line.unicodeScalars.filter { !CharClass.isSpace($0.value) }
        let brackets: Set<Unicode.Scalar> = ["（", "）", "(", ")", "【", "】", "[", "]"]
        while let f = s.first, brackets.contains(f) { s.removeFirst() }
        while let l = s.last, brackets.contains(l) { s.removeLast() }
        let text = String(String.UnicodeScalarView(s))
        guard text.count >= 6 else { return nil }
        if let d = chineseNumeralDate(text) { return (d, false) }
        if let m = chineseNumeralMonth(text) { return (m, true) }
        guard let first = s.first, first.value >= 0x30 && first.value <= 0x39 || (first.value >= 0xFF10 && first.value <= 0xFF19) else { return nil }
        if let d = PageCleaner.parseDate(text) {
            // Nothing after the date but its 日.
            let digits = text.unicodeScalars.filter { ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0xFF10 && $0.value <= 0xFF19) }.count
            let others = text.unicodeScalars.count - digits
            return others <= 3 ? (d, false) : nil
        }
        if let m = PageCleaner.parseMonth(text), text.hasSuffix("月"), text.unicodeScalars.count <= 8 { return (m, true) }
        return nil
    }

    static let chineseDigits: [Unicode.Scalar: Int] = [
        "〇": 0, "○": 0, "零": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    ]

    /// `二〇〇四年六月二十六日` → 2004-06-26.
    static func chineseNumeralDate(_ text: String) -> String? {
        let s = Array(text.unicodeScalars)
        guard let nian = s.firstIndex(of: "年"), nian == 4,
              let yue = s.firstIndex(of: "月"), let ri = s.firstIndex(of: "日"), yue > nian + 1, ri > yue + 1, ri == s.count - 1 else { return nil }
        var year = 0
        for c in s[0..<4] { guard let d = chineseDigits[c] else { return nil }; year = year * 10 + d }
        guard let month = chineseNumber(s[(nian + 1)..<yue]), let day = chineseNumber(s[(yue + 1)..<ri]),
              (1900...2100).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `二〇二二年十二月` → 2022-12: a cover's or byline's month (a report dated by its month).
    static func chineseNumeralMonth(_ text: String) -> String? {
        let s = Array(text.unicodeScalars)
        guard s.count >= 7, s.count <= 8, s[4] == "年", s.last == "月" else { return nil }
        var year = 0
        for c in s[0..<4] { guard let d = chineseDigits[c] else { return nil }; year = year * 10 + d }
        guard let month = chineseNumber(s[5..<(s.count - 1)]), (1900...2100).contains(year), (1...12).contains(month) else { return nil }
        return String(format: "%04d-%02d", year, month)
    }

    /// 一…九, 十, 十一…十九, 二十…三十一.
    static func chineseNumber(_ s: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !s.isEmpty, s.count <= 3 else { return nil }
        if let ten = s.firstIndex(of: "十") {
            let tens = ten == s.startIndex ? 1 : (s.count == 3 || ten > s.startIndex ? chineseDigits[s[s.startIndex]] : nil)
            guard let t = tens else { return nil }
            let unitPart = s[(ten + 1)...]
            let unit = unitPart.isEmpty ? 0 : (unitPart.count == 1 ? chineseDigits[unitPart.first!] : nil)
            guard let u = unit else { return nil }
            return t * 10 + u
        }
        guard s.count == 1 else { return nil }
        return chineseDigits[s.first!]
    }

    /// Whether a date at `index` in `scalars` is followed by a weekday (星期三, 周三): a page's clock.
    static func isClock(_ scalars: [Unicode.Scalar], after index: Int) -> Bool {
        var i = index
        while i < scalars.count && i < index + 14 && scalars[i] != "日" { i += 1 }
        i += 1
        while i < scalars.count && CharClass.isSpace(scalars[i].value) { i += 1 }
        guard i < scalars.count else { return false }
        return scalars[i] == "星" || (scalars[i] == "周" && i + 1 < scalars.count && chineseDigits[scalars[i + 1]] != nil)
    }

    /// `YYYY-MM-DD` in a file name (`_posts/2022-12-30-news.md`, as Jekyll and Hugo name posts).
    static func fileNameDate(_ name: String) -> String? {
        let s = Array(name.unicodeScalars)
        var i = 0
        while i + 10 <= s.count {
            let window = String(String.UnicodeScalarView(s[i..<(i + 10)]))
            let okBefore = i == 0 || !(s[i - 1].value >= 0x30 && s[i - 1].value <= 0x39)
            let okAfter = i + 10 == s.count || !(s[i + 10].value >= 0x30 && s[i + 10].value <= 0x39)
            if okBefore && okAfter, s[i + 4] == "-", s[i + 7] == "-", let d = PageCleaner.parseDate(window) { return d }
            i += 1
        }
        return nil
    }
}
