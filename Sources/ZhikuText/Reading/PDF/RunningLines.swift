import Foundation

/// Running headers, running footers and page numbers: the rows at the top or bottom of a page
/// that come back, the same but for their numbers, on many pages.
///
/// The method is general (no list of phrases): the first and last ``edgeRows`` rows of every page
/// are keyed by their text with white space removed and every digit made `#` (`第 3 页，共 5 页`
/// and `第 4 页，共 5 页` share a key); a key found at the same edge of at least ``minShare`` of
/// the pages, and of two pages at least, is chrome. A page's first or last row that is only a
/// page number (`3`, `- 3 -`, `第3页`, `3/5`) goes too, on any page count. A row that spans
/// most of the page's text width is body text whatever it repeats (pages of a form that all
/// open with the same sentence): headers and footers are short. A row of three or
/// more cells is a table's header repeated on each page, not chrome: it stays (``PDFBlocks``
/// joins the table's pages and drops the repeats).
enum RunningLines {
    /// Rows looked at on each edge of a page: a header and a rule title, or a footer and a number.
    static let edgeRows = 3
    /// The share of pages a line must repeat on. A half: headers that alternate between odd and
    /// even pages (the document's title, then the chapter's) each stand on half of them; the
    /// first page, a cover, often has none.
    static let minShare = 0.4
    /// Rows in this top or bottom share of the page's height count as its edge.
    static let edgeZone = 0.2
    /// A row wider than this share of the page's text block is a line of body text.
    static let maxWidth = 0.8

    /// Removes running rows from `pages` (rows sorted top to bottom; `heights` in points).
    static func remove(from pages: inout [[PDFRow]], heights: [Double]) {
        var counts: [String: Set<Int>] = [:]
        func edges(_ rows: [PDFRow], height: Double) -> [(index: Int, key: String)] {
            var result: [(Int, String)] = []
            let left = rows.map(\.x0).min() ?? 0, right = rows.map(\.x1).max() ?? 0
            // The second line of a wrapped paragraph (the line above it full, same size, close).
            let continuation = { (i: Int) -> Bool in
                guard i > 0 else { return false }
                let a = rows[i - 1], r = rows[i]
                return abs(a.size - r.size) <= 0.1 * r.size && a.x1 >= right - 2 * a.em && r.y0 - a.y1 <= 1.2 * r.size
            }
            let short = { (i: Int) -> Bool in
                let r = rows[i]
                return r.segments.count < 3 && r.x1 - r.x0 <= maxWidth * (right - left) && !continuation(i)
                    && !(i + 1 < rows.count && continuation(i + 1))
            }
            for (i, r) in rows.enumerated().prefix(edgeRows) where short(i) && (height <= 0 || r.y1 <= height * edgeZone || i == 0) {
                result.append((i, "top:" + key(r.text)))
            }
            for (i, r) in rows.enumerated().suffix(edgeRows) where short(i) && (height <= 0 || r.y0 >= height * (1 - edgeZone) || i == rows.count - 1) {
                result.append((i, "bottom:" + key(r.text)))
            }
            return result
        }
        for (p, rows) in pages.enumerated() {
            for (_, k) in edges(rows, height: heights[p]) { counts[k, default: []].insert(p) }
        }
        let needed = max(2, Int((Double(pages.count) * minShare).rounded(.up)))
        for p in pages.indices {
            let rows = pages[p]
            var drop = Set<Int>()
            for (i, k) in edges(rows, height: heights[p]) where (counts[k]?.count ?? 0) >= needed { drop.insert(i) }
            if let first = rows.indices.first, isPageNumber(rows[first].text) { drop.insert(first) }
            if let last = rows.indices.last, isPageNumber(rows[last].text) { drop.insert(last) }
            if !drop.isEmpty { pages[p] = rows.enumerated().filter { !drop.contains($0.offset) }.map(\.element) }
        }
    }

    /// The row's text with white space removed and digits (ASCII and full-width) as `#`.
    static func key(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var lastDigit = false
        for u in text.unicodeScalars where !CharClass.isSpace(u.value) {
            let digit = CharClass.isASCIIDigit(u.value) || (0xFF10...0xFF19).contains(u.value)
            if digit { if !lastDigit { out.append("#") } } else { out.append(u) }
            lastDigit = digit
        }
        return String(out)
    }

    /// `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 5 页`, `3/5`, `Page 3 of 5`, `iv`: nothing but a page number.
    static func isPageNumber(_ text: String) -> Bool {
        let k = key(text).lowercased()
        if !k.isEmpty && k.count <= 5 && k.allSatisfy({ "ivxlc".contains($0) }) { return true }  // iv
        guard k.contains("#") else { return false }
        let stripped = k.filter { !"-–—_·•.,，、/()（）[]【】第页共of#page".contains($0) }
        return stripped.isEmpty && k.count <= 16
    }
}
