/// A token with its text and offsets, for callers that want an array (tests, snippets).
public struct SegmentedToken: Hashable, Sendable {
    public var text: String
    /// Range in UTF-8 bytes of the original text.
    public var utf8Range: Range<Int>
    /// Token position (colocated tokens share one).
    public var position: Int
    public var colocated: Bool
}
