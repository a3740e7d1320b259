import Foundation
import GRDB
import XCTest
@testable import ZhikuIndex

/// The impact lists answer one-term queries with exactly what `ORDER BY bm25()` returns.
final class ImpactTests: XCTestCase {
    /// Builds the sample report plus fixtures with impact lists for every term in ≥ 3 passages.
    func makeIndex(listLength: Int = 100, memoryBudget: Int? = nil) throws -> IndexFixture {
        // Dense postings from 6 passages, and lists for the phrases of those bigrams.
        try IndexFixture.withImpacts(denseMinimum: 6) { indexer in
            indexer.impacts.listLength = listLength
            indexer.impacts.chunkSize = 7  // several chunks, split over the threads
            if let memoryBudget { indexer.impactMemoryBudget = memoryBudget }
        }
    }

    func listedTerms(_ engine: Engine) throws -> [(term: String, df: Int)] {
        try engine.store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT term, df FROM impact ORDER BY term").map { ($0[0], $0[1]) }
        }
    }

    func assertSameRanking(_ engine: Engine, _ query: String, offset: Int = 0, limit: Int = 10,
                           file: StaticString = #filePath, line: UInt = #line) throws {
        try assertMatchesExactRanking(engine, query, offset: offset, limit: limit, file: file, line: line)
    }

    func testEveryListedTermRanksAsBM25() throws {
        let f = try makeIndex()
        let engine = try f.engine()
        let terms = try listedTerms(engine)
        XCTAssertGreaterThan(terms.count, 100, "the fixture should list many terms")
        XCTAssertTrue(terms.contains { $0.term == "研究" }, "a bigram is listed")
        XCTAssertTrue(terms.contains { $0.term == "和*" }, "a character is listed as a prefix")
        XCTAssertTrue(terms.contains { $0.term.unicodeScalars.count == 3 && !$0.term.hasSuffix("*") }, "a three-character phrase is listed")
        for (term, _) in terms {
            let query = term.hasSuffix("*") ? String(term.dropLast()) : term
            XCTAssertNotNil(Impacts.term(forQuery: query), query)
            try assertSameRanking(engine, query)
        }
    }

    func testPagesAndTheListEnd() throws {
        let f = try makeIndex(listLength: 12)
        let engine = try f.engine()
        for q in ["研究", "发展", "和", "的", "区"] {
            try assertSameRanking(engine, q, offset: 0, limit: 10)
            try assertSameRanking(engine, q, offset: 2, limit: 10)  // the last page the list holds
            try assertSameRanking(engine, q, offset: 10, limit: 10)  // beyond it: the plain path
            try assertSameRanking(engine, q, offset: 0, limit: 100)
        }
    }

    func testOtherQueryShapesAreUnchanged() throws {
        let f = try makeIndex()
        let engine = try f.engine()
        // Shapes that have no list go the plain way; the results must not depend on the option.
        for q in ["研究团队", "研究 团队", "研究 OR 发展", "研究 -团队", "贛州", "貳", "研發", "7.35万", "GDP", "不存在的词组",
                  "研", "和平", "\"研究 团队\"", "研究。", "研究院 高新区"] {
            try assertSameRanking(engine, q)
        }
    }

    func testTraditionalCharactersUseTheSimplifiedList() throws {
        XCTAssertEqual(Impacts.term(forQuery: "研發"), "研发")
        XCTAssertEqual(Impacts.term(forQuery: "貳"), "贰*")
        XCTAssertEqual(Impacts.term(forQuery: "和"), "和*")
        XCTAssertEqual(Impacts.term(forQuery: "研究。"), "研究")
        XCTAssertEqual(Impacts.term(forQuery: "研究團隊"), "研究团队", "a four-character phrase, folded")
        XCTAssertEqual(Impacts.term(forQuery: "研究团"), "研究团")
        XCTAssertNil(Impacts.term(forQuery: "研究团队建"), "five characters: no list")
        XCTAssertNil(Impacts.term(forQuery: "研究 团队"), "two words: no list")
        XCTAssertNil(Impacts.term(forQuery: "㐀研究团"), "a four-character key holds U+4000…U+BFFF only")
        for key: UInt64 in [Impacts.trigramKey(0x7814 << 21 | 0x7A76, 0x7A76 << 21 | 0x56E2)!] {
            XCTAssertEqual(Impacts.term(key), "研究团")
            XCTAssertEqual(Impacts.bigrams(ofPhrase: key), [0x7814 << 21 | 0x7A76, 0x7A76 << 21 | 0x56E2])
        }
        XCTAssertNil(Impacts.term(forQuery: "GDP"))
        XCTAssertNil(Impacts.term(forQuery: "和1"))
    }

    func testStatisticsMatchFTS5() throws {
        let f = try makeIndex()
        let engine = try f.engine()
        try engine.store.pool.read { db in
            let stats = try XCTUnwrap(try CollectionStatistics.read(db))
            XCTAssertEqual(stats.rows, try Int.fetchOne(db, sql: "SELECT count(*) FROM passage"))
            // The builder counts tokens the way FTS5 sizes columns.
            let sizes = try Int.fetchOne(db, sql: "SELECT count(*) FROM passage_fts_docsize")
            XCTAssertEqual(sizes, stats.rows)
        }
        let stats = try engine.store.pool.read { db in try CollectionStatistics.read(db) }
        var builder = ImpactBuilder()
        builder.minDocumentFrequency = Int.max
        var summary = ImpactBuilder.Summary()
        let writer = try IndexStore.openForWriting(directory: f.index)  // readers open the pool read-only
        try writer.pool.writeWithoutTransaction { db in
            try db.inTransaction {
                summary = try builder.rebuild(db)
                return .rollback
            }
        }
        XCTAssertEqual(summary.passages, stats?.rows)
        XCTAssertEqual(summary.tokens, stats?.tokens)
    }

    func testListsFollowUpdates() throws {
        let f = try makeIndex()
        var engine = try f.engine()
        XCTAssertTrue(try listedTerms(engine).contains { $0.term == "和*" })
        // Drop the documents that hold most of 和; its list must change with them.
        try FileManager.default.removeItem(at: f.corpus.appendingPathComponent("b.txt"))
        try f.write("c.txt", "和和和和和。\n和平。\n和谐。")
        let store = try IndexStore.openForWriting(directory: f.index)
        var indexer = Indexer(store: store)
        indexer.impacts.minDocumentFrequency = 3
        let report = try indexer.run(roots: [f.corpus])
        XCTAssertEqual(report.removed, ["b.txt"])
        engine = try f.engine()
        for q in ["和", "研究", "发展", "平"] { try assertSameRanking(engine, q) }
        let df = try listedTerms(engine).first { $0.term == "和*" }?.df
        let total = try engine.search("和", options: { var o = SearchOptions(); o.exactRanking = true; return o }()).total
        XCTAssertEqual(df, total)
    }

    /// A fresh build counts the passages it wrote from memory, beside FTS5's merge; over its memory
    /// budget it reads them back. Both give the same lists.
    func testListsFromMemoryEqualListsFromTheDatabase() throws {
        func lists(budget: Int) throws -> [Row] {
            let fixture = try makeIndex(memoryBudget: budget)
            let engine = try fixture.engine()
            return try engine.store.pool.read { db in try Row.fetchAll(db, sql: "SELECT term, df, postings FROM impact ORDER BY term") }
        }
        let fromMemory = try lists(budget: 64 << 20)
        let fromDatabase = try lists(budget: 0)
        XCTAssertGreaterThan(fromMemory.count, 50)
        XCTAssertEqual(fromMemory, fromDatabase)
    }

    /// Counting runs on threads of its own: blocks that keep Dispatch's global queue busy (a
    /// server's clients, in a process that also indexes) must not hold it up. With the counting on
    /// `DispatchQueue.global()`, which adds a thread about once a second while its threads are
    /// blocked, the build waited until these blocks gave up (20 s).
    func testCountingDoesNotWaitForABusyGlobalQueue() throws {
        let blockers = 64
        let release = DispatchSemaphore(value: 0)
        let gaveUp = LockedCounter()
        let ended = DispatchGroup()
        for _ in 0..<blockers {
            DispatchQueue.global().async(group: ended) {
                if release.wait(timeout: .now() + 20) == .timedOut { gaveUp.increment() }
            }
        }
        defer {
            for _ in 0..<blockers { release.signal() }
            _ = ended.wait(timeout: .now() + 60)
        }
        Thread.sleep(forTimeInterval: 0.2)  // the blocks take the queue's threads
        for budget in [64 << 20, 0] {  // lists from the passages in memory, then read back
            let fixture = try makeIndex(memoryBudget: budget)
            let engine = try fixture.engine()
            XCTAssertGreaterThan(try listedTerms(engine).count, 50, "budget \(budget)")
        }
        XCTAssertEqual(gaveUp.value, 0, "the build waited for the global queue's blocked threads")
    }

    func testTopKKeepsTheBest() {
        var top = TopK<ImpactEntry>(keep: 3)
        for (i, s) in [0.5, 0.9, 0.1, 0.9, 0.7, 0.3].enumerated() {
            top.offer(ImpactEntry(score: s, posting: .init(passage: Int64(i), frequency: 1, length: 1)))
        }
        XCTAssertEqual(top.best().map(\.posting.passage), [1, 3, 4])
        XCTAssertEqual(top.best(droppingFirst: 1).map(\.posting.passage), [3, 4])
    }

    /// Every top-k agrees with a sort in ``RankOrder``, ties and all, for any k.
    func testTopKKeepsWhatASortKeeps() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let count = Int.random(in: 0...200, using: &generator)
            let k = Int.random(in: 0...40, using: &generator)
            let items = (0..<count).map { i in
                ScoredPassage(score: Double(Int.random(in: 0..<(round % 2 == 0 ? 3 : 1000), using: &generator)) / 8, passage: Int64(i))
            }.shuffled(using: &generator)
            var top = TopK<ScoredPassage>(keep: k)
            for item in items { top.offer(item) }
            let expected = RankOrder.page(items.map { ($0.passage, $0.score) }, offset: 0, limit: k).map(\.0)
            XCTAssertEqual(top.best().map(\.passage), expected, "round \(round): \(k) of \(count)")
        }
    }

    /// The collector's cut of a full buffer keeps what a sort would: the best `k`, equal scores
    /// going to the lower passage id, whatever the order and however many ties.
    func testSelectionKeepsWhatASortKeeps() {
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            let count = Int.random(in: 2...160, using: &generator)
            let k = Int.random(in: 1..<count, using: &generator)
            let distinctScores = round % 3 == 0 ? 2 : round % 3 == 1 ? 7 : 1000
            var entries = (0..<count).map { i in
                ImpactEntry(score: Double(Int.random(in: 0..<distinctScores, using: &generator)) / 8,
                              posting: .init(passage: Int64(i), frequency: 1, length: 1))
            }
            entries.shuffle(using: &generator)
            let expected = Set(entries.sorted { $1.worse(than: $0) }.prefix(k).map(\.posting.passage))
            entries.withUnsafeMutableBufferPointer { TopCollector.selectBest(k, of: $0.baseAddress!, count: count) }
            XCTAssertEqual(Set(entries.prefix(k).map(\.posting.passage)), expected, "round \(round): \(k) of \(count)")
        }
    }

    func testPostingsRoundTrip() {
        let postings = [Impacts.Posting(passage: 9, frequency: 3, length: 300), .init(passage: 2, frequency: 1, length: 70_000),
                        .init(passage: 1 << 40, frequency: 200, length: 1)]
        XCTAssertEqual(Impacts.decode(Impacts.encode(postings)), postings.sorted { $0.passage < $1.passage })
    }
}

/// A counter several threads increment.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
