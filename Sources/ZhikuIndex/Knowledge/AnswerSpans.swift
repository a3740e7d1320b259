import ZhikuText

/// Answers that are not stored facts, found at query time in the passages a question's search
/// selects: organizations in the slot a question names (由X提出, 向X申请, 经X批准) or named by a
/// heading line, and people (国务院总理李强). Ranks are stored facts (``RankReader`` in ZhikuExtract).
enum AnswerSpans {
    struct Span: Sendable {
        var kind: String
        var surface: String
        var start: Int
        var end: Int
        /// A numeric value (nil for names).
        var value: Double?
        var unit: String?
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
}
