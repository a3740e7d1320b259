import Foundation

extension DocumentReader {
    /// A format reader's lines through cleaning and passages, as a text file's lines go. What the
    /// file states about itself (a PDF's title, a DOCX's) wins over what cleaning guesses.
    static func document(_ text: DocumentText, fileName: String, splitter: PassageSplitter) throws(ReadFailure) -> SourceDocument {
        let cleaned = PageCleaner.clean(text.lines.joined(separator: "\n"), fallbackTitle: stem(of: fileName))
        guard !cleaned.lines.isEmpty else { throw .empty }
        var metadata = cleaned.metadata
        let stated = text.metadata
        if let t = stated.title { metadata.title = t }
        if let d = stated.date { metadata.date = d }
        if let s = stated.source { metadata.source = s }
        if let s = stated.subtitle { metadata.subtitle = s }
        // The extracted text is UTF-8 whatever the container held.
        return SourceDocument(metadata: metadata, encoding: .utf8, lines: cleaned.lines, passages: splitter.passages(of: cleaned.lines))
    }

    /// A file's name without its folders and extension: the title of last resort.
    static func stem(of fileName: String) -> String {
        let name = fileName.split(separator: "/").last.map(String.init) ?? fileName
        if let dot = name.lastIndex(of: "."), dot > name.startIndex { return String(name[..<dot]) }
        return name
    }
}
