import Foundation
import ZhikuExtract
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
        out += meta.joined(separator: " · ") + "\n"
        if let p = d.profile, let line = DocumentText.profileLine(p) { out += line + "\n" }
        out += "\n"
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

    /// 档案: 地点 重庆市 (province) · 类型 政府工作报告 · 发布 2025 · 报告年度 2024 · …
    static func profileLine(_ p: DocumentProfile) -> String? {
        var parts: [String] = []
        if let place = p.place { parts.append("地点 \(place.name) (\(place.level.rawValue))") }
        if let k = p.kind { parts.append("类型 \(k.rawValue)") }
        if let y = p.issueYear { parts.append("发布 \(y)") }
        if let y = p.reportYear { parts.append("报告年度 \(y)") }
        if let y = p.referenceYear, y != p.issueYear { parts.append("参照年 \(y)") }
        if let n = p.documentNumber { parts.append("文号 \(n)") }
        if let i = p.institution { parts.append("机构 \(i)") }
        if !p.names.isEmpty { parts.append("名称 " + p.names.map { "《\($0)》" }.joined(separator: "")) }
        if !p.sessions.isEmpty { parts.append("会议 " + p.sessions.joined(separator: ",")) }
        return parts.isEmpty ? nil : "档案: " + parts.joined(separator: " · ")
    }
}
