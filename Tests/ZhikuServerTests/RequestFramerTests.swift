import XCTest
@testable import ZhikuServer

/// The framer fed drip-wise, all at once, and over the limits (NIO's verifier habit).
final class RequestFramerTests: XCTestCase {
    private func frames(_ input: [UInt8], chunk: Int, limit: Int = 64) -> [Frame] {
        var framer = RequestFramer(maxLineBytes: limit, maxArguments: 4)
        var out: [Frame] = []
        var i = 0
        while i < input.count {
            framer.append(contentsOf: input[i..<min(input.count, i + chunk)])
            i += chunk
            while let f = framer.next() { out.append(f) }
        }
        return out
    }

    private func check(_ input: String, _ expected: [Frame], limit: Int = 64, file: StaticString = #filePath, line: UInt = #line) {
        for chunk in [1, 2, 3, 7, input.utf8.count] {
            XCTAssertEqual(frames(Array(input.utf8), chunk: chunk, limit: limit), expected, "chunk \(chunk)", file: file, line: line)
        }
    }

    func testLinesEndedByLFOrCRLF() {
        check("PING\nSTATS\r\n", [.line(Array("PING".utf8)), .line(Array("STATS".utf8))])  // LF and CRLF
        check("\n\r\n", [.line([]), .line([])])  // empty lines are frames without content
        check("研究团队\n", [.line(Array("研究团队".utf8))])  // 3-byte characters split at every offset
        check("PING", [])  // no terminator yet
    }

    func testRESPArrays() {
        check("*2\r\n$4\r\nPING\r\n$2\r\nhi\r\nSTATS\n", [.resp([Array("PING".utf8), Array("hi".utf8)]), .line(Array("STATS".utf8))])
        check("*0\r\n", [.resp([])])  // empty array
        check("*1\r\n$0\r\n\r\n", [.resp([[]])])  // empty bulk string
        check("*1\r\n$6\r\n研究\r\n", [.resp([Array("研究".utf8)])])  // UTF-8 inside bulk, split anywhere
    }

    func testLineLimitCountsTheTerminator() {
        let at = String(repeating: "a", count: 63) + "\n"  // 64 bytes: at the limit
        check(at, [.line(Array(String(repeating: "a", count: 63).utf8))], limit: 64)
        let over = String(repeating: "a", count: 64) + "\n"  // 65 bytes: one over
        check(over + "PING\n", [.tooLong(.line)], limit: 64)  // and nothing after it
    }

    func testMalformedRESP() {
        check("*x\r\n", [.malformed("bad number in RESP header")])
        check("*1\r\n+PING\r\n", [.malformed("expected $<length>\\r\\n")])
        check("*5\r\n", [.malformed("more than 4 arguments")])
        check("*1\r\n$2\r\nhiXX", [.malformed("bulk argument not followed by CRLF")])
        check("*1\r\n$65\r\n", [.tooLong(.resp)], limit: 64)
    }

    func testPartialState() {
        var framer = RequestFramer()
        XCTAssertFalse(framer.holdsPartialRequest)  // nothing buffered
        framer.append(contentsOf: Array("SEA".utf8))
        XCTAssertNil(framer.next())
        XCTAssertTrue(framer.holdsPartialRequest)  // part of a line
        framer.append(contentsOf: Array("RCH x\n".utf8))
        XCTAssertEqual(framer.next(), .line(Array("SEARCH x".utf8)))
        XCTAssertFalse(framer.holdsPartialRequest)  // all consumed
    }
}
