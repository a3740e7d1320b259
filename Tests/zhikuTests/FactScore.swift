import Foundation

/// The rules of ../shared/docs/extraction.md, "Fact answers" (the same as Benchmarks/factscore.py):
/// the answer comes from the question's document; a figure's `value` equals the last number of
/// `answer_surface` (万/亿 applied, 百分之X → X); a date's `value` starts with the date there; a
/// rank's `value` is the position; an organization's (and any other answer's) surface and
/// `answer_surface` contain one another.
enum FactScore {
    static let digits: [Character: Int] = ["零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                                           "八": 8, "九": 9]
    static let small: [Character: Double] = ["十": 10, "百": 100, "千": 1000]
    static let large: [Character: Double] = ["万": 1e4, "亿": 1e8]

    /// A Chinese numeral (四百一十八, 二万八千亿, 十五) as a number.
    static func chinese(_ s: Substring) -> Double? {
        var total = 0.0, section = 0.0
        var digit: Double? = nil
        var seen = false
        for c in s {
            if let d = digits[c] {
                digit = (digit ?? 0) * 10 + Double(d); seen = true
            } else if let m = small[c] {
                section += (digit ?? 1) * m; digit = nil; seen = true
            } else if let m = large[c] {
                section += digit ?? (seen ? 0 : 1)
                if c == "亿" { total = (total + section) * m } else { total += section * m }
                section = 0; digit = nil; seen = true
            } else {
                return nil
            }
        }
        return seen ? total + section + (digit ?? 0) : nil
    }

    /// The numbers of a surface, in order, magnitudes applied.
    static func numbers(_ surface: String) -> [Double] {
        let s = Array(surface.map { c -> Character in
            if let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1, (0xFF10...0xFF19).contains(v) {
                return Character(UnicodeScalar(v - 0xFF10 + 0x30)!)
            }
            return c == "．" ? "." : c == "％" ? "%" : c
        })
        let cn = Set("零〇○一二两三四五六七八九十百千万亿")
        var out: [Double] = []
        var i = 0
        while i < s.count {
            if s[i].isASCII, s[i].isNumber || (s[i] == "-" && i + 1 < s.count && s[i + 1].isASCII && s[i + 1].isNumber) {
                var j = i + 1
                while j < s.count, s[j].isASCII, s[j].isNumber || s[j] == "." || s[j] == "," { j += 1 }
                var v = Double(String(s[i..<j]).replacingOccurrences(of: ",", with: "")) ?? 0
                var k = j
                while k < s.count, s[k] == " " { k += 1 }
                while k < s.count, let m = large[s[k]] { v *= m; k += 1 }
                out.append(v)
                i = max(j, k)
            } else if cn.contains(s[i]) {
                var j = i
                while j < s.count, cn.contains(s[j]) { j += 1 }
                let run = String(s[i..<j])
                if s[j...].starts(with: "分之".map { $0 }) {
                    var k = j + 2
                    let start = k
                    while k < s.count, cn.contains(s[k]) || (s[k].isASCII && s[k].isNumber) { k += 1 }
                    let num = String(s[start..<k])
                    if let base = chinese(Substring(run)), base > 0, let v = Double(num) ?? chinese(Substring(num)) { out.append(v * 100 / base) }
                    i = k
                    continue
                }
                let notFigure = run.count == 1 && j < s.count && "院期站型方".contains(s[j])
                if !(run.count == 1 && "万亿".contains(run)), !notFigure, let v = chinese(Substring(run)) { out.append(v) }
                i = j
            } else {
                i += 1
            }
        }
        return out
    }

    /// The date of a surface as an ISO prefix (2008-12-27, 2005-03), or `--MM-DD` without a year.
    static func datePrefix(_ surface: String) -> String? {
        let s = Array(surface)
        guard let yue = s.firstIndex(of: "月") else {
            if let nian = s.firstIndex(of: "年"), nian >= 4, let y = Int(String(s[(nian - 4)..<nian])) { return String(y) }
            return nil
        }
        func number(endingAt end: Int, max: Int) -> (Int, Int)? {
            var k = end
            while k > 0, end - k < max, s[k - 1].isNumber || digits[s[k - 1]] != nil || s[k - 1] == "十" { k -= 1 }
            guard k < end else { return nil }
            let text = String(s[k..<end])
            if let n = Int(text) { return (n, k) }
            if text.count == 4, text.allSatisfy({ digits[$0] != nil }) { return (Int(text.map { String(digits[$0]!) }.joined())!, k) }
            return chinese(Substring(text)).map { (Int($0), k) }
        }
        guard let (month, monthStart) = number(endingAt: yue, max: 3) else { return nil }
        var day: Int? = nil
        if let ri = s[yue...].firstIndex(of: "日"), ri - yue <= 4 { day = number(endingAt: ri, max: 3)?.0 }
        let md = String(format: "%02d", month) + (day.map { String(format: "-%02d", $0) } ?? "")
        if monthStart > 0, s[monthStart - 1] == "年", let (year, _) = number(endingAt: monthStart - 1, max: 4) {
            return String(format: "%04d-", year) + md
        }
        return "--" + md
    }

    /// Whether an answer (an element of `answers` in the JSON) answers a labelled question.
    static func isRight(_ a: [String: Any], doc: String, kind: String, want: String) -> Bool {
        guard (a["doc"] as? String) == doc else { return false }
        let surface = a["surface"] as? String ?? ""
        switch kind {
        case "org", "other":
            return !surface.isEmpty && (want.contains(surface) || surface.contains(want))
        case "date":
            guard let value = a["value"] as? String, let prefix = datePrefix(want) else { return false }
            return prefix.hasPrefix("--") ? value.dropFirst(4).hasPrefix(prefix.dropFirst()) : value.hasPrefix(prefix)
        default:
            guard let value = (a["value"] as? NSNumber)?.doubleValue, let target = numbers(want).last else { return false }
            return abs(value - target) <= 1e-6 * max(1, abs(value), abs(target))
        }
    }
}
