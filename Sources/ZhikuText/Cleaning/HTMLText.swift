/// Strips an HTML page to text lines: tags out, `<script>`, `<style>`, comments and `<nav>`
/// dropped with their contents, block elements turned into line breaks, entities decoded.
///
/// A hand-written scanner, linear in the input; malformed markup never throws.
public enum HTMLText {
    /// Elements whose content is never text.
    static let dropped: Set<String> = ["script", "style", "noscript", "template", "svg", "nav", "head"]
    /// Elements that end a line.
    static let blocks: Set<String> = [
        "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
        "article", "header", "footer", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr", "title",
        "form", "center", "main", "aside",
    ]

    /// Whether `text` looks like an HTML document.
    public static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(512).lowercased()
        // Byte search: Foundation's `contains` folds character clusters at every position.
        return head.hasBytes("<!doctype html") || head.hasBytes("<html") || head.hasBytes("<body")
    }

    /// The text of `<title>`, if any.
    public static func title(of html: String) -> String? {
        let scalars = Array(html.unicodeScalars.prefix(200_000))
        let lower = scalars.map { $0.properties.lowercaseMapping.unicodeScalars.first ?? $0 }
        let open = Array("<title".unicodeScalars), close = Array("</title".unicodeScalars)
        guard let a = find(open, in: lower, from: 0), let gt = lower[a...].firstIndex(of: ">"),
              let b = find(close, in: lower, from: gt) else { return nil }
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[(gt + 1)..<b])
        let t = decodeEntities(String(s)).trimmingSpaces()
        return t.isEmpty ? nil : t
    }

    static func find(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar], from: Int) -> Int? {
        guard needle.count <= hay.count else { return nil }
        var i = from
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    /// The visible text of `html`, one line per block.
    public static func text(of html: String) -> String {
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        var skipUntil: String? = nil  // closing tag name of a dropped element
        while i < s.count {
            let c = s[i]
            if c == "<" {
                // Comment
                if i + 3 < s.count && s[i + 1] == "!" && s[i + 2] == "-" && s[i + 3] == "-" {
                    var j = i + 4
                    while j + 2 < s.count && !(s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">") { j += 1 }
                    i = min(j + 3, s.count)
                    continue
                }
                var j = i + 1
                var closing = false
                if j < s.count && s[j] == "/" { closing = true; j += 1 }
                var name = ""
                while j < s.count, s[j].properties.isAlphabetic || (s[j].value >= 0x30 && s[j].value <= 0x39) {
                    name.unicodeScalars.append(s[j]); j += 1
                }
                if name.isEmpty && !(j < s.count && (s[j] == "!" || s[j] == "?")) {
                    if skipUntil == nil { out.append(c) }  // a lone '<' in text
                    i += 1
                    continue
                }
                // Find the end of the tag, honouring quoted attribute values.
                var quote: Unicode.Scalar? = nil
                while j < s.count {
                    let d = s[j]
                    if let q = quote { if d == q { quote = nil } } else if d == "\"" || d == "'" { quote = d } else if d == ">" { break }
                    j += 1
                }
                let lname = name.lowercased()
                i = min(j + 1, s.count)
                if let until = skipUntil {
                    if closing && lname == until { skipUntil = nil }
                    continue
                }
                if !closing && dropped.contains(lname) && !(j > 0 && s[j - 1] == "/") {
                    skipUntil = lname
                    continue
                }
                if blocks.contains(lname) { out.append("\n") }
                continue
            }
            if skipUntil == nil { out.append(c) }
            i += 1
        }
        return decodeEntities(String(out))
    }

    static let named: [String: String] = [
        "nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "mdash": "—", "ndash": "–", "hellip": "…", "middot": "·", "emsp": " ",
        "ensp": " ", "thinsp": " ", "copy": "©", "reg": "®", "times": "×", "divide": "÷", "deg": "°",
        "plusmn": "±", "yen": "¥", "laquo": "«", "raquo": "»", "bull": "•", "sup2": "²", "zwsp": "",
    ]

    /// Decodes named and numeric character references; unknown ones are kept as written.
    public static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "&" {
                var j = i + 1
                var body = ""
                while j < s.count && j - i <= 10 && s[j] != ";" && s[j] != "&" && !CharClass.isSpace(s[j].value) {
                    body.unicodeScalars.append(s[j]); j += 1
                }
                if j < s.count && s[j] == ";" && !body.isEmpty {
                    if body.hasPrefix("#") {
                        let digits = body.dropFirst()
                        let value: UInt32? = digits.hasPrefix("x") || digits.hasPrefix("X")
                            ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                        if let v = value, let u = Unicode.Scalar(v), v != 0 {
                            out.append(u); i = j + 1; continue
                        }
                    } else if let r = named[body.lowercased()] {
                        out.append(contentsOf: r.unicodeScalars); i = j + 1; continue
                    }
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }
}

extension String {
    /// Trims white space of every width (NBSP, ideographic space) and line breaks from both ends.
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex, end = scalars.endIndex
        func isWS(_ s: Unicode.Scalar) -> Bool { CharClass.isSpace(s.value) || s == "\n" || s == "\r" }
        while start < end, isWS(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isWS(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }
}
