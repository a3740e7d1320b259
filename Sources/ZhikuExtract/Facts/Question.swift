import Foundation

/// What a fact question asks for and what it is about: the kind of answer; the documents it names
/// (a place, a year, a session, a law or report by name, an institution); the words that name the
/// attribute; and which end of a relation it wants (from/to, target/achieved, cumulative, change).
///
///     Question("中科院赣江创新院有多少个科研团队").expectedKind        // "count"
///     Question("重庆市2025年政府工作报告回顾2024年时说…").documentYear // 2025 (the report's), factYears [2024]
public struct Question: Sendable {
    public var text: String
    /// `count`, `area`, `land_area`, `money`, `percent`, `quantity`, `date`, `rank`, `org`, `person`,
    /// `document_number`, or nil when the question does not say.
    public var expectedKind: String?
    /// The measure word a count question names (多少个 → 个), or the unit of a quantity (多少年 → 年).
    public var measureWord: String?
    /// Organizations named in the question, canonical.
    public var subjects: [String]
    /// The same as written (中科院赣江创新院), for matching text that writes them so.
    public var subjectSurfaces: [String]
    /// The question with question words, particles and subjects removed, split at what was removed.
    public var keywords: [String]
    /// A year the question names (2020年), as `YYYY`: the first of ``documentYear`` and ``factYears``.
    public var year: String?
    /// The year of a document the question names (2025年政府工作报告, 2020年第三次修订的《…》).
    public var documentYear: Int?
    /// The other years it names: what the fact is about (回顾2024年时).
    public var factYears: [Int]
    /// Places as written (湖北, 郑州市), outside organization names: usually the document it is about.
    public var places: [String]
    /// The same, resolved against the administrative divisions.
    public var placeMentions: [PlaceMention]
    /// Congresses and sessions it names (十三届全国人大四次会议, 党的二十大).
    public var sessions: [Session]
    /// Documents it names: what 《》 enclose, and bare names of laws and regulations (统计法,
    /// 山东省促进科技成果转化条例), as written.
    public var namedDocuments: [String]
    /// Search terms: keywords cut further at function words, places kept apart.
    public var searchTerms: [String]
    /// Which end of a relation it asks for: `to`, `from`, `target`, `actual`, `cumulative`, `change`.
    public var asks: Set<String>
    /// The event whose date it asks (通过, 修正, 施行, 批复 …).
    public var event: String?
    /// 第N次修订/修正: N.
    public var ordinal: Int?
    /// The verb of the slot an organization fills (由X提出 → 提出).
    public var slotVerb: String?
    /// Whether the answer follows ``slotVerb`` (组建了哪家公司) rather than precedes it (由哪个部门提出).
    public var answerFollowsVerb = false
    /// Plan periods it names (十三五 → 2016…2020).
    public var periods: [ClosedRange<Int>]

