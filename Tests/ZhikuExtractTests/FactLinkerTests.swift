import XCTest
@testable import ZhikuExtract

final class FactLinkerTests: XCTestCase {
    func facts(_ text: String, headings: [String] = [], subject: String? = nil, date: String = "2021-05-28",
               aliases: AliasTable = AliasTable()) -> [Fact] {
        let e = Extractor(documentDate: SimpleDate(iso: date)).extract(text, aliases: aliases)
        return FactLinker().facts(in: text, entities: e, headings: headings, documentSubject: subject, aliases: aliases)
    }

    func testAttributes() {
        let f = facts("截至2020年底，研究院已集聚科研人员150余名，组建科研团队15个。", subject: "中国科学院赣江创新研究院")
        XCTAssertEqual(f.compactMap { $0.figure == nil ? nil : $0.attribute }, ["科研人员", "科研团队"])
        XCTAssertEqual(f.first?.factDate, "2020", "a sentence-opening date dates the figures")
        XCTAssertNil(f.first?.date, "but it is not a date of the clause")
        XCTAssertEqual(f.first?.subject, "中国科学院赣江创新研究院", "falls back to the document subject")
        let g = facts("一期工程占地100亩，建筑面积7.35万平方米。二期项目科研办公区项目占地472.36亩。")
        XCTAssertEqual(g.map { $0.attribute }, ["一期工程占地", "建筑面积", "占地"])
        let h = facts("中科院赣江创新院2020年可填研发投入7.67亿元。")
        XCTAssertEqual(h.first?.attribute, "研发投入")
        XCTAssertEqual(h.first?.subject, "中国科学院赣江创新院")
        XCTAssertEqual(h.first?.factDate, "2020")
        XCTAssertEqual(facts("填报R&D经费为4.47亿元").first?.attribute, "R&D经费")
        XCTAssertEqual(facts("全区拥有规模以上工业企业116家").first?.attribute, "规模以上工业企业")
    }

    func testSubjectFromHeadingAndAliases() {
        var aliases = AliasTable()
        aliases.learn(from: "中国科学院赣江创新研究院（以下简称“赣江研究院”）")
        let f = facts("现有科研人员182名。", headings: ["三、创新平台和载体培育情况", "（一）全力支持赣江研究院建设"],
                      subject: "赣州高新技术产业开发区", aliases: aliases)
        XCTAssertEqual(f.first?.subject, "中国科学院赣江创新研究院")
        XCTAssertEqual(f.first?.attribute, "科研人员")
        let g = facts("赣州稀土集团有限公司注册资本50亿元。", headings: ["（一）全力支持赣江研究院建设"], aliases: aliases)
        XCTAssertEqual(g.first?.subject, "赣州稀土集团有限公司", "an org in the clause beats the heading")
        XCTAssertEqual(g.first?.attribute, "注册资本")
    }

    func testDateFacts() {
        let f = facts("2020330日，国家工业和信息化部正式批复国瑞科创稀土功能材料有限公司牵头组建创新中心。")
        let d = f.first { $0.figure == nil }
        XCTAssertEqual(d?.attribute, "批复")
        XCTAssertEqual(d?.factDate, "2020-03-30")
        XCTAssertEqual(d?.subject, "工业和信息化部")
        XCTAssertTrue(facts("2020年，园区发展良好。").isEmpty, "a date without an event verb is no fact")
    }

    func testPlatformName() {
        let l = FactLinker()
        XCTAssertEqual(l.platformName(fromHeading: "（二）推进中国稀金(赣州)新材料研究院建设。"), "中国稀金(赣州)新材料研究院")
        XCTAssertEqual(l.platformName(fromHeading: "(三)全力推进国家稀土功能材料创新中心建设"), "国家稀土功能材料创新中心")
        XCTAssertNil(l.platformName(fromHeading: "三、创新平台和载体培育情况"))
        XCTAssertTrue(FactLinker.isNumberedHeading("1.2020年"))
        XCTAssertFalse(FactLinker.isNumberedHeading("赣州高新区科技创新工作情况汇报"))
    }

    func testJSONKeys() throws {
        let fact = Fact(subject: "X", attribute: "占地", factDate: "2021", confidence: 0.5)
        let json = String(data: try JSONEncoder().encode(fact), encoding: .utf8)!
        XCTAssertTrue(json.contains("\"fact_date\":\"2021\""), json)
    }
}
