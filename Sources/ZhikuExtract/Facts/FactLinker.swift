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
        当年 今年 去年 目前 现 已有 共计 另 还 并 同时 主要 重点 新 再 又 其 各 每 该
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), true) })

    /// Function words stripped from the right end of an attribute (…为, …达到, …约).
    static let trailing: [String] = ["分别为", "分别达", "分别", "共计", "合计", "总计", "达到", "约为", "约有", "已达", "超过",
                                     "突破", "下达", "可达", "达", "可", "为", "共", "有", "是", "约", "到", "至", "已", "了", "近", "逾", "超", "多", "和", "及", "等",
                                     "与", "的"]

    /// Attribute words preferred when the left segment is long (…项目占地 → 占地).
    static let lexicon: [String] = ["占地面积", "建筑面积", "用地面积", "规划面积", "总建筑面积", "总面积", "占地", "面积",
                                    "总投资", "研发投入", "研发经费", "投资", "营业收入", "主营业务收入", "产值", "增加值",
                                    "税收", "利润", "收入", "出租率", "占比", "比重", "人数", "科研人员", "科研团队", "注册资本"]

    /// Event verbs that make a date a fact (attribute of the date).
    static let eventVerbs: [String] = ["正式批复", "批复", "获批", "成立", "揭牌", "挂牌", "开工", "竣工", "投产", "签署", "签约",
                                       "落户", "启动", "召开", "印发", "发布", "建成", "通过", "认定", "设立", "注册", "上市", "开业",
                                       "投用", "验收", "批准", "授牌", "入驻", "完工", "交付", "运行"]

    /// Facts for one passage. `headings` are outermost first; `documentSubject` is the document-level org.
    public func facts(in text: String, entities: Entities, headings: [String], documentSubject: String?,
                      aliases: AliasTable) -> [Fact] {
        let headingSubject = headings.reversed().lazy.compactMap { h -> String? in
            FactLinker.isNumberedHeading(h) ? self.platformName(fromHeading: h, aliases: aliases) : nil
        }.first
        return facts(in: text, entities: entities, headingSubject: headingSubject, documentSubject: documentSubject, aliases: aliases)
    }

    /// Facts for one passage whose section's organization (from its numbered headings) the caller
    /// already knows — callers that see many passages under one heading resolve it once.
    public func facts(in text: String, entities: Entities, headingSubject: String?, documentSubject: String?,
                      aliases: AliasTable) -> [Fact] {
        let s = text.scalarValues
        var out: [Fact] = []
        // entity ends, sorted, to bound attribute segments
        var ends: [Int] = entities.figures.map { $0.end } + entities.dates.map { $0.end } + entities.orgs.map { $0.end }
        ends.sort()
        for f in entities.figures {
            let (cs, ce) = clause(s, around: f.start, f.end)
            let bound = max(cs, ends.last(where: { $0 <= f.start }) ?? cs)
            var attr = attribute(s, from: bound, to: f.start)
            // 共有84家规上企业: for counts the noun may follow the figure
            if f.kind == "count", attr == nil || attr!.count < 2 || FactLinker.introducesNoun(s, before: f.start, from: bound),
               let after = nounAfter(s, from: f.end, to: ce) {
                attr = after
            }
            var conf = 0.4
            if attr != nil { conf += 0.2 }
            let (subject, level) = subjectFor(s, start: f.start, clause: (cs, ce), entities: entities,
                                              headingSubject: headingSubject, documentSubject: documentSubject, aliases: aliases)
            conf += [0.3, 0.2, 0.15, 0.05, 0][level]
            // `date` follows the rule strictly (a date in the clause, else none); `factDate` also takes a
            // date that opens the sentence (截至2020年底，…150余名), which is what fact lookup needs.
            let date = entities.dates.first { $0.role == nil && $0.start >= cs && $0.end <= ce }
            let topic = date == nil ? sentenceTopicDate(s, before: f.start, entities: entities) : nil
            if date != nil { conf += 0.1 } else if topic != nil { conf += 0.05 }
            out.append(Fact(subject: subject, attribute: attr, figure: f, date: date, factDate: (date ?? topic)?.value,
                            confidence: min(conf, 1)))
        }
        for d in entities.dates where d.role == nil {
            var (cs, ce) = clause(s, around: d.start, d.end)
            var found = eventVerb(s, clause: (cs, ce), after: d.end)
            if found == nil, ce - d.end <= 3, ce < s.count, !CharClass.isSentenceBreak(s[ce]) {
                // `2020330日，工信部正式批复…`: a date-only clause belongs to the next one
                (cs, ce) = clause(s, around: ce + 1, ce + 1)
                found = eventVerb(s, clause: (cs, ce), after: cs)
            }
            guard let (verb, at) = found else { continue }
            let (subject, level) = subjectFor(s, start: at, clause: (cs, ce), entities: entities,
                                              headingSubject: headingSubject, documentSubject: documentSubject, aliases: aliases)
            let conf = 0.5 + [0.3, 0.2, 0.15, 0.05, 0][level] - (d.lowConfidence ? 0.2 : 0)
            out.append(Fact(subject: subject, attribute: verb, figure: nil, date: d, factDate: d.value, confidence: conf))
        }
        return out
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

    /// Clause bounds (，。；！？ and line breaks) around [start, end).
    private func clause(_ s: [UInt32], around start: Int, _ end: Int) -> (Int, Int) {
        var a = start
        while a > 0 && !CharClass.isClauseBreak(s[a - 1]) || (a > 0 && s[a - 1] == 0x3001) { a -= 1 }  // 、 keeps the clause
        var b = end
        while b < s.count && (!CharClass.isClauseBreak(s[b]) || s[b] == 0x3001) { b += 1 }
        return (a, b)
    }

    /// Sentence bounds around a position.
    private func sentence(_ s: [UInt32], around p: Int) -> (Int, Int) {
        var a = p
        while a > 0 && !CharClass.isSentenceBreak(s[a - 1]) { a -= 1 }
        var b = p
        while b < s.count && !CharClass.isSentenceBreak(s[b]) { b += 1 }
        return (a, b)
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
            for w in FactLinker.trailing where s.has(w, endingAt: e) && e - w.scalarCount >= a {
                e -= w.scalarCount; changed = true; break
            }
            while e > a && !CharClass.isHan(s[e - 1]) && !CharClass.isASCIILetter(s[e - 1]) { e -= 1; changed = true }
            // a verb right before the figure (预计, 累计, 实现) is not the attribute
            if !changed, let (l, _) = FactLinker.cutWords.longestEnding(in: s, at: e, notBefore: a), e - l > a {
                e -= l; changed = true
            }
        }
        guard e > a else { return nil }
        // cut after the last cut word (verbs, quantifiers, scope words)
        var k = e - 1
        while k >= a {
            if let (l, _) = FactLinker.cutWords.longest(in: s, at: k), k + l <= e, k + l < e {
                a = k + l
                break
            }
            k -= 1
        }
        guard e > a else { return nil }
        var attr = s.string(a, e)
        if attr.count > 6, let w = FactLinker.lexicon.filter({ attr.hasSuffix($0) }).max(by: { $0.count < $1.count }) {
            attr = w
        } else if attr.count > 12 {
            attr = String(attr.suffix(12))
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
            if e > p, FactLinker.cutWords.longest(in: s, at: e) != nil { break }
            if FactLinker.verbsAfter.contains(where: { s.has($0, at: e) }) { break }
            e += 1
        }
        return e - p >= 2 ? s.string(p, e) : nil
    }

    static let verbsAfter = ["填报", "获得", "参与", "入选", "参加", "出席", "入驻", "落户", "签约", "开工", "建成", "通过", "完成"]

    /// Subject and the rule that found it (0 clause org, 1 heading, 2 sentence org, 3 document, 4 none).
    private func subjectFor(_ s: [UInt32], start: Int, clause: (Int, Int), entities: Entities, headingSubject: String?,
                            documentSubject: String?, aliases: AliasTable) -> (String?, Int) {
        func canon(_ o: Organization) -> String { aliases.canonical(for: o.surface) ?? o.canonical ?? o.surface }
        let inClause = entities.orgs.filter { $0.start >= clause.0 && $0.end <= clause.1 }
        if let o = inClause.last(where: { $0.end <= start }) ?? inClause.first { return (canon(o), 0) }
        if let h = headingSubject { return (h, 1) }
        let (ss, _) = sentence(s, around: start)
        if let o = entities.orgs.last(where: { $0.start >= ss && $0.end <= start }) { return (canon(o), 2) }
        if let d = documentSubject { return (aliases.canonical(for: d) ?? d, 3) }
        return (nil, 4)
    }

    /// A date that opens the sentence (`截至2020年底，…`, `2020年，…`) dates the whole sentence.
    private func sentenceTopicDate(_ s: [UInt32], before p: Int, entities: Entities) -> DateMention? {
        let (ss, _) = sentence(s, around: p)
        guard let d = entities.dates.first(where: { $0.role == nil && $0.start >= ss && $0.end <= p }) else { return nil }
        // only leading words (截至, 到, 在, 自, 于) may precede it
        let lead = s.string(ss, d.start).trimmingCharacters(in: .whitespaces)
        guard lead.count <= 3 else { return nil }
        return d
    }

    /// First event verb in the clause after `p`, and where it stands.
    private func eventVerb(_ s: [UInt32], clause: (Int, Int), after p: Int) -> (String, Int)? {
        var k = p
        while k < clause.1 {
            for v in FactLinker.eventVerbs where s.has(v, at: k) { return (v == "正式批复" ? "批复" : v, k) }
            k += 1
        }
        return nil
    }
}