    public init(_ text: String, extractor: Extractor = Extractor()) {
        self.text = text
        var entities = extractor.extract(text)
        entities.orgs = Question.beforeQuestionWords(entities.orgs)
        subjects = entities.orgs.map { Abbreviations.canonical($0.surface) ?? $0.canonical ?? $0.surface }
        subjectSurfaces = entities.orgs.map(\.surface)
        let scalars = text.scalarValues
        (expectedKind, measureWord) = Question.kind(of: text)
        namedDocuments = Question.namedDocuments(in: text)
        sessions = Session.sessions(in: text)

        // Places outside organization names (江西 in 江西理工大学 names no document), except where
        // the organization is the place's government (新疆质监局, 湖北省人民政府).
        placeMentions = AdministrativeDivisions.places(in: scalars, shortForms: true).filter { m in
            !entities.orgs.contains { o in
                o.start <= m.start && m.end <= o.end && (o.end - o.start > m.end - m.start) && !Question.isGovernment(o.surface)
            }
        }
        places = placeMentions.map(\.surface)

        // Years: a year next to a document word is the document's; the rest are the fact's.
        var docYear: Int? = nil
        var facts: [Int] = []
        for d in entities.dates where d.granularity != "period" {
            guard let y = Int(d.value.prefix(4)), (1900...2100).contains(y) else { continue }
            switch Question.role(ofYearEndingAt: d.end, in: scalars) {
            case .document: if docYear == nil { docYear = y }
            case .fact: if !facts.contains(y) { facts.append(y) }
            case .ignored: break
            }
        }
        // 今年 and 去年 are the named document's years (部署今年工作, 回顾去年).
        if let y = docYear {
            if ["今年", "本年", "当年"].contains(where: text.contains), !facts.contains(y) { facts.append(y) }
            if ["去年", "上年", "过去一年"].contains(where: text.contains), !facts.contains(y - 1) { facts.append(y - 1) }
        }
        documentYear = docYear
        factYears = facts
        year = (docYear ?? facts.first).map(String.init)

        asks = Question.asks(in: text)
        // 前进了几名: a change of rank.
        if expectedKind == "rank", QuestionCues.rankMoves.contains(where: text.contains) { asks.insert("change") }
        ordinal = Question.ordinal(in: scalars)
        let named = namedDocuments
        event = QuestionCues.eventVerbs.first { v in text.contains(v) && !named.contains { $0.contains(v) } }
        if ordinal != nil, let v = ["修正", "修订", "修改"].first(where: text.contains) { event = v }
        periods = Question.periods(in: text)
        slotVerb = nil
        if expectedKind == "org" { (slotVerb, answerFollowsVerb) = Question.slot(in: scalars) }

        var plain = extractor.extract(Question.withoutNegations(text))
        plain.orgs = Question.beforeQuestionWords(plain.orgs)
        keywords = Question.keywordList(Question.withoutNegations(text), scalars: Question.withoutNegations(text).scalarValues,
                                        entities: plain)
        var terms: [String] = []
        for word in keywords {
            var rest = Substring(word)
            // Places at the start of a keyword are searched apart (湖北全社会研发投入 → 湖北, 全社会研发投入).
            while let m = AdministrativeDivisions.places(in: String(rest), shortForms: true).first, m.start == 0, m.end < rest.unicodeScalars.count {
                rest = Substring(String(rest.unicodeScalars.dropFirst(m.end)))
            }
            var piece = ""
            for ch in rest {
                if Question.joiners.contains(ch) {
                    if piece.count >= 2 { terms.append(piece) }
                    piece = ""
                } else {
                    piece.append(ch)
                }
            }
            if piece.count >= 2 { terms.append(piece) }
        }
        searchTerms = terms
    }

    /// Words that join the parts of a question and carry no content of their own.
    static let joiners: Set<Character> = ["的", "了", "和", "与", "及", "从", "《", "》", "“", "”", "（", "）", "(", ")"]

    /// Removed from keywords.
    static let questionWords = [
        "是多少", "有多少", "多少个", "多少家", "多少名", "多少人", "多少项", "多少位", "多少", "几个", "几家", "几名", "几项",
        "什么时候", "何时", "哪一年", "哪年", "哪天", "哪一天", "什么时间", "哪个月", "是什么", "是哪个", "是哪家", "哪个", "哪家", "哪些",
        "请问", "一共", "总共", "共有", "有", "是", "的", "了", "吗", "呢", "？", "?", "达到", "为", "多大", "怎样", "如何", "谁",
        "第几", "哪位", "什么", "哪", "几",
    ]

    // MARK: - Kind

