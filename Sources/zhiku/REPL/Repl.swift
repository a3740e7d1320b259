import Foundation
import ZhikuIndex
import ZhikuTerminal

/// The interactive session behind `zhiku repl`: reads lines, runs searches and `:commands`,
/// keeps the session settings (README.md, `zhiku repl`; `:help` lists the commands).
///
/// On a TTY the input comes from ``LineEditor``; otherwise (pipe, `TERM=dumb`) there is no prompt
/// and no escape sequence, and a bare query prints exactly what `zhiku search` prints.
final class ReplSession {
    enum Mode: String, CaseIterable { case pretty, table, json, jsonl }
    enum Toggle: String, CaseIterable { case auto, on, off }

    /// The local index or the server the commands go to (`:local`, `:connect`).
    var backend: ReplBackend {
        didSet { entityNamesCache = nil }
    }
    let interactive: Bool
    var mode: Mode = .pretty
    var expanded = false
    var timer = false
    var pagerMode: Pager.Mode = .auto
    var colorMode: Toggle
    var limit = 10
    var snippet = 80
    /// The search's time budget in ms (`:set timeout`); nil: none.
    var timeoutMs: Int? = SearchOptions.defaultTimeoutMs
    /// Terms a search searches at most (`:set terms`).
    var maxTerms = Query.maxTerms
    /// Searches keep to documents whose profile matches (`:set place 江苏`, `:set year 2025`, `:set kind 统计公报`; `-` clears).
    var filter = DocumentFilter()
    var ambiguousWide = false
    /// The last search, for :more/:prev/:open.
    var lastQuery: String?
    var lastOffset = 0
    var lastResponse: SearchResponse?
    var anyFound = false
    var sourceDepth = 0
    let history: History
    /// Organization and platform names for Tab completion, loaded on the first Tab.
    var entityNamesCache: [String]?

    init(backend: ReplBackend, interactive: Bool, color: Toggle, history: History) {
        self.backend = backend
        self.interactive = interactive
        self.colorMode = color
        self.history = history
    }

    var color: Bool {
        switch colorMode {
        case .on: return true
        case .off: return false
        case .auto: return ZhikuTerminal.Terminal.colorAllowed(fd: STDOUT_FILENO)
        }
    }

    var columns: Int { ZhikuTerminal.Terminal.columns(fd: STDOUT_FILENO) }

    // MARK: - Output

    func emit(_ text: String, page: Bool = true) {
        guard !text.isEmpty else { return }
        if interactive && page {
            Pager(mode: pagerMode).show(text)
        } else {
            Terminal.writeOut(text)
        }
    }

    func fail(_ code: String, _ message: String) {
        if interactive {
            let line = "zhiku: \(code): \(message)\n"
            Terminal.writeOut(color ? ANSI.sgr("31", line) : line)
        } else {
            Terminal.error(code, message)
        }
    }

    // MARK: - Dispatch

    /// Runs one input line; returns false when the session should end.
    func execute(_ line: String) -> Bool {
        switch ReplInput(line) {
        case .empty: return true
        case .quit: return false
        case .search(let q):
            lastQuery = q
            lastOffset = 0
            search()
        case .command(let name, let arg):
            command(name, arg)
        }
        return true
    }

    private func command(_ name: String, _ arg: String) {
        switch name {
        case "help": emit(ReplCommand.helpText(arg), page: false)
        case "more": page(by: 1)
        case "prev": page(by: -1)
        case "limit": set("limit", arg)
        case "snippet": set("snippet", arg)
        case "mode": set("mode", arg)
        case "pager": set("pager", arg)
        case "color": set("color", arg)
        case "timer":
            if arg.isEmpty { timer.toggle() } else if arg == "on" || arg == "off" { timer = arg == "on" } else {
                return fail("ERR_ARG", ":timer on|off")
            }
            emit("timer \(timer ? "on" : "off")\n", page: false)
        case "x":
            expanded.toggle()
            emit("expanded display \(expanded ? "on" : "off")\n", page: false)
        case "set":
            let parts = arg.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.isEmpty {
                emit("limit \(limit)\nsnippet \(snippet)\nmode \(mode.rawValue)\npager \(pagerMode.rawValue)\ncolor \(colorMode.rawValue)\nambiwidth \(ambiguousWide ? 2 : 1)\n"
                     + "place \(filter.place ?? "-")\nyear \(filter.year.map(String.init) ?? "-")\nkind \(filter.kind ?? "-")\n", page: false)
            } else {
                set(parts[0], parts.count > 1 ? parts[1] : "")
            }
        case "stats": stats()
        case "doc": doc(arg)
        case "open": open(arg)
        case "history": showHistory(arg)
        case "source": source(arg)
        case "facts": facts(arg)
        case "ent": entities(arg)
        case "connect": connect(arg)
        case "local": local(arg)
        default:
            fail("ERR_ARG", "unknown command :\(name) (try :help)")
        }
    }

