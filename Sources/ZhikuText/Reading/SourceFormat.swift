/// The formats zhiku reads, by file name extension.
public enum SourceFormat: String, Sendable {
    case text, markdown, html

    /// The format for a file name, or nil when zhiku does not read such files.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".txt") || lower.hasSuffix(".text") { self = .text }
        else if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { self = .markdown }
        else if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".shtml") { self = .html }
        else { return nil }
    }
}
