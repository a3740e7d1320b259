import Foundation
import XCTest
@testable import ZhikuExtract

/// Throughput report, run only with ZHIKU_BENCH=1 (use a release build:
/// `ZHIKU_BENCH=1 swift test -c release --filter BenchTests`). Prints MB/s; no timed assertion.
final class BenchTests: XCTestCase {
    func mbps(_ lines: [String], bytes: Int) -> Double {
        let ex = Extractor(documentDate: SimpleDate(iso: "2021-05-28"))
        let t0 = Date()
        var n = 0
        for l in lines { let e = ex.extract(l); n += e.figures.count + e.dates.count + e.orgs.count }
        let dt = Date().timeIntervalSince(t0)
        defer { flushOutput() }
        print(String(format: "  %.1f MB in %.2f s → %.2f MB/s (%d entities)", Double(bytes) / 1e6, dt, Double(bytes) / 1e6 / dt, n))
        return Double(bytes) / 1e6 / dt
    }

    func testSampleReportRepeated() throws {
        guard ProcessInfo.processInfo.environment["ZHIKU_BENCH"] != nil else { throw XCTSkip("set ZHIKU_BENCH=1 to run") }
        let text = try SampleReportTests.sample()
        let lines = text.split(separator: "\n").map(String.init)
        var all: [String] = []
        for _ in 0..<400 { all += lines }
        let bytes = all.reduce(0) { $0 + $1.utf8.count }
        print("sample report ×400 (per line):")
        XCTAssertGreaterThan(mbps(all, bytes: bytes), 0)
    }

    func testLargeCorpus() throws {
        guard ProcessInfo.processInfo.environment["ZHIKU_BENCH"] != nil else { throw XCTSkip("set ZHIKU_BENCH=1 to run") }
        // expects an uncompressed copy: gunzip -c ../shared/corpora/large/lawrefbook-laws.jsonl.gz > /tmp/large.jsonl
        let path = ProcessInfo.processInfo.environment["ZHIKU_BENCH_LARGE"] ?? "/tmp/large.jsonl"
        guard let data = FileManager.default.contents(atPath: path) else { throw XCTSkip("no \(path)") }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        print("large corpus \(path) (per JSONL line):")
        XCTAssertGreaterThan(mbps(lines, bytes: data.count), 0)
    }
}
