import Foundation
import ZhikuIndex

/// One reply line: the envelope read with `JSONDecoder`, and `data` kept as the exact bytes the
/// server wrote (what `--format json` prints), to be decoded as the response type it is
/// (``decode(_:)``: `SearchResponse`, `FactsResponse`, …).
public struct ServerReply: Sendable {
    public var ok: Bool
    public var id: String?
    public var cmd: String?
    public var tookMs: Double
    /// Answered from the server's result cache (`"cached":true`).
    public var cached: Bool
    public var warnings: [String]
    /// `data` exactly as the server wrote it (nil for errors).
    public var dataJSON: String? { data.map { String(decoding: $0, as: UTF8.self) } }
    /// `(code, message, usage)` of an error reply.
    public var error: (code: String, message: String, usage: String?)?
    /// The whole reply line.
    public var bytes: [UInt8]
    /// The bytes of `data`.
    private var data: ArraySlice<UInt8>?

    private struct Envelope: Decodable {
        struct ErrorBody: Decodable {
            var code: String
            var message: String
            var usage: String?
        }
        var ok: Bool
        var id: String?
        var cmd: String?
        var took_ms: Double?
        var cached: Bool?
        var warnings: [String]?
        var error: ErrorBody?
    }

    /// Reads a reply line.
    /// - throws: ``ZhikuError`` `io` when it is not a zhiku reply (not JSON, a field of the wrong
    ///   type, invalid escapes…).
    public init(bytes: [UInt8]) throws {
        self.bytes = bytes
        let envelope: Envelope
        do {
            envelope = try JSONDecoder().decode(Envelope.self, from: Data(bytes))
        } catch {
            throw ZhikuError(.io, "the server's reply is not a zhiku reply (\(ServerReply.describe(error))): is it a `zhiku serve`?")
        }
        ok = envelope.ok
        id = envelope.id
        cmd = envelope.cmd
        tookMs = envelope.took_ms ?? 0
        cached = envelope.cached ?? false
        warnings = envelope.warnings ?? []
        error = envelope.error.map { ($0.code, $0.message, $0.usage) }
        data = ok ? ServerReply.dataBytes(of: bytes) : nil
        if ok && data == nil { throw ZhikuError(.io, "the server's reply has no data: is it a `zhiku serve`?") }
    }

    /// The bytes of `data` in a success envelope, which the server always writes last:
    /// `{"ok":true,…,"warnings":[…],"data":DATA}`. A quote inside a JSON string is escaped, so the
    /// first `"data":` is the key.
    private static func dataBytes(of bytes: [UInt8]) -> ArraySlice<UInt8>? {
        let key = Array(#""data":"#.utf8)
        guard bytes.last == UInt8(ascii: "}"), bytes.count > key.count else { return nil }
        var i = 0
        while i + key.count < bytes.count {
            if bytes[i] == key[0], bytes[i..<(i + key.count)].elementsEqual(key) {
                return bytes[(i + key.count)..<(bytes.count - 1)]
            }
            i += 1
        }
        return nil
    }

    /// `data` read as `T`, or the error reply as a ``ZhikuError`` with the server's code.
    /// - throws: ``ZhikuError``: the server's error; `io` when `data` is not a `T`.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try requireOK()
        do {
            return try JSONDecoder().decode(T.self, from: Data(data ?? []))
        } catch {
            throw ZhikuError(.io, "the server's \(cmd ?? "") reply cannot be read (\(ServerReply.describe(error)))")
        }
    }

    /// Nothing when the reply is a success; its error as a ``ZhikuError`` otherwise.
    public func requireOK() throws {
        guard !ok else { return }
        let code = error?.code ?? "ERR_INTERNAL"
        let message = error?.message ?? "error reply without a message"
        // The server's code as it is (an engine code or a protocol one); a code this client does
        // not know (a newer server) is reported as I/O trouble with the code in the message.
        if let known = ErrorCode(rawValue: code) { throw ZhikuError(known, message) }
        throw ZhikuError(.io, "\(code): \(message)")
    }

    /// A decoding error in a sentence (where and what), without Swift's type dump.
    static func describe(_ error: Error) -> String {
        guard let e = error as? DecodingError else { return "\(error)" }
        func path(_ c: [CodingKey]) -> String {
            c.isEmpty ? "" : " at " + c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch e {
        case .dataCorrupted(let c): return c.debugDescription + path(c.codingPath)
        case .keyNotFound(let key, let c): return "no \(key.stringValue)" + path(c.codingPath)
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return c.debugDescription + path(c.codingPath)
        @unknown default: return "\(e)"
        }
    }
}
