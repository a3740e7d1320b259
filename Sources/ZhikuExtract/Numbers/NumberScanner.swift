import ZhikuText
/// A number read from text: Arabic (ASCII or full-width, thousands separators, decimals),
/// Chinese (小写/大写, 两/〇/零, leading 十, 点 decimals), mixed (1.2万, 3万4000) and bare
/// magnitudes (千亿, 百). Work is linear in the number's length.
struct ScannedNumber: Equatable {
    var value: Double
    var start: Int
    var end: Int
    /// Contains Arabic digits.
    var arabic = false
    /// Contains Chinese digits or multipliers.
    var chinese = false
    /// Has a decimal point.
    var decimal = false
    /// Integer digits of the (first) Arabic run.
    var intDigits = 0
    /// Arabic run starts with 0 and has more digits.
    var leadingZero = false
    /// Started with a multiplier and no digit (百, 千亿, 万).
    var bare = false
    /// Number of multiplier characters.
    var multipliers = 0
    /// A 万/亿 magnitude was applied.
    var magnitude = false
    /// Pure digit string like 二〇二二 (no multipliers).
    var digitString = false
    /// 余/多 inside the number before a magnitude (600余万).
    var innerApprox: String?
    /// A single Chinese digit and nothing else (一, 三).
    var singleChineseDigit = false
    /// The Arabic digit run was too long to be a quantity.
    var overlong = false
}

enum NumberScanner {
    static let dian: UInt32 = 0x70B9        // 点
    static let yu: UInt32 = 0x4F59          // 余
    static let yu2: UInt32 = 0x9918         // 餘
    static let duo: UInt32 = 0x591A         // 多

    /// Characters that, after 千/百, turn it into a unit prefix (千米, 千克, 千瓦) or a word.
    static func blocksSmallUnit(_ c: UInt32) -> Bool {
        switch c {
        case 0x7C73, 0x514B, 0x74E6, 0x4F0F, 0x5E15, 0x8D6B, 0x5206: return true // 米 克 瓦 伏 帕 赫 分
        default: return false
        }
    }

    /// Can a number start with this scalar?
    @inline(__always)
    static func canStart(_ c: UInt32) -> Bool {
        CharClass.isArabicDigit(c) || CharClass.chineseDigit(c) != nil
            || CharClass.smallUnit(c) != nil || CharClass.bigUnit(c) != nil
    }

    private static let pow10: [Double] = (0...22).map { p in
        var v = 1.0; for _ in 0..<p { v *= 10 }; return v
    }

    /// Reads an Arabic digit run at `i`: digits, `,`/`，` thousands separators (exactly three digits
    /// must follow), and a `.`/`．` decimal part. Returns nil if `s[i]` is not a digit.
    static func scanArabic(_ s: [UInt32], _ i: Int) -> (value: Double, end: Int, intDigits: Int, decimal: Bool, leadingZero: Bool, mantissa: Double, fracDigits: Int)? {
        guard i < s.count, let first = CharClass.arabicDigit(s[i]) else { return nil }
        var j = i
        var mant: Double = 0
        var intDigits = 0
        let n = s.count
        while j < n {
            if let d = CharClass.arabicDigit(s[j]) {
                mant = mant * 10 + Double(d)
                intDigits += 1
                j += 1
                continue
            }
            let c = s[j]
            if c == 0x2C || c == 0xFF0C, j + 3 < n, CharClass.isArabicDigit(s[j + 1]),
               CharClass.isArabicDigit(s[j + 2]), CharClass.isArabicDigit(s[j + 3]),
               !(j + 4 < n && CharClass.isArabicDigit(s[j + 4])) {
                j += 1
                continue
            }
            break
        }
        var decimal = false
        var value = mant
        var mantissa = mant
        var fracDigits = 0
        if j + 1 < n, s[j] == 0x2E || s[j] == 0xFF0E, CharClass.isArabicDigit(s[j + 1]) {
            decimal = true
            j += 1
            var frac: Double = 0
            var fd = 0
            while j < n, let d = CharClass.arabicDigit(s[j]) {
                if fd < 22 { frac = frac * 10 + Double(d); fd += 1 }
                j += 1
            }
            value = mant + frac / pow10[fd]
            mantissa = mant * pow10[fd] + frac
            fracDigits = fd
        }
        return (value, j, intDigits, decimal, first == 0 && intDigits > 1, mantissa, fracDigits)
    }

