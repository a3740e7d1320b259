import XCTest
@testable import ZhikuExtract

final class FigureTests: XCTestCase {
    func figs(_ t: String) -> [Figure] { ex(t).figures }

    func one(_ t: String, file: StaticString = #filePath, line: UInt = #line) -> Figure? {
        let f = figs(t)
        XCTAssertEqual(f.count, 1, "\(t): \(f.map { $0.surface })", file: file, line: line)
        return f.first
    }

    func testMoneyAndMagnitudes() {
        let f = one("该项目总投资4.47亿元。")
        XCTAssertEqual(f?.value ?? 0, 447_000_000, accuracy: 1e-3)
        XCTAssertEqual(f?.unit, "元"); XCTAssertEqual(f?.kind, "money"); XCTAssertNil(f?.approx)
        XCTAssertEqual(f?.surface, "4.47亿元")
        XCTAssertEqual(one("迈向千亿元产业集群")?.value, 1e11)
        XCTAssertEqual(one("出资1200万美元设立基金")?.unit, "美元")
        let g = one("研发费用叁拾伍万元整已到位")
        XCTAssertEqual(g?.value, 350_000); XCTAssertEqual(g?.surface, "叁拾伍万元整")
    }

    func testExactDecimalMagnitudes() {
        XCTAssertEqual(one("总投资586.3亿元")?.value, 58_630_000_000, "exact, not 58629999999.99999")
        XCTAssertEqual(one("贷款余额5123.6亿元")?.value, 512_360_000_000)
    }

    func testOffsetsAreCodePoints() {
        // 𠮷 is outside the BMP: one code point, two UTF-16 units
        let f = one("𠮷公司投资5亿元")
        XCTAssertEqual(f?.start, 5)
        XCTAssertEqual(f?.end, 8)
    }

    func testUnits() {
        XCTAssertEqual(one("建筑面积7.35万平方米")?.value, 73500)
        XCTAssertEqual(one("面积约3000㎡")?.unit, "平方米")
        XCTAssertEqual(one("规划面积12.5平方公里")?.kind, "area")
        XCTAssertEqual(one("占地472.36亩")?.kind, "land_area")
        XCTAssertEqual(one("增长2.4个百分点")?.unit, "百分点")
        XCTAssertEqual(one("产能2.5万吨")?.kind, "mass")
        XCTAssertEqual(one("设备236台（套）")?.unit, "台套")
        XCTAssertEqual(one("增长两成")?.value, 20)
        XCTAssertEqual(one("增长1.5倍")?.kind, "multiple")
        XCTAssertEqual(one("缴获近一吨")?.value, 1)
        XCTAssertEqual(one("折扣一美元")?.unit, "美元")
    }

    func testRanges() {
        let r = one("单体面积5至8万平方米不等")
        XCTAssertEqual(r?.value, 50000); XCTAssertEqual(r?.valueMax, 80000); XCTAssertEqual(r?.approx, "range")
        let m = one("计划投资10-20亿元")
        XCTAssertEqual(m?.value, 1e9); XCTAssertEqual(m?.valueMax, 2e9)
        let b = one("单个项目补助3亿～5亿元")
        XCTAssertEqual(b?.value, 3e8); XCTAssertEqual(b?.valueMax, 5e8)
        let c = one("资金2000万至5000万元")
        XCTAssertEqual(c?.value, 2e7); XCTAssertEqual(c?.valueMax, 5e7)
        let p = one("增长10%-15%")
        XCTAssertEqual(p?.value, 10); XCTAssertEqual(p?.valueMax, 15)
        XCTAssertTrue(figs("1-9月累计完成").isEmpty, "1-9月 is a date period")
        XCTAssertTrue(figs("咨询电话0797-8390123").isEmpty)
    }

    func testAdjacentNumeralsAreARange() {
        let f = one("引进三四家龙头企业")
        XCTAssertEqual(f?.value, 3); XCTAssertEqual(f?.valueMax, 4); XCTAssertEqual(f?.approx, "range")
        XCTAssertEqual(one("十余家企业")?.approx, "余")
        XCTAssertEqual(one("十余家企业")?.value, 10)
        XCTAssertTrue(figs("数十家企业").isEmpty, "vague quantities are optional; not emitted")
    }

