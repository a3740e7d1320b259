import ArgumentParser
import Foundation
import ZhikuExtract
import ZhikuIndex

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Figures, dates and organizations in text read from stdin, as JSON.",
        discussion: "Prints {\"figures\":[…],\"dates\":[…],\"orgs\":[…]} with code-point offsets (docs in ../shared/docs/extraction.md). Needs no index.")

    @Option(name: .long, help: ArgumentHelp("The document's date (YYYY-MM-DD, or YYYY-MM), for 今年, 去年, 6月底 …", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .customLong("reference-year"), help: ArgumentHelp(
        "The year the text reports on, when it is not the year of --date: a 2022 bulletin published in 2023 takes 2022 (全年 → 2022, 上年 → 2021).",
        valueName: "YYYY"))
    var referenceYear: Int?

    @Option(name: .long, help: "Output format: json (one object for all input) or jsonl (one object per input line).")
    var format: OutputFormat = .json

    func validate() throws {
        if let date, SimpleDate(lenient: date) == nil { throw ValidationError("--date takes YYYY-MM-DD or YYYY-MM, got \(date)") }
        if let referenceYear, !(1000...9999).contains(referenceYear) {
            throw ValidationError("--reference-year takes a four-digit year, got \(referenceYear)")
        }
    }

    func run() throws {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else { throw ZhikuError(.argument, "standard input is not UTF-8 text") }
        let knowledge = ExtractionKnowledge()
        if format == .jsonl {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                Terminal.writeOut(knowledge.entitiesJSON(passage: String(line), documentDate: date, referenceYear: referenceYear, context: nil) + "\n")
            }
        } else {
            Terminal.writeOut(knowledge.entitiesJSON(passage: text, documentDate: date, referenceYear: referenceYear, context: nil) + "\n")
        }
    }
}
