import ZhikuIndex

/// An error reply: a code of `docs/protocol.md` (``ErrorCode``, the engine's and the server's
/// alike), a message that says what to do, and for syntax and argument errors the verb's usage line.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    public var code: ErrorCode
    public var message: String
    /// Usage of the verb, sent with syntax and argument errors.
    public var usage: String?

    public init(_ code: ErrorCode, _ message: String, usage: String? = nil) {
        self.code = code
        self.message = message
        self.usage = usage
    }

    /// Wraps an engine error, keeping its code (`ERR_ARG`, `ERR_NOT_FOUND`, `ERR_INDEX`…).
    public init(_ error: ZhikuError, usage: String? = nil) {
        code = error.code
        message = error.message
        self.usage = error.code == .argument ? usage : nil
    }

    /// Errors after which the server closes the connection.
    public var closesConnection: Bool {
        switch code {
        case .lineTooLong, .protocolError, .busy, .shuttingDown: return true
        default: return false
        }
    }

    public var description: String { "\(code.rawValue) \(message)" }

    /// A bug: the message carries an incident id that is also logged with the details.
    static func `internal`(_ error: Error) -> ServerError {
        let incident = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return ServerError(.internalError, "internal error (incident \(incident)): \(error)")
    }

    /// Engine and internal failures: always logged at error level.
    var isServerFault: Bool {
        switch code {
        case .internalError, .indexMissing, .indexUnusable, .indexBusy, .io: return true
        default: return false
        }
    }
}
