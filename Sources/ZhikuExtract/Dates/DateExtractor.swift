import ZhikuText
/// Finds dates and periods (extraction.md, "Dates") and resolves relative ones against the
/// document's reference year. Hand-written, linear scanner.
///
/// The reference-year rule: 今年, 本年度, 全年, 年初, 年末, 上半年, 一季度 and month-days without a year
/// take the year the document speaks of (`reference`); 上年, 去年 the year before, 前年 two before,
/// 明年 the year after. A 2022 bulletin published in 2023 has reference 2022. A month-day that
/// would fall after the publication date in a past-tense clause steps back a year only when the
/// reference year is the publication year (a holiday notice of December 2018 about 2019 keeps 2019).
/// 本月 and 上月 follow the publication date.
struct DateExtractor {
    let s: [UInt32]
    let doc: SimpleDate?
    /// The year relative words resolve against (the reference year, else the publication year).
    let ref: Int?

    init(s: [UInt32], doc: SimpleDate?, referenceYear: Int? = nil) {
        self.s = s
        self.doc = doc
        self.ref = referenceYear ?? doc?.year
    }

    /// A resolved calendar point at some granularity.
    struct Point {
        var year: Int
        var month: Int? = nil
        var day: Int? = nil
        var quarter: Int? = nil
        var half: Int? = nil
        var mod: String? = nil
        /// For 前三季度 style spans: the first quarter of the span.
        var quarterFrom: Int? = nil

        var value: String {
            if let qf = quarterFrom, let q = quarter { return "\(year)-Q\(qf)/\(year)-Q\(q)" }
            if let q = quarter { return "\(year)-Q\(q)" }
            if let h = half { return "\(year)-H\(h)" }
            if let m = month, let d = day { return "\(pad4(year))-\(pad2(m))-\(pad2(d))" }
            if let m = month { return "\(pad4(year))-\(pad2(m))" }
            return pad4(year)
        }
        var granularity: String {
            if quarterFrom != nil { return "period" }
            if quarter != nil { return "quarter" }
            if half != nil { return "half_year" }
            if day != nil { return "day" }
            if month != nil { return "month" }
            return "year"
        }
    }

