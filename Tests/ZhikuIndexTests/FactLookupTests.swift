import Foundation
import XCTest
import ZhikuExtract
@testable import ZhikuIndex

/// Issue 18: documents first, then the figure; abstention with a reason; `why`; profiles; search
/// filters and alias expansion. A small corpus of look-alike reports where the words of the wrong
/// one match the question better.
final class FactLookupTests: XCTestCase {
    static var fixture: IndexFixture!
    static var engine: Engine!

    override class func setUp() {
        fixture = try! IndexFixture()
        try! fixture.write("reports/hubei-2025.txt", """
            2025年湖北省政府工作报告
            ——2025年1月16日在湖北省第十四届人民代表大会第三次会议上
            一、2024年工作回顾
            过去一年，全省技术合同成交额突破4500亿元，高新技术企业达到3万家。
            二、2025年工作安排
            力争技术合同成交额突破6000亿元。
            """)
        try! fixture.write("reports/sichuan-2025.txt", """
            2025年四川省政府工作报告
            ——2025年1月19日在四川省第十四届人民代表大会第三次会议上
            一、2024年工作回顾
            全省技术合同成交额达到2607亿元，技术合同成交额增长较快，技术合同成交额创历史新高。
            """)
        try! fixture.write("reports/hubei-2026.txt", """
            2026年湖北省政府工作报告
            ——2026年1月27日在湖北省第十四届人民代表大会第四次会议上
            一、“十四五”时期和2025年工作回顾
            全省技术合同成交额居全国第3位，达到5700亿元。
            """)
        try! fixture.write("laws/example.txt", """
            # 中华人民共和国示例促进法
            2001年5月1日 第九届全国人民代表大会常务委员会第二十一次会议通过
            2010年6月2日 第十一届全国人民代表大会常务委员会第十五次会议《关于修改〈中华人民共和国示例促进法〉的决定》第一次修正
            2018年10月26日 第十三届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国示例促进法〉的决定》第二次修正
            第一章 总则
            第一条 为了促进示例事业发展，制定本法。
            """)
        try! fixture.addSampleReport()
        let store = try! IndexStore.openForWriting(directory: fixture.index)
        _ = try! Indexer(store: store, extractor: ExtractionKnowledge()).run(roots: [fixture.corpus])
        engine = try! Engine(indexDirectory: fixture.index, extractor: ExtractionKnowledge())
    }

    override class func tearDown() { engine = nil; fixture = nil }

    var engine: Engine { FactLookupTests.engine }

    func testIssue18TheDocumentTheQuestionNamesAnswersEvenWhenAnotherMatchesBetter() throws {
        let hubei = try engine.facts("湖北省2025年政府工作报告中，2024年技术合同成交额突破了多少？")
        let first = try XCTUnwrap(hubei.answers.first, hubei.reason ?? "")
        XCTAssertEqual(first.doc, "reports/hubei-2025.txt")
        XCTAssertEqual(first.surface, "突破4500亿元")
        XCTAssertTrue(hubei.answers.allSatisfy { $0.doc == "reports/hubei-2025.txt" }, "candidates come only from the named document")
        XCTAssertEqual(hubei.documents, ["地点 湖北省", "年份 2025"])

        let sichuan = try engine.facts("四川省2025年政府工作报告中技术合同成交额达到多少？")
        XCTAssertEqual(sichuan.answers.first?.doc, "reports/sichuan-2025.txt")
        XCTAssertEqual(sichuan.answers.first?.surface, "2607亿元")

        let rank = try engine.facts("湖北省2026年政府工作报告提到，技术合同成交额在全国排第几位？")
        XCTAssertEqual(rank.answers.first?.kind, "rank")
        XCTAssertEqual(rank.answers.first?.doc, "reports/hubei-2026.txt")
        XCTAssertTrue(rank.answers.first?.recordJSON.contains("\"value\":3") ?? false, rank.answers.first?.recordJSON ?? "none")
    }

    func testIssue18TheRevisionAskedIsTheOneAnswered() throws {
        let r = try engine.facts("《中华人民共和国示例促进法》第二次修正是哪天通过的？")
        XCTAssertTrue(r.answers.first?.recordJSON.contains("\"value\":\"2018-10-26\"") ?? false, "\(r.answers.map(\.surface)) \(r.reason ?? "")")
        XCTAssertTrue(r.answers.allSatisfy { $0.surface != "2001年5月1日" }, "the adoption is no revision")
    }

