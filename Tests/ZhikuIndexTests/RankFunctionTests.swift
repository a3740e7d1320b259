import Foundation
import GRDB
import XCTest
@testable import ZhikuIndex

/// `zhiku_rank` ranks and counts exactly as FTS5's `bm25()` and `count(*)` do, for every query
/// shape, with the passage lengths loaded or not, and after the index changes under an open engine.
final class RankFunctionTests: XCTestCase {
    func makeFixture() throws -> IndexFixture {
        let f = try IndexFixture()
        try f.addSampleReport()
        try f.addInstituteReports()
        try f.write("产品质量规定.txt", "产品质量应当符合规定。\n生产者应当对其生产的产品质量负责。\n销售者应当建立进货检查验收制度。")
        // Two documents whose titles name 条例, and one between them (in passage ids) whose title
        // does not: a title variant must rank the first two and never the third.
        try f.write("x1条例.txt", "第一条 为了规范管理，制定本条例。\n第二条 管理部门应当依法履行职责。\n第三条 违反规定的，依法追究责任。")
        try f.write("x2.txt", "第一条 管理部门应当依法履行职责，法律另有规定的除外。\n第二条 违反规定的，依法追究责任。")
        try f.write("x3条例.txt", "第一条 本条例所称管理，是指监督检查。\n第二条 有关部门应当追究责任。")
        try index(f)
        return f
    }

    func index(_ f: IndexFixture) throws {
        let store = try IndexStore.openForWriting(directory: f.index)
        var indexer = Indexer(store: store)
        indexer.impacts.minDocumentFrequency = 3  // known row counts for many terms
        indexer.impacts.denseMinimum = 3  // and dense postings: two-term queries take that path once lengths are loaded
        _ = try indexer.run(roots: [f.corpus])
    }

    /// Substrings of the sample report: every query kind of the benchmark, deterministically.
    func generatedQueries() throws -> [String] {
        let text = Array(try String(contentsOf: IndexFixture.sampleReport, encoding: .utf8).unicodeScalars.filter { $0.value >= 0x4E00 && $0.value <= 0x9FFF })
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func piece(_ length: Int) -> String {
            let start = next(text.count - length)
            return String(String.UnicodeScalarView(text[start..<(start + length)]))
        }
        var queries: [String] = []
        for _ in 0..<60 { queries.append(piece(1 + next(4))) }
        for _ in 0..<40 { queries.append(piece(2) + " " + piece(2 + next(2))) }
        for _ in 0..<15 { queries.append(piece(2) + " OR " + piece(2) + " " + piece(1)) }
        for _ in 0..<15 { queries.append(piece(2) + " -" + piece(2)) }
        return queries
    }

    static let shapes = ["研究", "研究团队", "研究 团队", "研究 OR 发展", "研究 -团队", "研究 OR 发展 -团队 平台", "和", "的 和",
                         "研究 不存在的词组", "不存在的词组 另一个", "研究 平台 高校", "产品 规定", "规定 应当", "产品 应当 -质量",
                         "7.35万", "GDP 研究", "\"研究 团队\"", "研究院 高新区", "貳零", "研發",
                         "条例 责任", "条例 应当 职责", "条例 管理 -监督", "追究 条例", "条例 不存在的词组"]

    func assertSame(_ engine: Engine, _ query: String, document: String? = nil, offset: Int = 0,
                    file: StaticString = #filePath, line: UInt = #line) throws {
        try assertMatchesExactRanking(engine, query, document: document, offset: offset, file: file, line: line)
    }

    /// Unrounded scores: the function returns the same doubles as `bm25()`, not just the same order.
    func testScoresAreBitForBitBM25() throws {
        let f = try makeFixture()
        let engine = try f.engine()
        try engine.store.pool.read { db in
            for expression in ["\"研究\"", "\"研究团队\"", "\"研究\" AND \"团队\"", "\"研究\" OR \"发展\"", "(\"研究\") NOT (\"团队\")", "\"和\" *"] {
                let bm25 = try Row.fetchAll(db, sql: """
                    SELECT f.rowid, bm25(f.passage_fts, 1.0, 2.0) AS s FROM passage_fts f WHERE f.passage_fts MATCH ? ORDER BY s, f.rowid
                    """, arguments: [expression]).map { ($0[0] as Int64, -($0[1] as Double)) }
                let terms = expression.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
                let ours = try engine.searcher.rankedPage(db, expression: expression, terms: terms, limit: 1_000, offset: 0,
                                                          oneTerm: terms.count == 1, exact: false)
                XCTAssertFalse(bm25.isEmpty, expression)
                XCTAssertEqual(ours.total, bm25.count, "count for \(expression)")
                XCTAssertEqual(ours.ranked.map(\.0), bm25.map(\.0), "order for \(expression)")
                XCTAssertEqual(ours.ranked.map(\.1), bm25.map(\.1), "scores for \(expression)")
            }
        }
    }

