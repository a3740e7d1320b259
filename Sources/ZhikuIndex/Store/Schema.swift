import GRDB

/// The index's tables. `schemaVersion` is stored in `meta` and in `PRAGMA user_version`; an index
/// with another version is refused with a message that says to rebuild.
enum Schema {
    static let version = 7  // 2: bigram-only index tokens (run-final unigrams), facts without stored JSON; 3: impact lists; 4: passage entities, facts by attribute; 5: dense postings; 6: document profiles; 7: fact relations (role, status, scope, ordinal), rank and org facts
    static let fileName = "zhiku.sqlite"
    /// Separates headings in `passage.heading` (a separator for the tokenizer too).
    static let headingSeparator: Character = "\u{1F}"

    /// The headings of a stored heading path, outermost first (none for ""). Split on the UTF-8
    /// byte: `String.split` on a Character walks grapheme clusters, and was a sixth of the time
    /// of building a page of hits.
    static func headings(ofPath path: String) -> [String] {
        var path = path
        return path.withUTF8 { u in
            var out: [String] = []
            var start = 0
            for i in 0...u.count where i == u.count || u[i] == 0x1F {
                if i > start { out.append(String(decoding: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            return out
        }
    }

    /// Runs on an empty database file, before any table exists (auto_vacuum can only be set then).
    static func prepareEmptyFile(_ db: Database) throws {
        try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
    }

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            CREATE TABLE document(
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,      -- the document id: path relative to its root
                root TEXT NOT NULL,             -- absolute folder it was indexed from
                title TEXT, title_text TEXT NOT NULL,  -- title_text: what document_fts indexes
                source TEXT, date TEXT, encoding TEXT,
                size INTEGER NOT NULL, mtime REAL NOT NULL, hash TEXT NOT NULL,
                chars INTEGER NOT NULL, passages INTEGER NOT NULL, indexed_at TEXT NOT NULL,
                context TEXT);                  -- extractor's per-document context (JSON)
            CREATE TABLE heading(
                id INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL,
                path TEXT NOT NULL);            -- heading path, joined by U+001F
            CREATE TABLE passage(
                id INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES document(id),
                number INTEGER NOT NULL,
                heading_id INTEGER,             -- NULL: no heading above the passage
                body BLOB NOT NULL,             -- UTF-16LE (StoredText)
                start INTEGER NOT NULL, "end" INTEGER NOT NULL,   -- code points in the document body
                entities BLOB);                 -- EntityCodec; NULL: not extracted at index time
            CREATE INDEX passage_by_document ON passage(document_id, number);
            -- A figure, rank, organization or date with what it is about; its extraction.md record is
            -- rebuilt from the columns (FactRecord), nothing is stored twice. kind: money, count, … for
            -- figures, rank (value: the position), org (value NULL; surface: the organization,
            -- attribute: its action), date. role: from | to | change | comparison (a comparison base,
            -- never an answer); status: target | achieved; scope: cumulative | period | average | year;
            -- ordinal: N of 第N次修订/修正 (date facts). NULL where the text does not say.
            CREATE TABLE fact(
                id INTEGER PRIMARY KEY,
                passage_id INTEGER NOT NULL,
                subject TEXT, attribute TEXT, kind TEXT NOT NULL,
                value REAL, value_max REAL, unit TEXT, approx TEXT,
                date TEXT, granularity TEXT, mod TEXT, low_confidence INTEGER,
                surface TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
                confidence REAL NOT NULL,
                role TEXT, status TEXT, scope TEXT, ordinal INTEGER);
            CREATE INDEX fact_by_passage ON fact(passage_id);
            CREATE INDEX fact_by_attribute ON fact(attribute);
            CREATE TABLE platform(
                id INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL,
                name TEXT NOT NULL, aliases TEXT NOT NULL,   -- aliases: JSON array
                heading TEXT NOT NULL,
                first_passage INTEGER NOT NULL, last_passage INTEGER NOT NULL);  -- passage ids
            CREATE INDEX platform_by_name ON platform(name);
            CREATE TABLE organization(
                document_id INTEGER NOT NULL,
                name TEXT NOT NULL,
                mentions INTEGER NOT NULL);
            CREATE INDEX organization_by_name ON organization(name);
            CREATE INDEX organization_by_document ON organization(document_id);
            -- What each document is (DocumentProfile): place, years, kind, names. Fact lookup
            -- selects documents on it; search filters on it.
            CREATE TABLE document_profile(
                document_id INTEGER PRIMARY KEY,
                place_code TEXT, place_name TEXT, place_level TEXT,
                kind TEXT,
                title_year INTEGER, issue_year INTEGER, report_year INTEGER, reference_year INTEGER,
                document_number TEXT, institution TEXT,
                names TEXT NOT NULL, sessions TEXT NOT NULL);   -- JSON arrays
            -- Contentless: the text lives once, in passage.body. Body first: FTS5 stores column 0's
            -- positions without a column marker (2 bytes saved for every term of every passage).
            CREATE VIRTUAL TABLE passage_fts USING fts5(
                body, heading, content='', tokenize='\(BigramTokenizer.name)');
            -- Document titles, so that a query term found in a title counts for every passage of
            -- that document (湖北 in 湖北省政府工作报告). rowid = document.id.
            CREATE VIRTUAL TABLE document_fts USING fts5(title, content='', tokenize='\(BigramTokenizer.name)');
            -- For each CJK term in many passages, the passages where it weighs most (Impacts).
            -- term: a token (研究) or a character and * (和*); postings: Impacts.encode.
            CREATE TABLE impact(term TEXT PRIMARY KEY NOT NULL, df INTEGER NOT NULL, postings BLOB NOT NULL, dense BLOB) WITHOUT ROWID;
            """)
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('schema_version', ?)", arguments: [String(version)])
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }
}
