import Foundation

/// A calendar date without time zone (the publication date of a document).
public struct SimpleDate: Hashable, Codable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Creates a date from components; returns nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= SimpleDate.daysIn(year: year, month: month) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `"YYYY-MM-DD"`; returns nil for anything else or an impossible day.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Number of days in a month of the proleptic Gregorian calendar.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        default: return 0
        }
    }

    /// `"YYYY-MM-DD"`.
    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: SimpleDate, b: SimpleDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

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

/// All entities of one passage, grouped as in interface.md.
public struct Entities: Codable, Hashable, Sendable {
    public var figures: [Figure]
    public var dates: [DateMention]
    public var orgs: [Organization]

    public init(figures: [Figure] = [], dates: [DateMention] = [], orgs: [Organization] = []) {
        self.figures = figures; self.dates = dates; self.orgs = orgs
    }
}
