import Foundation
import ZhikuIndex

/// `:facts` and `:ent` in the REPL: the same engine calls as `zhiku facts` and `zhiku entities`,
/// or FACTS and ENTITIES on the server after `:connect`.
extension ReplSession {
    func facts(_ question: String) {
        guard !question.isEmpty else { return fail("ERR_ARG", ":facts <question>") }
        let limit = min(self.limit, 20)
        show(runCancellable({ [backend] in try backend.facts(question, limit: limit) }))
    }

    /// `:ent <id>` for an indexed document, `:ent <text>` for any text, `:ent` for the knowledge base.
    func entities(_ arg: String) {
        show(runCancellable({ [backend] in try backend.entities(arg) }))
    }

    /// Organization and platform names of the current index or server (loaded once, on first use).
    var entityNames: [String] {
        if let names = entityNamesCache { return names }
        let names = (try? backend.entityNames()) ?? []
        entityNamesCache = names
        return names
    }

    /// Tab completion: `:commands` and their values, then entity names for the word before the
    /// cursor in a bare query or after `:facts`/`:ent`.
    func completions(for prefix: String) -> [String] {
        let commands = ReplCommand.completions(for: prefix)
        if !commands.isEmpty { return commands }
        var line = prefix
        if line.hasPrefix("：") { line = ":" + line.dropFirst() }
        if line.hasPrefix(":") {
            let word = line.dropFirst().prefix { !$0.isWhitespace }
            guard line.dropFirst().count > word.count, ["facts", "ent"].contains(ReplCommand.find(String(word))?.name) else { return [] }
        }
        return ReplCommand.nameCompletions(for: prefix, names: entityNames)
    }
}

/// `:connect HOST:PORT` and `:local DIR`.
extension ReplSession {
    func connect(_ arg: String) {
        guard !arg.isEmpty else { return emit("\(backend.label)\n", page: false) }
        guard let (host, port) = ServeCommand.splitAddress(arg), port > 0 else { return fail("ERR_ARG", ":connect HOST:PORT, e.g. 127.0.0.1:7733") }
        switch runCancellable({ try RemoteReplBackend(host: host, port: port) }) {
        case .done(let b):
            backend.cancel()
            backend = b
            emit("connected to \(b.address)\n", page: false)
        case .failed(let e as ZhikuError): fail(e.code.rawValue, e.message)
        case .failed(let e): fail("ERR_IO", "\(e)")
        case .cancelled: emit("\r^C cancelled\n", page: false)
        }
    }

    func local(_ arg: String) {
        let dir = arg.isEmpty ? "index" : arg
        do {
            let b = try LocalReplBackend(directory: dir)
            backend.cancel()
            backend = b
            emit("using \(b.label)\n", page: false)
        } catch let e as ZhikuError {
            fail(e.code.rawValue, e.message)
        } catch {
            fail("ERR_IO", "\(error)")
        }
    }
}
