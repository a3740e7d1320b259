import Foundation
import ZhikuIndex

/// `zhiku doc` as text: the title, a line of metadata, then the passages under their headings.
/// The CLI and the REPL's `:doc`/`:open` (local index or server) print through it.
enum DocumentText {
    /// - Parameter onePassage: a single passage was asked for: its heading path is always shown.
    static func render(_ d: DocumentResponse, onePassage: Bool, color: Bool) -> String {
        let title = Terminal.visible(d.title)  // file names and titles never reach the terminal raw
        var out = (color ? "\(HitPrinter.bold)\(title)\(HitPrinter.reset)" : title) + "\n"
        var meta: [String] = [Terminal.visible(d.doc)]
        if let s = d.source { meta.append("来源 \(s)") }
        if let date = d.date { meta.append(date) }
        meta.append("\(d.passageCount) passages")
        out += meta.joined(separator: " · ") + "\n\n"
        var lastHeading: [String] = []
        for p in d.passages {
            if onePassage || p.heading != lastHeading, !p.heading.isEmpty {
                out += "§ " + p.heading.joined(separator: " › ") + "\n"
            }
            lastHeading = p.heading
            out += "[\(p.number)] \(p.text)\n"
        }
        return out
    }
}
