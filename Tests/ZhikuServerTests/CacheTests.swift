import Foundation
import XCTest
import ZhikuIndex
@testable import ZhikuServer

/// The result cache: same bytes as the engine, marked `cached`, bounded, and never older than the
/// index (a real server on 127.0.0.1, a real index updated by the indexer while it runs).
final class CacheTests: XCTestCase {
    func testCachedReplyCarriesTheSameDataAndIsMarked() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let first = try c.call("SEARCH limit=2 id=a -- 研究团队")
        XCTAssertTrue(first.ok)
        XCTAssertFalse(first.cached)
        let second = try c.call("SEARCH id=b timeout=900 limit=2 -- 研究团队")  // id, timeout and option order do not matter
        XCTAssertTrue(second.cached)
        XCTAssertEqual(second.id, "b")
        XCTAssertEqual(second.dataJSON, first.dataJSON)
        var o = SearchOptions()
        o.limit = 2
        XCTAssertEqual(second.dataJSON, try f.engine.search("研究团队", options: o).json)
        XCTAssertTrue(String(decoding: second.bytes, as: UTF8.self).hasPrefix(#"{"ok":true,"id":"b","cmd":"SEARCH","took_ms":"#))
        XCTAssertFalse(try c.call("SEARCH limit=3 -- 研究团队").cached)  // other options: another entry
        // RESP gets the same cached JSON as a bulk string.
        try c.send(raw: ZhikuClient.resp(["SEARCH", "limit=2", "--", "研究团队"]))
        let bulk = try c.respReply()
        XCTAssertTrue(bulk.hasPrefix("$"))
        let resp = try ServerReply(bytes: Array(bulk.dropFirst().utf8))
        XCTAssertTrue(resp.cached)
        XCTAssertEqual(resp.dataJSON, first.dataJSON)
        // Errors are not cached, nor are DOC replies.
        XCTAssertEqual(try c.call("SEARCH limit=0 -- 研究团队").error?.code, "ERR_ARG")
        XCTAssertEqual(try c.call("DOC -- nope.txt").error?.code, "ERR_NOT_FOUND")
        XCTAssertEqual(try c.call("DOC -- nope.txt").error?.code, "ERR_NOT_FOUND")
        XCTAssertTrue(try c.call("DOC passage=1 -- extra/team.txt").ok)
        XCTAssertFalse(try c.call("DOC passage=1 -- extra/team.txt").cached)
        // FACTS is cached like SEARCH.
        let facts = try c.call("FACTS limit=2 -- 科研团队")
        let factsAgain = try c.call("FACTS limit=2 -- 科研团队")
        XCTAssertTrue(factsAgain.cached)
        XCTAssertEqual(factsAgain.dataJSON, facts.dataJSON)
        let stats = try c.call("STATS").stats
        XCTAssertEqual(stats?.int("cache_entries"), 3)
        XCTAssertEqual(stats?.int("cache_hits"), 3)
    }

    func testIndexUpdatesEmptyTheCache() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        XCTAssertEqual(try c.call("SEARCH -- 稀土永磁").search?.total, 0)
        XCTAssertTrue(try c.call("SEARCH -- 稀土永磁").cached)
        let team = try c.call("SEARCH -- 研究团队")
        XCTAssertTrue(try c.call("SEARCH -- 研究团队").cached)

        // `zhiku index` adds a document: the next query sees it (no restart, no stale entry).
        let fresh = f.corpus.appendingPathComponent("new/materials.txt")
        try FileManager.default.createDirectory(at: fresh.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "新材料产业园\n\n新材料产业园引进稀土永磁项目8个，总投资45亿元。".write(to: fresh, atomically: true, encoding: .utf8)
        try ServerFixture.index(corpus: f.corpus, into: f.indexDirectory)
        let after = try c.call("SEARCH -- 稀土永磁")
        XCTAssertFalse(after.cached)
        XCTAssertEqual(after.search?.total, 1)
        XCTAssertEqual(after.search?.hits.first?.doc, "new/materials.txt")
        XCTAssertTrue(try c.call("SEARCH -- 稀土永磁").cached)
        let teamAfter = try c.call("SEARCH -- 研究团队")
        XCTAssertFalse(teamAfter.cached)  // every entry went, not only those the change touched
        XCTAssertEqual(teamAfter.search?.total, team.search?.total)

        // Removal: the document leaves the index and the cached answers with it.
        try FileManager.default.removeItem(at: fresh)
        try ServerFixture.index(corpus: f.corpus, into: f.indexDirectory)
        let removed = try c.call("SEARCH -- 稀土永磁")
        XCTAssertFalse(removed.cached)
        XCTAssertEqual(removed.search?.total, 0)
    }

    /// A cache hit is answered by the event loop when it knows the index generation (nothing
    /// written in the folder since an engine thread read it): even with every engine thread busy
    /// with slow queries, it answers at once; a write to the index sends the next one to an engine
    /// thread again, which sees the new data.
    func testCacheHitsAreAnsweredWhileTheEngineThreadsAreBusy() throws {
        let f = try ServerFixture(configure: { $0.engineThreads = 2; $0.eventLoopThreads = 1; $0.maxQueryTerms = Query.maxTermsLimit }, documents: FaultTests.slowCorpus)
        defer { f.stop() }
        let c = try f.client(timeout: 60)
        XCTAssertFalse(try c.call("SEARCH -- 研究团队").cached)
        XCTAssertTrue(try c.call("SEARCH -- 研究团队").cached)
        let busy = try f.client(timeout: 60)
        try busy.send(raw: String(repeating: "SEARCH timeout=10000 limit=1 -- \(FaultTests.slowQuery)\n", count: 4))
        usleep(200_000)
        let (hit, ms) = try timed { try c.call("SEARCH -- 研究团队") }
        XCTAssertTrue(hit.cached)
        XCTAssertLessThan(ms, 200, "answered by the event loop, not after a slow query")
        try "标题\n\n研究团队又添一个。".write(to: f.corpus.appendingPathComponent("more.txt"), atomically: true, encoding: .utf8)
        try ServerFixture.index(corpus: f.corpus, into: f.indexDirectory)
        let fresh = try c.call("SEARCH -- 研究团队")
        XCTAssertFalse(fresh.cached, "a write to the index: the engine answers")
        XCTAssertEqual(fresh.search?.total, (hit.search?.total ?? 0) + 1)
        for _ in 0..<4 { XCTAssertTrue(try busy.reply().ok) }
    }

    func testCacheCanBeSwitchedOff() throws {
        let f = try ServerFixture { $0.cacheEntries = 0 }
        defer { f.stop() }
        let c = try f.client()
        for _ in 0..<3 {
            let r = try c.call("SEARCH limit=1 -- 研究团队")
            XCTAssertTrue(r.ok)
            XCTAssertFalse(r.cached)
            XCTAssertFalse(String(decoding: r.bytes, as: UTF8.self).contains("\"cached\""))
        }
        XCTAssertEqual(try c.call("STATS").stats?.int("cache_hits"), 0)
    }

    // MARK: - The cache itself

    private func buffer(_ s: String) -> [UInt8] { Array(s.utf8) }

    private func generation(_ version: Int64, inode: UInt64 = 1) -> IndexGeneration {
        IndexGeneration(file: FileIdentity(device: 1, inode: inode), version: version)
    }

    func testKeysIgnoreIDTimeoutAndOptionOrder() {
        let a = ResultCache.key(for: Request(line: "SEARCH limit=2 offset=1 id=x timeout=5 -- 研究团队"))
        let b = ResultCache.key(for: Request(arguments: ["SEARCH", "offset=1", "limit=2", "--", "研究团队"]))
        XCTAssertNotNil(a)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, ResultCache.key(for: Request(line: "SEARCH limit=3 offset=1 -- 研究团队")))
        XCTAssertNotEqual(a, ResultCache.key(for: Request(line: "FACTS limit=2 offset=1 -- 研究团队")))
        XCTAssertNotEqual(ResultCache.key(for: Request(line: "SEARCH -- a b")), ResultCache.key(for: Request(line: "SEARCH -- ab")))
        XCTAssertNil(ResultCache.key(for: Request(line: "STATS")))
        XCTAssertNil(ResultCache.key(for: Request(line: "PING x")))
        XCTAssertNil(ResultCache.key(for: Request(line: "DOC -- a.txt")))
    }

