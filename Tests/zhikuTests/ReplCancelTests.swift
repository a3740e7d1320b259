import Foundation
import XCTest
import ZhikuTestSupport

/// Ctrl-C in the REPL stops the query it abandons (issue 19): the SQLite statement is interrupted
/// instead of running to its end on a thread nobody waits for.
final class ReplCancelTests: XCTestCase {
    /// 6,000 passages of 80 characters drawn from 12 (a fixed sequence): a query of 128 of those
    /// characters runs for seconds, most of it between SQLite steps (where an interrupt is seen).
    static func busyCorpus(in ws: Workspace) throws {
        let chars = Array("的一是在不了有和人这中大")
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for d in 0..<40 {
            var text = "标题\(d)\n\n"
            for _ in 0..<150 {
                text += String((0..<80).map { _ -> Character in
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    return chars[Int((state >> 33) % UInt64(chars.count))]
                }) + "。\n\n"
            }
            try ws.write("d\(d).txt", text)
        }
    }

    static let busyQuery = (0..<128).map { String(Array("的一是在不了有和人这中大")[$0 % 12]) }.joined(separator: " ")

    /// The REPL in a real terminal runs a query of several seconds; Ctrl-C brings the prompt back
    /// and the process stops working: its CPU time stands still. Before, the query ran to its end
    /// on the abandoned thread (seconds of CPU after the prompt came back).
    func testIssue19CtrlCInTheReplStopsTheRunningQuery() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux not installed")
        let ws = try Workspace()
        try Self.busyCorpus(in: ws)
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path]).status, 0)
        let t = try TmuxSession(command: ReplTests.replCommand(index: ws.index), columns: 100, rows: 30,
                                environment: ["TERM": "screen", "NO_COLOR": "1", "PAGER": "cat",
                                              "ZHIKU_HISTORY": ws.root.appendingPathComponent("history").path])
        try t.waitForScreen(timeout: 30) { $0.contains { $0.hasPrefix("知库>") } }
        let pane = try XCTUnwrap(Int32(try t.run(["display-message", "-t", "t", "-p", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        // No time budget and no cap on the terms, so that only Ctrl-C can stop the query (the
        // defaults, 1 s and 16 terms, would end it or keep it short).
        try t.type(":set timeout off")
        try t.keys("Enter")
        try t.waitForScreen(timeout: 10) { $0.contains { $0.contains("timeout off") } }
        try t.type(":set terms 128")
        try t.keys("Enter")
        try t.waitForScreen(timeout: 10) { $0.contains { $0.contains("terms 128") } }
        try t.type(Self.busyQuery)
        try t.keys("Enter")
        let before = cpuTicks(of: pane)
        usleep(1_000_000)
        let running = cpuTicks(of: pane) - before
        // On a loaded machine the REPL gets a share of a CPU, so the figures are compared with each
        // other rather than with a fixed number of ticks.
        XCTAssertGreaterThan(running, 5, "the query keeps the REPL busy (CPU ticks in 1 s: \(running))")
        try t.keys("C-c")
        try t.waitForScreen(timeout: 10) { $0.contains { $0.contains("cancelled") } }
        usleep(300_000)  // an interrupt is seen at the next SQLite step
        let after = cpuTicks(of: pane)
        usleep(1_000_000)
        let idle = cpuTicks(of: pane) - after
        XCTAssertLessThanOrEqual(idle, max(2, running / 4), "CPU ticks (1/100 s) in the second after Ctrl-C, against \(running) before it")
        try t.keys("C-d")
        XCTAssertTrue(t.wait(timeout: 10) { (try? t.exitStatus()) != nil })
    }
}

/// User and system CPU time, in clock ticks, of `root` and every process below it.
func cpuTicks(of root: Int32) -> Int {
    var parent: [Int32: Int32] = [:], ticks: [Int32: Int] = [:]
    for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
        guard let pid = Int32(name), let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let ppid = Int32(fields[1]), let user = Int(fields[11]), let system = Int(fields[12]) else { continue }
        parent[pid] = ppid
        ticks[pid] = user + system
    }
    func below(_ pid: Int32) -> Bool {
        var p: Int32? = pid
        for _ in 0..<64 {
            guard let current = p else { return false }
            if current == root { return true }
            p = parent[current]
        }
        return false
    }
    return ticks.filter { below($0.key) }.map(\.value).reduce(0, +)
}
