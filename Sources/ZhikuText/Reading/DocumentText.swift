import Foundation

/// What a format reader gives: the document's text in zhiku's line markup, and what the file
/// states about itself.
///
/// The line markup, the same for every format:
/// - one paragraph per line (lines wrapped inside a sentence are joined);
/// - a heading as a Markdown heading line: `#`…`######`, a space, the text;
/// - a table row as one line `| cell | cell |`, the header row first, no `|---|` rows (``LineMarkup``).
public struct DocumentText: Sendable, Equatable {
    public var lines: [String]
    /// Title, date, source and so on, where the file states them (a PDF's document information,
    /// a DOCX's core properties, the title its layout shows); nil fields are left to cleaning.
    public var metadata: DocumentMetadata

    public init(lines: [String], metadata: DocumentMetadata = DocumentMetadata()) {
        self.lines = lines
        self.metadata = metadata
    }
}
