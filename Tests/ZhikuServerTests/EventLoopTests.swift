import Foundation
import XCTest
import ZhikuIndex
import ZhikuTestSupport
@testable import ZhikuServer

/// Nothing that touches the index runs on the event loop (issue 19): choosing the engine (a
/// `stat`, `/proc/locks`, opening a file that replaced the index, with SQLite's 10 s busy
/// timeout), the result cache's generation and the engine call all run on engine threads.
final class EventLoopTests: XCTestCase {
    /// The index folder is replaced and the new file takes long to open (here: until the test
    /// lets it). Meanwhile PING, on the same event loop as the search that found the new file,
    /// answers within 5 ms. Before, the search's dispatch opened the file on the event loop and
    /// PING waited for it.
    func testIssue19TheEventLoopAnswersPingWhileAReplacedIndexOpens() throws {
        let gate = Gate()
        let f = try ServerFixture(configure: { $0.eventLoopThreads = 1 }, openEngine: { directory, extractor in
            gate.entered.signal()
            _ = gate.release.wait(timeout: .now() + 20)
            return try Engine(indexDirectory: directory, extractor: extractor)
        })
        defer {
            gate.release.signal()
            f.stop()
        }
        let searcher = try f.client(timeout: 30), pinger = try f.client(timeout: 2)
        XCTAssertTrue(try searcher.call("SEARCH -- 研究团队").ok)
        let corpus = f.root.appendingPathComponent("corpus-2")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try "新的报告\n\n这是新索引专用词所在的段落。".write(to: corpus.appendingPathComponent("new.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: f.indexDirectory)
        try ServerFixture.index(corpus: corpus, into: f.indexDirectory)
        usleep(1_100_000)  // past the once-a-second look at the index file

        try searcher.send(line: "SEARCH -- 新索引专用词")
        XCTAssertEqual(gate.entered.wait(timeout: .now() + 10), .success, "the search looks at the new file")
        var pings: [Double] = []
        for _ in 0..<20 {
            let (r, ms) = try timed { try pinger.call("PING") }
            XCTAssertTrue(r.ok)
            pings.append(ms)
        }
        XCTAssertLessThanOrEqual(median(pings), 5, "PING round trips while the new index opens: \(pings)")
        gate.release.signal()
        let r = try searcher.reply()
        XCTAssertEqual(r.search?.total, 1, "answered from the new index once it is open")
    }
}

/// Two semaphores: the opener says it started, the test lets it finish.
private final class Gate: Sendable {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
}
