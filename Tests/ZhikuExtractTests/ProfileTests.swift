import XCTest
@testable import ZhikuText
@testable import ZhikuExtract

/// Issue 18: the gazetteer, document profiles, sessions and what a question names.
final class ProfileTests: XCTestCase {
    // MARK: - Gazetteer

    /// The generated table, a file per region: every division once, in code order, each province
    /// with its cities and counties.
    func testDivisionTableRegionsHoldEveryDivisionInCodeOrder() {
        let codes = AdministrativeDivisions.divisions.map(\.place.code)
        XCTAssertEqual(codes.count, 3_423)
        XCTAssertEqual(Set(codes).count, codes.count)
        XCTAssertEqual(codes, codes.sorted())
        for code in codes where code.count > 2 {
            XCTAssertTrue(codes.contains(String(code.prefix(2))), "\(code) has its province")
        }
    }

    func testIssue18PlacesResolveWithTheirShortFormsAndZones() throws {
        XCTAssertEqual(AdministrativeDivisions.place(named: "江西")?.name, "江西省")
        XCTAssertEqual(AdministrativeDivisions.place(named: "江西省")?.code, "36")
        XCTAssertEqual(AdministrativeDivisions.place(named: "赣州")?.name, "赣州市")
        XCTAssertEqual(AdministrativeDivisions.place(named: "赣州市")?.level, .city)
        XCTAssertEqual(AdministrativeDivisions.place(named: "万载县")?.level, .county)
        XCTAssertEqual(AdministrativeDivisions.place(named: "新疆")?.name, "新疆维吾尔自治区", "维吾尔 without 族")
        XCTAssertEqual(AdministrativeDivisions.place(named: "全疆")?.code, "65")
        XCTAssertEqual(AdministrativeDivisions.place(named: "吉林")?.level, .province, "a bare name is the most senior division")
        XCTAssertEqual(AdministrativeDivisions.place(named: "吉林市")?.level, .city)
        XCTAssertEqual(AdministrativeDivisions.place(named: "我国"), .nation)
        XCTAssertNil(AdministrativeDivisions.place(named: "火星"))
        // Zones: 赣州高新区 = 赣州国家高新区 = 赣州高新技术产业开发区, inside 赣州市, inside 江西省.
        let zone = try XCTUnwrap(AdministrativeDivisions.place(named: "赣州高新区"))
        XCTAssertEqual(zone.level, .zone)
        XCTAssertEqual(zone.name, "赣州高新技术产业开发区")
        XCTAssertEqual(AdministrativeDivisions.place(named: "赣州国家高新区"), zone)
        XCTAssertEqual(AdministrativeDivisions.place(named: "赣州高新技术产业开发区"), zone)
        XCTAssertTrue(zone.isWithin(AdministrativeDivisions.place(named: "赣州市")!))
        XCTAssertTrue(zone.isWithin(AdministrativeDivisions.place(named: "江西")!))
        XCTAssertFalse(zone.isWithin(AdministrativeDivisions.place(named: "湖北")!))
        // A listed zone keeps its statistical code.
        XCTAssertEqual(AdministrativeDivisions.place(named: "保定高新区")?.code, "130671")
        // Counties: full names only in running text.
        XCTAssertEqual(AdministrativeDivisions.places(in: "万载县2022年生产总值", shortForms: false).map(\.place.name), ["万载县"])
        XCTAssertEqual(AdministrativeDivisions.places(in: "和平发展", shortForms: true).count, 0, "和平 is no district without its suffix")
    }

    // MARK: - Sessions

    func testIssue18SessionsAndTheirYears() {
        let npc = Session.sessions(in: "十三届全国人大四次会议关于政府工作报告的决议")
        XCTAssertEqual(npc.map(\.key), ["npc:13:4"])
        XCTAssertEqual(npc.first?.year, 2021)
        XCTAssertEqual(Session.sessions(in: "第十四届全国人民代表大会第一次会议").first?.year, 2023)
        XCTAssertEqual(Session.sessions(in: "党的十六大报告称").map(\.key), ["cpc:16"])
        XCTAssertEqual(Session.sessions(in: "全面建设小康社会 (十六大)").first?.year, 2002)
        XCTAssertEqual(Session.sessions(in: "在中国共产党第九次全国代表大会上的报告").map(\.key), ["cpc:9"])
        XCTAssertTrue(Session.sessions(in: "第十一届全国人民代表大会常务委员会第六次会议").isEmpty, "a standing committee meeting is not a session")
    }

    // MARK: - Profiles

    func document(_ lines: [String], title: String? = nil, date: String? = nil) -> SourceDocument {
        let body = lines.joined(separator: "\n")
        var m = DocumentMetadata(title: title ?? lines.first, date: date)
        m.subtitle = nil
        return SourceDocument(metadata: m, encoding: .utf8, lines: lines,
                              passages: [Passage(number: 1, headings: [], text: body, scalarRange: 0..<body.unicodeScalars.count)])
    }

