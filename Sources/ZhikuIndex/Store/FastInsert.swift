import Foundation
import GRDB
import GRDBSQLite

/// The indexer's two hottest inserts, bound and stepped with SQLite's C API: GRDB's argument
/// arrays (a boxed value per column, per row) cost more than the row itself on this path. Values
/// are bound as parameters, never spliced into SQL, and every bind's result is checked (a bind
/// that fails, e.g. a value over SQLite's length limit, would leave the parameter NULL or as the
/// previous row had it).
enum FastInsert {
    /// `INSERT INTO passage(document_id, number, heading_id, body, start, "end", entities) VALUES (?, ?, ?, ?, ?, ?, ?)`
    static func passage(_ statement: Statement, _ db: Database, document: Int64, number: Int, heading: Int64?,
                        body: Data, start: Int, end: Int, entities: [UInt8]?) throws {
        let s = statement.sqliteStatement
        try check(sqlite3_bind_int64(s, 1, document), statement, db)
        try check(sqlite3_bind_int64(s, 2, Int64(number)), statement, db)
        try check(heading.map { sqlite3_bind_int64(s, 3, $0) } ?? sqlite3_bind_null(s, 3), statement, db)
        try check(sqlite3_bind_int64(s, 5, Int64(start)), statement, db)
        try check(sqlite3_bind_int64(s, 6, Int64(end)), statement, db)
        try body.withUnsafeBytes { raw in
            try bindBlob(s, 4, raw, statement, db)  // static: stepped before return
            if let entities {
                try entities.withUnsafeBytes { e in
                    try bindBlob(s, 7, e, statement, db)
                    try step(statement, db)
                }
            } else {
                try check(sqlite3_bind_null(s, 7), statement, db)
                try step(statement, db)
            }
        }
    }

    /// `INSERT INTO passage_fts(rowid, body, heading) VALUES (?, ?, ?)`
    static func postings(_ statement: Statement, _ db: Database, rowid: Int64, body: String, heading: String) throws {
        let s = statement.sqliteStatement
        try check(sqlite3_bind_int64(s, 1, rowid), statement, db)
        var body = body, heading = heading
        try body.withUTF8 { b in
            try heading.withUTF8 { h in
                try check(bindText(s, 2, b), statement, db)
                try check(bindText(s, 3, h), statement, db)
                try step(statement, db)
            }
        }
    }

    /// `INSERT INTO heading(document_id, path) VALUES (?, ?)`
    static func heading(_ statement: Statement, _ db: Database, document: Int64, path: String) throws {
        let s = statement.sqliteStatement
        try check(sqlite3_bind_int64(s, 1, document), statement, db)
        var path = path
        try path.withUTF8 { p in
            try check(bindText(s, 2, p), statement, db)
            try step(statement, db)
        }
    }

    /// `INSERT INTO fact(passage_id, subject, attribute, kind, value, value_max, unit, approx, date,
    /// granularity, mod, low_confidence, surface, start, "end", confidence, role, status, scope, ordinal)`, 20
    /// parameters in that order.
    static func fact(_ statement: Statement, _ db: Database, passage: Int64, _ f: StoredFact) throws {
        let s = statement.sqliteStatement
        try check(sqlite3_bind_int64(s, 1, passage), statement, db)
        try check(bindOptional(s, 2, f.subject), statement, db)
        try check(bindOptional(s, 3, f.attribute), statement, db)
        try check(bindOptional(s, 4, f.kind), statement, db)
        try check(bindOptional(s, 5, f.value), statement, db)
        try check(bindOptional(s, 6, f.valueMax), statement, db)
        try check(bindOptional(s, 7, f.unit), statement, db)
        try check(bindOptional(s, 8, f.approx), statement, db)
        try check(bindOptional(s, 9, f.date), statement, db)
        try check(bindOptional(s, 10, f.granularity), statement, db)
        try check(bindOptional(s, 11, f.mod), statement, db)
        try check(f.lowConfidence ? sqlite3_bind_int64(s, 12, 1) : sqlite3_bind_null(s, 12), statement, db)
        try check(bindOptional(s, 13, f.surface), statement, db)
        try check(sqlite3_bind_int64(s, 14, Int64(f.start)), statement, db)
        try check(sqlite3_bind_int64(s, 15, Int64(f.end)), statement, db)
        try check(sqlite3_bind_double(s, 16, f.confidence), statement, db)
        try check(bindOptional(s, 17, f.role), statement, db)
        try check(bindOptional(s, 18, f.status), statement, db)
        try check(bindOptional(s, 19, f.scope), statement, db)
        try check(f.ordinal.map { sqlite3_bind_int64(s, 20, Int64($0)) } ?? sqlite3_bind_null(s, 20), statement, db)
        try step(statement, db)
    }

    /// Binds a copy of the text (SQLITE_TRANSIENT), or NULL; SQLite's result.
    @inline(__always)
    static func bindOptional(_ s: OpaquePointer?, _ index: Int32, _ text: String?) -> Int32 {
        guard var text else { return sqlite3_bind_null(s, index) }
        return text.withUTF8 { p in
            guard let base = p.baseAddress, p.count > 0 else { return sqlite3_bind_text(s, index, "", 0, transient) }
            guard p.count <= Int32.max else { return SQLITE_TOOBIG }
            return base.withMemoryRebound(to: CChar.self, capacity: p.count) { sqlite3_bind_text(s, index, $0, Int32(p.count), transient) }
        }
    }

    @inline(__always)
    static func bindOptional(_ s: OpaquePointer?, _ index: Int32, _ value: Double?) -> Int32 {
        if let value { return sqlite3_bind_double(s, index, value) } else { return sqlite3_bind_null(s, index) }
    }

    /// Binds bytes without a copy (SQLITE_STATIC: the statement is stepped before they go).
    @inline(__always)
    static func bindBlob(_ s: OpaquePointer?, _ index: Int32, _ bytes: UnsafeRawBufferPointer, _ statement: Statement, _ db: Database) throws {
        guard bytes.count <= Int32.max else { throw error(SQLITE_TOOBIG, db, sql: statement.sql) }
        try check(sqlite3_bind_blob(s, index, bytes.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count), nil), statement, db)
    }

    /// Throws the statement's error unless a bind returned SQLITE_OK.
    @inline(__always)
    static func check(_ rc: Int32, _ statement: Statement, _ db: Database) throws {
        guard rc == SQLITE_OK else { throw error(rc, db, sql: statement.sql) }
    }

    /// SQLite's SQLITE_TRANSIENT: it copies the bytes before the call returns.
    static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Binds the text without a copy (SQLITE_STATIC); SQLite's result.
    @inline(__always)
    static func bindText(_ s: OpaquePointer?, _ index: Int32, _ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        guard let base = text.baseAddress else { return sqlite3_bind_text(s, index, "", 0, nil) }
        guard text.count <= Int32.max else { return SQLITE_TOOBIG }
        return base.withMemoryRebound(to: CChar.self, capacity: text.count) { sqlite3_bind_text(s, index, $0, Int32(text.count), nil) }
    }

    static func step(_ statement: Statement, _ db: Database) throws {
        let rc = sqlite3_step(statement.sqliteStatement)
        guard rc == SQLITE_DONE else {
            let e = error(rc, db, sql: statement.sql)
            sqlite3_reset(statement.sqliteStatement)
            throw e
        }
        sqlite3_reset(statement.sqliteStatement)
    }

    /// The error of a statement stepped or bound with the C API that returned `rc`.
    static func error(_ rc: Int32, _ db: Database, sql: String?) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }
}
