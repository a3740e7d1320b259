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

    /// The scalars of the string, at most `limit` of them (`Array(unicodeScalars.prefix(limit))`,
    /// decoded by hand).
    @inlinable
    public func scalarArray(limit: Int = .max) -> [Unicode.Scalar] {
        var s = self
        return s.withUTF8 { b in
            var out: [Unicode.Scalar] = []
            out.reserveCapacity(Swift.min(b.count, limit))
            UTF8Bytes.forEachValue(b) { v in
                guard out.count < limit else { return false }
                out.append(Unicode.Scalar(v).unsafelyUnwrapped)  // decoded from valid UTF-8
                return true
            }
            return out
        }
    }

    /// `unicodeScalars.count`, counted on the UTF-8 bytes.
    @inlinable
    public var scalarCount: Int {
        var s = self
        return s.withUTF8 { b in
            var n = 0
            for byte in b where byte & 0xC0 != 0x80 { n += 1 }
            return n
        }
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

/// A fixed set of byte strings, searched for together in one pass over a text: a table of the
/// needles' first two bytes turns almost every position away with one lookup, where searching for
/// each needle in turn read the text once per needle (57 furniture phrases on every short line
/// of a page's head and foot were a tenth of preparing a file).
public struct NeedleSet: Sendable {
    private let needles: [[UInt8]]
    /// For each first-two-bytes value, the first needle that starts with them (-1: none); the rest
    /// are chained through `next`.
    private let heads: [Int16]
    private let next: [Int16]
    /// One-byte needles, by byte.
    private let single: [Bool]

    public init(_ strings: [String]) {
        let needles = strings.map { Array($0.utf8) }.filter { !$0.isEmpty }
        precondition(needles.count < Int(Int16.max))
        var heads = [Int16](repeating: -1, count: 1 << 16)
        var next = [Int16](repeating: -1, count: needles.count)
        var single = [Bool](repeating: false, count: 256)
        for (i, n) in needles.enumerated() {
            if n.count == 1 { single[Int(n[0])] = true; continue }
            let key = Int(n[0]) << 8 | Int(n[1])
            next[i] = heads[key]
            heads[key] = Int16(i)
        }
        self.needles = needles
        self.heads = heads
        self.next = next
        self.single = single
    }

    /// Whether one of the needles occurs in `haystack`.
    public func occurs(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = haystack.count
        guard count > 0 else { return false }
        return heads.withUnsafeBufferPointer { heads in
            var i = 0
            while i < count {
                let b = haystack[i]
                if single[Int(b)] { return true }
                if i + 1 < count {
                    var n = Int(heads[Int(b) << 8 | Int(haystack[i + 1])])
                    while n >= 0 {
                        let needle = needles[n]
                        if needle.count <= count - i {
                            var j = 2
                            while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                            if j == needle.count { return true }
                        }
                        n = Int(next[n])
                    }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether one of the needles occurs in `text` (compared as UTF-8 bytes).
    public func occurs(in text: String) -> Bool {
        var text = text
        return text.withUTF8 { occurs(in: $0) }
    }
}
