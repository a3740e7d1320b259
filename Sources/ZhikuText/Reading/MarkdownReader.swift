/// Reads a Markdown file into zhiku's line markup: front matter and the scraper's field block
/// (`**发布日期**: …`) read as metadata, inline HTML stripped like a page (comments, `<style>`,
/// `<script>` and tags out), template code (`{% … %}`, `{{ … }}`) out, list and quote markers off,
/// tables as `| cell | … |` rows without separator rows, headings kept as `#` lines.
public enum MarkdownReader {
    /// A field line's label is at most this many characters (文档类型, 检索关键词, 发布日期).
    static let maxLabelCount = 8
    /// An unknown label's value is at most this long (a URL, keywords, a name).
    static let maxFieldValueCount = 300
    /// A label line standing over a closing list of links (`【原文下载】`, `附件：`) is at most this long.
    static let maxLinkLabelCount = 10
    /// The field block starts within this many lines of the top (after the title).
    static let fieldBlockStart = 4
    /// A heading that wraps the whole body (`## 政策全文`) is a label this short.
    static let maxWrapperHeadingCount = 8

    public static func read(_ text: String) -> (lines: [String], hints: MetadataHints) {
        var raw = text.split(separator: "\n", omittingEmptySubsequences: false)
        var hints = MetadataHints()
        if let (fm, rest) = FrontMatter.split(raw) {
            hints = fm.hints()
            raw = Array(rest)
        }
        // A note in a quote above the title heading is the publisher's, not the document's
        // (`> 本文正文由脚本…提取`).
        if let h1 = raw.prefix(40).firstIndex(where: { $0.hasPrefix("# ") }),
           raw[..<h1].contains(where: { $0.hasPrefix(">") }),
           raw[..<h1].allSatisfy({ $0.hasPrefix(">") || $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            raw.removeSubrange(..<h1)
        }
        var lines = markdownLines(raw)
        readFieldBlocks(&lines, into: &hints)
        dropClosingLinks(&lines)
        // The article's heading: the first Markdown heading at the top.
        if let h = lines.prefix(3).lazy.compactMap({ HeadingParser.heading(in: $0) }).first(where: { $0.rank <= 6 }) {
            hints.heading = h.text
        }
        return (lines, hints)
    }

    /// Markdown structure → line markup (still with emphasis and links; ``PageCleaner`` unwraps them).
    static func markdownLines(_ raw: [Substring]) -> [String] {
        var out: [String] = []
        var rawUntil: String? = nil       // inside <style>…</style> or <script>…</script>
        var inComment = false
        var inLiquid = false
        for sub in raw {
            var line = String(sub)
            if line.hasSuffix("\r") { line.removeLast() }
            // Multi-line HTML comments and raw-text elements.
            if inComment {
                guard let r = line.range(of: "-->") else { continue }
                line = String(line[r.upperBound...]); inComment = false
            }
            if let until = rawUntil {
                guard let r = line.range(of: until, options: .caseInsensitive) else { continue }
                line = String(line[r.upperBound...]); rawUntil = nil
                if let gt = line.firstIndex(of: ">") { line = String(line[line.index(after: gt)...]) }
            }
            if inLiquid {
                guard let r = line.range(of: "%}") ?? line.range(of: "}}") else { continue }
                line = String(line[r.upperBound...]); inLiquid = false
            }
            // Foundation's string search (the tag scans below) costs a third of indexing the laws
            // when run on every line: only lines with `<!`, `<s`/`<S` or `{` can hold what it looks for.
            let u = line.utf8
            let opensComment = zip(u, u.dropFirst()).contains { $0 == UInt8(ascii: "<") && $1 == UInt8(ascii: "!") }
            let opensRawText = zip(u, u.dropFirst()).contains { $0 == UInt8(ascii: "<") && $1 | 0x20 == UInt8(ascii: "s") }
            if opensComment, let r = line.range(of: "<!--") {
                if let e = line.range(of: "-->", range: r.upperBound..<line.endIndex) {
                    line.removeSubrange(r.lowerBound..<e.upperBound)
                } else {
                    line = String(line[..<r.lowerBound]); inComment = true
                }
            }
            for tag in ["style", "script"] where opensRawText {
                if let r = line.range(of: "<" + tag, options: .caseInsensitive) {
                    if let e = line.range(of: "</" + tag + ">", options: .caseInsensitive, range: r.upperBound..<line.endIndex) {
                        line.removeSubrange(r.lowerBound..<e.upperBound)
                    } else {
                        line = String(line[..<r.lowerBound]); rawUntil = "</" + tag
                    }
                }
            }
            line = stripLiquid(line, open: &inLiquid)
            if line.contains("<") { line = stripTags(line) }
            if line.contains("&") { line = HTMLText.decodeEntities(line) }
            var t = line.trimmingSpaces()
            if t.isEmpty { continue }
            // Thematic breaks and table separator rows.
            if isThematicBreak(t) || TableRow.isSeparator(t) { continue }
            if t.hasPrefix("|") {
                var cells = t.dropFirst()
                if cells.hasSuffix("|") { cells = cells.dropLast() }
                let parts = cells.split(separator: "|", omittingEmptySubsequences: false).map { String($0) }
                if parts.count >= 2, let row = TableRow.line(parts) { out.append(row); continue }
            }
            // Quote and list markers.
            while t.hasPrefix(">") { t = String(t.dropFirst()).trimmingSpaces() }
            for marker in ["- ", "* ", "+ "] where t.hasPrefix(marker) { t = String(t.dropFirst(2)).trimmingSpaces(); break }
            if !t.isEmpty { out.append(t) }
        }
        return out
    }

    /// A list of links closing the file (`- [附件.pdf](/cmsres/…)`), with the short label over it
    /// (`【原文下载】`): where to download the document, not its text.
    static func dropClosingLinks(_ lines: inout [String]) {
        var cut = lines.count
        while cut > 0 && isLinkOnly(lines[cut - 1]) { cut -= 1 }
        guard cut < lines.count else { return }
        if cut > 0 && lines[cut - 1].count <= maxLinkLabelCount && HeadingParser.heading(in: lines[cut - 1]) == nil { cut -= 1 }
        lines.removeSubrange(cut...)
    }

    /// A line that is one Markdown link and nothing else.
    static func isLinkOnly(_ line: String) -> Bool {
        var t = Substring(line)
        if t.hasPrefix("!") { t = t.dropFirst() }
        guard t.hasPrefix("["), t.hasSuffix(")"), let mid = t.range(of: "](") else { return false }
        return !t[mid.upperBound...].dropLast().contains(")") && !t[t.index(after: t.startIndex)..<mid.lowerBound].contains("]")
    }

    /// `{% … %}` and `{{ … }}` removed; an unclosed one runs to a later line.
    static func stripLiquid(_ line: String, open: inout Bool) -> String {
        guard line.utf8.contains(UInt8(ascii: "{")), line.contains("{%") || line.contains("{{") else { return line }
        var s = line
        while let r = s.range(of: "{%") ?? s.range(of: "{{") {
            let closer = s[r] == "{%" ? "%}" : "}}"
            if let e = s.range(of: closer, range: r.upperBound..<s.endIndex) {
                s.removeSubrange(r.lowerBound..<e.upperBound)
            } else {
                s = String(s[..<r.lowerBound]); open = true
                break
            }
        }
        return s
    }

    /// Tags out of one line (`<img …>`, `<strong class="h_01">2003年</strong>` → `2003年`); a `<`
    /// that opens no tag stays. A tag name starts with an ASCII letter (as in HTML's tokenizer):
    /// `《关于修改<中华人民共和国建筑法>的决定》` is text.
    static func stripTags(_ line: String) -> String {
        func opensTag(_ c: Character) -> Bool { c.isASCII && c.isLetter }
        var out = ""
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "<" {
                let next = line.index(after: i)
                let afterSlash = next < line.endIndex && line[next] == "/" ? line.index(after: next) : next
                if next < line.endIndex, line[next] == "!" || (afterSlash < line.endIndex && opensTag(line[afterSlash])),
                   let close = line[next...].firstIndex(of: ">") {
                    out.append(" ")
                    i = line.index(after: close)
                    continue
                }
            }
            out.append(c)
            i = line.index(after: i)
        }
        return out
    }

