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

    /// Reads a Markdown file, or one part of a file read in parts: the rules of a document's top
    /// (front matter, a publisher's note, field blocks, the article's heading) apply only to the
    /// part that `isHead` (a later part starting with `---` is a rule, not front matter), those of
    /// its end (a closing list of links) only to the part that `isTail`.
    public static func read(_ text: String, isHead: Bool = true, isTail: Bool = true) -> (lines: [String], hints: MetadataHints) {
        var raw = splitLines(text)
        var hints = MetadataHints()
        guard isHead else {
            var lines = markdownLines(raw)
            if isTail { dropClosingLinks(&lines) }
            return (lines, hints)
        }
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
        if isTail { dropClosingLinks(&lines) }
        // The article's heading: the first Markdown heading at the top.
        if let h = lines.prefix(3).lazy.compactMap({ HeadingParser.heading(in: $0) }).first(where: { $0.rank <= 6 }) {
            hints.heading = h.text
        }
        return (lines, hints)
    }

    /// Markdown structure → line markup (still with emphasis and links; ``PageCleaner`` unwraps them).
    /// A line with no `<`, `{`, `&` or CR outside an open comment, raw-text element or Liquid tag
    /// (most lines of most files) goes straight to its markers; the others are cleaned on their
    /// bytes (``InlineMarkup``). Foundation's string search per line was a fifth of indexing the laws.
    static func markdownLines(_ raw: [Substring]) -> [String] {
        var out: [String] = []
        var state = InlineMarkup.State()
        for sub in raw {
            var t: String
            if !state.isOpen && !InlineMarkup.mayHoldMarkup(sub.utf8) {
                t = trimmedSpaces(sub)
            } else {
                guard let line = InlineMarkup.stripped(sub, state: &state) else { continue }
                t = line.trimmingSpaces()
            }
            guard let first = t.utf8.first else { continue }
            // Thematic breaks and table separator rows.
            if (first == 0x2D || first == 0x2A || first == 0x5F || first == 0x3D) && isThematicBreak(t) { continue }
            if TableRow.isSeparator(t) { continue }
            if first == 0x7C, t.hasPrefix("|") {
                var cells = t.dropFirst()
                if cells.hasSuffix("|") { cells = cells.dropLast() }
                let parts = cells.split(separator: "|", omittingEmptySubsequences: false).map { String($0) }
                if parts.count >= 2, let row = TableRow.line(parts) { out.append(row); continue }
            }
            // Quote and list markers.
            if first == 0x3E { while t.hasPrefix(">") { t = String(t.dropFirst()).trimmingSpaces() } }
            if let f = t.utf8.first, f == 0x2D || f == 0x2A || f == 0x2B {
                for marker in ["- ", "* ", "+ "] where t.hasPrefix(marker) { t = String(t.dropFirst(2)).trimmingSpaces(); break }
            }
            if !t.isEmpty { out.append(t) }
        }
        return out
    }

    /// `String.trimmingSpaces` on a line of the file, without copying it first.
    static func trimmedSpaces(_ line: Substring) -> String {
        let scalars = line.unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        func isWS(_ s: Unicode.Scalar) -> Bool { CharClass.isSpace(s.value) || s == "\n" || s == "\r" }
        while start < end, isWS(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isWS(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// The file's lines: split at each LF that is a line break of its own (as splitting the
    /// `String` at the `Character` "\n" does: a CR LF pair is one `Character`), on bytes.
    static func splitLines(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let u = text.utf8
        var start = u.startIndex
        var prev: UInt8 = 0
        var i = u.startIndex
        while i != u.endIndex {
            let b = u[i]
            let next = u.index(after: i)
            if b == 0x0A && prev != 0x0D {
                out.append(text[start..<i])
                start = next
            }
            prev = b
            i = next
        }
        out.append(text[start..<u.endIndex])
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
