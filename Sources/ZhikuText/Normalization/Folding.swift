/// Scalar folding shared by the index and the query side: full-width to half-width, ASCII case,
/// traditional to simplified Chinese.
///
/// Folding never changes the number of scalars, so offsets computed on folded text point into the
/// original text too: `Ｒ＆Ｄ` folds to `r&d`, `贛州` to `赣州`.
public enum Folding {
    /// Dense lookup for the traditional → simplified table over U+3400..U+FAFF (0 = unchanged).
    @usableFromInline
    static let bmpTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0xFB00 - 0x3400)
        let pairs = traditionalToSimplifiedPairs
        var i = 0
        while i + 1 < pairs.count {
            let source = pairs[i], target = pairs[i + 1]
            if source >= 0x3400 && source < 0xFB00 { table[Int(source - 0x3400)] = target }
            i += 2
        }
        return table
    }()

    /// Supplementary-plane mappings, few enough for a dictionary.
    @usableFromInline
    static let astralTable: [UInt32: UInt32] = {
        var table: [UInt32: UInt32] = [:]
        let pairs = traditionalToSimplifiedPairs
        var i = 0
        while i + 1 < pairs.count {
            if pairs[i] >= 0x10000 { table[pairs[i]] = pairs[i + 1] }
            i += 2
        }
        return table
    }()

    /// Folds one scalar value.
    ///
    ///     Folding.fold(0xFF32) // 0x72 ("Ｒ" → "r")
    ///     Folding.fold(0x8D1B) // 0x8D63 ("贛" → "赣")
    @inlinable
    public static func fold(_ v: UInt32) -> UInt32 {
        if v < 0x80 {
            return (v >= 0x41 && v <= 0x5A) ? v + 0x20 : v
        }
        if v >= 0xFF01 && v <= 0xFF5E {  // full-width ASCII
            let half = v - 0xFEE0
            return (half >= 0x41 && half <= 0x5A) ? half + 0x20 : half
        }
        if v == 0x3000 { return 0x20 }
        if v >= 0x3400 && v < 0xFB00 {
            let mapped = bmpTable[Int(v - 0x3400)]
            return mapped == 0 ? v : mapped
        }
        if v >= 0x20000 { return astralTable[v] ?? v }
        if v >= 0xC0 && v <= 0xDE && v != 0xD7 { return v + 0x20 }  // Latin-1 capitals
        return v
    }

    /// Folds a whole string scalar by scalar (same scalar count as the input).
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            out.append(Unicode.Scalar(fold(s.value)) ?? s)
        }
        return String(out)
    }
}
