import XCTest
import ZhikuIndex
import ZhikuText
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
        XCTAssertTrue(UTF8Bytes.isValid(Array("研究团队𠮷😀é".utf8)))
        XCTAssertFalse(UTF8Bytes.isValid([0xC0, 0x80]))  // overlong
        XCTAssertFalse(UTF8Bytes.isValid([0xED, 0xA0, 0x80]))  // surrogate
        XCTAssertFalse(UTF8Bytes.isValid([0xE4, 0xB8]))  // truncated
        XCTAssertFalse(UTF8Bytes.isValid([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        XCTAssertFalse(UTF8Bytes.isValid([0x80]))  // lone continuation
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

    /// A reply is read with JSONDecoder: `data` kept byte for byte, decoded as its response type;
    /// a reply a hostile server made up (a lone surrogate escape used to trap the hand-made parser)
    /// is an error.
    func testIssue19RepliesAreDecodedAndBadOnesAreErrors() throws {
        let data = #"{"query":"研\n\u00e9\ud842\udfb7","tokens":["研"],"total":0,"total_exact":true,"offset":0,"limit":10,"timed_out":false,"matched_all":true,"warnings":[],"hits":[]}"#
        let line = #"{"ok":true,"id":"x","cmd":"SEARCH","took_ms":1.5,"warnings":["a \"data\": b"],"data":"# + data + "}"
        let r = try ServerReply(bytes: Array(line.utf8))
        XCTAssertEqual(r.dataJSON, data)  // exactly as sent
        XCTAssertEqual(r.warnings, [#"a "data": b"#])
        let search = try r.decode(SearchResponse.self)
        XCTAssertEqual(search.query, "研\né𠮷")  // escapes and surrogate pairs
        XCTAssertThrowsError(try r.decode(FactsResponse.self)) { XCTAssertEqual(($0 as? ZhikuError)?.code, .io) }

        for hostile in [data.replacingOccurrences(of: #"\ud842\udfb7"#, with: #"\uD800\u0041"#),
                        data.replacingOccurrences(of: #""total":0"#, with: #""total":1e999"#),
                        #"{"query":"x","tokens":[],"total":0,"total_exact":true,"offset":0,"limit":10,"timed_out":false,"matched_all":true,"warnings":[],"hits":[{"rank":1,"doc":"a","title":"t","passage":1,"heading":[],"text":"","score":1,"snippet":"","hl":[[5,2]]}]}"#] {
            let bad = #"{"ok":true,"id":null,"cmd":"SEARCH","took_ms":1,"warnings":[],"data":"# + hostile + "}"
            XCTAssertThrowsError(try ServerReply(bytes: Array(bad.utf8)).decode(SearchResponse.self), hostile) {
                XCTAssertEqual(($0 as? ZhikuError)?.code, .io)
            }
        }
        XCTAssertThrowsError(try ServerReply(bytes: Array("{\"a\":".utf8)))
        let error = try ServerReply(bytes: Array(#"{"ok":false,"id":null,"cmd":"SEARCH","error":{"code":"ERR_SYNTAX","message":"missing text","usage":"SEARCH …"}}"#.utf8))
        XCTAssertThrowsError(try error.decode(SearchResponse.self)) { XCTAssertEqual(($0 as? ZhikuError)?.code, .syntax) }
    }
}
