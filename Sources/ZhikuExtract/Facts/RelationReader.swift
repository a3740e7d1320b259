import ZhikuText

/// Reads the relation a figure (or rank) stands in from the words around it (issue 18): role,
/// status and scope of ``Fact``. Every rule is a pattern of Chinese government prose, looked for in
/// bounded windows (at most ``window`` code points each side), so the work per figure is constant.
///
/// Roles:
/// - `from` / `to`: 从/由/自 [date的] X …(提高|增加|增长|上升|下降|扩大|跃升|调高…)(到|至) [date的] Y — X is `from`
///   when such a Y follows in the clause; Y, and any figure right after a change verb with 到/至
///   (提高到58.5%, 增至4.9万家, 升至全国第20位), is `to`.
/// - `change`: right after a change verb without 到/至 (增长5.04%, 增长-3.2%, 比上年增加353人, 下降1.15个千分点,
///   年均增长11%, 新增20家, 提升了10名).
/// - `comparison`: a base of comparison, never the answer: 较/比/相比 + [date] + 的 + X (较上年的7.2%),
///   同期为X, （上年为X）.
///
/// Status:
/// - `target`: a target word before the figure in its sentence (目标, 预期, 预计, 力争, 争取, 计划, 拟, 确保,
///   力求, 要, 任务, 规划), or 任务 right after it (下达150万元的任务); a sentence of goals separated by ；
///   counts as one sentence (主要预期目标是：…；…3.42%左右；…). A target word after 完成/实现/超额 is
///   achieved (完成全年目标任务).
/// - else the section: headings with 回顾, 过去, 成就, 成绩, 进展, 总结, 完成情况 → `achieved`; with 目标, 任务,
///   重点工作, 总体要求, 工作安排, 计划 → `target`; a heading naming a year → `target` from the publication
///   year on (三、2026年主要工作 in a 2026 report), `achieved` before it.
/// - else `achieved` for 实现, 完成, 同比, 比上年, 较上年, 已, 累计, 跃升, 增长了 in the sentence up to the end of
///   the figure's clause (达到, 突破, 超过 are
///   said of targets as often as of results: they decide nothing).
///
/// Scope:
/// - `cumulative`: 累计, 共计, 总计, 合计, 一共, 累积 before the figure in its clause;
/// - `average`: 年均, 年平均, 平均每年, 年度平均 before it in its clause;
/// - `period`: a period date in the clause (2019年至2021年, “十四五”期间), or 五年来, 十年来, 过去五年, 近五年,
///   N年来, 以来, 期间, 时期 in the sentence before it;
/// - `year`: a year date of its clause (全年, 2024年, 今年, 去年).
struct RelationReader {
    let s: [UInt32]
    let figures: [Figure]
    let dates: [DateMention]
    /// Status the passage's section gives (from its headings), used when the sentence says nothing.
    let sectionStatus: String?
    /// Index of the date ending at each position (the last one there).
    private let dateEnding: [Int: Int]
    /// Where the cue words of each kind stand in the passage, found in one pass each (a figure's
    /// questions are then binary searches, whatever the number of figures in a sentence).
    private let targets: [Cue], achieved: [Cue], cumulative: [Cue], average: [Cue], periods: [Cue]
    /// Positions of the sentence ends (。！？ and line breaks) in the passage.
    private let sentenceEnds: [Int]

    /// A cue word at `start` of `length` code points; `task` for 任务.
    struct Cue {
        var start: Int
        var length: Int
        var task = false
        var end: Int { start + length }
    }

