import XCTest
@testable import ZhikuText

final class SegmenterTests: XCTestCase {
    /// (token, scalar start, scalar end, colocated) for the document side.
    func doc(_ text: String) -> [(String, Int, Int, Bool)] {
        let scalars = Array(text.unicodeScalars)
        var byteToScalar: [Int: Int] = [:]
        var b = 0
        for (i, s) in scalars.enumerated() { byteToScalar[b] = i; b += UTF8.width(s) }
        byteToScalar[b] = scalars.count
        return Segmenter(mode: .expanded).tokens(in: text).map {
            ($0.text, byteToScalar[$0.utf8Range.lowerBound]!, byteToScalar[$0.utf8Range.upperBound]!, $0.colocated)
        }
    }

    func query(_ text: String) -> [String] { Segmenter(mode: .query).tokens(in: text).map(\.text) }

    func testIndexSideHasOneTokenPerCharacter() {
        let t = Segmenter(mode: .document).tokens(in: "赣州高新区 和 4.47亿元")
        XCTAssertEqual(t.map(\.text), ["赣州", "州高", "高新", "新区", "区", "和", "4.47", "亿元", "元"])
        XCTAssertEqual(t.map(\.position), Array(0..<9), "one position per character or word")
        XCTAssertFalse(t.contains { $0.colocated })
    }

    func testExpandedSideHasUnigramsWithColocatedBigrams() {
        let t = doc("赣州高新区")
        XCTAssertEqual(t.map(\.0), ["赣", "赣州", "州", "州高", "高", "高新", "新", "新区", "区"])
        XCTAssertEqual(t.filter { !$0.3 }.count, 5, "one position per character")
        XCTAssertTrue(t[1].3, "the bigram shares the first character's position")
        XCTAssertEqual(t[1].1, 0); XCTAssertEqual(t[1].2, 2)
    }

    func testQuerySideUsesBigramsAndKeepsPositionsAligned() {
        XCTAssertEqual(query("高新区"), ["高新", "新区"])
        XCTAssertEqual(query("和"), ["和"], "a lone character is its unigram")
        XCTAssertEqual(query("研发R&D"), ["研发", "发", "r", "d"], "last character kept when more tokens follow")
        XCTAssertEqual(query("2020年"), ["2020", "年"])
    }

    func testWordsAreLowercasedAndDecimalsStayWhole() {
        XCTAssertEqual(doc("4.47亿元").map(\.0), ["4.47", "亿", "亿元", "元"])
        XCTAssertEqual(query("GDP 5G"), ["gdp", "5g"])
        XCTAssertEqual(query("1.2.3"), ["1.2.3"])
        XCTAssertEqual(query("版本1."), ["版本", "本", "1"], "a trailing dot is not part of a number")
    }

    func testFoldingFullWidthCaseAndTraditional() {
        XCTAssertEqual(query("Ｒ＆Ｄ"), ["r", "d"])
        XCTAssertEqual(query("１２％"), ["12"])
        XCTAssertEqual(query("贛州"), query("赣州"), "traditional folds to simplified")
        let t = doc("ＧＤＰ")
        XCTAssertEqual(t.first?.0, "gdp")
        XCTAssertEqual(t.first?.2, 3, "offsets point into the original full-width text")
    }

    func testSupplementaryCharactersAndEmoji() {
        let t = doc("𠮷野家😀")
        XCTAssertEqual(t.filter { !$0.3 }.map(\.0), ["𠮷", "野", "家"], "emoji are separators")
        XCTAssertEqual(t[1].0, "𠮷野")
        XCTAssertEqual(t[1].1, 0); XCTAssertEqual(t[1].2, 2)
    }

    func testPunctuationAndFTSSyntaxAreSeparators() {
        XCTAssertEqual(query("\"研究\" AND (团队) NEAR* ^:"), ["研究", "究", "and", "团队", "队", "near"])
        XCTAssertTrue(query("！？（）【】").isEmpty)
    }

    func testLongWordsAreCut() {
        let long = String(repeating: "a", count: 200)
        let toks = query(long)
        XCTAssertGreaterThan(toks.count, 1)
        XCTAssertTrue(toks.allSatisfy { $0.utf8.count <= Segmenter.maxWordBytes })
        XCTAssertEqual(toks.joined(), long)
    }

    func testInvalidBytesAreSeparators() {
        let bytes: [UInt8] = [0xE4, 0xB8, 0x61, 0xFF, 0x62]  // truncated 中, 'a', invalid, 'b'
        struct C: TokenSink {
            var out: [String] = []
            mutating func token(_ b: UnsafeBufferPointer<UInt8>, byteStart: Int, byteEnd: Int, colocated: Bool) -> Bool {
                out.append(String(decoding: b, as: UTF8.self)); return true
            }
        }
        var c = C()
        bytes.withUnsafeBufferPointer { _ = Segmenter(mode: .expanded).segment($0, into: &c) }
        XCTAssertEqual(c.out, ["a", "b"])
    }
}
