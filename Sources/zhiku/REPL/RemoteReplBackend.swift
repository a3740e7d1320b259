import Foundation
import ZhikuIndex
import ZhikuServer

/// A running `zhiku serve`, through ``ZhikuClient``. The connection is opened at once (so that
/// `:connect` reports a wrong address) and again after a cancelled call.
final class RemoteReplBackend: ReplBackend, @unchecked Sendable {  // `client` is only touched under `lock`; abort() may come from another thread
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
