import XCTest
import Foundation
@testable import zhiku

/// `zhiku repl` end to end: batch mode through pipes, and the line editor through a real pty (tmux).
/// Until the root command lists `Repl`, the pty tests re-run this test bundle as the REPL
/// (`ReplDriver.testDriverMain`), which calls the same `Repl.main`.
final class ReplTests: XCTestCase {
    static var indexDir: URL?

    static func sampleIndex() throws -> URL {
        if let d = indexDir { return d }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-repl-index-\(getpid())")
        let r = try Binary.run(["index", Binary.packageRoot.appendingPathComponent("corpus").path, "--index", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        indexDir = dir
        return dir
    }

    /// Whether the root command lists `repl` (`zhiku repl --help` exits 0 either way).
    static var replIsWired: Bool { (try? Binary.run(["--help"]))?.stdout.contains(" repl ") ?? false }

    /// The shell command that starts the REPL on `index`.
    static func replCommand(index: URL) -> String {
        if replIsWired { return "\(ReplTmuxSession.quote(Binary.url.path)) repl --index \(ReplTmuxSession.quote(index.path))" }
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return "ZHIKU_REPL_DRIVER=\(ReplTmuxSession.quote(index.path)) \(ReplTmuxSession.quote(bundle)) zhikuTests.ReplDriver/testDriverMain"
    }

    func testInputParsing() {
        XCTAssertEqual(ReplInput("稀土研究院"), .search("稀土研究院"))
        XCTAssertEqual(ReplInput("：help"), .command(name: "help", argument: ""), "fullwidth colon works like :")
        XCTAssertEqual(ReplInput(":f 一期工程建筑面积"), .command(name: "facts", argument: "一期工程建筑面积"))
        XCTAssertEqual(ReplInput("?"), .command(name: "help", argument: ""))
        for q in [":quit", ":q", "exit", "quit", "：q"] { XCTAssertEqual(ReplInput(q), .quit, q) }
        XCTAssertEqual(ReplInput("  "), .empty)
        XCTAssertEqual(ReplCommand.completions(for: ":he"), [":help"])
        XCTAssertEqual(ReplCommand.completions(for: ":mode j"), [":mode json", ":mode jsonl"])
        XCTAssertEqual(ReplCommand.hint(for: ":limit"), " N")
    }

    func testBatchOutputMatchesSearch() throws {
        try XCTSkipUnless(Self.replIsWired, "zhiku repl is not in the root command yet")
        let index = try Self.sampleIndex()
        let repl = try Binary.run(["repl", "--index", index.path], stdin: "稀土研究院\n", env: ["TERM": "xterm"])
        let search = try Binary.run(["search", "--index", index.path, "稀土研究院"])
        XCTAssertEqual(repl.stdout, search.stdout, "a bare query prints what zhiku search prints")
        XCTAssertFalse(repl.stdout.contains("\u{1B}"), "no escapes in batch mode")
        XCTAssertEqual(repl.status, 0)
        let dumb = try Binary.run(["repl", "--index", index.path], stdin: ":limit 2\n研究院\n:q\n", env: ["TERM": "dumb"])
        XCTAssertFalse(dumb.stdout.contains("知库>"), "no prompt")
        XCTAssertEqual(dumb.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("[") }.count, 2)
    }

    func testEditingAndQueriesInPty() throws {
        try XCTSkipUnless(ReplTmuxSession.isAvailable, "tmux not installed")
        let index = try Self.sampleIndex()
        let hist = NSTemporaryDirectory() + "zhiku-repl-hist-\(getpid())"
        defer { unlink(hist) }
        let inner = Self.replCommand(index: index)
        let cmd = "sh -c " + ReplTmuxSession.quote("stty -g > \(hist).before; \(inner); echo EXIT=$?; stty -g > \(hist).after; cmp -s \(hist).before \(hist).after && echo STTY-SAME; rm -f \(hist).before \(hist).after")
        let started = Date()
        let t = try ReplTmuxSession(command: cmd, columns: 40, rows: 50,
                                    environment: ["ZHIKU_HISTORY": hist, "TERM": "screen", "NO_COLOR": "1", "PAGER": "cat"])
        try t.waitForScreen(timeout: 30) { $0.contains { $0.hasPrefix("知库>") } }
        print(String(format: "REPL start-to-first-prompt (pty, sample corpus): %.0f ms", Date().timeIntervalSince(started) * 1000))
        // Type, move left over two wide chars, insert.
        try t.type("稀土研究院")
        try t.waitForScreen { $0.contains("知库> 稀土研究院") }
        try t.keys("Left", "Left")
        try t.type("中科")
        try t.waitForScreen { $0.contains("知库> 稀土研中科究院") }
        XCTAssertEqual(try t.cursor().column, 16, "after 科: 6 + 5×2 columns")
        // Backspace over wide chars: delete 中科 again.
        try t.keys("BSpace", "BSpace")
        try t.waitForScreen { $0.contains("知库> 稀土研究院") }
        XCTAssertEqual(try t.cursor().column, 12)
        try t.keys("Enter")
        let s = try t.waitForScreen(timeout: 20) { $0.contains { $0.contains("passages") || $0.hasPrefix("no passage") } }
        XCTAssertTrue(s.contains { $0.hasPrefix("[1]") }, "numbered hits: \(s)")
        try t.waitForScreen { $0.last(where: { !$0.isEmpty })?.hasPrefix("知库>") == true }
        // A longer line, then ↑ recalls the shorter one and clears the rest.
        try t.type("研究院一期工程建筑面积是多少研究院一期工程")
        try t.keys("Up")
        try t.waitForScreen { $0.last(where: { !$0.isEmpty }) == "知库> 稀土研究院" }
        // Ctrl-C clears the input line.
        try t.keys("C-c")
        try t.waitForScreen { $0.last(where: { !$0.isEmpty }) == "知库>" }
        // Ctrl-D exits 0 with the terminal mode unchanged.
        try t.keys("C-d")
        let end = try t.waitForScreen(timeout: 10) { $0.contains("STTY-SAME") || $0.contains { $0.hasPrefix("EXIT=") } }
        XCTAssertTrue(end.contains("EXIT=0"), "\(end)")
        XCTAssertTrue(try t.waitForScreen(timeout: 5) { $0.contains("STTY-SAME") }.contains("STTY-SAME"), "stty unchanged")
    }
}

/// Runs `zhiku repl` inside this test bundle when re-executed in a pty. Does nothing otherwise.
final class ReplDriver: XCTestCase {
    func testDriverMain() {
        guard let index = ProcessInfo.processInfo.environment["ZHIKU_REPL_DRIVER"] else { return }
        print("\u{1B}[H\u{1B}[2J", terminator: "")
        fflush(stdout)
        Repl.main(["--index", index])
        exit(0)
    }
}
