/// How a request arrived, and so how its reply goes out.
public enum Framing: Sendable, Equatable {
    /// A text line: one JSON line back.
    case line
    /// A RESP array: one RESP reply back.
    case resp
}
