import ZhikuText

/// Finds ranks (issue 18; extraction.md, "Settled edge cases": ranks are not figures, the knowledge
/// base keeps them as kind `rank`). A rank's value is the position; its unit 位 or 名 as written
/// (位 when none is written). Patterns of Chinese government prose:
/// - 第N位 / 第N名, with or without a rank verb and a realm before it: 居全国第3位, 位居世界第三,
///   跃升至第9位, 单项排名第98名, 团体第三名, 经济总量已居世界第六位;
/// - a rank verb and N名/位 without 第: 综合排名124名, 排全国12位;
/// - a change of rank: 提升了10名, 前进5位, 上升3位, 下降2位 (role `change`).
/// Not ranks: 第N次/批/届/条 (no 位/名 and no rank verb), 放在第一位 (a priority), 第一位院士 (a measure
/// word before a noun), 前10名 (a bound).
struct RankReader {
    let s: [UInt32]

    /// One rank found in the text.
    struct Rank {
        var figure: Figure
        /// Where the rank phrase starts (the verb or realm before it): the attribute ends there.
        var phraseStart: Int
        /// A change of rank (提升了10名).
        var change: Bool
    }

    static let verbs = RelationReader.words("""
        居 位居 位列 跃居 稳居 居于 排名 排位 排 列 名列 位次 升至 跃升至 上升至 上升到 跃升到 提升至 提升到 降至 下降至 下降到 \
        回落至 排在 保持 获得 获 荣获 夺得 取得 团体 个人 跻身 跃至 前进至 进入 排行 排序 综合排名 单项排名 总排名
        """)
    /// Verbs that make N名/N位 a rank without 第 (not 获得 or 进入, which also take counts).
    static let bareVerbs = RelationReader.words("排名 排位 排 居 位居 位列 名列 列 排在 位次 跃居 稳居 综合排名 单项排名 总排名")
    static let changeVerbs = RelationReader.words("前进 提升 上升 下降 后退 前移 后移 进位 跃升 攀升 提高 上升了 提升了 前进了 下降了 后退了")
    static let realms = RelationReader.words("""
        全国 全省 全市 全区 全州 世界 全球 中部 西部 东部 东北 中西部 西北 西南 华东 华北 华南 华中 东南 中部六省 \
        中部地区 西部地区 东部地区 东北地区 同类 全国同类 同级 国内 省内 长江经济带 沿海 副省级城市 省会城市 全国城市 亚洲
        """)

    /// Length of a realm word ending at `end` (全国 in 居全国第3位), or nil.
    static func realm(_ s: [UInt32], endingAt end: Int) -> Int? {
        realms.longestEnding(in: s, at: end, notBefore: max(0, end - 6))?.0
    }

    /// Characters after 第N that make it an ordinal, not a rank (第3次, 第二批, 第十四届 …).
    static let ordinalNouns: Set<UInt32> = Set("次批届条章节款项号个季期轮代部阶年天日月周回份类种段级版卷页册".unicodeScalars.map(\.value))
    /// Characters that may follow a rank's 位/名 (，的和 …); any other Han character makes 位/名 a measure word.
    static let afterRank: Set<UInt32> = Set("的和与及以左之并较比上前后是提跃升、，。；）)".unicodeScalars.map(\.value))

    /// The ranks of the text, in order. Only 第, 名 and 位 start a look (most characters are none of them).
    func ranks() -> [Rank] {
        var out: [Rank] = []
        let n = s.count
        var i = 0
        var done = 0                                                     // end of the last rank
        while i < n {
            let c = s[i]
            if c == 0x7B2C, let r = ordinalRank(at: i) {                  // 第
                out.append(r); i = r.figure.end; done = i; continue
            }
            if c == 0x540D || c == 0x4F4D, let r = bareRank(endingAt: i, after: done) {   // 名 位
                out.append(r); done = r.figure.end
            }
            i += 1
        }
        return out
    }

