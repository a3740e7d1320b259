import XCTest
@testable import ZhikuServer

final class RequestTests: XCTestCase {
    func testGrammar() {
        let r = Request(line: "search limit=2 id=q7 -- 研究团队")
        XCTAssertEqual(r.verb, .search)  // verbs are case-insensitive
        XCTAssertEqual(r.options.map(\.key), ["limit", "id"])
        XCTAssertEqual(r.text, "研究团队")

        XCTAssertEqual(Request(line: "SEARCH 面积=1200平方米").text, "面积=1200平方米")  // non-ASCII key: text
        XCTAssertEqual(Request(line: "SEARCH limit=3  研究  团队 ").text, "研究  团队")  // spaces inside kept, ends trimmed
        XCTAssertEqual(Request(line: "SEARCH -- limit=3").text, "limit=3")  // after --, options are text
        XCTAssertEqual(Request(line: "SEARCH \"a b\" -x").text, "\"a b\" -x")  // verbatim
        XCTAssertEqual(Request(line: "SEARCH mark=【,】 x").option("mark"), "【,】")  // non-ASCII values
        XCTAssertNil(Request(line: "FOO").verb)
        XCTAssertEqual(Request(line: "foo bar").word, "FOO")
    }

    func testRESPArguments() {
        let r = Request(arguments: ["SEARCH", "limit=2", "--", "研究", "团队"])
        XCTAssertEqual(r.options.first?.value, "2")
        XCTAssertEqual(r.text, "研究 团队")  // joined with single spaces
        XCTAssertEqual(Request(arguments: ["PING"]).text, "")
    }

    func testUTF8Validation() {
        XCTAssertTrue(UTF8Validation.isValid(Array("研究团队𠮷😀é".utf8)))
        XCTAssertFalse(UTF8Validation.isValid([0xC0, 0x80]))  // overlong
        XCTAssertFalse(UTF8Validation.isValid([0xED, 0xA0, 0x80]))  // surrogate
        XCTAssertFalse(UTF8Validation.isValid([0xE4, 0xB8]))  // truncated
        XCTAssertFalse(UTF8Validation.isValid([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        XCTAssertFalse(UTF8Validation.isValid([0x80]))  // lone continuation
    }

    func testHTTPDetection() {
        XCTAssertTrue(Request.looksLikeHTTP(Array("GET / HTTP/1.1".utf8)))
        XCTAssertTrue(Request.looksLikeHTTP(Array("Host: example.com".utf8)))
        XCTAssertFalse(Request.looksLikeHTTP(Array("SEARCH GET".utf8)))
    }

    func testPasswordCheck() {
        let check = PasswordCheck(password: "s3cret")
        XCTAssertTrue(check.matches("s3cret"))
        XCTAssertFalse(check.matches("s3cre"))
        XCTAssertFalse(check.matches("s3cret!"))
        XCTAssertFalse(check.matches(""))
    }

    func testJSONNodeKeepsRawText() throws {
        let bytes = Array(#"{"a": [1, 2.5], "b":"研\n\u00e9\ud842\udfb7", "c":{"z":1,"a":null}}"#.utf8)
        let node = try JSONNode.parse(bytes)
        XCTAssertEqual(node["b"]?.string, "研\né𠮷")  // escapes and surrogate pairs
        XCTAssertEqual(JSONNode.raw(node["c"]!, in: bytes), #"{"z":1,"a":null}"#)  // key order kept
        XCTAssertEqual(node["a"]?.array?.last?.double, 2.5)
        XCTAssertThrowsError(try JSONNode.parse(Array("{\"a\":".utf8)))
    }
}
