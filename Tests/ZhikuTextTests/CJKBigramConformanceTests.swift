import Foundation
import XCTest
import ZhikuTestSupport
@testable import ZhikuText

/// Lucene's CJK bigram cases (restated in ../shared/peer-specs/cjk-bigram/cases.json) run against
/// zhiku's expanded segmentation (the index keeps the bigrams and run-final characters of it).
///
/// zhiku indexes every CJK character as a unigram *and* the bigram starting there (Lucene's
/// `outputUnigrams=true` shape, positions aligned), so for every case:
/// - each expected bigram (`<DOUBLE>`) must be one of zhiku's bigrams, with the same offsets;
/// - each expected single token (`<SINGLE>`, `<ALPHANUM>`, `<NUM>`, kana, Hangul) must be one of
///   zhiku's unigrams or words, with the same offsets (Latin lowercased, width folded).
/// Deliberate differences, skipped with the reason:
/// - `<EMOJI>`: zhiku does not index emoji (they are separators).
/// - Han-only bigram flags: zhiku always pairs Han, kana and Hangul together (Lucene's default).
/// - `1,2` stays one `<NUM>` in Lucene; zhiku splits on the comma (`1,250` still matches as a phrase).
/// - Half-width katakana (ｶﾀｶﾅ) is not folded to full width.
/// - The legacy CJKAnalyzer's overlapping offsets are not reproduced.
final class CJKBigramConformanceTests: XCTestCase {
    func testLuceneCases() throws {
        let data = try Data(contentsOf: Fixtures.shared("peer-specs/cjk-bigram/cases.json", for: "the conformance cases"))
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let cases = root["cases"] as! [[String: Any]]
        var checked = 0, skipped: [String] = []
        for c in cases {
            let id = c["id"] as! String
            let pipeline = c["pipeline"] as! String
            let input = c["input"] as! String
            let options = c["options"] as? [String: Any] ?? [:]
            let expected = c["expected"] as? [[String: Any]] ?? []
            if let flags = options["flags"] as? String, !flags.hasPrefix("0xff"), flags != "ALL", !flags.contains("HIRAGANA") {
                skipped.append("\(id): script flags \(flags)"); continue
            }
            if input.unicodeScalars.contains(where: { (0xFF66...0xFF9F).contains($0.value) }) {
                skipped.append("\(id): half-width katakana"); continue
            }
            if id.contains("thousands") { skipped.append("\(id): comma splits numbers"); continue }
            if pipeline == "legacy_cjk_analyzer" { skipped.append("\(id): legacy analyzer's offsets"); continue }
            let tokens = Segmenter(mode: .expanded).tokens(in: input)
            let scalarOffset = Self.byteToScalar(input)
            let got = Set(tokens.map { "\($0.text)@\(scalarOffset[$0.utf8Range.lowerBound]!)-\(scalarOffset[$0.utf8Range.upperBound]!)" })
            let gotTexts = Set(tokens.map(\.text))
            let scalars = c["scalar_offsets"] as? [[Int]]
            for (i, e) in expected.enumerated() {
                let type = e["type"] as? String ?? ""
                if type == "<EMOJI>" { continue }
                let text = Folding.fold(e["t"] as! String)
                if pipeline.hasPrefix("keyword") {
                    XCTAssertEqual(Folding.fold(input), text, id); continue
                }
                guard var start = e["start"] as? Int, var end = e["end"] as? Int else {
                    XCTAssertTrue(gotTexts.contains(text), "\(id): \(text) missing from \(gotTexts.sorted())"); continue
                }
                if let s = scalars, i < s.count { start = s[i][0]; end = s[i][1] }
                XCTAssertTrue(got.contains("\(text)@\(start)-\(end)"), "\(id): expected \(text) at \(start)..<\(end); got \(got.sorted())")
            }
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 20, "most Lucene cases apply to zhiku")
        print("CJK bigram conformance: \(checked) cases checked, \(skipped.count) skipped: \(skipped.joined(separator: "; "))")
    }

    static func byteToScalar(_ text: String) -> [Int: Int] {
        var map: [Int: Int] = [:]
        var b = 0, i = 0
        for s in text.unicodeScalars { map[b] = i; b += UTF8.width(s); i += 1 }
        map[b] = i
        return map
    }
}
