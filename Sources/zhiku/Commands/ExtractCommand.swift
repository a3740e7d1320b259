import ArgumentParser
import Foundation
import ZhikuExtract
import ZhikuIndex

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Figures, dates and organizations in text read from stdin, as JSON.",
        discussion: "Prints {\"figures\":[…],\"dates\":[…],\"orgs\":[…]} with code-point offsets (docs in ../shared/docs/extraction.md). Needs no index.")

    @Option(name: .long, help: ArgumentHelp("The document's date, for 今年, 去年, 6月底 …", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .long, help: "Output format: json (one object for all input) or jsonl (one object per input line).")
    var format: OutputFormat = .json

    func validate() throws {
        if let date, SimpleDate(iso: date) == nil { throw ValidationError("--date takes YYYY-MM-DD, got \(date)") }
    }

    func run() throws {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else { throw ZhikuError(.argument, "standard input is not UTF-8 text") }
        let knowledge = ExtractionKnowledge()
        if format == .jsonl {
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
                Terminal.writeOut(knowledge.entitiesJSON(passage: String(line), documentDate: date, context: nil) + "\n")
            }
        } else {
            Terminal.writeOut(knowledge.entitiesJSON(passage: text, documentDate: date, context: nil) + "\n")
        }
    }
}
