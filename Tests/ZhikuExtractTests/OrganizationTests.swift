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

/// Issue 18: organizations without a place head, neighbours kept apart, no span from mid-clause,
/// categories left out.
final class NationalOrganizationTests: XCTestCase {
    func orgs(_ t: String) -> [String] { ex(t).orgs.map(\.surface) }

    func testIssue18MinistriesWithoutPlace() {
        XCTAssertEqual(orgs("（体育总局、外交部、公安部、海关总署、交通运输部负责）"), ["体育总局", "外交部", "公安部", "海关总署", "交通运输部"])
        XCTAssertEqual(orgs("财政数据来自省财政厅；存贷款数据来自人民银行南昌中心支行；"), ["省财政厅", "人民银行南昌中心支行"])
        XCTAssertEqual(orgs("新疆维吾尔自治区人民政府和新疆生产建设兵团要加强组织领导"), ["新疆维吾尔自治区人民政府", "新疆生产建设兵团"])
        XCTAssertEqual(orgs("可以向海口市中级人民法院提起行政诉讼"), ["海口市中级人民法院"])
        XCTAssertEqual(orgs("国家统计局发布数据"), ["国家统计局"])
    }

    func testIssue18NeighboursStayApart() {
        XCTAssertEqual(orgs("中国工商银行、中国银行、中国建设银行和交通银行完成股份制改革"), ["中国工商银行", "中国银行", "中国建设银行", "交通银行"])
        XCTAssertEqual(orgs("在中国银行中国农业银行开户"), ["中国银行", "中国农业银行"])
    }

    func testIssue18NoSpanFromMidClause() {
        XCTAssertEqual(orgs("深圳安排市人民政府专项资金"), ["市人民政府"])
        XCTAssertFalse(orgs("区（市）人民政府应当与人民法院建立协调机制").contains { $0.contains("应当") })
        XCTAssertTrue(orgs("东北地区部分行业").isEmpty, "部分 is a word, not a branch (分行)")
    }

    func testIssue18CategoriesAreNotOrganizations() {
        XCTAssertTrue(orgs("其中，财险公司实现原保险保费收入44.38亿元，人身险公司实现保费收入61.17亿元").isEmpty)
        XCTAssertTrue(orgs("金融机构各项存款余额").isEmpty)
        XCTAssertTrue(orgs("支持村镇银行、担保公司发展").isEmpty)
        XCTAssertTrue(orgs("公安部门要加强监管").isEmpty, "公安部门 is a kind of department")
        XCTAssertTrue(orgs("国家机构和国家科研机构依法履职，辖内银行业金融机构").allSatisfy { !$0.hasSuffix("机构") })
        XCTAssertEqual(orgs("国家国防专利机构负责受理和审查国防专利申请"), ["国家国防专利机构"])
        XCTAssertFalse(orgs("发现问题时告知市科委").contains { $0.contains("告知") })
    }
}
