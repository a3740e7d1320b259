import Foundation

/// A small streaming JSON writer: keys in the order written, raw UTF-8 (no `\u` escapes except for
/// control characters), and already-encoded JSON embedded as is. The one JSON schema of the CLI,
/// the REPL and the server is written through it, so their output is byte for byte the same.
public struct JSONWriter {
    /// The JSON written so far, as UTF-8 bytes (what a socket or a cache wants).
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init() { bytes.reserveCapacity(1024) }

    /// The JSON written so far.
    public var output: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma.removeLast() }
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma.removeLast() }

    /// Writes `"key":` inside an object; the value written next needs no separator.
    public mutating func key(_ k: String) {
        separator()
        JSONWriter.appendString(k, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ s: String) { separator(); JSONWriter.appendString(s, to: &bytes) }
    public mutating func int(_ i: Int) { separator(); JSONWriter.appendInt(Int64(i), to: &bytes) }
    public mutating func bool(_ b: Bool) { separator(); bytes.append(contentsOf: b ? "true".utf8 : "false".utf8) }
    public mutating func null() { separator(); bytes.append(contentsOf: "null".utf8) }
    /// A number with at most `digits` decimals, without trailing zeros; non-finite numbers as null.
    public mutating func double(_ d: Double, digits: Int = 4) {
        separator()
        guard d.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        if d == d.rounded(), abs(d) < 1e15 { JSONWriter.appendInt(Int64(d), to: &bytes); return }
        bytes.append(contentsOf: (JSONWriter.fastFixed(d, digits: digits) ?? JSONWriter.formatted(d, digits: digits)).utf8)
    }
    /// Embeds text that is already JSON.
    public mutating func raw(_ json: String) { separator(); bytes.append(contentsOf: json.utf8) }

    public mutating func field(_ k: String, _ v: String) { key(k); string(v) }
    public mutating func field(_ k: String, _ v: String?) { key(k); if let v { string(v) } else { null() } }
    public mutating func field(_ k: String, _ v: Int) { key(k); int(v) }
    public mutating func field(_ k: String, _ v: Bool) { key(k); bool(v) }
    public mutating func field(_ k: String, _ v: Double, digits: Int = 4) { key(k); double(v, digits: digits) }
    public mutating func field(_ k: String, _ v: [String]) { key(k); beginArray(); v.forEach { string($0) }; endArray() }
    public mutating func field(_ k: String, ranges: [Range<Int>]) {
        key(k); beginArray()
        for r in ranges { beginArray(); int(r.lowerBound); int(r.upperBound); endArray() }
        endArray()
    }

    /// A JSON array of strings.
    public static func array(_ strings: [String]) -> String {
        var w = JSONWriter()
        w.beginArray()
        strings.forEach { w.string($0) }
        w.endArray()
        return w.output
    }

    static func appendDouble(_ d: Double, digits: Int, to out: inout String) {
        guard d.isFinite else { out += "null"; return }
        if d == d.rounded(), abs(d) < 1e15 { out += String(Int64(d)); return }
        if let s = fastFixed(d, digits: digits) { out += s; return }
        out += formatted(d, digits: digits)
    }

    /// `String(format: "%.Nf")` without trailing zeros: the reference, and the fall-back of
    /// ``fastFixed(_:digits:)``.
    static func formatted(_ d: Double, digits: Int) -> String {
        var s = String(format: "%.\(digits)f", d)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return s
    }

    private static let powers: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

    /// ``formatted(_:digits:)`` by integer arithmetic (Foundation's `String(format:)` was a tenth of
    /// a search reply), or nil when the rounding is too close to call: then the digit printf would
    /// choose depends on the exact binary value, and the caller asks printf.
    static func fastFixed(_ d: Double, digits: Int) -> String? {
        guard digits >= 0, digits < powers.count else { return nil }
        let scaled = d * powers[digits]
        guard scaled.magnitude < 1e12 else { return nil }
        let fraction = scaled.magnitude - scaled.magnitude.rounded(.down)
        guard abs(fraction - 0.5) > 1e-6 else { return nil }
        let r = Int64(scaled.rounded())
        if r == 0 { return "0" }
        let unit = Int64(powers[digits])
        var whole = String(r.magnitude / UInt64(unit))
        var part = r.magnitude % UInt64(unit)
        var width = digits
        while width > 0 && part % 10 == 0 { part /= 10; width -= 1 }
        if r < 0 { whole = "-" + whole }
        guard width > 0 else { return whole }
        let decimals = String(part)
        return whole + "." + String(repeating: "0", count: width - decimals.count) + decimals
    }

    /// Decimal digits of `i`, as `String(i)` writes them.
    static func appendInt(_ i: Int64, to out: inout [UInt8]) {
        if i < 0 { out.append(UInt8(ascii: "-")) }
        var m = i.magnitude
        var width = 1
        var power: UInt64 = 10
        while width < 20 && m >= power { width += 1; power = power &* 10 }
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var k = out.count - 1
        while m > 0 { out[k] = UInt8(ascii: "0") + UInt8(m % 10); m /= 10; k -= 1 }
    }

    /// `s` as a JSON string: quotes, backslashes and control characters escaped, everything
    /// else (all of CJK) as raw UTF-8. Runs without escapes are copied whole.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { u in
            var run = 0
            for i in 0..<u.count {
                let b = u[i]
                guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
                if run < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run..<i])) }
                run = i + 1
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
                case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
                case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
                }
            }
            if run < u.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: u[run...])) }
        }
        out.append(0x22)
    }
}
