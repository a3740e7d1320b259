import Foundation
import XCTest
@testable import ZhikuIndex

/// Numbers in replies: the integer-arithmetic path prints what `String(format:)` prints.
final class JSONWriterTests: XCTestCase {
    func testFixedDecimalsMatchPrintf() {
        var state: UInt64 = 7
        func random() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var values: [Double] = [0.5, 0.05, 0.00005, -0.00004, 1.23455, 2.5e-5, 4.47e8 + 0.25, -7.35, 0.1 + 0.2, 99999.99995, 1e11 + 0.123]
        for _ in 0..<20_000 {
            let magnitude = [1e-5, 1e-2, 1, 10, 1e3, 1e6, 1e9][Int(random() * 7)]
            values.append((random() - 0.3) * magnitude)
        }
        var fast = 0
        for v in values {
            for digits in [0, 1, 2, 3, 4, 6] {
                var out = ""
                JSONWriter.appendDouble(v, digits: digits, to: &out)
                let reference = v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : JSONWriter.formatted(v, digits: digits)
                XCTAssertEqual(out, reference, "\(v) with \(digits) digits")
                if JSONWriter.fastFixed(v, digits: digits) != nil { fast += 1 }
            }
        }
        XCTAssertGreaterThan(fast, values.count * 4, "the fast path takes almost every value")
    }

    /// Strings are written as raw UTF-8 with quotes, backslashes and control characters escaped,
    /// in runs: every string decodes back to itself, and the escapes are the ones the writer
    /// always used (`\n`, `\u001f`…).
    func testStringsEscapeAndRoundTrip() throws {
        var state: UInt64 = 11
        let pieces = ["研究团队", "\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", "\u{7F}", "a", " ", "𠀀", "é", "/", "（一）"]
        var strings = ["", "\"", "plain", "末尾\n", "\u{0}"]
        for _ in 0..<500 {
            var t = ""
            for _ in 0..<(Int(state % 12)) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                t += pieces[Int(state >> 33) % pieces.count]
            }
            strings.append(t)
        }
        for t in strings {
            var w = JSONWriter()
            w.beginArray(); w.string(t); w.endArray()
            let decoded = try JSONSerialization.jsonObject(with: Data(w.bytes)) as? [String]
            XCTAssertEqual(decoded, [t])
            XCTAssertFalse(w.bytes.contains { $0 < 0x20 }, "no raw control byte in \(w.output)")
        }
        var w = JSONWriter()
        w.beginArray(); w.string("a\"b\\c\nd\u{1F}e研"); w.endArray()
        XCTAssertEqual(w.output, #"["a\"b\\c\nd\u001fe研"]"#)
    }

    func testIntegersAsStringWritesThem() {
        for i: Int64 in [0, 1, -1, 9, 10, 11, 99, 100, -100, 447_000_000, 1_000_000_000_000_000_000, 999_999_999_999_999_999,
                         Int64.max, Int64.min, Int64.max - 1, Int64.min + 1] {
            var out: [UInt8] = []
            JSONWriter.appendInt(i, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(i))
        }
        var w = JSONWriter()
        w.beginObject(); w.field("n", -42); w.field("x", 73500.0); w.field("y", 4.5); w.endObject()
        XCTAssertEqual(w.output, #"{"n":-42,"x":73500,"y":4.5}"#)
    }
}
