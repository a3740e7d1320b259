import Foundation
import GRDB

/// Answers a one-term query from its ``Impacts`` list, when it has one.
enum ImpactSearch {
    /// The ranked page and the exact number of passages containing the term; nil when the term has
    /// no list (it is rare enough for FTS5) or the page lies beyond the list.
    static func page(_ db: Database, term: String, offset: Int, limit: Int) throws -> (total: Int, ranked: [(Int64, Double)])? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT df, postings FROM impact WHERE term = ?"), arguments: [term])
        else { return nil }
        let df: Int = row[0]
        let postings = Impacts.decode(row[1])
        // The list holds the term's best passages: enough for this page, or all of them.
        guard offset + limit <= postings.count || postings.count == df, let stats = try CollectionStatistics.read(db) else { return nil }
        let idf = BM25.idf(rows: stats.rows, hits: df)
        let average = stats.averageLength
        let scored = postings.map { p in
            (p.passage, BM25.termScore(frequency: Double(p.frequency), length: Double(p.length), idf: idf, averageLength: average))
        }
        return (df, RankOrder.page(scored, offset: offset, limit: limit))
    }

    /// The number of passages containing `term` (a query term), when it has an impact list.
    static func documentFrequency(_ db: Database, term: String) throws -> Int? {
        guard let listed = Impacts.term(forQuery: term) else { return nil }
        return try Int.fetchOne(db.cachedStatement(sql: "SELECT df FROM impact WHERE term = ?"), arguments: [listed])
    }
}
