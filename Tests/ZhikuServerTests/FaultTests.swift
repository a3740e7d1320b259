import Foundation
import XCTest
import ZhikuIndex
import ZhikuTestSupport
@testable import ZhikuServer

/// Issue 20's faults and hostile use, server side: half-closed clients, clients that go away with
/// queries running, pipelined STATS, shutdown, inline commands of RESP clients, an index folder
/// replaced again and again. Real servers on 127.0.0.1 (in this process, or `zhiku serve`), real
/// sockets; every loop is bounded.
final class FaultTests: XCTestCase {
    // MARK: - Half-close

    /// `printf '…' | nc -q1`: the client sends, shuts its side, and reads. Every request gets its
    /// reply (those that need the engine too, and a last line without its LF), then EOF.
    func testIssue20AHalfClosedClientGetsEveryReply() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        try c.send(raw: "SEARCH limit=1 id=s1 -- 研究团队\nSTATS id=st\nFACTS id=fa -- 科研团队\nPING id=p\nDOC passage=1 id=d -- extra/team.txt\nSEARCH limit=1 id=s2 -- 门店")
        c.finishSending()
        var replies: [ServerReply] = []
        while replies.count < 10, let line = try c.readLine() { replies.append(try ServerReply(bytes: line)) }
        XCTAssertEqual(replies.map { $0.id ?? "-" }, ["s1", "st", "fa", "p", "d", "s2"])
        XCTAssertTrue(replies.allSatisfy(\.ok), "\(replies.compactMap(\.error))")
        XCTAssertEqual(replies.last?.search?.query, "门店")  // the line without LF counts
        XCTAssertNil(try c.readLine())  // then the server closes

