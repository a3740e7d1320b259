import Foundation
import XCTest
@testable import ZhikuExtract

/// Extraction throughput, printed (never asserted: timing belongs to benchmarks); what is asserted
/// is that extraction is per line and deterministic. ZHIKU_BENCH_REPEAT (default 4) sets how many
/// copies of the sample report are read; with a release build and 400 copies it is the
/// throughput figure `swift test -c release --filter BenchTests` prints.
final class BenchTests: XCTestCase {
    func testExtractionThroughputOnTheSampleReport() throws {
        let repeats = ProcessInfo.processInfo.environment["ZHIKU_BENCH_REPEAT"].flatMap(Int.init) ?? 4
        let lines = try SampleReportTests.sample().split(separator: "\n").map(String.init)
        let ex = Extractor(documentDate: SimpleDate(iso: "2021-05-28"))
        func count(_ lines: [String]) -> Int {
            lines.reduce(0) { n, l in let e = ex.extract(l); return n + e.figures.count + e.dates.count + e.orgs.count }
        }
        let once = count(lines)
        var all: [String] = []
        for _ in 0..<repeats { all += lines }
        let bytes = all.reduce(0) { $0 + $1.utf8.count }
        let t0 = Date()
        let n = count(all)
        let dt = Date().timeIntervalSince(t0)
        print(String(format: "extraction: sample report x%d, %.1f MB in %.2f s, %.2f MB/s (%d entities)",
                     repeats, Double(bytes) / 1e6, dt, Double(bytes) / 1e6 / dt, n))
        XCTAssertGreaterThan(once, 100)
        XCTAssertEqual(n, once * repeats, "each copy gives the same entities")
    }
}
