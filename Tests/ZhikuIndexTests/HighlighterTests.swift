import Foundation
import XCTest
@testable import ZhikuIndex
import ZhikuText

/// The highlighter's character search for CJK terms finds exactly what matching the index's tokens
/// finds.
final class HighlighterTests: XCTestCase {
    func lines() throws -> [String] {
        let text = try String(contentsOf: IndexFixture.sampleReport, encoding: .utf8)
        return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty } + [
            "贛州研發中心與研发平台，貳零貳壹年。", "ひらがなとカタカナ、한국어 텍스트。", "研究研究研究，究研。", "和",
        ]
    }

    func testCharacterSearchEqualsTokenMatching() throws {
        let lines = try lines()
        let cjk = lines.joined().unicodeScalars.filter { CharClass.isCJK(Folding.fold($0.value)) }.map { Character($0) }
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var termSets: [[String]] = [["研发"], ["研發"], ["贛州", "贰"], ["カタ"], ["한국"], ["研究"], ["究研究"], ["和"], ["研", "究"]]
        for _ in 0..<300 {
            var set: [String] = []
            for _ in 0..<(1 + next(3)) {
                let length = 1 + next(4)
                let start = next(cjk.count - length)
                set.append(String(cjk[start..<(start + length)]))
            }
            termSets.append(set)
        }
        var compared = 0
        for terms in termSets {
            let h = Highlighter(terms: terms)
            XCTAssertNotNil(h.cjkTerms, "\(terms) are CJK only")
            for line in lines {
                let fast = h.matches(in: line), slow = h.tokenMatches(in: line)
                XCTAssertEqual(fast.ranges, slow.ranges, "\(terms) in \(line)")
                XCTAssertEqual(fast.termsFound, slow.termsFound, "\(terms) in \(line)")
                if !slow.ranges.isEmpty { compared += 1 }
            }
        }
        XCTAssertGreaterThan(compared, 500, "most term sets should occur somewhere")
    }

    func testOtherTermsUseTheTokens() {
        XCTAssertNil(Highlighter(terms: ["研究", "GDP"]).cjkTerms)
        XCTAssertNil(Highlighter(terms: ["7.35万"]).cjkTerms)
        XCTAssertNil(Highlighter(terms: ["研究 团队"]).cjkTerms)
        let h = Highlighter(terms: ["研究", "R&D"])
        XCTAssertEqual(h.matches(in: "研究与R&D投入").ranges, [0..<2, 3..<6])
    }
}
