import Foundation

/// An organization mention (extraction.md, "Organizations").
public struct Organization: Codable, Hashable, Sendable {
    public var surface: String
    public var start: Int
    public var end: Int
    /// Full name when the surface is an abbreviation or a defined alias, else nil.
    public var canonical: String?

    public init(surface: String, start: Int, end: Int, canonical: String? = nil) {
        self.surface = surface; self.start = start; self.end = end; self.canonical = canonical
    }

    enum CodingKeys: String, CodingKey { case surface, start, end, canonical }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(surface, forKey: .surface)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encodeIfPresent(canonical, forKey: .canonical)
    }
}