    /// Keys were the parts joined with U+001F and U+001E: a value or a text holding those
    /// characters made two different requests share a key, and one client got the other's answer.
    func testIssue19CacheKeysOfDifferentRequestsNeverCollide() throws {
        let pairs: [(String, String)] = [
            ("SEARCH mark=a,b\u{1E}x -- y", "SEARCH mark=a,b -- x\u{1E}y"),
            ("SEARCH mark=a,b\u{1F}limit=2 -- y", "SEARCH limit=2 mark=a,b -- y"),
            ("SEARCH mark=a,b -- 1:x", "SEARCH mark=a,b -- x"),
            ("FACTS attr=x -- 2:y", "FACTS attr=x2 -- y"),
        ]
        for (a, b) in pairs {
            let ka = ResultCache.key(for: Request(line: a)), kb = ResultCache.key(for: Request(line: b))
            XCTAssertNotNil(ka)
            XCTAssertNotEqual(ka, kb, "\(a) and \(b)")
        }
        // Through a server: the second client must not get the first one's answer.
        let f = try ServerFixture()
        defer { f.stop() }
        let first = try f.client().call("SEARCH mark=【,】\u{1E}研究 -- 团队")
        let second = try f.client().call("SEARCH mark=【,】 -- 研究\u{1E}团队")
        XCTAssertTrue(first.ok && second.ok)
        XCTAssertFalse(second.cached)
        XCTAssertNotEqual(second.dataJSON, first.dataJSON)
    }

