/// zhiku's one UTF-8 codec, by hand, for the hot paths (tokenizer, stored text, line splitting,
/// folding): the standard library's scalar views cost a generic path per character there.
///
///     UTF8Bytes.scalar(at: 0, in: [0xE7, 0xA0, 0x94])  // (0x7814 研, 3)
///     UTF8Bytes.isValid([0xC0, 0x80])                    // false (overlong NUL)
public enum UTF8Bytes {
    /// Writes the UTF-8 bytes of code point `v` at `out` (room for 4) and returns how many.
    @inlinable @inline(__always)
    public static func encode(_ v: UInt32, into out: UnsafeMutablePointer<UInt8>) -> Int {
        if v < 0x80 { out[0] = UInt8(v); return 1 }
        if v < 0x800 {
            out[0] = UInt8(0xC0 | (v >> 6)); out[1] = UInt8(0x80 | (v & 0x3F)); return 2
        }
        if v < 0x10000 {
            out[0] = UInt8(0xE0 | (v >> 12)); out[1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            out[2] = UInt8(0x80 | (v & 0x3F)); return 3
        }
        out[0] = UInt8(0xF0 | (v >> 18)); out[1] = UInt8(0x80 | ((v >> 12) & 0x3F))
        out[2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[3] = UInt8(0x80 | (v & 0x3F)); return 4
    }

    /// Appends the UTF-8 bytes of code point `v`.
    @inlinable @inline(__always)
    public static func append(_ v: UInt32, to bytes: inout [UInt8]) {
        var buffer: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            let p = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: encode(v, into: p)))
        }
    }

    /// The code point that starts at `b[i]` and its length in bytes; nil for a sequence that the
    /// end of `b` cuts short (never in a String's bytes).
    @inlinable @inline(__always)
    public static func scalar(at i: Int, in b: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int)? {
        let c = UInt32(b[i]), n = b.count
        if c < 0x80 { return (c, 1) }
        if c < 0xE0 { return i + 1 < n ? ((c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F), 2) : nil }
        if c < 0xF0 { return i + 2 < n ? ((c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F), 3) : nil }
        return i + 3 < n ? ((c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F), 4) : nil
    }

    /// The code point that starts at `p[i]` and its length, for bytes that may not be valid UTF-8
    /// (text handed to the FTS5 tokenizer): a byte that starts no well-formed sequence, or a
    /// sequence the end cuts short, is U+FFFD of length 1.
    @inlinable @inline(__always)
    public static func checkedScalar(at i: Int, in p: UnsafeBufferPointer<UInt8>) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = p.count
        @inline(__always) func cont(_ j: Int) -> Bool { j < n && p[j] & 0xC0 == 0x80 }
        if b0 & 0xE0 == 0xC0, cont(i + 1) {
            return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2)
        }
        if b0 & 0xF0 == 0xE0, cont(i + 1), cont(i + 2) {
            return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, cont(i + 1), cont(i + 2), cont(i + 3) {
            let v = ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12)
                | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F)
            return (v, 4)
        }
        return (0xFFFD, 1)
    }

    /// Calls `body` with each code point of valid UTF-8, in order, until it returns false.
    @inlinable @inline(__always)
    public static func forEachValue(_ b: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Bool) {
        var i = 0
        while i < b.count {
            guard let (v, length) = scalar(at: i, in: b) else { i += 1; continue }  // cut short: skipped
            i += length
            if !body(v) { return }
        }
    }

    /// Code points of valid UTF-8 (a Swift string's bytes always are).
    @inlinable
    public static func decode(_ b: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(b.count)
        forEachValue(b) { out.append($0); return true }
        return out
    }

    /// Whether `bytes` are well-formed UTF-8 (Unicode 15, table 3-7): no overlong forms (`C0 80`),
    /// surrogates (`ED A0 80`), code points above U+10FFFF or truncated sequences (`E4 B8` at the end).
    /// - Complexity: O(n).
    public static func isValid<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
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
