import Foundation

/// A stretch of a row between two wide gaps: a table cell, or all of a line of prose.
struct PDFSegment: Sendable {
    var x0: Double, x1: Double
    var text: String
}

/// A visual row of a page: the words whose boxes share a line, split into segments at gaps wider
/// than ``PDFPageLayout/cellGap`` characters.
struct PDFRow: Sendable {
    var page: Int
    var y0: Double, y1: Double
    /// Left to right.
    var segments: [PDFSegment]
    /// The row's text size: the median height of its words' boxes.
    var size: Double
    /// The width of one full-width character at that size (from its CJK words when it has any).
    var em: Double
    /// Characters in the row.
    var count: Int

    var x0: Double { segments.first?.x0 ?? 0 }
    var x1: Double { segments.last?.x1 ?? 0 }
    /// The row as one line of prose: its segments with a space between them.
    var text: String { segments.map(\.text).joined(separator: " ") }
}

/// Turns a page's words into rows: words are grouped by the vertical band they share, footnote
/// markers raised above the line are dropped, and each row is cut into segments at wide gaps.
/// A cell whose text wraps over two lines stands beside the row's other cells: its lines share
/// the row's band, and, overlapping horizontally, they form one segment read top to bottom.
enum PDFPageLayout {
    /// Two words are on one row when their boxes overlap by at least this share of the smaller
    /// box's height. Consecutive lines of prose do not overlap at all; the lines of a wrapped
    /// cell and the row they are centred on overlap by 50–80%.
    static let rowOverlap = 0.5
    /// A gap wider than this many full-width characters separates cells. Words of a justified
    /// line stand at most about a third of a character apart (a Latin space); the columns of a
    /// dense table, one character (measured: 0.95 in a recruitment list of the dev set).
    static let cellGap = 0.8
    /// A word smaller than this share of its row's text, raised above its middle, is a footnote
    /// marker (¹ ² ³) when it is a short number or a symbol.
    static let superscriptSize = 0.72

    static func rows(of page: PDFPage, number: Int) -> [PDFRow] {
        let words = page.words.sorted { $0.midY < $1.midY || ($0.midY == $1.midY && $0.x0 < $1.x0) }
        // Group into bands.
        var bands: [(y0: Double, y1: Double, words: [PDFWord])] = []
        for w in words where w.height > 0 {
            var best = -1, bestRatio = 0.0
            var k = bands.count - 1
            while k >= 0 && k >= bands.count - 6 {
                let b = bands[k]
                let overlap = min(w.y1, b.y1) - max(w.y0, b.y0)
                let ratio = overlap / max(min(w.height, b.y1 - b.y0), 0.01)
                if ratio >= rowOverlap && ratio > bestRatio { best = k; bestRatio = ratio }
                k -= 1
            }
            if best >= 0 {
                bands[best].words.append(w)
                bands[best].y0 = min(bands[best].y0, w.y0)
                bands[best].y1 = max(bands[best].y1, w.y1)
            } else {
                bands.append((w.y0, w.y1, [w]))
            }
        }
        return bands.compactMap { band in row(of: band.words, page: number) }.sorted { $0.y0 < $1.y0 }
    }

    private static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let s = values.sorted()
        return s[s.count / 2]
    }

    private static func row(of bandWords: [PDFWord], page: Int) -> PDFRow? {
        let size = median(bandWords.map(\.height))
        let middle = median(bandWords.map(\.midY))
        let words = bandWords.filter { w in
            !(w.height < superscriptSize * size && w.midY < middle - 0.15 * size && w.count <= 3 && isMarker(w.text))
        }
        guard !words.isEmpty else { return nil }
        let cjkWidths = words.filter { $0.text.unicodeScalars.allSatisfy { LineMarkup.isWide($0.value) } }.map { ($0.x1 - $0.x0) / Double($0.count) }
        let em = cjkWidths.isEmpty ? 0.9 * size : median(cjkWidths)
        // Segments, left to right: a word continues the current one unless a wide gap comes first.
        var groups: [[PDFWord]] = []
        var right = -Double.infinity
        for w in words.sorted(by: { $0.x0 < $1.x0 }) {
            if groups.isEmpty || w.x0 > right + cellGap * em {
                groups.append([w])
                right = w.x1
            } else {
                groups[groups.count - 1].append(w)
                right = max(right, w.x1)
            }
        }
        let segments = groups.map { g in
            PDFSegment(x0: g.map(\.x0).min()!, x1: g.map(\.x1).max()!, text: text(of: g))
        }
        return PDFRow(page: page, y0: words.map(\.y0).min()!, y1: words.map(\.y1).max()!, segments: segments,
                      size: size, em: em, count: words.reduce(0) { $0 + $1.count })
    }

    /// A segment's text: its lines top to bottom (a wrapped cell), each line's words left to right,
    /// joined without a space inside Chinese text.
    private static func text(of words: [PDFWord]) -> String {
        var lines: [[PDFWord]] = []
        for w in words.sorted(by: { $0.midY < $1.midY }) {
            if let last = lines.last?.last, abs(w.midY - last.midY) <= 0.5 * min(w.height, last.height) {
                lines[lines.count - 1].append(w)
            } else {
                lines.append([w])
            }
        }
        var out = ""
        for line in lines {
            for w in line.sorted(by: { $0.x0 < $1.x0 }) { out = LineMarkup.join(out, w.text) }
        }
        return out
    }

    /// Footnote markers: digits, asterisks, daggers, circled numbers.
    private static func isMarker(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            CharClass.isASCIIDigit(u.value) || "*†‡※".unicodeScalars.contains(u) || (0x2460...0x2473).contains(u.value)
        }
    }
}