    func testEntryAndByteBoundsEvictTheLeastRecentlyUsed() {
        let cache = ResultCache(maxEntries: 3, maxBytes: 1 << 20)
        let g = generation(1)
        for k in ["a", "b", "c"] { cache.insert(k, json: buffer("{}"), generation: g) }
        XCTAssertEqual(cache.lookup("a", generation: g), buffer("{}"))  // a is now the most recent
        cache.insert("d", json: buffer("{}"), generation: g)             // b goes
        XCTAssertNil(cache.lookup("b", generation: g))
        XCTAssertNotNil(cache.lookup("a", generation: g))
        XCTAssertNotNil(cache.lookup("c", generation: g))
        XCTAssertNotNil(cache.lookup("d", generation: g))
        XCTAssertEqual(cache.snapshot().entries, 3)

        // Room for 8 entries and a bit (an array's capacity is its allocation's, a few bytes over its count).
        let small = ResultCache(maxEntries: 100, maxBytes: 8 * (1_000 + 1 + ResultCache.entryOverhead) + 100)
        let json = String(repeating: "x", count: 1_000)
        for i in 0..<20 { small.insert("\(i % 10)", json: buffer(json), generation: g) }
        XCTAssertLessThanOrEqual(small.snapshot().bytes, small.maxBytes)
        XCTAssertTrue((7...8).contains(small.snapshot().entries))  // the oldest went
        small.insert("huge", json: buffer(String(repeating: "y", count: small.maxBytes)), generation: g)  // over an eighth: not kept
        XCTAssertNil(small.lookup("huge", generation: g))
    }

    func testNewerGenerationsEmptyTheCacheAndOlderOnesAreIgnored() {
        let cache = ResultCache(maxEntries: 10, maxBytes: 1 << 20)
        cache.insert("q", json: buffer("old"), generation: generation(5))
        XCTAssertEqual(cache.lookup("q", generation: generation(5)), buffer("old"))
        XCTAssertNil(cache.lookup("q", generation: generation(6)))        // the index changed
        cache.insert("q", json: buffer("stale"), generation: generation(5))       // computed before the change: dropped
        XCTAssertNil(cache.lookup("q", generation: generation(6)))
        XCTAssertNil(cache.lookup("q", generation: generation(5)))        // a late reader of the old state gets no entry
        cache.insert("q", json: buffer("new"), generation: generation(6))
        XCTAssertEqual(cache.lookup("q", generation: generation(6)), buffer("new"))
        XCTAssertNil(cache.lookup("q", generation: generation(1, inode: 2)))  // the file was replaced
        XCTAssertEqual(cache.snapshot().entries, 0)
    }

    func testGenerationChangesWhenAnotherConnectionCommits() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let engine = f.engine
        let before = try XCTUnwrap(engine.generation())
        XCTAssertEqual(engine.generation(), before)  // nothing written: same generation
        let fresh = f.corpus.appendingPathComponent("new/gen.txt")
        try FileManager.default.createDirectory(at: fresh.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "标题\n\n正文内容。".write(to: fresh, atomically: true, encoding: .utf8)
        try ServerFixture.index(corpus: f.corpus, into: f.indexDirectory)
        let after = try XCTUnwrap(engine.generation())
        XCTAssertTrue(after.sameFile(as: before))
        XCTAssertGreaterThan(after.version, before.version)
    }
}
