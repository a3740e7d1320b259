import Foundation

/// Why a file could not be read: every such file is reported as skipped with this reason.
public enum ReadFailure: Error, Equatable, CustomStringConvertible, Sendable {
    /// A text file that is not text (``DecodingFailure``).
    case decoding(DecodingFailure)
    /// The file holds no text after reading and cleaning.
    case empty
    /// A PDF that needs a password to be opened.
    case encrypted(format: String)
    /// A PDF whose pages are pictures only (a scan without OCR).
    case noTextLayer
    /// A damaged, truncated or corrupt file: what is wrong with it.
    case damaged(format: String, detail: String)
    /// A container that would unpack past a limit (a zip bomb, too many entries).
    case overLimit(format: String, detail: String)
    /// A document the reader refuses for safety (XML that declares a DTD or entities).
    case unsafe(format: String, detail: String)
    /// The format is recognised but this zhiku does not read it (`detail` says what it is).
    case unsupported(detail: String)
    /// The external program a format needs is not installed.
    case toolMissing(tool: String, package: String)
    /// The external program ran past its time limit and was killed.
    case toolTimedOut(tool: String, seconds: Double)
    /// The external program wrote more than the output limit and was killed.
    case toolOutputTooLarge(tool: String, limit: Int)
    /// The external program failed: its exit status and the first line it wrote on stderr.
    case toolFailed(tool: String, message: String)

    public var description: String {
        switch self {
        case .decoding(let d): return d.description
        case .empty: return "no text in the file"
        case .encrypted(let f): return "encrypted \(f) (a password is needed to open it)"
        case .noTextLayer: return "PDF without a text layer (a scanned image?): nothing to index"
        case .damaged(let f, let detail): return "damaged \(f): \(detail)"
        case .overLimit(let f, let detail): return "\(f) refused: \(detail)"
        case .unsafe(let f, let detail): return "\(f) refused: \(detail)"
        case .unsupported(let detail): return detail
        case .toolMissing(let tool, let package): return "\(tool) is not installed (Debian: apt-get install \(package))"
        case .toolTimedOut(let tool, let seconds): return "\(tool) did not finish in \(Self.seconds(seconds)) and was stopped"
        case .toolOutputTooLarge(let tool, let limit): return "\(tool) wrote more than \(limit >> 20) MB and was stopped"
        case .toolFailed(let tool, let message): return "\(tool) failed: \(message)"
        }
    }

    private static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
    }
}
