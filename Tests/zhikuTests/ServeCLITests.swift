import Foundation
import XCTest
import ZhikuTestSupport

/// `zhiku serve` and `zhiku search --server`: the remote search prints what the local one prints.
final class ServeCLITests: XCTestCase {
    func testRemoteSearchPrintsWhatTheLocalOnePrints() throws {
        let ws = try Workspace()
        try ws.addSampleReport()
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "-q"]).status, 0)
        let port = Loopback.freePort()
        let server = Process()
        server.executableURL = Binary.url
        server.arguments = ["serve", "--index", ws.index.path, "--listen", "127.0.0.1:\(port)"]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        // Wait (bounded) until it answers.
        var ready = false
        for _ in 0..<100 where !ready {
            ready = (try? Binary.run(["search", "--server", "127.0.0.1:\(port)", "稀土"], timeout: 5))?.status == 0
            if !ready { usleep(100_000) }
        }
        XCTAssertTrue(ready, "the server came up")
        let strip = { (s: String) in s.replacingOccurrences(of: #" · [0-9.]+ ms"#, with: "", options: .regularExpression) }
        for args in [["科研团队"], ["-n", "3", "研究院"], ["--format", "json", "研发投入"], ["--format", "jsonl", "-n", "2", "研究院"]] {
            let local = try Binary.run(["search", "--index", ws.index.path] + args)
            let remote = try Binary.run(["search", "--server", "127.0.0.1:\(port)"] + args)
            XCTAssertEqual(remote.status, local.status)
            if args.contains("jsonl") {
                // The summary's took_ms differs; every hit line is the same.
                XCTAssertEqual(remote.stdout.split(separator: "\n").dropLast(), local.stdout.split(separator: "\n").dropLast())
            } else {
                XCTAssertEqual(strip(remote.stdout), strip(local.stdout), "\(args)")
            }
        }
        let missing = try Binary.run(["search", "--server", "127.0.0.1:1", "研究院"])
        XCTAssertEqual(missing.status, 2, "no server there: a clear error")
        server.terminate()  // SIGTERM: graceful
        server.waitUntilExit()
        XCTAssertEqual(server.terminationStatus, 0)
    }

    func testAPortInUseIsAClearError() throws {
        let ws = try Workspace()
        try ws.addSampleReport()
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "-q"]).status, 0)
        let taken = Loopback.listeningSocket()
        defer { close(taken.fd) }
        let r = try Binary.run(["serve", "--index", ws.index.path, "--listen", "127.0.0.1:\(taken.port)"], timeout: 20)
        XCTAssertEqual(r.status, 2)
        // strerror's words follow the locale; EADDRINUSE is 98 on Linux.
        XCTAssertTrue(r.stderr.contains("cannot listen on 127.0.0.1:\(taken.port): "), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix(" (errno 98)\n"), r.stderr)
    }

    func testSearchAgainstSomethingElseThanZhikuSaysSo() throws {
        let other = Loopback.listeningSocket()  // answers like a web server, then closes
        defer { shutdown(other.fd, Int32(SHUT_RDWR)); close(other.fd) }
        Thread {
            let c = accept(other.fd, nil, nil)  // fails once `other.fd` is shut down, if nobody came
            guard c >= 0 else { return }
            var buffer = [UInt8](repeating: 0, count: 512)
            _ = read(c, &buffer, buffer.count)
            let reply = Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".utf8)
            _ = write(c, reply, reply.count)
            close(c)
        }.start()
        let r = try Binary.run(["search", "--server", "127.0.0.1:\(other.port)", "研究院"], timeout: 30)
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("is it a `zhiku serve`?"), r.stderr)
    }

    func testThreadCountsOutOfRangeAreRefusedBeforeAnythingStarts() throws {
        // Each engine thread holds one of the index's 12 reader connections: at most 8.
        for (flag, value) in [("--engine-threads", "9"), ("--engine-threads", "0"), ("--event-loop-threads", "0")] {
            let r = try Binary.run(["serve", "--index", "/nonexistent", flag, value], timeout: 10)
            XCTAssertEqual(r.status, 2, "\(flag) \(value): a usage error (exit 2, as every error)")
            XCTAssertTrue(r.stderr.contains(flag), r.stderr)
        }
    }
}
