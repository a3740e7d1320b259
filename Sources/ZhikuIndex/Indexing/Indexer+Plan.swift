import Foundation
import GRDB

/// What a run must do, from the files found and what the index already has
/// (``Indexer/diffAgainstIndex(_:report:)``).
struct IndexPlan {
    /// A document the index already has.
    struct KnownDocument { var id: Int64; var size: Int; var mtime: Double; var hash: String; var root: String }

    /// The index's documents by id (empty for a rebuild).
    var known: [String: KnownDocument] = [:]
    /// Files new or changed (size or modification time), in walk order.
    var toRead: [Indexer.SourceFile] = []
    /// Documents whose file is gone from a root this run walked.
    var gone: [String: KnownDocument] = [:]
    /// A bulk run merges the FTS segments once at the end ('optimize') instead of as it goes.
    var bulk = false
}

extension Indexer {
    /// Step 2: compares the files found with what the index has: unchanged files (same size and
    /// modification time) are counted and not read; duplicates ids and files over the size limit
    /// are skipped with their reason.
    func diffAgainstIndex(_ found: DiscoveredFiles, report: inout IndexReport) throws -> IndexPlan {
        var plan = IndexPlan()
        if !rebuild && !store.isNew {
            try store.pool.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT id, path, size, mtime, hash, root FROM document")
                while let row = try rows.next() {
                    plan.known[row["path"]] = IndexPlan.KnownDocument(id: row["id"], size: row["size"], mtime: row["mtime"],
                                                                      hash: row["hash"], root: row["root"])
                }
            }
        }
        var seen = Set<String>()
        for f in found.files {
            guard !seen.contains(f.id) else {
                report.skipped.append((f.id, "same document id as another file"))
                continue
            }
            seen.insert(f.id)
            if f.size > maxFileBytes {
                let mb = { (bytes: Int) in String(format: "%.1f MB", Double(bytes) / 1_048_576) }
                report.skipped.append((f.id, "too large (\(mb(f.size)); the limit is \(mb(maxFileBytes)))"))
                continue
            }
            if let k = plan.known[f.id], k.size == f.size, k.mtime == f.mtime {
                report.unchanged += 1
                continue
            }
            plan.toRead.append(f)
        }
        plan.gone = plan.known.filter { id, k in
            !seen.contains(id) && (found.rootFolders.contains(k.root) || found.files.contains { $0.id == id })
        }
        plan.bulk = rebuild || store.isNew || plan.toRead.count + plan.gone.count > 50
        return plan
    }
}
