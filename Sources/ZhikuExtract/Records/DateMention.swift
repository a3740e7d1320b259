import Foundation

/// A date or period found in text (extraction.md, "Dates").
public struct DateMention: Codable, Hashable, Sendable {
    public var surface: String
    public var start: Int
    public var end: Int
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, `YYYY-Qn`, `YYYY-H1|H2`, or `start/end` for periods.
    public var value: String
    /// day, month, year, quarter, half_year, period.
    public var granularity: String
    /// start, mid, end, or nil.
    public var mod: String?
    /// True for dates recovered from garbled scraped text (e.g. `628日`).
    public var lowConfidence: Bool
    /// `comparison` for comparison bases (较上年), else nil.
    public var role: String?

    public init(surface: String, start: Int, end: Int, value: String, granularity: String,
                mod: String? = nil, lowConfidence: Bool = false, role: String? = nil) {
        self.surface = surface; self.start = start; self.end = end; self.value = value
        self.granularity = granularity; self.mod = mod; self.lowConfidence = lowConfidence; self.role = role
    }

    enum CodingKeys: String, CodingKey {
        case surface, start, end, value, granularity, mod, lowConfidence = "low_confidence", role
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        surface = try c.decode(String.self, forKey: .surface)
        start = try c.decode(Int.self, forKey: .start)
        end = try c.decode(Int.self, forKey: .end)
        value = try c.decode(String.self, forKey: .value)
        granularity = try c.decode(String.self, forKey: .granularity)
        mod = try c.decodeIfPresent(String.self, forKey: .mod)
        lowConfidence = try c.decodeIfPresent(Bool.self, forKey: .lowConfidence) ?? false
        role = try c.decodeIfPresent(String.self, forKey: .role)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(surface, forKey: .surface)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(value, forKey: .value)
        try c.encode(granularity, forKey: .granularity)
        try c.encodeIfPresent(mod, forKey: .mod)
        if lowConfidence { try c.encode(true, forKey: .lowConfidence) }
        try c.encodeIfPresent(role, forKey: .role)
    }
}
