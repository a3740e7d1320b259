import Foundation
import GRDB
import ZhikuText

/// Builds and updates the index from folders of documents.
///
/// A run is one write transaction: interrupting it at any moment (Ctrl-C, `kill -9`) leaves the
/// previous index as it was. Unchanged files (same size and modification time, or same content
/// hash) are not re-read; files that disappeared from an indexed folder are dropped. Reading,
/// cleaning, splitting and extraction run on a second thread while this one writes.
public struct Indexer {
    public var store: IndexStore
    public var extractor: KnowledgeExtractor
    public var splitter = PassageSplitter()
    /// Files larger than this are skipped.
    public var maxFileBytes = 64 << 20
    /// Drop everything first.
    public var rebuild = false
    /// Follow symbolic links to folders (each folder is still walked once).
    public var followLinks = false
    /// Seconds one run of an external converter (pdftotext, wvWare) may take before it is killed
    /// and the file skipped.
    public var toolTimeLimit: Double = ReadOptions().toolTimeLimit
    /// Text and Markdown files larger than this are read and written in parts of this size
    /// (``defaultPartBytes``; tests lower it).
    var partBytes = Indexer.defaultPartBytes
    /// How impact lists are built (tests lower the thresholds to exercise them on small corpora).
    var impacts = ImpactBuilder()
    /// Bytes of passage text a whole-index run may keep for the impact lists, so that they are
    /// counted while FTS5 merges. 96 MB holds the 58 MB laws corpus (about 55 MB kept); a larger
    /// run reads the passages back in batches between steps of the merge, and indexing stays under
    /// 300 MB of memory whatever the corpus size (275 MB at 290 MB of text, zhiku-bench at 6f6e24f;
    /// 697 MB with a 320 MB budget and heaps per thread).
    var impactMemoryBudget = 96 << 20

    public init(store: IndexStore, extractor: KnowledgeExtractor = NoExtraction()) {
        self.store = store
        self.extractor = extractor
    }

    /// A file found under a root.
    struct SourceFile {
        /// Where it is, as bytes (names need not be UTF-8).
        var path: [UInt8]
        var id: String  // path relative to the root (``FileWalker/visibleName(_:)`` of each part)
        var root: String
        var size: Int
        var mtime: Double
    }

    /// A file read and prepared off the writer thread.
    struct Prepared {
        var file: SourceFile
        var hash: String
        var document: SourceDocument?
        var knowledge: DocumentKnowledge
        var failure: String?
        /// Per passage: the text as stored (``StoredText``) and the heading path as indexed.
        var bodies: [Data] = []
        var headingPaths: [String] = []
        /// Per passage: its entities as stored (``EntityCodec``), when the extractor gave them.
        var entities: [[UInt8]]?
        /// A file larger than ``Indexer/partBytes`` comes in parts (``prepareInParts``): this one's
        /// number, and whether it is the file's last. A file read whole is part 0, the last.
        var part = 0
        var isLast = true
        /// Bytes of the file this part covers (-1: the whole file).
        var bytes = -1

        /// Bytes of the file this part covers.
        var bytesCovered: Int { bytes < 0 ? file.size : bytes }
    }

    /// FTS5's default merge settings, restored after a bulk run.
    static let automerge = 4
    static let crisisMerge = 16
    /// FTS5's largest crisismerge (its segment limit), for bulk runs.
    static let bulkCrisisMerge = 2000
    /// Leaf pages an FTS5 'merge' step writes: about as long as counting the 8 chunks of passages
    /// read back before it (each step also rewrites the first leaf of every segment it merges, so
    /// steps must not be short).
    static let mergeStepPages = 2048

