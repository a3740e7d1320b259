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
        let mb = { (b: Int) in String(format: "%.1f MB", Double(b) / 1_048_576) }
        Terminal.writeOut("""
            documents  \(s.docs)
            passages   \(s.passages)
            terms      \(s.terms)
            text       \(mb(s.textBytes)) (\(s.chars) characters)
            index      \(mb(s.indexBytes)) (\(String(format: "%.2f", s.textBytes > 0 ? Double(s.indexBytes) / Double(s.textBytes) : 0))× the text)
            built      \(s.builtAt ?? "-")
            schema     \(s.schemaVersion)
            kinds      \(s.kinds.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            places     \(s.placeLevels.map { "\($0.0) \($0.1)" }.joined(separator: ", "))
            years      \(s.reportYears.map { "\($0.lowerBound)–\($0.upperBound)" } ?? "-")

            """)
    }
}