    private func set(_ key: String, _ value: String) {
        switch key {
        case "limit":
            guard let n = Int(value), (1...SearchOptions.maxLimit).contains(n) else { return fail("ERR_ARG", ":limit takes 1…\(SearchOptions.maxLimit)") }
            limit = n
        case "snippet":
            guard let n = Int(value), (10...500).contains(n) else { return fail("ERR_ARG", ":snippet takes 10…500") }
            snippet = n
        case "mode":
            guard let m = Mode(rawValue: value) else { return fail("ERR_ARG", ":mode pretty|table|json|jsonl") }
            mode = m
        case "pager":
            guard let m = Pager.Mode(rawValue: value) else { return fail("ERR_ARG", ":pager auto|on|off") }
            pagerMode = m
        case "color", "colour":
            guard let m = Toggle(rawValue: value) else { return fail("ERR_ARG", ":color auto|on|off") }
            colorMode = m
        case "timeout":
            if value == "off" || value == "0" {
                timeoutMs = nil
            } else {
                guard let n = Int(value), (1...3_600_000).contains(n) else { return fail("ERR_ARG", ":set timeout takes 1…3600000 (ms) or off") }
                timeoutMs = n
            }
        case "terms":
            guard let n = Int(value), (1...Query.maxTermsLimit).contains(n) else { return fail("ERR_ARG", ":set terms takes 1…\(Query.maxTermsLimit)") }
            maxTerms = n
        case "ambiwidth":
            guard value == "1" || value == "2" else { return fail("ERR_ARG", ":set ambiwidth 1|2") }
            ambiguousWide = value == "2"
        case "place", "year", "kind":
            var f = filter
            let v: String? = value.isEmpty || value == "-" ? nil : value
            switch key {
            case "place": f.place = v
            case "year":
                guard v == nil || Int(v!) != nil else { return fail("ERR_ARG", ":set year YYYY (or - to clear)") }
                f.year = v.flatMap { Int($0) }
            default: f.kind = v
            }
            do { try f.validate() } catch let e as ZhikuError { return fail(e.code.rawValue, e.message) } catch { return fail("ERR_ARG", "\(error)") }
            filter = f
        default:
            return fail("ERR_ARG", "unknown setting \(key) (limit, snippet, timeout, terms, mode, pager, color, ambiwidth, place, year, kind)")
        }
        if interactive { emit("\(key) \(value)\n", page: false) }
    }

    // MARK: - Search

    private func page(by step: Int) {
        guard lastQuery != nil else { return fail("ERR_ARG", "no search yet") }
        let next = lastOffset + step * limit
        guard next >= 0 else { return fail("ERR_ARG", "already at the first page") }
        if step > 0, let r = lastResponse, next >= r.total { return fail("ERR_ARG", "no more hits") }
        lastOffset = next
        search()
    }

    private func search() {
        guard let q = lastQuery else { return }
        var o = SearchOptions()
        o.limit = limit
        o.offset = lastOffset
        o.snippetLength = snippet
        o.timeoutMs = timeoutMs
        o.maxTerms = maxTerms
        o.filter = filter.isEmpty ? nil : filter
        let started = DispatchTime.now().uptimeNanoseconds
        let options = o
        let outcome = runCancellable { [backend] in try backend.search(q, options: options) }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        switch outcome {
        case .cancelled:
            emit("\r^C query cancelled\n", page: false)
        case .failed(let e as ZhikuError):
            if interactive { fail(e.code.rawValue, e.message) } else {
                HitPrinter(format: .text, color: false, marks: .brackets).printError(e, query: q)
            }
        case .failed(let e):
            fail("ERR_INTERNAL", "\(e)")
        case .done(let r):
            lastResponse = r
            anyFound = anyFound || !r.hits.isEmpty
            emit(format(r))
            if timer {
                let side = backend.promptTag == nil ? "engine" : "server"
                emit(String(format: "time: client %.1f ms, \(side) %.1f ms\n", elapsed, r.tookMs), page: false)
            }
        }
    }

