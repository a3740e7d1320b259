/// A unit of retrieval: a paragraph (or part of one, or a few short ones) under its headings.
public struct Passage: Hashable, Codable, Sendable {
    /// 1-based number of the passage in its document.
    public var number: Int
    /// Headings above the passage, outermost first.
    public var headings: [String]
    /// The passage text, lines joined by `\n`.
    public var text: String
    /// Range of the passage in the document body, in Unicode code points.
    public var scalarRange: Range<Int>

    public init(number: Int, headings: [String], text: String, scalarRange: Range<Int>) {
        self.number = number
        self.headings = headings
        self.text = text
        self.scalarRange = scalarRange
    }
}
