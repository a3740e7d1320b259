import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// OpenDocument text (`.odt`): the same shape as DOCX — a ZIP container (``OfficeZip``) of XML
/// read with Foundation's parser (``SafeXML``). `content.xml` gives paragraphs (`text:p`),
/// headings with their outline level (`text:h`), lists, tables as rows, text frames; notes,
/// annotations and tracked deletions are left out. The title: `meta.xml`'s when the text bears it
/// out, else the largest type at the top (sizes through the automatic and named styles).
public struct ODTReader: FormatReader {
    public init() {}

    public func read(_ bytes: [UInt8], fileName: String, options: ReadOptions) throws(ReadFailure) -> DocumentText {
        let zip = try OfficeZip(bytes, format: "ODT")
        guard let content = try zip.read("content.xml") else {
            throw .damaged(format: "ODT", detail: "not an OpenDocument text (no content.xml in the ZIP archive)")
        }
        var sizes = ODFStyles()
        if let styles = try zip.read("styles.xml") { try sizes.add(styles, part: "styles.xml") }
        try sizes.add(content, part: "content.xml")
        let body = ODFBodyParser(styles: sizes)
        try SafeXML.parse(content, part: "content.xml", format: "ODT", delegate: body)
        var text = body.output
        return try text.document { () throws(ReadFailure) in
            try zip.read("meta.xml").flatMap { xml throws(ReadFailure) in try CoreProperties.title(xml, format: "ODT") }
        }
    }
}

/// The font sizes OpenDocument styles set (points), named and automatic, with their parents.
struct ODFStyles {
    private var sizes: [String: Double] = [:]
    private var parents: [String: String] = [:]
    private(set) var defaultSize: Double = 12

    mutating func add(_ xml: [UInt8], part: String) throws(ReadFailure) {
        let parser = Parser()
        try SafeXML.parse(xml, part: part, format: "ODT", delegate: parser)
        sizes.merge(parser.sizes) { _, new in new }
        parents.merge(parser.parents) { _, new in new }
        if let d = parser.defaultSize { defaultSize = d }
    }

    /// The size a paragraph style sets, through its parents, else the default.
    func size(_ name: String?) -> Double {
        var name = name, depth = 0
        while let n = name, depth < 16 {
            if let s = sizes[n] { return s }
            name = parents[n]
            depth += 1
        }
        return defaultSize
    }

    private final class Parser: NSObject, XMLParserDelegate {
        var sizes: [String: Double] = [:], parents: [String: String] = [:]
        var defaultSize: Double?
        var current: String?, inDefault = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "style":
                current = SafeXML.attribute(attributes, "name")
                if let c = current, let parent = SafeXML.attribute(attributes, "parent-style-name") { parents[c] = parent }
            case "default-style": inDefault = SafeXML.attribute(attributes, "family") == "paragraph"
            case "text-properties":
                guard let raw = SafeXML.attribute(attributes, "font-size"), raw.hasSuffix("pt"), let pt = Double(raw.dropLast(2)) else { break }
                if let c = current { sizes[c] = pt } else if inDefault { defaultSize = pt }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "style" { current = nil }
            if name == "default-style" { inDefault = false }
        }
    }
}

/// Walks `content.xml`'s body and hands paragraphs and table rows to ``OfficeText``.
final class ODFBodyParser: NSObject, XMLParserDelegate {
    private let styles: ODFStyles
    private(set) var output = OfficeText()
    private struct Paragraph { var text = ""; var level: Int?; var style: String? }
    private var paragraphs: [Paragraph] = []
    private var tables: [(rows: [[String]], row: [String]?, rowRepeat: Int, cell: String?, cellRepeat: Int)] = []
    private var skipDepth = 0
    private var inBody = false

    /// Repeated rows and columns are written out at most this many times: spreadsheets-in-text
    /// declare a thousand empty columns.
    static let maxRepeat = 64
    private static let skipped: Set<String> = ["note", "annotation", "tracked-changes", "automatic-styles", "font-face-decls", "scripts", "sequence-decls"]

    init(styles: ODFStyles) { self.styles = styles }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if skipDepth > 0 || ODFBodyParser.skipped.contains(name) { skipDepth += 1; return }
        if name == "body" { inBody = true }
        guard inBody else { return }
        let repeatCount = { (attr: String) in max(1, min(Int(SafeXML.attribute(attributes, attr) ?? "1") ?? 1, ODFBodyParser.maxRepeat)) }
        switch name {
        case "p": paragraphs.append(Paragraph(style: SafeXML.attribute(attributes, "style-name")))
        case "h":
            let level = Int(SafeXML.attribute(attributes, "outline-level") ?? "1") ?? 1
            paragraphs.append(Paragraph(level: max(1, min(level, 6)), style: SafeXML.attribute(attributes, "style-name")))
        case "s": append(String(repeating: " ", count: max(1, min(Int(SafeXML.attribute(attributes, "c") ?? "1") ?? 1, 100))))
        case "tab": append(" ")
        case "line-break": append("\n")
        case "table": tables.append(([], nil, 1, nil, 1))
        case "table-row": if !tables.isEmpty { tables[tables.count - 1].row = []; tables[tables.count - 1].rowRepeat = repeatCount("number-rows-repeated") }
        case "table-cell", "covered-table-cell":
            if !tables.isEmpty { tables[tables.count - 1].cell = ""; tables[tables.count - 1].cellRepeat = repeatCount("number-columns-repeated") }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if skipDepth > 0 { skipDepth -= 1; return }
        guard inBody else { return }
        switch name {
        case "body": inBody = false
        case "p", "h":
            guard let p = paragraphs.popLast() else { break }
            if !paragraphs.isEmpty || (!tables.isEmpty && tables[tables.count - 1].cell != nil) {
                let inner = LineMarkup.collapsed(p.text)
                if !inner.isEmpty { append("\n" + inner + "\n") }
            } else {
                output.paragraph(p.text, headingLevel: p.level, size: styles.size(p.style))
            }
        case "table-cell", "covered-table-cell":
            guard !tables.isEmpty, let cell = tables[tables.count - 1].cell else { break }
            let parts = cell.split(separator: "\n").map { LineMarkup.collapsed(String($0)) }.filter { !$0.isEmpty }
            let text = parts.dropFirst().reduce(parts.first ?? "") { LineMarkup.join($0, $1) }
            for _ in 0..<tables[tables.count - 1].cellRepeat { tables[tables.count - 1].row?.append(text) }
            tables[tables.count - 1].cell = nil
        case "table-row":
            guard !tables.isEmpty, var row = tables[tables.count - 1].row else { break }
            while row.last == "" { row.removeLast() }
            for _ in 0..<tables[tables.count - 1].rowRepeat where !row.isEmpty { tables[tables.count - 1].rows.append(row) }
            tables[tables.count - 1].row = nil
        case "table":
            guard let table = tables.popLast() else { break }
            let width = table.rows.map(\.count).max() ?? 0
            if tables.isEmpty && paragraphs.isEmpty {
                for row in table.rows { output.tableRow(row + [String](repeating: "", count: width - row.count)) }
            } else {
                for row in table.rows { append(row.filter { !$0.isEmpty }.joined(separator: " ") + "\n") }
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard skipDepth == 0, inBody else { return }
        append(string)
    }

    private func append(_ s: String) {
        if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].text += s }
        else if !tables.isEmpty, tables[tables.count - 1].cell != nil { tables[tables.count - 1].cell! += s }
    }
}