    func testIssue18AWorkReportCoversTheYearBefore() {
        let p = DocumentProfile(document: document(["2025年重庆市政府工作报告", "——2025年1月19日在重庆市第六届人民代表大会第三次会议上",
                                                    "一、2024年工作回顾", "刚刚过去的2024年…"]), fileName: "2025-chongqing.txt")
        XCTAssertEqual(p.place?.name, "重庆市")
        XCTAssertEqual(p.kind, .governmentWorkReport)
        XCTAssertEqual(p.titleYear, 2025)
        XCTAssertEqual(p.issueYear, 2025)
        XCTAssertEqual(p.reportYear, 2024)
        XCTAssertEqual(p.referenceYear, 2025, "a work report's 今年 is the year it is delivered in")
    }

    func testIssue18ABulletinReportsOnTheYearItNames() {
        let p = DocumentProfile(document: document(["宜春市人民政府", "全年实现地区生产总值3473.12亿元。"], title: "宜春市人民政府", date: "2023-04-18"),
                                fileName: "jx/宜春市2022年国民经济和社会发展统计公报 _ 中国宜春.html")
        XCTAssertEqual(p.kind, .statisticalBulletin, "the file name says what the site's <title> does not")
        XCTAssertEqual(p.place?.name, "宜春市")
        XCTAssertEqual(p.issueYear, 2023)
        XCTAssertEqual(p.reportYear, 2022)
        XCTAssertEqual(p.referenceYear, 2022, "全年 in a 2022 bulletin published in 2023 is 2022")
    }

    func testIssue18ALawIsOfItsLastRevision() {
        let p = DocumentProfile(document: document([
            "# 中华人民共和国专利法", "1984年3月12日 第六届全国人民代表大会常务委员会第四次会议通过",
            "2008年12月27日 第十一届全国人民代表大会常务委员会第六次会议《关于修改〈中华人民共和国专利法〉的决定》第三次修正",
            "2020年10月17日 第十三届全国人民代表大会常务委员会第二十二次会议《关于修改〈中华人民共和国专利法〉的决定》第四次修正",
            "第一章 总则", "第一条 为了保护专利权人的合法权益，2030年…",
        ], title: "中华人民共和国专利法", date: "1984-03-12"))
        XCTAssertEqual(p.kind, .law)
        XCTAssertEqual(p.place, .nation)
        XCTAssertEqual(p.issueYear, 2020)
        XCTAssertEqual(p.names, ["专利法"], "a national law goes by its name without 中华人民共和国")
    }

    func testIssue18ANoticeCarriesItsNumberAndTheMeasureItIssues() {
        let lines = ["【法宝引证码】 CLI.12.748997", "新余市人民政府办公室关于印发《新余市绿色建筑管理办法》的通知", "（余府发〔2012〕3号）",
                     "各县（区）人民政府：", "新余市绿色建筑管理办法", "第一章 总则"]
        let p = DocumentProfile(document: document(lines, title: "【法宝引证码】 CLI.12.748997"))
        XCTAssertEqual(p.kind, .notice)
        XCTAssertEqual(p.documentNumber, "余府发〔2012〕3号")
        XCTAssertEqual(p.place?.name, "新余市")
        XCTAssertTrue(p.names.contains("新余市绿色建筑管理办法"), "\(p.names)")
    }

    func testIssue18ABriefingDescribesItsInstitution() {
        let p = DocumentProfile(document: document(["赣州高新区科技创新工作情况汇报", "一、基本情况"], date: "2021-01-04"))
        XCTAssertEqual(p.kind, .briefing)
        XCTAssertEqual(p.place?.level, .zone)
        XCTAssertEqual(p.institution, "赣州高新技术产业开发区")
    }

    func testIssue18KindsMatchWhatUsersType() {
        XCTAssertTrue(DocumentKind.statisticalBulletin.matches("统计公报"))
        XCTAssertTrue(DocumentKind.regulation.matches("法规"))
        XCTAssertTrue(DocumentKind.law.matches("法规"))
        XCTAssertFalse(DocumentKind.notice.matches("法规"))
        XCTAssertEqual(DocumentKind.of(title: "上海市科学技术进步条例（2024年修订）"), .regulation)
        XCTAssertEqual(DocumentKind.of(title: "第十三届全国人民代表大会第四次会议关于政府工作报告的决议"), .resolution)
        XCTAssertEqual(DocumentKind.of(title: "在中国共产党第九次全国代表大会上的报告"), .congressReport)
        XCTAssertNil(DocumentKind.of(title: "工作方法"), "方法 is no law")
    }

    // MARK: - Questions

