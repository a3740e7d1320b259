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

    /// Writes one prepared file: skipped with its reason when it failed; when the index has it
    /// with the same content, only its size and time are updated; otherwise its old version (if
    /// any) is replaced.
    mutating func write(_ p: Indexer.Prepared, existing: IndexPlan.KnownDocument?, report: inout IndexReport) throws {
        if let failure = p.failure {
            report.skipped.append((p.file.id, failure))
            return
        }
        if let k = existing, k.hash == p.hash {
            try db.cachedStatement(sql: "UPDATE document SET mtime = ?, size = ? WHERE id = ?").execute(arguments: [p.file.mtime, p.file.size, k.id])
            report.unchanged += 1
            return
        }
        if let k = existing { try DocumentWriter.deleteDocument(db, id: k.id) }
        guard let doc = p.document else { return }
        let docID = try insertDocument(p, doc)
        let passageIDs = try insertPassages(p, doc, document: docID)
        try insertKnowledge(p.knowledge, document: docID, passageIDs: passageIDs)
        report.passages += doc.passages.count
        if existing == nil { report.added.append(p.file.id) } else { report.updated.append(p.file.id) }
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
    private mutating func insertPassages(_ p: Indexer.Prepared, _ doc: SourceDocument, document docID: Int64) throws -> [Int64] {
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

    /// What extraction found in the document: platforms, organizations, facts.
    private func insertKnowledge(_ knowledge: DocumentKnowledge, document docID: Int64, passageIDs: [Int64]) throws {
        for pl in knowledge.platforms where !pl.passageIndices.isEmpty && pl.passageIndices.upperBound <= passageIDs.count {
            try db.cachedStatement(sql: """
                INSERT INTO platform(document_id, name, aliases, heading, first_passage, last_passage) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [docID, pl.name, JSONWriter.array(pl.aliases), pl.heading,
                                 passageIDs[pl.passageIndices.lowerBound], passageIDs[pl.passageIndices.upperBound - 1]])
        }
        for (name, count) in knowledge.organizations.sorted(by: { $0.key < $1.key }) {  // the same rows in the same order every run
            try db.cachedStatement(sql: "INSERT INTO organization(document_id, name, mentions) VALUES (?, ?, ?)").execute(arguments: [docID, name, count])
        }
        if let profile = knowledge.profile { try StoredProfile.insert(db, document: docID, profile) }
        for f in knowledge.facts where f.passageIndex >= 0 && f.passageIndex < passageIDs.count {
            try FastInsert.fact(insertFact, db, passage: passageIDs[f.passageIndex], f)
        }
    }

    /// Empties every table (`--rebuild` on an existing index).
    static func clearAll(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO passage_fts(passage_fts) VALUES ('delete-all'); INSERT INTO document_fts(document_fts) VALUES ('delete-all'); DELETE FROM fact; DELETE FROM platform; DELETE FROM organization; DELETE FROM document_profile; DELETE FROM passage; DELETE FROM heading; DELETE FROM document")
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
        try db.execute(sql: "DELETE FROM document_profile WHERE document_id = ?", arguments: [id])
        if let title = try String.fetchOne(db, sql: "SELECT title_text FROM document WHERE id = ?", arguments: [id]) {
            try db.execute(sql: "INSERT INTO document_fts(document_fts, rowid, title) VALUES ('delete', ?, ?)", arguments: [id, title])
        }
        try db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
    }
}
