/// The bounds of the clause or sentence around a span of code points, read at most `window` code
/// points to each side (a passage without punctuation must not make every figure read all of it).
/// The linker and the relation reader each choose what ends their unit.
enum TextBounds {
    /// `(a, b)` with `s[a..<b]` holding `start..<end` and no break inside, within `window` of it.
    @inline(__always)
    static func around(_ s: [UInt32], _ start: Int, _ end: Int, window: Int, isBreak: (UInt32) -> Bool) -> (Int, Int) {
        var a = start
        let lo = max(0, start - window)
        while a > lo && !isBreak(s[a - 1]) { a -= 1 }
        var b = end
        let hi = min(s.count, end + window)
        while b < hi && !isBreak(s[b]) { b += 1 }
        return (a, b)
    }
}
