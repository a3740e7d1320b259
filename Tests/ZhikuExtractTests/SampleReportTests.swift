import Foundation
import XCTest
import ZhikuTestSupport
@testable import ZhikuExtract

/// Checks on the sample report in corpus/ (part of the repository).
final class SampleReportTests: XCTestCase {
    static func sample() throws -> String {
        let u = Fixtures.sampleReport
        guard let t = try? String(contentsOf: u, encoding: .utf8) else { throw XCTSkip("sample report missing at \(u.path)") }
        return t
    }

    /// Prints every entity when ZHIKU_DUMP=1 (for eyeballing).
    func testDumpWhenAsked() throws {
        guard ProcessInfo.processInfo.environment["ZHIKU_DUMP"] != nil else { throw XCTSkip("set ZHIKU_DUMP=1 to print entities") }
        let path = ProcessInfo.processInfo.environment["ZHIKU_DUMP_FILE"]
        let text = try path.map { try String(contentsOfFile: $0, encoding: .utf8) } ?? SampleReportTests.sample()
        let ex = Extractor(documentDate: SimpleDate(iso: ProcessInfo.processInfo.environment["ZHIKU_DUMP_DATE"] ?? "2021-05-28"))
        defer { flushOutput() }
        for line in text.split(separator: "\n") where !line.isEmpty {
            let e = ex.extract(String(line))
            if e.figures.isEmpty && e.dates.isEmpty && e.orgs.isEmpty { continue }
            print("# " + line.prefix(120))
            for f in e.figures { print("  F \(f.surface) = \(f.value)\(f.valueMax.map { "–\($0)" } ?? "") \(f.unit) \(f.kind) \(f.approx ?? "")") }
            for d in e.dates { print("  D \(d.surface) = \(d.value) \(d.granularity) \(d.mod ?? "") \(d.lowConfidence ? "LOW" : "") \(d.role ?? "")") }
            for o in e.orgs { print("  O \(o.surface) \(o.canonical ?? "")") }
        }
    }

    /// Prints facts of the sample report when ZHIKU_DUMP=1, treating numbered lines as headings.
    func testDumpFactsWhenAsked() throws {
        guard ProcessInfo.processInfo.environment["ZHIKU_DUMP"] != nil else { throw XCTSkip("set ZHIKU_DUMP=1 to print facts") }
        let text = try SampleReportTests.sample()
        var aliases = AliasTable()
        aliases.learn(from: text)
        let ex = Extractor(documentDate: SimpleDate(iso: "2021-05-28"))
        let linker = FactLinker()
        defer { flushOutput() }
        var headings: [String] = []
        for line in text.split(separator: "\n").map(String.init) where !line.isEmpty {
            if FactLinker.isNumberedHeading(line) {
                let head = String(line.prefix { $0 != "。" })
                if line.hasPrefix("(") || line.hasPrefix("（") { headings = Array(headings.prefix(1)) + [head] } else { headings = [head] }
            }
            let e = ex.extract(line, aliases: aliases)
            for f in linker.facts(in: line, entities: e, headings: headings, documentSubject: "赣州高新技术产业开发区", aliases: aliases) {
                print(String(format: "  %.2f", f.confidence), f.subject ?? "-", "|", f.attribute ?? "-", "|",
                      f.figure?.surface ?? f.date?.surface ?? "", "|", f.factDate ?? "-")
            }
        }
    }

    /// The sample report's key figures link to the expected attributes.
    func testSampleFacts() throws {
        let text = try SampleReportTests.sample()
        var aliases = AliasTable()
        aliases.learn(from: text)
        let ex = Extractor(documentDate: SimpleDate(iso: "2021-05-28"))
        var found: [String: String] = [:]
        for line in text.split(separator: "\n").map(String.init) {
            let e = ex.extract(line, aliases: aliases)
            for f in FactLinker().facts(in: line, entities: e, headings: [], documentSubject: nil, aliases: aliases) {
                if let fig = f.figure, let a = f.attribute { found[fig.surface] = a }
            }
        }
        XCTAssertEqual(found["7.35万平方米"], "建筑面积")
        XCTAssertEqual(found["472.36亩"], "占地")
        XCTAssertEqual(found["7.67亿元"], "研发投入")
    }
}
