import XCTest
@testable import ZhikuExtract

final class DateTests: XCTestCase {
    func dates(_ t: String, _ doc: String = "2021-05-28") -> [DateMention] { ex(t, doc).dates }

    func one(_ t: String, _ doc: String = "2021-05-28", file: StaticString = #filePath, line: UInt = #line) -> DateMention? {
        let d = dates(t, doc)
        XCTAssertEqual(d.count, 1, "\(t): \(d.map { $0.surface })", file: file, line: line)
        return d.first
    }

    func testExplicit() {
        XCTAssertEqual(one("2020年10月20日开工")?.value, "2020-10-20")
        XCTAssertEqual(one("2024年12月建成")?.granularity, "month")
        XCTAssertEqual(one("2021年度考核")?.value, "2021")
        XCTAssertEqual(one("发布时间:2021-05-28 16:56")?.value, "2021-05-28")
        XCTAssertEqual(one("（2021.06.28）")?.value, "2021-06-28")
        XCTAssertEqual(one("二〇二二年六月底前")?.value, "2022-06")
        XCTAssertEqual(one("二〇二二年六月底前")?.mod, "end")
        XCTAssertEqual(one("２０２２年上半年")?.value, "2022-H1")
        XCTAssertEqual(one("2022年一季度")?.value, "2022-Q1")
        XCTAssertEqual(one("2022年第三季度")?.value, "2022-Q3")
    }

    func testPeriods() {
        XCTAssertEqual(one("2019年至2021年")?.value, "2019/2021")
        XCTAssertEqual(one("2019-2021年")?.value, "2019/2021")
        XCTAssertEqual(one("2021年1-6月")?.value, "2021-01/2021-06")
        XCTAssertEqual(one("今年1月至5月", "2023-06-20")?.value, "2023-01/2023-05")
        let p = one("“十四五”期间")
        XCTAssertEqual(p?.value, "2021/2025"); XCTAssertEqual(p?.surface, "“十四五”期间")
        XCTAssertEqual(one("十三五时期")?.value, "2016/2020")
        XCTAssertTrue(ex("“十四五”期间").figures.isEmpty)
        XCTAssertEqual(one("今年前三季度", "2021-10-25")?.value, "2021-Q1/2021-Q3")
        // issue 18: a day span is two dates (the realdocs labels), the end in the start's year and month
        XCTAssertEqual(dates("5月28日至30日召开", "2021-11-15").map(\.value), ["2021-05-28", "2021-05-30"])
        XCTAssertEqual(dates("2021年5月28日至6月2日").map(\.value), ["2021-05-28", "2021-06-02"])
        XCTAssertEqual(dates("2023年5月22日至5月26日", "2023-05-19").map(\.value), ["2023-05-22", "2023-05-26"])
        XCTAssertEqual(dates("2月4日至10日放假").map(\.surface), ["2月4日", "10日"])
    }

    func testRelative() {
        let d = one("今年6月底完成", "2021-05-28")
        XCTAssertEqual(d?.value, "2021-06"); XCTAssertEqual(d?.mod, "end"); XCTAssertEqual(d?.granularity, "month")
        XCTAssertEqual(one("去年底", "2022-03-01")?.value, "2021")
        XCTAssertEqual(one("前年", "2022-05-10")?.value, "2020")
        XCTAssertEqual(one("明年", "2022-05-10")?.value, "2023")
        XCTAssertEqual(one("上半年", "2021-07-20")?.value, "2021-H1")
        XCTAssertEqual(one("年初以来", "2021-06-10")?.mod, "start")
        XCTAssertEqual(one("较上年增长", "2022-01-30")?.role, "comparison")
        XCTAssertEqual(one("本月", "2022-01-30")?.value, "2022-01")
        XCTAssertEqual(one("上月", "2022-01-30")?.value, "2021-12")
        XCTAssertEqual(one("本月底前完成", "2021-11-15")?.mod, "end")
        XCTAssertEqual(one("1月份至5月份", "2021-11-15")?.surface, "1月份至5月份")
    }

