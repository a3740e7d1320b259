import Foundation
import XCTest
import ZhikuIndex
@testable import ZhikuServer

/// The conformance tests of docs/protocol.md, each against a real server on 127.0.0.1.
final class ConformanceTests: XCTestCase {
    func testSearchReplyCarriesExactlyTheEngineData() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let reply = try c.call("SEARCH limit=2 id=q7 -- 研究团队")
        XCTAssertTrue(reply.ok)
        XCTAssertEqual(reply.id, "q7")  // id echoed
        XCTAssertEqual(reply.cmd, "SEARCH")
        var o = SearchOptions()
        o.limit = 2
        XCTAssertEqual(reply.dataJSON, try f.engine.search("研究团队", options: o).json)  // data == what --format json prints
        let line = String(decoding: reply.bytes, as: UTF8.self)
        XCTAssertTrue(line.hasPrefix(#"{"ok":true,"id":"q7","cmd":"SEARCH","took_ms":"#))  // envelope key order
        XCTAssertFalse(line.contains("\\u"))  // raw UTF-8
        // The client decodes it back and re-emits the same bytes.
        let remote = try c.search("研究团队", options: o)
        XCTAssertEqual(remote.json, reply.dataJSON)
        XCTAssertEqual(remote.hits.count, 2)
        XCTAssertEqual(remote.hits.first?.rank, 1)
    }

    func testErrorsKeepTheConnection() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let rows: [(String, String)] = [
            ("SEARCH limit=0 -- x", "ERR_ARG"),  // out of range
            ("SEARCH limit=2", "ERR_SYNTAX"),  // missing text
            ("SEARCH bogus=1 x", "ERR_SYNTAX"),  // unknown option
            ("FROB x", "ERR_UNKNOWN_COMMAND"),  // unknown verb
            ("COMMAND DOCS", "ERR_UNKNOWN_COMMAND"),  // what redis-cli sends first
            ("INFO SERVER", "ERR_UNKNOWN_COMMAND"),
            ("CONFIG GET save", "ERR_UNKNOWN_COMMAND"),  // what redis-benchmark sends first
            ("DOC -- nope.txt", "ERR_NOT_FOUND"),
            ("HELLO 3", "ERR_ARG"),  // no RESP3
            ("SEARCH id=bad! x", "ERR_ARG"),
            ("SEARCH -- " + String(repeating: "研", count: 300), "ERR_ARG"),  // query too long
        ]
        for (request, code) in rows {
            let r = try c.call(request)
            XCTAssertFalse(r.ok, request)
            XCTAssertEqual(r.error?.code, code, request)
        }
        XCTAssertNotNil(try c.call("SEARCH limit=0 -- x").error?.usage)  // usage with ERR_ARG
        XCTAssertTrue(try c.call("PING").ok)  // still open
    }

