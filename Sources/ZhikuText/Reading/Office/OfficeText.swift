import Foundation

/// Collects a word processor's paragraphs and table rows (DOCX, ODT, DOC) as line markup, with
/// each paragraph's type size for the title (``LayoutTitle``).
struct OfficeText {
    private(set) var lines: [String] = []
    /// Paragraphs outside tables, in order, with their size and the line they became.
    private var paragraphs: [(sized: SizedText, line: Int, heading: Bool)] = []
    /// The size most characters are set in, counted as paragraphs come.
    private var sizeWeights: [Double: Int] = [:]

    /// A paragraph's text (line breaks inside it as `\n`), its heading level if its style or
    /// outline level makes it one, and its type size (any unit; nil when unknown).
    mutating func paragraph(_ text: String, headingLevel: Int?, size: Double?) {
        let parts = LineMarkup.paragraphs(fromBrokenLines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        guard !parts.isEmpty else { return }
        if let level = headingLevel {
            // A heading broken over lines is still one heading.
            let joined = parts.dropFirst().reduce(parts[0]) { LineMarkup.join($0, $1) }
            add(joined, size: size, heading: true)
            lines[lines.count - 1] = LineMarkup.heading(joined, level: level)
        } else {
            for part in parts { add(part, size: size, heading: false) }
        }
    }

    private mutating func add(_ text: String, size: Double?, heading: Bool) {
        lines.append(text)
        let s = size ?? 0
        paragraphs.append((SizedText(text: text, size: s, heading: heading), lines.count - 1, heading))
        if s > 0 { sizeWeights[s, default: 0] += text.count }
    }

    /// Counts text set in `size` that is not a paragraph of its own (a table cell's), for the body size.
    mutating func countSize(_ size: Double?, characters: Int) {
        if let s = size, s > 0, characters > 0 { sizeWeights[s, default: 0] += characters }
    }

    /// One table row; rows whose cells are all empty are dropped.
    mutating func tableRow(_ cells: [String]) {
        let cells = cells.map(LineMarkup.collapsed)
        guard cells.contains(where: { !$0.isEmpty }) else { return }
        lines.append(LineMarkup.tableRow(cells))
    }

    /// The title the layout shows (the largest type at the top, a title set over several
    /// paragraphs joined into one heading line), and the lines.
    mutating func finish() -> (lines: [String], layoutTitle: String?) {
        guard let body = sizeWeights.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key,
              let found = LayoutTitle.find(in: paragraphs.map(\.sized), bodySize: body) else { return (lines, nil) }
        let first = paragraphs[found.range.lowerBound].line, last = paragraphs[found.range.upperBound - 1].line
        // Only paragraphs next to each other (no table between) make one title line.
        if found.range.count > 1 && last - first == found.range.count - 1 {
            lines.replaceSubrange(first...last, with: [LineMarkup.heading(found.joined, level: 1)])
        } else if found.range.count == 1 && !paragraphs[found.range.lowerBound].heading {
            lines[first] = LineMarkup.heading(found.joined, level: 1)
        }
        return (lines, found.text)
    }

    /// The document's text, DOCX's and ODT's alike: the lines, and the title the file states in
    /// its properties part (`statedTitle`, read only when there are lines) or its layout shows.
    mutating func document(statedTitle: () throws(ReadFailure) -> String?) throws(ReadFailure) -> DocumentText {
        let (lines, layoutTitle) = finish()
        guard !lines.isEmpty else { throw .empty }
        let title = LayoutTitle.choose(stated: try statedTitle(), layout: layoutTitle, openingText: lines.prefix(40).joined(separator: "\n"))
        return DocumentText(lines: lines, metadata: DocumentMetadata(title: title))
    }
}
