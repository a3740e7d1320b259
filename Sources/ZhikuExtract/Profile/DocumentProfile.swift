/// What a document is, computed once at index time from its title, metadata and first lines:
/// where it is about, which year it reports on and when it was issued, what kind it is, the
/// institution it describes and the names it goes by. Fact lookup selects documents on it (a
/// question about 重庆 in the 2025 report reads only that report) and search filters on it.
///
///     let p = DocumentProfile(document: doc, fileName: "2025-chongqing.txt")
///     p.place?.name      // "重庆市"
///     p.kind             // .governmentWorkReport
///     p.issueYear        // 2025
///     p.reportYear       // 2024: a work report reviews the year before
public struct DocumentProfile: Sendable, Equatable, Codable {
    public var place: Place?
    public var kind: DocumentKind?
    /// The year the title names (2025年重庆市政府工作报告 → 2025; a session's year for 十三届全国人大四次会议).
    public var titleYear: Int?
    /// The year it was issued, delivered or (a law) last revised.
    public var issueYear: Int?
    /// The year it reports on: a 2025 work report covers 2024; a 2022 statistical bulletin 2022.
    public var reportYear: Int?
    /// The year relative dates resolve against (extraction.md): the issue year, except for a document
    /// that reports on a named past year (a 2022 bulletin published in 2023: 全年 is 2022).
    public var referenceYear: Int?
    /// 发文字号 (余府发〔2012〕3号).
    public var documentNumber: String?
    /// The institution it describes or reports on (赣州高新技术产业开发区, 国家防伪工程技术研究中心).
    public var institution: String?
    /// Names it goes by, without 《》 (the title, the documents a notice issues, 中华人民共和国 dropped
    /// from laws: 专利法), for questions that name a document.
    public var names: [String]
    /// Congresses and sessions its title names (``Session/key``: `npc:13:4`, `cpc:16`).
    public var sessions: [String]

    public init(place: Place? = nil, kind: DocumentKind? = nil, titleYear: Int? = nil, issueYear: Int? = nil, reportYear: Int? = nil,
                referenceYear: Int? = nil, documentNumber: String? = nil, institution: String? = nil, names: [String] = [],
                sessions: [String] = []) {
        self.place = place
        self.kind = kind
        self.titleYear = titleYear
        self.issueYear = issueYear
        self.reportYear = reportYear
        self.referenceYear = referenceYear
        self.documentNumber = documentNumber
        self.institution = institution
        self.names = names
        self.sessions = sessions
    }

    /// Whether the profile says nothing.
    public var isEmpty: Bool { self == DocumentProfile() }
}
