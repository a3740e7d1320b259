import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A DOCX's list numbering (`word/numbering.xml`): the labels Word draws before numbered
/// paragraphs (一、 （二） 3. 第四条), which are not in the text itself. Counters run per list
/// as the paragraphs come; deeper levels restart when a higher one moves on.
struct WordNumbering {
    struct Level {
        var start = 1
        var format = "decimal"
        var text = ""
        /// What follows the label: `tab` (the default), `space` or `nothing`.
        var suffix = "tab"
    }
    /// abstractNumId → levels.
    private var abstract: [String: [Int: Level]] = [:]
    /// numId → (abstractNumId, start overrides by level).
    private var nums: [String: (abstract: String, starts: [Int: Int])] = [:]
    /// Per numId, the counters of its nine levels (nil: not used yet).
    private var counters: [String: [Int?]] = [:]

    init() {}

    init(xml: [UInt8], format: String) throws(ReadFailure) {
        let parser = Parser()
        try SafeXML.parse(xml, part: "word/numbering.xml", format: format, delegate: parser)
        abstract = parser.abstract
        nums = parser.nums
    }

    /// The label of the next paragraph of list `numId` at `level`, with what follows it; nil for
    /// bullets and for lists that are not defined. Advances the list's counters.
    mutating func label(numId: String, level: Int) -> String? {
        guard let num = nums[numId], let levels = abstract[num.abstract], (0...8).contains(level) else { return nil }
        var c = counters[numId] ?? [Int?](repeating: nil, count: 9)
        let start = { (l: Int) in num.starts[l] ?? levels[l]?.start ?? 1 }
        c[level] = (c[level] ?? start(level) - 1) + 1
        for deeper in (level + 1)..<9 { c[deeper] = nil }
        counters[numId] = c
        guard let lvl = levels[level], lvl.format != "bullet", lvl.format != "none" else { return nil }
        var text = lvl.text
        for l in 0...level {
            let value = c[l] ?? start(l)
            let fmt = levels[l]?.format ?? "decimal"
            text = text.replacingOccurrences(of: "%\(l + 1)", with: WordNumbering.format(value, fmt, legal: false))
        }
        guard !text.isEmpty else { return nil }
        return lvl.suffix == "nothing" ? text : text + " "
    }

    /// A counter's value in a `w:numFmt`.
    static func format(_ n: Int, _ format: String, legal: Bool) -> String {
        switch format {
        case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographLegalTraditional", "japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand":
            return chinese(n)
        case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
            let digits = Array("〇一二三四五六七八九")
            return String(String(n).map { digits[$0.wholeNumberValue!] })
        case "ideographTraditional":  // 甲乙丙丁…
            let stems = Array("甲乙丙丁戊己庚辛壬癸")
            return n >= 1 && n <= 10 ? String(stems[n - 1]) : String(n)
        case "decimalFullWidth", "decimalFullWidth2":
            return String(String(n).unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0)!) })
        case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
            return n >= 1 && n <= 20 ? String(Character(Unicode.Scalar(0x2460 + UInt32(n - 1))!)) : String(n)
        case "decimalZero": return n < 10 ? "0\(n)" : String(n)
        case "lowerLetter", "upperLetter":
            guard n >= 1 else { return String(n) }
            let letter = Character(Unicode.Scalar(UInt8(97 + (n - 1) % 26)))
            let s = String(repeating: letter, count: (n - 1) / 26 + 1)
            return format == "upperLetter" ? s.uppercased() : s
        case "lowerRoman", "upperRoman":
            let s = roman(n)
            return format == "lowerRoman" ? s.lowercased() : s
        default: return String(n)
        }
    }

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
    static func chinese(_ n: Int) -> String {
        let digits = Array("零一二三四五六七八九")
        guard n > 0, n < 10_000 else { return String(n) }
        if n < 10 { return String(digits[n]) }
        if n < 20 { return "十" + (n % 10 == 0 ? "" : String(digits[n % 10])) }
        var out = ""
        let units: [(Int, String)] = [(1000, "千"), (100, "百"), (10, "十")]
        var rest = n, zero = false
        for (value, unit) in units {
            let d = rest / value
            if d > 0 { if zero { out += "零" }; out += String(digits[d]) + unit; zero = false } else if !out.isEmpty { zero = true }
            rest %= value
        }
        if rest > 0 { if zero { out += "零" }; out += String(digits[rest]) }
        return out
    }

    static func roman(_ n: Int) -> String {
        guard n > 0, n < 4000 else { return String(n) }
        let table: [(Int, String)] = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var rest = n, out = ""
        for (v, s) in table { while rest >= v { out += s; rest -= v } }
        return out
    }

    private final class Parser: NSObject, XMLParserDelegate {
        var abstract: [String: [Int: Level]] = [:]
        var nums: [String: (abstract: String, starts: [Int: Int])] = [:]
        var abstractId: String?, level: (index: Int, value: Level)?
        var numId: String?, overrideLevel: Int?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let a = { (k: String) in SafeXML.attribute(attributes, k) }
            switch name {
            case "abstractNum": abstractId = a("abstractNumId"); if let id = abstractId { abstract[id] = [:] }
            case "lvl": if abstractId != nil, let i = a("ilvl").flatMap({ Int($0) }) { level = (i, Level()) }
            case "start": if level != nil { level!.value.start = a("val").flatMap { Int($0) } ?? 1 }
            case "numFmt": if level != nil { level!.value.format = a("val") ?? "decimal" }
            case "lvlText": if level != nil { level!.value.text = a("val") ?? "" }
            case "suff": if level != nil { level!.value.suffix = a("val") ?? "tab" }
            case "num": numId = a("numId")
            case "abstractNumId": if let n = numId, let v = a("val") { nums[n] = (v, [:]) }
            case "lvlOverride": overrideLevel = a("ilvl").flatMap { Int($0) }
            case "startOverride":
                if let n = numId, let l = overrideLevel, let v = a("val").flatMap({ Int($0) }) { nums[n]?.starts[l] = v }
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "lvl":
                if let id = abstractId, let l = level { abstract[id]?[l.index] = l.value }
                level = nil
            case "abstractNum": abstractId = nil
            case "num": numId = nil
            case "lvlOverride": overrideLevel = nil
            default: break
            }
        }
    }
}
