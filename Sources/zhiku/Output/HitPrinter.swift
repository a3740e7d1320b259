import Foundation
import ZhikuIndex

/// Prints search results as text, one JSON object, or JSON Lines; stdout, flushed per result so a
/// program driving `zhiku search -` through a pipe gets each answer at once.
struct HitPrinter {
    var format: OutputFormat
    var color: Bool
    var marks: Marks

    static let bold = "\u{1B}[1m", dim = "\u{1B}[2m", reset = "\u{1B}[0m", hlOn = "\u{1B}[1;31m", cyan = "\u{1B}[36m"

    func print(_ r: SearchResponse) {
        Terminal.writeOut(rendered(r))
    }

    /// The text `print(_:)` writes, as a string (the REPL pages it).
    func rendered(_ r: SearchResponse) -> String {
        switch format {
        case .text: return text(r)
        case .json: return r.json + "\n"
        case .jsonl:
            var out = ""
            for hit in r.hits {
                var w = JSONWriter()
                w.beginObject(); w.field("type", "hit"); w.key("data"); hit.write(to: &w); w.endObject()
                out += w.output + "\n"
            }
            var w = JSONWriter()
            w.beginObject(); w.field("type", "summary"); w.key("data"); r.writeSummary(to: &w); w.endObject()
            return out + w.output + "\n"
        }
    }

    func printError(_ e: ZhikuError, query: String) {
        switch format {
        case .json, .jsonl:
            var w = JSONWriter()
            w.beginObject()
            if format == .jsonl { w.field("type", "error"); w.key("data"); w.beginObject() }
            w.field("query", query)
            w.key("error"); w.beginObject(); w.field("code", e.code.rawValue); w.field("message", e.message); w.endObject()
            if format == .jsonl { w.endObject() }
            w.endObject()
            Terminal.writeOut(w.output + "\n")
        case .text:
            Terminal.error(e.code.rawValue, e.message)
        }
    }

    /// `[1] 标题 · 段12 · 11.8`, the heading path, then the snippet with highlights.
    func text(_ r: SearchResponse) -> String {
        var out = ""
        for w in r.warnings { out += "zhiku: \(w)\n" }
        if r.hits.isEmpty {
            out += "no passage matches \(r.query)\n"
            return out
        }
        for hit in r.hits {
            let score = String(format: "%.2f", hit.score)
            let (title, doc) = (Terminal.visible(hit.title), Terminal.visible(hit.doc))
            if color {
                out += "\(HitPrinter.bold)[\(hit.rank)] \(title)\(HitPrinter.reset) · \(HitPrinter.cyan)\(doc)\(HitPrinter.reset) · 段\(hit.passage) · \(score)\n"
            } else {
                out += "[\(hit.rank)] \(title) · \(doc) · 段\(hit.passage) · \(score)\n"
            }
            if !hit.heading.isEmpty {
                let path = hit.heading.joined(separator: " › ")
                out += color ? "    \(HitPrinter.dim)\(path)\(HitPrinter.reset)\n" : "    \(path)\n"
            }
            let snippet = Snippet(text: hit.snippet, highlights: hit.hl, length: 10_000)
            out += "    " + (color ? snippet.marked(pre: HitPrinter.hlOn, post: HitPrinter.reset) : snippet.marked(pre: marks.pre, post: marks.post)) + "\n"
        }
        let shown = r.hits.count
        let more = r.total - r.offset - shown
        out += "\(r.offset + 1)–\(r.offset + shown) of \(r.total)\(r.totalExact ? "" : "+") passages"
        if !r.matchedAll { out += " (none has every term: ranked by how many they have)" }
        if more > 0 { out += "; --offset \(r.offset + shown) for more" }
        out += String(format: " · %.1f ms\n", r.tookMs)
        return out
    }
}
