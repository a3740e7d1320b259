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
    /// Files under the indexed folders in formats zhiku does not read, counted by lowercased
    /// extension with its dot (".xls"; "" for files without one).
    public var unsupported: [String: Int] = [:]
    /// Hidden files and folders (names starting with a dot) under the indexed folders, not read.
    public var hidden = 0
    /// Ids of files whose names are not UTF-8: indexed under these, their other bytes
    /// percent-escaped (`%D5%FE.txt`).
    public var escapedNames: [String] = []
    public var passages = 0
    /// Bytes of the files read in this run.
    public var bytesRead = 0
    public var seconds = 0.0
}
