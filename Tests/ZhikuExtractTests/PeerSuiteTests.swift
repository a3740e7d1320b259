import Foundation
import XCTest
import ZhikuTestSupport
@testable import ZhikuExtract

/// Runs the Microsoft Recognizers-Text Chinese specs (../shared/peer-specs) that fall inside
/// zhiku's conventions (extraction.md) and prints the pass rate per file.
///
/// Deliberately skipped categories (not zhiku conventions, or not government-report style):
/// - Number: negatives (负/-), fractions (X分之Y, 百万分之), vague quantities (几/数), spaced digits,
///   SI suffixes (40k, 3.2k), exponent forms (2^-1, 1e5), ordinals (OrdinalModel), and number
///   ranges without a unit (NumberRangeModel*: zhiku only emits ranges of figures with a unit).
/// - Percent: discounts (折, 对折), per-mille/fractions, negatives, spaced forms, 个百分点
///   (zhiku keeps percentage points as their own unit), k suffixes.
/// - Currency: everything except CNY written with 元/人民币 and foreign currencies spelled with a
///   name zhiku keeps (美元, 欧元 …); 块/角/分/毛, ￥/$ signs, 美圆 variants are skipped.
/// - Dimension: units zhiku does not keep (两, 斤, bits/bytes, Hz, kcal, 微克), X半 forms, negatives.
/// - Age, Temperature: not figures in government reports.
/// - DateTime: times of day, weekdays/weeks, holidays, lunar/era calendars (农历, 康熙), seasons,
///   decades/centuries, durations, sets, relative days (明天), two-digit years (07年), day-first
///   or month-first numeric forms (3-7-2017), years before 1900, month-day without a year
///   (resolution rule differs: zhiku uses the past-tense rule), and periods whose Timex is an
///   interval (zhiku writes YYYY/YYYY with inclusive ends).
final class PeerSuiteTests: XCTestCase {
    struct Tally { var pass = 0, total = 0; var failures: [String] = [] }

    func load(_ rel: String) throws -> [[String: Any]] {
        let url = try Fixtures.shared("peer-specs/recognizers-text/Specs/" + rel)
        let data = try Data(contentsOf: url)
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }

