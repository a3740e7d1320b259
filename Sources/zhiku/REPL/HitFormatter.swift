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

    func footer(_ r: SearchResponse) -> String {
        let shown = r.hits.count
        var s = "\(r.offset + 1)–\(r.offset + shown) of \(r.total)\(r.totalExact ? "" : "+") passages"
        if r.total - r.offset - shown > 0 { s += "; :more for more" }
        return s + "\n"
    }
}
