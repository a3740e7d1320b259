import Foundation
import XCTest
import ZhikuIndex
@testable import ZhikuServer

/// `zhiku index` writing (an update, a removal, a rebuild) while the server answers: no failed
/// request, new data visible at once.
final class IndexUpdateTests: XCTestCase {
    func testIndexUpdateAndRebuildWhileEightClientsQuery() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let shared = Shared()
        let group = startQueryLoops(8, on: f, queries: ["研究团队", "科技", "高新区", "新材料"], shared: shared)
        usleep(200_000)
        // Update: a new document.
        let fresh = f.corpus.appendingPathComponent("new/materials.txt")
        try FileManager.default.createDirectory(at: fresh.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "新材料产业园\n\n新材料产业园引进稀土永磁项目8个，总投资45亿元。".write(to: fresh, atomically: true, encoding: .utf8)
        try ServerFixture.index(corpus: f.corpus, into: f.indexDirectory)
        usleep(200_000)
        // Removal: a document deleted from the folder leaves the index on the next run.
        try FileManager.default.removeItem(at: f.corpus.appendingPathComponent("extra/chars.txt"))
        try ServerFixture.index(corpus: f.corpus, into: f.indexDirectory)
        usleep(200_000)
        // A full rebuild (`zhiku index --rebuild`): every table emptied and written again, in one
        // transaction, while the engine threads read on the connections they hold.
        try ServerFixture.index(corpus: f.corpus, into: f.indexDirectory, rebuild: true)
        usleep(200_000)
        shared.stop()
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(shared.errors, [])  // zero failed requests during the switch
        XCTAssertGreaterThan(shared.answered, 8)
        let c = try f.client()
        let r = try c.call("SEARCH -- 稀土永磁")
        XCTAssertEqual(r.search?.hits.first?.doc, "new/materials.txt")  // new data, no restart
        XCTAssertEqual(try c.call("SEARCH -- 𠮷野家").search?.total, 0)  // removed data gone
    }
}

/// `count` clients, each on a thread of its own, sending `SEARCH` for `queries` in turn until
/// `shared` stops (at most 100,000 each); failures and answers go to `shared`. Threads of their own:
/// eight loops on Dispatch's global queue took all of its threads (2 cores), and the indexer's
/// counting, queued there too at the time, waited for them: 108 s.
private func startQueryLoops(_ count: Int, on f: ServerFixture, queries: [String], shared: Shared) -> DispatchGroup {
    let group = DispatchGroup()
    for worker in 0..<count {
        group.enter()
        Thread {
            defer { group.leave() }
            do {
                let c = try f.client()
                var n = 0
                while n < 100_000, !shared.stopped {
                    let r = try c.call("SEARCH limit=3 -- \(queries[(worker + n) % queries.count])")
                    if !r.ok { shared.fail("\(r.error?.code ?? "?") \(r.error?.message ?? "")") }
                    n += 1
                }
                shared.add(answered: n)
            } catch {
                shared.fail("\(error)")
            }
        }.start()
    }
    return group
}

/// State the query threads share with the test.
private final class Shared: @unchecked Sendable {  // every field is only touched under `lock`
    private let lock = NSLock()
    private var _stopped = false
    private var _errors: [String] = []
    private var _answered = 0

    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return _stopped }
    var errors: [String] { lock.lock(); defer { lock.unlock() }; return _errors }
    var answered: Int { lock.lock(); defer { lock.unlock() }; return _answered }
    func stop() { lock.lock(); _stopped = true; lock.unlock() }
    func fail(_ e: String) { lock.lock(); _errors.append(e); lock.unlock() }
    func add(answered n: Int) { lock.lock(); _answered += n; lock.unlock() }
}

extension IndexUpdateTests {
    /// Deleting the index folder and indexing again makes a new file: the server answers from it
    /// within about a second, and lets go of the deleted one.
    func testAReplacedIndexFileIsServedWithoutARestart() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        func total(_ q: String) throws -> Int? { try c.call("SEARCH -- \(q)").search?.total }
        XCTAssertGreaterThan(try total("研究团队") ?? 0, 0)
        XCTAssertEqual(try total("新索引专用词"), 0)
        // Four clients query all along: not one request may fail during the switch.
        let shared = Shared()
        let group = startQueryLoops(4, on: f, queries: ["研究团队", "新索引专用词"], shared: shared)
        let corpus = f.root.appendingPathComponent("corpus-2")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try "新的报告\n这是新索引专用词所在的段落。".write(to: corpus.appendingPathComponent("new.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: f.indexDirectory)
        try ServerFixture.index(corpus: corpus, into: f.indexDirectory)
        var seen = false
        for _ in 0..<200 where !seen {  // at most ~10 s
            seen = try total("新索引专用词") == 1
            if !seen { usleep(50_000) }
        }
        usleep(300_000)
        shared.stop()
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(shared.errors, [], "no failed request during the switch")
        XCTAssertGreaterThan(shared.answered, 4)
        XCTAssertTrue(seen, "the new index is served")
        XCTAssertEqual(try total("研究团队"), 0, "and the old one is not")
        // Every engine thread (idle ones too) has let go of the deleted file.
        func deletedIndexFiles() -> [String] {
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            return fds.compactMap { try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)") }
                .filter { $0.hasPrefix(f.indexDirectory.path) && $0.hasSuffix("(deleted)") }
        }
        var open = deletedIndexFiles()
        for _ in 0..<100 where !open.isEmpty {  // at most ~5 s
            usleep(50_000)
            open = deletedIndexFiles()
        }
        XCTAssertEqual(open, [], "the deleted index's files are closed")
    }

    /// A file that cannot be used taking the index's place changes nothing: the old index answers.
    func testAnUnusableReplacementKeepsTheOldIndex() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let before = try c.call("SEARCH -- 研究团队").search?.total
        XCTAssertGreaterThan(before ?? 0, 0)
        let database = IndexStore.databaseURL(in: f.indexDirectory)
        let garbage = f.root.appendingPathComponent("garbage")
        try Data(String(repeating: "这不是数据库", count: 500).utf8).write(to: garbage)
        try FileManager.default.removeItem(at: database)
        try FileManager.default.moveItem(at: garbage, to: database)  // another file at the path
        for _ in 0..<30 {  // ~1.5 s: past the once-a-second check
            let r = try c.call("SEARCH -- 研究团队")
            XCTAssertTrue(r.ok, "\(r.error?.message ?? "")")
            XCTAssertEqual(r.search?.total, before)
            usleep(50_000)
        }
    }
}
