import NIOCore

/// One request cut out of the byte stream, before any UTF-8 or grammar check.
public enum Frame: Equatable, Sendable {
    /// A text line without its LF or CRLF (empty lines are frames too; they get no reply).
    case line([UInt8])
    /// A RESP array of bulk strings (`*0` gives an empty array, which gets no reply).
    case resp([[UInt8]])
    /// A line or bulk argument over the limit: reply `ERR_LINE_TOO_LONG` in that framing, then close.
    case tooLong(Framing)
    /// Malformed RESP: reply `ERR_PROTOCOL`, then close.
    case malformed(String)
}
