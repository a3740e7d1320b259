/// A page parsed into a light element tree (parent links, open/close/text items in document
/// order), in time linear in its bytes and memory bounded by its text.
///
/// A hand-written tokenizer over the UTF-8 bytes: comments, `<script>`/`<style>` and other raw-text
/// elements are skipped whole; `<p>`, `<li>`, `<tr>`, `<td>` close their open predecessor as HTML
/// does; a closing tag closes the nearest open element of its name, or nothing. Malformed markup
/// never throws. Elements past ``maxElements`` or deeper than ``maxDepth`` are not recorded (their
/// text still is), so 50 MB of nested tags costs no more than the text they hold.
struct HTMLDocument {
    /// More elements than a real page has (a 150 KB government page has 3,000–6,000): past it, tags
    /// are ignored and text runs on, so a hostile page cannot grow the tree without bound.
    static let maxElements = 200_000
    /// Deeper than any real layout (gov.cn nests tables 12 deep); deeper tags are ignored.
    static let maxDepth = 400
    /// A tag longer than this without its `>` is taken as text (an unclosed quote must not swallow the page).
    static let maxTagBytes = 16_384

    struct Element {
        var name: String
        var parent: Int
        var depth: Int
        /// `hidden`, `aria-hidden="true"` or `display:none` on the element itself.
        var hidden: Bool
        var attributes: [String: String]
        // Tables: counted while the table is open, decided when it closes.
        var rows = 0
        var maxCells = 0
        var cellsInRow = 0
        var hasNestedTable = false
        var hasHeaderCell = false
        var isDataTable = false
    }

    enum Item {
        case open(Int)
        case close(Int)
        case text(String)
    }

    var elements: [Element] = []
    var items: [Item] = []
    /// The text of `<title>`.
    var title: String?

    /// Elements with no content and no closing tag.
    static let voidElements: Set<String> = [
        "br", "img", "hr", "meta", "link", "input", "wbr", "area", "base", "col", "embed", "source", "track", "param",
    ]
    /// Elements whose content is not markup: skipped to their closing tag (`title` is read).
    static let rawTextElements: Set<String> = ["script", "style", "title", "textarea", "xmp", "noscript", "template", "svg"]
    /// Opening one of these closes an open element of the same family in scope, as browsers do.
    static let impliedClose: [String: (family: Set<String>, scope: Set<String>)] = [
        "p": (["p"], ["div", "td", "th", "li", "table", "body", "blockquote", "section", "article"]),
        "li": (["li"], ["ul", "ol", "table"]),
        "dt": (["dt", "dd"], ["dl", "table"]),
        "dd": (["dt", "dd"], ["dl", "table"]),
        "tr": (["tr", "td", "th"], ["table"]),
        "td": (["td", "th"], ["tr", "table"]),
        "th": (["td", "th"], ["tr", "table"]),
        "option": (["option"], ["select"]),
    ]
    /// Block elements that end an open paragraph when they open.
    static let closesParagraph: Set<String> = [
        "div", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section",
        "article", "header", "footer", "form", "hr", "nav", "aside", "main", "figure",
    ]
    /// Attributes kept (the rest are read past).
    static let keptAttributes: Set<String> = ["id", "class", "name", "content", "property", "role", "style", "hidden", "aria-hidden", "http-equiv", "itemprop"]