    func testEveryShapeWithAndWithoutLoadedLengths() throws {
        let f = try makeFixture()
        let engine = try f.engine()
        let queries = RankFunctionTests.shapes + (try generatedQueries())
        let lengthsBefore = try engine.store.pool.read { db in try engine.store.lengths.current(db) }
        XCTAssertNil(lengthsBefore, "no query has asked for the lengths yet")
        for q in queries { try assertSame(engine, q) }
        for q in ["研究", "研究 团队", "规定 应当", "条例 责任"] {
            try assertSame(engine, q, document: "x2.txt")
            try assertSame(engine, q, document: "x3条例.txt")
            try assertSame(engine, q, document: "a.md")
            try assertSame(engine, q, document: "产品质量规定.txt")
            try assertSame(engine, q, offset: 3)
        }
        // Two terms no passage has together: the best of each, merged, and their counts added.
        for q in ["研究 条例", "条例 研究", "和 追究", "研究团队 条例"] {
            for offset in [0, 2, 7] { try assertSame(engine, q, offset: offset) }
            XCTAssertFalse(try engine.search(q, options: SearchOptions()).matchedAll, q)
        }
        // Ask for the lengths, as a query ranking many rows does; then everything again.
        engine.store.lengths.noteLookups(PassageLengths.wantedAfterLookups)
        let lengths = try XCTUnwrap(try engine.store.pool.read { db in try engine.store.lengths.current(db) })
        try engine.store.pool.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT id FROM passage") {
                let id: Int64 = row[0]
                var nToken: Int64 = 0
                // Each passage's length is what FTS5 sums for it: body and heading tokens.
                let sz = try Data.fetchOne(db, sql: "SELECT sz FROM passage_fts_docsize WHERE id = ?", arguments: [id]) ?? Data()
                sz.withUnsafeBytes { raw in
                    let p = raw.bindMemory(to: UInt8.self)
                    var i = 0
                    while i < p.count, let n = Varint.readSQLite(p, &i) { nToken += Int64(n) }
                }
                XCTAssertEqual(Int64(lengths[Int(id)]), nToken, "length of passage \(id)")
            }
        }
        for q in queries { try assertSame(engine, q) }
    }

    func testTitleVariantsKeepToTheirDocuments() throws {
        let f = try makeFixture()
        let engine = try f.engine()
        var options = SearchOptions()
        options.includeEntities = false
        options.limit = 100
        let r = try engine.search("条例 责任", options: options)
        // 责任 is in all three; 条例 names x1 and x3 by title, and x2 (between them) has no 条例.
        XCTAssertEqual(Set(r.hits.map(\.doc)), ["x1条例.txt", "x3条例.txt"])
        XCTAssertEqual(r.total, r.hits.count)
        try assertSame(engine, "条例 责任")
    }

    func testLengthsFollowTheIndexUnderAnOpenEngine() throws {
        let f = try makeFixture()
        let engine = try f.engine()
        engine.store.lengths.noteLookups(PassageLengths.wantedAfterLookups)
        let before = try XCTUnwrap(try engine.store.pool.read { db in try engine.store.lengths.current(db) })
        // "研究团队 发展": the count of the phrase 研究团队 comes from FTS5 and is remembered.
        for q in ["研究", "研究 团队", "发展", "研究团队 发展"] { try assertSame(engine, q) }
        // Replace a document with longer passages and add one; the engine stays open.
        try f.write("b.txt", String(repeating: "发展研究团队，发展是第一要务，", count: 40) + "\n研究。")
        try f.write("c.txt", "研究团队\n团队研究发展。")
        try index(f)
        let after = try XCTUnwrap(try engine.store.pool.read { db in try engine.store.lengths.current(db) })
        XCTAssertNotEqual(before, after, "a new version of the index gets its own lengths")
        // First: a remembered count from the previous version would give other scores.
        for q in ["研究团队 发展"] + RankFunctionTests.shapes { try assertSame(engine, q) }
    }
}
