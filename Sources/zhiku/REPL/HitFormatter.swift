import Foundation
import ZhikuIndex
import ZhikuTerminal

/// REPL output formats beyond `zhiku search`'s text: a table whose columns are cut by display
/// width (so CJK columns line up), and expanded one-field-per-line hits (`:x`).
struct HitFormatter {
    var color: Bool
    var columns: Int
    var width: DisplayWidth = .standard

    /// `#  标题  段  分数  摘要`, each cell cut by display width to fit `columns`.
    func table(_ r: SearchResponse) -> String {
        guard !r.hits.isEmpty else { return "no passage matches \(r.query)\n" }
        let rankW = max(1, String(r.offset + r.hits.count).count)
        let titleW = min(24, max(4, r.hits.map { width.width(of: $0.title) }.max() ?? 4))
        let passW = max(2, r.hits.map { String($0.passage).count }.max() ?? 2)
        let scoreW = 6
        let fixed = rankW + titleW + passW + scoreW + 4 * 3
        let snipW = max(10, columns - fixed - 1)
        func cell(_ s: String, _ w: Int) -> String { width.truncate(s, toWidth: w, pad: true) }
        func rightAlign(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        var out = ""
        let header = [cell("#", rankW), cell("标题", titleW), cell("段", passW), rightAlign("score", scoreW), "摘要"].joined(separator: " │ ")
        out += (color ? "\u{1B}[1m" + header + "\u{1B}[0m" : header) + "\n"
        out += [rankW, titleW, passW, scoreW, min(snipW, 40)].map { String(repeating: "─", count: $0) }.joined(separator: "─┼─") + "\n"
        for h in r.hits {
            let snippet = h.snippet.replacingOccurrences(of: "\n", with: " ")
            let row = [rightAlign(String(h.rank), rankW), cell(h.title, titleW), rightAlign(String(h.passage), passW),
                       rightAlign(String(format: "%.2f", h.score), scoreW), width.truncate(snippet, toWidth: snipW)]
            out += row.joined(separator: " │ ") + "\n"
        }
        out += footer(r)
        return out
    }

    /// One field per line, psql `\x` style.
    func expanded(_ r: SearchResponse) -> String {
        guard !r.hits.isEmpty else { return "no passage matches \(r.query)\n" }
        var out = ""
        for h in r.hits {
            let bar = "-[ \(h.rank) ]" + String(repeating: "-", count: 20)
            out += (color ? "\u{1B}[1m\(bar)\u{1B}[0m" : bar) + "\n"
            let snippet = Snippet(text: h.snippet, highlights: h.hl, length: 10_000)
                .marked(pre: color ? HitPrinter.hlOn : "【", post: color ? HitPrinter.reset : "】")
            let fields: [(String, String)] = [
                ("doc", h.doc), ("title", h.title), ("passage", String(h.passage)),
                ("heading", h.heading.joined(separator: " › ")), ("score", String(format: "%.2f", h.score)),
                ("snippet", snippet),
            ]
            for (k, v) in fields {
                out += width.truncate(k, toWidth: 8, ellipsis: "", pad: true) + "│ " + v + "\n"
            }
        }
        out += footer(r)
        return out
    }

    /// `zhiku search`'s text layout for a terminal: every line (title line, heading path, snippet)
    /// cut by display width to `columns`, highlights kept, so nothing wraps.
    func pretty(_ r: SearchResponse) -> String {
        var out = ""
        for w in r.warnings { out += width.truncate("zhiku: \(w)", toWidth: columns) + "\n" }
        if r.hits.isEmpty { return out + "no passage matches \(r.query)\n" }
        let bold = color ? HitPrinter.bold : "", reset = color ? HitPrinter.reset : "", cyan = color ? HitPrinter.cyan : ""
        for h in r.hits {
            let rank = "[\(h.rank)] ", tail = " · 段\(h.passage) · " + String(format: "%.2f", h.score)
            var title = Terminal.visible(h.title), doc = Terminal.visible(h.doc)  // never raw control bytes on the terminal
            let fixed = width.width(of: rank) + width.width(of: tail) + 3
            var over = fixed + width.width(of: title) + width.width(of: doc) - columns
            if over > 0 {
                // Shorten the title first (down to 6 columns), then the document id.
                let titleW = width.width(of: title)
                let cut = min(over, max(0, titleW - 6))
                if cut > 0 { title = width.truncate(title, toWidth: titleW - cut) }
                over = fixed + width.width(of: title) + width.width(of: doc) - columns
                if over > 0 { doc = width.truncate(doc, toWidth: max(1, width.width(of: doc) - over)) }
            }
            let plain = rank + title + " · " + doc + tail
            if width.width(of: plain) > columns {
                out += width.truncate(plain, toWidth: columns) + "\n"
            } else {
                out += "\(bold)\(rank)\(title)\(reset) · \(cyan)\(doc)\(reset)\(tail)\n"
            }
            if !h.heading.isEmpty {
                let path = width.truncate(h.heading.joined(separator: " › "), toWidth: max(1, columns - 4))
                out += color ? "    \(HitPrinter.dim)\(path)\(HitPrinter.reset)\n" : "    \(path)\n"
            }
            out += "    " + fitted(h.snippet, highlights: h.hl, toWidth: max(1, columns - 4)) + "\n"
        }
        let shown = r.hits.count
        var foot = "\(r.offset + 1)–\(r.offset + shown) of \(r.total)\(r.totalExact ? "" : "+") passages"
        if !r.matchedAll { foot += " (none has every term)" }
        if r.total - r.offset - shown > 0 { foot += "; :more for more" }
        foot += String(format: " · %.1f ms", r.tookMs)
        return out + foot + "\n"
    }

    /// `text` with its highlights marked (colour, or 【】), on one line, cut by display width to
    /// `limit` columns with an ellipsis; a highlight cut short is still closed.
    func fitted(_ text: String, highlights: [Range<Int>], toWidth limit: Int) -> String {
        let oneLine = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
        let pre = color ? HitPrinter.hlOn : "【", post = color ? HitPrinter.reset : "】"
        let markW = color ? 0 : width.width(of: "【")
        let marks = highlights.filter { !$0.isEmpty }
        if width.width(of: oneLine) + 2 * markW * marks.count <= limit {
            return Snippet(text: oneLine, highlights: highlights, length: 10_000).marked(pre: pre, post: post)
        }
        var out = "", used = 0, offset = 0, inside = false
        for ch in oneLine {
            if inside, marks.contains(where: { $0.upperBound == offset }) {
                out += post; used += markW; inside = false
            }
            let opens = !inside && marks.contains(where: { $0.lowerBound == offset })
            let w = width.width(of: ch) + (opens ? markW : 0)
            let reserve = 1 + (inside || opens ? markW : 0)
            if used + w + reserve > limit { break }
            if opens { out += pre; inside = true }
            out.append(ch)
            used += w
            offset += ch.unicodeScalars.count
        }
        if inside { out += post }
        return out + "…"
    }

    func footer(_ r: SearchResponse) -> String {
        let shown = r.hits.count
        var s = "\(r.offset + 1)–\(r.offset + shown) of \(r.total)\(r.totalExact ? "" : "+") passages"
        if r.total - r.offset - shown > 0 { s += "; :more for more" }
        return s + "\n"
    }
}
