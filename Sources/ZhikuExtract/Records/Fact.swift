/// A figure, rank, organization or date tied to what it quantifies (attribute), whom it is about
/// (subject), when, and the relation it stands in (issue 18): the start or end of a change, a
/// target or an achieved value, a cumulative or period total, a comparison base.
public struct Fact: Codable, Hashable, Sendable {
    /// Canonical organization the fact is about, or nil. For an organization fact, the body the
    /// action concerns (国家稀土功能材料创新中心 in 工信部批复…组建国家稀土功能材料创新中心).
    public var subject: String?
    /// The noun phrase the figure quantifies (科研团队, 建筑面积), what a rank ranks (增速), the event
    /// verb of a date (批复, 通过, 修正), or the action of an organization fact (提出, 批准, 牵头, 发布).
    public var attribute: String?
    /// The figure, for figure facts; for rank facts a figure of kind `rank` whose value is the
    /// position (居全国第3位 → 3, unit 位).
    public var figure: Figure?
    /// For date facts the date itself; for figure facts a date in the same clause, else nil.
    public var date: DateMention?
    /// For organization facts (kind `org`): the organization that is the answer in its slot
    /// (由X提出, 经X批准, X牵头组建, X发布, 向X申请).
    public var organization: Organization?
    /// Value of the date the fact refers to (`YYYY`, `YYYY-MM-DD`, ...): the clause date, else a date
    /// opening the sentence (`截至2020年底，…`), else nil.
    public var factDate: String?
    /// The figure's place in a relation: `from` / `to` (the two ends of 由X提高到Y, 从X增至Y,
    /// 由第12位跃升至第9位; `to` also for 提高到Y alone), `change` (the amount of a change: 增长5%,
    /// 比上年增加353人, 提升了10名), `comparison` (a comparison base, 较上年的X: never the answer),
    /// or nil.
    public var role: String?
    /// `target` (目标, 预期, 力争, 拟, 计划, 确保, a 左右 figure in a list of goals, a section of 重点工作 or
    /// 目标任务) or `achieved` (实现, 完成, 达到 without a target word, a section of 工作回顾), or nil
    /// when the text does not say.
    public var status: String?
    /// `cumulative` (累计, 共计, 总计), `period` (五年来, 过去五年, “十四五”期间, 2019年至2021年),
    /// `average` (年均, 平均每年), `year` (a single year: 全年, 2024年, 今年), or nil.
    public var scope: String?
    /// The N of an ordinal event (第三次修正 → 3), for date facts; nil otherwise.
    public var ordinal: Int?
    /// 0...1; higher when subject, attribute and date were all found in the clause.
    public var confidence: Double

    public init(subject: String? = nil, attribute: String? = nil, figure: Figure? = nil, date: DateMention? = nil,
                organization: Organization? = nil, factDate: String? = nil, role: String? = nil, status: String? = nil,
                scope: String? = nil, ordinal: Int? = nil, confidence: Double) {
        self.subject = subject; self.attribute = attribute; self.figure = figure; self.date = date
        self.organization = organization; self.factDate = factDate; self.role = role; self.status = status
        self.scope = scope; self.ordinal = ordinal; self.confidence = confidence
    }

    /// `figure`'s kind (`rank` for ranks), `org` for organization facts, `date` for date facts.
    public var kind: String {
        if let f = figure { return f.kind }
        if organization != nil { return "org" }
        return "date"
    }

    enum CodingKeys: String, CodingKey {
        case subject, attribute, figure, date, organization, factDate = "fact_date", role, status, scope, ordinal, confidence
    }
}