        // RESP alike.
        let r = try f.client()
        try r.send(raw: ZhikuClient.resp(["SEARCH", "limit=1", "--", "研究团队"]) + ZhikuClient.resp(["STATS"]) + ZhikuClient.resp(["PING"]))
        r.finishSending()
        XCTAssertTrue(try r.respReply().hasPrefix("$"))
        XCTAssertTrue(try r.respReply().hasPrefix("$"))
        XCTAssertEqual(try r.respReply(), "+PONG")
        XCTAssertNil(try r.readLine())
    }

    // MARK: - Clients that go away

    /// 100 clients send 20 slow SEARCHes each, pipelined, and reset the connection. Their queries
    /// are cancelled (the running ones interrupted, the queued ones never started): the next
    /// client's search answers in about its usual time. Before, SEARCH was unavailable for as long
    /// as the abandoned queries took (52 s in the report). While the engine threads are busy, the
    /// event loop still answers PING at once.
    func testIssue20ClientsThatGoAwayCancelTheirQueries() throws {
        let f = try ServerFixture(configure: { $0.cacheEntries = 0; $0.engineThreads = 4; $0.maxQueryTerms = Query.maxTermsLimit }, documents: FaultTests.slowCorpus)
        defer { f.stop() }
        let probe = try f.client(timeout: 60)
        var usual: [Double] = []
        for _ in 0..<5 {
            let (r, ms) = try timed { try probe.call("SEARCH limit=3 -- 研究团队") }
            XCTAssertTrue(r.ok)
            usual.append(ms)
        }
        let slow = "SEARCH timeout=10000 limit=1 -- " + FaultTests.slowQuery + "\n"
        let (one, slowMs) = try timed { try probe.call(slow) }
        XCTAssertTrue(one.ok)
        XCTAssertEqual(one.search?.timedOut, false)

        var sockets: [RawSocket] = []
        for _ in 0..<100 {
            let s = try RawSocket(port: f.port)
            try s.send(String(repeating: slow, count: 20))
            sockets.append(s)
        }
        // The engine threads are all busy now: PING is answered by the event loop regardless.
        let pinger = try f.client()
        var pings: [Double] = []
        for _ in 0..<20 {
            let (r, ms) = try timed { try pinger.call("PING") }
            XCTAssertTrue(r.ok)
            pings.append(ms)
        }
        XCTAssertLessThanOrEqual(median(pings), 5, "PING round trips while the engine is busy: \(pings)")
        usleep(200_000)
        for s in sockets { s.reset() }

        let (after, afterMs) = try timed { try f.client(timeout: 60).call("SEARCH limit=3 -- 研究团队") }
        XCTAssertTrue(after.ok)
        // Its usual time, with room for a slow query still finishing on each engine thread.
        let allowed = 10 * median(usual) + slowMs + 1_000
        XCTAssertLessThan(afterMs, allowed, "usual \(usual) ms, one slow query \(slowMs) ms")
        print("after the resets: \(Int(afterMs)) ms (usual \(Int(median(usual))) ms, one slow query \(Int(slowMs)) ms, PING median \(median(pings)) ms)")
    }

    // MARK: - STATS

    /// STATS counts the index once per generation: 60 STATS from three clients, pipelined, cost one
    /// count of the index; an update makes the next STATS count again.
    func testIssue20STATSIsComputedOncePerIndexGeneration() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let clients = try (0..<3).map { _ in try f.client() }
        for c in clients { try c.send(raw: String(repeating: "STATS\n", count: 20)) }
        var docs: Set<Int> = []
        for c in clients {
            for _ in 0..<20 {
                let r = try c.reply()
                XCTAssertTrue(r.ok)
                docs.insert(r.stats?.docs ?? -1)
            }
        }
        XCTAssertEqual(docs, [3])
        XCTAssertEqual(f.server.dispatcher.statsCache.computations, 1)

        let fresh = f.corpus.appendingPathComponent("new/stats.txt")
        try FileManager.default.createDirectory(at: fresh.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "标题\n\n统计新增的文档。".write(to: fresh, atomically: true, encoding: .utf8)
        try ServerFixture.index(corpus: f.corpus, into: f.indexDirectory)
        XCTAssertEqual(try clients[0].call("STATS").stats?.docs, 4)  // never older than the index
        XCTAssertEqual(try clients[1].call("STATS").stats?.docs, 4)
        XCTAssertEqual(f.server.dispatcher.statsCache.computations, 2)
    }

    // MARK: - Shutdown

    /// After SIGTERM, a client that sent nothing (or whose requests are all answered) is told
    /// `ERR_SHUTTING_DOWN` in its framing before the server closes, instead of a bare EOF; the
    /// server exits 0.
    func testIssue20IdleClientsAreToldTheServerIsShuttingDown() throws {
        let f = try ServerFixture()
        let index = f.indexDirectory
        let serve = try ServeProcess(index: index)
        defer { serve.stop(); f.stop() }
        let line = try serve.client()
        XCTAssertTrue(try line.call("PING").ok)
        let silent = try serve.client()  // never sends anything
        let resp = try serve.client()
        try resp.send(raw: ZhikuClient.resp(["PING"]))
        XCTAssertEqual(try resp.respReply(), "+PONG")

        XCTAssertEqual(serve.signal(SIGTERM), 0)
        for c in [line, silent] {
            let bytes = try XCTUnwrap(try c.readLine(), "a reply before EOF")
            let r = try ServerReply(bytes: bytes)
            XCTAssertFalse(r.ok)
            XCTAssertEqual(r.error?.code, "ERR_SHUTTING_DOWN")
            XCTAssertNil(try c.readLine())
        }
        XCTAssertTrue(try resp.respReply().hasPrefix("-ERR_SHUTTING_DOWN "))
        XCTAssertNil(try resp.readLine())
    }

    // MARK: - Inline commands of RESP clients

    /// Redis clients may send a command as a plain line ("inline", ended by CRLF): redis-benchmark's
    /// PING_INLINE, proxies' health checks. Such a connection gets RESP replies; `nc`'s lines still
    /// get JSON.
    func testIssue20InlineCommandsOfARESPClientAreAnsweredInRESP() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let inline = try f.client()
        try inline.send(raw: "PING\r\nPING\r\nPING hello\r\nSEARCH limit=1 -- 研究团队\r\n")
        XCTAssertEqual(try inline.respReply(), "+PONG")
        XCTAssertEqual(try inline.respReply(), "+PONG")
        XCTAssertEqual(try inline.respReply(), "$hello")
        XCTAssertTrue(try inline.respReply().hasPrefix("$"))
        let mixed = try f.client()
        try mixed.send(raw: ZhikuClient.resp(["PING"]) + "PING\n")  // a RESP client's later inline command
        XCTAssertEqual(try mixed.respReply(), "+PONG")
        XCTAssertEqual(try mixed.respReply(), "+PONG")
        let plain = try f.client()  // nc: LF, or a first request other than PING
        XCTAssertEqual(try plain.call("PING").cmd, "PING")
        try plain.send(raw: "PING\r\n")
        XCTAssertEqual(try plain.reply().cmd, "PING")

        let bench = "/usr/bin/redis-benchmark"
        guard FileManager.default.isExecutableFile(atPath: bench) else {
            if ProcessInfo.processInfo.environment["CI"] == "true" { XCTFail("\(bench) is missing: apt-get install redis-tools") }
            throw XCTSkip("\(bench) is not installed (apt-get install redis-tools)")
        }
        let run = Process()
        run.executableURL = URL(fileURLWithPath: bench)
        run.arguments = ["-p", String(f.port), "-t", "ping", "-c", "4", "-n", "2000", "-P", "4", "-q"]
        let out = Pipe()
        run.standardOutput = out
        run.standardError = out
        run.standardInput = FileHandle.nullDevice
        try run.run()
        let deadline = Date().addingTimeInterval(120)
        while run.isRunning && Date() < deadline { usleep(20_000) }
        if run.isRunning { run.terminate(); XCTFail("redis-benchmark -t ping did not finish") }
        run.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(run.terminationStatus, 0, text)
        XCTAssertTrue(text.contains("PING_INLINE") && text.contains("PING_MBULK"), text)
    }

    // MARK: - An index folder replaced again and again

    /// `rm -rf index && zhiku index` four times under a running `zhiku serve`: each new index is
    /// answered from, and the process keeps no descriptor of a deleted file (it kept 12 of the
    /// first one: the command held its first engine for its whole life).
    func testIssue20ServeLetsGoOfEveryDeletedIndex() throws {
        let ws = try Workspace()
        try ws.write("a.txt", "第一版\n\n最初的文档。")
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path]).status, 0)
        let serve = try ServeProcess(index: ws.index)
        defer { serve.stop() }
        let c = try serve.client()
        XCTAssertTrue(try c.call("SEARCH -- 最初").ok)
        for round in 1...4 {
            let marker = "第\(round)轮专用词"
            try ws.write("a.txt", "第\(round)版\n\n这是\(marker)所在的段落。")
            try FileManager.default.removeItem(at: ws.index)
            XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path]).status, 0)
            var served = false
            for _ in 0..<100 where !served {  // at most ~10 s
                served = try c.call("SEARCH -- \(marker)").search?.total == 1
                if !served { usleep(100_000) }
            }
            XCTAssertTrue(served, "round \(round): the new index is answered from")
        }
        var open = serve.deletedFilesOpen(under: ws.index)
        for _ in 0..<50 where !open.isEmpty {  // at most ~5 s
            XCTAssertTrue(try c.call("PING").ok)
            usleep(100_000)
            open = serve.deletedFilesOpen(under: ws.index)
        }
        XCTAssertEqual(open, [], "descriptors of deleted index files")
    }

    // MARK: - Helpers

    /// 40 documents × 60 passages of 200 characters drawn from 45 frequent ones (a fixed
    /// sequence), plus the team document: a query of 128 of those characters takes about a second.
    static let slowCorpus: [String: String] = {
        let chars = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说年发能好都新")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Character {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return chars[Int((state >> 33) % UInt64(chars.count))]
        }
        var docs = ["extra/team.txt": ServerFixture.documents["extra/team.txt"]!]
        for d in 0..<40 {
            var text = "标题\(d)\n\n"
            for _ in 0..<60 { text += String((0..<200).map { _ in next() }) + "。\n\n" }
            docs["slow/d\(d).txt"] = text
        }
        return docs
    }()

    static let slowQuery: String = {
        let chars = Array("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说年发能好都新")
        return (0..<128).map { String(chars[$0 % chars.count]) }.joined(separator: " ")
    }()
}

/// The value and the milliseconds `body` took.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.isEmpty ? 0 : s[s.count / 2]
}