    /// The kind of answer and its measure word or unit.
    static func kind(of text: String) -> (String?, String?) {
        typealias C = QuestionCues
        if C.documentNumberCues.contains(where: text.contains) { return ("document_number", nil) }
        if C.personCues.contains(where: text.contains), !text.contains("哪位科学家") { return ("person", nil) }
        if C.rankCues.contains(where: text.contains) { return ("rank", nil) }
        for move in C.rankMoves {
            for tail in ["了几名", "了几位", "几名", "几位", "了多少名", "了多少位", "多少位"] where text.contains(move + tail) { return ("rank", nil) }
        }
        if C.orgCues.contains(where: text.contains) { return ("org", nil) }
        // 多少家 / 几位: a count, whatever else the question mentions (…填报了研发投入); 多少年, 几日: a quantity.
        for cue in C.countCues {
            var from = text.startIndex
            while let r = text.range(of: cue, range: from..<text.endIndex) {
                let rest = text[r.upperBound...]
                if let m = C.measureWords.first(where: { rest.hasPrefix($0) }), !(m == "个" && rest.hasPrefix("个月")) {
                    return ("count", m)
                }
                if let unit = C.quantityUnits.first(where: { rest.hasPrefix($0) }) { return ("quantity", unit) }
                from = r.upperBound
            }
        }
        if C.dateCues.contains(where: text.contains) || C.dateEndings.contains(where: { text.hasSuffix($0) || text.hasSuffix($0 + "？") }) {
            return ("date", nil)
        }
        if C.percentCues.contains(where: text.contains) || Question.asksShare(text) { return ("percent", nil) }
        if C.landCues.contains(where: text.contains) { return ("land_area", nil) }
        if C.areaCues.contains(where: text.contains) { return ("area", nil) }
        if C.quantityCues.contains(where: text.contains) { return ("quantity", nil) }
        if C.moneyCues.contains(where: text.contains) { return ("money", nil) }
        return (nil, nil)
    }

    /// 占全市GDP的多少, 应占…支出的多少: a share, asked without 比例.
    static func asksShare(_ text: String) -> Bool {
        var from = text.startIndex
        while let zhan = text.range(of: "占", range: from..<text.endIndex) {
            from = zhan.upperBound
            // 占地, 占用, 占有 are no share.
            if let next = text[zhan.upperBound...].first, ["地", "用", "有", "领"].contains(next) { continue }
            if let ask = text.range(of: "多少", range: zhan.upperBound..<text.endIndex), text.distance(from: zhan.upperBound, to: ask.lowerBound) <= 16 {
                return true
            }
        }
        return false
    }

    /// Organizations without the question word the extractor read into them: 国家防伪工程技术研究中心哪个实验室
    /// is 国家防伪工程技术研究中心 (the part before 哪/什么), none when under two characters are left.
    static func beforeQuestionWords(_ orgs: [Organization]) -> [Organization] {
        orgs.compactMap { o in
            guard let r = ["哪", "什么"].compactMap({ o.surface.range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) else { return o }
            let head = String(o.surface[..<r.lowerBound])
            guard head.count >= 2 else { return nil }
            var cut = o
            cut.surface = head
            cut.end = o.start + head.unicodeScalars.count
            cut.canonical = nil
            return cut
        }
    }

    /// Which ends and roles the question asks for.
    static func asks(in text: String) -> Set<String> {
        typealias C = QuestionCues
        var out = Set<String>()
        if C.fromCues.contains(where: text.contains) { out.insert("from") }
        // 从多少增加到多少: both ends, and the answer ends on the second.
        if out.contains("from"), ["到多少", "至多少", "到了多少"].contains(where: text.contains) { out.remove("from") }
        if C.toCues.contains(where: text.contains) && !out.contains("from") { out.insert("to") }
        if C.targetCues.contains(where: text.contains) { out.insert("target") }
        if C.actualCues.contains(where: text.contains) { out.insert("actual") }
        if out.contains("target") && out.contains("actual") {
            // 不是当年目标 / 实际达到: the achieved value.
            if text.contains("不是") || text.contains("实际") { out.remove("target") } else { out.remove("actual") }
        }
        if C.cumulativeCues.contains(where: text.contains) { out.insert("cumulative") }
        if C.changeCues.contains(where: text.contains) { out.insert("change") }
        return out
    }

    /// The slot verb nearest the question's organization word (由哪个部门提出 → 提出, before it;
    /// 组建了哪家公司 → 组建, after it), and whether the answer follows the verb.
    static func slot(in s: [UInt32]) -> (String?, Bool) {
        let text = String(scalarValues: s[...])
        guard let cue = QuestionCues.orgCues.compactMap({ c in text.range(of: c).map { (c, $0) } })
            .min(by: { $0.1.lowerBound < $1.1.lowerBound }) else { return (QuestionCues.slotVerbs.first(where: text.contains), false) }
        let cueStart = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: cue.1.lowerBound)
        let cueEnd = cueStart + cue.0.unicodeScalars.count
        var best: (verb: String, distance: Int, after: Bool)? = nil
        for v in QuestionCues.slotVerbs {
            var i = 0
            let vs = v.scalarValues
            while i + vs.count <= s.count {
                if s[i..<(i + vs.count)].elementsEqual(vs) {
                    // After the cue (由哪个部门提出): the answer precedes the verb in the text.
                    let d = i >= cueEnd ? i - cueEnd : cueStart - (i + vs.count)
                    if d >= 0, best == nil || d < best!.distance { best = (v, d, i < cueStart) }
                }
                i += 1
            }
        }
        return (best?.verb, best?.after ?? false)
    }

