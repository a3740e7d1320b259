/// A parsed JSON value that remembers the bytes it came from, so that a part of a reply (such as a
/// hit's `entities`) can be passed on byte for byte, in the server's key order.
///
///     let node = try JSONNode.parse(Array(#"{"a":[1,2],"b":"研"}"#.utf8))
///     node["b"]?.string          // "研"
///     JSONNode.raw(node["a"]!, in: bytes)  // "[1,2]" (bytes: the parsed array)
public struct JSONNode: Sendable {
    public indirect enum Kind: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONNode])
        case object([(key: String, value: JSONNode)])
    }

    public var kind: Kind
    /// Byte range of the value in the parsed text.
    public var range: Range<Int>

    /// The value of `key` in an object.
    public subscript(key: String) -> JSONNode? {
        if case .object(let fields) = kind { return fields.last(where: { $0.key == key })?.value }
        return nil
    }

    public var string: String? { if case .string(let s) = kind { return s }; return nil }
    public var double: Double? { if case .number(let d) = kind { return d }; return nil }
    public var int: Int? { double.flatMap { $0 == $0.rounded() && abs($0) < 9e15 ? Int($0) : nil } }
    public var bool: Bool? { if case .bool(let b) = kind { return b }; return nil }
    public var array: [JSONNode]? { if case .array(let a) = kind { return a }; return nil }
    public var isNull: Bool { if case .null = kind { return true }; return false }

    /// Parses one JSON value filling all of `bytes` (surrounding whitespace allowed).
    /// - throws: ``JSONParseError`` at the first byte that does not fit.
    public static func parse(_ bytes: [UInt8]) throws -> JSONNode {
        var p = Parser(bytes: bytes)
        p.skipSpace()
        let node = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw JSONParseError(offset: p.i, reason: "text after the value") }
        return node
    }
}

/// Where and why JSON could not be parsed.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public var description: String { "bad JSON at byte \(offset): \(reason)" }
}

/// Recursive descent over UTF-8 bytes; nesting is bounded so hostile input cannot exhaust the stack.
private struct Parser {
    let bytes: [UInt8]
    var i = 0
    static let maxDepth = 64

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: i, reason: reason) }

    mutating func value(depth: Int) throws -> JSONNode {
        guard depth < Parser.maxDepth else { throw fail("nested too deeply") }
        guard i < bytes.count else { throw fail("unexpected end") }
        let start = i
        let kind: JSONNode.Kind
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var fields: [(key: String, value: JSONNode)] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                    let key = try string()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected :") }
                    i += 1
                    skipSpace()
                    fields.append((key, try value(depth: depth + 1)))
                    skipSpace()
                    guard i < bytes.count else { throw fail("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == UInt8(ascii: "}") else { throw fail("expected , or }") }
                    i += 1
                    break
                }
            }
            kind = .object(fields)
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONNode] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
                i += 1
            } else {
                while true {
                    skipSpace()
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < bytes.count else { throw fail("unexpected end") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    guard bytes[i] == UInt8(ascii: "]") else { throw fail("expected , or ]") }
                    i += 1
                    break
                }
            }
            kind = .array(items)
        case UInt8(ascii: "\""):
            kind = .string(try string())
        case UInt8(ascii: "t"):
            try literal("true"); kind = .bool(true)
        case UInt8(ascii: "f"):
            try literal("false"); kind = .bool(false)
        case UInt8(ascii: "n"):
            try literal("null"); kind = .null
        default:
            while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
            guard i > start, let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw fail("expected a value") }
            kind = .number(d)
        }
        return JSONNode(kind: kind, range: start..<i)
    }

    mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { throw fail("expected \(word)") }
        i += w.count
    }

    mutating func string() throws -> String {
        i += 1  // opening quote
        var out = [UInt8]()
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard i < bytes.count else { throw fail("unterminated escape") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(8)
                case UInt8(ascii: "f"): out.append(12)
                case UInt8(ascii: "n"): out.append(10)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "t"): out.append(9)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                default: throw fail("bad escape")
                }
            default:
                out.append(b)
            }
        }
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { throw fail("bad \\u escape") }
        i += 4
        return v
    }
}

extension JSONNode {
    /// The exact text of `node` inside `bytes` (the array it was parsed from).
    public static func raw(_ node: JSONNode, in bytes: [UInt8]) -> String {
        String(decoding: bytes[node.range], as: UTF8.self)
    }
}
