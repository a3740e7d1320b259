import ZhikuText
/// Character classes and small word-lookup helpers over Unicode scalar values.
/// Everything works on `[UInt32]` so that offsets are code points and scanning is O(1) per step.
enum CharClass {
    /// ASCII or full-width decimal digit value, else nil.
    @inline(__always)
    static func arabicDigit(_ c: UInt32) -> Int? {
        if c >= 0x30 && c <= 0x39 { return Int(c - 0x30) }
        if c >= 0xFF10 && c <= 0xFF19 { return Int(c - 0xFF10) }
        return nil
    }

    @inline(__always)
    static func isArabicDigit(_ c: UInt32) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0xFF10 && c <= 0xFF19)
    }

    /// Chinese digit value (一..九, 〇/零, 两/俩, 大写 壹..玖), else nil.
    @inline(__always)
    static func chineseDigit(_ c: UInt32) -> Int? {
        switch c {
        case 0x3007, 0x96F6: return 0            // 〇 零
        case 0x4E00, 0x58F9: return 1            // 一 壹
        case 0x4E8C, 0x4E24, 0x8D30, 0x8CB3, 0x4FE9, 0x5169: return 2 // 二 两 贰 貳 俩 兩
        case 0x4E09, 0x53C1, 0x53C3: return 3    // 三 叁 參
        case 0x56DB, 0x8086: return 4            // 四 肆
        case 0x4E94, 0x4F0D: return 5            // 五 伍
        case 0x516D, 0x9646, 0x9678: return 6    // 六 陆 陸
        case 0x4E03, 0x67D2: return 7            // 七 柒
        case 0x516B, 0x634C: return 8            // 八 捌
        case 0x4E5D, 0x7396: return 9            // 九 玖
        default: return nil
        }
    }

    /// Small multiplier 十/百/千 (拾/佰/仟), else nil.
    @inline(__always)
    static func smallUnit(_ c: UInt32) -> Double? {
        switch c {
        case 0x5341, 0x62FE: return 10      // 十 拾
        case 0x767E, 0x4F70: return 100     // 百 佰
        case 0x5343, 0x4EDF: return 1000    // 千 仟
        default: return nil
        }
    }

    /// Large magnitude 万/亿 (萬/億), else nil.
    @inline(__always)
    static func bigUnit(_ c: UInt32) -> Double? {
        switch c {
        case 0x4E07, 0x842C: return 1e4     // 万 萬
        case 0x4EBF, 0x5104: return 1e8     // 亿 億
        default: return nil
        }
    }

    @inline(__always)
    static func isHan(_ c: UInt32) -> Bool {
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2FFFF)
    }

    @inline(__always)
    static func isASCIILetter(_ c: UInt32) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)
    }

    /// Spaces that may stand between a number and its unit (`8.8 %`, `120 亿元`, `2021 年`): ASCII space,
    /// no-break space, the en/em/thin spaces (U+2002, U+2003, U+2009, U+202F). Not the ideographic
    /// space, which indents paragraphs.
    @inline(__always)
    static func isSpace(_ c: UInt32) -> Bool {
        c == 0x20 || c == 0xA0 || c == 0x2002 || c == 0x2003 || c == 0x2009 || c == 0x202F
    }

    /// Clause-ending punctuation: 。，；！？、：, ; ! ? : and line breaks.
    @inline(__always)
    static func isClauseBreak(_ c: UInt32) -> Bool {
        switch c {
        case 0x3002, 0xFF0C, 0xFF1B, 0xFF01, 0xFF1F, 0x3001, 0xFF1A, 0x2C, 0x3B, 0x21, 0x3F, 0x3A, 0x0A, 0x0D:
            return true
        default: return false
        }
    }

    /// Sentence-ending punctuation.
    @inline(__always)
    static func isSentenceBreak(_ c: UInt32) -> Bool {
        switch c {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0x0A, 0x0D: return true
        default: return false
        }
    }
}

/// A set of scalars as a 16,384-bit filter (a scalar's low 14 bits): a test without hashing, with
/// false positives only (CJK characters 16,384 apart share a bit), 2 KB whatever the table.
struct ScalarBits: Sendable {
    private var words = [UInt64](repeating: 0, count: 256)

    mutating func insert(_ c: UInt32) {
        words[Int((c >> 6) & 0xFF)] |= 1 << UInt64(c & 63)
    }

    mutating func formUnion(_ other: ScalarBits) {
        for k in 0..<words.count { words[k] |= other.words[k] }
    }

    /// False means `c` is not in the set; true that it may be.
    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        words[Int((c >> 6) & 0xFF)] & (1 << UInt64(c & 63)) != 0
    }
}

/// A set of words looked up by their first scalar; `longest(at:)` returns the longest word
/// starting at a position. Construction is done once (static tables). Bitmaps of the first, second
/// and last scalars of the words answer most lookups (a common character that starts a word but
/// is not followed by a second one of any) without hashing.
struct WordTable<Payload: Sendable>: Sendable {
    /// Words by their first two scalars (one-scalar words under their scalar and ``single``),
    /// longest first: common first characters (中, 国, 全) start many words, their second ones few.
    private var byKey: [UInt64: [([UInt32], Payload)]] = [:]
    /// First scalars; first scalars of one-scalar words; second scalars; last scalars.
    private var firstBits = ScalarBits()
    private var singleBits = ScalarBits()
    private var secondBits = ScalarBits()
    private var lastBits = ScalarBits()
    private(set) var maxLength = 0

