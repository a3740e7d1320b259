import Foundation
import XCTest
import ZhikuExtract
import ZhikuIndex
@testable import ZhikuServer

/// The client decodes what the server encodes (issue 19): each response type read back from a
/// real reply and written again gives the reply's `data` byte for byte, so that `--server` prints
/// what the local engine prints, in every format.
final class ResponseDecodingTests: XCTestCase {
    func testIssue19EveryResponseTypeReadsBackToTheSameBytes() throws {
        let f = try ServerFixture()
        defer { f.stop() }
        let c = try f.client()
        func roundTrip<T: Decodable & JSONWritable>(_ line: String, _ type: T.Type, file: StaticString = #filePath, line l: UInt = #line) throws -> T {
            let reply = try c.call(line)
            XCTAssertTrue(reply.ok, "\(line): \(reply.error?.message ?? "")", file: file, line: l)
            let value = try reply.decode(T.self)
            XCTAssertEqual(value.json, reply.dataJSON, line, file: file, line: l)
            return value
        }
        for q in ["研究团队", "𠮷野家", "科研平台 -门店", "投资 亿元"] {
            let r = try roundTrip("SEARCH limit=5 mark=[,] -- \(q)", SearchResponse.self)
            XCTAssertEqual(r.hits.isEmpty, false, q)
            XCTAssertNotNil(r.hits.first?.entitiesJSON, "entities come back")
        }
        _ = try roundTrip("SEARCH ent=0 offset=1 limit=2 -- 研究", SearchResponse.self)
        let facts = try roundTrip("FACTS limit=5 -- 科研团队", FactsResponse.self)
        XCTAssertFalse(facts.answers.isEmpty)
        _ = try roundTrip("FACTS limit=3 -- 国家稀土功能材料创新中心什么时候批复的", FactsResponse.self)
        _ = try roundTrip("DOC -- ganzhou.txt", DocumentResponse.self)
        let passage = try roundTrip("DOC passage=2 -- ganzhou.txt", DocumentResponse.self)
        XCTAssertNotNil(passage.passages.first?.entitiesJSON)
        let stats = try roundTrip("STATS", StatsResponse.self)
        XCTAssertEqual(stats.extra.map(\.0), StatsResponse.serverFields)
        _ = try roundTrip("ENTITIES doc=ganzhou.txt", EntityGroups.self)
        _ = try roundTrip("ENTITIES limit=20", KnowledgeBaseSummary.self)
        let text = try c.call("ENTITIES -- 2021年工信部批复，投资4.47亿元，建筑面积约1.2万平方米")
        XCTAssertEqual(EntityJSON.entities(try text.decode(Entities.self)), text.dataJSON)

        // The typed calls of the client give the engine's own answers.
        var o = SearchOptions()
        o.limit = 3
        o.marks = ("【", "】")
        var remote = try c.search("研究团队", options: o)
        var local = try f.engine.search("研究团队", options: o)
        remote.tookMs = 0
        local.tookMs = 0
        XCTAssertEqual(remote.json, local.json)
        XCTAssertEqual(try c.facts("科研团队", limit: 2).json, try f.engine.facts("科研团队", limit: 2).json)
        XCTAssertEqual(try c.document(id: "extra/team.txt", passage: 1).json, try f.engine.document(id: "extra/team.txt", passage: 1, length: 65_536).json)
        XCTAssertEqual(try c.entities(documentID: "ganzhou.txt").json, try f.engine.entities(documentID: "ganzhou.txt").json)
        XCTAssertEqual(try c.knowledgeBase(limit: 10).json, try f.engine.knowledgeBase(limit: 10).json)
        XCTAssertThrowsError(try c.document(id: "nope.txt")) { XCTAssertEqual(($0 as? ZhikuError)?.code, .notFound) }
    }
}
