import Foundation
import GRDB
import XCTest
@testable import ZhikuIndex

/// The knowledge base on the sample report: facts, platforms, organizations.
final class FactsTests: XCTestCase {
    static var fixture: IndexFixture!
    static var engine: Engine!

    override class func setUp() {
        fixture = try! IndexFixture()
        try! fixture.addSampleReport()
        let store = try! IndexStore.openForWriting(directory: fixture.index)
        _ = try! Indexer(store: store, extractor: ExtractionKnowledge()).run(roots: [fixture.corpus])
        engine = try! Engine(indexDirectory: fixture.index, extractor: ExtractionKnowledge())
    }

    override class func tearDown() { engine = nil; fixture = nil }

    var engine: Engine { FactsTests.engine }

    func testResearchTeams() throws {
        let r = try engine.facts("科研团队")
        let first = try XCTUnwrap(r.answers.first)
        XCTAssertEqual(first.surface, "15个")
        XCTAssertEqual(first.subject, "中国科学院赣江创新研究院")
        XCTAssertEqual(first.attribute, "科研团队")
        let s = Array(first.evidence.unicodeScalars)
        XCTAssertEqual(String(String.UnicodeScalarView(s[first.hl[0]])), "15个", "hl marks the figure in the evidence")
        XCTAssertEqual(try engine.facts("中科院赣江创新院有多少个科研团队").answers.first?.surface, "15个", "question form, subject through its abbreviation")
    }

    func testFloorAreasComeBeforeOtherAreasAndNeverLand() throws {
        let r = try engine.facts("建筑面积", limit: 10)
        let surfaces = r.answers.map(\.surface)
        XCTAssertFalse(r.answers.contains { $0.kind == "land_area" || $0.surface.hasSuffix("亩") }, "no land areas: \(surfaces)")
        let floor = ["7.35万平方米", "约18.8万平方米", "12.5万平方米"]
        let others = ["5.4万平方米", "13000多平方米", "3万平方米"]
        for f in floor { XCTAssertTrue(surfaces.contains(f), "\(f) in \(surfaces)") }
        let lastFloor = floor.compactMap { surfaces.firstIndex(of: $0) }.max() ?? 99
        let firstOther = others.compactMap { surfaces.firstIndex(of: $0) }.min() ?? 99
        XCTAssertLessThan(lastFloor, firstOther, "建筑面积/总建筑面积 before other areas: \(surfaces)")
        XCTAssertTrue(r.answers.filter { floor.contains($0.surface) }.allSatisfy { $0.subject != nil }, "each with its subject")
        XCTAssertEqual(r.answers.first { $0.surface == "约18.8万平方米" }?.recordJSON.contains(#""approx":"约""#), true)
        XCTAssertEqual(try engine.facts("一期工程建筑面积是多少").answers.first?.surface, "7.35万平方米")
    }

    func testDatesOfEvents() throws {
        let r = try engine.facts("国家稀土功能材料创新中心什么时候批复的")
        let first = try XCTUnwrap(r.answers.first)
        XCTAssertEqual(first.kind, "date")
        XCTAssertEqual(first.date, "2020-03-30")
        XCTAssertTrue(first.json.contains(#""granularity":"day""#))
    }

    func testNothingFitsMeansNoAnswer() throws {
        XCTAssertTrue(try engine.facts("火星基地有多少个宇航员").answers.isEmpty)
        XCTAssertTrue(try engine.facts("量子计算机什么时候批复的").answers.isEmpty)
        XCTAssertThrowsError(try engine.facts("  "))
    }

    func testPlatformsAndAliases() throws {
        let kb = try engine.knowledgeBase()
        let institute = try XCTUnwrap(kb.platforms.first { $0.name == "中国科学院赣江创新研究院" })
        XCTAssertTrue(institute.aliases.contains("稀土研究院"), "the bracketed other name: \(institute.aliases)")
        XCTAssertTrue(institute.aliases.contains("中国科学院赣江创新院"), "the abbreviation: \(institute.aliases)")
        XCTAssertFalse(institute.aliases.contains("中国科学院"), "the parent is not an alias")
        XCTAssertGreaterThan(institute.facts, 5)
        XCTAssertTrue(kb.platforms.contains { $0.name == "国家稀土功能材料创新中心" })
        XCTAssertTrue(kb.organizations.contains { $0.name == "江西理工大学" })
    }

    func testHitsCarryTheirPassagesEntities() throws {
        let hit = try XCTUnwrap(engine.search("科研团队").hits.first)
        let obj = try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(hit.entitiesJSON).utf8)) as! [String: [[String: Any]]]
        XCTAssertTrue(obj["figures"]!.contains { ($0["surface"] as? String) == "15个" && ($0["value"] as? Double) == 15 })
        let text = Array(hit.text.unicodeScalars)
        for f in obj["figures"]! {
            let (a, b) = (f["start"] as! Int, f["end"] as! Int)
            XCTAssertEqual(String(String.UnicodeScalarView(text[a..<b])), f["surface"] as? String, "offsets in code points of the passage")
        }
    }

    func testEntitiesOfADocument() throws {
        let g = try engine.entities(documentID: "sample.txt")
        XCTAssertTrue(g.figures.contains { $0.name == "4.47亿元" })
        let institute = try XCTUnwrap(g.orgs.first { $0.name == "中国科学院赣江创新研究院" })
        XCTAssertGreaterThanOrEqual(institute.mentions.count, 2)
    }

    /// Attributes matched in memory are the ones SQLite's `instr` finds, for keywords inside
    /// attributes, attributes inside keywords, and keywords that match nothing.
    func testAttributesMatchedInMemoryAsInstrFindsThem() throws {
        let attributes = try engine.store.pool.read { db in try engine.store.factAttributes.current(db) }
        XCTAssertGreaterThan(attributes.count, 10)
        var found = 0
        for term in ["研发投入", "高新区研发投入", "建筑面积", "一期工程建筑面积", "面积", "团队", "科研团队数量", "没有这个属性", "投入"] {
            let expected = try engine.store.pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT DISTINCT attribute FROM fact WHERE length(attribute) >= 2 AND (instr(attribute, ?) > 0 OR instr(?, attribute) > 0)
                    """, arguments: [term, term])
            }
            XCTAssertEqual(Set(FactAttributes.matching(term, in: attributes)), Set(expected), term)
            found += expected.count
        }
        XCTAssertGreaterThan(found, 5)
    }
}