    init(s: [UInt32], figures: [Figure], dates: [DateMention], sectionStatus: String?) {
        self.s = s
        self.figures = figures
        self.dates = dates
        self.sectionStatus = sectionStatus
        var ending: [Int: Int] = [:]
        for (i, d) in dates.enumerated() { ending[d.end] = i }
        dateEnding = ending
        // one pass over the passage for the sentence ends and the cue words of every kind
        var ends: [Int] = []
        var found: [[Cue]] = Array(repeating: [], count: 5)
        let check = RelationReader.TargetCheck(s: s)
        let table = RelationReader.cueTable
        var k = 0
        while k < s.count {
            let c = s[k]
            if c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x21 || c == 0x3F || c == 0x0A || c == 0x0D { ends.append(k) }
            if table.mayStart(c), let (l, kinds) = table.longest(in: s, at: k) {
                for kind in 0..<5 where kinds & (1 << kind) != 0 {
                    if kind == 0 && !check.isTargetWord(at: k, length: l) { continue }
                    found[kind].append(Cue(start: k, length: l, task: kind == 0 && s.has("任务", at: k)))
                }
            }
            k += 1
        }
        sentenceEnds = ends
        (targets, achieved, cumulative, average, periods) = (found[0], found[1], found[2], found[3], found[4])
    }

    /// Every cue word with the kinds it is a cue of, as bits: target 1, achieved 2, cumulative 4,
    /// average 8, period 16 (累计 and 共计 are both achieved and cumulative).
    static let cueTable: WordTable<UInt8> = {
        var kinds: [String: UInt8] = [:]
        for (bit, list) in [targetList, achievedList, cumulativeList, averageList, periodList].enumerated() {
            for w in list.split(separator: " ") { kinds[String(w), default: 0] |= 1 << UInt8(bit) }
        }
        return WordTable(kinds.map { ($0.key, $0.value) })
    }()

    /// The first cue of `list` starting in [from, to) and ending by `to`.
    private func cue(_ list: [Cue], from: Int, to: Int) -> Cue? {
        var i = FactLinker.firstIndex(list, atLeast: from) { $0.start }
        while i < list.count, list[i].start < to {
            if list[i].end <= to { return list[i] }
            i += 1
        }
        return nil
    }

    /// The date ending exactly at `p`, if any.
    func date(endingAt p: Int) -> DateMention? { dateEnding[p].map { dates[$0] } }

    /// How far the readers look on each side of a figure, and back to the start of its sentence.
    static let window = 120
    static let sentenceWindow = 300

    // MARK: - words

    static let changeVerbs = words("""
        增长 增加 下降 减少 提高 降低 上升 回落 提升 扩大 缩小 增 减 降 升 增支 减支 增产 减产 回升 下滑 攀升 增收 减收 \
        新增 净增 多 少 高出 超出 前进 后退 前移 后移 进位 上涨 下跌 增幅 降幅 增速 拉动
        """)
    /// The last character of a change verb before 到/至 (提高到, 增至, 升至, 压缩到, 发展到).
    /// Not 达: 达到X states a level, not the end of a change.
    static let toChars: Set<UInt32> = Set("高加长升降少大低小短展增减提跃扩调缩多快宽深".unicodeScalars.map(\.value))
    static let targetList = "目标 预期 预计 力争 争取 计划 拟 确保 力求 要 任务 规划 期望 有望"
    static let achievedList = "实现 完成 同比 比上年 较上年 已 已经 累计 共计 超额 跃升 跃居 位居 增长了 提高了 增加了"
    static let cumulativeList = "累计 共计 总计 合计 一共 累积"
    static let averageList = "年均 年平均 平均每年 年度平均"
    static let periodList = "五年来 十年来 三年来 两年来 几年来 多年来 过去五年 过去十年 近五年 近三年 近十年 这五年 这十年 以来 期间 时期 年来"
    static let targetHeadings = words("目标 任务 重点工作 总体要求 工作安排 工作部署 计划 打算 思路 要求")
    static let achievedHeadings = words("回顾 过去 成就 成绩 进展 总结 完成情况 执行情况")

    static func words(_ list: String) -> WordTable<Bool> {
        WordTable(list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { (String($0), true) })
    }

