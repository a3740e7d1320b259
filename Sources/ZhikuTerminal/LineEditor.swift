#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A line editor that measures text by display width, so CJK, 𠮷 and emoji keep the cursor right.
///
/// On a TTY (and `TERM` not `dumb`) it runs in raw mode with bracketed paste; otherwise it falls
/// back to `Swift.readLine()` with no prompt and no escapes (batch input).
///
/// Keys: ←/→, Home/End, Ctrl-A/E/B/F, Alt-B/F, Ctrl-K/U/W/Y/T, Backspace/Delete, ↑/↓ (history),
/// Ctrl-P/N, Ctrl-R (reverse incremental search), Tab (completion: common prefix, list on the
/// second Tab), Ctrl-L (clear screen), Ctrl-C (``ReadResult/interrupted``), Ctrl-D (EOF on an empty
/// line, else delete), Ctrl-Z (suspend), and window resizes (redraw).
///
/// ```swift
/// let editor = LineEditor(prompt: "知库> ", history: History(fileURL: History.defaultFileURL()), completer: nil)
/// while case .line(let l) = editor.readLine() { print(l) }
/// ```
public final class LineEditor {
    /// The prompt; may contain ANSI escapes (excluded from its width).
    public var prompt: String
    /// The history used by ↑/↓ and Ctrl-R; accepted lines are added to it.
    public let history: History
    /// Returns candidates for the text before the cursor; each candidate replaces that text.
    public var completer: ((String) -> [String])?
    /// Returns a dim hint drawn after the line (e.g. a command's syntax), or nil.
    public var hinter: ((String) -> String?)?
    /// Width rules; set `ambiguousIsWide` for CJK-locale terminals.
    public var displayWidth: DisplayWidth {
        didSet { renderer.width = displayWidth }
    }
    /// Input and output descriptors (default stdin/stdout).
    public var inputFD: Int32 = STDIN_FILENO
    public var outputFD: Int32 = STDOUT_FILENO
    /// When false, the editor never uses raw mode (batch mode).
    public var isInteractive: Bool

    var buffer = LineBuffer()
    var renderer: Renderer
    var decoder = KeyDecoder()
    var columns = 80
    private var historyIndex = 0
    private var savedLine = ""
    private var lastKeyWasTab = false
    private var search: SearchState?
    private var output = ""

    struct SearchState {
        var query = ""
        var index: Int?  // matching history entry
        var original: LineBuffer
    }

    /// Creates an editor.
    /// - Parameters:
    ///   - prompt: shown before the line on a TTY (never in batch mode).
    ///   - history: recalled with ↑/↓ and Ctrl-R; lines are added after Enter.
    ///   - completer: Tab completion source; nil disables Tab completion (Tab inserts nothing).
    public init(prompt: String, history: History, completer: ((String) -> [String])?) {
        self.prompt = prompt
        self.history = history
        self.completer = completer
        self.displayWidth = .standard
        self.renderer = Renderer()
        let env = ProcessInfo.processInfo.environment
        self.isInteractive = Terminal.isTTY(STDIN_FILENO) && Terminal.isTTY(STDOUT_FILENO) && !Terminal.isDumb(environment: env)
    }

    // MARK: - Reading

    /// Reads one line: interactively on a TTY, else one line of stdin.
    public func readLine() -> ReadResult {
        guard isInteractive else { return readPlainLine() }
        do {
            try Terminal.enableRawMode(fd: inputFD, bracketedPaste: true)
        } catch {
            return readPlainLine()
        }
        defer { Terminal.restoreMode() }
        _ = Terminal.pendingEvents()
        begin()
        refresh()
        let signalFD = Terminal.signalFD
        var bytes = [UInt8](repeating: 0, count: 4096)
        while true {
            var fds = [pollfd(fd: inputFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: signalFD, events: Int16(POLLIN), revents: 0)]
            let timeout: Int32 = decoder.hasPending ? 40 : -1
            let r = poll(&fds, nfds_t(signalFD >= 0 ? 2 : 1), timeout)
            if r < 0 {
                if errno == EINTR { continue }
                return finish(.eof)
            }
            let events = Terminal.pendingEvents()
            if events.continued {
                Terminal.reassertBracketedPaste()
                renderer.reset()
                columns = Terminal.columns(fd: outputFD)
                refresh()
            } else if events.resized {
                columns = Terminal.columns(fd: outputFD)
                refresh()
            }
            if r == 0 {
                if let result = handleAll(decoder.flush()) { return finish(result) }
                refresh()
                continue
            }
            guard fds[0].revents != 0 else { continue }
            let n = read(inputFD, &bytes, bytes.count)
            if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
            if n <= 0 { return finish(.eof) }
            if let result = handleAll(decoder.feed(bytes[0..<n])) { return finish(result) }
            if !decoder.isPasting { refresh() }
        }
    }

