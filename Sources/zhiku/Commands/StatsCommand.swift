import ArgumentParser
import Foundation
import ZhikuIndex

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Counts and sizes of the index.")

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @OptionGroup var indexOptions: IndexOptions

    func run() throws {
        let engine = try indexOptions.openEngine()
        let s = try engine.stats()
        if format != .text {
            Terminal.writeOut(s.json + "\n")
            return
        }
        Terminal.writeOut(StatsText.render(s))
    }
}
