import Foundation

/// Reads the HTML wvWare writes for a Word 97–2003 document: a `<div name="STYLE" align=…>`
/// around each paragraph, `<H1>`… for the built-in heading styles, `<br>` for line breaks,
/// `<table>` rows and cells with `rowspan`/`colspan`. A scanner for that dialect, not an HTML
/// parser: the input is one program's output.
enum WvWareHTML {
    /// Stand-ins for the type sizes wvWare does not report, for ``LayoutTitle``: a centred
    /// heading is the title's look, then a heading or a centred line, then the body.
    static let bodySize = 1.0, centredBonus = 0.5, headingBonus = 0.5

    /// A table being read.
    private struct Table {
        var rows: [[String]] = []
        var row: [String]? = nil
        var cell: String? = nil
        var span = 1
        /// Whether the open cell starts a vertical merge (rowspan > 1).
        var opensMerge = false
        /// Inside a merged cell's empty continuation.
        var skippingMergedCell = false
        /// The text of the cell that opened a vertical merge, by column.
        var merged: [Int: String] = [:]
    }

    static func parse(_ bytes: [UInt8]) -> OfficeText {
        var out = OfficeText()
        var paragraph: String? = nil
        var level: Int? = nil, centred = false
        var table: Table? = nil
        var skip = 0  // inside <head>, <style>, <script>
        var i = 0
        let n = bytes.count

        func flushParagraph() {
            guard let p = paragraph else { return }
            paragraph = nil
            if table?.cell != nil {
                table!.cell! += "\n" + p
                return
            }
            let size = bodySize + (centred ? centredBonus : 0) + (level != nil ? headingBonus : 0)
            out.paragraph(p, headingLevel: level, size: size)
        }
        func text(_ s: String) {
            guard skip == 0 else { return }
            if paragraph != nil { paragraph! += s } else if table?.cell != nil { table!.cell! += s } else if !s.allSatisfy(\.isWhitespace) { paragraph = s }
        }

        while i < n {
            if bytes[i] == UInt8(ascii: "<") {
                // A comment.
                if i + 3 < n && bytes[i + 1] == UInt8(ascii: "!") && bytes[i + 2] == UInt8(ascii: "-") && bytes[i + 3] == UInt8(ascii: "-") {
                    var j = i + 4
                    while j + 2 < n && !(bytes[j] == UInt8(ascii: "-") && bytes[j + 1] == UInt8(ascii: "-") && bytes[j + 2] == UInt8(ascii: ">")) { j += 1 }
                    i = j + 3
                    continue
                }
                var j = i + 1
                while j < n && bytes[j] != UInt8(ascii: ">") { j += 1 }
                let tag = String(decoding: bytes[(i + 1)..<min(j, n)], as: UTF8.self)
                i = j + 1
                let closing = tag.hasPrefix("/")
                let name = (closing ? tag.dropFirst() : Substring(tag)).prefix { $0.isLetter || $0.isNumber }.lowercased()
                switch (name, closing) {
                case ("head", false), ("style", false), ("script", false), ("title", false): skip += 1
                case ("head", true), ("style", true), ("script", true), ("title", true): skip = max(0, skip - 1)
                case ("div", false):
                    flushParagraph()
                    let style = styleName(attribute("name", in: tag))
                    level = style.flatMap(WordStyles.level(ofName:))
                    centred = attribute("align", in: tag)?.lowercased() == "center"
                case ("h1", false), ("h2", false), ("h3", false), ("h4", false), ("h5", false), ("h6", false):
                    flushParagraph()
                    level = Int(name.dropFirst())
                case ("p", false):
                    flushParagraph()
                    if let s = attribute("style", in: tag), s.contains("text-align: center") { centred = true }
                case ("p", true), ("div", true), ("h1", true), ("h2", true), ("h3", true), ("h4", true), ("h5", true), ("h6", true):
                    flushParagraph()
                    if name == "div" || name.hasPrefix("h") { level = nil; centred = false }
                case ("br", _): text("\n")
                case ("table", false):
                    flushParagraph()
                    if table == nil { table = Table() }
                case ("tr", false): table?.row = []
                case ("td", false), ("th", false):
                    flushParagraph()
                    guard var t = table, let row = t.row else { break }
                    // Where a vertically merged cell goes on, wvWare writes an empty rowspan="0"
                    // cell: it gets the text of the cell that opened the merge.
                    if attribute("rowspan", in: tag) == "0", let merged = t.merged[row.count] {
                        t.row!.append(merged)
                        t.skippingMergedCell = true
                        skip += 1
                    } else {
                        t.cell = ""
                        t.span = max(1, min(Int(attribute("colspan", in: tag) ?? "1") ?? 1, 64))
                        t.opensMerge = (Int(attribute("rowspan", in: tag) ?? "1") ?? 1) > 1
                    }
                    table = t
                case ("td", true), ("th", true):
                    guard var t = table else { break }
                    if t.skippingMergedCell { t.skippingMergedCell = false; skip = max(0, skip - 1); table = t; break }
                    flushParagraph()
                    t = table!
                    guard let cell = t.cell else { break }
                    let parts = cell.split(separator: "\n").map { LineMarkup.collapsed(String($0)) }.filter { !$0.isEmpty }
                    let text = parts.dropFirst().reduce(parts.first ?? "") { LineMarkup.join($0, $1) }
                    let column = t.row?.count ?? 0
                    if t.opensMerge { t.merged[column] = text }
                    t.row?.append(text)
                    for _ in 1..<t.span { t.row?.append("") }
                    t.cell = nil
                    table = t
                case ("tr", true):
                    if let row = table?.row { table!.rows.append(row) }
                    table?.row = nil
                case ("table", true):
                    if let t = table { for row in t.rows { out.tableRow(row) } }
                    table = nil
                default: break
                }
                continue
            }
            var j = i
            while j < n && bytes[j] != UInt8(ascii: "<") { j += 1 }
            let chunk = String(decoding: bytes[i..<j], as: UTF8.self).replacingOccurrences(of: "\n", with: "")
            text(HTMLText.decodeEntities(chunk))  // the one entity table (Cleaning/HTMLText)
            i = j
        }
        flushParagraph()
        if let t = table { for row in t.rows { out.tableRow(row) } }
        return out
    }

    /// An attribute's value in a tag's text (`name="value"`).
    static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: name + "=\"") else { return nil }
        let rest = tag[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// wvWare writes a style's name as its UTF-8 bytes read as Latin-1 (`æ é¢ 1` for 标题 1):
    /// the name's code points, each below 256, are those bytes.
    static func styleName(_ raw: String?) -> String? {
        guard let raw else { return nil }
        let scalars = raw.unicodeScalars
        guard scalars.allSatisfy({ $0.value < 256 }) else { return raw }
        let bytes = scalars.map { UInt8($0.value) }
        return String(validatingUTF8: bytes.map { CChar(bitPattern: $0) } + [0]) ?? raw
    }
}