    private static var single: UInt32 { 0xFFFF_FFFF }

    @inline(__always)
    private static func key(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 32 | UInt64(b) }

    private mutating func add(_ s: [UInt32], _ p: Payload) {
        guard let f = s.first else { return }
        let k = WordTable.key(f, s.count == 1 ? WordTable.single : s[1])
        guard !(byKey[k] ?? []).contains(where: { $0.0 == s }) else { return }      // a word once: the first payload
        byKey[k, default: []].append((s, p))
        byKey[k]!.sort { $0.0.count > $1.0.count }
        maxLength = max(maxLength, s.count)
        firstBits.insert(f)
        if s.count == 1 { singleBits.insert(f) } else { secondBits.insert(s[1]) }
        lastBits.insert(s[s.count - 1])
    }

    init(_ entries: [(String, Payload)]) {
        for (w, p) in entries { add(w.unicodeScalars.map { $0.value }, p) }
    }

    /// The words of both tables, in one (a word in both keeps `a`'s payload): one lookup where two
    /// were made.
    init(merging a: WordTable, _ b: WordTable) {
        self = a
        for list in b.byKey.values { for (w, p) in list { add(w, p) } }
    }

    /// Can a word start with this scalar? (False: no; true: perhaps.)
    @inline(__always)
    func mayStart(_ c: UInt32) -> Bool { firstBits.contains(c) }

    /// Longest entry starting at `i` (length, payload).
    @inline(__always)
    func longest(in s: [UInt32], at i: Int) -> (Int, Payload)? {
        guard i >= 0, i < s.count, mayStart(s[i]) else { return nil }
        let f = s[i]
        if i + 1 < s.count, secondBits.contains(s[i + 1]), let list = byKey[WordTable.key(f, s[i + 1])] {
            for (w, p) in list where i + w.count <= s.count {
                var ok = true
                var k = 2
                while k < w.count { if s[i + k] != w[k] { ok = false; break }; k += 1 }
                if ok { return (w.count, p) }
            }
        }
        if singleBits.contains(f), let one = byKey[WordTable.key(f, WordTable.single)]?.first { return (1, one.1) }
        return nil
    }

    /// Longest entry ending exactly at `end` (exclusive) and starting at or after `lower`.
    func longestEnding(in s: [UInt32], at end: Int, notBefore lower: Int = 0) -> (Int, Payload)? {
        guard end > 0, end <= s.count, lastBits.contains(s[end - 1]) else { return nil }
        var len = min(maxLength, end - max(lower, 0))
        while len >= 1 {
            if let p = exact(s, from: end - len, to: end) { return (len, p) }
            len -= 1
        }
        return nil
    }

    /// Payload of the entry spelled exactly by `s[i..<j]`.
    func exact(_ s: [UInt32], from i: Int, to j: Int) -> Payload? {
        guard j > i, i >= 0, j <= s.count, mayStart(s[i]) else { return nil }
        if j - i == 1 {
            return singleBits.contains(s[i]) ? byKey[WordTable.key(s[i], WordTable.single)]?.first?.1 : nil
        }
        guard secondBits.contains(s[i + 1]), let list = byKey[WordTable.key(s[i], s[i + 1])] else { return nil }
        for (w, p) in list where w.count == j - i {
            var ok = true
            var k = 2
            while k < w.count { if s[i + k] != w[k] { ok = false; break }; k += 1 }
            if ok { return p }
        }
        return nil
    }

    func contains(_ s: [UInt32], from i: Int, to j: Int) -> Bool { exact(s, from: i, to: j) != nil }
}

extension Array where Element == UInt32 {
    /// The string made of scalars `[from, to)`.
    func string(_ from: Int, _ to: Int) -> String {
        String(scalarValues: self[from..<Swift.max(from, to)])
    }

    @inline(__always)
    func at(_ i: Int) -> UInt32 { i >= 0 && i < count ? self[i] : 0 }

    /// True when the scalars at `i` spell `word`.
    func has(_ word: String, at i: Int) -> Bool {
        guard i >= 0, i < count else { return word.isEmpty }
        var word = word, k = i, found = true
        // Decoded by hand: the scalar view's iterator was most of this test's cost.
        word.withUTF8 { b in
            UTF8Bytes.forEachValue(b) { v in
                guard k < count, self[k] == v else { found = false; return false }
                k += 1
                return true
            }
        }
        return found
    }

    /// True when the scalars ending at `end` (exclusive) spell `word`.
    func has(_ word: String, endingAt end: Int) -> Bool {
        has(word, at: end - word.scalarCount)
    }
}

@inline(__always)
func u(_ s: Unicode.Scalar) -> UInt32 { s.value }