    /// Scans a number starting exactly at `i`. Returns nil when no number starts there.
    static func scan(_ s: [UInt32], at i: Int) -> ScannedNumber? {
        let n = s.count
        guard i < n, canStart(s[i]) else { return nil }
        var out = ScannedNumber(value: 0, start: i, end: i)
        var total = 0.0, section = 0.0, number = 0.0
        var j = i
        var sawDigit = false
        var lastWasDigit = false
        var lastDigitChinese = false
        var lastDigitWasZero = false
        var sawUnit = false
        var lastUnit = 0.0
        var digitsAfterUnit = 0
        var chineseDigitCount = 0
        var tokens = 0
        // exact decimal form of the last Arabic run (mantissa, fraction digits) so 586.3亿 is 58630000000 exactly
        var lastArabic: (Double, Int)?
        while j < n {
            let c = s[j]
            if CharClass.isArabicDigit(c) {
                if lastWasDigit && !(lastDigitChinese && lastDigitWasZero) { break }
                if lastDigitChinese && !lastDigitWasZero && lastWasDigit { break }
                guard let a = scanArabic(s, j) else { break }
                if !sawDigit && tokens == 0 {
                    out.intDigits = a.intDigits
                    out.leadingZero = a.leadingZero
                }
                if a.intDigits > 18 { out.overlong = true }
                out.arabic = true
                out.decimal = out.decimal || a.decimal
                number = a.value
                lastArabic = (a.mantissa, a.fracDigits)
                sawDigit = true; lastWasDigit = true; lastDigitChinese = false; lastDigitWasZero = false
                digitsAfterUnit += 2 // never a shorthand
                j = a.end
                tokens += 1
                continue
            }
            if let d = CharClass.chineseDigit(c) {
                if lastWasDigit {
                    if !lastDigitChinese { break }
                    if sawUnit && !lastDigitWasZero { break }
                    if sawUnit {
                        number = Double(d)
                    } else {
                        number = number * 10 + Double(d)
                        out.digitString = true
                    }
                } else {
                    number = Double(d)
                }
                out.chinese = true
                chineseDigitCount += 1
                sawDigit = true; lastWasDigit = true; lastDigitChinese = true
                lastDigitWasZero = d == 0
                digitsAfterUnit += 1
                j += 1
                tokens += 1
                continue
            }
            if c == dian || c == 0x9EDE, sawDigit, j + 1 < n, CharClass.chineseDigit(s[j + 1]) != nil,
               lastDigitChinese || !sawUnit || (lastUnit == 10 && !lastWasDigit) {
                // 点 decimals: digits one by one
                var k = j + 1
                var frac = 0.0
                var fd = 0
                while k < n, let d = CharClass.chineseDigit(s[k]) {
                    if fd < 22 { frac = frac * 10 + Double(d); fd += 1 }
                    k += 1
                }
                if sawUnit && digitsAfterUnit == 1 && lastUnit >= 100 && lastDigitChinese && !lastDigitWasZero {
                    number *= lastUnit / 10                                     // 两千三点一
                }
                number = section + number + frac / pow10[fd]
                section = 0
                out.decimal = true
                out.chinese = true
                j = k
                lastWasDigit = true; lastDigitChinese = true; lastDigitWasZero = false
                digitsAfterUnit += 2
                tokens += 1
                continue
            }
            if let m = CharClass.smallUnit(c) {
                if j + 1 < n && ((m == 1000 && blocksSmallUnit(s[j + 1]) && s[j + 1] != 0x5206) || (m == 100 && s[j + 1] == 0x5206)) { break }
                if lastWasDigit {
                    if out.decimal && lastDigitChinese { break }
                    // 一万零十二: 十 after 零 means 一十
                    section += (lastDigitWasZero && m == 10 ? 1 : number) * m
                    sawDigit = true
                } else if !sawDigit && m == 10 {
                    // a leading 十 is "ten" (十五, 十)
                    section += 10
                    sawDigit = true
                } else {
                    if sawUnit && number == 0 && lastUnit <= m && lastUnit != 0 && sawDigit { break }
                    if !sawDigit { if m != 10 { out.bare = true } }
                    section += 1 * m
                }
                number = 0
                out.chinese = true
                out.multipliers += 1
                sawUnit = true; lastUnit = m; digitsAfterUnit = 0
                lastWasDigit = false; lastDigitWasZero = false
                j += 1
                tokens += 1
                continue
            }
            if let m = CharClass.bigUnit(c) {
                if !sawDigit && section == 0 && number == 0 { number = 1; out.bare = true }
                else if !lastWasDigit && section == 0 && number == 0 && total == 0 { break }
                if let (mant, fd) = lastArabic, lastWasDigit, section == 0, total == 0, mant < 1e15 {
                    // exact: mantissa × 10^(4 or 8 − fraction digits)
                    let e = (m == 1e8 ? 8 : 4) - fd
                    number = e >= 0 ? mant * pow10[e] : mant / pow10[-e]
                    if m == 1e8 { total = number } else { section = number }
                    number = 0
                } else if m == 1e8 {
                    total = (total + section + number) * m
                    section = 0
                } else {
                    section = (section + number) * m
                }
                number = 0
                lastArabic = nil
                out.magnitude = true
                out.multipliers += 1
                sawUnit = true; lastUnit = m; digitsAfterUnit = 0
                lastWasDigit = false; lastDigitWasZero = false
                j += 1
                tokens += 1
                continue
            }
            if (c == yu || c == yu2 || c == duo), sawDigit, out.innerApprox == nil, j + 1 < n,
               CharClass.bigUnit(s[j + 1]) != nil || (CharClass.smallUnit(s[j + 1]) != nil && !blocksSmallUnit(s.at(j + 2))) {
                out.innerApprox = c == duo ? "多" : "余"
                j += 1
                continue
            }
            break
        }
        guard j > i, sawDigit || out.bare else { return nil }
        // Shorthand 一万二 / 三百五: one Chinese digit right after a multiplier >= 100 ends the number.
        if lastWasDigit && lastDigitChinese && digitsAfterUnit == 1 && sawUnit && lastUnit >= 100
            && !lastDigitWasZero && !(j < n && CharClass.smallUnit(s[j]) != nil) {
            number *= lastUnit / 10
        }
        out.value = total + section + number
        out.end = j
        out.singleChineseDigit = !out.arabic && chineseDigitCount == 1 && out.multipliers == 0 && !out.decimal
        guard out.value.isFinite else { return nil }
        return out
    }

    /// Parses a whole string as one number (for tests and the peer suite); nil unless it all parses.
    static func parseWhole(_ text: String) -> Double? {
        let s = text.scalarValues
        guard let r = scan(s, at: 0), r.end == s.count, !r.overlong else { return nil }
        return r.value
    }
}
