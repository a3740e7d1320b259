/// Inline HTML and template code out of a Markdown line, on its UTF-8 bytes: comments,
/// `<style>`/`<script>` elements and Liquid tags (`{% … %}`, `{{ … }}`), each possibly running over
/// several lines, then tags (`<img …>`, `<strong>2003年</strong>` → `2003年`) and entities.
/// Every needle is ASCII, so a byte match is a match of characters and a cut keeps the UTF-8 valid.
enum InlineMarkup {
    /// What an earlier line left open.
    struct State {
        var inComment = false
        /// Inside `<style>` or `<script>`: the lowercase closing tag's start (`</style`).
        var rawUntil: [UInt8]? = nil
        var inLiquid = false
        var isOpen: Bool { inComment || rawUntil != nil || inLiquid }
    }

    static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), brace = UInt8(ascii: "{"), amp = UInt8(ascii: "&"),
               cr = UInt8(ascii: "\r"), bang = UInt8(ascii: "!"), slash = UInt8(ascii: "/"), backtick = UInt8(ascii: "`")

    /// Whether a line's bytes hold anything ``stripped(_:state:)`` would change.
    static func mayHoldMarkup(_ u: Substring.UTF8View) -> Bool {
        func holds(_ b: UInt8) -> Bool { b == lt || b == brace || b == amp || b == cr }
        return u.withContiguousStorageIfAvailable { $0.contains(where: holds) } ?? u.contains(where: holds)
    }

    /// The line with markup out (not trimmed), continuing what `state` says is open; nil when the
    /// whole line is inside a comment, raw-text element or Liquid tag that does not close on it.
    static func stripped(_ sub: Substring, state: inout State) -> String? {
        var b = Array(sub.utf8)
        if b.last == cr { b.removeLast() }
        if state.inComment {
            guard let r = find(Array("-->".utf8), in: b) else { return nil }
            b.removeSubrange(..<r.upperBound); state.inComment = false
        }
        if let until = state.rawUntil {
            guard let r = find(until, in: b, caseInsensitive: true) else { return nil }
            b.removeSubrange(..<r.upperBound); state.rawUntil = nil
            if let g = b.firstIndex(of: gt) { b.removeSubrange(...g) }
        }
        if state.inLiquid {
            guard let r = find(Array("%}".utf8), in: b) ?? find(Array("}}".utf8), in: b) else { return nil }
            b.removeSubrange(..<r.upperBound); state.inLiquid = false
        }
        // Markdown's code spans are literal text (`<w:p>`, `<!-- INFO END -->` quoted in prose).
        var literal: [Bool]? { b.contains(backtick) ? codeSpans(b) : nil }
        let opensComment = zip(b, b.dropFirst()).contains { $0 == lt && $1 == bang }
        let opensRawText = zip(b, b.dropFirst()).contains { $0 == lt && $1 | 0x20 == UInt8(ascii: "s") }
        if opensComment, let r = find(Array("<!--".utf8), in: b, literal: literal) {
            if let e = find(Array("-->".utf8), in: b, from: r.upperBound) {
                b.removeSubrange(r.lowerBound..<e.upperBound)
            } else {
                b.removeSubrange(r.lowerBound...); state.inComment = true
            }
        }
        for tag in ["style", "script"] where opensRawText {
            if let r = find(Array(("<" + tag).utf8), in: b, caseInsensitive: true, literal: literal) {
                if let e = find(Array(("</" + tag + ">").utf8), in: b, from: r.upperBound, caseInsensitive: true) {
                    b.removeSubrange(r.lowerBound..<e.upperBound)
                } else {
                    b.removeSubrange(r.lowerBound...); state.rawUntil = Array(("</" + tag).utf8)
                }
            }
        }
        stripLiquid(&b, open: &state.inLiquid)
        if b.contains(lt) { b = strippedTags(b, literal: literal) }
        let line = String(decoding: b, as: UTF8.self)
        return b.contains(amp) ? HTMLText.decodeEntities(line) : line
    }

    /// `{% … %}` and `{{ … }}` removed (the first `{%` before any `{{`); an unclosed one runs to a later line.
    static func stripLiquid(_ b: inout [UInt8], open: inout Bool) {
        guard b.contains(brace) else { return }
        let percentOpen = Array("{%".utf8), braceOpen = Array("{{".utf8)
        while let (r, closer) = find(percentOpen, in: b).map({ ($0, Array("%}".utf8)) })
                ?? find(braceOpen, in: b).map({ ($0, Array("}}".utf8)) }) {
            if let e = find(closer, in: b, from: r.upperBound) {
                b.removeSubrange(r.lowerBound..<e.upperBound)
            } else {
                b.removeSubrange(r.lowerBound...); open = true
                break
            }
        }
    }

    /// Tags out of one line, each for a space; a `<` that opens no tag stays. A tag name starts
    /// with an ASCII letter (as in HTML's tokenizer): `《关于修改<中华人民共和国建筑法>的决定》` is text.
    static func strippedTags(_ b: [UInt8], literal: [Bool]? = nil) -> [UInt8] {
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == lt && literal?[i] != true {
                let next = i + 1
                let afterSlash = next < b.count && b[next] == slash ? next + 1 : next
                if next < b.count, b[next] == bang || (afterSlash < b.count && isLetter(b[afterSlash])),
                   let close = b[next...].firstIndex(of: gt) {
                    out.append(UInt8(ascii: " "))
                    i = close + 1
                    continue
                }
            }
            out.append(b[i])
            i += 1
        }
        return out
    }

    /// The bytes inside code spans: from a run of backticks to the next run of the same length
    /// (CommonMark); an unmatched run opens nothing.
    static func codeSpans(_ b: [UInt8]) -> [Bool] {
        var mask = [Bool](repeating: false, count: b.count)
        func run(at i: Int) -> Int { var j = i; while j < b.count && b[j] == backtick { j += 1 }; return j - i }
        var i = 0
        while i < b.count {
            guard b[i] == backtick else { i += 1; continue }
            let n = run(at: i)
            var j = i + n
            var close: Int? = nil
            while j < b.count {
                if b[j] == backtick { let m = run(at: j); if m == n { close = j; break }; j += m } else { j += 1 }
            }
            guard let c = close else { i += n; continue }
            for k in (i + n)..<c { mask[k] = true }
            i = c + n
        }
        return mask
    }

    /// The first occurrence of `needle` in `b` at or after `from`; ASCII letters matched without
    /// case when asked.
    /// `literal` marks bytes inside a code span, where no markup opens.
    static func find(_ needle: [UInt8], in b: [UInt8], from: Int = 0, caseInsensitive: Bool = false,
                     literal: [Bool]? = nil) -> Range<Int>? {
        guard !needle.isEmpty, b.count >= needle.count else { return nil }
        func fold(_ c: UInt8) -> UInt8 { caseInsensitive && c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        let n = needle.map(fold)
        var i = from
        while i + n.count <= b.count {
            if fold(b[i]) == n[0] && literal?[i] != true {
                var k = 1
                while k < n.count && fold(b[i + k]) == n[k] { k += 1 }
                if k == n.count { return i..<(i + n.count) }
            }
            i += 1
        }
        return nil
    }
}
