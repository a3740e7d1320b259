/// Fast conversions between strings and code points. The standard library's
/// `String.UnicodeScalarView` appends one scalar at a time through a generic path, and
/// `unicodeScalars.map` is not specialized across modules; on the indexing path those two were a
/// third of the workers' time.
extension String {
    /// The string spelled by `scalars`.
    @inlinable
    public init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 3)
        for s in scalars { UTF8Bytes.append(s.value, to: &bytes) }
        self = String(decoding: bytes, as: UTF8.self)
    }

    /// The string spelled by the code points `values` (values that are not scalars are dropped).
    @inlinable
    public init<C: Collection>(scalarValues values: C) where C.Element == UInt32 {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 3)
        for v in values where v < 0xD800 || (v > 0xDFFF && v <= 0x10FFFF) { UTF8Bytes.append(v, to: &bytes) }
        self = String(decoding: bytes, as: UTF8.self)
    }

    /// The code points of the string.
    @inlinable
    public var scalarValues: [UInt32] {
        var s = self
        return s.withUTF8 { UTF8Bytes.decode($0) }
    }

    /// Whether the string ends with `suffix`, compared as UTF-8 bytes (code point boundaries, not
    /// grapheme clusters: what the extractors mean, and many times faster than `hasSuffix`).
    @inlinable
    public func endsWithBytes(_ suffix: String) -> Bool {
        var hay = self, pin = suffix
        return hay.withUTF8 { h in
            pin.withUTF8 { n in
                guard n.count <= h.count else { return false }
                let offset = h.count - n.count
                for i in 0..<n.count where h[offset + i] != n[i] { return false }
                return true
            }
        }
    }
}

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

    /// Code points of valid UTF-8 (a Swift string's bytes always are).
    @inlinable
    public static func decode(_ b: UnsafeBufferPointer<UInt8>) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(b.count)
        var i = 0
        let n = b.count
        while i < n {
            let c = UInt32(b[i])
            if c < 0x80 {
                out.append(c); i += 1
            } else if c < 0xE0, i + 1 < n {
                out.append((c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)); i += 2
            } else if c < 0xF0, i + 2 < n {
                out.append((c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)); i += 3
            } else if i + 3 < n {
                out.append((c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)); i += 4
            } else {
                i += 1  // truncated sequence: cannot happen in a String
            }
        }
        return out
    }
}

/// Substring search on bytes (UTF-8 needles in UTF-8 text match only at code point boundaries).
public enum ByteSearch {
    /// Whether `needle` occurs in `haystack`; an empty needle always does.
    @inlinable
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count > 0 else { return true }
        guard needle.count <= haystack.count else { return false }
        let first = needle[0], last = haystack.count - needle.count
        var i = 0
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
