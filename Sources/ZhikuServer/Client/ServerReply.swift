import Foundation
import ZhikuIndex

/// One reply line, parsed: the envelope, and `data` both parsed and as the exact text sent.
public struct ServerReply: Sendable {
    public var ok: Bool
    public var id: String?
    public var cmd: String?
    public var tookMs: Double
    /// Answered from the server's result cache (`"cached":true`).
    public var cached: Bool
    public var warnings: [String]
    /// `data`, parsed (nil for errors).
    public var data: JSONNode?
    /// `data` exactly as the server wrote it (what the CLI prints with `--format json`).
    public var dataJSON: String?
    /// `(code, message, usage)` of an error reply.
    public var error: (code: String, message: String, usage: String?)?
    /// The whole reply line.
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        let root: JSONNode
        do { root = try JSONNode.parse(bytes) } catch { throw ZhikuError(.io, "the server's reply is not JSON (\(error)): is it a `zhiku serve`?") }
        ok = root["ok"]?.bool ?? false
        id = root["id"]?.string
        cmd = root["cmd"]?.string
        tookMs = root["took_ms"]?.double ?? 0
        cached = root["cached"]?.bool ?? false
        warnings = root["warnings"]?.array?.compactMap(\.string) ?? []
        data = root["data"]
        dataJSON = data.map { JSONNode.raw($0, in: bytes) }
        if let e = root["error"] {
            error = (e["code"]?.string ?? "ERR_INTERNAL", e["message"]?.string ?? "", e["usage"]?.string)
        }
    }

    /// `data`, or the error reply as a ``ZhikuError``.
    public func requireData() throws -> JSONNode {
        if ok, let data { return data }
        let code = error?.code ?? "ERR_INTERNAL"
        let message = error?.message ?? "error reply without a message"
        // The server's code as it is (an engine code or a protocol one); a code this client does
        // not know (a newer server) is reported as I/O trouble with the code in the message.
        if let known = ErrorCode(rawValue: code) { throw ZhikuError(known, message) }
        throw ZhikuError(.io, "\(code): \(message)")
    }
}
