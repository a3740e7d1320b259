/// UTF-8 encoding and decoding by hand, for the hot paths above.
public enum UTF8Bytes {
    @inlinable @inline(__always)
    public static func append(_ v: UInt32, to bytes: inout [UInt8]) {
        if v < 0x80 {
            bytes.append(UInt8(v))
        } else if v < 0x800 {
            bytes.append(UInt8(0xC0 | (v >> 6)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            bytes.append(UInt8(0xE0 | (v >> 12)))
            bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            bytes.append(UInt8(0xF0 | (v >> 18)))
            bytes.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            bytes.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            bytes.append(UInt8(0x80 | (v & 0x3F)))
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
}
