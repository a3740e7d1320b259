/// Finds figures (number + unit, with hedges and ranges) in a scalar array.
/// Linear: every scan position either advances past a parsed number or by one scalar.
struct FigureExtractor {
    let s: [UInt32]
    /// Scalars already claimed by dates (plan periods, years, ...).
    let claimed: [Bool]

    private static let di: UInt32 = 0x7B2C            // 第
    private static let percentPrefix = "百分之"

    func extract() -> [Figure] {
        var out: [Figure] = []
        let n = s.count
        var i = 0
        while i < n {
            let c = s[i]
            if claimed[i] { i += 1; continue }
            if c == 0x767E, s.has(FigureExtractor.percentPrefix, at: i) {       // 百分之X
                if let f = percentWords(at: i) { out.append(f); i = f.end; continue }
                i += 3; continue
            }
            guard NumberScanner.canStart(c), startsToken(i) else { i += 1; continue }
            guard let num = NumberScanner.scan(s, at: i) else { i += 1; continue }
            if num.arabic, let r = ratio(from: num) {
                out.append(r)
                i = r.end
                continue
            }
            if let f = signed(figure(from: spaced(num)), num) {
                out.append(f)
                i = max(f.end, i + 1)
            } else {
                // skip the whole number so that long digit runs are not rescanned per position
                i = max(num.end, i + 1)
            }
        }
        return out
    }

    /// A number may start here: the previous scalar is not a digit, letter or decimal point.
    private func startsToken(_ i: Int) -> Bool {
        guard i > 0 else { return true }
        let p = s[i - 1]
        if CharClass.isArabicDigit(p) && CharClass.isArabicDigit(s[i]) { return false }
        if CharClass.isArabicDigit(s[i]) && (CharClass.isASCIILetter(p) || p == 0x2E || p == 0xFF0E || p == 0x2D || p == 0x5F) {
            // R&D2, v1.2, A-3 codes
            if p == 0x2D { return !(i >= 2 && CharClass.isArabicDigit(s[i - 2])) }
            return false
        }
        if !CharClass.isArabicDigit(s[i]) {
            // Chinese numerals glued to a preceding numeral word are part of it
            if CharClass.chineseDigit(p) != nil || CharClass.smallUnit(p) != nil || CharClass.bigUnit(p) != nil {
                return false
            }
        }
        return true
    }

    /// The number is not a quantity because of what precedes it.
    private func rejectedByPrefix(_ num: ScannedNumber) -> Bool {
        let i = num.start
        let p = s.at(i - 1)
        if p == FigureExtractor.di { return true }                        // 第三
        if !num.arabic {
            // words that contain numerals: 统一, 唯一, 之一, 同一, 逐一, 这一, 单一, 其一, 万一, 初一
            switch p {
            case 0x7EDF, 0x552F, 0x4E4B, 0x540C, 0x9010, 0x8FD9, 0x5355, 0x5176, 0x521D, 0x90A3, 0x4EFB,
                 0x6BCF, 0x661F, 0x5468, 0x5B9E, 0x5173, 0x524D, 0x9996, 0x51E0, 0x6570, 0x534A, 0x96F6:
                // 统 唯 之 同 逐 这 单 其 初 那 任 每 星 周 实 关 前 首 几 数 半 零
                return true
            default: break
            }
        }
        return false
    }

