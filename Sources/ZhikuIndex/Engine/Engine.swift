import Foundation
import GRDB
import ZhikuText

/// The single entry point that the CLI, the REPL and the server call.
///
///     let engine = try Engine(indexDirectory: URL(fileURLWithPath: "index"))
///     let result = try engine.search("研究团队")
///     print(result.hits.first?.snippet ?? "")
public final class Engine: @unchecked Sendable {  // constants only; the caches they hold lock themselves (the extractor protocol is not Sendable)
    public let store: IndexStore
    let searcher: Searcher
    /// Finds entities in passages at query time (and facts at index time).
    public let extractor: KnowledgeExtractor
    /// Reads ``generation()``.
    let generationWatch: GenerationWatch

    /// Opens the index in `indexDirectory` for reading.
    /// - throws: ``ZhikuError`` when it is missing, damaged or of another version.
    public init(indexDirectory: URL, extractor: KnowledgeExtractor = NoExtraction()) throws {
        store = try IndexStore.open(directory: indexDirectory)
        self.extractor = extractor
        searcher = Searcher(store: store, extractor: extractor)
        generationWatch = GenerationWatch(path: IndexStore.databaseURL(in: indexDirectory).path, file: store.fileIdentity)
    }

    /// The state of the index now (its file and a version that every commit changes), to label
    /// answers kept in a cache: read it before the call whose answer it labels. A few
    /// microseconds on a connection of its own (opened on first use), under a lock; nil when the
    /// file cannot be read or another file has taken its place.
    public func generation() -> IndexGeneration? {
        generationWatch.current()
    }

    /// Ranked passages for `query`.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> SearchResponse {
        do {
            return try searcher.search(query, options: options)
        } catch let e as ZhikuError {
            throw e
        } catch {
            throw ZhikuError.from(error, while: "search")
        }
    }

    /// Facts that answer `question` (keywords or a question), best first; none when nothing fits.
    /// - parameter attribute: only facts whose attribute is or contains this.
    public func facts(_ question: String, limit: Int = 3, attribute: String? = nil) throws -> FactsResponse {
        try facts(question, options: FactLookupOptions(limit: limit, attribute: attribute))
    }

    /// Facts that answer `question`, with the options of a lookup. A question too long to be one
    /// (over ``maxQuestionScalars``) is answered with nothing and the reason, not an error.
    public func facts(_ question: String, options: FactLookupOptions) throws -> FactsResponse {
        let trimmed = question.trimmingSpaces()
        guard !trimmed.isEmpty else { throw ZhikuError(.argument, "empty question") }
        guard (1...20).contains(options.limit) else { throw ZhikuError(.argument, "limit must be 1..20") }
        guard trimmed.unicodeScalars.count <= Engine.maxQuestionScalars else {
            var r = FactsResponse(question: String(trimmed.unicodeScalars.prefix(64)) + "…", expectedKind: nil, subjects: [], keywords: [],
                                  answers: [], tookMs: 0)
            r.reason = "question too long (\(trimmed.unicodeScalars.count) characters; a question has at most \(Engine.maxQuestionScalars))"
            return r
        }
        do {
            return try FactFinder(store: store, searcher: searcher, extractor: extractor).answer(trimmed, options: options)
        } catch let e as ZhikuError {
            throw e
        } catch {
            throw ZhikuError.from(error, while: "fact lookup")
        }
    }

    /// Longest question a fact lookup reads.
    public static let maxQuestionScalars = 256

    /// A document, one of its passages, or a slice of its text.
    public func document(id: String, passage: Int? = nil, from: Int = 0, length: Int = 65_536) throws -> DocumentResponse {
        guard from >= 0, length > 0 else { throw ZhikuError(.argument, "from must be ≥ 0 and len > 0") }
        return try store.read { db in
            guard let doc = try Row.fetchOne(db, sql: "SELECT * FROM document WHERE path = ?", arguments: [id]) else {
                throw ZhikuError(.notFound, "no document \(id) in the index (`zhiku stats` lists counts; `zhiku search` finds ids)")
            }
            let docID: Int64 = doc["id"]
            var sql = """
                SELECT p.number, coalesce(h.path, '') AS heading, p.body, p.start, p."end"
                FROM passage p LEFT JOIN heading h ON h.id = p.heading_id WHERE p.document_id = ?
                """
            var args: StatementArguments = [docID]
            if let passage {
                sql += " AND p.number = ?"
                args += [passage]
            }
            sql += " ORDER BY p.number"
            let passages = try Row.fetchAll(db, sql: sql, arguments: args).map { row -> PassageRecord in
                let heading: String = row["heading"]
                let text = StoredText.decode(row["body"] as Data)
                return PassageRecord(number: row["number"], heading: Schema.headings(ofPath: heading),
                                     text: text, start: row["start"], end: row["end"],
                                     entitiesJSON: passage == nil ? nil : extractor.entitiesJSON(passage: text, documentDate: doc["date"], context: doc["context"]))
            }
            if let passage, passages.isEmpty {
                throw ZhikuError(.notFound, "document \(id) has no passage \(passage) (it has \(doc["passages"] as Int))")
            }
            let full = passages.map(\.text).joined(separator: "\n")
            let scalars = Array(full.unicodeScalars)
            let lo = min(from, scalars.count), hi = lo + min(length, scalars.count - lo)  // lo + length could overflow
            return DocumentResponse(doc: id, title: doc["title"] ?? id, source: doc["source"], date: doc["date"], encoding: doc["encoding"],
                                    passageCount: doc["passages"], passages: passages,
                                    text: String(String.UnicodeScalarView(scalars[lo..<hi])), from: lo, len: hi - lo, more: hi < scalars.count,
                                    profile: try StoredProfile.read(db, document: docID))
        }
    }

    /// Counts and sizes.
    public func stats() throws -> StatsResponse {
        try store.read { db in
            let docs = try Int.fetchOne(db, sql: "SELECT count(*) FROM document") ?? 0
            let passages = try Int.fetchOne(db, sql: "SELECT count(*) FROM passage") ?? 0
            let chars = try Int.fetchOne(db, sql: "SELECT coalesce(sum(chars), 0) FROM document") ?? 0
            let bytes = try Int.fetchOne(db, sql: "SELECT coalesce(sum(size), 0) FROM document") ?? 0
            let built = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'built_at'")
            try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.passage_vocab USING fts5vocab(main, 'passage_fts', 'row')")
            let terms = try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.passage_vocab") ?? 0
            var r = StatsResponse(docs: docs, passages: passages, terms: terms, chars: chars, textBytes: bytes,
                                  indexBytes: store.sizeOnDisk(), builtAt: built, schemaVersion: Schema.version)
            r.kinds = try Row.fetchAll(db, sql: """
                SELECT coalesce(kind, '-'), count(*) AS n FROM document_profile GROUP BY 1 ORDER BY n DESC, 1
                """).map { ($0[0], $0[1]) }
            r.placeLevels = try Row.fetchAll(db, sql: """
                SELECT coalesce(place_level, '-'), count(*) AS n FROM document_profile GROUP BY 1 ORDER BY n DESC, 1
                """).map { ($0[0], $0[1]) }
            if let row = try Row.fetchOne(db, sql: "SELECT min(report_year), max(report_year) FROM document_profile"),
               let lo = row[0] as Int?, let hi = row[1] as Int? {
                r.reportYears = lo...hi
            }
            return r
        }
    }
}
