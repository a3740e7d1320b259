import Foundation
import GRDB
import ZhikuText

/// Step 4b of ``Indexer/run(roots:progress:)``: writes prepared files into the index, one
/// document at a time, inside the run's transaction. Everything a document adds to the index —
/// its row, title, headings, passages and postings, platforms, organizations, facts — is written
/// by ``write(_:existing:report:)``; a new table or column is written there too.
struct DocumentWriter {
    let db: Database
    /// When this run started (`document.indexed_at`).
    let indexedAt: String
    let insertPassage: Statement
    let insertHeading: Statement
    let insertFact: Statement
    let insertFTS: Statement
    /// What this run wrote, kept for the impact lists while it is under the memory budget (only
    /// when the run writes the whole index); nil otherwise.
    private(set) var written: [ImpactBuilder.PassageText]?
    private var writtenBytes = 0
    private let impactMemoryBudget: Int
    /// The document of a file read in parts, between its first part and its last.
    private var open: OpenDocument?

    /// A document written part after part.
    private struct OpenDocument {
        var id: Int64
        var passages = 0
        var chars = 0
        var organizations: [String: Int] = [:]
        var headings = HeadingRun()
    }

    /// The heading path of the last passage written and its row (consecutive passages share it).
    struct HeadingRun {
        var path: [String]? = nil
        var id: Int64? = nil
    }