    private func figure(from num0: ScannedNumber) -> Figure? {
        var num = num0
        if num.overlong || num.leadingZero { return nil }
        // 三四家 (3–4), but 二〇二二-style digit strings are never quantities
        var adjacentRange: Double?
        if num.digitString {
            let a = CharClass.chineseDigit(s[num.start]) ?? -1
            if num.end - num.start == 2, let b = CharClass.chineseDigit(s[num.start + 1]), a >= 1, b == a + 1 {
                adjacentRange = Double(b)
                num.value = Double(a)
            } else {
                return nil
            }
        }
        if rejectedByPrefix(num) { return nil }
        let n = s.count
        var approx: String? = num.innerApprox
        var start = num.start
        var j = num.end
        // 5G, 3D, 2B: a letter right after the number (units in letters are handled by the table)
        // approx between number and unit: 150余名, 400多亩
        var between: String?
        if j < n, let b = Markers.between(s[j]), j + 1 < n, Units.table.longest(in: s, at: j + 1) != nil {
            between = b
            j += 1
        }
        // X成 = X*10 %
        if between == nil, j < n, s[j] == 0x6210, !num.magnitude,   // 成
           num.value >= 1, num.value <= 10, num.multipliers <= (num.value == 10 ? 1 : 0), !(num.decimal && !num.arabic && num.multipliers > 0) {
            let f = Figure(surface: "", start: num.start, end: j + 1, value: num.value * 10,
                           unit: "%", kind: "percent", approx: nil)
            return finish(f, approxIn: approx, markerStart: start)
        }
        // X分之Y
        if j + 2 < n, s[j] == 0x5206, s[j + 1] == 0x4E4B, let y = NumberScanner.scan(s, at: j + 2), num.value > 0 {
            let f = Figure(surface: "", start: num.start, end: y.end, value: y.value / num.value * 100,
                           unit: "%", kind: "percent", approx: nil)
            return finish(f, approxIn: nil, markerStart: start)
        }
        // ranges: lower [unit] connector upper unit
        if let r = range(after: num, at: j) { return r }
        guard let (ulen, info0) = Units.table.longest(in: s, at: j) else { return nil }
        var unitEnd = j + ulen
        var info = info0
        if let (rateEnd, rate) = perUnit(info, at: unitEnd) { unitEnd = rateEnd; info = rate }
        // an ASCII unit must not run into more letters (5mm is a unit, 5mmol is not ours)
        if unitEnd < n, CharClass.isASCIILetter(s[unitEnd]) && CharClass.isASCIILetter(s[unitEnd - 1]) { return nil }
        if !acceptable(num, unit: info, unitStart: j, unitEnd: unitEnd) { return nil }
        if num.bare {
            // bare magnitudes need a hedge (近百家, 上万个) or two multipliers (千亿元)
            let hasMarker = Markers.before.longestEnding(in: s, at: num.start, notBefore: num.start - 3) != nil
                || s.at(num.start - 1) == 0x4E0A  // 上万
            if !hasMarker && num.multipliers < 2 { return nil }
            if s.at(num.start - 1) == 0x4E0A {
                approx = approx ?? "以上"
                start = num.start - 1
            }
        }
        if between != nil { approx = approx ?? between }
        if s.has("元整", at: j) || s.has("元整", at: unitEnd - 1) { unitEnd = max(unitEnd, j + 2) }
        num.end = unitEnd
        if let hi = adjacentRange {
            let f = Figure(surface: "", start: num.start, end: unitEnd, value: num.value, valueMax: hi,
                           unit: info.unit, kind: info.kind, approx: "range")
            return finish(f, approxIn: "range", markerStart: start)
        }
        let f = Figure(surface: "", start: num.start, end: unitEnd, value: num.value,
                       unit: info.unit, kind: info.kind, approx: nil)
        return finish(f, approxIn: approx, markerStart: start)
    }

