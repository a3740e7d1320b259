/// What kind of document a title names, by its last word (extraction.md and issue 18: work
/// reports, statistical bulletins, laws and regulations with their 发文字号, notices and opinions,
/// reports on work, descriptions of a platform or institution).
public enum DocumentKind: String, Sendable, CaseIterable, Codable {
    case governmentWorkReport = "政府工作报告"
    case resolution = "决议"
    case congressReport = "党代会报告"
    case statisticalBulletin = "统计公报"
    case law = "法律"
    case regulation = "条例"
    case measures = "办法"
    case provisions = "规定"
    case rules = "细则"
    case decision = "决定"
    case notice = "通知"
    case opinion = "意见"
    case plan = "方案"
    case programme = "规划"
    case announcement = "公告"
    case approval = "批复"
    case briefing = "汇报"
    case summary = "总结"
    case report = "报告"
    case institution = "机构介绍"

    /// The family a kind belongs to, for filters (`--kind 法规` finds laws, regulations, measures…).
    public var group: String {
        switch self {
        case .governmentWorkReport, .congressReport, .report: return "报告"
        case .resolution: return "决议"
        case .statisticalBulletin: return "公报"
        case .law, .regulation, .measures, .provisions, .rules: return "法规"
        case .decision, .notice, .opinion, .plan, .programme, .announcement, .approval: return "文件"
        case .briefing, .summary: return "汇报"
        case .institution: return "介绍"
        }
    }

    /// Whether `name` (a kind or a group, as a user types it: 统计公报, 条例, 法规, 报告) covers this kind.
    public func matches(_ name: String) -> Bool {
        let n = String(name.filter { !$0.isWhitespace })
        if n == rawValue || n == group { return true }
        switch self {
        case .governmentWorkReport: return n == "工作报告"
        case .statisticalBulletin: return n == "公报"
        case .law: return n == "法"
        case .institution: return n == "机构" || n == "平台"
        default: return false
        }
    }

    /// A document's kind from its title: the title's last kind word (关于印发《…办法》的通知 is a
    /// 通知), with the reports that name themselves otherwise (关于政府工作报告的决议, …全国代表大会上的
    /// 报告, (十六大)).
    public static func of(title: String) -> DocumentKind? {
        let t = DocumentKind.core(of: title)
        if t.hasBytes("政府工作报告") { return t.hasSuffix("决议") ? .resolution : .governmentWorkReport }
        if t.hasBytes("统计公报") { return .statisticalBulletin }
        if t.hasBytes("全国代表大会") && t.hasSuffix("报告") { return .congressReport }
        if !Session.sessions(in: t).filter({ $0.body == .cpc }).isEmpty && (t.hasSuffix("大)") || t.hasSuffix("大）")) { return .congressReport }
        let endings: [(String, DocumentKind)] = [
            ("实施细则", .rules), ("细则", .rules), ("条例", .regulation), ("办法", .measures), ("规定", .provisions), ("规则", .provisions),
            ("决议", .resolution), ("决定", .decision), ("通知", .notice), ("意见", .opinion), ("方案", .plan), ("规划", .programme),
            ("行动计划", .plan), ("公告", .announcement), ("通告", .announcement), ("批复", .approval), ("汇报", .briefing),
            ("总结", .summary), ("公报", .statisticalBulletin), ("报告", .report),
        ]
        var bare = t
        // A trailing （2010年修订） or (试行) does not change the kind.
        while let last = bare.last, last == ")" || last == "）", let open = bare.lastIndex(where: { $0 == "(" || $0 == "（" }) {
            bare = String(bare[..<open])
        }
        for (word, kind) in endings where bare.hasSuffix(word) { return kind }
        if bare.hasSuffix("法"), !["方法", "做法", "办法", "说法", "想法", "看法", "算法"].contains(where: bare.hasSuffix), bare.count >= 3 {
            return .law
        }
        return nil
    }

    /// The title without 《》 and white space.
    static func core(of title: String) -> String {
        String(title.unicodeScalars.filter { !($0 == "《" || $0 == "》" || $0 == " " || $0 == "\u{3000}" || $0 == "\t") }.map(Character.init))
    }
}
