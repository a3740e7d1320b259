/// A heading found at the start of a line.
public struct Heading: Hashable, Sendable {
    /// Nesting rank: a smaller rank encloses a larger one (Markdown `#` = 1…6, 第X编 10, 第X章 11,
    /// 第X节 12, 一、 13, （一） 14, 1. 15, （1） 16, 第X条 17).
    public var rank: Int
    /// The heading as shown in a heading path (`（一）全力支持中国科学院赣江创新研究院(稀土研究院)建设`).
    public var text: String
    /// The whole line is the heading; otherwise the line goes on with body text.
    public var standalone: Bool
}
