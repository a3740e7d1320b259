import GRDB

/// The index's tables. `schemaVersion` is stored in `meta` and in `PRAGMA user_version`; an index
/// with another version is refused with a message that says to rebuild.
enum Schema {
    static let version = 1
    static let fileName = "zhiku.sqlite"
    /// Separates headings in `passage.heading` (a separator for the tokenizer too).
    static let headingSeparator: Character = "\u{1F}"

    static func create(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE meta(key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            CREATE TABLE document(
                id INTEGER PRIMARY KEY,
                path TEXT NOT NULL UNIQUE,      -- the document id: path relative to its root
                root TEXT NOT NULL,             -- absolute folder it was indexed from
                title TEXT, source TEXT, date TEXT, encoding TEXT,
                size INTEGER NOT NULL, mtime REAL NOT NULL, hash TEXT NOT NULL,
                chars INTEGER NOT NULL, passages INTEGER NOT NULL, indexed_at TEXT NOT NULL);
            CREATE TABLE passage(
                id INTEGER PRIMARY KEY,
                document_id INTEGER NOT NULL REFERENCES document(id),
                number INTEGER NOT NULL,
                heading TEXT NOT NULL,          -- heading path, joined by U+001F
                body TEXT NOT NULL,
                start INTEGER NOT NULL, "end" INTEGER NOT NULL,  -- code points in the document body
                entities TEXT);                 -- JSON {figures, dates, orgs}
            CREATE INDEX passage_by_document ON passage(document_id, number);
            CREATE VIRTUAL TABLE passage_fts USING fts5(
                heading, body, content='passage', content_rowid='id', tokenize='\(BigramTokenizer.name)');
            """)
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('schema_version', ?)", arguments: [String(version)])
        try db.execute(sql: "PRAGMA user_version = \(version)")
    }
}
