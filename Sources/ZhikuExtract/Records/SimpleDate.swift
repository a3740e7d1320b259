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

    /// Parses `YYYY-MM-DD`, or a date known only to the month (`YYYY-MM`, its last day) or the year
    /// (`YYYY`, 31 December): a publication date given as `2022-12` still dates relative words.
    public init?(lenient text: String) {
        if let d = SimpleDate(iso: text) { self = d; return }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts[0].count == 4, let y = Int(parts[0]) else { return nil }
        if parts.count == 1 { self.init(year: y, month: 12, day: 31); return }
        guard parts.count == 2, parts[1].count == 2, let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        self.init(year: y, month: m, day: SimpleDate.daysIn(year: y, month: m))
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
