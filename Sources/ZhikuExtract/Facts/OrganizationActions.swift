import ZhikuText

/// Organizations that answer a question in their slot (issue 18): a fact of kind `org` whose value
/// is the organization and whose attribute is the action. Patterns of Chinese government prose:
/// - 由X + action (由国务院规定, 由市建设行政主管部门负责, 由中国人民银行发布);
/// - 经X + approval (经国务院批准, 经市政府常务会议审议通过);
/// - 向X + request (向海关总署申请备案, 向海口市中级人民法院提起行政诉讼);
/// - X + [正式/统一/具体/依法/共同/联合] + action (工信部正式批复, 国瑞科创…牵头组建, 中国人民银行发布);
/// - 组建/成立/设立/注册 + X: X is what was created (合作投资100万元组建了赣州中科育成科技有限公司).
/// The organizations are those extracted, and the departments named by their duty in laws and
/// rules (X行政主管部门, X主管部门, X行政部门, X管理部门: 国务院专利行政部门, 市建设行政主管部门).
/// The fact's subject is the organization the action concerns (the first other one after the
/// action in the clause), when there is one.
struct OrganizationActions {
    let s: [UInt32]
    let orgs: [Organization]

    struct Action {
        var organization: Organization
        var attribute: String
        /// Index in `orgs` of the organization the action concerns, if any.
        var object: Int?
    }

    /// Action verbs after an actor (longest first where one contains another).
    static let actions = RelationReader.words("""
        提出 批准 批复 发布 印发 公布 颁布 制定 制订 规定 负责 受理 审查 审批 审核 审定 审议通过 审议 认定 同意 下达 授予 组建 \
        牵头 主办 承办 组织 管理 监督 核准 确定 备案 颁发 主管 指导 协调 实施 决定 通过 命名 授牌 认可 考核 评审 推荐 编制 \
        会同 报请 提请
        """)
    /// Verbs after 向X: what one asks of it.
    static let requests = RelationReader.words("申请 申报 报送 报告 提交 提起 备案 举报 投诉 缴纳 登记 提出 反映 咨询 报批 报备 请示")
    /// Adverbs between an actor and its action.
    static let adverbs = RelationReader.words("正式 统一 具体 依法 共同 联合 先后 已 分别 负责 予以 依照 按照 另行 于")
    /// Verbs whose object is a created body.
    static let creations = RelationReader.words("组建 成立 设立 注册 创办 新设 组建了 成立了 设立了 注册成立 挂牌成立")
    /// Endings of departments named by their duty.
    static let departments = RelationReader.words("行政主管部门 主管部门 行政部门 行政管理部门 管理部门")

    /// Characters and words a department's name never runs over, leftwards (由 经 向 的 和 与 及 等 或 并 对 在 其 各
    /// 报 送 前 后 之 于 将).
    static let departmentStops: Set<UInt32> = Set("由经向的和与及等或并对在其各报送前后之于将".unicodeScalars.map(\.value))
    static let stopWords = RelationReader.words("会同 应当 可以 按照 依照 根据 报请 提请 负责 组织 协调 配合 督促 指导 其他 有关 相关")

    /// Departments named by their duty (X行政主管部门), as organizations.
    static func departments(in s: [UInt32], besides orgs: [Organization]) -> [Organization] {
        var out: [Organization] = []
        var i = 1
        while i < s.count {
            guard s[i] == 0x884C || s[i] == 0x4E3B || s[i] == 0x7BA1,                 // 行 主 管
                  let (l, _) = departments.longest(in: s, at: i) else { i += 1; continue }
            var k = i
            let lo = max(0, i - 12)
            while k > lo, CharClass.isHan(s[k - 1]) {
                if departmentStops.contains(s[k - 1]) { break }
                // numerals end it (十五日前报…), except 上一级
                if CharClass.chineseDigit(s[k - 1]) != nil || CharClass.smallUnit(s[k - 1]) != nil, s.at(k - 2) != 0x4E0A { break }
                if stopWords.longestEnding(in: s, at: k, notBefore: lo) != nil { break }
                k -= 1
            }
            let near = FactLinker.firstIndex(orgs, atLeast: k - OrganizationExtractor.maxName) { $0.start }
            if i - k >= 1, !orgs[near...].prefix(while: { $0.start < i + l }).contains(where: { k < $0.end }) {
                out.append(Organization(surface: s.string(k, i + l), start: k, end: i + l))
            }
            i += l
        }
        return out
    }

    func actions() -> [Action] {
        var out: [Action] = []
        for (n, o) in orgs.enumerated() {
            var p = o.start
            while p > 0, CharClass.isSpace(s[p - 1]) { p -= 1 }
            let marker = s.at(p - 1)
            var e = o.end
            // （以下简称…） after the name
            if s.at(e) == 0xFF08 || s.at(e) == 0x28, let close = (e..<min(s.count, e + 20)).first(where: { s[$0] == 0xFF09 || s[$0] == 0x29 }) {
                e = close + 1
            }
            while e < s.count, CharClass.isSpace(s[e]) { e += 1 }
            if marker == 0x5411 {                                                      // 向
                if let (v, _) = verb(OrganizationActions.requests, at: e) { out.append(Action(organization: o, attribute: v, object: object(after: e, not: n))) }
                continue
            }
            if let (v, ve) = verb(OrganizationActions.actions, at: e) {
                out.append(Action(organization: o, attribute: v, object: object(after: ve, not: n)))
                continue
            }
            // 组建了X, 组建“X”: X is what was created
            var b = p
            while b > 0, s[b - 1] == 0x4E86 || s[b - 1] == 0x201C || s[b - 1] == 0x300C || s[b - 1] == 0x22 { b -= 1 }   // 了 “ 「 "
            if let (l, _) = OrganizationActions.creations.longestEnding(in: s, at: b, notBefore: max(0, b - 4)) {
                var v = s.string(b - l, b)
                if v.hasSuffix("了") { v.removeLast() }
                if v == "注册成立" || v == "挂牌成立" { v = "成立" }
                out.append(Action(organization: o, attribute: v, object: n > 0 && orgs[n - 1].end <= b - l ? n - 1 : nil))
            }
        }
        return out
    }

    /// The action verb at `e`, after adverbs: the verb (牵头组建 → 牵头, 正式批复 → 批复, 审议通过 → 通过) and its end.
    private func verb(_ words: WordTable<Bool>, at e0: Int) -> (String, Int)? {
        var e = e0
        var steps = 0
        while steps < 3 {
            steps += 1
            if let (l, _) = words.longest(in: s, at: e) {
                var v = s.string(e, e + l)
                if v == "审议通过" { v = "通过" }
                return (v, e + l)
            }
            guard let (l, _) = OrganizationActions.adverbs.longest(in: s, at: e) else { return nil }
            e += l
        }
        return nil
    }

    /// The first other organization after `p` in the clause.
    private func object(after p: Int, not n: Int) -> Int? {
        var end = p
        while end < s.count, end - p < 60, !CharClass.isClauseBreak(s[end]) || s[end] == 0x3001 { end += 1 }
        var i = FactLinker.firstIndex(orgs, atLeast: p) { $0.start }
        while i < orgs.count, orgs[i].start < end {
            if i != n && orgs[i].end <= end { return i }
            i += 1
        }
        return nil
    }
}