    func format(_ r: SearchResponse) -> String {
        let c = color
        switch mode {
        case .json: return r.json + "\n"
        case .jsonl, .pretty:
            if mode == .pretty && expanded { return HitFormatter(color: c, columns: columns, width: displayWidth).expanded(r) }
            // On a terminal, pretty lines are cut to its width; batch output is `zhiku search`'s.
            if mode == .pretty && interactive { return HitFormatter(color: c, columns: columns, width: displayWidth).pretty(r) }
            return HitPrinter(format: mode == .jsonl ? .jsonl : .text, color: c, marks: .brackets).rendered(r)
        case .table:
            let f = HitFormatter(color: c, columns: columns, width: displayWidth)
            return expanded ? f.expanded(r) : f.table(r)
        }
    }

    var displayWidth: DisplayWidth { DisplayWidth(ambiguousIsWide: ambiguousWide) }

    enum Outcome<T> { case done(T), failed(Error), cancelled }

    /// Runs `work` on another thread; Ctrl-C (SIGINT, the terminal is in cooked mode here) returns
    /// `.cancelled` at once: the engine's statement is interrupted (``QueryCancellation``), a
    /// server's connection closed, and the late result dropped.
    func runCancellable<T>(_ work: @escaping @Sendable () throws -> T) -> Outcome<T> {
        guard interactive else {
            do { return .done(try work()) } catch { return .failed(error) }
        }
        let box = OutcomeBox<T>()
        let done = DispatchSemaphore(value: 0)
        let cancellation = QueryCancellation()
        ZhikuTerminal.Terminal.catchInterrupts = true
        _ = ZhikuTerminal.Terminal.pendingEvents()
        defer { ZhikuTerminal.Terminal.catchInterrupts = false }
        Thread.detachNewThread {
            let r: Outcome<T>
            do { r = .done(try cancellation.run(work)) } catch { r = .failed(error) }
            box.value = r
            done.signal()
        }
        while true {
            if done.wait(timeout: .now() + .milliseconds(20)) == .success { return box.value ?? .cancelled }
            if ZhikuTerminal.Terminal.pendingEvents().interrupts > 0 {
                cancellation.cancel()
                backend.cancel()
                return .cancelled
            }
        }
    }

    // MARK: - Documents, stats, history, source

    private func stats() {
        show(runCancellable({ [backend] in try backend.stats() }))
    }

    /// Prints a knowledge/document/stats answer in the session's mode.
    func show(_ outcome: Outcome<ReplOutput>) {
        switch outcome {
        case .done(let o):
            anyFound = anyFound || o.found
            emit(mode == .json || mode == .jsonl ? o.json + "\n" : o.text(color))
        case .failed(let e as ZhikuError): fail(e.code.rawValue, e.message)
        case .failed(let e): fail("ERR_INTERNAL", "\(e)")
        case .cancelled: emit("\r^C cancelled\n", page: false)
        }
    }

    private func doc(_ arg: String) {
        let parts = arg.split(separator: " ").map(String.init)
        guard let id = parts.first else { return fail("ERR_ARG", ":doc <id> [n]") }
        var passage: Int?
        if parts.count > 1 {
            guard let n = Int(parts[1]) else { return fail("ERR_ARG", ":doc <id> [n]: n is a passage number") }
            passage = n
        }
        showDocument(id, passage: passage)
    }

    private func open(_ arg: String) {
        guard let k = Int(arg) else { return fail("ERR_ARG", ":open <k>: k is a hit number") }
        guard let r = lastResponse, let hit = r.hits.first(where: { $0.rank == k }) else {
            return fail("ERR_ARG", "no hit [\(k)] in the last result")
        }
        showDocument(hit.doc, passage: hit.passage)
    }

    private func showDocument(_ id: String, passage: Int?) {
        show(runCancellable({ [backend] in try backend.document(id: id, passage: passage) }))
    }

    private func showHistory(_ arg: String) {
        let n = Int(arg) ?? 20
        let entries = history.entries
        let start = max(0, entries.count - n)
        var out = ""
        for i in start..<entries.count { out += String(format: "%5d  ", i + 1) + entries[i] + "\n" }
        emit(out)
    }

    private func source(_ path: String) {
        guard !path.isEmpty else { return fail("ERR_ARG", ":source FILE") }
        guard sourceDepth < 8 else { return fail("ERR_ARG", ":source nested too deeply") }
        let expanded = (path as NSString).expandingTildeInPath
        guard let data = FileManager.default.contents(atPath: expanded) else { return fail("ERR_ARG", "cannot read \(path)") }
        sourceDepth += 1
        defer { sourceDepth -= 1 }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true) {
            if !execute(String(line).trimmingCharacters(in: CharacterSet(charactersIn: "\r"))) { return }
        }
    }
}

/// Hands a result from the query thread to the waiting REPL thread (guarded by a semaphore).
final class OutcomeBox<T>: @unchecked Sendable {  // written once before the semaphore is signalled, read after
    var value: ReplSession.Outcome<T>?
}