    private func readPlainLine() -> ReadResult {
        guard var line = Swift.readLine(strippingNewline: true) else { return .eof }
        if line.hasSuffix("\r") { line.removeLast() }
        history.add(line)
        return .line(line)
    }

    /// Resets per-line state (internal so tests can drive ``handle(_:)`` without a terminal).
    func begin() {
        buffer = LineBuffer()
        decoder = KeyDecoder()
        renderer.reset()
        historyIndex = history.entries.count
        savedLine = ""
        search = nil
        lastKeyWasTab = false
        columns = Terminal.columns(fd: outputFD)
    }

    private func handleAll(_ keys: [Key]) -> ReadResult? {
        for k in keys {
            if let r = handle(k) { return r }
        }
        return nil
    }

    private func finish(_ result: ReadResult) -> ReadResult {
        if case .line(let l) = result { history.add(l) }
        search = nil
        buffer.moveEnd()
        flush(renderer.render(prompt: prompt, characters: buffer.characters, cursor: buffer.cursor, columns: columns))
        flush(renderer.finish())
        return result
    }

    // MARK: - Drawing

    /// The frame for the current state, without writing it.
    func frame() -> String {
        if let s = search {
            let label = (s.index == nil && !s.query.isEmpty) ? "(failed reverse-i-search)`" : "(reverse-i-search)`"
            return renderer.render(prompt: label + s.query + "': ", characters: buffer.characters,
                                   cursor: buffer.cursor, columns: columns)
        }
        let hint = hinter?(buffer.text) ?? ""
        return renderer.render(prompt: prompt, characters: buffer.characters, cursor: buffer.cursor,
                               columns: columns, hint: buffer.cursor == buffer.characters.count ? hint : "")
    }

    private func refresh() { flush(frame()) }

    private func flush(_ s: String) {
        output += s
        Terminal.writeAll(fd: outputFD, output)
        output = ""
    }

    // MARK: - Keys

    /// Applies one key; returns a result when the line is finished.
    func handle(_ key: Key) -> ReadResult? {
        if search != nil, let r = handleSearch(key) { return r.result }
        let wasTab = lastKeyWasTab
        lastKeyWasTab = false
        switch key {
        case .text(let t): buffer.insert(t)
        case .paste(let t): buffer.insert(t)
        case .enter: return .line(buffer.text)
        case .tab: complete(secondPress: wasTab); lastKeyWasTab = true
        case .backspace, .ctrl("h"): buffer.deleteBackward()
        case .delete: buffer.deleteForward()
        case .left, .ctrl("b"): buffer.moveLeft()
        case .right, .ctrl("f"): buffer.moveRight()
        case .home, .ctrl("a"): buffer.moveHome()
        case .end, .ctrl("e"): buffer.moveEnd()
        case .wordLeft: buffer.moveWordLeft()
        case .wordRight: buffer.moveWordRight()
        case .up, .ctrl("p"): recall(by: -1)
        case .down, .ctrl("n"): recall(by: 1)
        case .ctrl("k"): buffer.killToEnd()
        case .ctrl("u"): buffer.killToStart()
        case .ctrl("w"), .deleteWordBackward: buffer.deleteWordBackward()
        case .deleteWordForward:
            let before = buffer.cursor
            buffer.moveWordRight()
            while buffer.cursor > before { buffer.deleteBackward() }
        case .ctrl("y"): buffer.yank()
        case .ctrl("t"): buffer.transpose()
        case .ctrl("r"): search = SearchState(original: buffer); searchHistory(from: history.entries.count - 1)
        case .ctrl("l"):
            flush(ANSI.clearScreen)
            renderer.reset()
        case .ctrl("c"):
            flush("^C")
            return .interrupted
        case .ctrl("d"):
            if buffer.isEmpty { return .eof }
            buffer.deleteForward()
        case .ctrl("z"):
            suspend()
        default:
            break
        }
        return nil
    }

