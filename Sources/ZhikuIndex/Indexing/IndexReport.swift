import Foundation
import GRDB
import ZhikuText

/// What an indexing run did.
public struct IndexReport: Sendable {
    public var added: [String] = []
    public var updated: [String] = []
    public var removed: [String] = []
    public var unchanged = 0
    /// Files passed over, with the reason.
    public var skipped: [(path: String, reason: String)] = []
    public var passages = 0
    /// Bytes of the files read in this run.
    public var bytesRead = 0
    public var seconds = 0.0
}
