/// Reads a web page: its metadata in order of trust and its main content in zhiku's line markup
/// (one paragraph per line, headings as `#` lines, table rows as `| cell | … |`).
public enum HTMLReader {
    /// Labelled fields are read from the page outside the content and from this many first lines of
    /// it: further down, `时间：` is part of the text (an exam notice's schedule), not the page's.
    static let fieldLinesInContent = 12

    /// The page's content lines and what it says about itself.
    public static func read(_ html: String) -> (lines: [String], hints: MetadataHints) {
        let doc = HTMLDocument(html)
        let blocks = PageBlocks.blocks(of: doc)
        let content = MainContent.select(blocks, in: doc)
        var hints = MetadataHints()
        let metas = doc.metas
        if let t = metas["articletitle"], t.count >= 4 { hints.titles.append(t) }
        if let s = metas["contentsource"] { hints.sources.append(s) }
        if let d = metas["pubdate"].flatMap(PageCleaner.parseDate) { hints.weakDates.append(d) }

        // Labelled fields: the page around the content (header tables, 信息公开 blocks) and the
        // top of the content.
        let contentTexts = Set(content.prefix(fieldLinesInContent).map(\.text))
        let firstContent = content.first.flatMap { first in blocks.firstIndex { $0.text == first.text && $0.owner == first.owner } } ?? 0
        let lastContent = content.last.flatMap { last in blocks.lastIndex { $0.text == last.text && $0.owner == last.owner } } ?? blocks.count
        let inContent = Set(content.map(\.text))
        var fieldBlocks: [PageBlock] = []
        for (i, b) in blocks.enumerated() where !inContent.contains(b.text) || contentTexts.contains(b.text) {
            // Fields before and around the content; the footer's (承办, 网站标识码) are not the document's.
            if i <= lastContent || i < firstContent { fieldBlocks.append(b) }
        }
        readFields(fieldBlocks, into: &hints)

        // <title> without its site part.
        if let t = doc.title, let part = titlePart(t, site: metas["sitename"], known: hints.titles + content.prefix(8).map(\.text)) {
            hints.titles.append(part)
        }
        // The article's heading: the nearest heading before the content, else its first.
        if firstContent > 0, let h = blocks[..<firstContent].last(where: { if case .heading = $0.kind { return true }; return false }) {
            hints.heading = h.text
        } else if let h = content.prefix(5).first(where: { if case .heading = $0.kind { return true }; return false }) {
            hints.heading = h.text
        }

        var lines: [String] = content.map { b in
            if case .heading(let level) = b.kind { return String(repeating: "#", count: level) + " " + b.text }
            return b.text
        }
        // The title line heads the body, as in a text file: searching for the title finds the first passage.
        if let title = hints.titles.first ?? hints.heading {
            let top = squeeze(lines.prefix(4).joined())
            if !top.contains(squeeze(title)) { lines.insert(title, at: 0) }
        }
        return (lines, hints)
    }

    /// Fields from rows (`| 标题： | … |`) and from lines (`发布机构：` then its value, or both on one line).
    static func readFields(_ blocks: [PageBlock], into hints: inout MetadataHints) {
        var i = 0
        while i < blocks.count {
            let b = blocks[i]
            if b.kind == .row {
                let cells = TableRow.cells(b.text)
                var k = 0
                while k + 1 < cells.count {
                    if isLabel(cells[k]) && !isLabel(cells[k + 1]) {
                        hints.add(label: cells[k], value: cells[k + 1])
                        k += 2
                    } else {
                        k += 1
                    }
                }
            } else if isLabel(b.text), i + 1 < blocks.count, !isLabel(blocks[i + 1].text), blocks[i + 1].count <= 80 {
                hints.add(label: b.text, value: blocks[i + 1].text)
                i += 1
            } else {
                for (label, value) in inlineFields(b.text) { hints.add(label: label, value: value) }
            }
            i += 1
        }
    }

    /// A short text ending in a colon: a field's label.
    static func isLabel(_ s: String) -> Bool {
        guard s.hasSuffix("：") || s.hasSuffix(":") else { return false }
        return s.filter { !$0.isWhitespace && $0 != "\u{3000}" }.count <= 8
    }

    /// `发布机构：宜春市统计局 发文日期：2023-03-31` → its label/value pairs (known labels only).
    static func inlineFields(_ line: String) -> [(String, String)] {
        guard line.count <= 160, line.contains("：") || line.contains(":") else { return [] }
        var out: [(String, String)] = []
        let scalars = Array(line.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard scalars[i] == "：" || scalars[i] == ":" else { i += 1; continue }
            // The label: up to 6 characters before the colon, after a space or the line start.
            var a = i
            while a > 0 && i - a < 6 && !CharClass.isSpace(scalars[a - 1].value) && scalars[a - 1] != "：" && scalars[a - 1] != ":" { a -= 1 }
            var label = String(String.UnicodeScalarView(scalars[a..<i]))
            // Try the longest known label that ends at the colon.
            while !label.isEmpty && FieldLabel(label) == nil { label.unicodeScalars.removeFirst() }
            guard !label.isEmpty else { i += 1; continue }
            var z = i + 1
            while z < scalars.count && CharClass.isSpace(scalars[z].value) { z += 1 }
            let vs = z
            while z < scalars.count && !CharClass.isSpace(scalars[z].value) { z += 1 }
            // A date keeps its time ("2023-05-16 12:34:05"), which parseDate reads past.
            let value = String(String.UnicodeScalarView(scalars[vs..<z]))
            if !value.isEmpty && !value.contains("：") && !value.hasSuffix(":") { out.append((label, value)) }
            i = z
        }
        return out
    }

    /// The part of a `<title>` that names the document: the part that is also a known title or a
    /// content line, else the longest part that is not the site's name.
    static func titlePart(_ title: String, site: String?, known: [String]) -> String? {
        let separators: Set<Character> = ["|", "｜", "_", "－"]
        var parts = title.split(whereSeparator: { separators.contains($0) }).map { String($0).trimmingSpaces() }
        parts = parts.flatMap { $0.components(separatedBy: " - ") }.map { $0.trimmingSpaces() }.filter { $0.count >= 2 }
        if let site = site { parts.removeAll { squeeze($0) == squeeze(site) } }
        guard !parts.isEmpty else { return nil }
        let knownSet = Set(known.map(squeeze))
        if let p = parts.first(where: { knownSet.contains(squeeze($0)) }) { return p }
        return parts.max { $0.count < $1.count }
    }

    static func squeeze(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !CharClass.isSpace($0.value) && $0 != "\n" && $0 != "《" && $0 != "》" }))
    }
}
