/// Decoding → the format's reader (line markup and metadata hints) → cleaning → passages, for one
/// file's bytes.
public enum DocumentReader {
    /// Reads a document from the bytes of a file called `fileName`.
    /// - throws: ``DecodingFailure`` when the bytes are not text, or hold no text after cleaning.
    public static func read(_ bytes: [UInt8], fileName: String, splitter: PassageSplitter = PassageSplitter()) throws(DecodingFailure) -> SourceDocument {
        let (raw, encoding) = try TextDecoder.decode(bytes)
        let format = SourceFormat(fileName: fileName) ?? .text
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let stem: String = {
            if let dot = name.lastIndex(of: "."), dot > name.startIndex { return String(name[..<dot]) }
            return name
        }()
        var text = raw
        var hints = MetadataHints()
        if format == .html || (format == .text && HTMLText.looksLikeHTML(raw)) {
            let page = HTMLReader.read(raw)
            text = page.lines.joined(separator: "\n")
            hints = page.hints
        } else if format == .markdown {
            let md = MarkdownReader.read(raw)
            text = md.lines.joined(separator: "\n")
            hints = md.hints
        }
        if let d = DocumentDates.fileNameDate(stem) { hints.weakDates.append(d) }
        // The title line stays in the body: searching for a document's title finds its first passage.
        let cleaned = PageCleaner.clean(text, hints: hints, fallbackTitle: stem)
        if cleaned.lines.isEmpty { throw .empty }
        let passages = splitter.passages(of: cleaned.lines)
        return SourceDocument(metadata: cleaned.metadata, encoding: encoding, lines: cleaned.lines, passages: passages)
    }
}
