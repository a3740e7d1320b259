import ZhikuText

/// What the words around a figure say its role is: the end of a change (提高到3.3%), its start
/// (从2.77%), a target (力争, 目标, 左右), a total over a period (累计, 五年), a change rather than a
/// level (增长15.5%). Read from the passage at query time; the relations the extractor stores
/// (issue 18's from/to roles, target vs achieved, cumulative scope) replace them where present
/// (``init(stored:)``). Every cue is false when the words say nothing: a feature on them is neutral then.
struct RelationCues: Sendable, Equatable {
    var to = false
    var from = false
    var target = false
    /// 左右, 约: hedged, as targets often are.
    var about = false
    var cumulative = false
    var change = false

    /// Characters before a figure read for its clause's words.
    static let window = 24

    static let toEndings = ["提高到", "提高至", "增加到", "增加至", "增长到", "增长至", "提升到", "提升至", "上升到", "上升至", "升至", "升到",
                            "跃升到", "跃升至", "跃居", "增至", "扩大到", "扩大至", "降低到", "降低至", "下降到", "下降至", "减少到",
                            "减少至", "降至", "调高到", "调高至", "调整到", "调整为", "提高到了", "增加到了", "达到了", "攀升至", "突破到"]
    static let targetWords = ["目标", "预期", "力争", "计划", "拟", "确保", "争取", "要", "将", "预计", "安排", "控制在"]
    static let cumulativeWords = ["累计", "共计", "合计", "总计", "五年", "期间", "时期", "累积", "十年"]
    static let changeWords = ["增长", "下降", "增加", "减少", "提高", "降低", "增产", "减产", "上升", "回落", "增速", "增幅", "提升"]

    init() {}

    /// The cues of the figure at `start..<end` in `s` (a passage's code points).
    init(_ s: [UInt32], start: Int, end: Int) {
        guard start >= 0, start <= end, end <= s.count else { return }
        var from = max(0, start - RelationCues.window)
        if let stop = s[from..<start].lastIndex(where: { $0 == 0x3002 || $0 == 0xFF1B || $0 == 0x3B || $0 == 0xFF01 || $0 == 0xFF1F || $0 == 0x0A }) {
            from = stop + 1  // the sentence, not across it
        }
        var clauseStart = from
        if let comma = s[from..<start].lastIndex(where: { $0 == 0xFF0C || $0 == 0x2C || $0 == 0x3001 }) { clauseStart = comma + 1 }
        let before = s.string(from, start)
        let clause = s.string(clauseStart, start)
        let near = s.string(max(clauseStart, start - 6), start)
        let nearest = s.string(max(clauseStart, start - 4), start)
        // 第 before a rank, 全国 before it: 从全国第12位 is a start too.
        to = RelationCues.toEndings.contains { near.hasSuffix($0) || near.hasSuffix($0 + "第") || near.hasSuffix($0 + "全国第") }
        self.from = nearest.hasSuffix("从") || nearest.hasSuffix("由") || nearest.hasSuffix("从全国第") || nearest.hasSuffix("由全国第")
            || nearest.hasSuffix("从第") || nearest.hasSuffix("由第")
        target = RelationCues.targetWords.contains { clause.contains($0) }
        let after = s.string(end, min(s.count, end + 3))
        about = after.hasPrefix("左右") || after.hasPrefix("上下") || nearest.hasSuffix("约")
        cumulative = RelationCues.cumulativeWords.contains { before.contains($0) }
        change = !to && RelationCues.changeWords.contains { w in near.hasSuffix(w) || near.hasSuffix(w + "了") }
    }

    /// Cues from relations the extractor stored (role `from`/`to`, scope `target`/`achieved`,
    /// `cumulative`, `comparison`): they override what the words gave. Nil fields say nothing.
    mutating func apply(role: String?, scope: String?) {
        switch role {
        case "to"?: to = true; from = false
        case "from"?: from = true; to = false
        case "comparison"?: change = true
        default: break
        }
        switch scope {
        case "target"?: target = true
        case "achieved"?: target = false
        case "cumulative"?: cumulative = true
        default: break
        }
    }
}
