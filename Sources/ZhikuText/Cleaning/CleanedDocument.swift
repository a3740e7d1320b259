import Foundation

/// A document after cleaning: its metadata and its body lines (no empty lines).
public struct CleanedDocument: Hashable, Sendable {
    public var metadata: DocumentMetadata
    public var lines: [String]
}
