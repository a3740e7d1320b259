import Foundation
import XCTest
import ZhikuIndex
import ZhikuTestSupport

/// Killing `zhiku index` at any moment leaves the previous index intact and usable.
final class InterruptedIndexingTests: XCTestCase {
    func testKillMidwayKeepsThePreviousIndex() throws {
        let ws = try Workspace()
        try ws.addSampleReport()
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path]).status, 0)
        let before = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "科研团队"]).stdout

        // A corpus large enough that indexing takes a while: 300 files of generated report text.
        let paragraph = (0..<40).map { "第\($0 + 1)项工作：园区新增高新技术企业\($0 * 3 + 7)家，研发投入增长\($0 % 9 + 1).\($0 % 7)%。" }.joined()
        for i in 0..<300 {
            try ws.write("batch/report-\(i).txt", "报告\(i)\n" + String(repeating: paragraph + "\n", count: 20))
        }
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["index", ws.corpus.path, "--index", ws.index.path, "--quiet"]
        try p.run()
        // Wait until the run has written into the WAL, then kill it without warning.
        let wal = ws.index.appendingPathComponent("zhiku.sqlite-wal")
        let deadline = Date(timeIntervalSinceNow: 60)
        while p.isRunning && Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal.path)[.size] as? Int) ?? 0
            if size > 1 << 20 { break }
            usleep(5_000)
        }
        XCTAssertTrue(p.isRunning, "the run was still going when killed (make the corpus larger if this fails)")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal)

        let after = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "科研团队"])
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(after.stdout, before, "the old index answers exactly as before")
        let stats = try Binary.run(["stats", "--index", ws.index.path, "--format", "json"])
        let docs = try? JSONDecoder().decode(StatsResponse.self, from: Data(stats.stdout.utf8)).docs
        XCTAssertEqual(docs, 1, "none of the interrupted run's documents is visible")

        // And the next run completes normally: over 20 of the files (the 19 MB of all 300 take the
        // debug build the tests run some 100 s; what is tested is the recovery, not the volume).
        for i in 20..<300 { try FileManager.default.removeItem(at: ws.corpus.appendingPathComponent("batch/report-\(i).txt")) }
        let resumed = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 300)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.hasPrefix("added 20, updated 0, removed 0, unchanged 1"), resumed.stdout)
        let found = try Binary.run(["search", "--index", ws.index.path, "报告19"])
        XCTAssertEqual(found.status, 0, found.stderr)
    }
}
