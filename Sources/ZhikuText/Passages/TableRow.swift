/// zhiku's line markup for a table row, shared by every reader and by the passage splitter:
/// `| cell | cell | … |`, cells trimmed, `|` inside a cell written `｜`, line breaks in a cell a
/// space; the header row first; no `|---|` separator rows.
public enum TableRow {
    /// The row line for `cells`, or nil when every cell is empty.
    ///
    ///     TableRow.line(["指标", " 单位 ", "a|b"]) // "| 指标 | 单位 | a｜b |"
    public static func line<S: Sequence>(_ cells: S) -> String? where S.Element == String {
        let cleaned = cells.map(cell)
        guard cleaned.contains(where: { !$0.isEmpty }) else { return nil }
        return "| " + cleaned.joined(separator: " | ") + " |"
    }

    /// A cell's text as it stands in a row.
    public static func cell(_ text: String) -> String {
        var s = text
        if s.contains("|") { s = s.replacingOccurrences(of: "|", with: "｜") }
        if s.contains("\n") || s.contains("\r") {
            s = s.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
        }
        return s.trimmingSpaces()
    }

    /// Whether `line` is a table row in the markup above (compared as bytes: it is asked of every line).
    @inlinable
    public static func isRow(_ line: String) -> Bool {
        let u = line.utf8
        guard u.count >= 3, u.first == 0x7C, u.last == 0x7C else { return false }
        return true
    }

    /// The cells of a row line.
    public static func cells(_ line: String) -> [String] {
        guard isRow(line) else { return [line] }
        return line.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
    }

    /// Whether `line` is a Markdown separator row (`|---|:--:|`).
    public static func isSeparator(_ line: String) -> Bool {
        guard line.utf8.first == 0x7C || line.utf8.first == 0x2D || line.utf8.first == 0x3A else { return false }
        var dashes = 0
        for c in line.utf8 {
            switch c {
            case 0x2D: dashes += 1
            case 0x7C, 0x3A, 0x20, 0x09: continue
            default: return false
            }
        }
        return dashes >= 3 && line.contains("|")
    }
}
