import Foundation
import XCTest
import ZhikuExtract
import ZhikuTestSupport

final class KnowledgeCLITests: XCTestCase {
    func testExtractFilter() throws {
        let r = try Binary.run(["extract", "--date", "2021-05-28"], stdin: "截至今年6月底，研究院集聚科研人员150余名，建筑面积7.35万平方米，中科院投入4.47亿元。")
        XCTAssertEqual(r.status, 0, r.stderr)
        let obj = try JSONDecoder().decode(Entities.self, from: Data(r.stdout.utf8))
        let values = obj.figures.map { ($0.value, $0.unit) }
        XCTAssertTrue(values.contains { $0 == (150, "名") })
        XCTAssertTrue(values.contains { $0 == (73500, "平方米") })
        XCTAssertTrue(values.contains { $0 == (447_000_000, "元") })
        XCTAssertEqual(obj.figures.first { $0.value == 150 }?.approx, "余")
        XCTAssertTrue(obj.dates.contains { $0.value == "2021-06" && $0.mod == "end" })
        XCTAssertTrue(obj.orgs.contains { $0.canonical == "中国科学院" })

        let bad = try Binary.run(["extract", "--date", "2021-13-40"], stdin: "x")
        XCTAssertEqual(bad.status, 2)
    }

    func testIssue18ExtractReferenceYear() throws {
        let text = "全年粮食总产量308525吨，比上年增长1.1%；年末常住人口488403人。"
        let r = try Binary.run(["extract", "--date", "2023-03-28", "--reference-year", "2022"], stdin: text)
        XCTAssertEqual(r.status, 0, r.stderr)
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: [[String: Any]]]
        XCTAssertEqual(obj["dates"]!.map { $0["value"] as? String }, ["2022", "2021", "2022"], r.stdout)
        let plain = try Binary.run(["extract", "--date", "2023-03-28"], stdin: text)
        XCTAssertTrue(plain.stdout.contains("\"2023\""), "without it, the publication year")
        let month = try Binary.run(["extract", "--date", "2022-12", "--reference-year", "2021"], stdin: "全年")
        XCTAssertEqual(month.status, 0, month.stderr)
        XCTAssertTrue(month.stdout.contains("\"2021\""), month.stdout)
        let bad = try Binary.run(["extract", "--reference-year", "22"], stdin: "x")
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("--reference-year"), bad.stderr)
    }

    func testFactsCommand() throws {
        let ws = try Workspace()
        try ws.addSampleReport()
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "-q"]).status, 0)
        let r = try Binary.run(["facts", "--index", ws.index.path, "--format", "json", "科研团队"])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Every field of a figure answer is there (a missing one fails to decode; approx may be null).
        struct Answers: Decodable {
            struct Answer: Decodable {
                var surface: String, value: Double, unit: String, kind: String, approx: String?
                var subject: String?, attribute: String?, doc: String, passage: Int, evidence: String, hl: [[Int]]
            }
            var answers: [Answer]
        }
        let first = try XCTUnwrap(try JSONDecoder().decode(Answers.self, from: Data(r.stdout.utf8)).answers.first)
        XCTAssertTrue(r.stdout.contains(#""approx":"#) && r.stdout.contains(#""subject":"#) && r.stdout.contains(#""attribute":"#))
        XCTAssertEqual(first.value, 15)
        let none = try Binary.run(["facts", "--index", ws.index.path, "火星基地有多少个宇航员"])
        XCTAssertEqual(none.status, 1, "nothing fits: exit 1")
        let ent = try Binary.run(["entities", "--index", ws.index.path, "--format", "json"])
        XCTAssertTrue(ent.stdout.contains("\"platforms\""))
        let text = try Binary.run(["entities", "--text", "工信部批复成立创新中心"])
        XCTAssertTrue(text.stdout.contains("工业和信息化部") || text.stdout.contains("工信部"), text.stdout)
    }
}
