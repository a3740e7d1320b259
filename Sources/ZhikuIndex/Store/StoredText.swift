import Foundation
import ZhikuText

/// Passage text is stored as UTF-16LE: two bytes for a Chinese character instead of UTF-8's three,
/// which makes the stored text about a quarter smaller for this kind of corpus.
public enum StoredText {
    public static func encode(_ s: String) -> Data {
        // Transcoded by hand: `s.utf16` on a long native string builds breadcrumbs to count it.
        var s = s
        let units = s.withUTF8 { b -> [UInt16] in
            var units: [UInt16] = []
            units.reserveCapacity(b.count)
            UTF8Bytes.forEachValue(b) { v in
                if v < 0x10000 {
                    units.append(UInt16(v))
                } else {
                    let w = v - 0x10000
                    units.append(UInt16(0xD800 | (w >> 10)))
                    units.append(UInt16(0xDC00 | (w & 0x3FF)))
                }
                return true
            }
            return units
        }
        #if _endian(little)
        return units.withUnsafeBytes { Data($0) }  // the host's code units are UTF-16LE
        #else
        var bytes = [UInt8]()
        bytes.reserveCapacity(units.count * 2)
        for u in units {
            bytes.append(UInt8(u & 0xFF))
            bytes.append(UInt8(u >> 8))
        }
        return Data(bytes)
        #endif
    }

    public static func decode(_ data: Data) -> String {
        data.withUnsafeBytes { decode($0) }
    }

    /// The text of stored bytes wherever they are (a column SQLite returned, say).
    static func decode(_ raw: UnsafeRawBufferPointer) -> String {
        let count = raw.count / 2
        #if _endian(little)
        if let base = raw.baseAddress, Int(bitPattern: base) % MemoryLayout<UInt16>.alignment == 0 {
            // The stored code units are the host's: transcode in place, without a copy.
            return transcode(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt16.self), count: count))
        }
        #endif
        var units = [UInt16](repeating: 0, count: count)
        for i in 0..<count { units[i] = UInt16(raw[2 * i]) | UInt16(raw[2 * i + 1]) << 8 }
        return units.withUnsafeBufferPointer { transcode($0) }
    }

    /// UTF-16 to a String by hand (the standard library's UTF-16 decoding takes its generic slow
    /// path; this was a twentieth of a query). Unpaired surrogates become U+FFFD, as there.
    static func transcode(_ u: UnsafeBufferPointer<UInt16>) -> String {
        String(unsafeUninitializedCapacity: u.count * 3) { out in
            var o = 0, i = 0
            while i < u.count {
                var v = UInt32(u[i])
                i += 1
                if v >= 0xD800 && v <= 0xDFFF {
                    if v <= 0xDBFF, i < u.count, u[i] >= 0xDC00, u[i] <= 0xDFFF {
                        v = 0x10000 + ((v - 0xD800) << 10) + (UInt32(u[i]) - 0xDC00)
                        i += 1
                    } else {
                        v = 0xFFFD
                    }
                }
                o += UTF8Bytes.encode(v, into: out.baseAddress! + o)
            }
            return o
        }
    }
}
