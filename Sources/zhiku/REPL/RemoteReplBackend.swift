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

    /// Runs `call` on the connection; a connection that failed is not reused.
    private func using<T>(_ call: (ZhikuClient) throws -> T) throws -> T {
        let c = try connection()
        do {
            return try call(c)
        } catch let e as ZhikuError where e.code == .io {
            lock.lock()
            if client === c { client = nil }
            lock.unlock()
            throw e
        }
    }

    func search(_ query: String, options: SearchOptions) throws -> SearchResponse {
        try using { try $0.search(query, options: options) }
    }

    func facts(_ question: String, limit: Int) throws -> ReplOutput {
        .facts(try using { try $0.facts(question, limit: limit) })
    }

    func entities(_ arg: String) throws -> ReplOutput {
        if arg.isEmpty { return .knowledgeBase(try using { try $0.knowledgeBase(limit: 30) }) }
        if !arg.contains(where: \.isWhitespace) {
            do {
                return .groups(try using { try $0.entities(documentID: arg) })
            } catch let e as ZhikuError where e.code == .notFound {}
        }
        return .extracted(try using { try $0.entities(text: arg) })
    }

    func document(id: String, passage: Int?) throws -> ReplOutput {
        .document(try using { try $0.document(id: id, passage: passage) }, onePassage: passage != nil)
    }

    func stats() throws -> ReplOutput {
        .stats(try using { try $0.stats() })
    }

    func entityNames() throws -> [String] {
        EntitiesText.names(try using { try $0.knowledgeBase(limit: 200) })
    }
}
