import Foundation
import GRDB
import GRDBSQLite

/// Every passage's length in tokens (all columns, as FTS5 counts them for `bm25()`), by passage id,
/// for ``RankFunction``: one array lookup per matching row instead of a `SELECT` on
/// `passage_fts_docsize`.
///
/// The array belongs to one version of the index: it is keyed by FTS5's structure and averages
/// records, which change with every write to the full-text table, and is read again after any
/// change. It is loaded only once queries have ranked many rows without it, in all (a server
/// repeating a query of a few hundred matches gets there quickly), so a one-shot `zhiku search`
/// never pays for it and a long-lived engine pays once per index version: about 4 bytes per
/// passage, read at a tenth of the cost of as many lookups.
final class PassageLengths: @unchecked Sendable {  // `version`, `lengths`, `lookups` only under `lock`
    /// The value of an id that is not a passage.
    static let missing = UInt32.max
    /// Rows ranked with FTS5's lookups, in all queries so far, past which the array is worth loading.
    static let wantedAfterLookups = 2_000

    private let lock = NSLock()
    private var version: Data?
    private var lengths: [UInt32] = []
    private var lookups = 0
    private var isWanted: Bool { lookups >= PassageLengths.wantedAfterLookups }

    /// Notes that a query ranked `lookups` rows with FTS5's per-row lookups.
    func noteLookups(_ lookups: Int) {
        guard lookups > 0 else { return }
        lock.withLock { self.lookups += lookups }
    }

    /// The lengths for the index as `db` sees it: the cached array when it is of this version, a
    /// new one when it is wanted, else nil.
    func current(_ db: Database, version: Data? = nil) throws -> [UInt32]? {
        let version = try version ?? PassageLengths.version(db)
        let (cached, wanted) = lock.withLock { (self.version == version ? lengths : nil, isWanted) }
        if let cached { return cached }
        guard wanted else { return nil }
        let loaded = try PassageLengths.load(db)
        lock.withLock {
            self.version = version
            lengths = loaded
        }
        return loaded
    }

    /// FTS5's averages (id 1) and structure (id 10) records, which every write to the table changes.
    static func version(_ db: Database) throws -> Data {
        // Read with the C API: GRDB's boxed rows and `Data` per row were 5% of a search's time.
        let statement = try db.cachedStatement(sql: "SELECT block FROM passage_fts_data WHERE id IN (1, 10) ORDER BY id")
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        defer { sqlite3_reset(s) }
        var out = Data()
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw FastInsert.error(rc, db, sql: statement.sql) }
            let count = Int(sqlite3_column_bytes(s, 0))
            Varint.append(UInt64(count), to: &out)
            if count > 0, let blob = sqlite3_column_blob(s, 0) { out.append(blob.assumingMemoryBound(to: UInt8.self), count: count) }
        }
        return out
    }

    /// Reads `passage_fts_docsize`: per row, a SQLite varint per column.
    static func load(_ db: Database) throws -> [UInt32] {
        let maxID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM passage_fts_docsize") ?? 0
        guard maxID >= 0, maxID < Int64(Int32.max) else { return [] }
        var lengths = [UInt32](repeating: missing, count: Int(maxID) + 1)
        let statement = try db.makeStatement(sql: "SELECT id, sz FROM passage_fts_docsize")
        let s = statement.sqliteStatement
        while true {
            let rc = sqlite3_step(s)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw FastInsert.error(rc, db, sql: statement.sql) }
            let id = Int(sqlite3_column_int64(s, 0))
            let count = Int(sqlite3_column_bytes(s, 1))
            guard id >= 0, id < lengths.count, count > 0, let blob = sqlite3_column_blob(s, 1) else { continue }
            let p = UnsafeBufferPointer(start: blob.assumingMemoryBound(to: UInt8.self), count: count)
            var i = 0
            var total: UInt64 = 0
            while i < p.count, let n = Varint.readSQLite(p, &i) { total += n }
            lengths[id] = UInt32(clamping: total)
        }
        return lengths
    }
}
