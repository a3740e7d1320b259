/// One line of a page as a reader sees it: a paragraph, a heading or a table row, with how much of
/// it is link text and which element holds it.
struct PageBlock {
    enum Kind: Equatable { case text, heading(Int), row }
    var kind: Kind
    var text: String
    /// Code points of the text inside `<a>`.
    var linkCount: Int
    /// Code points of the text.
    var count: Int
    /// The innermost block element holding the line (for a row, its table); -1 for none.
    var owner: Int
    /// Inside `<nav>`, `<aside>` or `<footer>`: page furniture by the page's own markup.
    var furniture: Bool
}

/// Linearizes an ``HTMLDocument`` into ``PageBlock``s: block elements end lines, `<br>` ends a
/// line, hidden elements and controls (`<select>`, `<button>`, `<iframe>`) are dropped, a data
/// table becomes one row line per `<tr>` (``TableRow``) and a layout table's cells become lines.
enum PageBlocks {
    static let blockElements: Set<String> = [
        "p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
        "header", "footer", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr", "form", "center", "main",
        "aside", "nav", "figure", "figcaption", "caption", "tbody", "thead", "tfoot", "address", "fieldset", "legend",
        "body", "html",
    ]
    /// Controls and embedded objects: never text of the document.
    static let dropped: Set<String> = ["select", "option", "button", "iframe", "object", "embed", "canvas", "audio", "video", "map", "head"]
    static let furnitureElements: Set<String> = ["nav", "aside", "footer"]

    static func blocks(of doc: HTMLDocument) -> [PageBlock] {
        var blocks: [PageBlock] = []
        var stack: [Int] = []
        var skipUntil: Int? = nil      // stack height at which a skipped subtree ends
        var linkDepth = 0
        var furnitureDepth = 0
        var line = "", lineLinks = 0, lineOwner = -1
        var cell: String? = nil
        var row: [String]? = nil
        var rowLinks = 0
        var rowTable = -1

        func ownerNow() -> Int { stack.last(where: { blockElements.contains(doc.elements[$0].name) }) ?? -1 }
        func headingLevel() -> Int {
            for e in stack.reversed() {
                let name = doc.elements[e].name
                if name.count == 2, name.first == "h", let d = name.last?.wholeNumberValue, (1...6).contains(d) { return d }
            }
            return 0
        }
        func flushLine() {
            let t = line.trimmingSpaces()
            if !t.isEmpty {
                let level = headingLevel()
                blocks.append(PageBlock(kind: level > 0 ? .heading(level) : .text, text: t, linkCount: lineLinks,
                                        count: t.unicodeScalars.count, owner: lineOwner, furniture: furnitureDepth > 0))
            }
            line = ""; lineLinks = 0; lineOwner = -1
        }
        func finishCell() {
            if let c = cell { row?.append(c) }
            cell = nil
        }
        func finishRow() {
            finishCell()
            if let cells = row, let text = TableRow.line(cells) {
                blocks.append(PageBlock(kind: .row, text: text, linkCount: rowLinks, count: text.unicodeScalars.count,
                                        owner: rowTable, furniture: furnitureDepth > 0))
            }
            row = nil; rowLinks = 0
        }
        /// The innermost table on the stack, if it is a data table.
        func dataTable() -> Int? {
            guard let t = stack.last(where: { doc.elements[$0].name == "table" }) else { return nil }
            return doc.elements[t].isDataTable ? t : nil
        }

        for item in doc.items {
            switch item {
            case .open(let e):
                let el = doc.elements[e]
                stack.append(e)
                if skipUntil != nil { continue }
                if el.hidden || dropped.contains(el.name) { skipUntil = stack.count - 1; continue }
                if el.name == "a" { linkDepth += 1 }
                if furnitureElements.contains(el.name) { furnitureDepth += 1 }
                if let table = dataTable() {
                    switch el.name {
                    case "tr": flushLine(); finishRow(); row = []; rowTable = table
                    case "td", "th": finishCell(); if row == nil { row = []; rowTable = table }; cell = ""
                    case "table": break
                    default: if blockElements.contains(el.name) || el.name == "br" { cell? += " " }
                    }
                } else if el.name == "br" || blockElements.contains(el.name) {
                    flushLine()
                }
            case .close(let e):
                guard let top = stack.last else { continue }
                _ = top
                stack.removeLast()
                if let s = skipUntil {
                    if stack.count <= s { skipUntil = nil }
                    continue
                }
                let el = doc.elements[e]
                if el.name == "a" { linkDepth = max(0, linkDepth - 1) }
                if furnitureElements.contains(el.name) { furnitureDepth = max(0, furnitureDepth - 1) }
                if el.name == "table" && el.isDataTable {
                    finishRow()
                } else if row != nil && (el.name == "tr") {
                    finishRow()
                } else if row != nil && (el.name == "td" || el.name == "th") {
                    finishCell()
                } else if row == nil && blockElements.contains(el.name) {
                    flushLine()
                }
            case .text(let s):
                if skipUntil != nil { continue }
                if row != nil {
                    if cell == nil {
                        // White space between cells is layout, not a cell.
                        if s.trimmingSpaces().isEmpty { continue }
                        cell = ""
                    }
                    cell? += s
                    if linkDepth > 0 { rowLinks += s.unicodeScalars.count }
                } else {
                    if line.isEmpty { lineOwner = ownerNow() }
                    line += s
                    if linkDepth > 0 { lineLinks += s.trimmingSpaces().unicodeScalars.count }
                }
            }
        }
        flushLine()
        finishRow()
        return blocks
    }
}