    private func recall(by step: Int) {
        let entries = history.entries
        let target = historyIndex + step
        guard target >= 0, target <= entries.count else { return }
        if historyIndex == entries.count { savedLine = buffer.text }
        historyIndex = target
        buffer.set(target == entries.count ? savedLine : entries[target])
    }

    private func suspend() {
        flush(renderer.render(prompt: prompt, characters: buffer.characters, cursor: buffer.characters.count, columns: columns))
        flush(renderer.finish())
        raise(SIGTSTP)
        // Execution resumes here after SIGCONT; the continued event triggers the redraw.
    }

    // MARK: - Reverse search

    private struct SearchOutcome { var result: ReadResult? }

    /// Handles a key in search mode; nil means "leave search mode and handle the key normally".
    private func handleSearch(_ key: Key) -> SearchOutcome? {
        guard var s = search else { return nil }
        switch key {
        case .text(let t), .paste(let t):
            s.query += t
            search = s
            searchHistory(from: s.index ?? history.entries.count - 1)
            return SearchOutcome()
        case .backspace:
            if !s.query.isEmpty { s.query.removeLast() }
            search = s
            searchHistory(from: history.entries.count - 1)
            return SearchOutcome()
        case .ctrl("r"):
            searchHistory(from: (s.index ?? history.entries.count) - 1)
            return SearchOutcome()
        case .ctrl("g"), .ctrl("c"), .escape:
            buffer = s.original
            search = nil
            return SearchOutcome()
        case .enter:
            search = nil
            return SearchOutcome(result: .line(buffer.text))
        default:
            // Keep the found line and apply the key to it.
            if let i = s.index { historyIndex = i }
            search = nil
            return nil
        }
    }

    private func searchHistory(from start: Int) {
        guard var s = search else { return }
        let entries = history.entries
        var i = min(start, entries.count - 1)
        s.index = nil
        if !s.query.isEmpty {
            while i >= 0 {
                if let r = entries[i].range(of: s.query) {
                    s.index = i
                    buffer.set(entries[i])
                    let offset = entries[i].distance(from: entries[i].startIndex, to: r.lowerBound)
                    buffer.moveHome()
                    for _ in 0..<offset { buffer.moveRight() }
                    break
                }
                i -= 1
            }
        }
        search = s
    }

    // MARK: - Completion

    private func complete(secondPress: Bool) {
        guard let completer else { return }
        let before = buffer.textBeforeCursor
        let candidates = completer(before)
        guard !candidates.isEmpty else { flush("\u{7}"); return }
        let prefix = Self.commonPrefix(candidates)
        if prefix.count > before.count && prefix.hasPrefix(before) || candidates.count == 1 {
            let after = String(buffer.characters[buffer.cursor...])
            buffer.set(prefix)
            let cursor = buffer.cursor
            buffer.insert(after)
            buffer.moveHome()
            for _ in 0..<cursor { buffer.moveRight() }
            return
        }
        guard secondPress else { flush("\u{7}"); return }
        // List the candidates below the line, then draw a fresh prompt.
        let cursor = buffer.cursor
        buffer.moveEnd()
        flush(renderer.render(prompt: prompt, characters: buffer.characters, cursor: buffer.cursor, columns: columns))
        flush(renderer.finish())
        flush(Self.columnize(candidates, columns: columns, width: displayWidth).replacingOccurrences(of: "\n", with: "\r\n"))
        buffer.moveHome()
        for _ in 0..<cursor { buffer.moveRight() }
    }

    /// Longest common prefix of `strings`, by grapheme cluster.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            let a = Array(s)
            var n = 0
            while n < prefix.count, n < a.count, prefix[n] == a[n] { n += 1 }
            prefix.removeSubrange(n...)
        }
        return String(prefix)
    }

    /// Lays out `items` in columns that fit `columns`, padded by display width.
    static func columnize(_ items: [String], columns: Int, width: DisplayWidth) -> String {
        let cell = (items.map { width.width(of: $0) }.max() ?? 0) + 2
        let perRow = max(1, columns / max(1, cell))
        var out = ""
        for (i, item) in items.enumerated() {
            let last = i % perRow == perRow - 1 || i == items.count - 1
            out += last ? item + "\n" : width.truncate(item, toWidth: cell, ellipsis: "", pad: true)
        }
        return out
    }
}
