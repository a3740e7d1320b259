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
            Terminal.writeOut(FactsText.render(r, color: Terminal.useColor(color)))
        }
        if r.answers.isEmpty { throw ExitCode(1) }
    }
}
