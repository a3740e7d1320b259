import Foundation
import ZhikuIndex

/// `zhiku facts` as text: each answer's value, kind, date and what it is about, its document, and
/// the evidence with the value marked. The CLI and the REPL (local index or server) print through it.
enum FactsText {
    static func render(_ r: FactsResponse, color: Bool) -> String {
        var out = ""
        if r.answers.isEmpty {
            return "no fact answers \(r.question)" + (r.expectedKind.map { " (looked for: \($0))" } ?? "") + "\n"
        }
        for (i, a) in r.answers.enumerated() {
            let what = [a.subject, a.attribute].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            let head = "\(i + 1). \(a.surface)  [\(a.kind)\(a.date.map { ", \($0)" } ?? "")]" + (what.isEmpty ? "" : "  \(what)")
            out += color ? "\(HitPrinter.bold)\(head)\(HitPrinter.reset)\n" : head + "\n"
            out += "   \(Terminal.visible(a.title)) · \(Terminal.visible(a.doc)) · 段\(a.passage)\n"
            let s = Snippet(text: a.evidence, highlights: a.hl, length: 10_000)
            out += "   " + (color ? s.marked(pre: HitPrinter.hlOn, post: HitPrinter.reset) : s.marked(pre: "【", post: "】")) + "\n"
        }
        return out
    }
}
