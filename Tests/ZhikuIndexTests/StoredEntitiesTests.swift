import Foundation
import GRDB
import XCTest
import ZhikuExtract
@testable import ZhikuIndex

/// Passage entities are extracted once, at index time, and stored packed (``EntityCodec``): what a
/// search returns must be what extracting at query time returned before.
final class StoredEntitiesTests: XCTestCase {
    /// A document whose organizations teach the alias resolver a name after extraction (the
    /// stored entities must then come from a second extraction with the final table), one with an
    /// explicit definition, dates relative to its date, and one with no entities at all.
    func addDocuments(to f: IndexFixture) throws {
        try f.addSampleReport()
        try f.write("defs.md", """
            ---
            date: 2021-06-30
            ---
            # 合作备忘录

            中国科学院赣江创新研究院（以下简称“赣江院”）与赣州市人民政府签署协议。
            赣江院今年6月底前建成实验室3个，投入资金4.47亿元，去年引进人才150余名。
            中科院赣江创新院(稀土研究院)将于2022年10月16日启用一期工程，建筑面积7.35万平方米。
            """)
        try f.write("plain.txt", "没有数字也没有机构的一段话。\n")
    }

    func testStoredEntitiesEqualQueryTimeExtraction() throws {
        let f = try IndexFixture()
        try addDocuments(to: f)
        let store = try IndexStore.openForWriting(directory: f.index)
        _ = try Indexer(store: store, extractor: ExtractionKnowledge()).run(roots: [f.corpus])
        let engine = try Engine(indexDirectory: f.index, extractor: ExtractionKnowledge())
        let rows = try engine.store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.body, p.entities, d.date, d.context, d.path FROM passage p JOIN document d ON d.id = p.document_id ORDER BY p.id
                """)
        }
        XCTAssertGreaterThan(rows.count, 20)
        var nonEmpty = 0, empty = 0
        var bodies: [String: [String]] = [:], contexts: [String: String] = [:]
        for row in rows {
            let body = StoredText.decode(row[0] as Data)
            let packed: Data = try XCTUnwrap(row[1] as Data?, "entities not stored for a passage of \(row[4] as String)")
            let stored = packed.withUnsafeBytes { EntityCodec.unpack($0) }
            let extracted = ExtractionKnowledge().entitiesJSON(passage: body, documentDate: row[2], context: row[3])
            XCTAssertEqual(stored, extracted, "passage of \(row[4] as String): \(body.prefix(40))")
            if packed.isEmpty { empty += 1 } else { nonEmpty += 1 }
            bodies[row[4], default: []].append(body)
            if let context = row[3] as String? { contexts[row[4]] = context }
        }
        // A document whose final alias table is larger than the one its passages were first
        // extracted with (the definitions alone): this test covered the second extraction.
        let relearnt = bodies.filter { path, texts in
            var first = AliasTable()
            texts.forEach { first.learn(from: $0) }
            return ExtractionKnowledge.aliasTable(fromContext: contexts[path]) != first
        }
        XCTAssertGreaterThan(nonEmpty, 10)
        XCTAssertGreaterThan(empty, 0, "passages without entities are stored as empty blobs")
        XCTAssertFalse(relearnt.isEmpty, "no document learned aliases after extraction: the second extraction went untested")
    }

    /// Searches answer with the stored entities, and with the entities extracted at query time
    /// (the fall-back for passages stored without them, and what every search did before):
    /// the same hits, byte for byte.
    func testSearchesAgreeWithAndWithoutStoredEntities() throws {
        let f = try IndexFixture()
        try addDocuments(to: f)
        _ = try Indexer(store: try IndexStore.openForWriting(directory: f.index), extractor: ExtractionKnowledge()).run(roots: [f.corpus])
        let queries = ["赣江院", "研究院", "实验室", "平台", "亿元", "今年", "创新 中心", "没有数字"]
        func answers() throws -> [[String?]] {
            let engine = try Engine(indexDirectory: f.index, extractor: ExtractionKnowledge())
            return try queries.map { q in
                var o = SearchOptions()
                o.limit = 50
                return try engine.search(q, options: o).hits.map(\.entitiesJSON)
            }
        }
        let stored = try answers()
        let queue = try DatabaseQueue(path: f.index.appendingPathComponent(Schema.fileName).path)
        try queue.write { db in try db.execute(sql: "UPDATE passage SET entities = NULL") }
        try queue.close()
        let extracted = try answers()
        XCTAssertEqual(stored, extracted)
        XCTAssertGreaterThan(stored.joined().filter { $0 != nil && $0 != NoExtraction.empty }.count, 10)
    }

    func testCodecRoundTrips() throws {
        let f = try IndexFixture()
        try addDocuments(to: f)
        let texts = try String(contentsOf: IndexFixture.sampleReport, encoding: .utf8).split(separator: "\n").map(String.init)
        var packedBytes = 0, jsonBytes = 0
        for (i, t) in texts.enumerated() {
            let json = ExtractionKnowledge().entitiesJSON(passage: t, documentDate: i % 2 == 0 ? "2021-06-30" : nil, context: nil)
            let packed = EntityCodec.pack(json)
            XCTAssertEqual(packed.withUnsafeBytes { EntityCodec.unpack($0) }, json)
            if json == NoExtraction.empty { XCTAssertTrue(packed.isEmpty) } else { packedBytes += packed.count; jsonBytes += json.utf8.count }
        }
        XCTAssertGreaterThan(jsonBytes, 0)
        XCTAssertLessThan(packedBytes * 10, jsonBytes * 7, "the tokens should save at least 30%")
        // JSON the tokens cannot stand in for: stored as it is, after a 0.
        for odd in ["{\"figures\":[\u{01}]}", "", "{\"surface\":\"\\n\",\"start\":1}", "\u{14}\u{15}\u{1F}"] {
            XCTAssertEqual(EntityCodec.pack(odd).withUnsafeBytes { EntityCodec.unpack($0) }, odd.isEmpty ? NoExtraction.empty : odd)
        }
    }
}
