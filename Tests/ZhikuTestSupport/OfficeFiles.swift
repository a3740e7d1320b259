import Foundation
import ZIPFoundation

/// Builds DOCX and ODT files for the readers' tests with ZIPFoundation: real containers with the
/// parts Word and LibreOffice write, around the XML a test gives; and the bad ones (a zip bomb,
/// an external entity, a corrupt archive).
public enum OfficeFiles {
    public static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// A ZIP archive of `entries` (path → bytes), deflated unless `stored`.
    /// The `mimetype` entry is stored, as OpenDocument requires.
    public static func zip(_ entries: [(String, [UInt8])], stored: Bool = false) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in entries {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: stored || path == "mimetype" ? .none : .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data ?? Data()
    }

    /// A DOCX whose body is `body` (the XML inside `<w:body>`), with `styles` (inside
    /// `<w:styles>`), `numbering` (inside `<w:numbering>`) and a core title.
    public static func docx(body: String, styles: String = "", numbering: String? = nil, title: String? = nil, prolog: String = "") throws -> Data {
        let ns = "xmlns:w=\"\(w)\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\""
        var entries: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """.utf8)),
            ("_rels/.rels", Array("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>
                """.utf8)),
            ("word/document.xml", Array("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                \(prolog)<w:document \(ns)><w:body>\(body)</w:body></w:document>
                """.utf8)),
            ("word/styles.xml", Array("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:styles \(ns)><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>\(styles)</w:styles>
                """.utf8)),
        ]
        if let numbering {
            entries.append(("word/numbering.xml", Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering \(ns)>\(numbering)</w:numbering>".utf8)))
        }
        if let title {
            entries.append(("docProps/core.xml", Array("""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>\(title)</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">2013-12-23T23:15:00Z</dcterms:created></cp:coreProperties>
                """.utf8)))
        }
        return try zip(entries)
    }

    /// `<w:p>` with `text` in one run; `style` a paragraph style id, `size` in half-points.
    public static func p(_ text: String, style: String? = nil, size: Int? = nil, center: Bool = false, numId: Int? = nil, level: Int = 0) -> String {
        var ppr = ""
        if let style { ppr += "<w:pStyle w:val=\"\(style)\"/>" }
        if let numId { ppr += "<w:numPr><w:ilvl w:val=\"\(level)\"/><w:numId w:val=\"\(numId)\"/></w:numPr>" }
        if center { ppr += "<w:jc w:val=\"center\"/>" }
        let rpr = size.map { "<w:rPr><w:sz w:val=\"\($0)\"/></w:rPr>" } ?? ""
        return "<w:p>\(ppr.isEmpty ? "" : "<w:pPr>\(ppr)</w:pPr>")<w:r>\(rpr)<w:t xml:space=\"preserve\">\(text)</w:t></w:r></w:p>"
    }

    /// A table of rows of cell texts.
    public static func table(_ rows: [[String]]) -> String {
        "<w:tbl>" + rows.map { row in "<w:tr>" + row.map { "<w:tc>\(p($0))</w:tc>" }.joined() + "</w:tr>" }.joined() + "</w:tbl>"
    }

    /// An ODT whose `office:text` holds `body`, with `automaticStyles` and a meta title.
    public static func odt(body: String, automaticStyles: String = "", title: String? = nil) throws -> Data {
        let ns = """
            xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
            xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
            xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" \
            xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"
            """
        var entries: [(String, [UInt8])] = [
            ("mimetype", Array("application/vnd.oasis.opendocument.text".utf8)),
            ("content.xml", Array("""
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content \(ns)><office:automatic-styles>\(automaticStyles)</office:automatic-styles><office:body><office:text>\(body)</office:text></office:body></office:document-content>
                """.utf8)),
            ("styles.xml", Array("""
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-styles \(ns)><office:styles><style:default-style style:family="paragraph"><style:text-properties fo:font-size="12pt"/></style:default-style></office:styles></office:document-styles>
                """.utf8)),
        ]
        if let title {
            entries.append(("meta.xml", Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-meta \(ns)><office:meta><dc:title>\(title)</dc:title></office:meta></office:document-meta>".utf8)))
        }
        return try zip(entries, stored: false)
    }

    /// A DOCX whose document.xml inflates to `megabytes` MB of one repeated byte: a zip bomb
    /// (about 1,000:1).
    public static func zipBomb(megabytes: Int) throws -> Data {
        let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 1 << 20)
        let archive = try Archive(data: Data(), accessMode: .create)
        let total = Int64(megabytes) << 20
        try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: total, compressionMethod: .deflate) { position, size in
            Data(chunk[0..<min(size, chunk.count)])
        }
        return archive.data ?? Data()
    }
}
