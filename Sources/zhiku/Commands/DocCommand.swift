import ArgumentParser
import Foundation
import ZhikuExtract
import ZhikuIndex

struct DocCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "doc", abstract: "Print a document, or one of its passages.")

    @Argument(help: ArgumentHelp("Document id (its path relative to the indexed folder).", valueName: "ID"))
    var id: String

    @Option(name: .long, help: "Only this passage (its number).")
    var passage: Int?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var indexOptions: IndexOptions

    func run() throws {
        let engine = try indexOptions.openEngine()
        let d = try engine.document(id: id, passage: passage, length: Int.max / 2)
        if format != .text {
            Terminal.writeOut(d.json + "\n")
            return
        }
        var out = "\(d.title)\n"
        var meta: [String] = [d.doc]
        if let s = d.source { meta.append("来源 \(s)") }
        if let date = d.date { meta.append(date) }
        meta.append("\(d.passageCount) passages")
        out += meta.joined(separator: " · ") + "\n"
        if let p = d.profile, let line = DocCommand.profileLine(p) { out += line + "\n" }
        out += "\n"
        var lastHeading: [String] = []
        for p in d.passages {
            if passage != nil || p.heading != lastHeading, !p.heading.isEmpty {
                out += "§ " + p.heading.joined(separator: " › ") + "\n"
            }
            lastHeading = p.heading
            out += "[\(p.number)] \(p.text)\n"
        }
        Terminal.writeOut(out)
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
