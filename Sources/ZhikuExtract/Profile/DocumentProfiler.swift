import ZhikuText

extension DocumentProfile {
    /// Lines at the top of a document read for its titles, subtitle, dates and 发文字号.
    static let headLines = 40
    /// Longest line (UTF-8 bytes, about 120 characters) read for titles, dates and numbers.
    static let headLineBytes = 360
    /// Characters of the body read for the place when no title or subtitle names one.
    static let bodyScan = 2_000
    /// Names kept per document.
    static let maxNames = 8

    /// The profile of a read document. `fileName` (the document id) is read as a last resort for a
    /// title: saved pages are often named after their title (宜春市2022年国民经济和社会发展统计公报 _ 中国宜春.html)
    /// while their `<title>` holds the site's name.
    public init(document: SourceDocument, fileName: String? = nil) {
        self.init()
        // Titles, dates and numbers are on short lines: long ones (paragraphs) are not read here.
        let head = document.lines.prefix(DocumentProfile.headLines).filter { $0.utf8.count <= DocumentProfile.headLineBytes }
            .map { $0.trimmingSpacesAndMarks() }.filter { !$0.isEmpty }
        let title = document.metadata.title.map { $0.trimmingSpacesAndMarks() }.flatMap { DocumentProfile.looksLikeTitle($0) ? $0 : nil }
        let stem = fileName.map(DocumentProfile.stem).flatMap { DocumentProfile.looksLikeTitle($0) ? $0 : nil }
        // Titles, best first: the one that says what kind of document it is leads.
        var titles = [title, stem].compactMap { $0 } + head.prefix(8).filter(DocumentProfile.looksLikeTitle)
        if let k = titles.firstIndex(where: { DocumentKind.of(title: $0) != nil }) { titles.insert(titles.remove(at: k), at: 0) }
        let main = titles.first
        kind = main.flatMap(DocumentKind.of(title:))
        let subtitle = document.metadata.subtitle ?? head.prefix(6).first { $0.hasPrefix("——") || $0.hasPrefix("—") || $0.hasPrefix("（") }

        // Names: the title's core, and the documents it names (关于印发《…办法》的通知).
        var names: [String] = []
        func addName(_ raw: String) {
            let n = DocumentProfile.nameCore(raw)
            if n.scalarCount >= 3, !names.contains(n) { names.append(n) }
        }
        for (k, t) in titles.prefix(2).enumerated() where k == 0 || DocumentKind.of(title: t) != nil {
            addName(t)
            for inner in DocumentProfile.bracketed(t) { addName(inner) }
        }
        // A notice's body names the measure it issues on a line of its own.
        if kind == .notice || kind == .opinion {
            for line in head where line.scalarCount <= 40 && !line.hasBytes("，") && !line.hasBytes("。") {
                if let k = DocumentKind.of(title: line), k.group == "法规" || k == .plan { addName(line) }
            }
        }
        self.names = Array(names.prefix(DocumentProfile.maxNames))
        var sessions = Session.sessions(in: [main, subtitle].compactMap { $0 }.joined(separator: "\n"))
        if sessions.isEmpty { sessions = Session.sessions(in: head.prefix(2).joined(separator: "\n")) }
        self.sessions = Array(Set(sessions.map(\.key))).sorted()

        place = DocumentProfile.place(titles: titles, subtitle: subtitle, head: head, body: document.lines, kind: kind)
        documentNumber = DocumentProfile.documentNumber(in: [main].compactMap { $0 } + head.prefix(15))
        years(main: main, subtitle: subtitle, head: head, sessions: sessions, metadataDate: document.metadata.date)
        institution = DocumentProfile.institution(titles: titles, head: head, kind: kind, place: place)
    }

    // MARK: - Years

