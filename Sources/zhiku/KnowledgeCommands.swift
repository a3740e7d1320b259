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
            out += "   \(a.title) · \(a.doc) · 段\(a.passage)\n"
            let s = Snippet(text: a.evidence, highlights: a.hl, length: 10_000)
            out += "   " + (color ? s.marked(pre: HitPrinter.hlOn, post: HitPrinter.reset) : s.marked(pre: "【", post: "】")) + "\n"
        }
        return out
    }
}

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
            Terminal.writeOut((format == .text ? EntitiesCommand.textOfExtract(json) : json) + "\n")
            return
        }
        let engine = try indexOptions.openEngine()
        if let doc {
            let g = try engine.entities(documentID: doc)
            Terminal.writeOut(format == .text ? EntitiesCommand.text(g) : g.json + "\n")
            return
        }
        let kb = try engine.knowledgeBase(limit: limit)
        if format != .text {
            Terminal.writeOut(kb.json + "\n")
            return
        }
        var out = "organizations (mentions, documents)\n"
        for o in kb.organizations { out += "  \(o.name)  \(o.mentions) · \(o.docs)\n" }
        out += "platforms\n"
        for p in kb.platforms {
            out += "  \(p.name)" + (p.aliases.isEmpty ? "" : " (\(p.aliases.joined(separator: "、")))")
            out += " · \(p.doc) 段\(p.passages.lowerBound)–\(p.passages.upperBound) · \(p.facts) facts\n"
        }
        Terminal.writeOut(out)
    }

    static func text(_ g: EntityGroups) -> String {
        var out = ""
        for (title, entries) in [("figures", g.figures), ("dates", g.dates), ("orgs", g.orgs)] {
            out += "\(title) (\(entries.count))\n"
            for e in entries {
                out += "  \(e.name) ×\(e.mentions.count)  段" + e.mentions.map { String($0.passage) }.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    static func textOfExtract(_ json: String) -> String {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [[String: Any]]] else { return json }
        var out = ""
        for key in ["figures", "dates", "orgs"] {
            let items = obj[key] ?? []
            out += "\(key) (\(items.count))\n"
            for i in items {
                let surface = i["surface"] as? String ?? ""
                let detail = [i["value"], i["unit"], i["kind"], i["approx"], i["granularity"], i["canonical"]]
                    .compactMap { $0 }.filter { !($0 is NSNull) }.map { "\($0)" }.joined(separator: " ")
                out += "  \(surface)  \(detail)\n"
            }
        }
        return out
    }
}
