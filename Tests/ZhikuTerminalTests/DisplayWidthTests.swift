import XCTest
@testable import ZhikuTerminal

final class DisplayWidthTests: XCTestCase {
    let w = DisplayWidth()

    func testStringWidths() {
        let rows: [(String, Int, String)] = [
            ("中文", 4, "CJK ideographs are W: 2 each"),
            ("𠮷", 2, "plane-2 ideograph (surrogate pair in UTF-16) is 2"),
            ("\u{E9}", 1, "precomposed é is 1"),
            ("e\u{301}", 1, "decomposed é (e + combining acute) is 1"),
            ("\u{301}", 0, "a lone combining mark is 0"),
            ("😀", 2, "emoji presentation is 2"),
            ("👨‍👩‍👧", 2, "ZWJ family sequence is one 2-column cluster"),
            ("❤️", 2, "text-default emoji + VS16 is 2"),
            ("🇨🇳", 2, "regional-indicator pair (flag) is 2"),
            ("\u{200B}", 0, "zero-width space is 0"),
            ("\u{200D}", 0, "a lone ZWJ is 0"),
            ("ａｂ", 4, "fullwidth Latin (F) is 2 each"),
            ("ｱ", 1, "halfwidth katakana (H) is 1"),
            ("，。：", 6, "fullwidth punctuation is 2"),
            ("한", 2, "Hangul syllable is 2"),
            ("\u{1100}\u{1161}", 2, "conjoining jamo L+V is 2 (V is 0)"),
            ("“”", 2, "ambiguous quotes are 1 by default"),
            ("abc", 3, "ASCII is 1"),
            ("\u{1B}", 0, "control characters are 0"),
            ("知库 ok", 7, "mixed"),
        ]
        for (s, expected, label) in rows {
            XCTAssertEqual(w.width(of: s), expected, label)
        }
    }

    func testAmbiguousOption() {
        // With ambiguousIsWide, “”…· are 2 columns (CJK-locale terminals).
        XCTAssertEqual(DisplayWidth(ambiguousIsWide: true).width(of: "“”"), 4)
        XCTAssertEqual(DisplayWidth(ambiguousIsWide: true).width(of: "中"), 2)
        XCTAssertEqual(DisplayWidth(ambiguousIsWide: true).width(of: "a"), 1)
    }

    func testScalarWidths() {
        XCTAssertEqual(w.width(of: Unicode.Scalar(0x4E2D)!), 2)   // 中
        XCTAssertEqual(w.width(of: Unicode.Scalar(0x0301)!), 0)   // combining acute
        XCTAssertEqual(w.width(of: Unicode.Scalar(0xFE0F)!), 0)   // VS16
        XCTAssertEqual(w.width(of: Unicode.Scalar(0x00AD)!), 1)   // soft hyphen: terminals draw it
        XCTAssertEqual(w.width(of: Unicode.Scalar(0x3000)!), 2)   // ideographic space
    }

    func testVisibleWidthSkipsEscapes() {
        XCTAssertEqual(w.visibleWidth(of: "\u{1B}[1;32m知库>\u{1B}[0m "), 6)
        XCTAssertEqual(w.visibleWidth(of: "\u{1B}]0;title\u{7}ab"), 2)
        XCTAssertEqual(w.visibleWidth(of: "\u{1}\u{1B}[31m\u{2}红"), 2)
    }

    func testTruncate() {
        // Never cuts a wide char in half: 7 columns hold 3 ideographs + ellipsis.
        XCTAssertEqual(w.truncate("稀土研究院", toWidth: 7), "稀土研…")
        XCTAssertEqual(w.truncate("稀土研究院", toWidth: 6, ellipsis: ""), "稀土研")
        // A wide char that would straddle the limit is replaced by padding.
        XCTAssertEqual(w.truncate("稀土研究院", toWidth: 5, ellipsis: "", pad: true), "稀土 ")
        XCTAssertEqual(w.width(of: w.truncate("稀土研究院", toWidth: 8, pad: true)), 8)
        XCTAssertEqual(w.truncate("ab", toWidth: 4, pad: true), "ab  ")
        XCTAssertEqual(w.truncate("ab", toWidth: 2), "ab")
        // Grapheme clusters stay whole.
        XCTAssertEqual(w.truncate("e\u{301}e\u{301}e\u{301}", toWidth: 2, ellipsis: ""), "e\u{301}e\u{301}")
        XCTAssertEqual(w.truncate("👨‍👩‍👧👨‍👩‍👧", toWidth: 3, ellipsis: ""), "👨‍👩‍👧")
        XCTAssertEqual(w.truncate("abc", toWidth: 0), "")
    }

    func testTablesAreSortedAndDisjoint() {
        for table in [DisplayWidthTables.zeroWidth, DisplayWidthTables.wide, DisplayWidthTables.ambiguous] {
            XCTAssertEqual(table.count % 2, 0)
            for i in stride(from: 0, to: table.count, by: 2) {
                XCTAssertLessThanOrEqual(table[i], table[i + 1])
                if i > 0 { XCTAssertLessThan(table[i - 1], table[i]) }
            }
        }
    }
}
