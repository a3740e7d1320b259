/// Strict UTF-8 validation (Unicode 15, table 3-7): rejects overlong forms (`C0 80`), surrogates
/// (`ED A0 80`), code points above U+10FFFF and truncated sequences (`E4 B8` at the end).
///
///     UTF8Validation.isValid([0xE7, 0xA0, 0x94])  // true  (研)
///     UTF8Validation.isValid([0xC0, 0x80])        // false (overlong NUL)
///
/// - Complexity: O(n).
enum UTF8Validation {
    static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        var i = bytes.startIndex
        // Invariant: bytes before `i` form complete, valid scalars.
        while i != bytes.endIndex {
            let b0 = bytes[i]
            if b0 < 0x80 { i = bytes.index(after: i); continue }
            let count: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: count = 1
            case 0xE0: count = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: count = 2
            case 0xED: count = 2; hi = 0x9F
            case 0xF0: count = 3; lo = 0x90
            case 0xF1...0xF3: count = 3
            case 0xF4: count = 3; hi = 0x8F
            default: return false
            }
            i = bytes.index(after: i)
            for k in 0..<count {
                guard i != bytes.endIndex else { return false }
                let b = bytes[i]
                if k == 0 {
                    guard b >= lo && b <= hi else { return false }
                } else {
                    guard b >= 0x80 && b <= 0xBF else { return false }
                }
                i = bytes.index(after: i)
            }
        }
        return true
    }
}