    func testIssue18AQuestionNamesItsDocument() {
        let q = Question("重庆市2025年政府工作报告回顾2024年时说，全市技术合同成交额达到了多少？")
        XCTAssertEqual(q.documentYear, 2025)
        XCTAssertEqual(q.factYears, [2024])
        XCTAssertEqual(q.placeMentions.map(\.place.name), ["重庆市"])
        XCTAssertEqual(q.expectedKind, "money")
        XCTAssertTrue(q.asks.contains("actual"))

        let law = Question("《中华人民共和国专利法》的第三次修正是在哪一天通过的？")
        XCTAssertEqual(law.namedDocuments, ["中华人民共和国专利法"])
        XCTAssertEqual(law.ordinal, 3)
        XCTAssertEqual(law.event, "修正", "the ordinal's verb is the event")
        XCTAssertEqual(law.expectedKind, "date")
        XCTAssertEqual(Question("统计法第二次修正是哪天通过的").namedDocuments, ["统计法"], "a bare law name")

        let revised = Question("2020年第三次修订的《国家科学技术奖励条例》（2024年修订前）规定，奖金数额由谁来规定？")
        XCTAssertEqual(revised.documentYear, 2020, "the year of a revision names the version")
        XCTAssertEqual(revised.factYears, [], "2024年修订前 names another version")
        XCTAssertEqual(revised.expectedKind, "org")

        XCTAssertEqual(Question("十三届全国人大四次会议关于政府工作报告的决议是哪天通过的？").sessions.first?.year, 2021)
        XCTAssertEqual(Question("河南省2026年政府工作报告部署今年工作时，提出国家高新技术企业要达到多少家？").factYears, [2026], "今年 is the report's year")
    }

    func testIssue18AQuestionSaysWhichEndItWants() {
        XCTAssertEqual(Question("研发投入强度是从多少起步提高到3.3%左右的（问起点）？").asks.contains("from"), true)
        XCTAssertEqual(Question("高新技术企业最终增加到了多少家（问期末值）？").asks.contains("to"), true)
        XCTAssertEqual(Question("全社会研发经费支出从多少增加到多少").asks, ["to"], "both ends asked: the answer ends on the second")
        let actual = Question("2024年江苏全社会研发投入强度实际达到了多少（不是当年目标）？")
        XCTAssertTrue(actual.asks.contains("actual"))
        XCTAssertFalse(actual.asks.contains("target"))
        XCTAssertTrue(Question("五年累计减税多少？").asks.contains("cumulative"))
        XCTAssertTrue(Question("2015年万载县牧业产值比上年增长多少？").asks.contains("change"))
    }

    func testIssue18AnOrganizationEndsBeforeTheQuestionWord() {
        let q = Question("国家防伪工程技术研究中心哪个实验室研究基于区块链技术的产品溯源与防伪？")
        XCTAssertEqual(q.expectedKind, "org")
        XCTAssertEqual(q.subjectSurfaces, ["国家防伪工程技术研究中心"], "哪个实验室 is what is asked, not part of the subject")
        XCTAssertFalse(q.subjects.contains { $0.contains("哪") })
    }

    func testIssue18KindsOfAnswers() {
        XCTAssertEqual(Question("湖北技术合同成交额的金额在全国排第几位？").expectedKind, "rank")
        XCTAssertEqual(Question("全国综合排名比2019年前进了几名？").expectedKind, "rank")
        XCTAssertEqual(Question("由哪个部门负责受理？").expectedKind, "org")
        let slot = Question("赣州稀土集团与南京中科麒智科技有限公司合作组建了哪家公司")
        XCTAssertEqual(slot.slotVerb, "组建")
        XCTAssertTrue(slot.answerFollowsVerb)
        let before = Question("《国防专利条例》规定由哪个机构负责受理和审查国防专利申请？")
        XCTAssertEqual(before.slotVerb, "负责")
        XCTAssertFalse(before.answerFollowsVerb)
        XCTAssertEqual(Question("十四届全国人大一次会议审议的政府工作报告是哪位国务院总理作的？").expectedKind, "person")
        XCTAssertEqual(Question("新余市绿色建筑管理办法是以什么文号印发的").expectedKind, "document_number")
        XCTAssertEqual(Question("外观设计专利权的保护期是多少年？").expectedKind, "quantity")
        XCTAssertEqual(Question("要求全社会研发经费至少占全市GDP的多少？").expectedKind, "percent", "a share asked without 比例")
        XCTAssertEqual(Question("一期工程占地多少亩？").expectedKind, "land_area", "占地 is no share")
        XCTAssertEqual(Question("中科院赣江创新院有多少个科研团队").measureWord, "个")
    }

    func testIssue18PlacesInsideOrganizationNamesAreNotAsked() {
        let q = Question("赣州国家高新区与江西理工大学共建的科技企业孵化器累计毕业了多少家企业？")
        XCTAssertEqual(q.placeMentions.map(\.place.level), [.zone], "江西 in 江西理工大学 names no document")
        XCTAssertEqual(Question("新疆质监局关于加强新闻宣传工作的通知文号是什么").placeMentions.map(\.place.code), ["65"],
                       "a government body's place is the document's")
    }

    func testIssue18TermAliases() {
        XCTAssertTrue(TermAliases.expansions(of: "规上企业").contains("规模以上企业"))
        XCTAssertTrue(TermAliases.expansions(of: "中科院").contains("中国科学院"))
        XCTAssertTrue(TermAliases.expansions(of: "研发经费").contains("研究与试验发展经费"))
        XCTAssertTrue(TermAliases.expansions(of: "国内生产总值").contains("GDP"))
        XCTAssertTrue(TermAliases.expansions(of: "火星").isEmpty)
    }
}
