import Foundation
import GRDB
import XCTest
@testable import ZhikuIndex

/// Conjunctions of frequent bigrams ranked from their dense postings: the same passages, the same
/// doubles and the same count as FTS5's `bm25()` and `count(*)`.
final class DensePostingsTests: XCTestCase {
    func testPostingsRoundTrip() {
        var w = DensePostings.Writer()
        let postings: [(Int64, Int32)] = [(1, 1), (2, 2), (3, 3), (4, 4), (100, 1), (101, 1000), (100_000, 2), (4_000_000_000, 1), (4_000_000_001, 7)]
        for (id, f) in postings { w.append(passage: id, frequency: f) }
        var read: [(Int64, Int32)] = []
        w.bytes.withUnsafeBytes { raw in
            var c = DensePostings.Cursor(raw)
            while c.next() { read.append((c.passage, Int32(c.frequency))) }
        }
        XCTAssertEqual(read.map(\.0), postings.map(\.0))
        XCTAssertEqual(read.map(\.1), postings.map(\.1))
        // Frequencies 1–3 share the gap's byte.
        var small = DensePostings.Writer()
        for id in 1...100 { small.append(passage: Int64(id), frequency: Int32(1 + id % 3)) }
        XCTAssertEqual(small.bytes.count, 100)
    }

    func testPairsAreBitForBitBM25() throws {
        let f = try IndexFixture.withImpacts(denseMinimum: 4)
        let engine = try f.engine()
        engine.store.lengths.noteLookups(PassageLengths.wantedAfterLookups)
        try engine.store.pool.read { db in
            let lengths = try XCTUnwrap(try engine.store.lengths.current(db))
            // Terms in fewer than half the passages, of different counts: their IDFs differ (above
            // that, FTS5 clamps every IDF to the same 1e-6).
            let dense = try String.fetchAll(db, sql: """
                SELECT term FROM impact WHERE dense IS NOT NULL AND df * 2 < (SELECT count(*) FROM passage) GROUP BY df ORDER BY df DESC LIMIT 14
                """)
            XCTAssertGreaterThanOrEqual(dense.count, 6)
            let sparse = try XCTUnwrap(try String.fetchOne(db, sql: "SELECT term FROM impact WHERE dense IS NULL AND term NOT LIKE '%*'"))
            var compared = 0
            for (i, a) in dense.enumerated() {
                for b in dense.dropFirst(i + 1) {
                    let expression = "\"\(a)\" AND \"\(b)\""
                    let bm25 = try Row.fetchAll(db, sql: """
                        SELECT f.rowid, bm25(f.passage_fts, 1.0, 2.0) AS s FROM passage_fts f WHERE f.passage_fts MATCH ? ORDER BY s, f.rowid
                        """, arguments: [expression]).map { ($0[0] as Int64, -($0[1] as Double)) }
                    let ours = try XCTUnwrap(try DensePostings.page(db, terms: [a, b], lengths: lengths, offset: 0, limit: 1_000), expression)
                    XCTAssertEqual(ours.total, bm25.count, "count for \(expression)")
                    XCTAssertEqual(ours.ranked.map(\.0), bm25.map(\.0), "order for \(expression)")
                    XCTAssertEqual(ours.ranked.map(\.1), bm25.map(\.1), "scores for \(expression)")
                    let page = try XCTUnwrap(try DensePostings.page(db, terms: [a, b], lengths: lengths, offset: 2, limit: 3))
                    XCTAssertEqual(page.ranked.map(\.0), Array(bm25.dropFirst(2).prefix(3)).map(\.0), "page of \(expression)")
                    if !bm25.isEmpty { compared += 1 }
                }
            }
            XCTAssertGreaterThan(compared, 10)
            // A term without dense postings, or no lengths: FTS5 answers.
            XCTAssertNil(try DensePostings.page(db, terms: [dense[0], sparse], lengths: lengths, offset: 0, limit: 10))
            XCTAssertNil(try DensePostings.page(db, terms: [dense[0], dense[1]], lengths: [], offset: 0, limit: 10))
        }
    }
}
