import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Walks `word/document.xml` and hands paragraphs and table rows to ``OfficeText``.
final class WordBodyParser: NSObject, XMLParserDelegate {
    private let styles: WordStyles
    private var numbering: WordNumbering
    private(set) var output = OfficeText()

    private struct Paragraph {
        var text = ""
        var style: String?
        var outlineLevel: Int?
        var numId: String?, numLevel = 0
        var markSize: Double?
        /// Characters per run size, for the paragraph's size.
        var sizes: [Double: Int] = [:]
    }
    private struct Cell {
        var text = ""
        var span = 1
        var mergedDown = false
        /// The size most of its characters are set in.
        var sizes: [Double: Int] = [:]
    }
    private struct Table {
        var rows: [[String]] = []
        /// Per row, the size of its largest cell text (for a caption row).
        var rowSizes: [Double] = []
        var rowSize = 0.0
        var row: [String]? = nil
        var cell: Cell? = nil
        /// The text of the cell that opened a vertical merge, by column.
        var mergeText: [Int: String] = [:]
    }

    private var paragraphs: [Paragraph] = []
    private var tables: [Table] = []
    /// Depth inside elements whose text is not the document's (deleted text, fallbacks, field codes, properties).
    private var skipDepth = 0
    private var inText = false
    private var inRunProperties = false, inParagraphProperties = false
    private var runSize: Double?, runHidden = false
    /// Complex fields: per open field, whether its result (after `separate`) has begun.
    private var fields: [Bool] = []

    init(styles: WordStyles, numbering: WordNumbering) {
        self.styles = styles
        self.numbering = numbering
    }

