/// The formats zhiku reads, by file name extension; ``detect(_:fileName:)`` looks at the bytes too.
public enum SourceFormat: String, Sendable, CaseIterable {
    case text, markdown, html
    /// PDF with a text layer (poppler's `pdftotext`).
    case pdf
    /// Word 2007+ (Office Open XML) and OpenDocument text: ZIP containers of XML.
    case docx, odt
    /// Word 97–2003 binary documents (`antiword`).
    case doc
    /// Rich Text Format (often saved under a .doc name).
    case rtf

    /// The format for a file name, or nil when zhiku does not read such files.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        switch lower[lower.index(after: dot)...] {
        case "txt", "text": self = .text
        case "md", "markdown": self = .markdown
        case "html", "htm", "shtml": self = .html
        case "pdf": self = .pdf
        case "docx", "docm": self = .docx
        case "odt": self = .odt
        case "doc", "wps": self = .doc
        case "rtf": self = .rtf
        default: return nil
        }
    }

    /// Whether the format is a binary container a reader converts (not text to decode).
    public var isBinary: Bool {
        switch self {
        case .text, .markdown, .html: return false
        case .pdf, .docx, .odt, .doc, .rtf: return true
        }
    }

    /// What a file really is: its magic bytes first (a .doc that is RTF, DOCX or a saved web page;
    /// a PDF under another name), its extension second.
    public static func detect(_ bytes: [UInt8], fileName: String) -> SourceFormat {
        let named = SourceFormat(fileName: fileName)
        if let sniffed = sniff(bytes) { return sniffed }
        // No office signature: a text file, whatever its name says (a web page saved as .doc);
        // a binary one under an office name goes to that reader, which says what is wrong.
        if let named, named.isBinary {
            return bytes.prefix(4096).contains(0) ? named : .text
        }
        return named ?? .text
    }

    /// The format the first bytes announce, or nil for anything else (text included).
    public static func sniff(_ bytes: [UInt8]) -> SourceFormat? {
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + magic.count && Array(bytes[offset..<offset + magic.count]) == magic
        }
        // PDF readers accept the header anywhere in the first KB (some files carry junk before it).
        if Self.find(Array("%PDF-".utf8), in: bytes.prefix(1024)) { return .pdf }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .doc }  // OLE2 compound file
        if starts(Array("{\\rtf".utf8)) { return .rtf }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
            // ODF stores its `mimetype` entry first and uncompressed; OOXML names word/ parts
            // (entry names are plain text in the archive's directory).
            if find(Array("application/vnd.oasis.opendocument.text".utf8), in: bytes.prefix(256)) { return .odt }
            if !find(Array("word/".utf8), in: bytes[...]) && find(Array("content.xml".utf8), in: bytes[...]) { return .odt }
            return .docx  // the DOCX reader says when a ZIP is not a Word document
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Bool {
        Array(haystack).withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { ByteSearch.contains(h, $0) } }
    }
}
