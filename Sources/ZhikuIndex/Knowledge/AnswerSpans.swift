import ZhikuText

/// Answers that are not stored figures or dates, found at query time in the passages a question's
/// search selects: ranks (居全国第3位, 排名124名, 提升了10名), organizations in the slot a question
/// names (由X提出, 向X申请, 经X批准), and people (国务院总理李强). The extractor stores `rank` facts
/// and organization slots once issue 18's relations land; these spans answer until then, and for
/// indexes built before.
enum AnswerSpans {
    struct Span: Sendable {
        var kind: String
        var surface: String
        var start: Int
        var end: Int
        /// A rank's position (or places moved).
        var value: Double?
        var unit: String?
    }

    /// Words before 第N that make it a rank (全国第3, 居世界第六).
    static let rankLeads = ["全国", "世界", "全省", "全市", "全球", "排名", "居", "位居", "跃居", "升至", "跃升至", "位列", "列", "排", "名列",
                            "排在", "团体", "单项", "综合"]
    static let rankMoves = ["前进", "提升", "上升", "前移", "进位", "提高", "下降", "后退"]

    /// Ranks in `s`: 第N名/位 and 居…第N, 排名N名, and moves (提升了10名).
    static func ranks(in s: [UInt32]) -> [Span] {
        var out: [Span] = []
        var i = 0
        while i < s.count {
            // 第N(名|位)? after a rank lead, or 第N名/位 anywhere.
            if s[i] == 0x7B2C, let (value, end) = number(s, at: i + 1) {  // 第
                let unitChar = s.at(end)
                let hasUnit = unitChar == 0x540D || unitChar == 0x4F4D  // 名 位
                let lead = s.string(max(0, i - 4), i)
                if hasUnit || rankLeads.contains(where: { lead.hasSuffix($0) }) {
                    let stop = hasUnit ? end + 1 : end
                    out.append(Span(kind: "rank", surface: s.string(i, stop), start: i, end: stop, value: value,
                                    unit: hasUnit ? String(UnicodeScalar(unitChar).map(Character.init) ?? "位") : "位"))
                    i = stop
                    continue
                }
            }
            // 排名124名 / 排名124位
            if s.has("排名", at: i), let (value, end) = number(s, at: i + 2), s.at(end) == 0x540D || s.at(end) == 0x4F4D {
                out.append(Span(kind: "rank", surface: s.string(i, end + 1), start: i + 2, end: end + 1, value: value, unit: "名"))
                i = end + 1
                continue
            }
            // 提升了10名, 前进3位
            if let move = rankMoves.first(where: { s.has($0, at: i) }) {
                var k = i + move.scalarCount
                if s.at(k) == 0x4E86 { k += 1 }  // 了
                if let (value, end) = number(s, at: k), s.at(end) == 0x540D || s.at(end) == 0x4F4D {
                    out.append(Span(kind: "rank", surface: s.string(i, end + 1), start: k, end: end + 1, value: value, unit: "名"))
                    i = end + 1
                    continue
                }
            }
            i += 1
        }
        return out
    }

    /// Prepositions that open an organization's slot.
    static let slotOpeners: Set<UInt32> = [0x7531, 0x5411, 0x7ECF, 0x62A5]  // 由 向 经 报
    /// Adverbs between a slot's organization and its verb (由X具体负责).
    static let slotAdverbs = ["具体", "统一", "共同", "负责", "依法", "正式", "会同", "组织", "按规定", "另行"]

    /// Organizations in the slot of `verbs`: 由X负责, 向X申请, 经X批准, or X at the start of a clause
    /// before the verb (工信部正式批复组建); at most 16 characters, no punctuation inside.
    static func slots(in s: [UInt32], verbs: [String]) -> [Span] {
        var out: [Span] = []
        for verb in verbs {
            let v = verb.scalarValues
            var i = 0
            while i + v.count <= s.count {
                guard s[i..<(i + v.count)].elementsEqual(v) else { i += 1; continue }
                // Walk left over the adverbs, then over the name to a preposition or clause start.
                var end = i
                var moved = true
                while moved {
                    moved = false
                    for a in slotAdverbs where s.has(a, endingAt: end) && end - a.scalarCount > 0 {
                        end -= a.scalarCount
                        moved = true
                    }
                }
                var k = end
                while k > 0, end - k < 16, isNameCharacter(s[k - 1]), !slotOpeners.contains(s[k - 1]) { k -= 1 }
                let opened = k > 0 && slotOpeners.contains(s[k - 1])
                let clauseStart = k == 0 || CharClass.isSpace(s[k - 1]) || [0xFF0C, 0x3002, 0xFF1B, 0x3001, 0x2C, 0xFF1A].contains(s[k - 1])
                if (opened || clauseStart) && end - k >= 2 && orgSuffixes.contains(where: { s.has($0, endingAt: end) }) {
                    out.append(Span(kind: "org", surface: s.string(k, end), start: k, end: end, value: nil, unit: nil))
                }
                i += v.count
            }
        }
        return out
    }