    private static let skipped: Set<String> = ["del", "moveFrom", "Fallback", "instrText", "delText", "delInstrText", "footnoteReference", "endnoteReference", "commentReference"]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if skipDepth > 0 || WordBodyParser.skipped.contains(name) { skipDepth += 1; return }
        let val = { SafeXML.attribute(attributes, "val") }
        switch name {
        case "p": paragraphs.append(Paragraph())
        case "pPr": inParagraphProperties = true
        case "pStyle": if inParagraphProperties, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].style = val() }
        case "outlineLvl": if inParagraphProperties, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].outlineLevel = val().flatMap { Int($0) } }
        case "numId": if inParagraphProperties, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].numId = val() }
        case "ilvl": if inParagraphProperties, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].numLevel = val().flatMap { Int($0) } ?? 0 }
        case "r": runSize = nil; runHidden = false
        case "rPr": inRunProperties = true
        case "sz":
            let size = val().flatMap { Double($0) }
            if inRunProperties && !inParagraphProperties { runSize = size } else if inParagraphProperties, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].markSize = size }
        case "vanish", "webHidden": if inRunProperties && !inParagraphProperties { runHidden = val() != "0" && val() != "false" }
        case "t": inText = true
        case "tab", "ptab": if !inParagraphProperties { append(" ") }
        case "br", "cr": append("\n")
        case "noBreakHyphen": append("-")
        case "fldChar":
            switch SafeXML.attribute(attributes, "fldCharType") {
            case "begin": fields.append(false)
            case "separate": if !fields.isEmpty { fields[fields.count - 1] = true }
            case "end": if !fields.isEmpty { fields.removeLast() }
            default: break
            }
        case "tbl": tables.append(Table())
        case "tr": if !tables.isEmpty { tables[tables.count - 1].row = [] }
        case "tc": if !tables.isEmpty { tables[tables.count - 1].cell = Cell() }
        case "gridSpan": if !tables.isEmpty, tables[tables.count - 1].cell != nil { tables[tables.count - 1].cell!.span = max(1, min(val().flatMap { Int($0) } ?? 1, 64)) }
        case "vMerge":
            if !tables.isEmpty, tables[tables.count - 1].cell != nil { tables[tables.count - 1].cell!.mergedDown = val() != "restart" }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if skipDepth > 0 { skipDepth -= 1; return }
        switch name {
        case "t": inText = false
        case "pPr": inParagraphProperties = false
        case "rPr": inRunProperties = false
        case "p": if let p = paragraphs.popLast() { finish(p) }
        case "tc": finishCell()
        case "tr":
            guard !tables.isEmpty, let row = tables[tables.count - 1].row else { break }
            tables[tables.count - 1].rows.append(row)
            tables[tables.count - 1].rowSizes.append(tables[tables.count - 1].rowSize)
            tables[tables.count - 1].rowSize = 0
            tables[tables.count - 1].row = nil
        case "tbl":
            guard let table = tables.popLast() else { break }
            if tables.isEmpty && paragraphs.isEmpty {
                // Rows above the header with one cell across the table are its caption (often
                // the document's title, in large type): paragraphs, not rows.
                var first = 0
                while first < table.rows.count, table.rows[first].filter({ !$0.isEmpty }).count == 1, first < table.rows.count - 1 {
                    output.paragraph(table.rows[first].first { !$0.isEmpty }!, headingLevel: nil, size: table.rowSizes[first])
                    first += 1
                }
                for row in table.rows[first...] { output.tableRow(row) }
            } else {
                // A table inside a cell or a text box: its rows as text of the enclosing paragraph.
                for row in table.rows { append(row.filter { !$0.isEmpty }.joined(separator: " ") + "\n") }
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText, skipDepth == 0, !runHidden, !fields.contains(false) else { return }
        append(string)
        if !paragraphs.isEmpty, let size = runSize { paragraphs[paragraphs.count - 1].sizes[size, default: 0] += string.count }
    }

    private func append(_ s: String) {
        if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].text += s }
        else if !tables.isEmpty, tables[tables.count - 1].cell != nil { tables[tables.count - 1].cell!.text += s }
    }

    private func finish(_ p: Paragraph) {
        var text = p.text
        let numbered = p.numId.map { ($0, p.numLevel) } ?? styles.numbering(p.style)
        if let (numId, level) = numbered, numId != "0", !text.allSatisfy(\.isWhitespace), let label = numbering.label(numId: numId, level: level) {
            text = LineMarkup.join(label, LineMarkup.collapsed(text))
        }
        let size = p.sizes.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key ?? p.markSize ?? styles.size(p.style)
        if !paragraphs.isEmpty || (!tables.isEmpty && tables[tables.count - 1].cell != nil) {
            // Inside a text box or a table cell: part of the enclosing text.
            if paragraphs.isEmpty, !text.allSatisfy(\.isWhitespace) {
                let n = text.count
                tables[tables.count - 1].cell!.sizes[size, default: 0] += n
                output.countSize(size, characters: n)
            }
            let inner = LineMarkup.paragraphs(fromBrokenLines: text.split(separator: "\n").map(String.init)).joined(separator: "\n")
            if !inner.isEmpty { append((paragraphs.isEmpty ? "\n" : "") + inner + "\n") }
            return
        }
        let level = p.outlineLevel.map { $0 < 9 ? $0 + 1 : nil } ?? styles.headingLevel(p.style)
        output.paragraph(text, headingLevel: level.map { min($0, 6) }, size: size)
    }

    private func finishCell() {
        guard !tables.isEmpty, let cell = tables[tables.count - 1].cell else { return }
        var t = tables[tables.count - 1]
        let lines = cell.text.split(separator: "\n").map { LineMarkup.collapsed(String($0)) }.filter { !$0.isEmpty }
        var text = lines.dropFirst().reduce(lines.first ?? "") { LineMarkup.join($0, $1) }
        let column = t.row?.count ?? 0
        if cell.mergedDown { text = t.mergeText[column] ?? "" } else { t.mergeText[column] = text }
        t.row?.append(text)
        if let size = cell.sizes.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) })?.key { t.rowSize = max(t.rowSize, size) }
        for extra in 1..<max(cell.span, 1) {
            if cell.mergedDown { t.row?.append(t.mergeText[column + extra] ?? "") } else { t.mergeText[column + extra] = ""; t.row?.append("") }
        }
        t.cell = nil
        tables[tables.count - 1] = t
    }
}
