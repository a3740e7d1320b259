import GRDB
import ZhikuExtract
import ZhikuText

/// Which documents a search keeps, by their profile (`zhiku search --place 江苏 --year 2025 --kind 统计公报`,
/// `SEARCH place=江苏 year=2025 kind=统计公报`, the REPL's `:set place 江苏`).
public struct DocumentFilter: Sendable, Equatable {
    /// A place (江苏, 赣州市, 赣州高新区): documents about it or about a place inside it.
    public var place: String?
    /// A year: documents that name it in their title, report on it or were issued in it.
    public var year: Int?
    /// A kind or family of kinds (统计公报, 政府工作报告, 条例, 法规, 通知 …; ``DocumentKind/matches(_:)``).
    public var kind: String?

    public init(place: String? = nil, year: Int? = nil, kind: String? = nil) {
        self.place = place
        self.year = year
        self.kind = kind
    }

    public var isEmpty: Bool { place == nil && year == nil && kind == nil }

    /// What it keeps, as shown to users (地点 江苏省 · 年份 2025 · 类型 统计公报).
    public var description: String {
        [place.map { "place \($0)" }, year.map { "year \($0)" }, kind.map { "kind \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }

    /// Checks the values: a place the gazetteer knows, a year 1900–2100, a kind zhiku knows.
    public func validate() throws {
        if let p = place, AdministrativeDivisions.place(named: p) == nil {
            throw ZhikuError(.argument, "unknown place \(p) (a province, city, county or zone of China, or 全国)")
        }
        if let y = year, !(1900...2100).contains(y) { throw ZhikuError(.argument, "year must be 1900..2100") }
        if let k = kind, !DocumentKind.allCases.contains(where: { $0.matches(k) }) {
            let names = DocumentKind.allCases.map(\.rawValue) + Array(Set(DocumentKind.allCases.map(\.group))).sorted()
            throw ZhikuError(.argument, "unknown kind \(k) (one of \(names.joined(separator: " ")))")
        }
    }

    /// Whether a document's profile passes.
    func accepts(_ p: DocumentProfile) -> Bool {
        if let name = place {
            guard let asked = AdministrativeDivisions.place(named: name), let at = p.place, at.isWithin(asked) else { return false }
        }
        if let y = year, ![p.titleYear, p.reportYear, p.issueYear].contains(y) { return false }
        if let k = kind, !(p.kind?.matches(k) ?? false) { return false }
        return true
    }

    /// The passage ranges of the documents it keeps, sorted.
    func ranges(_ catalog: DocumentCatalog.Snapshot) -> [ClosedRange<Int64>] {
        catalog.documents.filter { accepts($0.profile) }.compactMap(\.passages).sorted { $0.lowerBound < $1.lowerBound }
    }
}
