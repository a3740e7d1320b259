import Foundation
import XCTest
@testable import ZhikuIndex
@testable import ZhikuServer

/// FACTS and ENTITIES over the wire carry exactly what the engine (and the CLI) print.
final class KnowledgeVerbTests: XCTestCase {
    func testFactsAndEntities() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let facts = try c.call("FACTS limit=2 -- 科研团队")
        XCTAssertTrue(facts.ok)
        XCTAssertEqual(facts.dataJSON, try f.engine.facts("科研团队", limit: 2).json.replacingOccurrences(of: "\"took_ms\"", with: "\"took_ms\""))
        XCTAssertEqual(facts.facts?.answers.first?.surface, "15个")
        let none = try c.call("FACTS -- 火星基地有多少个宇航员")
        XCTAssertTrue(none.ok, "no answer is not an error")
        XCTAssertEqual(none.facts?.answers.count, 0)
        XCTAssertFalse(try c.call("FACTS limit=0 -- 科研团队").ok)

        let text = try c.call("ENTITIES -- 工信部批复，投资4.47亿元")
        XCTAssertEqual(text.dataJSON, f.engine.entities(text: "工信部批复，投资4.47亿元"))
        let doc = try c.call("ENTITIES types=orgs doc=ganzhou.txt")
        XCTAssertEqual(doc.groups?.figures.count, 0, "types=orgs drops the other groups")
        XCTAssertGreaterThan(doc.groups?.orgs.count ?? 0, 3)
        XCTAssertEqual(try c.call("ENTITIES doc=nope.txt").error?.code, "ERR_NOT_FOUND")
        let kb = try c.call("ENTITIES limit=5")
        XCTAssertNotNil(kb.knowledgeBase?.platforms)
    }

    func testIssue18SearchFiltersOnTheProfile() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let zone = try c.call("SEARCH place=赣州高新区 kind=汇报 -- 科研团队")
        XCTAssertTrue(zone.ok)
        let response = try zone.decode(SearchResponse.self)
        XCTAssertEqual(Set(response.hits.map(\.doc)), ["ganzhou.txt"], "only the briefing about the zone")
        var o = SearchOptions()
        o.filter = DocumentFilter(place: "赣州高新区", kind: "汇报")
        XCTAssertEqual(response.total, try f.engine.search("科研团队", options: o).total, "what the engine answers")
        XCTAssertEqual(try c.call("SEARCH place=湖北 -- 科研团队").decode(SearchResponse.self).total, 0, "no document about 湖北")
        XCTAssertEqual(try c.call("SEARCH place=火星 -- 科研团队").error?.code, "ERR_ARG")
        XCTAssertEqual(try c.call("SEARCH year=abc -- 科研团队").error?.code, "ERR_ARG")
        XCTAssertEqual(try c.call("SEARCH kind=小说 -- 科研团队").error?.code, "ERR_ARG")
        // The client sends the filter the same way.
        let line = try ZhikuClient.searchLine("科研团队", options: o)
        XCTAssertTrue(line.contains(" place=赣州高新区") && line.contains(" kind=汇报"), line)
    }

    func testSearchBudgetIsReported() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        let r = try c.call("SEARCH timeout=5000 -- 研究团队")
        XCTAssertEqual(r.search?.timedOut, false)
    }
}