    func testApproxMarkers() {
        XCTAssertEqual(one("约4.8万平方米")?.approx, "约")
        XCTAssertEqual(one("超2000人")?.approx, "超")
        XCTAssertEqual(one("5亿元左右")?.surface, "5亿元左右")
        XCTAssertEqual(one("150余名")?.approx, "余")
        XCTAssertEqual(one("400多亩")?.approx, "多")
        XCTAssertEqual(one("600余万元")?.value, 6_000_000)
        XCTAssertEqual(one("近百家企业")?.approx, "近")
        XCTAssertEqual(one("近百家企业")?.value, 100)
        XCTAssertEqual(one("新增岗位上万个")?.approx, "以上")
        XCTAssertEqual(one("不低于30%")?.approx, "以上")
        XCTAssertEqual(one("不超过10亿元")?.approx, "以下")
        XCTAssertEqual(one("约2000亿元左右")?.approx, "约", "first marker wins")
    }

    func testApproxApartFromNumber() {
        let f = one("出租率约为40%")
        XCTAssertEqual(f?.approx, "约"); XCTAssertEqual(f?.surface, "40%")
        let g = one("最高补助1000万元")
        XCTAssertEqual(g?.approx, "以下"); XCTAssertEqual(g?.surface, "1000万元")
        let h = one("研发投入占比不低于营收的3%")
        XCTAssertEqual(h?.approx, "以上")
    }

    func testNotFigures() {
        for t in ["第一批企业入驻", "一期工程已竣工", "提供一站式服务", "建设双一流高校", "两院院士莅临", "签署三方协议",
                  "5G基站全覆盖", "3D打印中心", "3号楼已封顶", "位居全省第二", "在全国排名124名", "排名上升5位",
                  "首批首台套产品", "邮编341000", "进入全国前10名", "陆家嘴金融城", "国家发改委等六部门", "打通最后一公里", "2021年是开局之年", "中国科学院“百人计划”", "一家企业落户"] {
            XCTAssertTrue(figs(t).isEmpty, "\(t) → \(figs(t).map { $0.surface })")
        }
    }

    func testPercentWords() {
        XCTAssertEqual(one("增长百分之二十三点五")?.value, 23.5)
        XCTAssertEqual(one("占比百分之五")?.unit, "%")
    }

    func testJSONShape() throws {
        let f = Figure(surface: "15个", start: 0, end: 3, value: 15, unit: "个", kind: "count")
        let json = String(data: try JSONEncoder().encode(f), encoding: .utf8)!
        XCTAssertTrue(json.contains("\"approx\":null"), json)
        XCTAssertFalse(json.contains("value_max"), json)
        let r = Figure(surface: "5至8万平方米", start: 0, end: 7, value: 5e4, valueMax: 8e4, unit: "平方米", kind: "area", approx: "range")
        let rj = String(data: try JSONEncoder().encode(r), encoding: .utf8)!
        XCTAssertTrue(rj.contains("\"value_max\":80000"), rj)
        let d = DateMention(surface: "628日", start: 0, end: 4, value: "2021-06-28", granularity: "day", lowConfidence: true)
        let dj = String(data: try JSONEncoder().encode(d), encoding: .utf8)!
        XCTAssertTrue(dj.contains("\"low_confidence\":true"), dj)
        XCTAssertFalse(dj.contains("\"mod\""), dj)
        XCTAssertEqual(try JSONDecoder().decode(DateMention.self, from: Data(dj.utf8)), d)
    }
}

final class EntitiesJSONTests: XCTestCase {
    /// The shape `zhiku extract --format json` prints (docs/protocol.md, ENTITIES): groups, snake_case, explicit null approx.
    func testEntitiesJSON() throws {
        let e = ex("截至2020年底，研究院组建科研团队15个，建筑面积5至8万平方米。", "2021-01-20")
        let enc = JSONEncoder()
        enc.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]     // stable output for scripts
        let json = String(data: try enc.encode(e), encoding: .utf8)!
        XCTAssertTrue(json.hasPrefix("{\"dates\":["), json)
        XCTAssertTrue(json.contains("{\"approx\":null,\"end\":21,\"kind\":\"count\",\"start\":18,\"surface\":\"15个\",\"unit\":\"个\",\"value\":15}"), json)
        XCTAssertTrue(json.contains("\"value\":50000,\"value_max\":80000"), json)
        XCTAssertTrue(json.contains("{\"end\":8,\"granularity\":\"year\",\"mod\":\"end\",\"start\":2,\"surface\":\"2020年底\",\"value\":\"2020\"}"), json)
        XCTAssertTrue(json.hasSuffix("\"orgs\":[]}"), json)
        XCTAssertEqual(try JSONDecoder().decode(Entities.self, from: Data(json.utf8)), e)
    }
}

