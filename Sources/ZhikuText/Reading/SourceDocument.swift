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