    /// Unit-specific guards.
    private func acceptable(_ num: ScannedNumber, unit: UnitInfo, unitStart: Int, unitEnd: Int) -> Bool {
        let prefixWindow = max(0, num.start - 4)
        if unit.kind == "count" {
            if num.singleChineseDigit && num.value == 1 { return false }      // 一家X, 一个
            if num.decimal && unit.unit != "人" && unit.unit != "人次" && !num.magnitude { return false }
            if unit.unit == "名" || unit.unit == "位" {
                // ranks: 排名124名, 位居第二位
                var k = num.start - 1
                while k >= prefixWindow {
                    if s[k] == 0x6392 && s.at(k + 1) == 0x540D { return false }  // 排名
                    if s[k] == 0x6392 && s.at(k + 1) == 0x4F4D { return false }  // 排位
                    if s[k] == 0x4F4D && s.at(k + 1) == 0x5C45 { return false }  // 位居
                    if s[k] == 0x4F4D && s.at(k + 1) == 0x5217 { return false }  // 位列
                    k -= 1
                }
                // 前10名, 第3位 are ranks
                if s.at(num.start - 1) == 0x524D { return false }
                // rank changes 上升5位, 前移3位, 提升了10名
                var b = num.start - 1
                if s.at(b) == 0x4E86 { b -= 1 }                                   // 了
                let p = s.at(b)
                if p == 0x5347 || p == 0x964D || p == 0x79FB || p == 0x8FDB || p == 0x9000 || p == 0x5347 { return false } // 升 降 移 进 退
            }
            if (unit.unit == "次" || unit.unit == "位" || unit.unit == "个") && num.singleChineseDigit && !num.arabic {
                // 二次开发, 三位一体, 五个一: a numeral glued into a word when a noun-like Han char follows
                let nx = s.at(unitEnd)
                if unit.unit == "次" { return false }
                if unit.unit == "位" && (nx == 0x4E00) { return false }
                if unit.unit == "个" && CharClass.chineseDigit(nx) != nil { return false }
            }
            if unit.unit == "次" || unit.unit == "部" || unit.unit == "门" || unit.unit == "块" || unit.unit == "场" {
                if num.singleChineseDigit && !num.arabic && num.value <= 1 { return false }
            }
            // 三方协议-like compounds are not in the table; 两院院士 has no unit.
        }
        if unit.kind == "duration" {
            // 60日内, 十五日以内: 日 counts days only before 内/以内/之内/后 (28日 is a day of the month)
            if unit.unit == "日" && !FigureExtractor.daysFollow(s, unitEnd) { return false }
            if unit.unit == "年" {
                // 10.8年 (平均受教育年限) is a duration; 2020.5年 and 三点五年 are not read as one
                if (num.decimal && !num.arabic) || num.value > 50 || num.value < 1 || num.intDigits > 2 { return false }
                if num.decimal, let dot = (num.start..<num.end).first(where: { s[$0] == 0x2E || s[$0] == 0xFF0E }), num.end - dot > 3 {
                    return false                                                          // 14.2025年: a number and a year run together
                }
                let nx = s.at(unitEnd)
                // 年度, 年级, 年代, 年前, 年后, 年底, 年初, 年末, 年中, 年以来
                switch nx {
                case 0x5EA6, 0x7EA7, 0x4EE3, 0x524D, 0x540E, 0x5E95, 0x521D, 0x672B, 0x4E2D, 0x4EE5, 0x6765: return false
                default: break
                }
            }
            if num.singleChineseDigit && num.value == 1 { return false }
        }
        // 大写 numerals are for money only (陆家嘴 is a place)
        if !num.arabic && unit.kind != "money" {
            for k in num.start..<num.end {
                switch s[k] {
                case 0x58F9, 0x8D30, 0x53C1, 0x8086, 0x4F0D, 0x9646, 0x67D2, 0x634C, 0x7396, 0x62FE, 0x4F70, 0x4EDF: return false
                default: continue
                }
            }
        }
        // 六部门, 三项目, 两家庭: the measure word is the first half of a noun
        if unit.kind == "count" && !num.arabic, unitEnd < s.count {
            let pair = (s[unitEnd - 1], s[unitEnd])
            let words: [(UInt32, UInt32)] = [(0x90E8, 0x95E8), (0x9879, 0x76EE), (0x5BB6, 0x5EAD), (0x540D, 0x5355), (0x540D, 0x79F0),
                                             (0x53F0, 0x9636), (0x6761, 0x4EF6), (0x6240, 0x5728), (0x6240, 0x5F97), (0x4EF6, 0x4E8B),
                                             (0x4F4D, 0x4E00), (0x6B21, 0x65B9)]   // 部门 项目 家庭 名单 名称 台阶 条件 所在 所得 件事 位一 次方
            if words.contains(where: { $0 == pair }) { return false }
        }
        // 一元复始, 最后一公里, 一米阳光: a lone 一 before a measure is an article or idiom
        // (money and hedged amounts stay: 一美元, 近一吨)
        if num.singleChineseDigit && num.value == 1 && unit.kind != "percent" && unit.kind != "money"
            && Markers.before.longestEnding(in: s, at: num.start, notBefore: num.start - 3) == nil { return false }
        return true
    }

