import Foundation
import ZhikuText

/// A fact found at index time: a figure, a rank, an organization or a date with what it quantifies,
/// whom it is about, the relation it stands in and the passage that proves it (columns of `fact`).
public struct StoredFact: Sendable {
    /// Index into the document's passages (0-based).
    public var passageIndex: Int
    public var subject: String?
    public var attribute: String?
    /// `money`, `area`, `count`, … for figures; `rank` for ranks (value: the position); `org` for
    /// organizations in an answer slot (value nil, surface: the organization, attribute: the
    /// action); `date` for dates.
    public var kind: String
    public var value: Double?
    public var valueMax: Double?
    public var unit: String?
    /// The date the fact refers to (ISO), or the date mention's own value for a date fact.
    public var date: String?
    public var surface: String
    /// Code-point range of `surface` in the passage text.
    public var start: Int
    public var end: Int
    public var confidence: Double
    /// A figure's hedge (`约`, `余`, `range` …), nil when exact.
    public var approx: String?
    /// A date fact's granularity (`day`, `month`, `year`, …) and modifier (`start`, `mid`, `end`).
    public var granularity: String?
    public var mod: String?
    public var lowConfidence: Bool
    /// `from`, `to`, `change`, `comparison` or nil (``Fact/role``): a comparison base is never an answer.
    public var role: String?
    /// `target`, `achieved` or nil (``Fact/status``).
    public var status: String?
    /// `cumulative`, `period`, `average`, `year` or nil (``Fact/scope``).
    public var scope: String?
    /// The N of 第N次修订/修正 for a date fact, else nil.
    public var ordinal: Int?

    public init(passageIndex: Int, subject: String?, attribute: String?, kind: String, value: Double?, valueMax: Double?,
                unit: String?, date: String?, surface: String, start: Int, end: Int, confidence: Double,
                approx: String? = nil, granularity: String? = nil, mod: String? = nil, lowConfidence: Bool = false,
                role: String? = nil, status: String? = nil, scope: String? = nil, ordinal: Int? = nil) {
        self.passageIndex = passageIndex
        self.subject = subject
        self.attribute = attribute
        self.kind = kind
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.date = date
        self.surface = surface
        self.start = start
        self.end = end
        self.confidence = confidence
        self.approx = approx
        self.granularity = granularity
        self.mod = mod
        self.lowConfidence = lowConfidence
        self.role = role
        self.status = status
        self.scope = scope
        self.ordinal = ordinal
    }
}
