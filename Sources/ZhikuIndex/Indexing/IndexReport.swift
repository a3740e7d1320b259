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
    /// Files by format (``SourceFormat``'s raw value; `other` for names zhiku does not read):
    /// how many are in the index after the run, how many were skipped, and their bytes.
    public var formats: [String: FormatCount] = [:]

    /// One format's line of the summary.
    public struct FormatCount: Sendable, Equatable {
        /// Files of the format in the index after the run (added, updated or unchanged).
        public var indexed = 0
        /// Files of the format passed over, each listed in ``IndexReport/skipped`` with its reason.
        public var skipped = 0
        /// Bytes of the format's files found in the indexed folders.
        public var bytes = 0
        public init() {}
    }

    /// The summary key of a file's format.
    public static func formatKey(of path: String) -> String {
        SourceFormat(fileName: path)?.rawValue ?? "other"
    }

    /// Counts `files` (path and size) by format, as indexed unless `skipped` lists them; a
    /// skipped path that is not among the files (a folder, a file of no known format) is
    /// counted under its own format, `other` for most.
    mutating func countFormats(files: [(path: String, size: Int)]) {
        let skippedPaths = Set(skipped.map(\.path))
        var counts: [String: FormatCount] = [:]
        for f in files {
            let key = IndexReport.formatKey(of: f.path)
            counts[key, default: FormatCount()].bytes += f.size
            if !skippedPaths.contains(f.path) { counts[key, default: FormatCount()].indexed += 1 }
        }
        for s in skipped { counts[IndexReport.formatKey(of: s.path), default: FormatCount()].skipped += 1 }
        // Files of formats zhiku does not read were counted by the walker, by extension.
        let unread = unsupported.values.reduce(0, +)
        if unread > 0 { counts["other", default: FormatCount()].skipped += unread }
        formats = counts
    }
}

extension IndexReport: JSONWritable {
    /// `zhiku index --format json`: counts, every skipped file with its format and reason, the
    /// per-format summary (formats in name order), passages, bytes read and seconds.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("added", added.count)
        w.field("updated", updated.count)
        w.field("removed", removed.count)
        w.field("unchanged", unchanged)
        w.key("skipped")
        w.beginArray()
        for s in skipped {
            w.beginObject()
            w.field("path", s.path)
            w.field("format", IndexReport.formatKey(of: s.path))
            w.field("reason", s.reason)
            w.endObject()
        }
        w.endArray()
        w.key("formats")
        w.beginObject()
        for (name, c) in formats.sorted(by: { $0.key < $1.key }) {
            w.key(name)
            w.beginObject()
            w.field("indexed", c.indexed)
            w.field("skipped", c.skipped)
            w.field("bytes", c.bytes)
            w.endObject()
        }
        w.endObject()
        w.field("passages", passages)
        w.field("bytes_read", bytesRead)
        w.field("seconds", seconds, digits: 3)
        w.endObject()
    }
}
