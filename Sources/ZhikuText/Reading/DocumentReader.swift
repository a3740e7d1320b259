/// Decoding → the format's reader (line markup and metadata hints) → cleaning → passages, for one
/// file's bytes.
public enum DocumentReader {
    /// Reads a document from the bytes of a file called `fileName`: its format from its magic
    /// bytes, then its extension; PDF, DOCX, ODT, DOC and RTF through their ``FormatReader``, web
    /// pages through ``HTMLReader``, Markdown through ``MarkdownReader``.
    /// - throws: ``ReadFailure`` when the file cannot be read (not text, encrypted, damaged, a
    ///   tool missing), or holds no text after cleaning.
    public static func read(_ bytes: [UInt8], fileName: String, splitter: PassageSplitter = PassageSplitter(),
                            options: ReadOptions = ReadOptions()) throws(ReadFailure) -> SourceDocument {
        var state = PassageSplitter.Continuation()
        return try read(bytes, fileName: fileName, splitter: splitter, options: options, continuing: &state, final: true)
    }

    /// Reads a document, or one part of a text or Markdown file read in parts (cut at line ends,
    /// a file too large to hold whole): its passages follow those of the parts before, as `state`
    /// says; unless `final`, the passage being built at the end stays in `state`.
    public static func read(_ bytes: [UInt8], fileName: String, splitter: PassageSplitter, options: ReadOptions = ReadOptions(),
                            continuing state: inout PassageSplitter.Continuation, final: Bool) throws(ReadFailure) -> SourceDocument {
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
        let stem = stem(of: fileName)
        var text = raw
        var hints = MetadataHints()
        if format == .html || (format == .text && HTMLText.looksLikeHTML(raw)) {
            let page = HTMLReader.read(raw)
            text = page.lines.joined(separator: "\n")
            hints = page.hints
        } else if format == .markdown {
            let md = MarkdownReader.read(raw, isHead: state.linesSeen == 0, isTail: final)
            text = md.lines.joined(separator: "\n")
            hints = md.hints
        }
        if let d = DocumentDates.fileNameDate(stem) { hints.weakDates.append(d) }
        // The title line stays in the body: searching for a document's title finds its first passage.
        let cleaned = PageCleaner.clean(text, hints: hints, fallbackTitle: stem)
        if cleaned.lines.isEmpty { throw .decoding(.empty) }
        let passages = splitter.passages(of: cleaned.lines, continuing: &state, final: final)
        return SourceDocument(metadata: cleaned.metadata, encoding: encoding, lines: cleaned.lines, passages: passages)
    }
}