    /// Full-width digits and point to ASCII (the specs report normalized Text).
    static func half(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.map { u in
            (0xFF10...0xFF19).contains(u.value) || u.value == 0xFF0E ? Unicode.Scalar(u.value - 0xFEE0)! : u
        }))
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-9) }

    static let numberChars = Set("0123456789０１２３４５６７８９.,，．零〇一二三四五六七八九十百千万亿两俩壹贰叁肆伍陆陸柒捌玖拾佰仟萬億兩貳參点點余多")

    func report(_ name: String, _ t: Tally) {
        let rate = t.total == 0 ? 1 : Double(t.pass) / Double(t.total)
        print(String(format: "peer %@: %d/%d applicable pass (%.1f%%)", name, t.pass, t.total, rate * 100))
        for f in t.failures.prefix(40) { print("    fail " + f) }
        flushOutput()
    }

    func testNumberModel() throws {
        var t = Tally()
        for c in try load("Number/Chinese/NumberModel.json") {
            for r in c["Results"] as? [[String: Any]] ?? [] {
                guard let text = r["Text"] as? String, let res = r["Resolution"] as? [String: Any],
                      let vs = res["value"] as? String, let want = Double(vs) else { continue }
                guard text.allSatisfy({ PeerSuiteTests.numberChars.contains($0) }), want >= 0 else { continue }
                guard !text.contains("分之"), !text.hasPrefix("点"), !text.hasPrefix("點"), !text.hasPrefix("."), !text.hasPrefix("．") else { continue }
                t.total += 1
                if let got = NumberScanner.parseWhole(text), PeerSuiteTests.close(got, want) { t.pass += 1 }
                else { t.failures.append("\(text) want \(vs) got \(NumberScanner.parseWhole(text).map { "\($0)" } ?? "nil")") }
            }
        }
        report("Number/NumberModel", t)
        XCTAssertGreaterThan(t.total, 100)
        XCTAssertGreaterThanOrEqual(Double(t.pass) / Double(t.total), 0.95)
    }

    func testPercentModel() throws {
        var t = Tally()
        for c in try load("Number/Chinese/PercentModel.json") {
            for r in c["Results"] as? [[String: Any]] ?? [] {
                guard let text = r["Text"] as? String, let res = r["Resolution"] as? [String: Any],
                      var vs = res["value"] as? String, vs.hasSuffix("%") else { continue }
                vs.removeLast()
                guard let want = Double(vs), want >= 0 else { continue }
                let skip = ["折", "分之", "负", "負", " ", "k", "K", "个百分点", "個百分點", "千分", "万分"]
                if skip.contains(where: { text.contains($0) }) && !text.hasPrefix("百分之") { continue }
                if text.contains(" ") || text.contains("k") || text.contains("-") { continue }
                if text.contains("半") { continue }
                guard text.hasSuffix("%") || text.hasSuffix("％") || text.hasPrefix("百分之") || text.hasSuffix("成") else { continue }
                t.total += 1
                let figs = Extractor().extract(text).figures
                if figs.count == 1, figs[0].unit == "%", PeerSuiteTests.close(figs[0].value, want) { t.pass += 1 }
                else { t.failures.append("\(text) want \(want) got \(figs.map { "\($0.surface)=\($0.value)\($0.unit)" })") }
            }
        }
        report("Number/PercentModel", t)
        XCTAssertGreaterThan(t.total, 30)
        XCTAssertGreaterThanOrEqual(Double(t.pass) / Double(t.total), 0.95)
    }

    func testCurrencyModel() throws {
        var t = Tally()
        let names = ["美元", "欧元", "日元", "港元", "英镑", "元整", "人民币", "元"]
        for c in try load("NumberWithUnit/Chinese/CurrencyModel.json") {
            guard let input = c["Input"] as? String else { continue }
            for r in c["Results"] as? [[String: Any]] ?? [] {
                guard let text = r["Text"] as? String, let res = r["Resolution"] as? [String: Any],
                      let vs = res["value"] as? String, let want = Double(vs) else { continue }
                guard let unit = names.first(where: { text.hasSuffix($0) }) else { continue }
                if ["块", "角", "分", "毛", "￥", "¥", "$", " ", "负", "兆"].contains(where: { text.contains($0) }) { continue }
                let canon = (unit == "元整" || unit == "人民币") ? "元" : unit
                t.total += 1
                let figs = Extractor().extract(input).figures
                if figs.contains(where: { PeerSuiteTests.half($0.surface).contains(text) || text.contains(PeerSuiteTests.half($0.surface)) ? ($0.unit == canon && PeerSuiteTests.close($0.value, want)) : false }) {
                    t.pass += 1
                } else { t.failures.append("\(input) | \(text) want \(want) \(canon) got \(figs.map { "\($0.surface)=\($0.value)\($0.unit)" })") }
            }
        }
        report("NumberWithUnit/CurrencyModel", t)
        XCTAssertGreaterThan(t.total, 10)
        XCTAssertGreaterThanOrEqual(Double(t.pass) / Double(t.total), 0.9)
    }

    func testDimensionModel() throws {
        var t = Tally()
        let units = ["Mu": "亩", "Meter": "米", "Kilometer": "公里", "Centimeter": "厘米", "Kilogram": "千克",
                     "Gram": "克", "Ton": "吨", "Kilowatt": "千瓦", "Square meter": "平方米", "Square kilometer": "平方公里"]
        for c in try load("NumberWithUnit/Chinese/DimensionModel.json") {
            guard let input = c["Input"] as? String else { continue }
            for r in c["Results"] as? [[String: Any]] ?? [] {
                guard let text = r["Text"] as? String, let res = r["Resolution"] as? [String: Any],
                      let vs = res["value"] as? String, let want = Double(vs), let u = res["unit"] as? String,
                      let canon = units[u] else { continue }
                if text.contains("半") || text.contains("负") || want < 0 { continue }
                t.total += 1
                let figs = Extractor().extract(input).figures
                if figs.contains(where: { $0.unit == canon && PeerSuiteTests.close($0.value, want) }) { t.pass += 1 }
                else { t.failures.append("\(input) | \(text) want \(want) \(canon) got \(figs.map { "\($0.surface)=\($0.value)\($0.unit)" })") }
            }
        }
        report("NumberWithUnit/DimensionModel", t)
        XCTAssertGreaterThan(t.total, 5)
        XCTAssertGreaterThanOrEqual(Double(t.pass) / Double(t.total), 0.9)
    }

    /// Converts a Recognizers Timex into zhiku's value when it is a plain year/month/day or a quarter interval.
    static func zhikuValue(timex: String) -> String? {
        let plain = timex.unicodeScalars.allSatisfy { CharacterSet(charactersIn: "0123456789-").contains($0) }
        if plain && (timex.count == 4 || timex.count == 7 || timex.count == 10) { return timex }
        // (2017-01-01,2017-04-01,P3M) → 2017-Q1
        if timex.hasPrefix("("), timex.hasSuffix(",P3M)") {
            let parts = timex.dropFirst().split(separator: ",")
            if parts.count == 3, parts[0].count == 10, parts[0].hasSuffix("-01"),
               let y = Int(parts[0].prefix(4)), let m = Int(parts[0].dropFirst(5).prefix(2)), (m - 1) % 3 == 0 {
                return "\(y)-Q\((m - 1) / 3 + 1)"
            }
        }
        return nil
    }

    func runDates(_ rel: String) throws -> Tally {
        var t = Tally()
        let skipWords = ["周", "週", "星期", "礼拜", "禮拜", "农历", "正月", "初一", "大年", "世纪", "年代", "天", "昨", "夏", "冬", "春", "秋",
                         "最近", "过去", "未来", "近", "前1", "上2", "后1", "康熙", "雍正", "神龙", "民国", "元年", " ", "号,", "号，",
                         "之后", "之前", "之间", "间", "从", "到", "第一周", "最后", "晚", "早", "点", "时", "个月", "的第"]
        for c in try load(rel) {
            guard let input = c["Input"] as? String else { continue }
            let ctx = (c["Context"] as? [String: Any])?["ReferenceDateTime"] as? String ?? "2017-03-22T00:00:00"
            let doc = SimpleDate(iso: String(ctx.prefix(10)))
            for r in c["Results"] as? [[String: Any]] ?? [] {
                guard let text = r["Text"] as? String, let v = r["Value"] as? [String: Any], let timex = v["Timex"] as? String,
                      let want = PeerSuiteTests.zhikuValue(timex: timex) else { continue }
                if skipWords.contains(where: { text.contains($0) }) { continue }
                guard let y = Int(want.prefix(4)), (1900...2100).contains(y) else { continue }
                if want.count == 10 && SimpleDate(iso: want) == nil { continue }          // impossible dates are rejected
                if want.count == 10 && !(text.hasSuffix("日") || text.hasSuffix("号") || text.first?.isNumber == true) { continue }
                // a year must be written with four digits or be a relative year word
                let hasYear = text.range(of: "[0-9０-９]{4}", options: .regularExpression) != nil
                    || text.range(of: "[〇零一二三四五六七八九]{4}年", options: .regularExpression) != nil
                    || ["今年", "去年", "明年", "前年", "本月", "上个月", "下个月"].contains(where: { text.contains($0) })
                guard hasYear else { continue }
                if text.range(of: "^[0-9]{1,2}[-/.]", options: .regularExpression) != nil { continue }  // day-first
                if text.allSatisfy({ $0.isNumber }) { continue }      // a bare 4-digit number is not a year in zhiku
                t.total += 1
                let ds = Extractor(documentDate: doc).extract(input).dates
                if ds.contains(where: { $0.value == want && ($0.surface.contains(text) || text.contains($0.surface)) }) { t.pass += 1 }
                else { t.failures.append("\(input) | \(text) want \(want) got \(ds.map { "\($0.surface)=\($0.value)" })") }
            }
        }
        return t
    }

    func testDateParser() throws {
        let t = try runDates("DateTime/Chinese/DateParser.json")
        report("DateTime/DateParser", t)
        XCTAssertGreaterThan(t.total, 5)
        XCTAssertGreaterThanOrEqual(Double(t.pass) / Double(t.total), 0.8)
    }

    func testDatePeriodParser() throws {
        let t = try runDates("DateTime/Chinese/DatePeriodParser.json")
        report("DateTime/DatePeriodParser", t)
        XCTAssertGreaterThan(t.total, 5)
        XCTAssertGreaterThanOrEqual(Double(t.pass) / Double(t.total), 0.9)
    }

    func testDateTimeModel() throws {
        var t = Tally()
        let skipWords = ["周", "週", "星期", "礼拜", "农历", "正月", "初一", "大年", "世纪", "年代", "天", "昨", "夏", "冬", "春", "秋",
                         "最近", "过去", "未来", "近", "康熙", "雍正", "民国", " ", "点", "时", "分", "秒", "晚", "早", "午", "间", "从", "到", "至",
                         "个月", "的第"]
        for c in try load("DateTime/Chinese/DateTimeModel.json") {
            guard let input = c["Input"] as? String else { continue }
            let ctx = (c["Context"] as? [String: Any])?["ReferenceDateTime"] as? String ?? "2017-03-22T00:00:00"
            let doc = SimpleDate(iso: String(ctx.prefix(10)))
            for r in c["Results"] as? [[String: Any]] ?? [] {
                guard let text = r["Text"] as? String, let res = r["Resolution"] as? [String: Any],
                      let values = res["values"] as? [[String: Any]], let first = values.first,
                      let timex = first["timex"] as? String, let want = PeerSuiteTests.zhikuValue(timex: timex) else { continue }
                if skipWords.contains(where: { text.contains($0) }) { continue }
                if text.allSatisfy({ $0.isNumber }) { continue }
                if want.count == 10 && SimpleDate(iso: want) == nil { continue }
                guard let y = Int(want.prefix(4)), (1900...2100).contains(y),
                      text.range(of: "[0-9０-９]{4}", options: .regularExpression) != nil
                        || ["今年", "去年", "明年", "前年"].contains(where: { text.contains($0) }) else { continue }
                if text.range(of: "^[0-9]{1,2}[-/.]", options: .regularExpression) != nil { continue }
                t.total += 1
                let ds = Extractor(documentDate: doc).extract(input).dates
                if ds.contains(where: { $0.value == want && ($0.surface.contains(text) || text.contains($0.surface)) }) { t.pass += 1 }
                else { t.failures.append("\(input) | \(text) want \(want) got \(ds.map { "\($0.surface)=\($0.value)" })") }
            }
        }
        report("DateTime/DateTimeModel", t)
        XCTAssertGreaterThan(t.total, 50)
        XCTAssertGreaterThanOrEqual(Double(t.pass) / Double(max(t.total, 1)), 0.95)
    }
}
