import Foundation
import ZhikuIndex

/// `zhiku facts` as text: each answer's value, kind, date and what it is about, its document, and
/// the evidence with the value marked. The CLI and the REPL (local index or server) print through it.
enum FactsText {
    /// - Parameter explain: each answer's score and the features that made it win (`--explain`).
    static func render(_ r: FactsResponse, color: Bool, explain: Bool = false) -> String {
        var out = ""
        for w in r.warnings { out += "note: \(w)\n" }
        if r.answers.isEmpty {
            out += "no fact answers \(r.question)" + (r.expectedKind.map { " (looked for: \($0))" } ?? "") + "\n"
            if let reason = r.reason { out += "   \(reason)\n" }
            return out
        }
        for (i, a) in r.answers.enumerated() {
            let what = [a.subject, a.attribute].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            let head = "\(i + 1). \(a.surface)  [\(a.kind)\(a.date.map { ", \($0)" } ?? "")]" + (what.isEmpty ? "" : "  \(what)")
            out += color ? "\(HitPrinter.bold)\(head)\(HitPrinter.reset)\n" : head + "\n"
            out += "   \(Terminal.visible(a.title)) · \(Terminal.visible(a.doc)) · 段\(a.passage)\n"
            let s = Snippet(text: a.evidence, highlights: a.hl, length: 10_000)
            out += "   " + (color ? s.marked(pre: HitPrinter.hlOn, post: HitPrinter.reset) : s.marked(pre: "【", post: "】")) + "\n"
            if explain {
                let reasons = a.why.map { String(format: "%@ %.2f (+%.2f)", $0.feature, $0.value, $0.contribution) }
                out += "   why: score \(String(format: "%.2f", a.score)) · " + reasons.joined(separator: ", ") + "\n"
            }
        }
        if explain, !r.documents.isEmpty { out += "documents asked: \(r.documents.joined(separator: ", "))\n" }
        return out
    }
}
