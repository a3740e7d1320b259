import Foundation
import GRDB

/// FTS5's segment merging over a run (step 4c of ``Indexer/run(roots:progress:)``). A bulk run (a
/// new index, a rebuild, or many changed files) does not merge as it writes; it merges into one
/// segment at the end, in steps between the chunks of passages the impact lists read back, so that
/// the merge runs while other threads count. Other runs merge as they go (FTS5's defaults).
final class SegmentMerger {
    let bulk: Bool
    private var stepped = false

    init(bulk: Bool) {
        self.bulk = bulk
    }

    /// Before the first document: a bulk run turns merging off.
    func begin(_ db: Database) throws {
        guard bulk else { return }
        // No merging while the run writes: not as it goes (automerge), and not when many
        // segments pile up (crisismerge, FTS5's maximum): the one merge at the end writes
        // every posting once. With FTS5's crisis merges at 16 segments, the 277 MB
        // build rewrote its postings level after level: 40 s of writing became 27 s.
        try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('automerge', 0)")
        try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('crisismerge', \(Indexer.bulkCrisisMerge))")
    }

    /// One step of the final merge; whether it merged anything (false: done, or not a bulk run).
    func step(_ db: Database) throws -> Bool {
        guard bulk else { return false }
        if !stepped {
            // FTS5 writes its pending postings at a savepoint; 'merge' does not flush them
            // first (as 'optimize' does), and they would become a segment after the merge.
            try db.execute(sql: "SAVEPOINT zhiku_flush; RELEASE zhiku_flush")
            stepped = true
        }
        let before = db.totalChangesCount
        // A negative page count: all segments are merged into one (as 'optimize' does),
        // this many leaf pages at a time.
        try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('merge', -\(Indexer.mergeStepPages))")
        // The command counts as one change; a step that merged wrote more rows.
        return db.totalChangesCount - before > 1
    }

    /// Merges what is left into one segment and restores FTS5's merge settings (a bulk run only).
    func finish(_ db: Database) throws {
        guard bulk else { return }
        try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('automerge', \(Indexer.automerge))")
        try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('crisismerge', \(Indexer.crisisMerge))")
        if stepped {
            // Not 'optimize' after the steps: this SQLite's optimize rewrites a lone
            // segment that sits above an empty level (1.5 s of nothing at 144 MB).
            while try step(db) {}
        } else {
            try db.execute(sql: "INSERT INTO passage_fts(passage_fts) VALUES ('optimize')")
        }
    }
}