    /// The status a section's headings give its passages, or nil. `publicationYear`: the year the
    /// document was issued, against which a heading's year tells a plan from a review.
    static func sectionStatus(headings: [String], publicationYear: Int?) -> String? {
        // scalars and word tables: String.contains goes through Foundation, a tenth of indexing time
        let scalars = headings.reversed().map(\.scalarValues)
        for s in scalars {
            let found = { (t: WordTable<Bool>) in (0..<s.count).contains { t.longest(in: s, at: $0) != nil } }
            if found(achievedHeadings) { return "achieved" }
            if found(targetHeadings) { return "target" }
        }
        guard let publicationYear else { return nil }
        for s in scalars {
            var k = 0
            while k + 4 < s.count {
                if CharClass.isArabicDigit(s[k]), s[k + 4] == 0x5E74, !CharClass.isArabicDigit(s.at(k - 1)),
                   let y = Int(String(scalarValues: s[k..<(k + 4)])), (1900...2100).contains(y) {   // 2026年
                    return y >= publicationYear ? "target" : "achieved"
                }
                k += 1
            }
        }
        return nil
    }

    // MARK: - bounds

    /// Clause bounds around [start, end): ，。；！？：、 and line breaks end it; at most `window` each side.
    func clause(_ start: Int, _ end: Int) -> (Int, Int) {
        TextBounds.around(s, start, end, window: RelationReader.window, isBreak: CharClass.isClauseBreak)
    }

    /// Start of the sentence of `p` for status and scope words: 。！？ and line breaks end it, not ；
    /// (a list of goals runs on over ；); at most `window` back.
    func sentenceStart(_ p: Int) -> Int {
        let i = FactLinker.firstIndex(sentenceEnds, atLeast: p) { $0 }      // the first end at or after p
        let lastEnd = i > 0 ? sentenceEnds[i - 1] + 1 : 0
        return max(lastEnd, p - RelationReader.sentenceWindow, 0)
    }

    /// Position before `p` skipping spaces, 了 and 的 and a date ending there (从去年的2.1%, 到2025年的14万元).
    func skipBack(_ p: Int) -> Int {
        var k = p
        var steps = 0
        while k > 0 && steps < 4 {
            steps += 1
            let c = s[k - 1]
            if CharClass.isSpace(c) || c == 0x4E86 || c == 0x7684 { k -= 1; continue }   // 了 的
            if let d = date(endingAt: k) { k = d.start; continue }
            break
        }
        return k
    }

    /// A word of `table` ending at `end`, and its start.
    func wordEnding(_ table: WordTable<Bool>, at end: Int) -> Int? {
        table.longestEnding(in: s, at: end, notBefore: max(0, end - 6)).map { end - $0.0 }
    }

    // MARK: - role

    /// `to` when a change verb and 到/至 stand right before `start` (提高到, 增至, 跃升至第).
    func isTo(_ start: Int) -> Bool {
        let k = skipBack(start)
        let c = s.at(k - 1)
        guard c == 0x5230 || c == 0x81F3 else { return false }                  // 到 至
        return RelationReader.toChars.contains(s.at(k - 2))
    }

    /// `from` when 从/由/自 stand right before `start` (skipping a date and 的) and a `to` figure
    /// follows in the clause: `toStarts` are the starts of the clause's later figures or ranks.
    func isFrom(_ start: Int, laterStarts: ArraySlice<Int>) -> Bool {
        let k = skipBack(start)
        var c = s.at(k - 1)
        var m = k - 1
        // 由全国第12位: a realm word between the marker and the rank
        if c != 0x4ECE && c != 0x7531 && c != 0x81EA, let w = RankReader.realm(s, endingAt: k) { m = k - w - 1; c = s.at(m) }
        guard c == 0x4ECE || c == 0x7531 || c == 0x81EA else { return false }   // 从 由 自
        if c == 0x7531 && s.at(m + 1) == 0x4E8E { return false }                 // 由于
        return laterStarts.contains { isTo($0) }
    }

    /// `change` when a change verb stands right before `start` (增长5%, 比上年增加353人, 提升了10名).
    func isChange(_ start: Int) -> Bool {
        var k = start
        while k > 0, CharClass.isSpace(s[k - 1]) || s[k - 1] == 0x4E86 { k -= 1 }   // 了
        return wordEnding(RelationReader.changeVerbs, at: k) != nil
    }