/// Issue 18: signs, spaced and compound units on real text (extraction.md, "Signs and spacing").
final class SignsAndSpacingTests: XCTestCase {
    func figs(_ t: String) -> [Figure] { ex(t).figures }

    func testIssue18Signs() {
        XCTAssertEqual(figs("牧业产值89081万元，增长-3.2%").map(\.value), [890_810_000, -3.2])
        XCTAssertEqual(figs("牧业产值增长-3.2%").first?.surface, "-3.2%")
        XCTAssertEqual(figs("比上年下降3.2%").map(\.value), [3.2], "a direction word keeps the number positive")
        XCTAssertEqual(figs("增速为－0.5个百分点").map(\.value), [-0.5])
        XCTAssertEqual(figs("增长−1.2%").map(\.value), [-1.2])
        XCTAssertEqual(figs("占比5%-10%").map(\.valueMax), [10], "a range, not a negative end")
        XCTAssertTrue(figs("电话0797-8390123").isEmpty)
        XCTAssertFalse(figs("型号A-3台").contains { $0.value < 0 }, "a code, not a sign")
    }

    func testIssue18SpacedUnits() {
        XCTAssertEqual(figs("比上年增长8.8 %").map(\.value), [8.8])
        XCTAssertEqual(figs("同比增长16.1\u{2002}%").first?.surface, "16.1\u{2002}%")
        XCTAssertEqual(figs("投资120 亿元").map(\.value), [12_000_000_000])
        XCTAssertEqual(figs("常住人口1761.48 万人").map(\.value), [17_614_800])
        XCTAssertEqual(figs("失业率为 2.24%。").map(\.value), [2.24])
        XCTAssertTrue(figs("共有3   家").isEmpty, "three spaces are a gap")
    }

    func testIssue18CompoundUnits() {
        let a = figs("能源消费总量50.3万吨标准煤")
        XCTAssertEqual(a.map(\.value), [503_000]); XCTAssertEqual(a.first?.unit, "吨标准煤")
        let b = figs("万元GDP能耗0.21吨标准煤/万元，增长0.3%")
        XCTAssertEqual(b.map(\.unit), ["吨标准煤/万元", "%"]); XCTAssertEqual(b.first?.kind, "energy")
        XCTAssertEqual(figs("发电量12.5万千瓦时").map(\.value), [125_000])
        XCTAssertEqual(figs("发电量12.5万千瓦时").first?.unit, "千瓦时")
        XCTAssertEqual(figs("集装箱吞吐量36万标准箱").first?.unit, "标准箱")
        XCTAssertEqual(figs("均价3000元/平方米").first?.unit, "元/平方米")
        let c = figs("出生率为7.19‰，比上年下降1.15个千分点")
        XCTAssertEqual(c.map(\.unit), ["‰", "千分点"]); XCTAssertEqual(c.map(\.value), [7.19, 1.15])
    }

    func testIssue18DurationsAndRatios() {
        XCTAssertEqual(figs("按6个月的标准").first?.unit, "月")
        XCTAssertEqual(figs("公示5个工作日").first?.unit, "工作日")
        XCTAssertEqual(figs("考试时限180分钟").first?.unit, "分钟")
        XCTAssertEqual(figs("交付之日起60日内支付").first?.value, 60)
        XCTAssertTrue(figs("28日上午召开").isEmpty, "a day of the month is not a duration")
        let r = figs("三次产业结构调整为10.1:43.5:46.4，贡献率分别为8.3%")
        XCTAssertEqual(r.first?.surface, "10.1:43.5:46.4"); XCTAssertEqual(r.first?.kind, "ratio")
        XCTAssertEqual(figs("按1∶1比例配套").first?.kind, "ratio")
        XCTAssertTrue(figs("发布时间 16:56").isEmpty, "a time of day is not a ratio")
    }
}
