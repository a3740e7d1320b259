import ArgumentParser
import Foundation
import ZhikuIndex

/// `zhiku`: the root command only configures; each subcommand lives in its own file.
@main
struct Zhiku: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "zhiku",
        abstract: "知库 — full-text search and facts over Chinese documents.",
        discussion: """
            Index a folder of documents (UTF-8 or GB18030 text, Markdown, scraped HTML), then search it:
              zhiku index corpus/            # builds index/ (incremental)
              zhiku search 研究团队          # ranked passages with highlights
            Exit status: 0 found, 1 nothing found, 2 error.
            """,
        version: version,
        subcommands: [IndexCommand.self, SearchCommand.self, FactsCommand.self, EntitiesCommand.self, ExtractCommand.self,
                      DocCommand.self, StatsCommand.self, Repl.self, ServeCommand.self]
    )

    /// Parses, runs, and maps every failure to exit status 2 with a `zhiku: CODE: message` line
    /// (ArgumentParser's own usage errors would exit 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)
        } catch let error as ZhikuError {
            Terminal.error(error.code.rawValue, error.message)
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if error is CleanExit || code == .success {
                Foundation.exit(0)
            }
            // ArgumentParser starts its message with "Error: ", after our own "zhiku: ERR_ARG: ".
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            Terminal.error("ERR_ARG", message)
            Foundation.exit(2)
        }
    }
}