    mutating func years(main: String?, subtitle: String?, head: [String], sessions: [Session], metadataDate: String?) {
        titleYear = main.flatMap(DocumentProfile.firstYear) ?? sessions.lazy.compactMap(\.year).first
        let extractor = Extractor()
        func dateYears(_ text: String) -> [Int] {
            extractor.extract(text).dates.compactMap { d in d.granularity == "period" ? nil : Int(d.value.prefix(4)) }
        }
        var issue: Int? = nil
        if let k = kind, k.group == "法规" {
            // A law's header lists its adoption and each revision: the latest is this version's.
            let header = head.prefix { !DocumentProfile.isArticleStart($0) }.filter { $0.hasBytes("通过") || $0.hasBytes("修正") || $0.hasBytes("修订")
                || $0.hasBytes("公布") || $0.hasBytes("施行") || $0.hasBytes("发布") || $0.hasBytes("颁布") || $0.hasBytes("印发") }
            issue = header.flatMap(dateYears).max()
        }
        issue = issue ?? metadataDate.flatMap { Int($0.prefix(4)) } ?? subtitle.flatMap { dateYears($0).first }
            ?? titleYear ?? head.prefix(12).lazy.compactMap { dateYears($0).first }.first
        issueYear = issue
        switch kind {
        case .governmentWorkReport:
            // Delivered early in the year it names: it reviews the year before.
            reportYear = (titleYear ?? issue).map { $0 - 1 }
            referenceYear = titleYear ?? issue
        case .statisticalBulletin, .summary, .report, .briefing:
            // A bulletin or a yearly report speaks of the year it names, published the year after.
            reportYear = titleYear ?? issue.map { kind == .statisticalBulletin ? $0 - 1 : $0 }
            referenceYear = titleYear.map { t in issue.map { $0 > t ? t : $0 } ?? t } ?? issue
        default:
            reportYear = titleYear ?? issue
            referenceYear = issue ?? titleYear
        }
    }

    /// The first year a text names (2025年, 2022年度, 2018—2035年 gives 2018), 1900–2099.
    static func firstYear(_ text: String) -> Int? {
        let s = text.scalarValues
        var i = 0
        while i + 4 < s.count {
            if (s[i] == 0x31 && s[i + 1] == 0x39) || (s[i] == 0x32 && s[i + 1] == 0x30),
               CharClass.isArabicDigit(s[i + 2]), CharClass.isArabicDigit(s[i + 3]), !CharClass.isArabicDigit(s.at(i - 1)),
               s[i + 4] == 0x5E74 || s[i + 4] == 0x2014 || s[i + 4] == 0x2D || s[i + 4] == 0x2013 {  // 年 — - –
                return Int(s.string(i, i + 4))
            }
            i += 1
        }
        return nil
    }

    static func isArticleStart(_ line: String) -> Bool {
        line.hasPrefix("第一章") || line.hasPrefix("第一条") || line.hasPrefix("# 第一章") || line.hasPrefix("## 第一章")
            || line.hasPrefix("第一节")
    }

    // MARK: - Place

    /// The place: the most specific one a title names (the title that says its kind first); else
    /// the subtitle's (在广东省第十四届人民代表大会…); else the one the first lines name most; a law
    /// or regulation that names none is the nation's.
    static func place(titles: [String], subtitle: String?, head: [String], body: [String], kind: DocumentKind?) -> Place? {
        for t in titles.prefix(3) {
            if let p = mostSpecific(AdministrativeDivisions.places(in: t, shortForms: true).map(\.place)) { return p }
        }
        if let sub = subtitle, let p = mostSpecific(AdministrativeDivisions.places(in: sub, shortForms: false).map(\.place)) { return p }
        if let k = kind, k.group == "法规" || k == .resolution || k == .congressReport { return .nation }
        var text = ""
        for line in body {
            text += line + "\n"
            if text.utf8.count > bodyScan * 3 { break }
        }
        var counts: [Place: Int] = [:]
        for m in AdministrativeDivisions.places(in: String(text.unicodeScalars.prefix(bodyScan)), shortForms: false) {
            counts[m.place, default: 0] += 1
        }
        guard let best = counts.max(by: { a, b in a.value != b.value ? a.value < b.value : a.key.level < b.key.level }),
              best.value >= 2, Double(best.value) >= 0.4 * Double(counts.values.reduce(0, +)) else { return nil }
        return best.key
    }

    /// The deepest of `places` when they nest (江西省 赣州市 → 赣州市); the first when they do not.
    static func mostSpecific(_ places: [Place]) -> Place? {
        guard var best = places.first else { return nil }
        for p in places.dropFirst() {
            if p.isWithin(best) && p.level > best.level { best = p } else if best.level == .nation && p.level != .nation { best = p }
        }
        return best
    }

    // MARK: - Names, numbers, institutions

    /// A name as compared with questions: no 《》, white space or trailing （2010年修订）, and a
    /// national law without 中华人民共和国.
    public static func nameCore(_ raw: String) -> String {
        var s = DocumentKind.core(of: raw)
        while let last = s.last, last == ")" || last == "）", let open = s.lastIndex(where: { $0 == "(" || $0 == "（" }), open != s.startIndex {
            s = String(s[..<open])
        }
        if s.hasPrefix("中华人民共和国") && s.scalarCount > 9 { s = String(s.dropFirst(7)) }
        return s
    }