    /// `comparison` for 较上年的X, 比2020年的X, 同期为X, （上年为X）.
    func isComparison(_ start: Int) -> Bool {
        var k = start
        while k > 0, CharClass.isSpace(s[k - 1]) { k -= 1 }
        if s.at(k - 1) == 0x4E3A, s.has("同期", endingAt: k - 1) { return true }                  // 同期为
        if s.at(k - 1) == 0x4E3A, let d = date(endingAt: k - 1),                                   // （上年为X）
           s.at(d.start - 1) == 0xFF08 || s.at(d.start - 1) == 0x28 { return true }
        guard s.at(k - 1) == 0x7684 else { return false }                                           // 的
        if let d = date(endingAt: k - 1), d.role == "comparison" { return true }
        return false
    }

    /// The role of a figure or rank at [start, end) whose clause holds later figures at `laterStarts`.
    func role(start: Int, laterStarts: ArraySlice<Int>) -> String? {
        if isTo(start) { return "to" }
        if isFrom(start, laterStarts: laterStarts) { return "from" }
        if isComparison(start) { return "comparison" }
        if isChange(start) { return "change" }
        return nil
    }

    // MARK: - status

    /// Tells target words from the same words in other uses.
    struct TargetCheck {
        let s: [UInt32]

    /// Target words preceded by 完成/实现/超额 (完成全年目标任务) are not targets.
    func isTargetWord(at k: Int, length l: Int) -> Bool {
        let w = s.string(k, k + l)
        if w == "要" {
            // 主要, 重要, 需要, 只要, 必要, 要求, 要素, 要点
            let p = s.at(k - 1), n = s.at(k + 1)
            if "主重需只必纲摘概首紧不".unicodeScalars.contains(where: { $0.value == p }) { return false }
            if "求素点件害闻员职案".unicodeScalars.contains(where: { $0.value == n }) { return false }
        }
        // 研发计划, 人才计划, 行动计划, 五年计划: names of programmes
        if w == "计划", "发才动年划".unicodeScalars.contains(where: { $0.value == s.at(k - 1) }) { return false }
        var b = k - 1
        let lo = max(0, k - 6)
        while b >= lo {
            if s.has("完成", at: b) || s.has("实现", at: b) || s.has("超额", at: b) { return false }
            if CharClass.isClauseBreak(s[b]) { break }
            b -= 1
        }
        return true
    }
    }

    /// The status of a figure at [start, end).
    func status(start: Int, end: Int, clause: (Int, Int)) -> String? {
        let ss = sentenceStart(start)
        // target words before the figure in its sentence, or 任务 right after it in the clause
        if cue(targets, from: ss, to: start) != nil { return "target" }
        if let c = cue(targets, from: end, to: min(clause.1, end + 6)), c.task { return "target" }
        if let section = sectionStatus { return section }
        if cue(achieved, from: min(ss, clause.0), to: clause.1) != nil { return "achieved" }
        return nil
    }

    // MARK: - scope

    /// The scope of a figure at [start, end).
    func scope(start: Int, end: Int, clause: (Int, Int)) -> String? {
        if cue(cumulative, from: clause.0, to: start) != nil { return "cumulative" }
        if cue(average, from: clause.0, to: start) != nil { return "average" }
        let first = FactLinker.firstIndex(dates, atLeast: clause.0) { $0.start }
        let inClause = dates[first...].prefix { $0.start < clause.1 }.filter { $0.role == nil && $0.end <= clause.1 }
        if inClause.contains(where: { $0.granularity == "period" && !$0.value.utf8.contains(0x2D) }) { return "period" }
        if cue(periods, from: sentenceStart(start), to: start) != nil { return "period" }
        if inClause.contains(where: { $0.granularity == "year" && $0.mod == nil }) { return "year" }
        return nil
    }
}
