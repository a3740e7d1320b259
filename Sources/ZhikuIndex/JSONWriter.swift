import Foundation

/// A small streaming JSON writer: keys in the order written, raw UTF-8 (no `\u` escapes except for
/// control characters), and already-encoded JSON embedded as is. The one JSON schema of the CLI,
/// the REPL and the server is written through it, so their output is byte for byte the same.
public struct JSONWriter {
    public private(set) var output = ""
    private var needsComma: [Bool] = [false]

    public init() { output.reserveCapacity(1024) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { output += "," }
        needsComma[needsComma.count - 1] = true
    }

    public mutating func beginObject() { separator(); output += "{"; needsComma.append(false) }
    public mutating func endObject() { output += "}"; needsComma.removeLast() }
    public mutating func beginArray() { separator(); output += "["; needsComma.append(false) }
    public mutating func endArray() { output += "]"; needsComma.removeLast() }

    /// Writes `"key":` inside an object; the value written next needs no separator.
    public mutating func key(_ k: String) {
        separator()
        JSONWriter.appendString(k, to: &output)
        output += ":"
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ s: String) { separator(); JSONWriter.appendString(s, to: &output) }
    public mutating func int(_ i: Int) { separator(); output += String(i) }
    public mutating func bool(_ b: Bool) { separator(); output += b ? "true" : "false" }
    public mutating func null() { separator(); output += "null" }
    /// A number with at most `digits` decimals, without trailing zeros; non-finite numbers as null.
    public mutating func double(_ d: Double, digits: Int = 4) {
        separator()
        JSONWriter.appendDouble(d, digits: digits, to: &output)
    }
    /// Embeds text that is already JSON.
    public mutating func raw(_ json: String) { separator(); output += json }

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

    static func appendString(_ s: String, to out: inout String) {
        out += "\""
        var plain = true
        for u in s.utf8 where u < 0x20 || u == 0x22 || u == 0x5C { plain = false; break }
        if plain {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }
}