    /// lower [magnitude/unit] connector upper unit, e.g. 5至8万平方米, 10%-15%, 3亿～5亿元.
    private func range(after lower: ScannedNumber, at j0: Int) -> Figure? {
        let n = s.count
        var j = j0
        var lowerUnit: UnitInfo?
        if let (l, info) = Units.table.longest(in: s, at: j), info.kind == "percent" || info.kind == "money" || info.kind == "area" || info.kind == "land_area" {
            lowerUnit = info
            j += l
        }
        guard j < n else { return nil }
        let c = s[j]
        let isConnector = c == 0x2D || c == 0xFF0D || c == 0x7E || c == 0xFF5E || c == 0x2014 || c == 0x2013
            || c == 0x81F3 || c == 0x5230                    // 至 到
        guard isConnector else { return nil }
        var k = j + 1
        if c == 0x2014, s.at(k) == 0x2014 { k += 1 }         // ——
        guard k < n, !claimed[k], let upper = NumberScanner.scan(s, at: k), !upper.overlong else { return nil }
        if lower.arabic != upper.arabic && !(lower.arabic && upper.arabic) {
            if lower.arabic || upper.arabic { return nil }
        }
        let after = s.at(upper.end)
        if after == 0x6708 || after == 0x65E5 || after == 0x53F7 || after == 0x5E74 { return nil } // 月 日 号 年
        // phone numbers: leading 0 + 3-4 digits, then 7-8 digits
        if lower.leadingZero || upper.leadingZero { return nil }
        var u = upper.end
        // 5至8余万元: a hedge inside a range is dropped, the range already says it
        if Markers.between(s.at(u)) != nil, Units.table.longest(in: s, at: u + 1) != nil { u += 1 }
        guard let (ul, info) = Units.table.longest(in: s, at: u) else { return nil }
        if let lu = lowerUnit, lu != info { return nil }
        if info.kind == "duration" && info.unit == "年" { return nil }
        if info.unit == "日" && !FigureExtractor.daysFollow(s, u + ul) { return nil }
        var lowValue = lower.value
        // trailing magnitude distributes to the lower end when it has none of its own
        if !lower.magnitude && upper.magnitude && lowerUnit == nil {
            var mag = 1.0
            var t = upper.end - 1
            var mags: [Double] = []
            while t >= upper.start, let m = CharClass.bigUnit(s[t]) { mags.append(m); t -= 1 }
            for m in mags { mag *= m }
            if mag > 1 && lowValue * mag <= upper.value { lowValue *= mag }
        }
        guard lowValue <= upper.value else { return nil }
        let f = Figure(surface: "", start: lower.start, end: u + ul, value: lowValue, valueMax: upper.value,
                       unit: info.unit, kind: info.kind, approx: "range")
        return finish(f, approxIn: "range", markerStart: lower.start)
    }