    /// The question without what it says it is not about: （问全区口径，不是84家规上企业填报的口径） keeps
    /// 问全区口径; 不是当年目标 is dropped.
    static func withoutNegations(_ text: String) -> String {
        var s = text
        while let r = s.range(of: "不是") {
            var end = r.upperBound
            while end < s.endIndex, !["）", ")", "，", "。", "？", "?", ",", "；"].contains(s[end]) { end = s.index(after: end) }
            s.removeSubrange(r.lowerBound..<end)
        }
        return s
    }

    /// Plan periods: 十一五 … 十五五 (and 十四五时期), as their years.
    static func periods(in text: String) -> [ClosedRange<Int>] {
        let plans = [("十一五", 2006), ("十二五", 2011), ("十三五", 2016), ("十四五", 2021), ("十五五", 2026)]
        var out: [ClosedRange<Int>] = []
        var rest = text
        for (name, start) in plans where rest.contains(name) {
            out.append(start...(start + 4))
            rest = rest.replacingOccurrences(of: name, with: "")
        }
        return out
    }

    /// 第二次修订 → 2.
    static func ordinal(in s: [UInt32]) -> Int? {
        var i = 0
        while i < s.count {
            if s[i] == 0x7B2C, let (n, end) = Session.number(s, at: i + 1), s.at(end) == 0x6B21,  // 第 N 次
               s.has("修订", at: end + 1) || s.has("修正", at: end + 1) || s.has("修改", at: end + 1) {
                return n
            }
            i += 1
        }
        return nil
    }

    // MARK: - Documents and years

    enum YearRole { case document, fact, ignored }

    /// Document words a year names when it stands right before them (2025年政府工作报告).
    static let documentWords = ["政府工作报告", "统计公报", "国民经济和社会发展统计公报", "工作报告", "报告", "公报", "预算", "决算"]

    /// Whether the year ending at `end` names a document (2025年政府工作报告, 重庆市2025年政府工作报告,
    /// 2020年第三次修订的《…》), is to be ignored (2024年修订前: another version's), or is the fact's.
    static func role(ofYearEndingAt end: Int, in s: [UInt32]) -> YearRole {
        var k = end
        if s.at(k) == 0x5EA6 { k += 1 }  // 年度
        if s.has("修订前", at: k) || s.has("修正前", at: k) { return .ignored }
        // Skip a place (2026年浙江省政府工作报告) and 国务院.
        if let m = AdministrativeDivisions.places(in: Array(s[min(k, s.count)...]), shortForms: true).first, m.start == 0 { k += m.end }
        if s.has("国务院", at: k) { k += 3 }
        if s.has("的", at: k) { k += 1 }
        if documentWords.contains(where: { s.has($0, at: k) }) { return .document }
        // 2020年第三次修订的《…》, 2024年修订后的, 2025年修订的
        var m = end
        if s.at(m) == 0x7B2C, let (_, after) = Session.number(s, at: m + 1), s.at(after) == 0x6B21 { m = after + 1 }
        if s.has("修订", at: m) || s.has("修正", at: m) || s.has("修改", at: m) || s.has("颁布", at: m) || s.has("印发", at: m) { return .document }
        return .fact
    }

