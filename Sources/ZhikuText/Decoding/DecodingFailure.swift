import Foundation

/// Why a file could not be turned into text.
public enum DecodingFailure: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file has no bytes, or only white space.
    case empty
    /// NUL bytes outside a UTF-16 file: an image, an archive, an executable.
    case binary
    /// Neither valid UTF-8 nor plausible GB18030 text.
    case undecodable

    public var description: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "binary file (NUL bytes)"
        case .undecodable: return "not UTF-8, UTF-16 or GB18030 text"
        }
    }
}