    /// Adds prefix markers (人民币, 约, 超过 ...), suffix markers (左右, 以上) and apart markers.
    private func finish(_ f0: Figure, approxIn: String?, markerStart: Int) -> Figure {
        var f = f0
        var start = min(markerStart, f.start)
        var approx = approxIn
        // 人民币 prefix
        if f.kind == "money", s.has("人民币", endingAt: start) { start -= 3 }
        // adjacent hedge before
        var adjacent: String?
        if let (l, a) = Markers.before.longestEnding(in: s, at: start, notBefore: start - 3) {
            // 最近3年 is not 近
            if !(a == "近" && l == 1 && s.at(start - 2) == 0x6700) && !(l == 1 && s.at(start - 1) == 0x7EA6 && s.at(start - 2) == 0x5927) {
                adjacent = a
                start -= l
            }
        }
        // apart hedge within the clause (never in the surface)
        var apart: String?
        if adjacent == nil {
            var k = start - 1
            let limit = max(0, start - 8)
            while k >= limit {
                let c = s[k]
                if CharClass.isClauseBreak(c) || CharClass.isArabicDigit(c) { break }
                if let (l, a) = Markers.apart.longest(in: s, at: k), k + l <= start {
                    apart = a
                    break
                }
                k -= 1
            }
        }
        var end = f.end
        var after: String?
        if let (l, a) = Markers.after.longest(in: s, at: end), (a != "余" && a != "多") || approx == nil {
            let nx = s.at(end + l)
            // 上下游, 上下级: not a hedge
            let word = l == 2 && s[end] == 0x4E0A && (nx == 0x6E38 || nx == 0x7EA7 || nx == 0x73ED || nx == 0x6587)
            if !word {
                after = a
                end += l
            }
        }
        if approx == "range" {
            // keep range
        } else if let a = apart ?? adjacent ?? approx ?? after {
            approx = a
        }
        // first marker wins: an adjacent/apart marker comes before an inner or trailing one
        if approx != "range", let a = apart ?? adjacent { approx = a }
        f.start = start
        f.end = end
        f.surface = s.string(start, end)
        f.approx = approx
        return f
    }

    // MARK: - signs, spaces, ratios and rates (issue 18)

    /// Spaces between a number and its unit or magnitude change nothing (extraction.md, "Signs and
    /// spacing"): `8.8 %`, `16.1\u{2002}%`, `120 亿元`, `1761.48 万人`. The number is extended over one or
    /// two spaces when a unit, or a magnitude and a unit, follows them; a magnitude after the spaces
    /// is applied by reading the digits and the magnitude again as one number (exact decimals).
    func spaced(_ num: ScannedNumber) -> ScannedNumber {
        guard num.arabic, !num.magnitude, CharClass.isSpace(s.at(num.end)) else { return num }
        // `4 9 2 5 0 万吨`: digits spaced one by one (old scans) are not one number we can read
        if CharClass.isSpace(s.at(num.start - 1)) && CharClass.isArabicDigit(s.at(num.start - 2)) { return num }
        var g = num.end
        while g < s.count, g - num.end < 2, CharClass.isSpace(s[g]) { g += 1 }
        guard g < s.count else { return num }
        if CharClass.bigUnit(s[g]) != nil {
            var m = g
            while m < s.count, CharClass.bigUnit(s[m]) != nil, m - g < 2 { m += 1 }
            guard Units.table.longest(in: s, at: m) != nil else { return num }
            let joined = Array(s[num.start..<num.end]) + Array(s[g..<m])
            guard var again = NumberScanner.scan(joined, at: 0), again.end == joined.count else { return num }
            again.start = num.start
            again.end = m
            return again
        }
        guard let (_, info) = Units.table.longest(in: s, at: g), info.kind != "duration" || info.unit == "天" else { return num }
        var out = num
        out.end = g
        return out
    }

