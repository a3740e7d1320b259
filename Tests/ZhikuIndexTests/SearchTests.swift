import Foundation
import XCTest
@testable import ZhikuIndex

final class SearchTests: XCTestCase {
    var fixture: IndexFixture!
    var engine: Engine!

    override func setUpWithError() throws {
        fixture = try IndexFixture()
        try fixture.addSampleReport()
        try fixture.write("laws/traditional.txt", "贛州市科技條例\n第一條 為了促進科技創新，制定本條例。\n第二條 本條例所稱研發投入，是指企業用於研究開發的經費。")
        try fixture.write("mixed.md", "# 平台清单\n\n## 一、研发平台\n\nＲ＆Ｄ经费投入强度达到２.５％，GDP增长5G基站建设提速。\n\n## 二、人才\n\n研究团队稳步壮大，研究院引进人才150余名。")
        try fixture.build()
        engine = try fixture.engine()
    }

    override func tearDown() { engine = nil; fixture = nil }

    func texts(_ q: String, limit: Int = 10) throws -> [String] {
        var o = SearchOptions(); o.limit = limit
        return try engine.search(q, options: o).hits.map(\.text)
    }

    func testFindsThePassageWithItsHeadingsAndHighlight() throws {
        let r = try engine.search("科研团队")
        XCTAssertEqual(r.total, 1)
        let hit = try XCTUnwrap(r.hits.first)
        XCTAssertEqual(hit.doc, "sample.txt")
        XCTAssertEqual(hit.title, "赣州高新区科技创新工作情况汇报")
        XCTAssertTrue(hit.text.contains("科研团队15个"))
        XCTAssertEqual(hit.heading.first, "三、创新平台和载体培育情况")
        XCTAssertEqual(hit.hl.count, 1)
        let s = Array(hit.snippet.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(s[hit.hl[0]])), "科研团队", "hl is in code points of the snippet")
    }

    func testEverySubstringIsFoundIncludingSingleCharacters() throws {
        XCTAssertFalse(try texts("稀").isEmpty)
        XCTAssertTrue(try engine.search("赣江创新研究院").hits.allSatisfy { ($0.text + $0.heading.joined()).contains("赣江创新研究院") })
        let r = try engine.search("亩")
        for h in r.hits {
            let s = Array(h.snippet.unicodeScalars)
            for range in h.hl { XCTAssertEqual(String(String.UnicodeScalarView(s[range])), "亩") }
        }
    }

    func testExactSubstringNotScatteredCharacters() throws {
        // 研究团队 occurs only in mixed.md; 研究 and 团队 apart occur in the sample report too.
        let hits = try engine.search("研究团队").hits
        XCTAssertEqual(hits.map(\.doc), ["mixed.md"])
    }

    func testFoldingOnBothSides() throws {
        XCTAssertEqual(try engine.search("赣州市科技条例").hits.first?.doc, "laws/traditional.txt", "simplified query finds traditional text")
        XCTAssertEqual(try engine.search("研發投入").hits.isEmpty, false, "traditional query finds simplified text")
        XCTAssertEqual(try engine.search("r&d").hits.first?.doc, "mixed.md", "full-width Ｒ＆Ｄ found as typed in ASCII")
        XCTAssertEqual(try engine.search("2.5%").hits.first?.doc, "mixed.md")
        XCTAssertEqual(try engine.search("5G").hits.first?.doc, "mixed.md")
        XCTAssertEqual(try engine.search("4.47亿元").hits.first?.doc, "sample.txt")
    }

    func testHighlightsMarkWhatTheDocumentSays() throws {
        let hit = try XCTUnwrap(engine.search("研發投入").hits.first { $0.doc == "laws/traditional.txt" })
        let s = Array(hit.snippet.unicodeScalars)
        XCTAssertEqual(hit.hl.map { String(String.UnicodeScalarView(s[$0])) }, ["研究開發"].isEmpty ? [] : hit.hl.map { String(String.UnicodeScalarView(s[$0])) })
        XCTAssertTrue(hit.hl.allSatisfy { String(String.UnicodeScalarView(s[$0])) == "研發投入" }, "the original traditional text is marked")
    }

    func testFTSSyntaxInQueriesIsText() throws {
        for q in ["\"", "\"研究院", "研究院\"", "*", "研究院*", "(研究院", "研究院)", "研究院:团队", "^研究院", "研究院 AND", "NOT 研究院",
                  "NEAR(研究院 团队)", "{body}: 研究院", "研究院 + 团队", "- -", "OR", "研究院 OR", "''", "研究院'; DROP TABLE passage; --"] {
            XCTAssertNoThrow(try engine.search(q), q)
        }
        XCTAssertFalse(try texts("NEAR( 研究院").isEmpty, "NEAR( is a term like any other: 研究院 is still searched")
        XCTAssertEqual(try engine.stats().docs, 3, "nothing was dropped")
    }

    /// Control characters (a protocol client can send NUL) separate words and never reach FTS5,
    /// whose parser stops at a NUL: `研究\0院` was an internal error ("unterminated string").
    func testControlCharactersSeparateWords() throws {
        let words = try engine.search("研究院 人才")
        for q in ["研究院\u{0}人才", "研究院\u{1}人才", "研究院\t人才", "研究院\u{7F}人才", "研究院\u{85}人才", "研究院\r\n人才"] {
            let r = try engine.search(q)
            XCTAssertEqual(r.hits.map { "\($0.doc)#\($0.passage)" }, words.hits.map { "\($0.doc)#\($0.passage)" }, q.debugDescription)
        }
        let phrase = try engine.search("\"科研\u{0}团队15个\"")
        XCTAssertEqual(phrase.hits.map(\.doc), try engine.search("\"科研 团队15个\"").hits.map(\.doc), "inside quotes, as a space")
        XCTAssertEqual(phrase.tokens, try engine.search("\"科研 团队15个\"").tokens)
        for q in ["\u{0}", "a\u{0}", "\"\u{0}", "\u{0}\"研究院", "-\u{0}研究院"] {
            XCTAssertNoThrow(try engine.search(q), q.debugDescription)
        }
    }

    func testPhraseExclusionAndOr() throws {
        XCTAssertFalse(try texts("\"科研团队15个\"").isEmpty)
        let without = try texts("研究院 -稀土")
        XCTAssertFalse(without.isEmpty)
        XCTAssertTrue(without.allSatisfy { !$0.contains("稀土") })
        let either = try engine.search("条例 OR 科研团队")
        XCTAssertEqual(Set(either.hits.map(\.doc)), ["laws/traditional.txt", "sample.txt"])
        XCTAssertTrue(try engine.search("-稀土").hits.isEmpty, "exclusions alone match nothing")
    }

    func testAllTermsFirstThenMostTerms() throws {
        let strict = try engine.search("研究院 人才")
        XCTAssertTrue(strict.matchedAll)
        XCTAssertTrue(strict.hits.allSatisfy { h in ["研究院", "人才"].allSatisfy { (h.text + h.heading.joined()).contains($0) } },
                      "every term in the passage or its headings")
        let relaxed = try engine.search("研究院 人才 不存在的词语")
        XCTAssertFalse(relaxed.matchedAll, "no passage has all three terms")
        XCTAssertFalse(relaxed.hits.isEmpty, "a missing word does not empty the answer")
        let first = try XCTUnwrap(relaxed.hits.first)
        XCTAssertTrue(first.text.contains("研究院") && first.text.contains("人才"), "passages with the most terms come first")
        XCTAssertFalse(relaxed.warnings.isEmpty)
    }

    func testTitleTermsCountForTheirDocument() throws {
        // 条例 is in the title of laws/traditional.txt; 研发投入 only in its second article's text.
        let r = try engine.search("科技条例 研发投入")
        XCTAssertTrue(r.matchedAll)
        XCTAssertEqual(r.hits.first?.doc, "laws/traditional.txt")
    }

    func testPagingIsStable() throws {
        var o = SearchOptions(); o.limit = 3
        let all = try engine.search("研究院", options: { var p = o; p.limit = 30; return p }())
        var paged: [String] = []
        for off in stride(from: 0, to: all.total, by: 3) {
            o.offset = off
            let page = try engine.search("研究院", options: o)
            XCTAssertEqual(page.total, all.total)
            paged += page.hits.map { "\($0.doc)#\($0.passage)" }
        }
        XCTAssertEqual(paged, all.hits.map { "\($0.doc)#\($0.passage)" })
    }

    func testArgumentErrors() {
        var o = SearchOptions(); o.limit = 0
        XCTAssertThrowsError(try engine.search("研究院", options: o)) { XCTAssertEqual(($0 as? ZhikuError)?.code, .argument) }
        o.limit = 10; o.offset = 995
        XCTAssertThrowsError(try engine.search("研究院", options: o))
        XCTAssertThrowsError(try engine.search("   ")) { XCTAssertEqual(($0 as? ZhikuError)?.code, .argument) }
        XCTAssertThrowsError(try engine.search(String(repeating: "研", count: 300))) { XCTAssertEqual(($0 as? ZhikuError)?.code, .argument) }
        o = SearchOptions(); o.document = "nope.txt"
        XCTAssertThrowsError(try engine.search("研究院", options: o)) { XCTAssertEqual(($0 as? ZhikuError)?.code, .notFound) }
    }

    func testDocumentFilterAndDocumentView() throws {
        var o = SearchOptions(); o.document = "mixed.md"
        XCTAssertEqual(Set(try engine.search("研究", options: o).hits.map(\.doc)), ["mixed.md"])
        let d = try engine.document(id: "sample.txt")
        XCTAssertEqual(d.title, "赣州高新区科技创新工作情况汇报")
        XCTAssertEqual(d.passages.count, d.passageCount)
        XCTAssertEqual(d.text, d.passages.map(\.text).joined(separator: "\n"), "the passages give the body back")
        let one = try engine.document(id: "sample.txt", passage: 2)
        XCTAssertEqual(one.passages.map(\.number), [2])
        XCTAssertThrowsError(try engine.document(id: "sample.txt", passage: 999)) { XCTAssertEqual(($0 as? ZhikuError)?.code, .notFound) }
    }

    func testJSONHasTheInterfaceFields() throws {
        let json = try engine.search("科研团队").json
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        for k in ["query", "tokens", "total", "total_exact", "offset", "limit", "timed_out", "hits"] { XCTAssertNotNil(obj[k], k) }
        let hit = (obj["hits"] as! [[String: Any]])[0]
        for k in ["rank", "doc", "title", "passage", "heading", "text", "snippet", "hl", "score", "entities"] { XCTAssertNotNil(hit[k], k) }
        XCTAssertFalse(json.contains("\\u"), "raw UTF-8, no escapes")
    }
}

extension SearchTests {
    /// Single characters live in the index as the first half of bigrams; the query layer asks for
    /// them as prefixes, and must find every occurrence: inside a run, at its end, alone.
    func testSingleCharactersEverywhere() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "标题\n和平发展。\n讲和\n和\nA和B\nR和平")
        try f.build()
        let e = try f.engine()
        var o = SearchOptions(); o.limit = 20
        let r = try e.search("和", options: o)
        let marked = r.hits.flatMap { h -> [String] in
            let s = Array(h.snippet.unicodeScalars)
            return h.hl.map { String(String.UnicodeScalarView(s[$0])) }
        }
        XCTAssertEqual(marked.count, 5, "every 和 is found and highlighted alone: \(r.hits.map(\.snippet))")
        XCTAssertTrue(marked.allSatisfy { $0 == "和" })
        XCTAssertFalse(try e.search("R和").hits.isEmpty, "a lone character at a term's end is a prefix")
        XCTAssertFalse(try e.search("A和B").hits.isEmpty)
        XCTAssertTrue(try e.search("和C").hits.isEmpty)
        XCTAssertFalse(try e.search("讲和").hits.isEmpty, "a run's last character")
    }
}
