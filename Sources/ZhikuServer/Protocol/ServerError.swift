import ZhikuIndex

/// An error reply: a protocol code from `docs/protocol.md`, a message that says what to do, and for
/// syntax errors the verb's usage line.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    /// Codes of the protocol; engine errors keep their own `ERR_*` code.
    public enum Code: String, Sendable {
        case unknownCommand = "ERR_UNKNOWN_COMMAND"
        case syntax = "ERR_SYNTAX"
        case argument = "ERR_ARG"
        case utf8 = "ERR_UTF8"
        case noAuth = "ERR_NOAUTH"
        case auth = "ERR_AUTH"
        case notFound = "ERR_NOT_FOUND"
        case timeout = "ERR_TIMEOUT"
        case lineTooLong = "ERR_LINE_TOO_LONG"
        case protocolError = "ERR_PROTOCOL"
        case busy = "ERR_BUSY"
        case shuttingDown = "ERR_SHUTTING_DOWN"
        case internalError = "ERR_INTERNAL"
    }

    /// The `ERR_*` string sent to the client.
    public var code: String
    public var message: String
    /// Usage of the verb, sent with syntax and argument errors.
    public var usage: String?

    public init(_ code: Code, _ message: String, usage: String? = nil) {
        self.code = code.rawValue
        self.message = message
        self.usage = usage
    }

    /// Wraps an engine error, keeping its code (`ERR_ARG`, `ERR_NOT_FOUND`, `ERR_INDEX`…).
    public init(_ error: ZhikuError, usage: String? = nil) {
        code = error.code.rawValue
        message = error.message
        self.usage = error.code == .argument ? usage : nil
    }

    /// Errors after which the server closes the connection.
    public var closesConnection: Bool {
        [Code.lineTooLong.rawValue, Code.protocolError.rawValue, Code.busy.rawValue, Code.shuttingDown.rawValue].contains(code)
    }

    public var description: String { "\(code) \(message)" }

    /// A bug: the message carries an incident id that is also logged with the details.
    static func `internal`(_ error: Error) -> ServerError {
        let incident = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return ServerError(.internalError, "internal error (incident \(incident)): \(error)")
    }

    /// Engine and internal failures: always logged at error level.
    var isServerFault: Bool {
        code == Code.internalError.rawValue || code.hasPrefix("ERR_INDEX") || code == "ERR_IO"
    }
}