    init(_ html: String) {
        var html = html
        html.withUTF8 { parse($0) }
    }

    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>) {
        let n = b.count
        var stack: [Int] = []   // open recorded elements
        var ignoredDepth = 0    // open tags past the limits, not recorded
        var text: [UInt8] = []
        var i = 0

        func flushText() {
            guard !text.isEmpty else { return }
            let s = HTMLDocument.collapse(text)
            text.removeAll(keepingCapacity: true)
            if s.isEmpty { return }
            if case .text(let previous)? = items.last {
                items[items.count - 1] = .text(previous + s)
            } else {
                items.append(.text(s))
            }
        }
        func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }
        func isNameByte(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F || c == 0x3A
        }
        /// The index of `needle` (lowercase ASCII) at or after `from`, compared case-insensitively.
        func find(_ needle: [UInt8], from: Int) -> Int? {
            guard let first = needle.first else { return from }
            var j = from
            while j + needle.count <= n {
                if lower(b[j]) == first {
                    var k = 1
                    while k < needle.count && lower(b[j + k]) == needle[k] { k += 1 }
                    if k == needle.count { return j }
                }
                j += 1
            }
            return nil
        }
        func close(to index: Int) {
            while stack.count > index {
                let e = stack.removeLast()
                items.append(.close(e))
                finishElement(e)
            }
        }

        while i < n {
            let c = b[i]
            guard c == 0x3C, i + 1 < n else {  // '<'
                text.append(c)
                i += 1
                continue
            }
            let next = b[i + 1]
            // Comment, doctype, processing instruction.
            if next == 0x21 || next == 0x3F {
                if next == 0x21 && i + 3 < n && b[i + 2] == 0x2D && b[i + 3] == 0x2D {
                    i = (find(Array("-->".utf8), from: i + 4).map { $0 + 3 }) ?? n
                } else {
                    var j = i + 2
                    while j < n && b[j] != 0x3E { j += 1 }
                    i = min(j + 1, n)
                }
                continue
            }
            let closing = next == 0x2F
            var j = closing ? i + 2 : i + 1
            let nameStart = j
            guard j < n, (b[j] >= 0x61 && b[j] <= 0x7A) || (b[j] >= 0x41 && b[j] <= 0x5A) else {
                text.append(c)  // a lone '<' in text
                i += 1
                continue
            }
            while j < n && isNameByte(b[j]) { j += 1 }
            let name = String(decoding: b[nameStart..<j].map(lower), as: UTF8.self)
            // Attributes up to '>', quotes honoured, bounded.
            let attrStart = j
            var quote: UInt8 = 0
            while j < n && j - i < HTMLDocument.maxTagBytes {
                let d = b[j]
                if quote != 0 { if d == quote { quote = 0 } } else if d == 0x22 || d == 0x27 { quote = d } else if d == 0x3E { break }
                j += 1
            }
            guard j < n, b[j] == 0x3E else {
                text.append(c)  // no end to this tag: text
                i += 1
                continue
            }
            let selfClosing = j > attrStart && b[j - 1] == 0x2F
            let attrEnd = j
            i = j + 1
            flushText()

            if closing {
                // Close the nearest open element of this name (not far down: a stray tag closes nothing).
                if let k = stack.indices.reversed().prefix(64).first(where: { elements[stack[$0]].name == name }) {
                    close(to: k)
                } else if ignoredDepth > 0 {
                    ignoredDepth -= 1
                }
                continue
            }
            // Raw text: skip to the closing tag.
            if HTMLDocument.rawTextElements.contains(name) && !selfClosing {
                let end = find(Array("</\(name)".utf8), from: i) ?? n
                if name == "title" && title == nil {
                    let t = HTMLText.decodeEntities(HTMLDocument.collapse(Array(b[i..<end]))).trimmingSpaces()
                    if !t.isEmpty { title = t }
                }
                if end < n {
                    var k = end
                    while k < n && b[k] != 0x3E { k += 1 }
                    i = min(k + 1, n)
                } else {
                    i = n
                }
                continue
            }
            let attributes = HTMLDocument.attributes(b, attrStart..<attrEnd)
            if let rule = HTMLDocument.impliedClose[name] {
                if let k = stack.indices.reversed().prefix(64).first(where: { idx in
                    rule.family.contains(elements[stack[idx]].name) || rule.scope.contains(elements[stack[idx]].name)
                }), rule.family.contains(elements[stack[k]].name) {
                    close(to: k)
                }
            }
            if HTMLDocument.closesParagraph.contains(name),
               let k = stack.indices.reversed().prefix(8).first(where: { elements[stack[$0]].name == "p" }) {
                close(to: k)
            }
            let isVoid = HTMLDocument.voidElements.contains(name) || selfClosing
            guard elements.count < HTMLDocument.maxElements, stack.count < HTMLDocument.maxDepth else {
                if !isVoid { ignoredDepth += 1 }
                continue
            }
            let style = attributes["style"]?.lowercased().filter { $0 != " " } ?? ""
            let hidden = attributes["hidden"] != nil || attributes["aria-hidden"] == "true" || style.contains("display:none")
                || style.contains("visibility:hidden")
            let index = elements.count
            elements.append(Element(name: name, parent: stack.last ?? -1, depth: stack.count, hidden: hidden, attributes: attributes))
            noteOpened(index, in: stack)
            items.append(.open(index))
            if isVoid {
                items.append(.close(index))
            } else {
                stack.append(index)
            }
        }
        flushText()
        close(to: 0)
    }

    /// Table bookkeeping when an element opens.
    private mutating func noteOpened(_ index: Int, in stack: [Int]) {
        let name = elements[index].name
        guard name == "table" || name == "tr" || name == "td" || name == "th" else { return }
        guard let table = stack.last(where: { elements[$0].name == "table" }) else { return }
        switch name {
        case "table": elements[table].hasNestedTable = true
        case "tr":
            elements[table].rows += 1
            elements[table].cellsInRow = 0
        default:
            elements[table].cellsInRow += 1
            elements[table].maxCells = max(elements[table].maxCells, elements[table].cellsInRow)
            if name == "th" { elements[table].hasHeaderCell = true }
        }
    }

    /// A table is data (rows of cells) or layout (boxes holding the page), decided when it closes:
    /// a table holding another table, or of one row or one column, is layout; so is one marked
    /// `role="presentation"`.
    private mutating func finishElement(_ index: Int) {
        guard elements[index].name == "table" else { return }
        let t = elements[index]
        elements[index].isDataTable = !t.hasNestedTable && t.attributes["role"] != "presentation" && t.rows >= 2 && t.maxCells >= 2
    }

    /// Attributes of a tag (names lowercased, entities decoded); only ``keptAttributes``.
    static func attributes(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [String: String] {
        var out: [String: String] = [:]
        var j = range.lowerBound
        let end = range.upperBound
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C || c == 0x2F }
        while j < end {
            while j < end && isSpace(b[j]) { j += 1 }
            let ns = j
            while j < end && !isSpace(b[j]) && b[j] != 0x3D && b[j] != 0x3E { j += 1 }
            if ns == j { j += 1; continue }
            let name = String(decoding: b[ns..<j], as: UTF8.self).lowercased()
            while j < end && (b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D) { j += 1 }
            var value = ""
            if j < end && b[j] == 0x3D {
                j += 1
                while j < end && (b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D) { j += 1 }
                if j < end && (b[j] == 0x22 || b[j] == 0x27) {
                    let q = b[j]
                    let vs = j + 1
                    j = vs
                    while j < end && b[j] != q { j += 1 }
                    value = String(decoding: b[vs..<j], as: UTF8.self)
                    j += 1
                } else {
                    let vs = j
                    while j < end && !isSpace(b[j]) && b[j] != 0x3E { j += 1 }
                    value = String(decoding: b[vs..<j], as: UTF8.self)
                }
            }
            if keptAttributes.contains(name) && out[name] == nil && value.utf8.count <= 2048 {
                out[name] = HTMLText.decodeEntities(value)
            }
        }
        return out
    }

    /// Bytes of text → a String with entities decoded and runs of ASCII white space (line breaks
    /// included: they are layout in HTML) collapsed to one space.
    static func collapse(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var space = false
        for c in bytes {
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C {
                space = true
            } else {
                if space { out.append(0x20) }
                space = false
                out.append(c)
            }
        }
        if space { out.append(0x20) }
        return HTMLText.decodeEntities(String(decoding: out, as: UTF8.self))
    }

    /// `<meta name=… content=…>` (or `property=`), names lowercased, first occurrence kept.
    var metas: [String: String] {
        var out: [String: String] = [:]
        for e in elements where e.name == "meta" {
            guard let key = (e.attributes["name"] ?? e.attributes["property"] ?? e.attributes["itemprop"])?.lowercased(),
                  let value = e.attributes["content"]?.trimmingSpaces(), !value.isEmpty, out[key] == nil else { continue }
            out[key] = value
        }
        return out
    }
}
