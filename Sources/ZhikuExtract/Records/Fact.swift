/// A figure or date tied to what it quantifies (attribute), whom it is about (subject) and when.
public struct Fact: Codable, Hashable, Sendable {
    /// Canonical organization the fact is about, or nil.
    public var subject: String?
    /// The noun phrase the figure quantifies (科研团队, 建筑面积) or the event verb of a date (批复).
    public var attribute: String?
    /// The figure, for figure facts.
    public var figure: Figure?
    /// For date facts the date itself; for figure facts a date in the same clause, else nil.
    public var date: DateMention?
    /// Value of the date the fact refers to (`YYYY`, `YYYY-MM-DD`, ...): the clause date, else a date
    /// opening the sentence (`截至2020年底，…`), else nil.
    public var factDate: String?
    /// 0...1; higher when subject, attribute and date were all found in the clause.
    public var confidence: Double

    public init(subject: String? = nil, attribute: String? = nil, figure: Figure? = nil, date: DateMention? = nil,
                factDate: String? = nil, confidence: Double) {
        self.subject = subject; self.attribute = attribute; self.figure = figure; self.date = date
        self.factDate = factDate; self.confidence = confidence
    }

    enum CodingKeys: String, CodingKey {
        case subject, attribute, figure, date, factDate = "fact_date", confidence
    }
}
