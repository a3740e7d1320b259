import Foundation

/// A word pdftotext placed on a page: its box in points (y grows downwards) and its text.
struct PDFWord: Sendable {
    var x0: Double, y0: Double, x1: Double, y1: Double
    var text: String
    /// Characters in the word (code points).
    var count: Int

    var height: Double { y1 - y0 }
    var midY: Double { (y0 + y1) / 2 }
}

/// One page of words, as `pdftotext -bbox` reports them.
struct PDFPage: Sendable {
    var width: Double
    var height: Double
    var words: [PDFWord]
}

/// Reads `pdftotext -bbox` output (XHTML with a `<page>` per page and a `<word>` per word) with a
/// byte scanner: the output is machine-made, and a scanner is bounded and fast where an XML
/// parser would build a tree of tens of thousands of nodes per chunk.
enum PDFBBoxParser {
    static func pages(_ bytes: [UInt8]) -> [PDFPage] {
        var pages: [PDFPage] = []
        var i = 0
        let n = bytes.count
        let pageTag = Array("<page ".utf8), wordTag = Array("<word ".utf8), endWord = Array("</word>".utf8)
        func match(_ tag: [UInt8], at p: Int) -> Bool {
            guard p + tag.count <= n else { return false }
            for k in 0..<tag.count where bytes[p + k] != tag[k] { return false }
            return true
        }
        while i < n {
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            if match(pageTag, at: i) {
                let (attrs, end) = attributes(bytes, from: i + pageTag.count)
                pages.append(PDFPage(width: attrs["width"] ?? 0, height: attrs["height"] ?? 0, words: []))
                i = end
            } else if match(wordTag, at: i), !pages.isEmpty {
                let (attrs, start) = attributes(bytes, from: i + wordTag.count)
                var end = start
                while end < n && !match(endWord, at: end) { end += 1 }
                let text = unescape(bytes[start..<end])
                i = end + endWord.count
                guard let x0 = attrs["xMin"], let y0 = attrs["yMin"], let x1 = attrs["xMax"], let y1 = attrs["yMax"], !text.isEmpty else { continue }
                pages[pages.count - 1].words.append(PDFWord(x0: x0, y0: y0, x1: x1, y1: y1, text: text, count: text.unicodeScalars.count))
            } else {
                i += 1
            }
        }
        return pages
    }

    /// The numeric attributes of a tag from `from` to its `>`, and the index after the `>`.
    private static func attributes(_ b: [UInt8], from: Int) -> ([String: Double], Int) {
        var attrs: [String: Double] = [:]
        var i = from
        let n = b.count
        while i < n && b[i] != UInt8(ascii: ">") {
            // name="value"
            let nameStart = i
            while i < n && b[i] != UInt8(ascii: "=") && b[i] != UInt8(ascii: ">") { i += 1 }
            guard i < n, b[i] == UInt8(ascii: "=") else { break }
            let name = String(decoding: b[nameStart..<i], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            i += 1
            guard i < n, b[i] == UInt8(ascii: "\"") else { break }
            i += 1
            let valueStart = i
            while i < n && b[i] != UInt8(ascii: "\"") { i += 1 }
            attrs[name] = Double(String(decoding: b[valueStart..<min(i, n)], as: UTF8.self))
            i += 1
        }
        return (attrs, min(i + 1, n))
    }

    /// XML's five entities and numeric references, as pdftotext writes them.
    static func unescape(_ s: ArraySlice<UInt8>) -> String {
        guard s.contains(UInt8(ascii: "&")) else { return String(decoding: s, as: UTF8.self) }
        var out = String(decoding: s, as: UTF8.self)
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&#39;", "'"), ("&#34;", "\"")] {
            out = out.replacingOccurrences(of: entity, with: char)
        }
        return out.replacingOccurrences(of: "&amp;", with: "&")
    }
}
