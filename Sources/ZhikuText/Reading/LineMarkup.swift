/// zhiku's line markup, written the same way by every format reader (``DocumentText``): headings
/// as Markdown heading lines, table rows as `| cell | cell |`, wrapped lines joined the way the
/// script wants (no space inside Chinese text, one space between Latin words).
public enum LineMarkup {
    /// `## text` for level 2; the level is clamped to 1…6.
    public static func heading(_ text: String, level: Int) -> String {
        String(repeating: "#", count: min(max(level, 1), 6)) + " " + text
    }

    /// One table row: cells trimmed, line breaks inside a cell as a space, a `|` inside a cell as
    /// `｜`, runs of spaces as one (as cleaning would make them); an empty cell stays a column.
    public static func tableRow<S: Sequence>(_ cells: S) -> String where S.Element == String {
        var row = "|"
        for cell in cells {
            let text = collapsed(cell.replacingOccurrences(of: "|", with: "｜"))
            row += text.isEmpty ? " |" : " " + text + " |"
        }
        return row
    }

    /// Whether a line is a table row of this markup.
    public static func isTableRow(_ line: String) -> Bool {
        line.count >= 3 && line.hasPrefix("| ") && line.hasSuffix(" |")
    }

    /// `a` followed by `b` on one line: nothing between them where either side is Chinese (or
    /// other CJK, or full-width punctuation), one space between two Latin words.
    public static func join(_ a: String, _ b: String) -> String {
        guard let last = a.unicodeScalars.last else { return b }
        guard let first = b.unicodeScalars.first else { return a }
        if CharClass.isSpace(last.value) || CharClass.isSpace(first.value) { return a + b }
        return needsSpace(last.value, first.value) ? a + " " + b : a + b
    }

    /// `a` and the line `b` that a wrap separated from it: as ``join(_:_:)``, and without a space
    /// where `a` ends in Chinese text whatever the characters at the break (a number or a Latin
    /// word cut at the end of a line of Chinese: `增加值4` + `30亿元`).
    public static func joinWrapped(_ a: String, _ b: String) -> String {
        let tail = a.unicodeScalars.suffix(12)
        let wide = tail.filter { isWide($0.value) }.count
        if wide * 2 >= tail.count, let first = b.unicodeScalars.first, !CharClass.isSpace(first.value),
           let last = a.unicodeScalars.last, !CharClass.isSpace(last.value) {
            return a + b
        }
        return join(a, b)
    }

    /// Whether a space belongs between a line ending in `last` and one starting with `first`.
    static func needsSpace(_ last: UInt32, _ first: UInt32) -> Bool {
        !(isWide(last) || isWide(first))
    }

    /// CJK characters and the full-width punctuation written with them (，。、：；“”《》（）…).
    static func isWide(_ v: UInt32) -> Bool {
        CharClass.isCJK(v) || (0x3000...0x303F).contains(v) || (0xFF00...0xFFEF).contains(v)
            || (0x2010...0x2027).contains(v)  // ‐–—―‘’“”…
    }

    /// White space of every kind (line breaks included) collapsed to single spaces, trimmed.
    public static func collapsed(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for u in s.unicodeScalars {
            if CharClass.isSpace(u.value) || u == "\n" || u == "\r" || u == "\u{2028}" || u == "\u{2029}" || u == "\u{0B}" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

extension LineMarkup {
    /// The lines of a paragraph broken by hand (a line break inside it, `<br>`, `<w:br/>`): a
    /// break inside a sentence is joined, a break after a sentence's end (。！？；：) or before a
    /// numbered item (二、 （三） 4.) or an indented line starts a new paragraph.
    public static func paragraphs(fromBrokenLines parts: [String]) -> [String] {
        var out: [String] = []
        for raw in parts {
            let indented = raw.unicodeScalars.prefix(2).allSatisfy { CharClass.isSpace($0.value) } && raw.unicodeScalars.count > 2
            let part = collapsed(raw)
            guard !part.isEmpty else { continue }
            if let last = out.last?.unicodeScalars.last,
               !(CharClass.isSentenceEnd(last.value) || last == "：" || last == ":"),
               !indented, HeadingParser.heading(in: part) == nil {
                out[out.count - 1] = join(out[out.count - 1], part)
            } else {
                out.append(part)
            }
        }
        return out
    }
}
