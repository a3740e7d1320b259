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

/// Issue 18: relations, ranks, organizations in their slot, events with ordinals, attributes at
/// word boundaries. Sentences in the style of the reports, not the eval set's.
final class RelationTests: XCTestCase {
    func facts(_ text: String, headings: [String] = [], date: String = "2024-03-05", year: Int? = nil) -> [Fact] {
        let e = Extractor(documentDate: SimpleDate(iso: date)).extract(text)
        return FactLinker().facts(in: text, entities: e, headingSubject: nil, documentSubject: nil, aliases: AliasTable(),
                                  headings: headings, publicationYear: year)
    }

    func fact(_ list: [Fact], _ surface: String, file: StaticString = #filePath, line: UInt = #line) -> Fact? {
        let f = list.first { ($0.figure?.surface ?? $0.organization?.surface ?? $0.date?.surface) == surface }
        XCTAssertNotNil(f, "\(surface) in \(list.map { $0.figure?.surface ?? $0.organization?.surface ?? $0.date?.surface ?? "?" })",
                        file: file, line: line)
        return f
    }

    func testIssue18FromTo() {
        let f = facts("城镇化率从52.6%提高到58.5%，农村居民收入由去年的1.2万元增加到1.5万元。")
        XCTAssertEqual(fact(f, "52.6%")?.role, "from")
        XCTAssertEqual(fact(f, "58.5%")?.role, "to")
        XCTAssertEqual(fact(f, "58.5%")?.attribute, "城镇化率")
        XCTAssertEqual(fact(f, "1.2万元")?.role, "from", "a date and 的 between the marker and the figure")
        XCTAssertEqual(fact(f, "1.5万元")?.role, "to")
        XCTAssertEqual(fact(facts("高新技术企业增至3.5万家"), "3.5万家")?.role, "to")
        XCTAssertEqual(fact(facts("高新技术企业增至3.5万家"), "3.5万家")?.attribute, "高新技术企业", "never 技术企业增")
        XCTAssertNil(fact(facts("由于投入增加，产值达到12亿元"), "12亿元")?.role, "由于 is no from, 达到 no to")
    }

    func testIssue18ChangeAndComparison() {
        let f = facts("牧业产值89081万元，增长-3.2%；工业总产值达到650亿元，比2019年的270亿元增长141%。")
        XCTAssertEqual(fact(f, "-3.2%")?.role, "change")
        XCTAssertEqual(fact(f, "-3.2%")?.attribute, "牧业产值", "a bare change takes its figure's attribute")
        XCTAssertNil(fact(f, "89081万元")?.role)
        XCTAssertEqual(fact(f, "270亿元")?.role, "comparison")
        XCTAssertNil(fact(f, "270亿元")?.status, "a comparison base has no status")
    }

    func testIssue18TargetAndAchieved() {
        let goals = facts("今年发展的主要预期目标是：地区生产总值增长5%左右；城镇新增就业120万人；研发投入强度3.4%左右。")
        XCTAssertEqual(fact(goals, "3.4%左右")?.status, "target", "a list of goals runs on over ；")
        XCTAssertEqual(fact(facts("力争研发经费投入强度达1.6%。"), "1.6%")?.status, "target")
        XCTAssertEqual(fact(facts("超额完成市局下达150万元的任务。"), "150万元")?.status, "target")
        XCTAssertEqual(fact(facts("全年实现地区生产总值3473亿元，同比增长5.3%。"), "3473亿元")?.status, "achieved")
        XCTAssertEqual(fact(facts("顺利完成全年目标任务，地区生产总值增长5.8%。"), "5.8%")?.status, "achieved",
                       "完成…目标 is a result")
        // the section decides when the sentence does not
        XCTAssertEqual(fact(facts("研发投入强度提升至1.8%。", headings: ["三、2026年主要工作"], year: 2026), "1.8%")?.status, "target")
        XCTAssertEqual(fact(facts("研发投入强度超过3.3%。", headings: ["一、2024年工作回顾"], year: 2025), "超过3.3%")?.status, "achieved")
        XCTAssertEqual(fact(facts("研发投入强度超过3.3%。", headings: ["一、2024年主要工作"], year: 2025), "超过3.3%")?.status, "achieved",
                       "a year before the publication year is a review")
    }

    func testIssue18Scope() {
        XCTAssertEqual(fact(facts("技术合同成交额累计达260亿元。"), "260亿元")?.scope, "cumulative")
        XCTAssertEqual(fact(facts("五年来，城镇新增就业6400万人。"), "6400万人")?.scope, "period")
        XCTAssertEqual(fact(facts("“十四五”期间研发投入增长40%。"), "40%")?.scope, "period")
        XCTAssertEqual(fact(facts("高技术制造业年均增长11.7%。"), "11.7%")?.scope, "average")
        XCTAssertEqual(fact(facts("2023年地区生产总值1.2万亿元。"), "1.2万亿元")?.scope, "year")
    }

