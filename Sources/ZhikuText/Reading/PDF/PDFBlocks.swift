import Foundation

/// A paragraph or a table of a PDF, in reading order.
enum PDFBlock: Sendable {
    case paragraph(text: String, size: Double, page: Int)
    /// Rows of cells; every row has the table's column count.
    case table(rows: [[String]], page: Int)
}

/// The typical measures of a PDF's body text, from its rows.
struct PDFBodyMetrics: Sendable {
    /// The size most characters are set in.
    var size: Double
    /// Where most lines of that size begin, and the right edge full lines reach.
    var left: Double, right: Double
    /// The usual space between two lines of a paragraph.
    var lineGap: Double

    init(rows: [PDFRow]) {
        func mode(_ pairs: [(Double, Int)], step: Double) -> Double? {
            var weight: [Int: Int] = [:]
            for (v, w) in pairs { weight[Int((v / step).rounded()), default: 0] += w }
            return weight.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }.map { Double($0.key) * step }
        }
        let size = mode(rows.map { ($0.size, $0.count) }, step: 0.5) ?? 10
        let body = rows.filter { abs($0.size - size) <= 0.1 * size && $0.segments.count == 1 }
        left = mode(body.map { ($0.x0, $0.count) }, step: 2) ?? 0
        let rights = body.map(\.x1).sorted()
        right = rights.isEmpty ? 0 : rights[min(rights.count - 1, rights.count * 9 / 10)]
        var gaps: [Double] = []
        for (a, b) in zip(body, body.dropFirst()) where a.page == b.page && b.y0 > a.y1 && b.y0 - a.y1 < 3 * size { gaps.append(b.y0 - a.y1) }
        gaps.sort()
        lineGap = gaps.isEmpty ? 0.5 * size : gaps[gaps.count / 2]
        self.size = size
    }
}

/// Turns the rows of a PDF's pages (running lines removed) into paragraphs and tables.
///
/// - Tables: a run of rows cut into two or more cells (see ``PDFPageLayout``), with the narrow
///   single cells between them (the second line of a wrapped cell); columns from the rows with
///   the most common cell count. A table that goes on at the top of the next page, with the same
///   columns, is one table; its header row, repeated there, is dropped.
/// - Paragraphs: a row continues the one above unless it starts a paragraph: set in another
///   size, after a wider gap than the body's line spacing, indented (or centred), after a row
///   that ended short of the right edge, or opening with a heading number (一、 （一） 第X条).
///   A page break ends a paragraph unless the sentence plainly runs on (the last row full, no
///   closing punctuation, the next page's first row not indented).
enum PDFBlocks {
    /// A single cell narrower than this share of the text width, right under a row of cells,
    /// is the wrapped part of a cell (or a row label) rather than a line of prose.
    static let narrowCell = 0.45

    static func blocks(pages: [[PDFRow]], metrics m: PDFBodyMetrics) -> [PDFBlock] {
        var blocks: [PDFBlock] = []
        var prev: PDFRow? = nil  // the last row of the open paragraph
        var open: (text: String, size: Double, page: Int)? = nil
        func flush() {
            if let o = open { blocks.append(.paragraph(text: o.text, size: o.size, page: o.page)) }
            open = nil
            prev = nil
        }
        for rows in pages {
            var i = 0
            while i < rows.count {
                if let (table, next) = table(in: rows, from: i, metrics: m) {
                    flush()
                    appendTable(table, page: rows[i].page, to: &blocks)
                    i = next
                    continue
                }
                let r = rows[i]
                if let p = prev, var o = open, continues(r, after: p, metrics: m, openText: o.text) {
                    o.text = LineMarkup.joinWrapped(o.text, r.text)
                    open = o
                } else {
                    flush()
                    open = (r.text, r.size, r.page)
                }
                prev = r
                i += 1
            }
        }
        flush()
        return blocks
    }

    /// Whether row `r` continues the paragraph whose last row is `p`.
    static func continues(_ r: PDFRow, after p: PDFRow, metrics m: PDFBodyMetrics, openText: String) -> Bool {
        let size = max(r.size, p.size)
        guard abs(r.size - p.size) <= 0.08 * size else { return false }
        let em = max(r.em, p.em, 1)
        if r.page != p.page {
            // A sentence running over a page break.
            guard let last = openText.unicodeScalars.last, !CharClass.isSentenceEnd(last.value), last != "：", last != ":" else { return false }
            return p.x1 >= m.right - 1.5 * em && r.x0 <= m.left + 0.8 * em && HeadingParser.heading(in: r.text) == nil
        }
        let gap = r.y0 - p.y1
        // A title or heading set over two lines: same large size, close together, any alignment.
        if r.size >= PDFReader.headingRatio * m.size {
            return gap <= m.lineGap + 0.5 * size && openText.count + r.count <= LayoutTitle.maxLength
        }
        if gap > m.lineGap + 0.5 * size { return false }
        if p.x1 < m.right - 1.5 * em { return false }  // the row above ended short
        if r.x0 > m.left + 0.8 * em { return false }   // indented or centred
        if HeadingParser.heading(in: r.text) != nil { return false }
        return true
    }

