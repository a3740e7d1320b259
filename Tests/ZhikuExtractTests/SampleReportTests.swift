import Foundation
import XCTest
@testable import ZhikuExtract

/// Checks on the sample report in corpus/ (part of the repository).
final class SampleReportTests: XCTestCase {
    static func sample() throws -> String {
        let u = Shared.packageRoot.appendingPathComponent("corpus/ganzhou-hitech-zone-innovation-platforms-2021.txt")
        guard let t = try? String(contentsOf: u, encoding: .utf8) else { throw XCTSkip("sample report missing at \(u.path)") }
        return t
    }

    /// Prints every entity when ZHIKU_DUMP=1 (for eyeballing).
    func testDumpWhenAsked() throws {
        guard ProcessInfo.processInfo.environment["ZHIKU_DUMP"] != nil else { throw XCTSkip("set ZHIKU_DUMP=1 to print entities") }
        let path = ProcessInfo.processInfo.environment["ZHIKU_DUMP_FILE"]
        let text = try path.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? SampleReportTests.sample()
        let ex = Extractor(documentDate: SimpleDate(iso: ProcessInfo.processInfo.environment["ZHIKU_DUMP_DATE"] ?? "2021-05-28"))
        print("dump: \(text.unicodeScalars.count) scalars")
        for line in text.split(separator: "\n") where !line.isEmpty {
            let e = ex.extract(String(line))
            if e.figures.isEmpty && e.dates.isEmpty && e.orgs.isEmpty { continue }
            print("# " + line.prefix(120))
            for f in e.figures { print("  F \(f.surface) = \(f.value)\(f.valueMax.map { "–\($0)" } ?? "") \(f.unit) \(f.kind) \(f.approx ?? "")") }
            for d in e.dates { print("  D \(d.surface) = \(d.value) \(d.granularity) \(d.mod ?? "") \(d.lowConfidence ? "LOW" : "") \(d.role ?? "")") }
            for o in e.orgs { print("  O \(o.surface) \(o.canonical ?? "")") }
        }
    }
}
