import ZhikuText

/// Small tests on a text's code points, for the fact lookup's scans (offsets are code points, as
/// the extractor's).
extension Array where Element == UInt32 {
    /// The code point at `i`, 0 outside the text.
    @inline(__always)
    func at(_ i: Int) -> UInt32 { i >= 0 && i < count ? self[i] : 0 }

    /// The text of `[from, to)`, clamped.
    func string(_ from: Int, _ to: Int) -> String {
        let a = Swift.max(0, Swift.min(from, count)), b = Swift.max(a, Swift.min(to, count))
        return String(scalarValues: self[a..<b])
    }

    /// Whether the code points at `i` spell `word`.
    func has(_ word: String, at i: Int) -> Bool {
        guard i >= 0 else { return false }
        var k = i
        for v in word.unicodeScalars {
            guard k < count, self[k] == v.value else { return false }
            k += 1
        }
        return true
    }

    /// Whether the code points ending at `end` (exclusive) spell `word`.
    func has(_ word: String, endingAt end: Int) -> Bool { has(word, at: end - word.unicodeScalars.count) }
}
