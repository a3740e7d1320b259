/// A place a document or a question is about: the nation, or a division of China's administrative
/// map (province, prefecture city, county or district, development zone).
///
/// Codes are those of the statistical division codes (`36` 江西省, `3607` 赣州市, `360702` 章贡区);
/// the nation is `CN`; a zone the table does not list takes its city's code and its kind
/// (`3607:高新区` for 赣州高新技术产业开发区). Containment is by code prefix.
public struct Place: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Codable, Comparable {
        case nation, province, city, county, zone

        /// Nation first, zones last.
        var depth: Int {
            switch self {
            case .nation: return 0
            case .province: return 1
            case .city: return 2
            case .county, .zone: return 3
            }
        }

        public static func < (a: Level, b: Level) -> Bool { a.depth < b.depth }
    }

    public var code: String
    /// The full name (江西省, 赣州市, 赣州高新技术产业开发区, 全国).
    public var name: String
    public var level: Level

    public init(code: String, name: String, level: Level) {
        self.code = code
        self.name = name
        self.level = level
    }

    public static let nation = Place(code: "CN", name: "全国", level: .nation)

    /// The province's code (two digits), nil for the nation.
    public var provinceCode: String? { level == .nation ? nil : String(code.prefix(2)) }

    /// Whether this place is `other` or lies inside it (赣州市 in 江西省; everything in the nation).
    public func isWithin(_ other: Place) -> Bool {
        if other.level == .nation { return true }
        if level == .nation { return false }
        return code.hasPrefix(other.code) || (other.level == .zone && code == other.code)
    }

    /// Whether one of the two lies inside the other.
    public func overlaps(_ other: Place) -> Bool { isWithin(other) || other.isWithin(self) }
}
