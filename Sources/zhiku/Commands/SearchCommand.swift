import ArgumentParser
import Foundation
import ZhikuIndex
import ZhikuServer

extension ColorChoice: ExpressibleByArgument {}

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Ranked passages for a query.",
        discussion: """
            Terms are separated by spaces and each must occur as written (Chinese is matched as an exact \
            substring); "…" quotes a phrase with spaces; -term excludes; OR between terms accepts either. \
            Anything else is text: FTS5 syntax in a query is never an error.
            With - as the query, answers one query per line of standard input (one JSON line each with --format json).
            """)

    @Option(name: [.customShort("n"), .long], help: "Hits to show (1…100).")
    var limit: Int = 10

    @Option(name: .long, help: "Hits to skip.")
    var offset: Int = 0

    @Option(name: .long, help: "Snippet length in characters (10…500).")
    var snippet: Int = 80

    @Option(name: .long, help: "Output format: text, json (one object) or jsonl (one record per hit and a summary).")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Marks around highlights in text output when not coloured, and the `marked` field in JSON.", valueName: "PRE,POST"))
    var mark: String?

    @Option(name: .long, help: "Colour: auto (on a TTY without NO_COLOR), always, never.")
    var color: ColorChoice = .auto

    @Option(name: .long, help: ArgumentHelp("Only passages of this document.", valueName: "ID"))
    var doc: String?

    @Option(name: .long, help: ArgumentHelp("Time budget per query in milliseconds (0: none). Past it, the hits found so far are shown, with a warning and \"timed_out\": true in JSON. A server caps it at its own limit.", valueName: "MS"))
    var timeout: Int = SearchOptions.defaultTimeoutMs

    @Option(name: .long, help: ArgumentHelp("Terms searched at most (1…\(Query.maxTermsLimit)); the rest are dropped with a warning. Each frequent single character costs FTS5 a prefix expansion.", valueName: "N"))
    var maxTerms: Int = Query.maxTerms
    @Option(name: .long, help: ArgumentHelp("Only documents about this place or a place in it (江苏, 赣州市, 赣州高新区).", valueName: "PLACE"))
    var place: String?

    @Option(name: .long, help: ArgumentHelp("Only documents that name, report on or were issued in this year.", valueName: "YYYY"))
    var year: Int?

    @Option(name: .long, help: ArgumentHelp("Only documents of this kind (政府工作报告, 统计公报, 条例, 法规, 通知 …).", valueName: "KIND"))
    var kind: String?

    @Option(name: .long, help: ArgumentHelp("Ask a running `zhiku serve` instead of opening an index (password from ZHIKU_PASSWORD).", valueName: "HOST:PORT"))
    var server: String?

    @OptionGroup var indexOptions: IndexOptions

    @Argument(help: ArgumentHelp("The query (several words are joined with spaces); - reads queries from stdin.", valueName: "QUERY"))
    var query: [String] = []

    func validate() throws {
        if query.isEmpty { throw ValidationError("missing query: zhiku search QUERY…  (or - to read queries from stdin)") }
        if let mark, Marks(parsing: mark) == nil { throw ValidationError("--mark takes PRE,POST, e.g. --mark '【,】'") }
        guard (0...SearchCommand.maxTimeoutMs).contains(timeout) else { throw ValidationError("--timeout must be 0…\(SearchCommand.maxTimeoutMs) (ms; 0: no limit)") }
        if let server, ServeCommand.splitAddress(server) == nil { throw ValidationError("--server takes HOST:PORT, e.g. 127.0.0.1:7733") }
        // The ranges of -n, --offset and --snippet, before any index is opened.
        do {
            try options.validate()
            try options.filter?.validate()
        } catch let e as ZhikuError { throw ValidationError(e.message) }
    }

    var options: SearchOptions {
        var o = SearchOptions()
        o.limit = limit
        o.offset = offset
        o.snippetLength = snippet
        o.document = doc
        o.timeoutMs = timeout == 0 ? nil : timeout
        o.maxTerms = maxTerms
        let filter = DocumentFilter(place: place, year: year, kind: kind)
        if !filter.isEmpty { o.filter = filter }
        if let mark, let m = Marks(parsing: mark) { o.marks = (m.pre, m.post) }
        return o
    }

    /// The longest budget `--timeout` takes: an hour.
    static let maxTimeoutMs = 3_600_000

    func run() throws {
        let printer = HitPrinter(format: format, color: Terminal.useColor(color), marks: mark.flatMap(Marks.init(parsing:)) ?? .brackets)
        let search: (String) throws -> SearchResponse
        var engine: Engine?
        if let server, let (host, port) = ServeCommand.splitAddress(server) {
            let client = try ZhikuClient(host: host, port: port)
            if let pw = ProcessInfo.processInfo.environment["ZHIKU_PASSWORD"], !pw.isEmpty { try client.authenticate(password: pw) }
            search = { q in try client.search(q, options: options) }
        } else {
            let local = try indexOptions.openEngine()
            engine = local
            search = { q in try local.search(q, options: options) }
        }
        if query == ["-"] {
            var anyFound = false
            var failure: Error?
            let answerEachLine = {
                while let line = readLine(strippingNewline: true) {
                    let q = line.trimmingCharacters(in: .whitespaces)
                    if q.isEmpty { continue }
                    do {
                        let result = try search(q)
                        anyFound = anyFound || !result.hits.isEmpty
                        printer.print(result)
                    } catch let e as ZhikuError {
                        printer.printError(e, query: q)
                    } catch {
                        failure = error
                        return
                    }
                }
            }
            // A stream of queries keeps one reader connection for all of them (taking one from
            // GRDB's pool for each query cost up to a quarter of a short query).
            if let engine { try engine.store.holdingReader(answerEachLine) } else { answerEachLine() }
            if let failure { throw failure }
            throw ExitCode(anyFound ? 0 : 1)
        }
        let result = try search(query.joined(separator: " "))
        printer.print(result)
        if result.hits.isEmpty { throw ExitCode(1) }
    }
}
