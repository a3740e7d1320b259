import XCTest
@testable import ZhikuExtract

final class OrganizationTests: XCTestCase {
    func orgs(_ t: String) -> [String] { ex(t).orgs.map { $0.surface } }

    func testNestedAndParentheses() {
        XCTAssertEqual(orgs("中国科学院赣江创新研究院党委召开会议"), ["中国科学院赣江创新研究院党委"])
        XCTAssertEqual(orgs("江西理工大学稀土学院获批"), ["江西理工大学稀土学院"])
        XCTAssertEqual(orgs("推进中国稀金(赣州)新材料研究院建设"), ["中国稀金(赣州)新材料研究院"])
        XCTAssertEqual(orgs("由中国（赣州）知识产权保护中心受理"), ["中国（赣州）知识产权保护中心"])
        XCTAssertEqual(orgs("赣州市人民政府办公室印发通知"), ["赣州市人民政府办公室"])
    }

    func testConjunctionsAndDepartments() {
        XCTAssertEqual(orgs("与中国科学院宁波材料技术与工程研究所签署协议"), ["中国科学院宁波材料技术与工程研究所"])
        XCTAssertEqual(orgs("赣州市工业和信息化局协办"), ["赣州市工业和信息化局"])
        XCTAssertEqual(orgs("国家税务总局赣州市税务局等部门参加"), ["国家税务总局赣州市税务局"])
        XCTAssertEqual(orgs("中国科学院与中国南方稀土集团有限公司签约"), ["中国科学院", "中国南方稀土集团有限公司"])
        XCTAssertEqual(orgs("（一）市人民政府制定的规章"), ["市人民政府"])
        XCTAssertEqual(orgs("该公司系江西铜业股份有限公司全资子公司"), ["江西铜业股份有限公司"])
        XCTAssertEqual(orgs("厦门钨业股份有限公司赣州分公司投产"), ["厦门钨业股份有限公司赣州分公司"])
        XCTAssertEqual(orgs("依托国家硅基LED工程技术研究中心"), ["国家硅基LED工程技术研究中心"])
    }

    func testAbbreviations() {
        let e = ex("中科院长春应化所与工信部、江西省科技厅座谈")
        XCTAssertEqual(e.orgs.map { $0.surface }, ["中科院长春应化所", "工信部", "江西省科技厅"])
        XCTAssertEqual(e.orgs.map { $0.canonical }, ["中国科学院长春应用化学研究所", "工业和信息化部", "江西省科学技术厅"])
        XCTAssertEqual(ex("赣州经开区管委会").orgs.first?.canonical, "赣州经济技术开发区管理委员会")
        XCTAssertNil(ex("市发改委牵头").orgs.first?.canonical, "no place, no canonical")
    }

    func testDefinedAliases() {
        var table = AliasTable()
        table.learn(from: "金力永磁科技股份有限公司（以下简称“金力永磁”）成立于2008年。")
        XCTAssertEqual(table.canonical(for: "金力永磁"), "金力永磁科技股份有限公司")
        let e = Extractor(documentDate: nil).extract("金力永磁发布年报。", aliases: table)
        XCTAssertEqual(e.orgs.first?.surface, "金力永磁")
        XCTAssertEqual(e.orgs.first?.canonical, "金力永磁科技股份有限公司")
        XCTAssertNil(AliasTable().canonical(for: "金力永磁"))
    }

    func testTraps() {
        for t in ["研究院建设进入快车道", "中心城区新增停车位", "该院召开会议", "我院召开会议", "该公司持股",
                  "依据《江西省科技创新促进条例》", "中国稀土产业大会开幕", "抵达赣州西站", "国家重点研发计划项目",
                  "与江西省签署协议", "省财政安排资金", "中央财政支持", "联合实验室揭牌", "研究院博士后科研工作站",
                  "印发《赣州市科技创新专项资金管理办法》", "商务部门负责", "推动形成区域发展格局", "筹办大湾区论坛",
                  "发展平台公司", "培育跨国公司", "作政府工作报告"] {
            XCTAssertEqual(orgs(t), [], t)
        }
    }
}
