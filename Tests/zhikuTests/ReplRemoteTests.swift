import Foundation
import XCTest
import ZhikuTestSupport

/// `zhiku repl` against a real `zhiku serve` on 127.0.0.1 and a free port: `:connect`, `--server`,
/// `:local`, output identical to the local index. Every wait is bounded; the server is stopped at the end.
final class ReplRemoteTests: XCTestCase {
    /// Starts `zhiku serve` on `index` and waits (at most 20 s) until it answers.
    static func startServer(index: URL) throws -> (Process, Int) {
        let port = Loopback.freePort()
        let server = Process()
        server.executableURL = Binary.url
        server.arguments = ["serve", "--index", index.path, "--listen", "127.0.0.1:\(port)"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if (try? Binary.run(["search", "--server", "127.0.0.1:\(port)", "稀土"], timeout: 5))?.status == 0 { return (server, port) }
            usleep(100_000)
        }
        server.terminate()
        throw XCTSkip("zhiku serve did not come up on port \(port)")
    }

    static func stop(_ server: Process) {
        guard server.isRunning else { return }
        server.terminate()
        let deadline = Date().addingTimeInterval(10)
        while server.isRunning && Date() < deadline { usleep(20_000) }
        if server.isRunning { kill(server.processIdentifier, SIGKILL) }
    }

    func testConnectPrintsWhatTheLocalIndexPrints() throws {
        let index = try ReplTests.sampleIndex()
        let (server, port) = try Self.startServer(index: index)
        defer { Self.stop(server) }
        let commands = ":facts 科研团队\n稀土研究院\n:limit 3\n研究院\n:more\n:ent\n:ent ganzhou-hitech-zone-innovation-platforms-2021.txt\n:ent 2021年投资5亿元\n"
            + ":doc ganzhou-hitech-zone-innovation-platforms-2021.txt 3\n:mode json\n:facts 科研团队\n:mode table\n科研团队\n"
        let strip = { (s: String) in s.replacingOccurrences(of: #" · [0-9.]+ ms\n"#, with: "\n", options: .regularExpression) }
        let local = try Binary.run(["repl", "--index", index.path], stdin: commands)
        let viaConnect = try Binary.run(["repl", "--index", index.path], stdin: ":connect 127.0.0.1:\(port)\n" + commands)
        let viaFlag = try Binary.run(["repl", "--server", "127.0.0.1:\(port)"], stdin: commands)
        XCTAssertEqual(local.status, 0, local.stderr)
        XCTAssertTrue(local.stdout.contains("1. 15个"), local.stdout)
        XCTAssertTrue(viaConnect.stdout.hasPrefix("connected to 127.0.0.1:\(port)\n"), viaConnect.stdout)
        XCTAssertEqual(strip(String(viaConnect.stdout.drop { $0 != "\n" }.dropFirst())), strip(local.stdout), "same output through the server")
        XCTAssertEqual(strip(viaFlag.stdout), strip(local.stdout))
        XCTAssertEqual(viaFlag.status, 0, viaFlag.stderr)
        // :local switches back; a wrong address is a clear error and the session goes on.
        let back = try Binary.run(["repl", "--server", "127.0.0.1:\(port)"],
                                  stdin: ":connect 127.0.0.1:1\n:local \(index.path)\n:connect\n稀土研究院\n")
        XCTAssertTrue(back.stderr.contains("ERR_IO: cannot connect to 127.0.0.1:1"), back.stderr)
        // (a note on 稀土研究院's other names may come before the hits: issue 18)
        XCTAssertTrue(back.stdout.hasPrefix("using index \(index.path)\nindex \(index.path)\n"), back.stdout)
        XCTAssertTrue(back.stdout.contains("\n[1] "), back.stdout)
    }

    /// `:connect` in a pty: the prompt names the server, searches and `:facts` run there, and
    /// `:local` comes back.
    func testConnectInPty() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux not installed")
        let index = try ReplTests.sampleIndex()
        let (server, port) = try Self.startServer(index: index)
        defer { Self.stop(server) }
        let hist = NSTemporaryDirectory() + "zhiku-repl-hist3-\(getpid())"
        defer { unlink(hist) }
        let t = try TmuxSession(command: ReplTests.replCommand(index: index), columns: 70, rows: 50,
                                    environment: ["ZHIKU_HISTORY": hist, "TERM": "screen", "NO_COLOR": "1", "PAGER": "cat"])
        try t.waitForScreen(timeout: 30) { $0.contains { $0.hasPrefix("知库>") } }
        try t.type(":connect 127.0.0.1:\(port)")
        try t.keys("Enter")
        try t.waitForScreen(timeout: 10) { $0.contains("connected to 127.0.0.1:\(port)") && $0.contains { $0.hasPrefix("知库@127.0.0.1:\(port)>") } }
        try t.type(":limit 2")
        try t.keys("Enter")
        try t.type(":facts 科研团队")
        try t.keys("Enter")
        try t.waitForScreen(timeout: 20) { $0.contains { $0.hasPrefix("1. 15个") } && $0.contains { $0.hasPrefix("2. 8个") } }
        try t.keys("C-l")
        try t.type("稀土研究院")
        try t.keys("Enter")
        try t.waitForScreen(timeout: 20) { $0.contains { $0.hasPrefix("[1] ") } && $0.contains { $0.contains("passages") } }
        try t.type(":local \(index.path)")
        try t.keys("Enter")
        try t.waitForScreen(timeout: 10) { $0.last(where: { !$0.isEmpty }) == "知库>" }
        try t.keys("C-d")
        XCTAssertTrue(t.wait(timeout: 10) { (try? t.exitStatus()) != nil })
    }

    /// Ctrl-C during a query to a server that never answers: the query is abandoned at once (the
    /// socket closed), the prompt comes back, and the next command reconnects or goes elsewhere.
    func testCtrlCDuringARemoteQuery() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux not installed")
        let index = try ReplTests.sampleIndex()
        // A listener that accepts connections (in the kernel's backlog) and never replies.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        XCTAssertEqual(listen(fd, 8), 0)
        let port = Int(UInt16(bigEndian: addr.sin_port))
        let hist = NSTemporaryDirectory() + "zhiku-repl-hist4-\(getpid())"
        defer { unlink(hist) }
        let t = try TmuxSession(command: ReplTests.replCommand(index: index), columns: 70, rows: 30,
                                    environment: ["ZHIKU_HISTORY": hist, "TERM": "screen", "NO_COLOR": "1", "PAGER": "cat"])
        try t.waitForScreen(timeout: 30) { $0.contains { $0.hasPrefix("知库>") } }
        try t.type(":connect 127.0.0.1:\(port)")
        try t.keys("Enter")
        try t.waitForScreen(timeout: 10) { $0.contains { $0.hasPrefix("知库@127.0.0.1:\(port)>") } }
        try t.type("稀土研究院")
        try t.keys("Enter")
        usleep(300_000)
        let started = Date()
        try t.keys("C-c")
        try t.waitForScreen(timeout: 5) { $0.contains { $0.hasPrefix("^C query cancelled") } && $0.last(where: { !$0.isEmpty }) == "知库@127.0.0.1:\(port)>" }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "back at the prompt at once")
        try t.type(":local \(index.path)")
        try t.keys("Enter")
        try t.type("稀土研究院")
        try t.keys("Enter")
        try t.waitForScreen(timeout: 20) { $0.contains { $0.hasPrefix("[1] ") } }
        try t.keys("C-d")
        XCTAssertTrue(t.wait(timeout: 10) { (try? t.exitStatus()) != nil })
    }
}
