/// Decoding → HTML stripping → cleaning → passages, for one file's bytes.
public enum DocumentReader {
    /// Reads a document from the bytes of a file called `fileName`.
    /// - throws: ``DecodingFailure`` when the bytes are not text, or hold no text after cleaning.
    public static func read(_ bytes: [UInt8], fileName: String, splitter: PassageSplitter = PassageSplitter()) throws(DecodingFailure) -> SourceDocument {
        var state = PassageSplitter.Continuation()
        return try read(bytes, fileName: fileName, splitter: splitter, continuing: &state, final: true)
    }

    /// Reads one part of a file read in parts (cut at line ends, for a file too large to hold
    /// whole): its passages follow those of the parts before, as `state` says.
    public static func read(_ bytes: [UInt8], fileName: String, splitter: PassageSplitter,
                            continuing state: inout PassageSplitter.Continuation, final: Bool) throws(DecodingFailure) -> SourceDocument {
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
        let passages = splitter.passages(of: cleaned.lines, continuing: &state, final: final)
        return SourceDocument(metadata: cleaned.metadata, encoding: encoding, lines: cleaned.lines, passages: passages)
    }
}
