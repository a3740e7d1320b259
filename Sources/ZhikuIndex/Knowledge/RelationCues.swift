import ZhikuText

/// What the words around a figure say its role is: the end of a change (提高到3.3%), its start
/// (从2.77%), a target (力争, 目标, 左右), a total over a period (累计, 五年), a change rather than a
/// level (增长15.5%). A stored fact's cues are the relations the extractor stored with it
/// (``init(role:status:scope:approx:)``); only an answer found at query time (a rank, a date in a
/// passage) is read from its passage's words here. Every cue is false when the words say nothing:
/// a feature on them is neutral then.
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

    static let toEndings = words("""
        提高到 提高至 增加到 增加至 增长到 增长至 提升到 提升至 上升到 上升至 升至 升到 跃升到 跃升至 跃居 增至 扩大到 扩大至 降低到 降低至 \
        下降到 下降至 减少到 减少至 降至 调高到 调高至 调整到 调整为 提高到了 增加到了 达到了 攀升至 突破到
        """)
    static let fromEndings = words("从 由 从全国第 由全国第 从第 由第")
    static let targetWords = words("目标 预期 力争 计划 拟 确保 争取 要 将 预计 安排 控制在")
    static let cumulativeWords = words("累计 共计 合计 总计 五年 期间 时期 累积 十年")
    static let changeWords = words("增长 下降 增加 减少 提高 降低 增产 减产 上升 回落 增速 增幅 提升")
    static let changeWordsDone = changeWords.map { $0 + [0x4E86] }  // …了
    static let aboutAfter = words("左右 上下")
    static let di: [UInt32] = [0x7B2C]  // 第
    static let quanguoDi: [UInt32] = [0x5168, 0x56FD, 0x7B2C]  // 全国第

    static func words(_ list: String) -> [[UInt32]] {
        list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { String($0).scalarValues }
    }

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
        let near = max(clauseStart, start - 6), nearest = max(clauseStart, start - 4)
        func ends(_ w: [UInt32], lower: Int) -> Bool { start - w.count >= max(0, lower) && s[(start - w.count)..<start].elementsEqual(w) }
        func inside(_ w: [UInt32], _ lo: Int, _ hi: Int) -> Bool {
            guard hi - lo >= w.count, let first = w.first else { return false }
            var i = lo
            while i + w.count <= hi {
                if s[i] == first && s[i..<(i + w.count)].elementsEqual(w) { return true }
                i += 1
            }
            return false
        }
        // 第 before a rank, 全国 before it: 从全国第12位 is a start, 跃升至第9位 an end.
        to = RelationCues.toEndings.contains { w in
            ends(w, lower: near) || ends(w + RelationCues.di, lower: near) || ends(w + RelationCues.quanguoDi, lower: near - 3)
        }
        self.from = RelationCues.fromEndings.contains { ends($0, lower: nearest) }
        target = RelationCues.targetWords.contains { inside($0, clauseStart, start) }
        about = RelationCues.aboutAfter.contains { w in end + w.count <= s.count && s[end..<(end + w.count)].elementsEqual(w) }
            || (start > nearest && s[start - 1] == 0x7EA6)  // 约
        cumulative = RelationCues.cumulativeWords.contains { inside($0, from, start) }
        change = !to && (RelationCues.changeWords.contains { ends($0, lower: near) } || RelationCues.changeWordsDone.contains { ends($0, lower: near) })
    }

    /// The cues of a stored fact, from the relations the extractor read at index time
    /// (``RelationReader`` in ZhikuExtract, the one reading of them): role `to`/`from`/`change`,
    /// status `target`, scope `cumulative` or `period` (五年来, 十四五期间); a hedge (约, 左右) on a
    /// figure whose status the text does not say.
    init(role: String?, status: String?, scope: String?, approx: String?) {
        to = role == "to"
        from = role == "from"
        change = role == "change"
        target = status == "target"
        about = status == nil && (approx == "约" || approx == "左右")
        cumulative = scope == "cumulative" || scope == "period"
    }
}