    /// The table starting at row `start`, and the index of the first row after it; nil when the
    /// rows there are not a table (fewer than two rows of cells).
    static func table(in rows: [PDFRow], from start: Int, metrics m: PDFBodyMetrics) -> ([[String]], Int)? {
        guard rows[start].segments.count >= 2 else { return nil }
        let width = max(m.right - m.left, 1)
        var end = start + 1, cellular = 1, lastCellular = start
        while end < rows.count {
            let r = rows[end], above = rows[end - 1]
            if r.segments.count >= 2 {
                cellular += 1
                lastCellular = end
            } else if !(r.x1 - r.x0 <= narrowCell * width && r.y0 - above.y1 <= max(r.size, above.size)) {
                break
            }
            end += 1
        }
        guard cellular >= 2 else { return nil }
        // Trailing single cells belong to the last row only when they hang right under it.
        end = lastCellular + 1
        while end < rows.count && rows[end].segments.count == 1 && rows[end].x1 - rows[end].x0 <= narrowCell * width
                && rows[end].y0 - rows[end - 1].y1 <= 0.5 * rows[end].size { end += 1 }
        let region = rows[start..<end]

        // Columns from the rows with the most common cell count (the larger on a tie).
        var counts: [Int: Int] = [:]
        for r in region where r.segments.count >= 2 { counts[r.segments.count, default: 0] += 1 }
        let k = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }!.key
        var spans = [(Double, Double)](repeating: (.infinity, -.infinity), count: k)
        for r in region where r.segments.count == k {
            for (c, s) in r.segments.enumerated() { spans[c] = (min(spans[c].0, s.x0), max(spans[c].1, s.x1)) }
        }
        func column(of s: PDFSegment) -> Int {
            var best = 0, bestScore = -Double.infinity
            for (c, span) in spans.enumerated() {
                let overlap = min(s.x1, span.1) - max(s.x0, span.0)
                let score = overlap > 0 ? overlap : -abs((s.x0 + s.x1) / 2 - (span.0 + span.1) / 2)
                if score > bestScore { best = c; bestScore = score }
            }
            return best
        }
        var table: [[String]] = []
        var pending: [Int: String] = [:]  // wrapped text that belongs to the next row
        var lastRow: PDFRow? = nil
        for (offset, r) in region.enumerated() {
            if r.segments.count == 1, let above = lastRow, !table.isEmpty {
                // A wrapped cell's line: to the nearer of the rows above and below.
                let c = column(of: r.segments[0])
                let next = start + offset + 1 < end ? rows[start + offset + 1] : nil
                if let next, next.segments.count >= 2, next.y0 - r.y1 < r.y0 - above.y1 {
                    pending[c] = LineMarkup.join(pending[c] ?? "", r.segments[0].text)
                } else {
                    table[table.count - 1][c] = LineMarkup.join(table[table.count - 1][c], r.segments[0].text)
                }
                continue
            }
            var cells = [String](repeating: "", count: k)
            for s in r.segments {
                let c = column(of: s)
                cells[c] = cells[c].isEmpty ? s.text : cells[c] + " " + s.text
            }
            for (c, text) in pending { cells[c] = LineMarkup.join(text, cells[c]) }
            pending.removeAll()
            table.append(cells)
            lastRow = r
        }
        return (table, end)
    }

    /// Appends a table, joining it to a table that ended the page before with the same columns
    /// (dropping its header row when repeated).
    static func appendTable(_ rows: [[String]], page: Int, to blocks: inout [PDFBlock]) {
        if case .table(let before, let p)? = blocks.last, p == page - 1, before.first?.count == rows.first?.count {
            let body = rows.first == before.first ? Array(rows.dropFirst()) : rows
            blocks[blocks.count - 1] = .table(rows: before + body, page: page)
        } else {
            blocks.append(.table(rows: rows, page: page))
        }
    }
}
