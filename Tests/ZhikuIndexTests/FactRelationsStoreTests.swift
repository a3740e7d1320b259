import Foundation
import GRDB
import XCTest
import ZhikuExtract
import ZhikuText
@testable import ZhikuIndex

/// Issue 18: what extraction adds to a fact (role, status, scope, ordinal; rank and org kinds)
/// reaches the `fact` table, and the reference year reaches the stored entities.
final class FactRelationsStoreTests: XCTestCase {
    func testIssue18RelationsAreStored() throws {
        let fixture = try IndexFixture()
        try fixture.write("report.txt", """
            某省政府工作报告
            一、2025年工作回顾
            城镇化率从52.6%提高到58.5%，技术合同成交额累计达260亿元，增速居全国第3位。
            二、2026年主要工作
            力争研发投入强度达到3.4%左右。
            三、有关规定
            奖金数额由国务院规定。
            2008年12月27日 第十一届全国人民代表大会常务委员会第六次会议第三次修正
            """)
        let store = try IndexStore.openForWriting(directory: fixture.index)
        _ = try Indexer(store: store, extractor: ExtractionKnowledge()).run(roots: [fixture.corpus])
        let db = try DatabaseQueue(path: fixture.index.appendingPathComponent(Schema.fileName).path)
        let rows = try db.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, value, surface, attribute, role, status, scope, ordinal FROM fact")
        }
        func row(_ surface: String) -> Row? { rows.first { ($0["surface"] as String) == surface } }
        XCTAssertEqual(row("52.6%")?["role"] as String?, "from")
        XCTAssertEqual(row("58.5%")?["role"] as String?, "to")
        XCTAssertEqual(row("58.5%")?["status"] as String?, "achieved", "a review section")
        XCTAssertEqual(row("260亿元")?["scope"] as String?, "cumulative")
        XCTAssertEqual(row("第3位")?["kind"] as String?, "rank")
        XCTAssertEqual(row("第3位")?["value"] as Double?, 3)
        XCTAssertEqual(row("3.4%左右")?["status"] as String?, "target")
        XCTAssertEqual(row("国务院")?["kind"] as String?, "org")
        XCTAssertEqual(row("国务院")?["attribute"] as String?, "规定")
        XCTAssertNil(row("国务院")?["value"] as Double?)
        XCTAssertEqual(row("2008年12月27日")?["attribute"] as String?, "修正")
        XCTAssertEqual(row("2008年12月27日")?["ordinal"] as Int?, 3)
    }

    func testIssue18ReferenceYearReachesEntitiesAndFacts() throws {
        let text = "江西省2022年国民经济和社会发展统计公报\n\n全年粮食总产量2151.9万吨，比上年增长1.1%。年末常住人口4527.98万人。\n\n2023年3月28日\n"
        let document = try DocumentReader.read(Array(text.utf8), fileName: "bulletin.txt")
        var dated = document
        dated.metadata.date = "2023-03-28"
        let k = ExtractionKnowledge()
        let knowledge = k.knowledge(of: dated, referenceYear: 2022)
        XCTAssertTrue(knowledge.context?.contains("\"#reference_year\":\"2022\"") == true, knowledge.context ?? "nil")
        let entities = knowledge.passageEntities?.joined() ?? ""
        XCTAssertTrue(entities.contains("\"value\":\"2022\""), "全年 and 年末 resolve to 2022: \(entities)")
        XCTAssertFalse(entities.contains("\"value\":\"2023\",\"granularity\":\"year\""), entities)
        // what a query extracts again from the stored context is what was stored
        for (passage, stored) in zip(dated.passages, knowledge.passageEntities ?? []) {
            XCTAssertEqual(k.entitiesJSON(passage: passage.text, documentDate: "2023-03-28", context: knowledge.context), stored)
        }
        // no reference year, or the date's own year: nothing extra in the context
        XCTAssertNil(k.knowledge(of: dated, referenceYear: 2023).context)
        XCTAssertNil(k.knowledge(of: dated).context)
        let plain = k.knowledge(of: dated).passageEntities?.joined() ?? ""
        XCTAssertTrue(plain.contains("\"value\":\"2023\""), "by default the publication year")
    }
}
