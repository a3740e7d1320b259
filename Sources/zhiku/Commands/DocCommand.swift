import ArgumentParser
import Foundation
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
        var out = "\(Terminal.visible(d.title))\n"
        var meta: [String] = [Terminal.visible(d.doc)]
        if let s = d.source { meta.append("来源 \(s)") }
        if let date = d.date { meta.append(date) }
        meta.append("\(d.passageCount) passages")
        out += meta.joined(separator: " · ") + "\n\n"
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
}
