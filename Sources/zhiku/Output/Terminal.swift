import Foundation

/// Where output goes and how it may look: colour only on a TTY, never with `NO_COLOR` or
/// `TERM=dumb`; progress and messages on stderr; results on stdout.
enum Terminal {
    static let stdoutIsTTY = isatty(STDOUT_FILENO) == 1
    static let stderrIsTTY = isatty(STDERR_FILENO) == 1

    static var colorAllowed: Bool {
        let env = ProcessInfo.processInfo.environment
        if let nc = env["NO_COLOR"], !nc.isEmpty { return false }
        if env["TERM"] == "dumb" { return false }
        return true
    }

    /// Whether to colour stdout for a `--color` choice.
    static func useColor(_ choice: ColorChoice) -> Bool {
        switch choice {
        case .always: return true
        case .never: return false
        case .auto: return stdoutIsTTY && colorAllowed
        }
    }

    static func error(_ code: String, _ message: String) {
        FileHandle.standardError.write(Data("zhiku: \(code): \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("zhiku: \(message)\n".utf8))
    }

    /// What `zhiku` says while another process writes the index it wants to write.
    static func waitingForWriter(_ index: String) -> (Int32?) -> Void {
        { holder in note("waiting for another zhiku\(holder.map { " (pid \($0))" } ?? "") to finish writing \(index)…") }
    }

    static func writeOut(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }
}

enum ColorChoice: String, CaseIterable {
    case auto, always, never
}