    func testPartialDatesPastTense() {
        XCTAssertEqual(one("12月28日签约", "2021-01-04")?.value, "2020-12-28", "past event → previous year")
        XCTAssertEqual(one("计划于12月28日前完成", "2021-07-10")?.value, "2021-12-28", "future marker keeps the year")
        XCTAssertEqual(one("3月5日召开", "2021-07-10")?.value, "2021-03-05")
    }

    func refDates(_ t: String, doc: String, reference: Int) -> [String] {
        Extractor(documentDate: SimpleDate(iso: doc), referenceYear: reference).extract(t).dates.map(\.value)
    }

    func testIssue18ReferenceYear() {
        // a 2022 bulletin published in 2023 speaks of 2022
        XCTAssertEqual(refDates("全年粮食总产量308525吨", doc: "2023-03-28", reference: 2022), ["2022"])
        XCTAssertEqual(refDates("年末常住人口488403人，比上年末增加353人", doc: "2023-03-28", reference: 2022), ["2022", "2021"])
        XCTAssertEqual(refDates("今年上半年", doc: "2023-03-28", reference: 2022), ["2022-H1"])
        XCTAssertEqual(refDates("12月28日签约", doc: "2023-03-28", reference: 2022), ["2022-12-28"])
        // a notice of December 2018 about 2019: its month-days are 2019's, never stepped back
        XCTAssertEqual(refDates("2月4日至10日放假调休", doc: "2018-12-04", reference: 2019), ["2019-02-04", "2019-02-10"])
        // 本月 follows the publication date, not the reference year
        XCTAssertEqual(refDates("本月", doc: "2023-03-28", reference: 2022), ["2023-03"])
        // no reference year: the publication year, as before
        XCTAssertEqual(dates("全年", "2023-03-28").map(\.value), ["2023"])
        // a publication date known to the month only
        XCTAssertEqual(SimpleDate(lenient: "2022-12"), SimpleDate(year: 2022, month: 12, day: 31))
        XCTAssertNil(SimpleDate(lenient: "2022-13"))
    }

    func testIssue18SpacedDates() {
        XCTAssertEqual(one("2021 年，深圳市城镇登记失业率为 2.24%。")?.value, "2021")
        XCTAssertEqual(one("2023 年 5 月 19 日发布")?.value, "2023-05-19")
        XCTAssertEqual(one("2023\u{2002}年")?.surface, "2023\u{2002}年")
        XCTAssertTrue(dates("2021   年").isEmpty || dates("2021   年")[0].surface == "2021", "three spaces are a gap, not a date")
    }

    func testGarbled() {
        let a = one("2020330日，工信部批复")
        XCTAssertEqual(a?.value, "2020-03-30"); XCTAssertEqual(a?.lowConfidence, true)
        XCTAssertEqual(one("20201228日")?.value, "2020-12-28")
        XCTAssertEqual(one("2019年1016日")?.value, "2019-10-16")
        XCTAssertEqual(one("2021年0630日")?.value, "2021-06-30")
        let b = one("628日上午", "2021-07-01")
        XCTAssertEqual(b?.value, "2021-06-28"); XCTAssertEqual(b?.lowConfidence, true)
        XCTAssertTrue(dates("111日召开").isEmpty, "1-11 and 11-1 are both valid: rejected")
    }

    func testInvalidAndTraps() {
        XCTAssertTrue(dates("2月30日").isEmpty)
        XCTAssertTrue(dates("2021年2月30日").isEmpty)
        XCTAssertTrue(dates("投资2021万元").isEmpty)
        XCTAssertTrue(dates("面积2020.5平方米").isEmpty)
        XCTAssertTrue(dates("3号楼").isEmpty)
        XCTAssertTrue(dates("二十家初创企业").isEmpty)
        XCTAssertTrue(dates("建设周期36个月").isEmpty, "durations are never dates")
        XCTAssertTrue(Extractor().extract("今年6月底").dates.isEmpty, "no doc date: relative dates are left out")
    }
}
