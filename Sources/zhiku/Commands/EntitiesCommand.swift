import ArgumentParser
import Foundation
import ZhikuExtract
import ZhikuIndex

struct EntitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entities",
        abstract: "Entities of a document or of any text; with no argument, the knowledge base's organizations and platforms.")

    @Option(name: .long, help: ArgumentHelp("An indexed document.", valueName: "ID"))
    var doc: String?

    @Option(name: .long, help: "Text to read entities from.")
    var text: String?

    @Option(name: .long, help: ArgumentHelp("Date for relative dates in --text or stdin.", valueName: "YYYY-MM-DD"))
    var date: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: [.customShort("n"), .long], help: "Organizations and platforms to list.")
    var limit: Int = 30

    @OptionGroup var indexOptions: IndexOptions

    @Argument(help: ArgumentHelp("- reads the text from stdin.", valueName: "-"))
    var stdin: String?

    func validate() throws {
        if let s = stdin, s != "-" { throw ValidationError("unexpected argument \(s); use --doc ID, --text TEXT or -") }
        if [doc != nil, text != nil, stdin != nil].filter({ $0 }).count > 1 { throw ValidationError("give one of --doc, --text and -") }
        if !(1...1_000).contains(limit) { throw ValidationError("--limit takes 1…1000") }
        if let date, SimpleDate(iso: date) == nil { throw ValidationError("--date takes YYYY-MM-DD, got \(date)") }
    }

    func run() throws {
        var input = text
        if stdin == "-" {
            guard let t = String(data: FileHandle.standardInput.readDataToEndOfFile(), encoding: .utf8) else {
                throw ZhikuError(.argument, "standard input is not UTF-8 text")
            }
            input = t
        }
        if let text = input {
            let json = ExtractionKnowledge().entitiesJSON(passage: text, documentDate: date, context: nil)
            Terminal.writeOut((format == .text ? EntitiesText.extracted(try JSONDecoder().decode(Entities.self, from: Data(json.utf8))) : json) + "\n")
            return
        }
        let engine = try indexOptions.openEngine()
        if let doc {
            let g = try engine.entities(documentID: doc)
            Terminal.writeOut(format == .text ? EntitiesText.groups(g) : g.json + "\n")
            return
        }
        let kb = try engine.knowledgeBase(limit: limit)
        Terminal.writeOut(format != .text ? kb.json + "\n" : EntitiesText.knowledgeBase(kb))
    }
}
