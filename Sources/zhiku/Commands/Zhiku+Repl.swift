import ArgumentParser
import Foundation
import ZhikuIndex
import ZhikuServer
import ZhikuTerminal

/// `zhiku repl`: an interactive search session over a local index.
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Interactive search: type a query, or :help.",
        discussion: """
            On a terminal: line editing that measures CJK by display width, history (↑/↓, Ctrl-R) in \
            $ZHIKU_HISTORY or ~/.local/state/zhiku/history, Tab completion of :commands and of organization \
            names from the index.

            :connect HOST:PORT (or --server) runs the same console against `zhiku serve`; :local DIR comes back \
            to an index.

            With standard input not a terminal (or TERM=dumb): no prompt, one command per line, and a \
            bare query prints what `zhiku search` prints.
            """)

    @Option(name: .long, help: "Colour: auto (on a TTY without NO_COLOR), always, never.")
    var color: ColorChoice = .auto

    @Option(name: .long, help: ArgumentHelp("Prompt shown on a terminal.", visibility: .hidden))
    var prompt: String = "知库> "

    @Option(name: .long, help: ArgumentHelp("Start against a running `zhiku serve` instead of a local index (password from ZHIKU_PASSWORD); :local DIR switches back.", valueName: "HOST:PORT"))
    var server: String?

    @OptionGroup var indexOptions: IndexOptions

    func validate() throws {
        if let server, ServeCommand.splitAddress(server) == nil { throw ValidationError("--server takes HOST:PORT, e.g. 127.0.0.1:7733") }
    }

    func run() throws {
        let backend: ReplBackend
        if let server, let (host, port) = ServeCommand.splitAddress(server) {
            backend = try RemoteReplBackend(host: host, port: port)
        } else {
            backend = LocalReplBackend(engine: try indexOptions.openEngine(), directory: indexOptions.index)
        }
        let env = ProcessInfo.processInfo.environment
        let interactive = ZhikuTerminal.Terminal.isTTY(STDIN_FILENO) && ZhikuTerminal.Terminal.isTTY(STDOUT_FILENO)
            && !ZhikuTerminal.Terminal.isDumb(environment: env)
        let history = History(fileURL: interactive ? History.defaultFileURL() : nil)
        let toggle: ReplSession.Toggle = color == .always ? .on : color == .never ? .off : .auto
        let session = ReplSession(backend: backend, interactive: interactive, color: toggle, history: history)
        guard interactive else {
            // Batch: one command per line, output as `zhiku search` would print it.
            while let line = readLine(strippingNewline: true) {
                if !session.execute(line.hasSuffix("\r") ? String(line.dropLast()) : line) { break }
            }
            throw ExitCode(session.anyFound ? 0 : 1)
        }
        let editor = LineEditor(prompt: prompt, history: history, completer: { session.completions(for: $0) })
        editor.hinter = ReplCommand.hint(for:)
        loop: while true {
            // `知库> `, or `知库@127.0.0.1:7733> ` against a server.
            var text = prompt
            if let tag = session.backend.promptTag, text.hasSuffix("> ") { text = String(text.dropLast(2)) + "@\(tag)> " }
            editor.prompt = session.color ? "\u{1B}[1;36m\(text)\u{1B}[0m" : text
            editor.displayWidth = session.displayWidth
            switch editor.readLine() {
            case .line(let l):
                if !session.execute(l) { break loop }
            case .interrupted:
                continue
            case .eof:
                break loop
            }
        }
    }
}
