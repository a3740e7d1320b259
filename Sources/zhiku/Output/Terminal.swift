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

    /// `text` (a file name, a title) made safe to print on a terminal: control characters (C0,
    /// DEL, C1), which could move the cursor or change the terminal's state, are written as
    /// `\x1B`. JSON output escapes them itself and never goes through this.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for u in text.unicodeScalars {
            if isControl(u) { out += String(format: "\\x%02X", u.value) } else { out.unicodeScalars.append(u) }
        }
        return out
    }

    private static func isControl(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x20 || (0x7F...0x9F).contains(u.value)
    }

    static func writeOut(_ s: String) {
        FileHandle.standardOutput.write(Data(s.utf8))
    }
}

enum ColorChoice: String, CaseIterable {
    case auto, always, never
}
