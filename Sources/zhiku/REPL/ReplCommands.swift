import Foundation

/// One REPL command: its name, aliases, syntax and one-line help.
struct ReplCommand {
    var name: String
    var aliases: [String]
    var syntax: String
    var help: String

    /// Every `:command`, in help order (what `:help` prints).
    static let all: [ReplCommand] = [
        ReplCommand(name: "facts", aliases: ["f"], syntax: ":facts <question>", help: "answer a question from extracted facts"),
        ReplCommand(name: "ent", aliases: ["entities"], syntax: ":ent <id>|<text>", help: "entities of a document or of text"),
        ReplCommand(name: "doc", aliases: [], syntax: ":doc <id> [n]", help: "a document, or its passage n, in the pager"),
        ReplCommand(name: "open", aliases: [], syntax: ":open <k>", help: "the passage of hit k of the last search"),
        ReplCommand(name: "more", aliases: ["next"], syntax: ":more", help: "next page of the last search"),
        ReplCommand(name: "prev", aliases: [], syntax: ":prev", help: "previous page of the last search"),
        ReplCommand(name: "limit", aliases: [], syntax: ":limit N", help: "hits per page (1…100)"),
        ReplCommand(name: "snippet", aliases: [], syntax: ":snippet N", help: "snippet length in characters (10…500)"),
        ReplCommand(name: "set", aliases: [], syntax: ":set key value", help: "limit, snippet, timeout (ms or off), terms (most searched), mode, pager, color, ambiwidth; place, year, kind filter searches (- clears)"),
        ReplCommand(name: "mode", aliases: [], syntax: ":mode pretty|table|json|jsonl", help: "output format"),
        ReplCommand(name: "x", aliases: [], syntax: ":x", help: "toggle expanded hits (one field per line)"),
        ReplCommand(name: "timer", aliases: [], syntax: ":timer on|off", help: "show query time"),
        ReplCommand(name: "pager", aliases: [], syntax: ":pager auto|on|off", help: "page output taller than the terminal"),
        ReplCommand(name: "color", aliases: ["colour"], syntax: ":color auto|on|off", help: "colour output"),
        ReplCommand(name: "stats", aliases: ["hello"], syntax: ":stats", help: "index counts and sizes"),
        ReplCommand(name: "connect", aliases: [], syntax: ":connect HOST:PORT", help: "use a running zhiku serve (password from ZHIKU_PASSWORD)"),
        ReplCommand(name: "local", aliases: [], syntax: ":local DIR", help: "use the index in DIR"),
        ReplCommand(name: "history", aliases: [], syntax: ":history [n]", help: "the last n lines typed"),
        ReplCommand(name: "source", aliases: [], syntax: ":source FILE", help: "run commands from a file"),
        ReplCommand(name: "help", aliases: ["?"], syntax: ":help [cmd]", help: "this help"),
        ReplCommand(name: "quit", aliases: ["q", "exit"], syntax: ":quit", help: "leave (also exit, quit, Ctrl-D)"),
    ]

    /// The command named `word` (name or alias, without the colon).
    static func find(_ word: String) -> ReplCommand? {
        let w = word.lowercased()
        return all.first { $0.name == w || $0.aliases.contains(w) }
    }
}

extension ReplCommand {
    /// Tab-completion candidates for the text before the cursor: `:commands`, then the values of
    /// `:mode`, `:pager`, `:color`, `:timer` and `:set` keys.
    static func completions(for prefix: String) -> [String] {
        var p = prefix
        if p.hasPrefix("：") { p = ":" + p.dropFirst() }
        guard p.hasPrefix(":") else { return [] }
        if !p.contains(" ") {
            return all.map { ":" + $0.name }.filter { $0.hasPrefix(p) }
        }
        let parts = p.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
        let head = String(parts[0]), tail = parts.count > 1 ? String(parts[1]) : ""
        let values: [String]
        switch ReplCommand.find(String(head.dropFirst()))?.name {
        case "mode": values = ["pretty", "table", "json", "jsonl"]
        case "pager", "color": values = ["auto", "on", "off"]
        case "timer": values = ["on", "off"]
        case "set": values = ["limit", "snippet", "mode", "pager", "color", "ambiwidth", "place", "year", "kind"]
        case "help": values = all.map(\.name)
        default: values = []
        }
        return values.filter { $0.hasPrefix(tail) }.map { head + " " + $0 }
    }

    /// Entity names completing the last word of `prefix` (words are separated by spaces): names
    /// that start with it, or else names that contain it. Each candidate is the whole line up to
    /// the cursor, as ``LineEditor`` expects.
    static func nameCompletions(for prefix: String, names: [String]) -> [String] {
        let head: Substring, word: Substring
        if let space = prefix.lastIndex(where: { $0 == " " || $0 == "\u{3000}" }) {
            head = prefix[...space]
            word = prefix[prefix.index(after: space)...]
        } else {
            head = ""
            word = Substring(prefix)
        }
        guard !word.isEmpty, !word.hasPrefix(":"), !word.hasPrefix("：") else { return [] }
        var matches = names.filter { $0.hasPrefix(word) && $0 != word }
        if matches.isEmpty { matches = names.filter { $0.contains(word) && $0 != word } }
        return matches.map { String(head) + $0 }
    }

    /// A dim inline hint with the command's syntax (redis-cli hints), once the command word is complete.
    static func hint(for line: String) -> String? {
        var l = line
        if l.hasPrefix("：") { l = ":" + l.dropFirst() }
        guard l.hasPrefix(":"), !l.dropFirst().contains(" ") else { return nil }
        guard let c = find(String(l.dropFirst())) else { return nil }
        let syntax = c.syntax.split(separator: " ").dropFirst().joined(separator: " ")
        return syntax.isEmpty ? nil : " " + syntax
    }

    /// `:help` text, or the help of one command.
    static func helpText(_ topic: String) -> String {
        if !topic.isEmpty {
            let t = topic.hasPrefix(":") || topic.hasPrefix("：") ? String(topic.dropFirst()) : topic
            guard let c = find(t) else { return "no command :\(t) (try :help)\n" }
            let aka = c.aliases.isEmpty ? "" : "  (also " + c.aliases.map { ":" + $0 }.joined(separator: ", ") + ")"
            return "\(c.syntax)\(aka)\n    \(c.help)\n"
        }
        var out = "Type a query to search (words separated by spaces; \"…\" for a phrase; -word excludes).\n"
        out += "Commands start with : or ：\n"
        let width = all.map { $0.syntax.displayWidthForHelp }.max() ?? 0
        for c in all {
            out += "  " + c.syntax + String(repeating: " ", count: width - c.syntax.displayWidthForHelp + 2) + c.help + "\n"
        }
        out += "Keys: ←/→ Home/End Ctrl-A/E/K/U/W, ↑/↓ history, Ctrl-R search history, Tab completes, Ctrl-C cancels, Ctrl-D leaves.\n"
        return out
    }
}

extension String {
    fileprivate var displayWidthForHelp: Int { unicodeScalars.count }
}
