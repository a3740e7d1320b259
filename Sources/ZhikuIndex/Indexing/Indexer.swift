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
        var url: URL
        var id: String  // path relative to the root
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

    /// Indexes `roots` (folders or single files).
    public func run(roots: [URL], progress: ((IndexProgress) -> Void)? = nil) throws -> IndexReport {
        let started = Date()
        var report = IndexReport()
        var files: [SourceFile] = []
        var rootPaths: [String] = []
        for root in roots {
            let path = root.standardizedFileURL.resolvingSymlinksInPath().path
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw ZhikuError(.io, "no such file or folder: \(root.path)")
            }
            if isDir.boolValue {
                rootPaths.append(path)
                Indexer.walk(URL(fileURLWithPath: path), root: path, prefix: "", into: &files, skipped: &report.skipped)
            } else {
                let url = URL(fileURLWithPath: path)
                let attrs = try? FileManager.default.attributesOfItem(atPath: path)
                files.append(SourceFile(url: url, id: url.lastPathComponent, root: url.deletingLastPathComponent().path,
                                        size: (attrs?[.size] as? Int) ?? 0,
                                        mtime: (attrs?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0))
            }
        }

        // What the index already has.
        struct Known { var id: Int64; var size: Int; var mtime: Double; var hash: String; var root: String }
        var known: [String: Known] = [:]
        if !rebuild {
            try store.pool.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT id, path, size, mtime, hash, root FROM document")
                while let row = try rows.next() {
                    known[row["path"]] = Known(id: row["id"], size: row["size"], mtime: row["mtime"], hash: row["hash"], root: row["root"])
                }
            }
        }

        var toRead: [SourceFile] = []
        var seen = Set<String>()
        for f in files {
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
            if let k = known[f.id], k.size == f.size, k.mtime == f.mtime {
                report.unchanged += 1
                continue
            }
            toRead.append(f)
        }
        let gone = known.filter { id, k in !seen.contains(id) && (rootPaths.contains(k.root) || files.contains { $0.id == id }) }

        // Workers read and prepare files (decode, clean, split, extract) on every core, at most
        // `window` files ahead of the writer; the writer takes them in order.
        let readList = toRead
        let buffer = PreparedQueue(count: readList.count, window: 16)
        let extractor = self.extractor, splitter = self.splitter
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        for _ in 0..<workers {
            let worker = Thread {
                Indexer.yieldToWriter()
                while let i = buffer.claim() {
                    buffer.put(i, Indexer.prepare(readList[i], splitter: splitter, extractor: extractor))
                }
            }
            worker.stackSize = 8 << 20
            worker.start()
        }
        defer { buffer.cancel() }

        let bytesTotal = toRead.reduce(0) { $0 + $1.size }
        var bytesDone = 0
        var filesDone = 0
        let now = ISO8601DateFormatter().string(from: Date())
        // A bulk run merges the FTS segments once at the end ('optimize') instead of as it goes.
        let bulk = rebuild || store.isNew || toRead.count + gone.count > 50
        func write(_ db: Database) throws {
            if rebuild {
                try db.execute(sql: "INSERT INTO passage_fts(passage_fts) VALUES ('delete-all'); INSERT INTO document_fts(document_fts) VALUES ('delete-all'); DELETE FROM fact; DELETE FROM platform; DELETE FROM organization; DELETE FROM passage; DELETE FROM heading; DELETE FROM document")
            }
            for (id, k) in gone {
                try Indexer.deleteDocument(db, id: k.id)
                report.removed.append(id)
            }
            let insertPassage = try db.makeStatement(sql: """
                INSERT INTO passage(document_id, number, heading_id, body, start, "end", entities) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let insertHeading = try db.makeStatement(sql: "INSERT INTO heading(document_id, path) VALUES (?, ?)")
            let insertFact = try db.makeStatement(sql: """
                INSERT INTO fact(passage_id, subject, attribute, kind, value, value_max, unit, approx, date, granularity, mod, low_confidence,
                                 surface, start, "end", confidence, role, status, scope, ordinal)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertFTS = try db.makeStatement(sql: "INSERT INTO passage_fts(rowid, body, heading) VALUES (?, ?, ?)")
            if bulk {
                // No merging while the run writes: not as it goes (automerge), and not when many
                // segments pile up (crisismerge, FTS5's maximum): the one merge at the end writes
                // every posting once. With FTS5's crisis merges at 16 segments, the 277 MB
                // build rewrote its postings level after level: 40 s of writing became 27 s.
                try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('automerge', 0)")
                try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('crisismerge', \(Indexer.bulkCrisisMerge))")
            }
            // A run that writes the whole index keeps what it wrote for the impact lists, up to a
            // memory budget; past it they read the passages back, between steps of the merge.
            var written: [ImpactBuilder.PassageText]? = rebuild || store.isNew ? [] : nil
            var writtenBytes = 0
            while let p = buffer.take() {
                filesDone += 1
                bytesDone += p.file.size
                report.bytesRead += p.file.size
                progress?(IndexProgress(filesDone: filesDone, filesTotal: toRead.count, bytesDone: bytesDone, bytesTotal: bytesTotal))
                if let failure = p.failure {
                    report.skipped.append((p.file.id, failure))
                    continue
                }
                let existing = known[p.file.id]
                if let k = existing, k.hash == p.hash {
                    try db.cachedStatement(sql: "UPDATE document SET mtime = ?, size = ? WHERE id = ?").execute(arguments: [p.file.mtime, p.file.size, k.id])
                    report.unchanged += 1
                    continue
                }
                if let k = existing { try Indexer.deleteDocument(db, id: k.id) }
                guard let doc = p.document else { continue }
                try db.cachedStatement(sql: """
                    INSERT INTO document(path, root, title, title_text, source, date, encoding, size, mtime, hash, chars, passages, indexed_at, context)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [p.file.id, p.file.root, doc.metadata.title, Indexer.searchableTitle(doc.metadata), doc.metadata.source, doc.metadata.date,
                                     doc.encoding.rawValue, p.file.size, p.file.mtime, p.hash,
                                     doc.passages.last?.scalarRange.upperBound ?? 0, doc.passages.count, now, p.knowledge.context])
                let docID = db.lastInsertedRowID
                try db.cachedStatement(sql: "INSERT INTO document_fts(rowid, title) VALUES (?, ?)").execute(arguments: [docID, Indexer.searchableTitle(doc.metadata)])
                var passageIDs: [Int64] = []
                passageIDs.reserveCapacity(doc.passages.count)
                var lastPath: [String]? = nil
                var headingID: Int64? = nil
                for (i, passage) in doc.passages.enumerated() {
                    let heading = p.headingPaths[i]
                    if passage.headings != lastPath {
                        lastPath = passage.headings
                        if passage.headings.isEmpty {
                            headingID = nil
                        } else {
                            try FastInsert.heading(insertHeading, db, document: docID, path: heading)
                            headingID = db.lastInsertedRowID
                        }
                    }
                    try FastInsert.passage(insertPassage, db, document: docID, number: passage.number, heading: headingID,
                                           body: p.bodies[i], start: passage.scalarRange.lowerBound, end: passage.scalarRange.upperBound,
                                           entities: p.entities?[i])
                    let passageID = db.lastInsertedRowID
                    passageIDs.append(passageID)
                    try FastInsert.postings(insertFTS, db, rowid: passageID, body: passage.text, heading: heading)
                    if written != nil {
                        writtenBytes += p.bodies[i].count + heading.utf8.count + 64
                        if writtenBytes <= impactMemoryBudget {
                            // Consecutive passages under one heading share one copy of its text.
                            let shared = written!.last.map { $0.heading == heading ? $0.heading : heading } ?? heading
                            written!.append(ImpactBuilder.PassageText(id: passageID, storedBody: p.bodies[i], heading: shared))
                        } else {
                            written = nil
                            Indexer.returnFreedMemory()
                        }
                    }
                }
                for pl in p.knowledge.platforms where !pl.passageIndices.isEmpty && pl.passageIndices.upperBound <= passageIDs.count {
                    try db.cachedStatement(sql: """
                        INSERT INTO platform(document_id, name, aliases, heading, first_passage, last_passage) VALUES (?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [docID, pl.name, JSONWriter.array(pl.aliases), pl.heading,
                                         passageIDs[pl.passageIndices.lowerBound], passageIDs[pl.passageIndices.upperBound - 1]])
                }
                for (name, count) in p.knowledge.organizations.sorted(by: { $0.key < $1.key }) {  // the same rows in the same order every run
                    try db.cachedStatement(sql: "INSERT INTO organization(document_id, name, mentions) VALUES (?, ?, ?)").execute(arguments: [docID, name, count])
                }
                for f in p.knowledge.facts where f.passageIndex >= 0 && f.passageIndex < passageIDs.count {
                    try FastInsert.fact(insertFact, db, passage: passageIDs[f.passageIndex], f)
                }
                report.passages += doc.passages.count
                if existing == nil { report.added.append(p.file.id) } else { report.updated.append(p.file.id) }
            }
            // Many new segments: merge them into one so queries stay fast; later small runs merge
            // as they go. When the impact lists read the passages back, the merge goes in steps
            // between the chunks they read, so that it runs while other threads count.
            var stepped = false
            func mergeStep(_ db: Database) throws -> Bool {
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
            func merge(_ db: Database) throws {
                guard bulk else { return }
                try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('automerge', \(Indexer.automerge))")
                try db.execute(sql: "INSERT INTO passage_fts(passage_fts, rank) VALUES ('crisismerge', \(Indexer.crisisMerge))")
                if stepped {
                    // Not 'optimize' after the steps: this SQLite's optimize rewrites a lone
                    // segment that sits above an empty level (1.5 s of nothing at 144 MB).
                    while try mergeStep(db) {}
                } else {
                    try db.execute(sql: "INSERT INTO passage_fts(passage_fts) VALUES ('optimize')")
                }
            }
            // Any change: the impact lists are rebuilt from all passages, so they are never stale.
            // When this run wrote every passage, they are counted from memory while FTS5 merges.
            if rebuild || !report.added.isEmpty || !report.updated.isEmpty || !report.removed.isEmpty {
                try impacts.rebuild(db, passages: written, step: mergeStep, meanwhile: merge)
            } else {
                try merge(db)
            }
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('built_at', ?)", arguments: [now])
        }
        if store.isNew {
            try store.buildFresh(write)
        } else {
            try store.pool.writeWithoutTransaction { db in
                try db.inTransaction {
                    try write(db)
                    return .commit
                }
            }
            // Give back the pages that merging freed, then fold the WAL into the database file.
            try? store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA incremental_vacuum")
                try db.checkpoint(.truncate)
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        return report
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

    /// Removes a document, its passages, their postings and facts. The FTS table is contentless, so
    /// its postings are removed by handing it the text they were built from.
    static func deleteDocument(_ db: Database, id: Int64) throws {
        let delete = try db.makeStatement(sql: "INSERT INTO passage_fts(passage_fts, rowid, body, heading) VALUES ('delete', ?, ?, ?)")
        let rows = try Row.fetchAll(db, sql: """
            SELECT p.id, p.body, coalesce(h.path, '') AS path FROM passage p LEFT JOIN heading h ON h.id = p.heading_id WHERE p.document_id = ?
            """, arguments: [id])
        for row in rows {
            let body: Data = row["body"]
            try delete.execute(arguments: [row["id"] as Int64, StoredText.decode(body), row["path"] as String])
        }
        try db.execute(sql: "DELETE FROM fact WHERE passage_id IN (SELECT id FROM passage WHERE document_id = ?)", arguments: [id])
        try db.execute(sql: "DELETE FROM passage WHERE document_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM heading WHERE document_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM platform WHERE document_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM organization WHERE document_id = ?", arguments: [id])
        if let title = try String.fetchOne(db, sql: "SELECT title_text FROM document WHERE id = ?", arguments: [id]) {
            try db.execute(sql: "INSERT INTO document_fts(document_fts, rowid, title) VALUES ('delete', ?, ?)", arguments: [id, title])
        }
        try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
    }

    /// What `document_fts` indexes for a document: its title and the subtitle under it.
    static func searchableTitle(_ m: DocumentMetadata) -> String {
        [m.title, m.subtitle].compactMap { $0 }.joined(separator: " ")
    }

    static func prepare(_ f: SourceFile, splitter: PassageSplitter, extractor: KnowledgeExtractor) -> Prepared {
        let bytes: [UInt8]
        do {
            let data = try Data(contentsOf: f.url)
            bytes = [UInt8](data)
        } catch {
            return Prepared(file: f, hash: "", document: nil, knowledge: DocumentKnowledge(), failure: "unreadable: \(error.localizedDescription)")
        }
        let hash = ContentHash.fnv1a64(bytes)
        do {
            let doc = try DocumentReader.read(bytes, fileName: f.id, splitter: splitter)
            var knowledge = extractor.knowledge(of: doc)
            let entities = knowledge.passageEntities.flatMap { $0.count == doc.passages.count ? $0.map(EntityCodec.pack) : nil }
            knowledge.passageEntities = nil  // kept packed only
            return Prepared(file: f, hash: hash, document: doc, knowledge: knowledge, failure: nil,
                            bodies: doc.passages.map { StoredText.encode($0.text) },
                            headingPaths: doc.passages.map { $0.headings.joined(separator: String(Schema.headingSeparator)) },
                            entities: entities)
        } catch {
            return Prepared(file: f, hash: hash, document: nil, knowledge: DocumentKnowledge(), failure: error.description)
        }
    }

    /// Files zhiku reads under `dir`, sorted, hidden files and folders excluded, symlinks followed.
    static func walk(_ dir: URL, root: String, prefix: String, into files: inout [SourceFile], skipped: inout [(path: String, reason: String)], depth: Int = 0) {
        guard depth < 32 else { return }
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else {
            skipped.append((prefix.isEmpty ? dir.path : prefix, "folder cannot be read"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let url = dir.appendingPathComponent(name)
            let id = prefix.isEmpty ? name : prefix + "/" + name
            let resolved = url.resolvingSymlinksInPath()
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: resolved.path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                walk(resolved, root: root, prefix: id, into: &files, skipped: &skipped, depth: depth + 1)
            } else if SourceFormat(fileName: name) != nil {
                let attrs = try? fm.attributesOfItem(atPath: resolved.path)
                files.append(SourceFile(url: resolved, id: id, root: root, size: (attrs?[.size] as? Int) ?? 0,
                                        mtime: (attrs?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0))
            }
        }
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim(3)`, which Swift's Glibc module does not export (malloc.h is not in it).
@_silgen_name("malloc_trim") private func zhiku_malloc_trim(_ pad: Int) -> Int32
/// glibc's `gettid(2)` wrapper (since 2.30), not in Swift's Glibc module either.
@_silgen_name("gettid") private func zhiku_gettid() -> Int32
#endif