    func extract() -> [DateMention] {
        var out: [DateMention] = []
        let n = s.count
        var i = 0
        while i < n {
            if let m = match(at: i) {
                out.append(m)
                i = max(m.end, i + 1)
                // 2月4日至10日, 2019年1月1日至12月31日: the span's end is a date of its own
                if m.granularity == "day", let second = spanEnd(after: m) {
                    out.append(second)
                    i = second.end
                }
            } else if CharClass.isArabicDigit(s[i]) {
                // skip the rest of a digit run so long runs are scanned once
                var j = i + 1
                while j < n && CharClass.isArabicDigit(s[j]) { j += 1 }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    // MARK: - dispatch

    private func match(at i: Int) -> DateMention? {
        let c = s[i]
        if c == 0x5341, let m = planPeriod(at: i) { return m }                    // 十四五
        if CharClass.isArabicDigit(c) {
            if i > 0, CharClass.isArabicDigit(s[i - 1]) || s[i - 1] == 0x2E || s[i - 1] == 0xFF0E
                || CharClass.isASCIILetter(s[i - 1]) { return nil }
            return arabic(at: i)
        }
        if CharClass.chineseDigit(c) != nil, let m = chineseYear(at: i) { return m }
        guard DateExtractor.mayStartWord(c) || CharClass.chineseDigit(c) != nil else { return nil }
        if let m = relative(at: i) { return m }
        if let m = standaloneSpan(at: i) { return m }
        if CharClass.chineseDigit(c) != nil || c == 0x5341, !isNumeralChar(s.at(i - 1)), s.at(i - 1) != 0x7B2C,
           let (mo, e) = smallInt(at: i), e < s.count, s[e] == 0x6708, (1...12).contains(mo), !isNumeralChar(s.at(e + 1)) {
            return partial(start: i, month: mo, after: e + 1)
        }
        return nil
    }

    /// First characters of relative and standalone date words (今 本 去 上 前 明 当 全 年 第 下).
    @inline(__always)
    static func mayStartWord(_ c: UInt32) -> Bool {
        switch c {
        case 0x4ECA, 0x672C, 0x53BB, 0x4E0A, 0x524D, 0x660E, 0x5F53, 0x5168, 0x5E74, 0x7B2C, 0x4E0B: return true
        default: return false
        }
    }

    private func isNumeralChar(_ c: UInt32) -> Bool {
        CharClass.isArabicDigit(c) || CharClass.chineseDigit(c) != nil || CharClass.smallUnit(c) != nil
    }

    // MARK: - pieces

    /// 十一五 … 十五五, optionally in quotes and followed by 期间/时期.
    private func planPeriod(at i: Int) -> DateMention? {
        guard let k = CharClass.chineseDigit(s.at(i + 1)), (1...5).contains(k), s.at(i + 2) == 0x4E94,
              !isNumeralChar(s.at(i + 3)), !isNumeralChar(s.at(i - 1)) else { return nil }
        let from = 2006 + 5 * (k - 1)
        var start = i
        var end = i + 3
        let q = s.at(i - 1)
        if q == 0x201C || q == 0x22 || q == 0x300C, s.at(end) == 0x201D || s.at(end) == 0x22 || s.at(end) == 0x300D {
            start -= 1; end += 1
        }
        if s.has("期间", at: end) || s.has("时期", at: end) { end += 2 }
        return mention(start, end, value: "\(from)/\(from + 4)", granularity: "period")
    }

    /// Small integer 1...31 in Arabic or Chinese numerals at `i`.
    func smallInt(at i: Int) -> (Int, Int)? {
        let n = s.count
        guard i < n else { return nil }
        if let d = CharClass.arabicDigit(s[i]) {
            if i + 1 < n, let d2 = CharClass.arabicDigit(s[i + 1]) {
                if i + 2 < n, CharClass.isArabicDigit(s[i + 2]) { return nil }
                return (d * 10 + d2, i + 2)
            }
            return (d, i + 1)
        }
        // Chinese: 五, 十, 十二, 二十, 二十八, 三十一
        var j = i
        var v = 0
        if let d = CharClass.chineseDigit(s[j]), d > 0 {
            v = d; j += 1
            if s.at(j) == 0x5341 {
                v *= 10; j += 1
                if let d2 = CharClass.chineseDigit(s.at(j)), d2 > 0 { v += d2; j += 1 }
            }
        } else if s[j] == 0x5341 {
            v = 10; j += 1
            if let d2 = CharClass.chineseDigit(s.at(j)), d2 > 0 { v += d2; j += 1 }
        } else {
            return nil
        }
        if isNumeralChar(s.at(j)) { return nil }
        return (v, j)
    }

    private func arabicRun(at i: Int) -> (Int, Int, Int) {
        var j = i
        var v = 0
        while j < s.count, let d = CharClass.arabicDigit(s[j]) {
            if j - i < 12 { v = v * 10 + d }
            j += 1
        }
        return (v, j - i, j)
    }

    private func isConnector(_ c: UInt32) -> Bool {
        c == 0x2D || c == 0xFF0D || c == 0x7E || c == 0xFF5E || c == 0x2014 || c == 0x2013 || c == 0x81F3 || c == 0x5230
    }

    private func isSep(_ c: UInt32) -> Bool { c == 0x2E || c == 0xFF0E || c == 0x2D || c == 0x2F || c == 0xFF0D }

    private func arabic(at i: Int) -> DateMention? {
        let (v, len, e) = arabicRun(at: i)
        let next = s.at(e)
        if len == 4, (1900...2100).contains(v) {
            if s.at(gap(e)) == 0x5E74 {                                           // 年, also `2021 年`
                return afterYear(start: i, year: v, at: gap(e) + 1, explicit: true)
            }
            // 2019-2021年
            if isConnector(next), CharClass.isArabicDigit(s.at(e + 1)) {
                let (v2, l2, e2) = arabicRun(at: e + 1)
                if l2 == 4, s.at(e2) == 0x5E74, v2 >= v, v2 - v < 100 {
                    return mention(i, e2 + 1, value: "\(v)/\(v2)", granularity: "period")
                }
            }
            // 2021.06.28, 2021-05-28, 2021/5/28
            if isSep(next), let (mo, e1) = smallInt(at: e + 1), CharClass.isArabicDigit(s.at(e + 1)), s.at(e1) == next,
               CharClass.isArabicDigit(s.at(e1 + 1)), let (d, e2) = smallInt(at: e1 + 1), !CharClass.isArabicDigit(s.at(e2)) {
                guard SimpleDate(year: v, month: mo, day: d) != nil else { return nil }
                return mention(i, e2, Point(year: v, month: mo, day: d))
            }
            return nil
        }
        if next == 0x65E5 {                                                       // 日: garbled
            if len == 7 || len == 8 {
                let y = v / pow10(len - 4)
                guard (1900...2100).contains(y) else { return nil }
                return garbled(start: i, end: e + 1, digitsStart: i + 4, year: y)
            }
            if len == 3 || len == 4 {
                let p = s.at(i - 1)
                if p == 0x5E74 || p == 0x6708 { return nil }
                return garbled(start: i, end: e + 1, digitsStart: i, year: nil)
            }
            return nil
        }
        if len <= 2, (1...12).contains(v) {
            if s.at(gap(e)) == 0x6708 { return partial(start: i, month: v, after: gap(e) + 1) }  // 6月, `6 月`
            if isConnector(next), let (m2, e2) = smallInt(at: e + 1), s.at(e2) == 0x6708, m2 > v, m2 <= 12 {
                return monthSpan(start: i, from: v, to: m2, end: e2 + 1, year: nil)
            }
        }
        return nil
    }

    private func pow10(_ k: Int) -> Int { var r = 1; for _ in 0..<k { r *= 10 }; return r }

    /// 二〇二二年: four Chinese digits then 年.
    private func chineseYear(at i: Int) -> DateMention? {
        if isNumeralChar(s.at(i - 1)) { return nil }
        var v = 0
        var j = i
        while j < s.count, j - i < 4, let d = CharClass.chineseDigit(s[j]) { v = v * 10 + d; j += 1 }
        guard j - i == 4, s.at(j) == 0x5E74, (1900...2100).contains(v) else { return nil }
        return afterYear(start: i, year: v, at: j + 1, explicit: true)
    }

    /// Relative year words: 今年, 本年度, 去年, 上年, 前年, 明年; 本月, 上月.
    private func relative(at i: Int) -> DateMention? {
        guard let ref = ref else { return nil }
        let table: [(String, Int)] = [("本年度", 0), ("上年度", -1), ("今年", 0), ("本年", 0), ("去年", -1),
                                      ("上年", -1), ("前年", -2), ("明年", 1), ("当年", 0)]
        for (w, off) in table where s.has(w, at: i) {
            if w == "当年" { continue }
            if w == "前年" && isNumeralChar(s.at(i - 1)) { continue }
            let wl = w.scalarCount
            // 以上年 is 以上 + 年...
            if w == "上年" && (s.at(i - 1) == 0x4EE5) { continue }
            return afterYear(start: i, year: ref + off, at: i + wl, explicit: false, relativeWord: true)
        }
        guard let doc = doc else { return nil }
        var monthOffset: Int?
        var l = 0
        if s.has("本月", at: i) || s.has("当月", at: i) { monthOffset = 0; l = 2 }
        else if s.has("上个月", at: i) { monthOffset = -1; l = 3 }
        else if s.has("上月", at: i) { monthOffset = -1; l = 2 }
        else if s.has("下个月", at: i) { monthOffset = 1; l = 3 }
        else if s.has("下月", at: i) { monthOffset = 1; l = 2 }
        if let off = monthOffset {
            let total = doc.year * 12 + (doc.month - 1) + off
            var pt = Point(year: total / 12, month: total % 12 + 1)
            var e = i + l
            if let (d, e2) = smallInt(at: e), s.at(e2) == 0x65E5 || s.at(e2) == 0x53F7,
               SimpleDate(year: pt.year, month: pt.month!, day: d) != nil {
                pt.day = d; e = e2 + 1
            } else {
                e = monthMod(&pt, at: e)                                   // 本月底
            }
            return mention(i, e, pt)
        }
        return nil
    }

    /// 上半年, 一季度, 前三季度, 年初, 年底, 全年 without a year: the document year.
    private func standaloneSpan(at i: Int) -> DateMention? {
        guard let ref = ref else { return nil }
        let p = s.at(i - 1)
        if p == 0x5E74 || isNumeralChar(p) { return nil }
        if s.has("全年", at: i) { return mention(i, i + 2, Point(year: ref)) }
        if let (pt, e) = yearSuffix(at: i, year: ref, explicit: false), pt.month == nil {
            if pt.quarter == nil && pt.half == nil && pt.mod == nil { return nil }
            // bare 初/底/末 (初创, 底线) need 年: only 年初, 年底, 年末, 年中 stand alone
            if pt.mod != nil && s[i] != 0x5E74 { return nil }
            return mention(i, e, pt)
        }
        return nil
    }

    /// After `YYYY年` / 今年: 度, 全年, 底/末/初, 上半年, 一季度, months, days, spans.
    private func afterYear(start: Int, year: Int, at p0: Int, explicit: Bool, relativeWord: Bool = false) -> DateMention? {
        // `2023 年 5 月`: spaces before the month's digits
        let p = CharClass.isArabicDigit(s.at(gap(p0))) ? gap(p0) : p0
        var pt = Point(year: year)
        var end = p
        if relativeWord, s.has("本月", at: p), let doc = doc {
            pt.month = doc.month
            end = p + 2
            if let (d, e2) = smallInt(at: end), s.at(e2) == 0x65E5 || s.at(e2) == 0x53F7,
               SimpleDate(year: year, month: doc.month, day: d) != nil {
                pt.day = d; end = e2 + 1
            }
            return mention(start, end, pt)
        }
        if !relativeWord && s.at(p) == 0x5EA6 { end = p + 1 }                         // 年度
        else if s.has("全年", at: p) { end = p + 2 }
        else if let (q, e) = yearSuffix(at: p, year: year, explicit: explicit) { pt = q; end = e }
        else if let (mo, e) = smallInt(at: p), s.at(gap(e)) == 0x6708, (1...12).contains(mo) {
            return monthsAfterYear(start: start, year: year, month: mo, at: gap(e) + 1)
        } else if let (mo, e) = smallInt(at: p), (1...12).contains(mo), isConnector(s.at(e)),
                  let (m2, e2) = smallInt(at: e + 1), s.at(e2) == 0x6708, m2 > mo, m2 <= 12 {
            return monthSpan(start: start, from: mo, to: m2, end: e2 + 1, year: year)
        } else if CharClass.isArabicDigit(s.at(p)) {
            let (_, len, e) = arabicRun(at: p)
            if (len == 3 || len == 4) && s.at(e) == 0x65E5 {
                return garbled(start: start, end: e + 1, digitsStart: p, year: year)
            }
            if len > 2 { return nil }
        }
        let m = mention(start, max(end, p0), pt)
        return extendPeriod(m, year: year)
    }

    /// 2019年至2021年 → 2019/2021.
    private func extendPeriod(_ m: DateMention, year: Int) -> DateMention {
        let e = m.end
        guard e < s.count, isConnector(s[e]), m.granularity == "year" || m.granularity == "month" || m.granularity == "day",
              m.mod == nil, CharClass.isArabicDigit(s.at(e + 1)) else { return m }
        let (v2, l2, e2) = arabicRun(at: e + 1)
        guard l2 == 4, s.at(e2) == 0x5E74, let m2 = afterYear(start: e + 1, year: v2, at: e2 + 1, explicit: true),
              m2.granularity == m.granularity || m2.granularity == "year", v2 >= year, m2.mod == nil else { return m }
        return mention(m.start, m2.end, value: "\(m.value)/\(m2.value)", granularity: "period")
    }

    /// Suffixes right after a year: 底/末/初/年底/上半年/一季度/前三季度.
    private func yearSuffix(at p: Int, year: Int, explicit: Bool) -> (Point, Int)? {
        var pt = Point(year: year)
        let mods: [(String, String)] = [("年底", "end"), ("年末", "end"), ("年初", "start"), ("年中", "mid"),
                                        ("底", "end"), ("末", "end"), ("初", "start")]
        for (w, mod) in mods where s.has(w, at: p) {
            if w == "年中" && (explicit || CharClass.isHan(s.at(p + 2)) && s.at(p + 2) != 0x4EE5) { continue }
            pt.mod = mod
            return (pt, p + w.scalarCount)
        }
        if s.has("上半年", at: p) { pt.half = 1; return (pt, p + 3) }
        if s.has("下半年", at: p) { pt.half = 2; return (pt, p + 3) }
        var q = p
        if s.at(q) == 0x524D, let (k, e) = smallInt(at: q + 1), (2...4).contains(k), s.has("季度", at: e) {   // 前三季度
            pt.quarterFrom = 1; pt.quarter = k
            return (pt, e + 2)
        }
        if s.at(q) == 0x7B2C { q += 1 }                                                      // 第
        if let (k, e) = smallInt(at: q), (1...4).contains(k), s.has("季度", at: e) {
            pt.quarter = k
            var end = e + 2
            if s.at(end) == 0x672B || s.at(end) == 0x5E95 { pt.mod = "end"; end += 1 }
            return (pt, end)
        }
        return nil
    }

    private func monthsAfterYear(start: Int, year: Int, month: Int, at p: Int) -> DateMention? {
        var e = p
        if s.at(e) == 0x4EFD { e += 1 }                                                     // 月份
        // 1月至5月
        if isConnector(s.at(e)), let (m2, e2) = smallInt(at: e + 1), s.at(e2) == 0x6708, m2 > month, m2 <= 12 {
            return monthSpan(start: start, from: month, to: m2, end: e2 + 1, year: year)
        }
        var pt = Point(year: year, month: month)
        if CharClass.isArabicDigit(s.at(gap(e))) { e = gap(e) }                            // `5 月 19 日`
        if let (d, e2) = smallInt(at: e), s.at(gap(e2)) == 0x65E5 || s.at(e2) == 0x53F7 || endsText(e2) {
            guard SimpleDate(year: year, month: month, day: d) != nil else { return nil }
            if s.at(e2) != 0x53F7 && s.at(gap(e2)) != 0x65E5 { pt.day = d; return mention(start, e2, pt) }  // 二〇〇四年八月十五 (no 日)
            pt.day = d
            e = s.at(e2) == 0x53F7 ? e2 + 1 : gap(e2) + 1
        } else {
            e = monthMod(&pt, at: e)
        }
        return extendPeriod(mention(start, e, pt), year: year)
    }

    /// The second date of a day span (`2月4日至10日`, `1月1日至12月31日`), in the year and month of the
    /// first: two dates, as the realdocs labels read them (a period would hide the end date from
    /// fact lookup, and the labels never write day spans as one).
    private func spanEnd(after m: DateMention) -> DateMention? {
        let parts = m.value.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let mo = Int(parts[1]), let d = Int(parts[2]),
              let (p2, e3) = daySpanEnd(year: y, month: mo, day: d, at: m.end) else { return nil }
        var start = m.end + 1
        if s.at(start) == 0x2014 { start += 1 }                                        // ——
        return mention(start, e3, p2)
    }

    /// Index after one or two spaces at `e` when a character follows them (pdftotext puts spaces
    /// between CJK and digits: `2021 年`; two documents keep a U+2002), else `e`.
    @inline(__always)
    private func gap(_ e: Int) -> Int {
        var k = e
        while k < s.count, k - e < 2, CharClass.isSpace(s[k]) { k += 1 }
        return k > e && k < s.count && !CharClass.isSpace(s[k]) ? k : e
    }

    /// `28日至30日`, `28日至6月2日` after a day: the end of a day span, if any.
    private func daySpanEnd(year: Int, month: Int, day: Int, at e: Int) -> (Point, Int)? {
        guard isConnector(s.at(e)) else { return nil }
        if let (d2, e2) = smallInt(at: e + 1), s.at(e2) == 0x65E5 || s.at(e2) == 0x53F7, d2 > day,
           SimpleDate(year: year, month: month, day: d2) != nil {
            return (Point(year: year, month: month, day: d2), e2 + 1)
        }
        if let (m2, e2) = smallInt(at: e + 1), s.at(e2) == 0x6708, m2 >= month, m2 <= 12,
           let (d2, e3) = smallInt(at: e2 + 1), s.at(e3) == 0x65E5 || s.at(e3) == 0x53F7, m2 > month || d2 > day,
           SimpleDate(year: year, month: m2, day: d2) != nil {
            return (Point(year: year, month: m2, day: d2), e3 + 1)
        }
        return nil
    }

    /// End of text or punctuation right after a day number written without 日.
    private func endsText(_ e: Int) -> Bool {
        e >= s.count || CharClass.isClauseBreak(s[e]) || s[e] == 0x20 || s[e] == 0xFF09 || s[e] == 0x29
    }

    private func monthMod(_ pt: inout Point, at e: Int) -> Int {
        let mods: [(String, String)] = [("上旬", "start"), ("中旬", "mid"), ("下旬", "end"), ("底", "end"),
                                        ("末", "end"), ("初", "start")]
        for (w, mod) in mods where s.has(w, at: e) {
            pt.mod = mod
            return e + w.scalarCount
        }
        return e
    }

    private func monthSpan(start: Int, from: Int, to: Int, end e0: Int, year: Int?) -> DateMention? {
        guard let y = year ?? ref else { return nil }
        let end = s.at(e0) == 0x4EFD ? e0 + 1 : e0                      // 5月份
        return mention(start, end, value: "\(pad4(y))-\(pad2(from))/\(pad4(y))-\(pad2(to))", granularity: "period")
    }

    /// A month (and day) without a year: the document year, or the year before for past events.
    private func partial(start: Int, month: Int, after p: Int) -> DateMention? {
        guard let ref = ref else { return nil }
        if s.at(start - 1) == 0x5E74 { return nil }            // the year before it was rejected (2019年2月29日)
        var e = p
        if s.at(e) == 0x4EFD { e += 1 }
        var pt = Point(year: ref, month: month)
        if let (d, e2) = smallInt(at: e), s.at(e2) == 0x65E5 || s.at(e2) == 0x53F7 {
            guard SimpleDate(year: 2000, month: month, day: d) != nil else { return nil }
            pt.day = d
            e = e2 + 1
        } else {
            if isConnector(s.at(e)), let (m2, e2) = smallInt(at: e + 1), s.at(e2) == 0x6708, m2 > month {
                return monthSpan(start: start, from: month, to: m2, end: e2 + 1, year: nil)
            }
            e = monthMod(&pt, at: e)
        }
        if let doc = doc, ref == doc.year {
            let later = (month, pt.day ?? 1) > (doc.month, pt.day == nil ? 1 : doc.day)
            if later && !futureClause(start: start, end: e) { pt.year -= 1 }
        }
        if let d = pt.day, SimpleDate(year: pt.year, month: month, day: d) == nil { return nil }
        return mention(start, e, pt)
    }

    /// Garbled `YYYYMMDD日` / `MDD日`: split the month/day digits; reject unless exactly one split is valid.
    private func garbled(start: Int, end: Int, digitsStart: Int, year: Int?) -> DateMention? {
        let digits = (digitsStart..<(end - 1)).compactMap { CharClass.arabicDigit(s[$0]) }
        guard digits.count == 3 || digits.count == 4 else { return nil }
        var found: [(Int, Int)] = []
        for ml in 1...2 {
            let dl = digits.count - ml
            guard dl >= 1 && dl <= 2 else { continue }
            if dl == 1 && digits.count == 4 { continue }
            let mo = digits[0..<ml].reduce(0) { $0 * 10 + $1 }
            let d = digits[ml...].reduce(0) { $0 * 10 + $1 }
            if (1...12).contains(mo), d >= 1, d <= SimpleDate.daysIn(year: year ?? 2000, month: mo) {
                found.append((mo, d))
            }
        }
        guard found.count == 1 else { return nil }
        let (mo, d) = found[0]
        var y: Int
        if let year = year { y = year } else {
            guard let ref = ref else { return nil }
            y = ref
            if let doc = doc, ref == doc.year, (mo, d) > (doc.month, doc.day) && !futureClause(start: start, end: end) { y -= 1 }
        }
        guard SimpleDate(year: y, month: mo, day: d) != nil else { return nil }
        var m = mention(start, end, Point(year: y, month: mo, day: d))
        m.lowConfidence = true
        return m
    }

    /// The clause around [start, end) talks about the future (将, 计划, 预计, 拟, 届时, …前).
    private func futureClause(start: Int, end: Int) -> Bool {
        if s.at(end) == 0x524D { return true }                                              // 前
        var a = start
        while a > 0 && !CharClass.isSentenceBreak(s[a - 1]) && start - a < 40 { a -= 1 }
        var b = end
        while b < s.count && !CharClass.isClauseBreak(s[b]) && b - end < 40 { b += 1 }
        let words = ["将", "计划", "预计", "拟", "届时", "力争", "争取", "有望", "即将", "预期", "确保"]
        for k in a..<b {
            for w in words where s.has(w, at: k) {
                if w == "将" && s.has("将近", at: k) { continue }
                return true
            }
        }
        return false
    }

    // MARK: - output

    private func mention(_ start: Int, _ end: Int, _ pt: Point) -> DateMention {
        var m = DateMention(surface: s.string(start, end), start: start, end: end, value: pt.value,
                            granularity: pt.granularity, mod: pt.mod)
        m.role = comparisonRole(start)
        return m
    }

    private func mention(_ start: Int, _ end: Int, value: String, granularity: String) -> DateMention {
        var m = DateMention(surface: s.string(start, end), start: start, end: end, value: value, granularity: granularity)
        m.role = comparisonRole(start)
        return m
    }

    /// 较上年, 比上年同期, 较2019年: comparison bases.
    private func comparisonRole(_ start: Int) -> String? {
        let p = s.at(start - 1)
        if p == 0x8F83 || p == 0x6BD4 { return "comparison" }                              // 较 比
        if s.has("同比", endingAt: start) || s.has("相比", endingAt: start) { return "comparison" }
        return nil
    }
}

@inline(__always) func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
@inline(__always) func pad4(_ v: Int) -> String {
    v >= 1000 ? "\(v)" : v >= 100 ? "0\(v)" : v >= 10 ? "00\(v)" : "000\(v)"
}
