import Foundation

/// A parsed input line.
enum ReplInput: Equatable {
    case empty
    case search(String)
    case command(name: String, argument: String)
    case quit

    /// Parses one line: `：` (fullwidth, what a Chinese IME types) works like `:`; `?`, `exit` and
    /// `quit` are commands; everything else is a query.
    init(_ raw: String) {
        var line = raw.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("：") { line = ":" + line.dropFirst() }
        if line.isEmpty { self = .empty; return }
        if line == "exit" || line == "quit" { self = .quit; return }
        if line == "?" || line == "？" { self = .command(name: "help", argument: ""); return }
        guard line.hasPrefix(":") else { self = .search(line); return }
        let body = line.dropFirst()
        let word = body.prefix { !$0.isWhitespace }
        let arg = body.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        let name = ReplCommand.find(String(word))?.name ?? String(word).lowercased()
        self = name == "quit" ? .quit : .command(name: name, argument: arg)
    }
}
