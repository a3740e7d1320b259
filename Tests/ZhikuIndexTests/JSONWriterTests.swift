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
}
