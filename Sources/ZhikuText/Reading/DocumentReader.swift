/// Decoding → HTML stripping → cleaning → passages, for one file's bytes.
public enum DocumentReader {
    /// Reads a document from the bytes of a file called `fileName`: its format from its magic
    /// bytes, then its extension; PDF, DOCX, ODT, DOC and RTF through their ``FormatReader``.
    /// - throws: ``ReadFailure`` when the file cannot be read (not text, encrypted, damaged, a
    ///   tool missing), or holds no text after cleaning.
    public static func read(_ bytes: [UInt8], fileName: String, splitter: PassageSplitter = PassageSplitter(),
                            options: ReadOptions = ReadOptions()) throws(ReadFailure) -> SourceDocument {
        let format = SourceFormat.detect(bytes, fileName: fileName)
        switch format {
        case .pdf: return try document(PDFReader().read(bytes, fileName: fileName, options: options), fileName: fileName, splitter: splitter)
        case .docx: return try document(DOCXReader().read(bytes, fileName: fileName, options: options), fileName: fileName, splitter: splitter)
        case .odt: return try document(ODTReader().read(bytes, fileName: fileName, options: options), fileName: fileName, splitter: splitter)
        case .doc: return try document(DOCReader().read(bytes, fileName: fileName, options: options), fileName: fileName, splitter: splitter)
        case .rtf: return try document(RTFReader().read(bytes, fileName: fileName, options: options), fileName: fileName, splitter: splitter)
        case .text, .markdown, .html: break
        }
        let raw: String, encoding: TextEncoding
        do { (raw, encoding) = try TextDecoder.decode(bytes) } catch { throw .decoding(error) }
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
        if cleaned.lines.isEmpty { throw .decoding(.empty) }
        let passages = splitter.passages(of: cleaned.lines)
        return SourceDocument(metadata: cleaned.metadata, encoding: encoding, lines: cleaned.lines, passages: passages)
    }
}
