import XCTest
import ZhikuTestSupport
import Foundation
@testable import ZhikuTerminal

/// The editor in a real pseudo-terminal (tmux), driving this test bundle re-executed as a tiny
/// editor program (`EditorDriver.testDriverMain` with `ZHIKU_TERM_DRIVER=1`).
final class PtyEditorTests: XCTestCase {
    var historyFile: String!

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux not installed")
        historyFile = NSTemporaryDirectory() + "zhiku-pty-hist-\(getpid())-\(UUID().uuidString)"
    }

    override func tearDown() {
        if let historyFile { unlink(historyFile) }
    }

    static var testBinary: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Starts the driver; with `reportExit`, a shell prints `EXIT=<status>` after it (tmux 3.3a here
    /// marks the pane dead without ever reporting `pane_dead_status`: its child stays a zombie).
    func start(columns: Int = 20, rows: Int = 8, history: [String] = [], reportExit: Bool = false) throws -> TmuxSession {
        if !history.isEmpty {
            try (history.joined(separator: "\n") + "\n").write(toFile: historyFile, atomically: true, encoding: .utf8)
        }
        var cmd = "\(TmuxSession.quote(Self.testBinary)) ZhikuTerminalTests.EditorDriver/testDriverMain"
        if reportExit { cmd = "sh -c " + TmuxSession.quote(cmd + "; echo EXIT=$?") }
        let t = try TmuxSession(command: cmd, columns: columns, rows: rows,
                                environment: ["ZHIKU_TERM_DRIVER": "1", "ZHIKU_HISTORY": historyFile, "TERM": "screen"])
        // capture-pane trims trailing blanks: the prompt "> " shows as ">".
        let ready = try t.waitForScreen(timeout: 20) { $0.first == ">" }
        XCTAssertEqual(ready.first, ">", "prompt appears")
        XCTAssertTrue(try t.cursor() == (0, 2), "cursor after the prompt")
        return t
    }

    func testTypeMoveInsertCJK() throws {
        let t = try start()
        try t.type("稀土研究院")
        try t.waitForScreen { $0[0] == "> 稀土研究院" }
        XCTAssertTrue(try t.cursor() == (0, 12))
        try t.keys("Left", "Left")
        XCTAssertTrue(try t.wait { try t.cursor() == (0, 8) }, "two ← move four columns")
        try t.type("中科")
        let s = try t.waitForScreen { $0[0] == "> 稀土研中科究院" }
        XCTAssertEqual(s[0], "> 稀土研中科究院")
        XCTAssertTrue(try t.cursor() == (0, 12), "cursor after 科")
        try t.keys("Enter")
        let done = try t.waitForScreen { $0.contains("LINE<稀土研中科究院>") }
        XCTAssertTrue(done.contains("LINE<稀土研中科究院>"), "\(done)")
    }

    func testBackspaceOverWideChar() throws {
        let t = try start()
        try t.type("中文𠮷")
        try t.waitForScreen { $0[0] == "> 中文𠮷" }
        try t.keys("BSpace")
        try t.waitForScreen { $0[0] == "> 中文" }
        XCTAssertTrue(try t.wait { try t.cursor() == (0, 6) })
        try t.keys("Left", "BSpace")
        try t.waitForScreen { $0[0] == "> 文" }
        XCTAssertTrue(try t.wait { try t.cursor() == (0, 2) })
    }

    func testWrapAtEdgeMidWideChar() throws {
        let t = try start(columns: 10)
        try t.type("x稀土研究院")
        // "> x稀土研" fills 9 columns; 究 cannot use the 10th and wraps.
        let s = try t.waitForScreen { $0.count > 1 && $0[1] == "究院" }
        XCTAssertEqual(s[0], "> x稀土研")
        XCTAssertEqual(s[1], "究院")
        XCTAssertTrue(try t.cursor() == (1, 4))
        try t.keys("Left", "Left")
        XCTAssertTrue(try t.wait { try t.cursor() == (1, 0) }, "cursor on 究 is at the row start")
        try t.keys("Left")
        XCTAssertTrue(try t.wait { try t.cursor() == (0, 7) })
        try t.keys("BSpace", "BSpace")                 // delete 土 and 稀: fits one row again
        let s2 = try t.waitForScreen { $0[0] == "> x研究院" }
        XCTAssertEqual(s2[0], "> x研究院")
        XCTAssertEqual(s2[1], "", "old second row cleared")
        XCTAssertTrue(try t.wait { try t.cursor() == (0, 3) })
    }

    func testHistoryRecallAfterLongerLine() throws {
        let t = try start(columns: 20, history: ["稀土"])
        try t.type("研究院一期工程建筑面积是多少")   // 2 + 28 columns: wraps
        let long = try t.waitForScreen { $0.count > 1 && $0[1] == "面积是多少" }
        XCTAssertEqual(long[0], "> 研究院一期工程建筑")
        try t.keys("Up")
        let s = try t.waitForScreen { $0[0] == "> 稀土" }
        XCTAssertEqual(s[1], "", "wrapped row of the longer line is cleared")
        XCTAssertTrue(try t.wait { try t.cursor() == (0, 6) })
        try t.keys("Down")
        try t.waitForScreen { $0[0] == "> 研究院一期工程建筑" }
    }

    func testCtrlCThenCtrlDRestoresTerminal() throws {
        let t = try start(reportExit: true)
        try t.type("中文")
        try t.waitForScreen { $0[0] == "> 中文" }
        try t.keys("C-c")
        try t.waitForScreen { $0.contains("INT") }
        try t.keys("C-d")
        let s = try t.waitForScreen(timeout: 10) { $0.contains { $0.hasPrefix("EXIT=") } }
        XCTAssertTrue(s.contains("EXIT=0"), "exits 0 on Ctrl-D: \(s)")
        XCTAssertTrue(s.contains("EOF"), "\(s)")
        XCTAssertTrue(s.contains { $0.hasPrefix("STTY-SAME") }, "terminal mode restored: \(s)")
    }
}

/// Entry point re-executed inside the pty. Does nothing in a normal test run.
final class EditorDriver: XCTestCase {
    func testDriverMain() throws {
        guard ProcessInfo.processInfo.environment["ZHIKU_TERM_DRIVER"] == "1" else { return }
        var before = termios()
        tcgetattr(STDIN_FILENO, &before)
        Terminal.writeAll(fd: STDOUT_FILENO, "\u{1B}[H\u{1B}[2J")
        let history = History(fileURL: History.defaultFileURL())
        let editor = LineEditor(prompt: "> ", history: history, completer: { p in
            [":help", ":history", ":quit"].filter { $0.hasPrefix(p) }
        })
        loop: while true {
            switch editor.readLine() {
            case .line(let l): print("LINE<\(l)>")
            case .interrupted: print("INT")
            case .eof: print("EOF"); break loop
            }
            fflush(stdout)
        }
        var after = termios()
        tcgetattr(STDIN_FILENO, &after)
        let same = withUnsafeBytes(of: &before.c_lflag) { a in withUnsafeBytes(of: &after.c_lflag) { b in Array(a) == Array(b) } }
            && before.c_iflag == after.c_iflag && before.c_oflag == after.c_oflag
        print(same ? "STTY-SAME" : "STTY-CHANGED")
        fflush(stdout)
        exit(0)
    }
}
