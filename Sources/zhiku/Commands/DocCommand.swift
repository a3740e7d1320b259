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
        Terminal.writeOut(DocumentText.render(d, onePassage: passage != nil, color: false))
    }
}