    /// A rank without 第 whose number ends right before the 名/位 at `u` (排名124名, 提升了10名).
    private func bareRank(endingAt u: Int, after done: Int) -> Rank? {
        var k = u
        while k > done, u - k < 8, CharClass.isArabicDigit(s[k - 1]) || CharClass.chineseDigit(s[k - 1]) != nil
                || CharClass.smallUnit(s[k - 1]) != nil { k -= 1 }
        guard k < u, s.at(k - 1) != 0x7B2C, let num = NumberScanner.scan(s, at: k), num.end == u else { return nil }
        return bareRank(num)
    }

    /// A small whole number (a position) starting at `p`.
    private func position(at p: Int) -> ScannedNumber? {
        guard let num = NumberScanner.scan(s, at: p), !num.decimal, !num.magnitude, !num.overlong,
              num.value >= 1, num.value <= 10_000, num.value == num.value.rounded() else { return nil }
        return num
    }

    /// The start of a rank verb (and realm) ending at `end`, or nil.
    private func verbStart(endingAt end: Int) -> Int? {
        var k = end
        if let r = RankReader.realm(s, endingAt: k) { k -= r }
        guard let (l, _) = RankReader.verbs.longestEnding(in: s, at: k, notBefore: max(0, k - 5)) else { return nil }
        return k - l
    }

    /// 第N位, 居全国第3位, 位居世界第三, 团体第三名.
    private func ordinalRank(at i: Int) -> Rank? {
        guard let num = position(at: i + 1) else { return nil }
        var e = num.end
        let unitChar = s.at(e)
        let hasUnit = unitChar == 0x4F4D || unitChar == 0x540D                     // 位 名
        let verb = verbStart(endingAt: i)
        if hasUnit {
            e += 1
            let next = s.at(e)
            if verb == nil {
                // 放在第一位, 摆在第一位: a priority, not a rank
                if s.at(i - 1) == 0x5728 || s.at(i - 1) == 0x5230 { return nil }
                if CharClass.isHan(next) && !RankReader.afterRank.contains(next) { return nil }   // 第一位院士
            }
        } else {
            guard verb != nil, !RankReader.ordinalNouns.contains(unitChar) else { return nil }
        }
        let unit = hasUnit ? String(Unicode.Scalar(unitChar)!) : "位"
        let f = Figure(surface: s.string(i, e), start: i, end: e, value: num.value, unit: unit, kind: "rank", approx: nil)
        return Rank(figure: f, phraseStart: verb ?? (RankReader.realm(s, endingAt: i).map { i - $0 } ?? i), change: false)
    }

    /// 排名124名, 提升了10名, 前进5位.
    private func bareRank(_ num0: ScannedNumber) -> Rank? {
        let unitChar = s.at(num0.end)
        guard unitChar == 0x4F4D || unitChar == 0x540D, s.at(num0.start - 1) != 0x524D,   // 前10名
              let num = position(at: num0.start), num.end == num0.end else { return nil }
        var k = num.start
        while k > 0, s[k - 1] == 0x4E86 || CharClass.isSpace(s[k - 1]) { k -= 1 }            // 了
        let e = num.end + 1
        let unit = String(Unicode.Scalar(unitChar)!)
        if let (l, _) = RankReader.changeVerbs.longestEnding(in: s, at: k, notBefore: max(0, k - 4)) {
            let f = Figure(surface: s.string(num.start, e), start: num.start, end: e, value: num.value, unit: unit, kind: "rank", approx: nil)
            return Rank(figure: f, phraseStart: k - l, change: true)
        }
        var r = num.start
        if let w = RankReader.realm(s, endingAt: r) { r -= w }
        guard let (l, _) = RankReader.bareVerbs.longestEnding(in: s, at: r, notBefore: max(0, r - 4)) else { return nil }
        let v = r - l
        let f = Figure(surface: s.string(num.start, e), start: num.start, end: e, value: num.value, unit: unit, kind: "rank", approx: nil)
        return Rank(figure: f, phraseStart: v, change: false)
    }
}
