import ZhikuText
import Foundation

/// Links extracted figures and dates into facts: attribute, subject and date (pure text logic).
public struct FactLinker: Sendable {
    public init() {}

    /// Words ending a clause-internal segment on the left: the attribute starts after the last of them.
    static let cutWords: WordTable<Bool> = WordTable("""
        组建 集聚 完成 拥有 实现 引进 培养 建成 填报 可填报 可填 预计 累计 获得 共有 现有 其中 包括 已 了 的 和 与 及 在 将 \
        新增 全区 全市 全省 全县 全国 全年 共 有 达到 达 为 是 超过 突破 吸引 带动 提供 招引 入驻 集聚了 培育 认定 申请 授权 \
        落户 设立 成立 组织 举办 开展 安排 下达 拨付 投入使用 规划 计划 拟 合计 总计 约 同比 由 对 向 从 到 至 截至 截止 \
        当年 今年 去年 目前 现 已有 共计 另 还 并 同时 主要 重点 新 再 又 其 各 每 该 力争 争取 确保 力求 推动
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), true) })

    /// Function words stripped from the right end of an attribute (…为, …达到, …约).
    static let trailing: [String] = ["分别为", "分别达", "分别", "共计", "合计", "总计", "达到", "约为", "约有", "已达", "超过",
                                     "突破", "下达", "可达", "达", "可", "为", "共", "有", "是", "约", "到", "至", "已", "了", "近", "逾", "超", "多", "和", "及", "等",
                                     "与", "的",
                                     // change verbs before a figure: 高新技术企业增至3.5万家 → 高新技术企业, never 技术企业增
                                     "提高", "增长", "增加", "下降", "减少", "上升", "降低", "扩大", "提升", "跃升", "缩小", "增", "降", "升", "减"]

    static let trailingTable = WordTable(trailing.map { ($0, true) })

    /// Words that hold a cut word inside them (高新, 有效, 现代, 从业, 到位 …): a cut never splits them, so
    /// attributes stop at word boundaries (有效期内高新技术企业, not 技术企业).
    static let protectedWords: WordTable<Bool> = RelationReader.words("""
        高新 创新 新型 新兴 新区 更新 最新 重新 全新 新材料 新能源 新能源汽车 新一代 有效 有限 有关 所有 现代 发现 表现 体现 \
        出现 共享 公共 共同 约束 达标 在建 在校 在岗 在线 在库 其他 尤其 各类 再生 另外 并购 对外 对口 从业 到位 到期 至少 \
        每万人 每千人 每百人 和平 和谐 及时 与会 由此 为民 为主 是否 将来 有色 有机 共青团 已婚 新建成 现行 现金 总有 新增长 \
        重点实验室 重点工程 重点项目 重点企业 重点高校 重点学科 重点领域 重点人群 主要污染物 主要农作物 新技术
        """)

    /// Is the cut word at [k, k + l) inside a protected word?
    static func insideWord(_ s: [UInt32], _ k: Int, _ l: Int) -> Bool {
        var j = max(0, k - 3)
        while j <= k {
            if let (pl, _) = protectedWords.longest(in: s, at: j), j + pl > k, j < k || j + pl > k + l { return true }
            j += 1
        }
        return false
    }

    /// Attribute words preferred when the left segment is long (…项目占地 → 占地).
    static let lexicon: [String] = ["占地面积", "建筑面积", "用地面积", "规划面积", "总建筑面积", "总面积", "占地", "面积",
                                    "总投资", "研发投入", "研发经费", "投资", "营业收入", "主营业务收入", "产值", "增加值",
                                    "税收", "利润", "收入", "出租率", "占比", "比重", "人数", "科研人员", "科研团队", "注册资本"]

    /// Event verbs that make a date a fact (attribute of the date), first found wins.
    static let eventVerbs: [String] = ["正式批复", "批复", "获批", "成立", "揭牌", "挂牌", "开工", "竣工", "投产", "签署", "签约",
                                       "落户", "启动", "召开", "印发", "发布", "建成", "审议通过", "通过", "认定", "设立", "注册", "上市", "开业",
                                       "投用", "验收", "批准", "授牌", "入驻", "完工", "交付", "运行", "修订", "修正", "施行", "公布",
                                       "颁布", "商定", "协商", "签订", "共建", "实施"]
    /// Weaker events, taken only when no verb above is found: a date of a meeting (在…会议上).
    static let meetingWords: [String] = ["会议", "大会"]

    /// Facts for one passage. `headings` are outermost first; `documentSubject` is the document-level org.
    public func facts(in text: String, entities: Entities, headings: [String], documentSubject: String?,
                      aliases: AliasTable) -> [Fact] {
        let headingSubject = headings.reversed().lazy.compactMap { h -> String? in
            FactLinker.isNumberedHeading(h) ? self.platformName(fromHeading: h, aliases: aliases) : nil
        }.first
        return facts(in: text, entities: entities, headingSubject: headingSubject, documentSubject: documentSubject,
                     aliases: aliases, headings: headings)
    }

    /// Facts for one passage whose section's organization (from its numbered headings) the caller
    /// already knows — callers that see many passages under one heading resolve it once. `headings`
    /// (outermost first) give the section's status when a sentence does not say (工作回顾 → achieved,
    /// 重点工作 → target, 2026年主要工作 → target when `publicationYear` is 2026).
    public func facts(in text: String, entities: Entities, headingSubject: String?, documentSubject: String?,
                      aliases: AliasTable, headings: [String] = [], publicationYear: Int? = nil) -> [Fact] {
        let s = text.scalarValues
        var out: [Fact] = []
        // in text order, for the binary searches below (work per figure must not grow with the passage)
        var entities = entities
        entities.figures.sort { $0.start < $1.start }
        entities.dates.sort { $0.start < $1.start }
        entities.orgs.sort { $0.start < $1.start }
        // entity ends, sorted, to bound attribute segments
        let ranks = RankReader(s: s).ranks()
        var ends: [Int] = entities.figures.map { $0.end } + entities.dates.map { $0.end } + entities.orgs.map { $0.end }
            + ranks.map { $0.figure.end }
        ends.sort()
        // the relation reader indexes the passage's cue words: only for passages with figures or ranks
        let reader = entities.figures.isEmpty && ranks.isEmpty ? RelationReader(s: [], figures: [], dates: [], sectionStatus: nil)
            : RelationReader(s: s, figures: entities.figures, dates: entities.dates,
                             sectionStatus: RelationReader.sectionStatus(headings: headings, publicationYear: publicationYear))
        let starts = (entities.figures.map(\.start) + ranks.map(\.figure.start)).sorted()
        let context = Context(s: s, entities: entities, headingSubject: headingSubject, documentSubject: documentSubject, aliases: aliases)
        for f in entities.figures {
            let (cs, ce) = clause(s, around: f.start, f.end)
            let bound = max(cs, lastEnd(ends, atMost: f.start) ?? cs)
            var attr = attribute(s, from: bound, to: f.start)
            // 共有84家规上企业, 建设7家高质量孵化器、202家创新型孵化器: a noun right after a count's measure
            // word is what it counts
            let complement = f.kind == "count" ? complementAfter(s, from: f.end, to: ce, orgs: entities.orgs) : nil
            if f.kind == "count", let after = complement?.attribute ?? nounAfter(s, from: f.end, to: ce) {
                attr = after
            }
            var fact = figureFact(f, attribute: attr, clause: (cs, ce), context: context, confidence: 0.4)
            if let o = complement?.organization { fact.subject = aliases.canonical(for: o.surface) ?? o.canonical ?? o.surface }
            fact.role = reader.role(start: f.start, laterStarts: FactLinker.between(starts, f.end, ce))
            fact.status = fact.role == "comparison" ? nil : reader.status(start: f.start, end: f.end, clause: (cs, ce))
            fact.scope = reader.scope(start: f.start, end: f.end, clause: (cs, ce))
            out.append(fact)
        }
        for r in ranks {
            let (cs, ce) = clause(s, around: r.figure.start, r.figure.end)
            let bound = max(cs, lastEnd(ends, atMost: r.phraseStart) ?? cs)
            var fact = figureFact(r.figure, attribute: attribute(s, from: bound, to: r.phraseStart), clause: (cs, ce), context: context,
                                  confidence: 0.4)
            fact.role = r.change ? "change" : reader.role(start: r.figure.start, laterStarts: FactLinker.between(starts, r.figure.end, ce))
            fact.status = reader.status(start: r.figure.start, end: r.figure.end, clause: (cs, ce))
            fact.scope = reader.scope(start: r.figure.start, end: r.figure.end, clause: (cs, ce))
            out.append(fact)
        }
        inheritAttributes(&out, s)
        out.sort { ($0.figure?.start ?? 0) < ($1.figure?.start ?? 0) }
        out += dateFacts(context)
        out += organizationFacts(context)
        return out
    }

    /// What every fact of a passage is linked against.
    struct Context {
        let s: [UInt32]
        let entities: Entities
        let headingSubject: String?
        let documentSubject: String?
        let aliases: AliasTable
    }

    /// A figure or rank fact with its subject and date.
    private func figureFact(_ f: Figure, attribute attr: String?, clause: (Int, Int), context c: Context, confidence: Double) -> Fact {
        var conf = confidence
        if attr != nil { conf += 0.2 }
        let (subject, level) = subjectFor(c.s, start: f.start, clause: clause, entities: c.entities,
                                          headingSubject: c.headingSubject, documentSubject: c.documentSubject, aliases: c.aliases)
        conf += [0.3, 0.2, 0.15, 0.05, 0][level]
        // `date` follows the rule strictly (a date in the clause, else none); `factDate` also takes a
        // date that opens the sentence (截至2020年底，…150余名), which is what fact lookup needs.
        let date = FactLinker.firstDate(c.entities.dates, in: clause)
        let topic = date == nil ? sentenceTopicDate(c.s, before: f.start, entities: c.entities) : nil
        if date != nil { conf += 0.1 } else if topic != nil { conf += 0.05 }
        return Fact(subject: subject, attribute: attr, figure: f, date: date, factDate: (date ?? topic)?.value, confidence: min(conf, 1))
    }

    /// A change, the end of a change or a rank whose clause names no indicator of its own (…89081万元，
    /// 增长-3.2%; …提高到8865亿元，跃居全国第3位) takes the attribute of the figure before it in the
    /// sentence; the end of a from→to pair takes its start's; a figure without one in an enumeration
    /// (分别为6.9%、49.9%和43.2%) takes that of the figure before it with the same unit.
    private func inheritAttributes(_ facts: inout [Fact], _ s: [UInt32]) {
        let order = facts.indices.sorted { facts[$0].figure!.start < facts[$1].figure!.start }
        var previous: Int?
        for i in order {
            defer { previous = i }
            guard let p = previous, let f = facts[i].figure, let pf = facts[p].figure else { continue }
            let own = facts[i].attribute
            let bare = own == nil || FactLinker.changeWords.contains(own!) || own!.count < 2
            let sameSentence = pf.end <= f.start && !(pf.end..<f.start).contains { CharClass.isSentenceBreak(s[$0]) }
            guard sameSentence, facts[p].attribute != nil else { continue }
            // 贡献率分别为6.9%、49.9%和43.2%: the later figures of an enumeration share the first one's
            let enumerated = own == nil && f.unit == pf.unit
                && !(pf.end..<f.start).contains { CharClass.isClauseBreak(s[$0]) && s[$0] != 0x3001 }
            if bare && (facts[i].role != nil || f.kind == "rank") || enumerated { facts[i].attribute = facts[p].attribute }
            else if facts[i].role == "to" && facts[p].role == "from" && own != facts[p].attribute && bare { facts[i].attribute = facts[p].attribute }
        }
    }

    /// Verbs that name no indicator by themselves (an attribute of only 增长 takes its figure's).
    static let changeWords: Set<String> = ["增长", "增加", "下降", "减少", "提高", "降低", "上升", "回落", "提升", "扩大", "缩小",
                                           "增", "减", "降", "升", "增支", "减支", "增产", "减产", "比上年", "同比", "较上年", "上年",
                                           "增速", "增幅", "降幅", "跃居", "跃升", "稳居", "位居", "居"]

    /// Date facts: a date with the event of its clause (批复, 通过, 修正 …), and the ordinal of a
    /// revision (第三次修正 → 3); a date-only clause (`2020330日，…`) takes the next clause's event.
    private func dateFacts(_ c: Context) -> [Fact] {
        let s = c.s
        var out: [Fact] = []
        for d in c.entities.dates where d.role == nil {
            var (cs, ce) = clause(s, around: d.start, d.end)
            var found = eventVerb(s, clause: (cs, ce), after: d.end)
            var hops = 0
            while found == nil, hops < 2, ce - d.end <= 3 || hops > 0, ce < s.count, !CharClass.isSentenceBreak(s[ce]) {
                // `2020330日，工信部正式批复…`, `2017年10月16日,经…友好协商,一致同意共建…`: the event is in a
                // following clause of the sentence
                hops += 1
                (cs, ce) = clause(s, around: ce + 1, ce + 1)
                found = eventVerb(s, clause: (cs, ce), after: cs)
            }
            if found == nil { found = meeting(s, clause: clause(s, around: d.start, d.end), after: d.end) }
            if found == nil { found = signature(s, date: d, orgs: c.entities.orgs) }
            guard let (verb, at) = found else { continue }
            let (subject, level) = subjectFor(s, start: at, clause: (cs, ce), entities: c.entities,
                                              headingSubject: c.headingSubject, documentSubject: c.documentSubject, aliases: c.aliases)
            let conf = 0.5 + [0.3, 0.2, 0.15, 0.05, 0][level] - (d.lowConfidence ? 0.2 : 0)
            var fact = Fact(subject: subject, attribute: verb, figure: nil, date: d, factDate: d.value, confidence: conf)
            fact.ordinal = ordinal(s, before: at)
            out.append(fact)
        }
        return out
    }

    /// Organization facts (kind `org`): the organization in its slot, the action as attribute.
    private func organizationFacts(_ c: Context) -> [Fact] {
        let orgs = (c.entities.orgs + OrganizationActions.departments(in: c.s, besides: c.entities.orgs)).sorted { $0.start < $1.start }
        guard !orgs.isEmpty else { return [] }
        func canon(_ o: Organization) -> String { c.aliases.canonical(for: o.surface) ?? o.canonical ?? o.surface }
        return OrganizationActions(s: c.s, orgs: orgs).actions().map { a in
            let (cs, ce) = clause(c.s, around: a.organization.start, a.organization.end)
            var subject = a.object.map { canon(orgs[$0]) }
            if subject == nil {
                subject = c.headingSubject ?? c.documentSubject.map { c.aliases.canonical(for: $0) ?? $0 }
            }
            let date = FactLinker.firstDate(c.entities.dates, in: (cs, ce))
            return Fact(subject: subject, attribute: a.attribute, figure: nil, date: nil, organization: a.organization,
                        factDate: (date ?? sentenceTopicDate(c.s, before: a.organization.start, entities: c.entities))?.value,
                        confidence: 0.6)
        }
    }

    /// The organization a heading names, e.g. `（一）全力支持中国科学院赣江创新研究院建设` → 中国科学院赣江创新研究院.
    /// Returns the canonical name when the surface is an alias or abbreviation.
    public func platformName(fromHeading heading: String, aliases: AliasTable = AliasTable()) -> String? {
        let body = FactLinker.stripNumbering(heading)
        let s = body.scalarValues
        let words: WordTable<Bool>? = aliases.learned.isEmpty ? nil : aliases.words
        guard let o = OrganizationExtractor(s: s, aliasWords: words).extract().first else { return nil }
        let surface = s.string(o.start, o.end)
        return aliases.canonical(for: surface) ?? surface
    }

    // MARK: - pieces

    /// `（一）`, `一、`, `1.`, `(2)`, `第三章` style numbering.
    public static func isNumberedHeading(_ h: String) -> Bool { numbering(h).numbered }

    /// A heading that is numbering and nothing else (`第十二条`, `（三）`, `3.`).
    public static func isBareNumber(_ h: String) -> Bool { let n = numbering(h); return n.numbered && n.rest.isEmpty }

    static func stripNumbering(_ h: String) -> String { String(scalarValues: numbering(h).rest) }

    static let chineseNumerals: Set<UInt32> = Set("一二三四五六七八九十〇零百".unicodeScalars.map(\.value))

    /// The heading without its numbering and outer white space, and whether it had numbering.
    /// Works on code points (Character and Foundation calls here were a tenth of indexing time).
    static func numbering(_ h: String) -> (rest: ArraySlice<UInt32>, numbered: Bool) {
        func isSpace(_ v: UInt32) -> Bool {
            v == 0x20 || v == 0x09 || v == 0xA0 || v == 0x1680 || (0x2000...0x200A).contains(v) || v == 0x202F || v == 0x205F || v == 0x3000
        }
        func trimmed(_ x: ArraySlice<UInt32>) -> ArraySlice<UInt32> {
            var x = x
            while let f = x.first, isSpace(f) { x = x.dropFirst() }
            while let l = x.last, isSpace(l) { x = x.dropLast() }
            return x
        }
        func isNumeral(_ v: UInt32) -> Bool {
            if v >= 0x30 && v <= 0x39 { return true }
            if v < 0x80 { return false }
            return chineseNumerals.contains(v) || Unicode.Scalar(v)?.properties.numericType != nil
        }
        let s = trimmed(ArraySlice(h.scalarValues))
        if let f = s.first, f == 0x28 || f == 0xFF08 {  // ( （
            let rest = s.dropFirst()
            let n = rest.prefix(while: isNumeral).count
            if n > 0, let close = rest.dropFirst(n).first, close == 0x29 || close == 0xFF09 {
                return (trimmed(rest.dropFirst(n + 1)), true)
            }
        }
        if s.first == 0x7B2C {  // 第
            let n = s.dropFirst().prefix(while: isNumeral).count
            if n > 0, let u = s.dropFirst(1 + n).first, [0x7AE0, 0x8282, 0x90E8, 0x5206, 0x6761].contains(u) {  // 章节部分条
                return (trimmed(s.dropFirst(2 + n)), true)
            }
        }
        let n = s.prefix(while: isNumeral).count
        if n > 0, let sep = s.dropFirst(n).first, [0x3001, 0x2E, 0xFF0E, 0x3A, 0xFF1A].contains(sep) {  // 、 . ． : ：
            return (trimmed(s.dropFirst(n + 1)), true)
        }
        return (s, false)
    }

    /// How far a clause and a sentence reach on each side of a position: a passage without
    /// punctuation must not make every figure read all of it.
    static let clauseWindow = 200
    static let sentenceWindow = 300

    /// Clause bounds (，。；！？ and line breaks; 、 keeps the clause) around [start, end), at most
    /// ``clauseWindow`` each side.
    private func clause(_ s: [UInt32], around start: Int, _ end: Int) -> (Int, Int) {
        TextBounds.around(s, start, end, window: FactLinker.clauseWindow) { CharClass.isClauseBreak($0) && $0 != 0x3001 }
    }

    /// Sentence bounds around a position, at most ``sentenceWindow`` each side.
    private func sentence(_ s: [UInt32], around p: Int) -> (Int, Int) {
        TextBounds.around(s, p, p, window: FactLinker.sentenceWindow, isBreak: CharClass.isSentenceBreak)
    }

    // MARK: - searches over entities in text order

    /// Index of the first element whose key is at least `x` (`a` sorted by `key`).
    static func firstIndex<T>(_ a: [T], atLeast x: Int, _ key: (T) -> Int) -> Int {
        var lo = 0, hi = a.count
        while lo < hi {
            let m = (lo + hi) / 2
            if key(a[m]) < x { lo = m + 1 } else { hi = m }
        }
        return lo
    }

    /// The largest of the sorted `ends` that is at most `x`.
    private func lastEnd(_ ends: [Int], atMost x: Int) -> Int? {
        let i = FactLinker.firstIndex(ends, atLeast: x + 1) { $0 }
        return i > 0 ? ends[i - 1] : nil
    }

    /// The sorted `starts` in [from, to).
    static func between(_ starts: [Int], _ from: Int, _ to: Int) -> ArraySlice<Int> {
        let i = firstIndex(starts, atLeast: from) { $0 }
        let j = firstIndex(starts, atLeast: to) { $0 }
        return starts[i..<max(i, j)]
    }

    /// The first date without a role inside `clause` (dates in text order).
    static func firstDate(_ dates: [DateMention], in clause: (Int, Int)) -> DateMention? {
        var i = firstIndex(dates, atLeast: clause.0) { $0.start }
        while i < dates.count, dates[i].start < clause.1 {
            if dates[i].role == nil && dates[i].end <= clause.1 { return dates[i] }
            i += 1
        }
        return nil
    }

    /// The noun phrase right before a figure, verbs and hedges stripped.
    private func attribute(_ s: [UInt32], from a0: Int, to e0: Int) -> String? {
        var a = a0
        var e = e0
        // skip punctuation and digits at the start (letters stay: GDP, R&D)
        while a < e && !CharClass.isHan(s[a]) && !CharClass.isASCIILetter(s[a]) { a += 1 }
        // strip trailing function words
        var changed = true
        while changed && e > a {
            changed = false
            if let (l, _) = FactLinker.trailingTable.longestEnding(in: s, at: e, notBefore: a) {
                e -= l; changed = true
            }
            while e > a && !CharClass.isHan(s[e - 1]) && !CharClass.isASCIILetter(s[e - 1]) { e -= 1; changed = true }
            // a verb right before the figure (预计, 累计, 实现) is not the attribute
            if !changed, let (l, _) = FactLinker.cutWords.longestEnding(in: s, at: e, notBefore: a), e - l > a,
               !FactLinker.insideWord(s, e - l, l) {
                e -= l; changed = true
            }
        }
        guard e > a else { return nil }
        // cut after the last cut word (verbs, quantifiers, scope words)
        var k = e - 1
        while k >= a {
            if let (l, _) = FactLinker.cutWords.longest(in: s, at: k), k + l <= e, k + l < e, !FactLinker.insideWord(s, k, l) {
                a = k + l
                break
            }
            k -= 1
        }
        guard e > a else { return nil }
        var attr = s.string(a, e)
        if attr.count > 6, let w = FactLinker.lexicon.filter({ attr.hasSuffix($0) }).max(by: { $0.count < $1.count }) {
            attr = w
        } else if attr.count > 16 {
            attr = String(attr.suffix(16))
        }
        return attr.isEmpty ? nil : attr
    }

    /// Verbs after which a count introduces the noun it counts (共有84家企业, 新增高企20家 is handled on the left).
    static let possession = ["共有", "拥有", "现有", "有", "由", "包括", "包含", "涉及", "吸引", "引进", "遴选", "组建", "培育"]

    static func introducesNoun(_ s: [UInt32], before p: Int, from a: Int) -> Bool {
        var e = p
        while e > a && !CharClass.isHan(s[e - 1]) { e -= 1 }
        return possession.contains { s.has($0, endingAt: e) && e - $0.scalarCount >= a }
    }

    /// The noun phrase right after a count (84家规上企业填报… → 规上企业).
    private func nounAfter(_ s: [UInt32], from p: Int, to end: Int) -> String? {
        var e = p
        while e < end && e - p < 10 && (CharClass.isHan(s[e]) || CharClass.isASCIILetter(s[e])) {
            if e > p, let (l, _) = FactLinker.cutWords.longest(in: s, at: e), !FactLinker.insideWord(s, e, l) { break }
            if FactLinker.verbsAfter.contains(where: { s.has($0, at: e) }) { break }
            if e > p, OrganizationLexicon.boundary(s, at: e), !FactLinker.insideWord(s, e, 2) { break }
            e += 1
        }
        return e - p >= 2 ? s.string(p, e) : nil
    }

    /// Copulas after a count that name what the counted are (确定袁敏等15人为南昌海关拟录用公务员, 其中3人作为…).
    static let copulas = ["作为", "成为", "列为", "为"]

    /// The noun phrase after a count's copula (15人为南昌海关拟录用公务员 → 拟录用公务员): to the
    /// clause's end, at most 16 characters, without an organization that opens it (the fact's subject).
    private func complementAfter(_ s: [UInt32], from p: Int, to end: Int, orgs: [Organization])
        -> (attribute: String, organization: Organization?)? {
        guard let copula = FactLinker.copulas.first(where: { s.has($0, at: p) }) else { return nil }
        var a = p + copula.scalarCount
        let org = orgs.first(where: { $0.start == a && $0.end <= end })
        if let o = org { a = o.end }
        var e = a
        while e < end && e - a < 16 && (CharClass.isHan(s[e]) || CharClass.isASCIILetter(s[e])) { e += 1 }
        return e - a >= 2 ? (s.string(a, e), org) : nil
    }

    static let verbsAfter = ["填报", "获得", "参与", "入选", "参加", "出席", "入驻", "落户", "签约", "开工", "建成", "通过", "完成"]

    /// Subject and the rule that found it (0 clause org, 1 heading, 2 sentence org, 3 document, 4 none).
    private func subjectFor(_ s: [UInt32], start: Int, clause: (Int, Int), entities: Entities, headingSubject: String?,
                            documentSubject: String?, aliases: AliasTable) -> (String?, Int) {
        func canon(_ o: Organization) -> String { aliases.canonical(for: o.surface) ?? o.canonical ?? o.surface }
        let orgs = entities.orgs
        let first = FactLinker.firstIndex(orgs, atLeast: clause.0) { $0.start }
        let after = FactLinker.firstIndex(orgs, atLeast: clause.1) { $0.start }
        let inClause = orgs[first..<max(first, after)].filter { $0.end <= clause.1 }
        if let o = inClause.last(where: { $0.end <= start }) ?? inClause.first { return (canon(o), 0) }
        if let h = headingSubject { return (h, 1) }
        let (ss, _) = sentence(s, around: start)
        let upTo = FactLinker.firstIndex(orgs, atLeast: start) { $0.start }
        if let o = orgs[..<upTo].last(where: { $0.end <= start }), o.start >= ss { return (canon(o), 2) }
        if let d = documentSubject { return (aliases.canonical(for: d) ?? d, 3) }
        return (nil, 4)
    }

    /// A date that opens the sentence (`截至2020年底，…`, `2020年，…`) dates the whole sentence.
    private func sentenceTopicDate(_ s: [UInt32], before p: Int, entities: Entities) -> DateMention? {
        let (ss, _) = sentence(s, around: p)
        guard let d = FactLinker.firstDate(entities.dates, in: (ss, p)) else { return nil }
        // only leading words (截至, 到, 在, 自, 于) may precede it
        var a = ss
        while a < d.start, CharClass.isSpace(s[a]) || s[a] == 0x09 { a += 1 }
        guard d.start - a <= 3 else { return nil }
        return d
    }

    /// A meeting the date belongs to (`2026年1月14日在浙江省第十四届人民代表大会第四次会议上`): 会议 as the event.
    private func meeting(_ s: [UInt32], clause: (Int, Int), after p: Int) -> (String, Int)? {
        var k = p
        while k < clause.1 {
            for w in FactLinker.meetingWords where s.has(w, at: k) { return ("会议", k) }
            k += 1
        }
        return nil
    }

    /// A date that is its line's only content besides the issuing organization, spaces and a note in
    /// brackets is the document's date (落款: `国务院　2018年11月23日　（此件公开发布）`); a date after a
    /// label (`成文日期：`, `发布日期：`, `印发时间：`) takes the label as its event.
    private func signature(_ s: [UInt32], date d: DateMention, orgs: [Organization]) -> (String, Int)? {
        guard d.granularity == "day" || d.granularity == "month" else { return nil }
        var a = d.start
        let lo = max(0, d.start - 40)
        while a > lo, s[a - 1] != 0x0A && s[a - 1] != 0x0D { a -= 1 }
        var b = d.end
        let hi = min(s.count, d.end + 40)
        while b < hi, s[b] != 0x0A && s[b] != 0x0D { b += 1 }
        guard (a == 0 || a > lo) && (b == s.count || b < hi) else { return nil }
        // a label ending in 日期/时间 and a colon
        var k = d.start
        while k > a, CharClass.isSpace(s[k - 1]) || s[k - 1] == 0x3000 { k -= 1 }
        if s.at(k - 1) == 0xFF1A || s.at(k - 1) == 0x3A {
            var l = k - 1
            while l > a, CharClass.isHan(s[l - 1]) { l -= 1 }
            let label = s.string(l, k - 1)
            if label.hasSuffix("日期") || label.hasSuffix("时间") { return (label, d.start) }
            return nil
        }
        func blank(_ from: Int, _ to: Int) -> Bool {
            var i = from
            while i < to {
                let c = s[i]
                if CharClass.isSpace(c) || c == 0x3000 || c == 0x09 { i += 1; continue }
                if let o = orgs.first(where: { $0.start == i }) { i = o.end; continue }
                if c == 0xFF08 || c == 0x28 {                                               // （此件公开发布）
                    guard let close = (i..<to).first(where: { s[$0] == 0xFF09 || s[$0] == 0x29 }) else { return false }
                    i = close + 1
                    continue
                }
                return false
            }
            return true
        }
        return blank(a, d.start) && blank(d.end, b) ? ("落款", d.start) : nil
    }

    /// The N of 第N次 right before an event verb at `at` (第三次修正 → 3), or nil.
    private func ordinal(_ s: [UInt32], before at: Int) -> Int? {
        guard s.at(at - 1) == 0x6B21 else { return nil }                              // 次
        var k = at - 1
        while k > 0, k > at - 6, CharClass.chineseDigit(s[k - 1]) != nil || CharClass.smallUnit(s[k - 1]) != nil || CharClass.isArabicDigit(s[k - 1]) { k -= 1 }
        guard k < at - 1, s.at(k - 1) == 0x7B2C, let n = NumberScanner.scan(s, at: k), n.end == at - 1 else { return nil }  // 第
        return Int(n.value)
    }

    /// First event verb in the clause after `p`, and where it stands.
    private func eventVerb(_ s: [UInt32], clause: (Int, Int), after p: Int) -> (String, Int)? {
        var k = p
        while k < clause.1 {
            if let (l, _) = FactLinker.eventTable.longest(in: s, at: k), k + l <= clause.1 {
                let v = s.string(k, k + l)
                return (v == "正式批复" ? "批复" : v == "审议通过" ? "通过" : v, v == "审议通过" ? k + 2 : k)
            }
            k += 1
        }
        return nil
    }

    static let eventTable = WordTable(eventVerbs.map { ($0, true) })
}