    /// Indexes `roots` (folders or single files), in named steps:
    ///
    /// 1. ``discoverFiles(_:report:)`` — the files under the roots (the walker);
    /// 2. ``diffAgainstIndex(_:report:)`` — what to read, what is unchanged, what is gone;
    /// 3. ``startWorkers(_:)`` — read, decode, clean, split and extract on worker threads;
    /// 4. in one write transaction (``writeTransaction(_:)``):
    ///    ``SegmentMerger/begin(_:)``, ``removeGone(_:plan:report:)``, then ``writeDocuments(_:from:reading:plan:writer:report:progress:)``
    ///    (one ``DocumentWriter/write(_:existing:report:)`` per prepared file), then
    ///    ``mergeAndBuildImpacts(_:merger:written:report:)``, then ``recordBuildTime(_:_:)``;
    /// 5. ``checkpoint()`` — give back freed pages and fold the WAL into the database file.
    ///
    /// - throws: ``ZhikuError``; a full disk or an I/O error at any step is `io`, with a message
    ///   that says what state the index is in (as before the run, or updated when only the
    ///   checkpoint failed).
    public func run(roots: [URL], progress: ((IndexProgress) -> Void)? = nil) throws -> IndexReport {
        let started = Date()
        var report = IndexReport()
        let files = try discoverFiles(roots, report: &report)
        let plan: IndexPlan
        do {
            plan = try diffAgainstIndex(files, report: &report)
        } catch {
            throw StoreFailure.describe(error, "reading the index", directory: store.directory)
        }
        let (queue, reading) = startWorkers(plan)
        defer { queue.cancel() }
        let now = ISO8601DateFormatter().string(from: Date())
        let fresh = store.isNew
        let replacing = fresh && FileManager.default.fileExists(atPath: IndexStore.databaseURL(in: store.directory).path)
        do {
            try writeTransaction { db in
                if rebuild { try DocumentWriter.clearAll(db) }
                let merger = SegmentMerger(bulk: plan.bulk)
                try merger.begin(db)
                try removeGone(db, plan: plan, report: &report)
                var writer = try DocumentWriter(db, indexedAt: now, keepWritten: rebuild || store.isNew, impactMemoryBudget: impactMemoryBudget)
                try writeDocuments(db, from: queue, reading: reading, plan: plan, writer: &writer, report: &report, progress: progress)
                try mergeAndBuildImpacts(db, merger: merger, written: writer.written, report: report)
                try recordBuildTime(db, now)
            }
        } catch {
            throw StoreFailure.describe(error, "indexing", directory: store.directory,
                                        outcome: fresh && !replacing ? "no index was made" : "the index is as it was before this run")
        }
        report.countFormats(files: files.files.map { ($0.id, $0.size) })
        if !fresh {
            do {
                try checkpoint()
            } catch {
                throw StoreFailure.describe(error, "folding the write-ahead log into the index", directory: store.directory,
                                            outcome: "the index was updated and can be searched, and the next `zhiku index` finishes folding it")
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Step 4: runs `body` in one write transaction: in the side file of a fresh build, or in the
    /// index itself.
    func writeTransaction(_ body: (Database) throws -> Void) throws {
        if store.isNew {
            try store.buildFresh(body)
        } else {
            try store.pool.writeWithoutTransaction { db in
                try db.inTransaction {
                    try body(db)
                    return .commit
                }
            }
        }
    }

    /// Step 4a: removes the documents whose files are gone.
    func removeGone(_ db: Database, plan: IndexPlan, report: inout IndexReport) throws {
        try DocumentWriter.deleteDocuments(db, ids: plan.gone.map(\.value.id))
        report.removed += plan.gone.keys
    }

    /// Step 4b: writes each prepared file in order, as the workers hand them over (a large file
    /// part after part: progress moves inside it). While it waits for a long file, progress counts
    /// the part of it the workers have read.
    func writeDocuments(_ db: Database, from queue: PreparedQueue, reading: ReadingProgress, plan: IndexPlan, writer: inout DocumentWriter,
                        report: inout IndexReport, progress: ((IndexProgress) -> Void)?) throws {
        let bytesTotal = plan.toRead.reduce(0) { $0 + $1.size }
        var bytesDone = 0
        var filesDone = 0
        let files = plan.toRead
        while let p = queue.take(waiting: progress.map { report in {
            report(IndexProgress(filesDone: filesDone, filesTotal: files.count,
                                 bytesDone: bytesDone + reading.bytes { files[$0].size }, bytesTotal: bytesTotal))
        } }) {
            if p.isLast { filesDone += 1 }
            bytesDone += p.bytesCovered
            report.bytesRead += p.bytesCovered
            progress?(IndexProgress(filesDone: filesDone, filesTotal: plan.toRead.count, bytesDone: bytesDone, bytesTotal: bytesTotal))
            try writer.write(p, existing: plan.known[p.file.id], report: &report)
        }
    }

    /// Step 4c: merges FTS5's segments and rebuilds the impact lists. Any change rebuilds the
    /// lists from all passages, so they are never stale; when this run wrote every passage, they
    /// are counted from memory while FTS5 merges.
    func mergeAndBuildImpacts(_ db: Database, merger: SegmentMerger, written: [ImpactBuilder.PassageText]?, report: IndexReport) throws {
        if rebuild || !report.added.isEmpty || !report.updated.isEmpty || !report.removed.isEmpty {
            try impacts.rebuild(db, passages: written, step: merger.step, meanwhile: merger.finish)
        } else {
            try merger.finish(db)
        }
    }

    /// Step 4d: when the index was last written.
    func recordBuildTime(_ db: Database, _ now: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('built_at', ?)", arguments: [now])
    }

    /// Step 5: gives back the pages that merging freed, then folds the WAL into the database file
    /// (after an update; a fresh build has neither).
    /// A failure is thrown (a full disk, an I/O error: it used to be swallowed, the run said it
    /// had succeeded, and every later update failed); readers that hold an older snapshot only
    /// keep part of the log for a later checkpoint.
    func checkpoint() throws {
        try store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA incremental_vacuum")
            do {
                try db.checkpoint(.truncate)
            } catch let e as DatabaseError where [StoreFailure.busy, StoreFailure.locked].contains(e.resultCode.primaryResultCode.rawValue) {
                // Readers (a server) still use frames of the log: they are folded by a later checkpoint.
            }
        }
    }

    /// The niceness of the threads that prepare files. The one writer is the bottleneck (FTS5's
    /// inserts), and the workers finish ahead of it and wait; at equal priority they still took
    /// the writer's core a third of the time. Lowered, they run when the writer waits or on the
    /// other core: on laws the write loop went from 5.6 to 4.6 s (medians of 3, interleaved).
    static let workerNiceness: Int32 = 15

    /// Lowers the calling thread's priority to ``workerNiceness`` (Linux: `setpriority` on the
    /// thread id changes only this thread).
    static func yieldToWriter() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(zhiku_gettid()), workerNiceness)
        #endif
    }

    /// Hands the pages of freed heap memory back to the system (glibc keeps them otherwise, and the
    /// passages dropped when the budget runs out are tens of thousands of small blocks).
    static func returnFreedMemory() {
        #if canImport(Glibc)
        _ = zhiku_malloc_trim(0)
        #endif
    }

    /// What `document_fts` indexes for a document: its title and the subtitle under it.
    static func searchableTitle(_ m: DocumentMetadata) -> String {
        [m.title, m.subtitle].compactMap { $0 }.joined(separator: " ")
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim(3)`, which Swift's Glibc module does not export (malloc.h is not in it).
@_silgen_name("malloc_trim") private func zhiku_malloc_trim(_ pad: Int) -> Int32
/// glibc's `gettid(2)` wrapper (since 2.30), not in Swift's Glibc module either.
@_silgen_name("gettid") private func zhiku_gettid() -> Int32
#endif