    /// A sign written with the number belongs to the value: `增长-3.2%` → −3.2, `−0.5个百分点` → −0.5
    /// (a direction word does not change it: 下降3.2% stays 3.2). The sign (`-`, `－`, `−`) must touch
    /// the digits and follow a Han character, a space, an opening bracket, a colon or the start:
    /// `5%-10%` (a failed range), `0797-8390123` and `A-3` are not negative.
    func signed(_ f: Figure?, _ num: ScannedNumber) -> Figure? {
        guard var f, f.approx != "range", num.arabic, num.start >= 1 else { return f }
        let sign = s[num.start - 1]
        guard sign == 0x2D || sign == 0xFF0D || sign == 0x2212, f.start == num.start else { return f }
        let p = s.at(num.start - 2)
        let before = num.start < 2 || CharClass.isHan(p) || CharClass.isSpace(p) || p == 0x28 || p == 0xFF08
            || p == 0x3A || p == 0xFF1A || p == 0x3000 || p == 0xFF0C || p == 0x3001
        guard before else { return f }
        f.value = -f.value
        f.start -= 1
        f.surface = s.string(f.start, f.end)
        return f
    }

    /// A ratio of Arabic numbers, `10.1:43.5:46.4` (三次产业结构) or `1∶1`: kind `ratio`, unit `比`,
    /// value the first term; the surface is the whole ratio. Times of day are not ratios
    /// (`16:56`, `8:30:00`: integers whose later terms have two digits).
    func ratio(from num: ScannedNumber) -> Figure? {
        var terms: [ScannedNumber] = [num]
        var k = num.end
        while k < s.count, s[k] == 0x3A || s[k] == 0x2236, CharClass.isArabicDigit(s.at(k + 1)),
              let t = NumberScanner.scan(s, at: k + 1), t.arabic, !t.chinese, !t.magnitude, terms.count < 12 {
            terms.append(t)
            k = t.end
        }
        guard terms.count >= 2, !terms.contains(where: { $0.overlong || $0.leadingZero && !$0.decimal }),
              !CharClass.isArabicDigit(s.at(k)), !num.magnitude, !num.chinese else { return nil }
        let clock = terms.allSatisfy { !$0.decimal } && terms.dropFirst().allSatisfy { $0.end - $0.start == 2 } && terms.count <= 3
        if clock { return nil }
        return Figure(surface: s.string(num.start, k), start: num.start, end: k, value: num.value,
                      unit: "比", kind: "ratio", approx: nil)
    }

    /// A rate written as one unit over another stays whole: `0.21吨标准煤/万元`, `3000元/平方米`,
    /// `4318元/年`; the kind stays the numerator's (元/人 is money, 吨/年 mass), the unit says the rest.
    /// The denominator is a unit of the table, optionally after 万/亿.
    func perUnit(_ info: UnitInfo, at e: Int) -> (Int, UnitInfo)? {
        guard s.at(e) == 0x2F || s.at(e) == 0xFF0F else { return nil }
        var k = e + 1
        while k < s.count, k - e <= 2, CharClass.bigUnit(s[k]) != nil { k += 1 }
        guard let (l, _) = Units.table.longest(in: s, at: k) else { return nil }
        guard !CharClass.isASCIILetter(s.at(k + l)) else { return nil }
        return (k + l, UnitInfo(unit: info.unit + "/" + s.string(e + 1, k + l), kind: info.kind))
    }

    /// 内, 以内, 之内, 后, 以后 at `p`: what makes N日 a number of days.
    static func daysFollow(_ s: [UInt32], _ p: Int) -> Bool {
        let c = s.at(p)
        if c == 0x5185 || c == 0x540E { return true }                                   // 内 后
        return (c == 0x4EE5 || c == 0x4E4B) && (s.at(p + 1) == 0x5185 || s.at(p + 1) == 0x540E)  // 以内 之内 以后
    }

    /// 百分之二十三点五, 百分之5.
    private func percentWords(at i: Int) -> Figure? {
        let k = i + 3
        guard let num = NumberScanner.scan(s, at: k), !num.overlong else { return nil }
        let f = Figure(surface: "", start: i, end: num.end, value: num.value, unit: "%", kind: "percent", approx: nil)
        return finish(f, approxIn: nil, markerStart: i)
    }
}
