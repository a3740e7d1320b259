import Foundation
import GRDB

/// The row count and token total FTS5's `bm25()` uses, read from its averages record.
struct CollectionStatistics: Equatable {
    var rows: Int
    var tokens: Int

    /// `nToken / nRow`, as FTS5 computes it.
    var averageLength: Double { Double(tokens) / Double(rows) }

    /// The same figures summed from FTS5's per-row sizes (`passage_fts_docsize`), which are
    /// written with each row: exact inside a write transaction too, where the averages record may
    /// not be saved yet.
    static func summingRows(_ db: Database) throws -> CollectionStatistics {
        var stats = CollectionStatistics(rows: 0, tokens: 0)
        let rows = try Data.fetchCursor(db, sql: "SELECT sz FROM passage_fts_docsize")
        while let sz = try rows.next() {
            stats.rows += 1
            sz.withUnsafeBytes { raw in
                let p = raw.bindMemory(to: UInt8.self)
                var i = 0
                while i < p.count, let n = Varint.readSQLite(p, &i) { stats.tokens += Int(n) }
            }
        }
        return stats
    }

    static func read(_ db: Database) throws -> CollectionStatistics? {
        // FTS5 keeps the row count and each column's token total in record 1 of its data table,
        // as SQLite varints.
        guard let block = try Data.fetchOne(db.cachedStatement(sql: "SELECT block FROM passage_fts_data WHERE id = 1")) else { return nil }
        return block.withUnsafeBytes { raw -> CollectionStatistics? in
            let p = raw.bindMemory(to: UInt8.self)
            var i = 0
            guard let rows = Varint.readSQLite(p, &i), rows > 0 else { return nil }
            var tokens: UInt64 = 0
            while i < p.count, let size = Varint.readSQLite(p, &i) { tokens += size }
            return CollectionStatistics(rows: Int(rows), tokens: Int(tokens))
        }
    }
}