    func testIssue18AnswersSayWhy() throws {
        let r = try engine.facts("湖北省2025年政府工作报告中，2024年技术合同成交额突破了多少？")
        let why = try XCTUnwrap(r.answers.first?.why)
        XCTAssertFalse(why.isEmpty)
        XCTAssertTrue(why.allSatisfy { $0.contribution > 0 })
        XCTAssertTrue(r.json.contains("\"why\":[{\"feature\":"), "why is in the JSON")
        XCTAssertTrue(r.json.hasPrefix("{\"question\":"), "the existing fields come first, unchanged")
    }

    func testIssue18NothingFitsIsAnEmptyAnswerWithAReason() throws {
        let cases = [
            "湖",                                              // one character
            String(repeating: "技术合同成交额", count: 300),      // 2,100 characters
            "？？！！……",                                       // punctuation only
            "湖北",                                            // a place only
            "2035年湖北省政府工作报告中技术合同成交额是多少",          // a year in the future
            "《中华人民共和国火星开发法》规定的罚款是多少",             // a law that does not exist
            "广东省2025年政府工作报告中技术合同成交额是多少",          // a place the index has no report of
        ]
        for q in cases {
            let r = try engine.facts(q)
            XCTAssertTrue(r.answers.isEmpty, "\(q.prefix(20)): \(r.answers.map { "\($0.surface) \($0.doc)" })")
            XCTAssertNotNil(r.reason, "\(q.prefix(20)) says why")
        }
        XCTAssertTrue(try engine.facts("2035年湖北省政府工作报告中技术合同成交额是多少").reason?.contains("2035") ?? false)
        XCTAssertTrue(try engine.facts("《中华人民共和国火星开发法》规定的罚款是多少").reason?.contains("火星开发法") ?? false)
        XCTAssertFalse(try engine.facts("广东省2025年政府工作报告中技术合同成交额是多少").warnings.isEmpty, "the widening is said")
    }

    func testIssue18ProfilesAreStoredAndShown() throws {
        let d = try engine.document(id: "reports/hubei-2025.txt")
        let p = try XCTUnwrap(d.profile)
        XCTAssertEqual(p.place?.name, "湖北省")
        XCTAssertEqual(p.kind, .governmentWorkReport)
        XCTAssertEqual(p.reportYear, 2024)
        XCTAssertTrue(d.json.contains("\"profile\":{\"place\":\"湖北省\""))
        let s = try engine.stats()
        XCTAssertEqual(s.kinds.first { $0.0 == "政府工作报告" }?.1, 3)
        XCTAssertEqual(s.reportYears, 2018...2025, "the law reports on the year of its last revision")
    }

    func testIssue18SearchFiltersOnTheProfile() throws {
        var o = SearchOptions()
        o.filter = DocumentFilter(place: "湖北", year: 2026, kind: "政府工作报告")
        let r = try engine.search("技术合同成交额", options: o)
        XCTAssertEqual(Set(r.hits.map(\.doc)), ["reports/hubei-2026.txt"])
        o.filter = DocumentFilter(kind: "法规")
        XCTAssertEqual(Set(try engine.search("示例", options: o).hits.map(\.doc)), ["laws/example.txt"])
        o.filter = DocumentFilter(place: "赣州")
        let inZone = try engine.search("科研团队", options: o).hits
        XCTAssertFalse(inZone.isEmpty)
        XCTAssertTrue(inZone.allSatisfy { $0.doc == "sample.txt" }, "a zone is inside its city")
        o.filter = DocumentFilter(place: "火星")
        XCTAssertThrowsError(try engine.search("示例", options: o)) { XCTAssertEqual(($0 as? ZhikuError)?.code, .argument) }
    }

    func testIssue18AliasExpansionFindsThePassagesThatOnlyUseTheOtherName() throws {
        var o = SearchOptions()
        o.limit = 50
        let r = try engine.search("稀土研究院", options: o)
        let exact = r.hits.filter { $0.text.contains("稀土研究院") || $0.heading.contains { $0.contains("稀土研究院") } }
        let other = r.hits.filter { !$0.text.contains("稀土研究院") && !$0.heading.contains { $0.contains("稀土研究院") } }
        XCTAssertFalse(exact.isEmpty)
        XCTAssertFalse(other.isEmpty, "passages that say only 中国科学院赣江创新研究院 or 中科院赣江创新院 are found")
        XCTAssertTrue(other.allSatisfy { $0.text.contains("赣江创新") }, "\(other.map(\.text))")
        XCTAssertLessThan(exact.map(\.rank).max()!, other.map(\.rank).min()!, "every exact match ranks before the other names")
        XCTAssertTrue(r.warnings.contains { $0.hasPrefix("expanded 稀土研究院") }, "\(r.warnings)")
        o.expandAliases = false
        XCTAssertEqual(try engine.search("稀土研究院", options: o).hits.count, exact.count, "without expansion, the exact matches only")
    }
}
