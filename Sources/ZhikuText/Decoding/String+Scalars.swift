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