    func testIssue18Ranks() {
        let f = facts("技术合同成交额达到6121亿元、金额居全国第3位，区域创新能力由全国第12位跃升至第9位，综合排名124名，较2019年提升了10名。")
        XCTAssertEqual(fact(f, "第3位")?.figure?.value, 3)
        XCTAssertEqual(fact(f, "第3位")?.kind, "rank")
        XCTAssertEqual(fact(f, "第3位")?.attribute, "金额")
        XCTAssertEqual(fact(f, "第12位")?.role, "from")
        XCTAssertEqual(fact(f, "第9位")?.role, "to")
        XCTAssertEqual(fact(f, "第9位")?.attribute, "区域创新能力")
        XCTAssertEqual(fact(f, "124名")?.figure?.value, 124)
        XCTAssertEqual(fact(f, "10名")?.role, "change")
        XCTAssertEqual(fact(facts("经济总量已居世界第六位。"), "第六位")?.figure?.value, 6)
        XCTAssertEqual(fact(facts("进出口总额位居世界第三。"), "第三")?.figure?.value, 3)
        XCTAssertEqual(fact(facts("在比赛中获得团体第三名。"), "第三名")?.figure?.value, 3)
        let none = facts("把就业放在第一位，召开第三次会议，第一位院士到访，进入全国前10名。").filter { $0.kind == "rank" }
        XCTAssertTrue(none.isEmpty, "\(none.map { $0.figure!.surface })")
    }

    func testIssue18OrganizationsInTheirSlot() {
        let f = facts("2020年3月30日，工业和信息化部正式批复国瑞科创稀土功能材料有限公司牵头组建国家稀土功能材料创新中心。")
        XCTAssertEqual(fact(f, "工业和信息化部")?.attribute, "批复")
        XCTAssertEqual(fact(f, "工业和信息化部")?.kind, "org")
        XCTAssertEqual(fact(f, "工业和信息化部")?.subject, "国瑞科创稀土功能材料有限公司")
        XCTAssertEqual(fact(f, "国瑞科创稀土功能材料有限公司")?.attribute, "牵头")
        XCTAssertEqual(fact(facts("国家最高科学技术奖的奖金数额由国务院规定。"), "国务院")?.attribute, "规定")
        XCTAssertEqual(fact(facts("权利人可以将其知识产权向海关总署申请备案。"), "海关总署")?.attribute, "申请")
        XCTAssertEqual(fact(facts("经国务院批准设立的自贸试验区"), "国务院")?.attribute, "批准")
        XCTAssertEqual(fact(facts("第四条　市建设行政主管部门负责全市绿色建筑发展规划。"), "市建设行政主管部门")?.attribute, "负责")
        XCTAssertEqual(fact(facts("两家公司合作投资100万元组建“赣州中科育成科技有限公司”。"), "赣州中科育成科技有限公司")?.attribute, "组建")
    }

    func testIssue18EventDates() {
        let law = "2000年8月25日 第九届全国人民代表大会常务委员会第十七次会议《关于修改〈中华人民共和国专利法〉的决定》第二次修正\n"
            + "2008年12月27日 第十一届全国人民代表大会常务委员会第六次会议通过\n2017年8月1日 施行"
        let f = facts(law)
        XCTAssertEqual(fact(f, "2000年8月25日")?.attribute, "修正")
        XCTAssertEqual(fact(f, "2000年8月25日")?.ordinal, 2, "第十七次会议 is not the ordinal of the revision")
        XCTAssertEqual(fact(f, "2008年12月27日")?.attribute, "通过")
        XCTAssertNil(fact(f, "2008年12月27日")?.ordinal)
        XCTAssertEqual(fact(f, "2017年8月1日")?.attribute, "施行")
        XCTAssertEqual(fact(facts("国务院\n2018年11月23日\n（此件公开发布）"), "2018年11月23日")?.attribute, "落款")
        XCTAssertEqual(fact(facts("成文日期：2018年11月23日"), "2018年11月23日")?.attribute, "成文日期")
        XCTAssertEqual(fact(facts("2026年1月14日在浙江省第十四届人民代表大会第四次会议上"), "2026年1月14日")?.attribute, "会议")
    }

    func testIssue18AttributesKeepQualifierAndOwnNoun() {
        let f = facts("年末共有国家级重点实验室6个，省级重点实验室241个。")
        XCTAssertEqual(fact(f, "6个")?.attribute, "国家级重点实验室")
        XCTAssertEqual(fact(f, "241个")?.attribute, "省级重点实验室")
        let g = facts("建设7家高质量孵化器、202家创新型孵化器。")
        XCTAssertEqual(fact(g, "7家")?.attribute, "高质量孵化器")
        XCTAssertEqual(fact(g, "202家")?.attribute, "创新型孵化器")
        XCTAssertEqual(fact(facts("力争有效期内高新技术企业达8200家。"), "8200家")?.attribute, "有效期内高新技术企业")
        let h = facts("三次产业对GDP增长的贡献率分别为8.3%、53.9%和37.9%。")
        XCTAssertEqual(h.compactMap(\.attribute), ["贡献率", "贡献率", "贡献率"], "an enumeration shares its attribute")
    }

    func testIssue18CountNamesWhatItCountsAfterItsCopula() {
        // 确定X等15人为Y拟录用公务员: what the 15 are follows 为, after the organization that opens it.
        let f = facts("经过笔试、面试、体检和考察等程序，确定袁敏等15人为南昌海关拟录用公务员，现予以公示。")
        XCTAssertEqual(fact(f, "15人")?.attribute, "拟录用公务员")
        XCTAssertEqual(fact(f, "15人")?.subject, "南昌海关", "the organization opening the complement is the subject")
        let g = facts("全市共有重点实验室20个，其中3个作为省级重点实验室。")
        XCTAssertEqual(fact(g, "3个")?.attribute, "省级重点实验室")
        XCTAssertEqual(fact(facts("共有84家规上企业填报数据。"), "84家")?.attribute, "规上企业", "without a copula the noun after the count")
    }
}
