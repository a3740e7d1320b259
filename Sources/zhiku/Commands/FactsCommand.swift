import ArgumentParser
import Foundation
import ZhikuExtract
import ZhikuIndex

struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "Answer a fact question from the knowledge base: a figure or date with its evidence.",
        discussion: """
            Keywords (科研团队, 建筑面积) or a question (中科院赣江创新院有多少个科研团队, 一期工程建筑面积是多少, \
            国家稀土功能材料创新中心什么时候批复的). The best answer comes first, then alternatives; when nothing \
            fits, nothing is answered (exit status 1).
            """)

    @Option(name: [.customShort("n"), .long], help: "Answers to show (1…20).")
    var limit: Int = 3

    @Option(name: .long, help: "Only facts whose attribute is or contains this.")
    var attr: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: "Colour: auto, always, never.")
    var color: ColorChoice = .auto

    @OptionGroup var indexOptions: IndexOptions

    @Argument(help: ArgumentHelp("The question.", valueName: "QUESTION"))
    var question: [String] = []

    func validate() throws {
        if question.isEmpty { throw ValidationError("missing question: zhiku facts QUESTION…") }
    }

    func run() throws {
        let engine = try indexOptions.openEngine()
        let r = try engine.facts(question.joined(separator: " "), limit: limit, attribute: attr)
        if format != .text {
            Terminal.writeOut(r.json + "\n")
        } else {
            Terminal.writeOut(FactsCommand.text(r, color: Terminal.useColor(color)))
        }
        if r.answers.isEmpty { throw ExitCode(1) }
    }

    static func text(_ r: FactsResponse, color: Bool) -> String {
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
