import Foundation
import ZhikuIndex
import ZhikuServer

/// What the REPL prints for `:facts`, `:ent`, `:doc` and `:stats`: the `data` object as JSON (what
/// `--format json` and the server's reply carry) and a text rendering for pretty/table modes.
struct ReplOutput {
    var json: String
    var text: (_ color: Bool) -> String
    /// Whether something was answered (counts towards the batch exit status).
    var found = true
}

/// Where the REPL's commands go: the local index (``LocalReplBackend``) or a running `zhiku serve`
/// (``RemoteReplBackend``). `:local DIR` and `:connect HOST:PORT` swap it; every command renders
/// the same way either way (searches through ``RemoteSearchResponse/localResponse``).
protocol ReplBackend: AnyObject {
    /// `index DIR` or `server HOST:PORT`.
    var label: String { get }
    /// Prompt decoration: nil for the local index, `HOST:PORT` for a server.
    var promptTag: String? { get }
    func search(_ query: String, options: SearchOptions) throws -> SearchResponse
    func facts(_ question: String, limit: Int) throws -> ReplOutput
    /// `arg` empty: the knowledge base; a document id; otherwise entities of the text.
    func entities(_ arg: String) throws -> ReplOutput
    func document(id: String, passage: Int?) throws -> ReplOutput
    func stats() throws -> ReplOutput
    /// Organization and platform names (with aliases) for Tab completion, most mentioned first.
    func entityNames() throws -> [String]
    /// Called from the REPL thread when Ctrl-C abandons a running call (a remote backend closes
    /// its socket; the next call reconnects).
    func cancel()
}

/// The in-process engine, following its index folder (deleted and indexed again: the new one).
final class LocalReplBackend: ReplBackend {
    let slot: EngineSlot
    var engine: Engine { slot.current() }
    let directory: String

    init(engine: Engine, directory: String) {
        slot = EngineSlot(engine: engine)
        self.directory = directory
    }

    /// Opens the index in `directory` (which must exist: `:local` never builds one).
    convenience init(directory: String) throws {
        let url = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath)
        guard FileManager.default.fileExists(atPath: IndexStore.databaseURL(in: url).path) else {
            throw ZhikuError(.io, "no index in \(directory) (build one with `zhiku index CORPUS --index \(directory)`)")
        }
        self.init(engine: try Engine(indexDirectory: url, extractor: Annotation.default), directory: directory)
    }

    var label: String { "index \(directory)" }
    var promptTag: String? { nil }

    func search(_ query: String, options: SearchOptions) throws -> SearchResponse {
        try engine.search(query, options: options)
    }

    func facts(_ question: String, limit: Int) throws -> ReplOutput {
        let r = try engine.facts(question, limit: limit)
        return ReplOutput(json: r.json, text: { FactsCommand.text(r, color: $0) }, found: !r.answers.isEmpty)
    }

    func entities(_ arg: String) throws -> ReplOutput {
        if arg.isEmpty {
            let json = try engine.knowledgeBase(limit: 30).json
            return ReplOutput(json: json, text: { _ in ReplText.knowledgeBase(json) })
        }
        do {
            let g = try engine.entities(documentID: arg)
            return ReplOutput(json: g.json, text: { _ in EntitiesCommand.text(g) })
        } catch let e as ZhikuError where e.code == .notFound {
            let json = engine.entities(text: arg)
            return ReplOutput(json: json, text: { _ in EntitiesCommand.textOfExtract(json) + "\n" })
        }
    }

    func document(id: String, passage: Int?) throws -> ReplOutput {
        let json = try engine.document(id: id, passage: passage, length: Int.max / 2).json
        return ReplOutput(json: json, text: { ReplText.document(json, onePassage: passage != nil, color: $0) })
    }

    func stats() throws -> ReplOutput {
        let json = try engine.stats().json
        return ReplOutput(json: json, text: { _ in ReplText.stats(json) })
    }

    func entityNames() throws -> [String] {
        ReplText.names(ofKnowledgeBase: try engine.knowledgeBase(limit: 200).json)
    }

    func cancel() {}
}

/// A running `zhiku serve`, through ``ZhikuClient``. The connection is opened at once (so that
/// `:connect` reports a wrong address) and again after a cancelled call.
final class RemoteReplBackend: ReplBackend {
    let host: String
    let port: Int
    let password: String?
    private let lock = NSLock()
    private var client: ZhikuClient?

    init(host: String, port: Int, password: String? = ProcessInfo.processInfo.environment["ZHIKU_PASSWORD"]) throws {
        self.host = host
        self.port = port
        self.password = password.flatMap { $0.isEmpty ? nil : $0 }
        _ = try connection()
    }

    var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    var label: String { "server \(address)" }
    var promptTag: String? { address }

    /// The open connection, or a new one.
    private func connection() throws -> ZhikuClient {
        lock.lock()
        if let c = client { lock.unlock(); return c }
        lock.unlock()
        let c = try ZhikuClient(host: host, port: port, timeout: 30)
        if let password { try c.authenticate(password: password) }
        lock.lock()
        client = c
        lock.unlock()
        return c
    }

    func cancel() {
        lock.lock()
        let c = client
        client = nil
        lock.unlock()
        c?.abort()
    }

    /// Sends `line`; returns `data` as sent, or throws the error reply.
    private func data(_ line: String) throws -> String {
        let c = try connection()
        do {
            let reply = try c.call(line)
            _ = try reply.requireData()
            return reply.dataJSON ?? "null"
        } catch let e as ZhikuError where e.code == .io {
            // A broken connection is not reused.
            lock.lock()
            if client === c { client = nil }
            lock.unlock()
            throw e
        }
    }

    func search(_ query: String, options: SearchOptions) throws -> SearchResponse {
        let c = try connection()
        do {
            return try c.search(query, options: options).localResponse
        } catch let e as ZhikuError where e.code == .io {
            lock.lock()
            if client === c { client = nil }
            lock.unlock()
            throw e
        }
    }

    func facts(_ question: String, limit: Int) throws -> ReplOutput {
        let json = try data("FACTS limit=\(limit) -- \(question)")
        return ReplOutput(json: json, text: { ReplText.facts(json, color: $0) }, found: ReplText.factsAnswered(json))
    }

    func entities(_ arg: String) throws -> ReplOutput {
        if arg.isEmpty {
            let json = try data("ENTITIES limit=30")
            return ReplOutput(json: json, text: { _ in ReplText.knowledgeBase(json) })
        }
        if !arg.contains(where: \.isWhitespace) {
            do {
                let json = try data("ENTITIES doc=\(arg)")
                return ReplOutput(json: json, text: { _ in ReplText.entityGroups(json) })
            } catch let e as ZhikuError where e.code == .notFound {}
        }
        let json = try data("ENTITIES -- \(arg)")
        return ReplOutput(json: json, text: { _ in EntitiesCommand.textOfExtract(json) + "\n" })
    }

    func document(id: String, passage: Int?) throws -> ReplOutput {
        let json = try data("DOC len=65536" + (passage.map { " passage=\($0)" } ?? "") + " -- \(id)")
        return ReplOutput(json: json, text: { ReplText.document(json, onePassage: passage != nil, color: $0) })
    }

    func stats() throws -> ReplOutput {
        let json = try data("STATS")
        return ReplOutput(json: json, text: { _ in ReplText.stats(json) })
    }

    func entityNames() throws -> [String] {
        ReplText.names(ofKnowledgeBase: try data("ENTITIES limit=200"))
    }
}