    /// What 《》 enclose in `text`, outermost.
    public static func bracketed(_ text: String) -> [String] {
        var out: [String] = []
        var depth = 0
        var current = ""
        for c in text {
            if c == "《" {
                if depth > 0 { current.append(c) }
                depth += 1
            } else if c == "》", depth > 0 {
                depth -= 1
                if depth == 0 { out.append(current); current = "" } else { current.append(c) }
            } else if depth > 0 {
                current.append(c)
            }
        }
        return out
    }

    /// A 发文字号 (余府发〔2012〕3号, 国科发计[2005]85号) in the first of `lines` that has one.
    static func documentNumber(in lines: [String]) -> String? {
        for line in lines {
            let s = line.scalarValues
            for i in s.indices where s[i] == 0x3014 || s[i] == 0x5B || s[i] == 0xFF3B || s[i] == 0xFF08 || s[i] == 0x28 {  // 〔 [ ［ （ (
                guard i + 6 < s.count, (i + 1...i + 4).allSatisfy({ CharClass.isArabicDigit(s[$0]) }),
                      [0x3015, 0x5D, 0xFF3D, 0xFF09, 0x29].contains(s[i + 5]) else { continue }
                var j = i + 6
                if s.at(j) == 0x7B2C { j += 1 }  // 第
                let digits = j
                while j < s.count, CharClass.isArabicDigit(s[j]) { j += 1 }
                guard j > digits, s.at(j) == 0x53F7 else { continue }  // 号
                var k = i
                while k > 0, CharClass.isHan(s[k - 1]), i - k < 10 { k -= 1 }
                guard i - k >= 1 else { continue }
                return s.string(k, j + 1)
            }
        }
        return nil
    }

    /// The institution a briefing, summary or description is about: the organization its title
    /// names, or the zone; for a page without a usable title, the organization its first lines
    /// name most (at least twice).
    static func institution(titles: [String], head: [String], kind: DocumentKind?, place: Place?) -> String? {
        if let k = kind, k.group != "汇报" && k != .institution && k != .report { return nil }
        let extractor = Extractor()
        for t in titles.prefix(2) {
            if let o = extractor.extract(t).orgs.first { return Abbreviations.canonical(o.surface) ?? o.canonical ?? o.surface }
        }
        if place?.level == .zone { return place?.name }
        var counts: [String: Int] = [:]
        for line in head.prefix(8) {
            for o in extractor.extract(line).orgs { counts[Abbreviations.canonical(o.surface) ?? o.canonical ?? o.surface, default: 0] += 1 }
        }
        return counts.filter { $0.value >= 2 }.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }?.key
    }

    /// A line that can be a title: four Han characters or more, not a label (来源：…), not a date.
    static func looksLikeTitle(_ s: String) -> Bool {
        let scalars = s.scalarValues
        guard scalars.count <= 80 else { return false }
        let han = scalars.filter(CharClass.isHan).count
        guard han >= 4 else { return false }
        if s.hasBytes("：") || s.hasBytes(":") || s.hasBytes("。") || s.hasBytes("法宝引证码") || s.hasPrefix("——") { return false }
        return Double(han) >= 0.5 * Double(scalars.count)
    }

    /// A file name without its folder, extension, a leading number (gov-53-, 001_) or a site
    /// suffix ( _ 中国宜春).
    static func stem(_ fileName: String) -> String {
        var s = Substring(fileName.split(separator: "/").last ?? Substring(fileName))
        if let dot = s.lastIndex(of: "."), s.distance(from: dot, to: s.endIndex) <= 6 { s = s[..<dot] }
        if let bar = s.range(of: " _ ") ?? s.range(of: "_ ") { s = s[..<bar.lowerBound] }
        if let k = s.firstIndex(where: { !$0.isASCII }), k > s.startIndex, let sep = s[..<k].last, sep == "-" || sep == "_" || sep == " " {
            s = s[k...]
        }
        return String(s).replacingUnderscores()
    }
}

extension String {
    /// Without leading and trailing white space (ASCII, ideographic) and Markdown heading marks.
    func trimmingSpacesAndMarks() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace || c == "#" || c == "\u{3000}" { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace || c == "\u{3000}" { s = s.dropLast() }
        return String(s)
    }

    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
