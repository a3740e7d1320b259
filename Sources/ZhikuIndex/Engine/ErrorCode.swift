/// The `ERR_*` codes of `docs/protocol.md`, one enum for the engine, the server, the client and
/// the CLI (`zhiku: ERR_…: message` on stderr). The raw value is the string sent and printed.
public enum ErrorCode: String, Sendable, Codable, CaseIterable {
    // Requests (the server's own).
    /// An unknown verb.
    case unknownCommand = "ERR_UNKNOWN_COMMAND"
    /// Missing text or an unknown option.
    case syntax = "ERR_SYNTAX"
    /// An argument out of range or empty.
    case argument = "ERR_ARG"
    /// A request that is not valid UTF-8.
    case utf8 = "ERR_UTF8"
    /// A command before `AUTH` on a server with a password.
    case noAuth = "ERR_NOAUTH"
    /// A wrong password.
    case auth = "ERR_AUTH"
    /// A request line or RESP argument over the limit (the connection is closed).
    case lineTooLong = "ERR_LINE_TOO_LONG"
    /// Malformed RESP (the connection is closed).
    case protocolError = "ERR_PROTOCOL"
    /// Too many clients (the connection is closed).
    case busy = "ERR_BUSY"
    /// The server is draining (the connection is closed).
    case shuttingDown = "ERR_SHUTTING_DOWN"

    // Answers (the engine's).
    /// An unknown document or passage.
    case notFound = "ERR_NOT_FOUND"
    /// The query ran past its time budget (only when partial results are refused).
    case timeout = "ERR_TIMEOUT"
    /// The query was stopped because nobody waits for it any more (its client went away, Ctrl-C
    /// in the REPL); a server never sends it.
    case cancelled = "ERR_CANCELLED"
    /// No index where one was expected.
    case indexMissing = "ERR_INDEX"
    /// The index file is damaged, or is not a zhiku index.
    case indexUnusable = "ERR_INDEX_CORRUPT"
    /// The index was built by another zhiku (another schema version): an older one's is rebuilt
    /// by `zhiku index`; a newer one's needs that zhiku.
    case indexVersion = "ERR_INDEX_VERSION"
    /// Another process is writing the index (`zhiku index`; the CLI only).
    case indexBusy = "ERR_INDEX_BUSY"
    /// Reading files, writing the index or talking to a server failed.
    case io = "ERR_IO"
    /// A bug.
    case internalError = "ERR_INTERNAL"
}