    /// Units named by a heading line of the passage (### 区块链技术与防伪溯源实验室, then what it
    /// does): a heading of 4–24 name characters ending like a body (``orgSuffixes``). A page that
    /// lists its labs or departments under their names answers 哪个实验室研究… with the heading.
    static func headedUnits(in s: [UInt32]) -> [Span] {
        var out: [Span] = []
        var lineStart = 0
        while lineStart < s.count {
            let lineEnd = s[lineStart...].firstIndex(of: 0x0A) ?? s.count
            var k = lineStart
            if k < lineEnd, s[k] == 0x23 {  // #
                while k < lineEnd, s[k] == 0x23 || CharClass.isSpace(s[k]) { k += 1 }
                var e = lineEnd
                while e > k, CharClass.isSpace(s[e - 1]) { e -= 1 }
                if (4...24).contains(e - k), s[k..<e].allSatisfy(isNameCharacter), orgSuffixes.contains(where: { s.has($0, endingAt: e) }) {
                    out.append(Span(kind: "org", surface: s.string(k, e), start: k, end: e, value: nil, unit: nil))
                }
            }
            lineStart = lineEnd + 1
        }
        return out
    }

    /// What a name in a slot ends with (部门, 机构, 法院, 处 …): a body, not a clause.
    static let orgSuffixes = ["部门", "机关", "机构", "政府", "院", "部", "局", "委", "会", "中心", "处", "室", "所", "公司", "署", "厅", "办",
                              "行", "集团", "大学", "学院", "组", "站", "队", "科"]

    static func isNameCharacter(_ c: UInt32) -> Bool {
        CharClass.isCJK(c) || c == 0xFF08 || c == 0xFF09 || c == 0x28 || c == 0x29
    }

    /// Offices followed by a person's name (国务院总理李强所作的).
    static let offices = ["副总理", "总理", "省长", "市长", "区长", "县长", "主席", "书记", "部长", "委员长", "主任", "院长", "局长"]

    /// People named after their office: the office, the name (two or three characters) and, where it
    /// precedes, the body (国务院总理李强).
    static func people(in s: [UInt32]) -> [Span] {
        var out: [Span] = []
        var i = 0
        while i < s.count {
            guard let office = offices.first(where: { s.has($0, at: i) }) else { i += 1; continue }
            let nameStart = i + office.scalarCount
            var k = nameStart
            while k < s.count, k - nameStart < 3, CharClass.isCJK(s[k]), !nameEnds(s, at: k) { k += 1 }
            if k - nameStart >= 2, k - nameStart <= 3, nameEnds(s, at: k) || !CharClass.isCJK(s.at(k)) {
                var start = i
                while start > 0, i - start < 8, CharClass.isCJK(s[start - 1]), !nameEnds(s, at: start - 1) { start -= 1 }
                out.append(Span(kind: "person", surface: s.string(start, k), start: start, end: k, value: nil, unit: nil))
            }
            i = k > i ? k : i + 1
        }
        return out
    }

    /// What follows a name: 所作, 作, 同志, 在, 的, 代表, 主持.
    static func nameEnds(_ s: [UInt32], at k: Int) -> Bool {
        ["所", "作", "同志", "在", "的", "代表", "主持", "向", "和", "、", "，"].contains { s.has($0, at: k) }
    }

    /// An Arabic or Chinese number (3, 124, 六, 十二) at `i`, and where it ends.
    static func number(_ s: [UInt32], at i: Int) -> (Double, Int)? {
        var k = i
        var value = 0.0
        while k < s.count, let d = arabic(s[k]) { value = value * 10 + Double(d); k += 1 }
        if k > i { return (value, k) }
        var digit: Int? = nil
        var total = 0
        while k < s.count {
            if let d = chinese(s[k]) { digit = d } else if s[k] == 0x5341 { total += (digit ?? 1) * 10; digit = nil }  // 十
            else if s[k] == 0x767E { total += (digit ?? 1) * 100; digit = nil }  // 百
            else { break }
            k += 1
        }
        guard k > i else { return nil }
        return (Double(total + (digit ?? 0)), k)
    }

    static func arabic(_ c: UInt32) -> Int? {
        if c >= 0x30 && c <= 0x39 { return Int(c - 0x30) }
        if c >= 0xFF10 && c <= 0xFF19 { return Int(c - 0xFF10) }
        return nil
    }

    static func chinese(_ c: UInt32) -> Int? {
        switch c {
        case 0x4E00: return 1
        case 0x4E8C: return 2
        case 0x4E09: return 3
        case 0x56DB: return 4
        case 0x4E94: return 5
        case 0x516D: return 6
        case 0x4E03: return 7
        case 0x516B: return 8
        case 0x4E5D: return 9
        case 0x3007, 0x96F6: return 0
        default: return nil
        }
    }
}
