import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Word 2007+ documents (Office Open XML): a ZIP container (``OfficeZip``, with its limits) of
/// XML parts read with Foundation's parser (``SafeXML``: no DTD, no entities).
///
/// From `word/document.xml`: paragraphs; headings from their style (`标题 1`, `Heading 1`,
/// outline levels, through `word/styles.xml`); list labels Word draws (一、 （二） 3.) from
/// `word/numbering.xml`; tables as rows (a merged cell's text repeated down its rows, a cell's
/// paragraphs joined); text boxes; field results without their codes (`PAGE \* MERGEFORMAT`);
/// no deleted revisions, hidden text or headers and footers. The title: `docProps/core.xml`'s
/// when the text bears it out, else the largest type at the top. Its dates are not used: they
/// are when the file was saved (python-docx writes 2013-12-23 into every file), not the document's.
public struct DOCXReader: FormatReader {
    static let wordNamespaces: Set<String> = [
        "http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main",
    ]

    public init() {}

    public func read(_ bytes: [UInt8], fileName: String, options: ReadOptions) throws(ReadFailure) -> DocumentText {
        let zip = try OfficeZip(bytes, format: "DOCX")
        let mainPart = try Self.mainPart(zip)
        guard let document = try zip.read(mainPart) else {
            if zip.contains("content.xml") { throw .unsupported(detail: "an OpenDocument file under a Word name (no \(mainPart))") }
            throw .damaged(format: "DOCX", detail: "not a Word document (no \(mainPart) in the ZIP archive)")
        }
        let styles = try zip.read("word/styles.xml").map { xml throws(ReadFailure) in try WordStyles(xml: xml, format: "DOCX") } ?? WordStyles()
        let numbering = try zip.read("word/numbering.xml").map { xml throws(ReadFailure) in try WordNumbering(xml: xml, format: "DOCX") } ?? WordNumbering()
        let body = WordBodyParser(styles: styles, numbering: numbering)
        try SafeXML.parse(document, part: mainPart, format: "DOCX", delegate: body)
        var text = body.output
        return try text.document { () throws(ReadFailure) in
            try zip.read("docProps/core.xml").flatMap { xml throws(ReadFailure) in try CoreProperties.title(xml, format: "DOCX") }
        }
    }

    /// The main document part: named by the package relationships (`_rels/.rels`), `word/document.xml` by default.
    static func mainPart(_ zip: OfficeZip) throws(ReadFailure) -> String {
        guard let rels = try zip.read("_rels/.rels") else { return "word/document.xml" }
        let parser = Relationships()
        try SafeXML.parse(rels, part: "_rels/.rels", format: "DOCX", delegate: parser)
        guard var target = parser.officeDocument else { return "word/document.xml" }
        while target.hasPrefix("/") { target.removeFirst() }
        return target
    }

    private final class Relationships: NSObject, XMLParserDelegate {
        var officeDocument: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "Relationship", let type = attributes["Type"], type.hasSuffix("/officeDocument"), officeDocument == nil {
                officeDocument = attributes["Target"]
            }
        }
    }
}

/// `docProps/core.xml` (DOCX) or `meta.xml` (ODT): the stated title (`dc:title`).
enum CoreProperties {
    static func title(_ xml: [UInt8], format: String) throws(ReadFailure) -> String? {
        let parser = Parser()
        try SafeXML.parse(xml, part: format == "ODT" ? "meta.xml" : "docProps/core.xml", format: format, delegate: parser)
        let t = LineMarkup.collapsed(parser.title)
        return t.isEmpty ? nil : t
    }

    private final class Parser: NSObject, XMLParserDelegate {
        var title = "", inTitle = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            inTitle = name == "title" && (namespaceURI ?? "").contains("purl.org/dc/elements")
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { inTitle = false }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inTitle { title += string } }
    }
}
