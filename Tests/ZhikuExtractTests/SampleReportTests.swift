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
