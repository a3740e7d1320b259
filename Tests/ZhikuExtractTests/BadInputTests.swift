import Foundation
import XCTest
@testable import ZhikuExtract

/// Hostile input: every case must return promptly with a clear result and never crash.
final class BadInputTests: XCTestCase {
    func timed(_ text: String, within seconds: Double = 20, file: StaticString = #filePath, line: UInt = #line) -> Entities {
        let t0 = Date()
        let e = Extractor(documentDate: SimpleDate(iso: "2021-05-28")).extract(text)
        XCTAssertLessThan(Date().timeIntervalSince(t0), seconds, "extraction took too long", file: file, line: line)
        return e
    }

    func testTenThousandDigitNumber() {
        let digits = String(repeating: "9", count: 10_000)
        let e = timed("投资" + digits + "亿元")
        XCTAssertTrue(e.figures.isEmpty, "an overlong digit run is not a quantity")
        XCTAssertTrue(e.dates.isEmpty)
    }

    func testValuesPastDoubleRange() {
        // 300 digits fit in a Double only as inf when combined with 亿亿…; must not emit inf/nan
        let big = "1" + String(repeating: "0", count: 17) + String(repeating: "亿", count: 40) + "元"
        let e = timed(big)
        for f in e.figures { XCTAssertTrue(f.value.isFinite, "\(f)") }
        XCTAssertNil(NumberScanner.parseWhole(String(repeating: "亿", count: 400)), "overflow gives no number")
    }

    func testImpossibleDates() {
        XCTAssertTrue(timed("2021年2月30日召开").dates.isEmpty)
        XCTAssertTrue(timed("2021年13月").dates.filter { $0.granularity != "year" }.isEmpty)
        XCTAssertTrue(timed("2021.02.30").dates.isEmpty)
    }

    func testUnbalancedBracketsAndQuotes() {
        let e = timed("中国稀金(赣州新材料研究院（以下简称“稀金院）投资5亿元“”（（（")
        XCTAssertEqual(e.figures.map { $0.value }, [5e8])
        _ = timed("）））”“”“（以下简称“")
        _ = timed("（简称“")
    }

    func testManyAliasDefinitionsStayLinear() {
        let unit = "赣州稀土集团有限公司（以下简称“稀土集团”）"
        let t0 = Date()
        var table = AliasTable()
        table.learn(from: String(repeating: unit, count: 20_000))
        XCTAssertLessThan(Date().timeIntervalSince(t0), 20)
        XCTAssertEqual(table.canonical(for: "稀土集团"), "赣州稀土集团有限公司")
    }

    func testNoChinese() {
        let e = timed("Revenue grew 12% to USD 5 million in 2021; call 0797-8390123.")
        XCTAssertTrue(e.orgs.isEmpty)
        XCTAssertTrue(e.dates.isEmpty, "4-digit numbers are years only with 年 or a date separator")
        XCTAssertEqual(e.figures.map { $0.unit }, ["%"])
    }

    func testEmptyAndWhitespace() {
        XCTAssertEqual(timed(""), Entities())
        XCTAssertEqual(timed("   \n\t"), Entities())
    }

    func testOneMegabyteOfOneCharacter() {
        for ch in ["一", "9", "院", "（", "年", "万"] {
            let t0 = Date()
            let e = timed(String(repeating: ch, count: 1_000_000), within: 30)
            print(String(format: "1M × %@: %.2f s", ch, Date().timeIntervalSince(t0)))
            flushOutput()
            XCTAssertTrue(e.figures.isEmpty && e.orgs.isEmpty, "\(ch): \(e.figures.count) figures, \(e.orgs.count) orgs")
        }
    }

    func testLongRepeatedSentence() {
        let sentence = "中国科学院赣江创新研究院2020年研发投入7.67亿元，科研团队15个。"
        let e = timed(String(repeating: sentence, count: 5_000), within: 30)
        XCTAssertEqual(e.figures.count, 10_000)
        XCTAssertEqual(e.orgs.count, 5_000)
    }
}

/// Issue 18: the relation readers look in bounded windows, so linking stays linear in the passage,
/// even for one huge clause without punctuation.
final class LinkerBadInputTests: XCTestCase {
    func link(_ text: String) -> (facts: [Fact], seconds: Double) {
        let t0 = Date()
        let e = Extractor(documentDate: SimpleDate(iso: "2024-03-05")).extract(text)
        let f = FactLinker().facts(in: text, entities: e, headingSubject: nil, documentSubject: nil, aliases: AliasTable(),
                                   headings: ["一、2023年工作回顾"], publicationYear: 2024)
        return (f, Date().timeIntervalSince(t0))
    }

    func testIssue18LongPassagesLinkInLinearTime() {
        let sentence = "城镇化率从52.6%提高到58.5%，居全国第3位，由国务院批准，累计达260亿元。"
        let small = link(String(repeating: sentence, count: 500))
        let big = link(String(repeating: sentence, count: 2_000))
        XCTAssertEqual(big.facts.filter { $0.role == "to" }.count, 2_000)
        XCTAssertEqual(big.facts.filter { $0.kind == "rank" }.count, 2_000)
        print(String(format: "500 sentences %.2f s, 2000 sentences %.2f s", small.seconds, big.seconds))
        flushOutput()
        XCTAssertLessThan(big.seconds, 30)
        // one clause without any punctuation: figures every few characters
        let run = link(String(repeating: "增长5%提高到7%第3位", count: 3_000))
        XCTAssertLessThan(run.seconds, 30)
        XCTAssertFalse(run.facts.isEmpty)
    }
}