    /// Law and regulation words a bare name ends with.
    static let lawWords = ["实施细则", "细则", "条例", "办法", "规定", "规则", "法"]
    /// Words ending in 法 that are no law's name.
    static let notLaws = ["方法", "做法", "合法", "依法", "违法", "执法", "立法", "司法", "说法", "想法", "看法", "算法", "书法", "手法",
                          "用法", "办法", "守法", "非法", "无法", "设法", "变法", "写法", "技法", "疗法", "兵法"]

    /// What 《》 enclose, then bare law names: a run of Han characters ending in 法/条例/办法/规定/细则
    /// (统计法第二次修正 → 统计法), left of which the matcher tolerates extra words.
    static func namedDocuments(in text: String) -> [String] {
        var out = DocumentProfile.bracketed(text)
        // Bare names outside 《》.
        var outside = ""
        var depth = 0
        for c in text {
            if c == "《" { depth += 1; outside.append("|") } else if c == "》" { depth = max(0, depth - 1) } else if depth == 0 { outside.append(c) }
        }
        let s = outside.scalarValues
        var i = 0
        while i < s.count {
            guard CharClass.isHan(s[i]) || CharClass.isArabicDigit(s[i]) else { i += 1; continue }
            var j = i
            while j < s.count, CharClass.isHan(s[j]) || CharClass.isArabicDigit(s[j]) { j += 1 }
            // In the run s[i..<j], the first law word that ends a name.
            var k = i + 2
            while k < j {
                if let w = lawWords.first(where: { s.has($0, at: k) }) {
                    let end = k + w.scalarCount
                    let isLaw = w != "法" || (!notLaws.contains { s.has($0, endingAt: end) } && !["律", "规", "院", "人", "定", "宝"].contains { s.has($0, at: end) })
                    if isLaw {
                        let name = s.string(i, end)
                        if name.scalarCount >= 3, !out.contains(name) { out.append(name) }
                        break
                    }
                }
                k += 1
            }
            i = j
        }
        return out
    }

    static func isGovernment(_ org: String) -> Bool {
        ["局", "厅", "委", "政府", "办", "办公室", "管委会", "委员会", "人大", "政协", "常委会"].contains { org.hasSuffix($0) }
    }

    // MARK: - Keywords

    /// The question without subjects, years and question words, split where they were.
    static func keywordList(_ text: String, scalars: [UInt32], entities: Entities) -> [String] {
        var keep = [Bool](repeating: true, count: scalars.count)
        func cut(_ a: Int, _ b: Int) { for i in max(0, a)..<min(b, scalars.count) { keep[i] = false } }
        for e in entities.orgs { cut(e.start, e.end) }
        for d in entities.dates { cut(d.start, d.end) }
        for w in Question.questionWords + QuestionCues.measureWords.flatMap({ ["多少" + $0, "几" + $0] }) {
            let ws = w.scalarValues
            var i = 0
            while i + ws.count <= scalars.count {
                if scalars[i..<(i + ws.count)].elementsEqual(ws) { cut(i, i + ws.count); i += ws.count } else { i += 1 }
            }
        }
        var words: [String] = []
        var current: [UInt32] = []
        for (i, s) in scalars.enumerated() {
            if keep[i] && !(s == 0x20 || s == 0xFF0C || s == 0x2C || s == 0x3001 || s == 0x201C || s == 0x201D || s == 0x3002) {
                current.append(s)
            } else if !current.isEmpty {
                words.append(String(scalarValues: current[...]))
                current = []
            }
        }
        if !current.isEmpty { words.append(String(scalarValues: current[...])) }
        return words.filter { $0.count >= 2 }
    }
}
