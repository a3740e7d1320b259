import Foundation
import GRDB
import GRDBSQLite

/// The indexer's two hottest inserts, bound and stepped with SQLite's C API: GRDB's argument
/// arrays (a boxed value per column, per row) cost more than the row itself on this path. Values
/// are bound as parameters, never spliced into SQL.
enum FastInsert {
    /// `INSERT INTO passage(document_id, number, heading_id, body, start, "end", entities) VALUES (?, ?, ?, ?, ?, ?, ?)`
    static func passage(_ statement: Statement, _ db: Database, document: Int64, number: Int, heading: Int64?,
                        body: Data, start: Int, end: Int, entities: [UInt8]?) throws {
        let s = statement.sqliteStatement
        sqlite3_bind_int64(s, 1, document)
        sqlite3_bind_int64(s, 2, Int64(number))
        if let heading { sqlite3_bind_int64(s, 3, heading) } else { sqlite3_bind_null(s, 3) }
        sqlite3_bind_int64(s, 5, Int64(start))
        sqlite3_bind_int64(s, 6, Int64(end))
        try body.withUnsafeBytes { raw in
            sqlite3_bind_blob(s, 4, raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(raw.count), nil)  // static: stepped before return
            if let entities {
                try entities.withUnsafeBytes { e in
                    sqlite3_bind_blob(s, 7, e.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(e.count), nil)
                    try step(statement, db)
                }
            } else {
                sqlite3_bind_null(s, 7)
                try step(statement, db)
            }
        }
    }

    /// `INSERT INTO passage_fts(rowid, body, heading) VALUES (?, ?, ?)`
    static func postings(_ statement: Statement, _ db: Database, rowid: Int64, body: String, heading: String) throws {
        let s = statement.sqliteStatement
        sqlite3_bind_int64(s, 1, rowid)
        var body = body, heading = heading
        try body.withUTF8 { b in
            try heading.withUTF8 { h in
                bindText(s, 2, b)
                bindText(s, 3, h)
                try step(statement, db)
            }
        }
    }

    /// `INSERT INTO heading(document_id, path) VALUES (?, ?)`
    static func heading(_ statement: Statement, _ db: Database, document: Int64, path: String) throws {
        let s = statement.sqliteStatement
        sqlite3_bind_int64(s, 1, document)
        var path = path
        try path.withUTF8 { p in
            bindText(s, 2, p)
            try step(statement, db)
        }
    }

    /// `INSERT INTO fact(passage_id, subject, attribute, kind, value, value_max, unit, approx, date,
    /// granularity, mod, low_confidence, surface, start, "end", confidence, role, status, scope, ordinal)`, 20
    /// parameters in that order.
    static func fact(_ statement: Statement, _ db: Database, passage: Int64, _ f: StoredFact) throws {
        let s = statement.sqliteStatement
        sqlite3_bind_int64(s, 1, passage)
        bindOptional(s, 2, f.subject)
        bindOptional(s, 3, f.attribute)
        bindOptional(s, 4, f.kind)
        bindOptional(s, 5, f.value)
        bindOptional(s, 6, f.valueMax)
        bindOptional(s, 7, f.unit)
        bindOptional(s, 8, f.approx)
        bindOptional(s, 9, f.date)
        bindOptional(s, 10, f.granularity)
        bindOptional(s, 11, f.mod)
        if f.lowConfidence { sqlite3_bind_int64(s, 12, 1) } else { sqlite3_bind_null(s, 12) }
        bindOptional(s, 13, f.surface)
        sqlite3_bind_int64(s, 14, Int64(f.start))
        sqlite3_bind_int64(s, 15, Int64(f.end))
        sqlite3_bind_double(s, 16, f.confidence)
        bindOptional(s, 17, f.role)
        bindOptional(s, 18, f.status)
        bindOptional(s, 19, f.scope)
        if let o = f.ordinal { sqlite3_bind_int64(s, 20, Int64(o)) } else { sqlite3_bind_null(s, 20) }
        try step(statement, db)
    }

    /// Binds a copy of the text (SQLITE_TRANSIENT), or NULL.
    @inline(__always)
    static func bindOptional(_ s: OpaquePointer?, _ index: Int32, _ text: String?) {
        guard var text else { sqlite3_bind_null(s, index); return }
        text.withUTF8 { p in
            guard let base = p.baseAddress, p.count > 0 else { sqlite3_bind_text(s, index, "", 0, transient); return }
            base.withMemoryRebound(to: CChar.self, capacity: p.count) { _ = sqlite3_bind_text(s, index, $0, Int32(p.count), transient) }
        }
    }

    @inline(__always)
    static func bindOptional(_ s: OpaquePointer?, _ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(s, index, value) } else { sqlite3_bind_null(s, index) }
    }

    /// SQLite's SQLITE_TRANSIENT: it copies the bytes before the call returns.
    static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    @inline(__always)
    static func bindText(_ s: OpaquePointer?, _ index: Int32, _ text: UnsafeBufferPointer<UInt8>) {
        if let base = text.baseAddress {
            base.withMemoryRebound(to: CChar.self, capacity: text.count) { sqlite3_bind_text(s, index, $0, Int32(text.count), nil) }
        } else {
            sqlite3_bind_text(s, index, "", 0, nil)
        }
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

    /// The error of a statement stepped with the C API that returned `rc`.
    static func error(_ rc: Int32, _ db: Database, sql: String?) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }
}