    static func isThematicBreak(_ t: String) -> Bool {
        guard let c = t.first, c == "-" || c == "*" || c == "_" || c == "=" else { return false }
        return t.count >= (c == "-" ? 2 : 3) && t.allSatisfy { $0 == c || $0 == " " }
    }

    /// A field line: `**发布日期**: 2025-12-22`, `- **文件名称**：…`, `来源: …` (value may be empty).
    static func field(_ line: String) -> (label: String, value: String)? {
        var t = Substring(line)
        if t.hasPrefix("- ") || t.hasPrefix("* ") { t = t.dropFirst(2) }
        guard let colon = t.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return nil }
        let label = t[..<colon].replacingOccurrences(of: "*", with: "").trimmingSpaces()
        guard !label.isEmpty, label.count <= maxLabelCount, !label.contains(" "),
              !label.contains(where: { "，。；、（(".contains($0) }) else { return nil }
        let value = t[t.index(after: colon)...].replacingOccurrences(of: "**", with: "").trimmingSpaces()
        // A speaker's words (`新华社：目前…怎么样？`) are no field: a value is short and no sentence.
        if FieldLabel(label) == nil && (value.count > maxFieldValueCount || value.contains(where: { "。？！".contains($0) })) { return nil }
        return (label, value)
    }

    /// The scraper's field blocks: a run of two or more field lines near the top (with the
    /// headings standing over it alone, `### 基本信息`), and field lines closing the file
    /// (`**更新时间**: …`): read into `hints`, removed from the body. A heading right after the
    /// top block that wraps the whole rest (`## 政策全文`) goes too.
    static func readFieldBlocks(_ lines: inout [String], into hints: inout MetadataHints) {
        let titleOffset = lines.first.map { $0.hasPrefix("# ") } == true ? 1 : 0
        var start = titleOffset
        while start < lines.count && start < titleOffset + fieldBlockStart && field(lines[start]) == nil { start += 1 }
        var end = start
        while end < lines.count && field(lines[end]) != nil { end += 1 }
        var fileHints = MetadataHints()
        if end - start >= 2 {
            // Only headings may stand between the title and the block.
            let before = lines[titleOffset..<start]
            if before.allSatisfy({ HeadingParser.heading(in: $0)?.rank ?? 99 <= 6 }) {
                for l in lines[start..<end] { if let f = field(l) { fileHints.add(label: f.label, value: f.value) } }
                lines.removeSubrange(titleOffset..<end)
                // A wrapper heading: short, first after the block, no heading of its rank or above later.
                if titleOffset < lines.count, let h = HeadingParser.heading(in: lines[titleOffset]), h.rank >= 2, h.rank <= 6,
                   h.text.count <= maxWrapperHeadingCount,
                   !lines[(titleOffset + 1)...].contains(where: { (HeadingParser.heading(in: $0)?.rank ?? 99) <= h.rank && $0.hasPrefix("#") }) {
                    lines.remove(at: titleOffset)
                }
            }
        }
        // Field lines closing the file.
        // (Scrape stamps, 更新时间: not the document's date.)
        while let last = lines.last, let f = field(last), FieldLabel(f.label) != nil || f.value.isEmpty || looksLikeStamp(f.value) {
            lines.removeLast()
        }
        // Front matter first, then the field block.
        hints.titles += fileHints.titles
        hints.ownDate = hints.ownDate ?? fileHints.ownDate
        hints.publishedDates += fileHints.publishedDates
        hints.sources += fileHints.sources
        hints.documentNumber = hints.documentNumber ?? fileHints.documentNumber
    }

    /// A date-time stamp value (`2026-01-26 11:25:32`).
    static func looksLikeStamp(_ value: String) -> Bool {
        PageCleaner.parseDate(value) != nil && value.contains(":")
    }
}