    init(_ db: Database, indexedAt: String, keepWritten: Bool, impactMemoryBudget: Int) throws {
        self.db = db
        self.indexedAt = indexedAt
        self.impactMemoryBudget = impactMemoryBudget
        insertPassage = try db.makeStatement(sql: """
            INSERT INTO passage(document_id, number, heading_id, body, start, "end", entities) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        insertHeading = try db.makeStatement(sql: "INSERT INTO heading(document_id, path) VALUES (?, ?)")
        insertFact = try db.makeStatement(sql: """
            INSERT INTO fact(passage_id, subject, attribute, kind, value, value_max, unit, approx, date, granularity, mod, low_confidence,
                             surface, start, "end", confidence, role, status, scope, ordinal)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertFTS = try db.makeStatement(sql: "INSERT INTO passage_fts(rowid, body, heading) VALUES (?, ?, ?)")
        // A run that writes the whole index keeps what it wrote for the impact lists, up to a
        // memory budget; past it they read the passages back, between steps of the merge.
        written = keepWritten ? [] : nil
    }

    /// Writes one prepared file, or one part of a file read in parts: skipped with its reason
    /// when it failed (a part failing leaves the whole file out); when the index has it with the
    /// same content, only its size and time are updated; otherwise its old version (if any) is
    /// replaced.
    mutating func write(_ p: Indexer.Prepared, existing: IndexPlan.KnownDocument?, report: inout IndexReport) throws {
        if p.part == 0 { open = nil }
        if let failure = p.failure {
            if let o = open {  // the parts written so far go
                try DocumentWriter.deleteDocument(db, id: o.id)
                report.passages -= o.passages
            }
            open = nil
            report.skipped.append((p.file.id, failure))
            return
        }
        if p.part == 0 {
            if let k = existing, k.hash == p.hash {
                try db.cachedStatement(sql: "UPDATE document SET mtime = ?, size = ? WHERE id = ?").execute(arguments: [p.file.mtime, p.file.size, k.id])
                report.unchanged += 1
                return
            }
            if let k = existing { try DocumentWriter.deleteDocument(db, id: k.id) }
        }
        if p.part == 0 && p.isLast {  // a file read whole
            guard let doc = p.document else { return }
            let docID = try insertDocument(p, doc)
            var headings = HeadingRun()
            let passageIDs = try insertPassages(p, doc, document: docID, headings: &headings)
            try insertKnowledge(p.knowledge, document: docID, passageIDs: passageIDs)
            try insertOrganizations(p.knowledge.organizations, document: docID)
            report.passages += doc.passages.count
            if existing == nil { report.added.append(p.file.id) } else { report.updated.append(p.file.id) }
            return
        }
        if let doc = p.document {
            if open == nil { open = OpenDocument(id: try insertDocument(p, doc)) }
            var o = open!
            let passageIDs = try insertPassages(p, doc, document: o.id, headings: &o.headings)
            try insertKnowledge(p.knowledge, document: o.id, passageIDs: passageIDs)
            o.organizations.merge(p.knowledge.organizations, uniquingKeysWith: +)
            o.passages += doc.passages.count
            o.chars = doc.passages.last?.scalarRange.upperBound ?? o.chars
            report.passages += doc.passages.count
            open = o
        }
        if p.isLast, let o = open {
            try db.cachedStatement(sql: "UPDATE document SET chars = ?, passages = ? WHERE id = ?").execute(arguments: [o.chars, o.passages, o.id])
            try insertOrganizations(o.organizations, document: o.id)
            if existing == nil { report.added.append(p.file.id) } else { report.updated.append(p.file.id) }
            open = nil
        }
    }

    /// The document's row and its searchable title; returns its id.
    private func insertDocument(_ p: Indexer.Prepared, _ doc: SourceDocument) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO document(path, root, title, title_text, source, date, encoding, size, mtime, hash, chars, passages, indexed_at, context)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [p.file.id, p.file.root, doc.metadata.title, Indexer.searchableTitle(doc.metadata), doc.metadata.source, doc.metadata.date,
                             doc.encoding.rawValue, p.file.size, p.file.mtime, p.hash,
                             doc.passages.last?.scalarRange.upperBound ?? 0, doc.passages.count, indexedAt, p.knowledge.context])
        let docID = db.lastInsertedRowID
        try db.cachedStatement(sql: "INSERT INTO document_fts(rowid, title) VALUES (?, ?)").execute(arguments: [docID, Indexer.searchableTitle(doc.metadata)])
        return docID
    }

    /// The headings, passages and postings of a document; returns the passages' ids in order.
    private mutating func insertPassages(_ p: Indexer.Prepared, _ doc: SourceDocument, document docID: Int64,
                                         headings: inout HeadingRun) throws -> [Int64] {
        var passageIDs: [Int64] = []
        passageIDs.reserveCapacity(doc.passages.count)
        for (i, passage) in doc.passages.enumerated() {
            let heading = p.headingPaths[i]
            if passage.headings != headings.path {
                headings.path = passage.headings
                if passage.headings.isEmpty {
                    headings.id = nil
                } else {
                    try FastInsert.heading(insertHeading, db, document: docID, path: heading)
                    headings.id = db.lastInsertedRowID
                }
            }
            try FastInsert.passage(insertPassage, db, document: docID, number: passage.number, heading: headings.id,
                                   body: p.bodies[i], start: passage.scalarRange.lowerBound, end: passage.scalarRange.upperBound,
                                   entities: p.entities?[i])
            let passageID = db.lastInsertedRowID
            passageIDs.append(passageID)
            try FastInsert.postings(insertFTS, db, rowid: passageID, body: passage.text, heading: heading)
            keepForImpacts(id: passageID, body: p.bodies[i], heading: heading)
        }
        return passageIDs
    }

    /// Keeps a written passage for the impact lists while under the memory budget.
    private mutating func keepForImpacts(id: Int64, body: Data, heading: String) {
        guard written != nil else { return }
        writtenBytes += body.count + heading.utf8.count + 64
        if writtenBytes <= impactMemoryBudget {
            // Consecutive passages under one heading share one copy of its text.
            let shared = written!.last.map { $0.heading == heading ? $0.heading : heading } ?? heading
            written!.append(ImpactBuilder.PassageText(id: id, storedBody: body, heading: shared))
        } else {
            written = nil
            Indexer.returnFreedMemory()
        }
    }

    /// What extraction found in the document: platforms and facts.
    private func insertKnowledge(_ knowledge: DocumentKnowledge, document docID: Int64, passageIDs: [Int64]) throws {
        for pl in knowledge.platforms where !pl.passageIndices.isEmpty && pl.passageIndices.upperBound <= passageIDs.count {
            try db.cachedStatement(sql: """
                INSERT INTO platform(document_id, name, aliases, heading, first_passage, last_passage) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [docID, pl.name, JSONWriter.array(pl.aliases), pl.heading,
                                 passageIDs[pl.passageIndices.lowerBound], passageIDs[pl.passageIndices.upperBound - 1]])
        }
        if let profile = knowledge.profile { try StoredProfile.insert(db, document: docID, profile) }
        for f in knowledge.facts where f.passageIndex >= 0 && f.passageIndex < passageIDs.count {
            try FastInsert.fact(insertFact, db, passage: passageIDs[f.passageIndex], f)
        }
    }

    /// The organizations a document mentions, with their counts.
    private func insertOrganizations(_ organizations: [String: Int], document docID: Int64) throws {
        for (name, count) in organizations.sorted(by: { $0.key < $1.key }) {  // the same rows in the same order every run
            try db.cachedStatement(sql: "INSERT INTO organization(document_id, name, mentions) VALUES (?, ?, ?)").execute(arguments: [docID, name, count])
        }
    }

    /// Empties every table (`--rebuild` on an existing index).
    static func clearAll(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO passage_fts(passage_fts) VALUES ('delete-all'); INSERT INTO document_fts(document_fts) VALUES ('delete-all'); DELETE FROM fact; DELETE FROM platform; DELETE FROM organization; DELETE FROM document_profile; DELETE FROM passage; DELETE FROM heading; DELETE FROM document")
    }

    /// Removes a document, its passages, their postings and facts.
    static func deleteDocument(_ db: Database, id: Int64) throws {
        try deleteDocuments(db, ids: [id])
    }

    /// Documents deleted per statement (their ids bound as one JSON array).
    static let deleteBatch = 500

    /// Removes documents, their passages, headings, postings, facts, platforms and organizations:
    /// one statement per table for each batch of ``deleteBatch`` documents, and the postings
    /// through one prepared statement. The FTS table is contentless, so postings are removed by
    /// handing it the text they were built from. (One document at a time, ten statements prepared
    /// for each, removing 20,000 small documents took 51.5 s against 9 s to add 50,000.)
    static func deleteDocuments(_ db: Database, ids: [Int64]) throws {
        let deletePostings = try db.cachedStatement(sql: "INSERT INTO passage_fts(passage_fts, rowid, body, heading) VALUES ('delete', ?, ?, ?)")
        let deleteTitle = try db.cachedStatement(sql: "INSERT INTO document_fts(document_fts, rowid, title) VALUES ('delete', ?, ?)")
        for start in stride(from: 0, to: ids.count, by: deleteBatch) {
            let list = "[" + ids[start..<min(ids.count, start + deleteBatch)].map(String.init).joined(separator: ",") + "]"
            let batch: StatementArguments = [list]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT p.id, p.body, coalesce(h.path, '') FROM passage p LEFT JOIN heading h ON h.id = p.heading_id
                WHERE p.document_id IN (SELECT value FROM json_each(?)) ORDER BY p.id
                """), arguments: batch)
            while let row = try rows.next() {
                try deletePostings.execute(arguments: [row[0] as Int64, StoredText.decode(row[1] as Data), row[2] as String])
            }
            let titles = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, title_text FROM document WHERE id IN (SELECT value FROM json_each(?))"),
                                             arguments: batch)
            while let row = try titles.next() {
                try deleteTitle.execute(arguments: [row[0] as Int64, row[1] as String])
            }
            for sql in [
                "DELETE FROM fact WHERE passage_id IN (SELECT id FROM passage WHERE document_id IN (SELECT value FROM json_each(?)))",
                // Every heading row is a passage's: found through the passages (heading has no index by document).
                "DELETE FROM heading WHERE id IN (SELECT heading_id FROM passage WHERE document_id IN (SELECT value FROM json_each(?)))",
                "DELETE FROM passage WHERE document_id IN (SELECT value FROM json_each(?))",
                "DELETE FROM platform WHERE document_id IN (SELECT value FROM json_each(?))",
                "DELETE FROM organization WHERE document_id IN (SELECT value FROM json_each(?))",
                "DELETE FROM document_profile WHERE document_id IN (SELECT value FROM json_each(?))",
                "DELETE FROM document WHERE id IN (SELECT value FROM json_each(?))",
            ] {
                try db.cachedStatement(sql: sql).execute(arguments: batch)
            }
        }
    }
}
