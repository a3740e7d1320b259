import Foundation

/// What ``LineEditor/readLine()`` produced.
public enum ReadResult: Equatable, Sendable {
    /// The user pressed Enter on this line.
    case line(String)
    /// Ctrl-C: the line was abandoned.
    case interrupted
    /// Ctrl-D on an empty line, or end of input.
    case eof
}
