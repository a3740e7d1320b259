import Foundation
import ZhikuText

/// LEB128 varints for impact lists, and SQLite's own varints (FTS5's averages record).
enum Varint {
    static func append<Bytes: RangeReplaceableCollection>(_ v: UInt64, to out: inout Bytes) where Bytes.Element == UInt8 {
        var v = v
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    @inline(__always)
    static func read(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while i < p.count {
            let byte = p[i]
            i += 1
            v |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return v }
            shift += 7
            if shift > 63 { return nil }
        }
        return nil
    }

    /// SQLite's varint (big-endian groups of 7 bits, a ninth byte of 8), as FTS5 writes its records.
    static func readSQLite(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt64? {
        var v: UInt64 = 0
        for n in 0..<9 {
            guard i < p.count else { return nil }
            let byte = p[i]
            i += 1
            if n == 8 { return v << 8 | UInt64(byte) }
            v = v << 7 | UInt64(byte & 0x7F)
            if byte < 0x80 { return v }
        }
        return v
    }
}