    func testVerbs() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let hello = try c.call("HELLO")
        XCTAssertEqual(hello.hello?.proto, 1)
        XCTAssertEqual(hello.hello?.max_line, 16_384)
        XCTAssertEqual(hello.hello?.auth_required, false)
        XCTAssertEqual(try c.call("PING").pong?.pong, "PONG")
        XCTAssertEqual(try c.call("PING 你好").pong?.pong, "你好")
        XCTAssertNotNil(try c.call("HELP").help?.usage)
        XCTAssertNotNil(try c.call("HELP search").verbHelp?.usage)
        let doc = try c.call("DOC passage=1 -- extra/team.txt")
        XCTAssertEqual(doc.dataJSON, try f.engine.document(id: "extra/team.txt", passage: 1, length: 4_096).json)
        let stats = try c.call("STATS")
        XCTAssertEqual(stats.stats?.docs, 3)
        XCTAssertGreaterThan(stats.stats?.passages ?? 0, 3)
        for key in ["uptime_s", "clients", "commands_total", "p50_ms", "p99_ms"] {
            XCTAssertNotNil(stats.stats?.extra(key), key)
        }
        XCTAssertEqual(stats.stats?.int("clients"), 1)
        let quit = try c.call("QUIT")
        XCTAssertTrue(quit.ok)
        XCTAssertTrue(c.closedByServer())  // QUIT: ok, then close
    }

    func testByteAtATimeWithACharacterSplitAcrossWrites() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let bytes = Array("SEARCH limit=1 -- 研究团队\n".utf8)
        for b in bytes {
            try c.send(bytes: [b])
            usleep(1_000)
        }
        let r = try c.reply()
        XCTAssertTrue(r.ok)
        XCTAssertEqual(r.search?.query, "研究团队")  // the split characters arrive whole
    }

    func testCRLFAndLF() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        try c.send(raw: "SEARCH limit=1 -- 研究团队\r\nSEARCH limit=1 -- 研究团队\n\n\r\nPING\r\n")
        let a = try c.reply(), b = try c.reply(), p = try c.reply()
        XCTAssertEqual(a.dataJSON, b.dataJSON)  // CR is not part of the query
        XCTAssertEqual(a.search?.query, "研究团队")
        XCTAssertEqual(p.cmd, "PING")  // empty lines got no reply
    }

    func testLineAtTheLimitAndOneByteOver() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let prefix = "PING "
        let atLimit = prefix + String(repeating: "a", count: 16_384 - prefix.utf8.count - 1) + "\n"
        XCTAssertEqual(atLimit.utf8.count, 16_384)
        try c.send(raw: atLimit)
        XCTAssertTrue(try c.reply().ok)  // 16 KiB including LF is accepted
        let over = prefix + String(repeating: "a", count: 16_384 - prefix.utf8.count) + "\n"
        try c.send(raw: over)
        let r = try c.reply()
        XCTAssertEqual(r.error?.code, "ERR_LINE_TOO_LONG")  // one byte over: reply…
        XCTAssertTrue(c.closedByServer())  // …then close
    }

    func testInvalidUTF8ThenAValidRequestOnTheSameSocket() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8]] {
            try c.send(bytes: Array("SEARCH ".utf8) + bad + [10])
            XCTAssertEqual(try c.reply().error?.code, "ERR_UTF8")
            try c.send(raw: "SEARCH limit=1 -- 研究团队\n")
            XCTAssertTrue(try c.reply().ok)  // connection kept
        }
        try c.send(raw: ZhikuClient.resp(["SEARCH"]))
        XCTAssertTrue(try c.respReply().hasPrefix("-ERR_SYNTAX"))  // RESP: missing text
        try c.send(bytes: Array("*2\r\n$6\r\nSEARCH\r\n$2\r\n".utf8) + [0xE4, 0xB8] + [13, 10])
        XCTAssertTrue(try c.respReply().hasPrefix("-ERR_UTF8"))  // RESP too
        try c.send(raw: ZhikuClient.resp(["PING"]))
        XCTAssertEqual(try c.respReply(), "+PONG")
    }

    func testThousandPipelinedRequestsAnsweredInOrder() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client(timeout: 60)
        let queries = ["研究团队", "科技", "门店", "高新区", "研发投入"]
        var batch = ""
        for i in 0..<1_000 {
            if i % 10 == 9 {
                batch += "PING id=r\(i)\n"
            } else {
                batch += "SEARCH limit=1 ent=0 id=r\(i) -- \(queries[i % queries.count])\n"
            }
        }
        try c.send(raw: batch)  // one write
        for i in 0..<1_000 {
            let r = try c.reply()
            XCTAssertEqual(r.id, "r\(i)")  // in order
            XCTAssertTrue(r.ok, "r\(i)")
        }
        // RESP pipelining too.
        try c.send(raw: (0..<100).map { ZhikuClient.resp(["PING", "p\($0)"]) }.joined())
        for i in 0..<100 { XCTAssertEqual(try c.respReply(), "$p\(i)") }
    }

    func testClientClosingMidReplyDoesNotHurtTheServer() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        for _ in 0..<3 {
            let c = try f.client()
            try c.send(raw: String(repeating: "DOC len=65536 -- ganzhou.txt\n", count: 200))
            _ = try c.readLine()  // part of the replies
            c.close()  // unread replies: the server's writes hit a reset socket
        }
        usleep(200_000)
        let c = try f.client()
        XCTAssertTrue(try c.call("PING").ok)  // no crash, no SIGPIPE
    }

    func testConnectionOverTheLimitGetsBusy() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        var clients: [ZhikuClient] = []
        for _ in 0..<256 {
            let c = try f.client()
            try c.send(raw: "PING\n")
            clients.append(c)
        }
        for c in clients { XCTAssertTrue(try c.reply().ok) }  // 256 are served
        let extra = try f.client()
        try extra.send(raw: "PING\n")
        XCTAssertEqual(try extra.reply().error?.code, "ERR_BUSY")  // the 257th is turned away…
        XCTAssertTrue(extra.closedByServer())  // …and closed
        let respExtra = try f.client()
        try respExtra.send(raw: ZhikuClient.resp(["PING"]))
        XCTAssertTrue(try respExtra.respReply().hasPrefix("-ERR_BUSY"))  // in its own framing
        clients.removeLast().close()
        usleep(200_000)
        let again = try f.client()
        XCTAssertTrue(try again.call("PING").ok)  // a slot freed is a slot reused
        clients.forEach { $0.close() }
    }

    func testIdleAndIncompleteLineExpiry() throws {
        let f = try ServerFixture { c in
            c.idleTimeout = 0.5
            c.incompleteLineTimeout = 0.4
        }
        defer { f.stop() }
        let idle = try f.client(timeout: 5)
        XCTAssertTrue(try idle.call("PING").ok)
        let started = Date()
        XCTAssertTrue(idle.closedByServer())  // idle: closed
        XCTAssertLessThan(Date().timeIntervalSince(started), 3)
        let slow = try f.client(timeout: 5)
        try slow.send(raw: "SEAR")
        XCTAssertTrue(slow.closedByServer())  // part of a line, no LF: closed
        let busy = try f.client(timeout: 5)
        for _ in 0..<8 {  // activity keeps a connection open past the idle timeout
            XCTAssertTrue(try busy.call("PING").ok)
            usleep(150_000)
        }
        // A pipelining client whose every write ends inside the next request still completes a
        // request with each write: the incomplete-line clock restarts with each one.
        let streaming = try f.client(timeout: 5)
        try streaming.send(raw: "PI")
        for _ in 0..<8 {  // 8 × 150 ms: three times the incomplete-line timeout
            usleep(150_000)
            try streaming.send(raw: "NG\nPI")
            XCTAssertTrue(String(decoding: try streaming.readLine() ?? [], as: UTF8.self).contains("PONG"), "the connection stays open")
        }
    }

    func testHTTPRequestClosesTheConnection() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        for first in ["GET / HTTP/1.1\r\nHost: localhost\r\n\r\n", "POST /x HTTP/1.1\r\n\r\n", "Host: evil\r\n"] {
            let c = try f.client(timeout: 5)
            try c.send(raw: first)
            XCTAssertNil(try? c.readLine() ?? nil)  // closed without a reply
        }
    }

    func testRESPReplies() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        try c.send(raw: ZhikuClient.resp(["PING"]))
        XCTAssertEqual(try c.respReply(), "+PONG")
        try c.send(raw: ZhikuClient.resp(["SEARCH", "limit=1", "--", "研究", "团队"]))
        let bulk = try c.respReply()
        XCTAssertTrue(bulk.hasPrefix(#"${"ok":true"#))  // the JSON envelope as a bulk string
        XCTAssertTrue(bulk.contains(#""query":"研究 团队""#))
        // Any bytes in an argument are text: a NUL or a line end inside one separates words (a
        // NUL once reached FTS5 and came back as ERR_INTERNAL, found by fuzzing).
        for text in ["研究\u{0}团队", "研究\r\n团队", "\u{0}"] {
            try c.send(raw: ZhikuClient.resp(["SEARCH", "limit=1", "--", text]))
            XCTAssertTrue(try c.respReply().hasPrefix(#"${"ok":true"#), text.debugDescription)
        }
        try c.send(raw: ZhikuClient.resp(["SEARCH", "limit=0", "x"]))
        XCTAssertEqual(try c.respReply(), "-ERR_ARG limit must be 1..100")
        try c.send(raw: ZhikuClient.resp(["COMMAND", "DOCS"]))
        XCTAssertTrue(try c.respReply().hasPrefix("-ERR_UNKNOWN_COMMAND"))
        try c.send(raw: "*1\r\n+PING\r\n")
        XCTAssertTrue(try c.respReply().hasPrefix("-ERR_PROTOCOL"))  // malformed: reply…
        XCTAssertTrue(c.closedByServer())  // …then close
    }

    func testAuthentication() throws {
        let f = try ServerFixture { $0.password = "s3cret" }
        defer { f.stop() }
        let c = try f.client()
        XCTAssertEqual(try c.call("HELLO").hello?.auth_required, true)  // HELLO works before AUTH
        XCTAssertEqual(try c.call("SEARCH x").error?.code, "ERR_NOAUTH")
        XCTAssertEqual(try c.call("AUTH nope").error?.code, "ERR_AUTH")
        XCTAssertTrue(try c.call("AUTH s3cret").ok)
        XCTAssertTrue(try c.call("SEARCH limit=1 研究团队").ok)
        let r = try f.client()
        try r.send(raw: ZhikuClient.resp(["AUTH", "s3cret"]))
        XCTAssertEqual(try r.respReply(), "+OK")
        let strikes = try f.client()
        for i in 1...3 {
            let reply = try strikes.call("AUTH wrong\(i)")
            XCTAssertEqual(reply.error?.code, "ERR_AUTH")
        }
        XCTAssertTrue(strikes.closedByServer())  // three strikes
    }

    func testNonLoopbackBindWithoutPasswordIsRefused() {
        var config = ServerConfiguration()
        config.host = "0.0.0.0"
        XCTAssertThrowsError(try config.validate())
        config.password = "x"
        XCTAssertNoThrow(try config.validate())
        config.host = "127.0.0.1"
        config.password = nil
        XCTAssertNoThrow(try config.validate())
    }

    func testHighlightsStayInRangeAroundNonBMPAndCombiningCharacters() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        for q in ["𠮷野家", "研究团队", "门店", "Café"] {
            let r = try c.search(q, options: { var o = SearchOptions(); o.snippetLength = 12; return o }())
            for hit in r.hits {
                let n = hit.snippet.unicodeScalars.count
                for h in hit.hl { XCTAssertTrue(h.lowerBound >= 0 && h.upperBound <= n, "\(q): \(h) in \(n)") }
            }
        }
        // total is stable across pages.
        let first = try c.search("研究", options: { var o = SearchOptions(); o.limit = 2; return o }())
        let second = try c.search("研究", options: { var o = SearchOptions(); o.limit = 2; o.offset = 2; return o }())
        XCTAssertEqual(first.total, second.total)
    }

    func testGracefulShutdownFinishesInFlightRequests() throws {
        let f = try ServerFixture()
        let c = try f.client()
        try c.send(raw: String(repeating: "SEARCH limit=5 -- 研究团队\n", count: 50))
        _ = try c.readLine()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { f.stop(); done.signal() }
        var replies: [ServerReply] = []
        while replies.count < 100, let line = try? c.readLine() { replies.append(try ServerReply(bytes: line)) }
        XCTAssertEqual(done.wait(timeout: .now() + 15), .success)
        // The requests received were answered, then the connection was told why it ends.
        XCTAssertEqual(replies.last?.error?.code, "ERR_SHUTTING_DOWN")
        XCTAssertTrue(replies.dropLast().allSatisfy(\.ok))
        XCTAssertGreaterThan(replies.count, 1)
        XCTAssertThrowsError(try ZhikuClient(host: "127.0.0.1", port: f.port, timeout: 1).call("PING"))  // no longer accepting
    }
}
