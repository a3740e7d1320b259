

/// One parsed request: verb, `key=value` options, and the rest as text.
///
///     SEARCH limit=2 id=q7 -- 研究团队   → verb SEARCH, options [limit: 2, id: q7], text 研究团队
///     SEARCH 面积=1200平方米              → no options (the key is not ASCII), text 面积=1200平方米
///
/// Options end at `--` or at the first token that is not `key=value` with a key of `[a-z_]+`;
/// the text is the rest of the line, trimmed, kept verbatim. Free text never fails to parse.
public struct Request: Sendable {
    /// The verb as sent, upper-cased (for `cmd` in replies, also when unknown).
    public var word: String
    /// The verb, when it is one of ours.
    public var verb: Verb?
    /// Options in the order sent.
    public var options: [(key: String, value: String)]
    /// The text after the options, trimmed ("" when none).
    public var text: String
    /// Whether the text was introduced by `--`.
    public var hadSeparator: Bool
    public var framing: Framing

    /// The value of option `key`, if given (the last one wins).
    public func option(_ key: String) -> String? {
        options.last(where: { $0.key == key })?.value
    }

    /// Parses a text line (already checked to be UTF-8).
    public init(line: String) {
        framing = .line
        let scalars = Array(line.unicodeScalars)
        var i = 0
        func skipSpaces() { while i < scalars.count, Request.isSpace(scalars[i]) { i += 1 } }
        func token() -> (String, Int) {
            let start = i
            while i < scalars.count, !Request.isSpace(scalars[i]) { i += 1 }
            return (String(String.UnicodeScalarView(scalars[start..<i])), start)
        }
        skipSpaces()
        let (verbWord, _) = token()
        word = verbWord.uppercased()
        verb = Verb(rawValue: word)
        options = []
        text = ""
        hadSeparator = false
        while true {
            skipSpaces()
            guard i < scalars.count else { break }
            let (tok, start) = token()
            if tok == "--" {
                hadSeparator = true
                text = Request.trim(String(String.UnicodeScalarView(scalars[i...])))
                break
            }
            if let option = Request.option(tok) {
                options.append(option)
                continue
            }
            text = Request.trim(String(String.UnicodeScalarView(scalars[start...])))
            break
        }
    }

    /// Parses RESP arguments (already checked to be UTF-8); the text is the arguments after the
    /// options joined with single spaces.
    public init(arguments: [String]) {
        framing = .resp
        word = (arguments.first ?? "").uppercased()
        verb = Verb(rawValue: word)
        options = []
        hadSeparator = false
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { hadSeparator = true; i += 1; break }
            guard let option = Request.option(a) else { break }
            options.append(option)
            i += 1
        }
        text = Request.trim(arguments[min(i, arguments.count)...].joined(separator: " "))
    }

    /// `key=value` with `key` in `[a-z_]+` and no space in `value`.
    static func option(_ token: String) -> (key: String, value: String)? {
        guard let eq = token.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let key = token.utf8[..<eq]
        guard !key.isEmpty, key.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F }) else { return nil }
        let value = token.utf8[token.utf8.index(after: eq)...]
        guard !value.contains(where: { $0 == 0x20 || $0 == 0x09 }) else { return nil }
        return (String(decoding: key, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" }

    /// Trims ASCII spaces, tabs and the ideographic space U+3000 at both ends.
    static func trim(_ s: String) -> String {
        let isTrim: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" || $0 == "\r" }
        let u = s.unicodeScalars
        guard let first = u.firstIndex(where: { !isTrim($0) }), let last = u.lastIndex(where: { !isTrim($0) }) else { return "" }
        return String(u[first...last])
    }

    /// HTTP methods and `Host:`: a browser or proxy talking to the port (Redis's cross-protocol defence).
    static let httpMethods: Set<String> = ["GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"]

    /// True when a line looks like HTTP: it is closed without a reply.
    static func looksLikeHTTP(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(8)
        if let sp = head.firstIndex(of: 0x20), httpMethods.contains(String(decoding: head[..<sp], as: UTF8.self)) { return true }
        return bytes.count >= 5 && String(decoding: bytes.prefix(5), as: UTF8.self).lowercased() == "host:"
    }
}
