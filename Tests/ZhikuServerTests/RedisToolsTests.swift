import Foundation
import XCTest
@testable import ZhikuServer

/// Real RESP clients: redis-cli and redis-benchmark from Debian's redis-tools.
final class RedisToolsTests: XCTestCase {
    private func tool(_ name: String) throws -> String {
        let path = "/usr/bin/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
        if ProcessInfo.processInfo.environment["CI"] == "true" {
            XCTFail("\(path) is missing: install redis-tools (apt-get install redis-tools)")
        }
        throw XCTSkip("\(path) is not installed (apt-get install redis-tools)")
    }

    /// Runs a tool with a deadline; returns (status, stdout, stderr).
    private func run(_ path: String, _ args: [String], timeout: TimeInterval = 60) throws -> (Int32, String, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        let collected = Collected()
        let readDone = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { collected.data = out.fileHandleForReading.readDataToEndOfFile(); readDone.signal() }
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning { p.terminate(); XCTFail("\(path) \(args) timed out") }
        _ = readDone.wait(timeout: .now() + 5)
        let outData = collected.data
        p.waitUntilExit()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    func testRedisCliRaw() throws {
        let cli = try tool("redis-cli")
        let f = try ServerFixture()
        defer { f.stop() }
        let port = String(f.port)
        let (status, out, _) = try run(cli, ["-p", port, "--raw", "SEARCH", "limit=2", "--", "研究团队"])
        XCTAssertEqual(status, 0)
        let reply = try ServerReply(bytes: Array(out.trimmingCharacters(in: .newlines).utf8))
        XCTAssertTrue(reply.ok)
        XCTAssertEqual(reply.search?.query, "研究团队")  // Chinese readable with --raw
        XCTAssertEqual(try run(cli, ["-p", port, "PING"]).1, "PONG\n")
        let (_, err, _) = try run(cli, ["-p", port, "--raw", "FROB"])
        XCTAssertTrue(err.contains("ERR_UNKNOWN_COMMAND"))
        // An interactive-style session fed on stdin: redis-cli still gets answers.
        let (_, docs, _) = try run(cli, ["-p", port, "--raw", "COMMAND", "DOCS"])
        XCTAssertTrue(docs.contains("ERR_UNKNOWN_COMMAND"))
    }

    func testRedisBenchmarkRunsWithoutErrorReplies() throws {
        let bench = try tool("redis-benchmark")
        let f = try ServerFixture()
        defer { f.stop() }
        let (status, out, err) = try run(bench, ["-p", String(f.port), "-c", "8", "-n", "2000", "-q", "SEARCH", "limit=3", "--", "研究团队"], timeout: 120)
        XCTAssertEqual(status, 0, err)
        XCTAssertTrue(out.contains("requests per second"), out + err)
        XCTAssertFalse((out + err).contains("Error from server"), out + err)  // no error reply during the run
        let stats = try f.client().call("STATS")
        XCTAssertGreaterThanOrEqual(stats.stats?.int("commands_total") ?? 0, 2_000)
    }
}

/// Output read on another thread (written once, read after the semaphore).
private final class Collected: @unchecked Sendable {  // written by the reader thread before the semaphore, read after
    var data = Data()
}
