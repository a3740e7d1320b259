import XCTest
@testable import ZhikuExtract

final class NumberTests: XCTestCase {
    func v(_ s: String) -> Double? { NumberScanner.parseWhole(s) }

    func testArabic() {
        XCTAssertEqual(v("1250"), 1250)
        XCTAssertEqual(v("1,250"), 1250)
        XCTAssertEqual(v("12,345,678"), 12345678)
        XCTAssertEqual(v("３６"), 36)
        XCTAssertEqual(v("１２．６"), 12.6)
        XCTAssertEqual(v("0.5"), 0.5)
        XCTAssertNil(v("1,25"), "a comma needs exactly three digits after it")
    }

    func testChineseNumerals() {
        XCTAssertEqual(v("两"), 2)
        XCTAssertEqual(v("十五"), 15)
        XCTAssertEqual(v("二十"), 20)
        XCTAssertEqual(v("二百一十五"), 215)
        XCTAssertEqual(v("一千零五"), 1005)
        XCTAssertEqual(v("一千二百万"), 12_000_000)
        XCTAssertEqual(v("一亿二千万"), 120_000_000)
        XCTAssertEqual(v("三亿五千万"), 350_000_000)
        XCTAssertEqual(v("一万亿"), 1e12)
        XCTAssertEqual(v("二〇二二"), 2022)
        XCTAssertEqual(v("一万二"), 12000, "shorthand: the last digit takes the next lower place")
        XCTAssertEqual(v("三百五"), 350)
    }

    func testFinancialNumerals() {
        XCTAssertEqual(v("叁拾伍万"), 350_000)
        XCTAssertEqual(v("壹仟贰佰"), 1200)
        XCTAssertEqual(v("玖佰玖拾玖"), 999)
    }

    func testDecimalsAndMixed() {
        XCTAssertEqual(v("二十三点五"), 23.5)
        XCTAssertEqual(v("零点五"), 0.5)
        XCTAssertEqual(v("1.2万"), 12000)
        XCTAssertEqual(v("3万4000"), 34000)
        XCTAssertEqual(v("4.47亿") ?? 0, 447_000_000, accuracy: 1e-3)
        XCTAssertEqual(v("1.2万亿") ?? 0, 1.2e12, accuracy: 1)
        XCTAssertEqual(v("3亿5000万"), 350_000_000)
    }

    func testBareMagnitudes() {
        XCTAssertEqual(v("千亿"), 1e11)
        XCTAssertEqual(v("百"), 100)
        XCTAssertEqual(v("万"), 1e4)
        let s = "千亿".unicodeScalars.map { $0.value }
        XCTAssertEqual(NumberScanner.scan(s, at: 0)?.bare, true)
        XCTAssertEqual(NumberScanner.scan(s, at: 0)?.multipliers, 2)
    }

    func testDoesNotSwallowUnitPrefixes() {
        let s = "5千米".unicodeScalars.map { $0.value }
        let r = NumberScanner.scan(s, at: 0)
        XCTAssertEqual(r?.value, 5)
        XCTAssertEqual(r?.end, 1, "千米 is a unit, not 5000米")
    }

    func testWordTestsOnScalars() {
        let s = "中国科学院🎉院".unicodeScalars.map(\.value)
        XCTAssertTrue(s.has("中国", at: 0))
        XCTAssertTrue(s.has("科学院", at: 2))
        XCTAssertTrue(s.has("🎉院", at: 5))
        XCTAssertFalse(s.has("院🎉院", at: 5))
        XCTAssertFalse(s.has("院x", at: 6), "runs past the end")
        XCTAssertFalse(s.has("中", at: -1))
        XCTAssertFalse(s.has("中", at: 7))
        XCTAssertTrue(s.has("", at: 7))
        XCTAssertTrue(s.has("科学院", endingAt: 5))
        XCTAssertTrue(s.has("🎉", endingAt: 6))
        XCTAssertFalse(s.has("中国科学院", endingAt: 4))
    }
}
