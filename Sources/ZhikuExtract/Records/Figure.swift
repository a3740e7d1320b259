import Foundation

/// A quantity found in text (extraction.md, "Figures").
public struct Figure: Codable, Hashable, Sendable {
    /// The matched text, including adjacent hedge markers.
    public var surface: String
    /// Start offset in Unicode code points (inclusive).
    public var start: Int
    /// End offset in Unicode code points (exclusive).
    public var end: Int
    /// Value in `unit`, magnitude words applied; the lower bound of a range.
    public var value: Double
    /// Upper bound of a range (`approx == "range"`), else nil.
    public var valueMax: Double?
    /// Canonical unit without magnitude (元, 平方米, %, 个 ...).
    public var unit: String
    /// money, area, land_area, percent, percentage_point, count, mass, length, duration, multiple, ...
    public var kind: String
    /// Normalized hedge (约, 左右, 余, 多, 超, 逾, 近, 以上, 以下, range) or nil when exact.
    public var approx: String?

    public init(surface: String, start: Int, end: Int, value: Double, valueMax: Double? = nil,
                unit: String, kind: String, approx: String? = nil) {
        self.surface = surface; self.start = start; self.end = end; self.value = value
        self.valueMax = valueMax; self.unit = unit; self.kind = kind; self.approx = approx
    }

    enum CodingKeys: String, CodingKey {
        case surface, start, end, value, valueMax = "value_max", unit, kind, approx
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(surface, forKey: .surface)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(value, forKey: .value)
        try c.encodeIfPresent(valueMax, forKey: .valueMax)
        try c.encode(unit, forKey: .unit)
        try c.encode(kind, forKey: .kind)
        try c.encode(approx, forKey: .approx) // explicit null when exact
    }
}
