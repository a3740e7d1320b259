import Foundation
import ZhikuIndex
import ZhikuServer

/// Where the REPL's commands go: the local index (``LocalReplBackend``) or a running `zhiku serve`
/// (``RemoteReplBackend``). `:local DIR` and `:connect HOST:PORT` swap it; every command renders
/// the same way either way: a server's answers are decoded into the engine's response types.
protocol ReplBackend: AnyObject, Sendable {
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
