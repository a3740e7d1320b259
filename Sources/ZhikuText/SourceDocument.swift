/// A file turned into a cleaned, split document, ready for the extractor and the index.
public struct SourceDocument: Sendable {
    public var metadata: DocumentMetadata
    public var encoding: TextEncoding
    /// Body lines after cleaning.
    public var lines: [String]
    public var passages: [Passage]

    /// The document body: its lines joined by `\n`.
    public var body: String { lines.joined(separator: "\n") }
}

/// The formats zhiku reads, by file name extension.
public enum SourceFormat: String, Sendable {
    case text, markdown, html

    /// The format for a file name, or nil when zhiku does not read such files.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".txt") || lower.hasSuffix(".text") { self = .text }
        else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { self = .markdown }
        else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".shtml") { self = .html }
        else { return nil }
    }
}

/// Decoding → HTML stripping → cleaning → passages, for one file's bytes.
public enum DocumentReader {
    /// Reads a document from the bytes of a file called `fileName`.
    /// - throws: ``DecodingFailure`` when the bytes are not text, or hold no text after cleaning.
    public static func read(_ bytes: [UInt8], fileName: String, splitter: PassageSplitter = PassageSplitter()) throws(DecodingFailure) -> SourceDocument {
        let (raw, encoding) = try TextDecoder.decode(bytes)
        let format = SourceFormat(fileName: fileName) ?? .text
        var text = raw
        var htmlTitle: String? = nil
        if format == .html || HTMLText.looksLikeHTML(raw) {
            htmlTitle = HTMLText.title(of: raw)
            text = HTMLText.text(of: raw)
        }
        let stem = fileName.split(separator: "/").last.map { name -> String in
            let s = String(name)
            if let dot = s.lastIndex(of: "."), dot > s.startIndex { return String(s[..<dot]) }
            return s
        }
        // The title line stays in the body: searching for a document's title finds its first passage.
        let cleaned = PageCleaner.clean(text, fallbackTitle: stem, htmlTitle: htmlTitle)
        if cleaned.lines.isEmpty { throw .empty }
        let passages = splitter.passages(of: cleaned.lines)
        return SourceDocument(metadata: cleaned.metadata, encoding: encoding, lines: cleaned.lines, passages: passages)
    }
}

/// FNV-1a, 64 bits: a fast content hash to tell changed files from unchanged ones.
public enum ContentHash {
    public static func fnv1a64(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBufferPointer { p in
            for b in p {
                h ^= UInt64(b)
                h &*= 0x100_0000_01b3
            }
        }
        return String(h, radix: 16)
    }
}
