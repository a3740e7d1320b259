import XCTest
@testable import ZhikuTerminal

final class LineBufferTests: XCTestCase {
    func testInsertInMiddleOfCJK() {
        var b = LineBuffer("稀土研究院")
        b.moveLeft(); b.moveLeft()
        b.insert("中科")
        XCTAssertEqual(b.text, "稀土研中科究院")
        XCTAssertEqual(b.cursor, 5)
    }

    func testBackspaceAndDeleteRemoveWholeGraphemes() {
        var b = LineBuffer("a𠮷e\u{301}👨‍👩‍👧")
        XCTAssertEqual(b.characters.count, 4)
        b.deleteBackward()                  // whole ZWJ family
        XCTAssertEqual(b.text, "a𠮷e\u{301}")
        b.deleteBackward()                  // e + combining acute together
        XCTAssertEqual(b.text, "a𠮷")
        b.moveHome()
        b.deleteForward()
        XCTAssertEqual(b.text, "𠮷")
        b.deleteForward()
        XCTAssertTrue(b.isEmpty)
        XCTAssertFalse(b.deleteBackward())  // at start: nothing happens
    }

    func testCombiningMarkTypedSeparatelyJoinsBase() {
        var b = LineBuffer("e")
        b.insert("\u{301}")
        XCTAssertEqual(b.characters.count, 1)
        XCTAssertEqual(b.cursor, 1)
    }

    func testMotions() {
        var b = LineBuffer("中文ab")
        b.moveHome(); XCTAssertEqual(b.cursor, 0)
        XCTAssertFalse(b.moveLeft())
        b.moveRight(); XCTAssertEqual(b.cursor, 1)
        b.moveEnd(); XCTAssertEqual(b.cursor, 4)
        XCTAssertFalse(b.moveRight())
    }

    func testKills() {
        var b = LineBuffer("稀土研究院")
        b.moveLeft(); b.moveLeft()
        b.killToEnd()                        // Ctrl-K
        XCTAssertEqual(b.text, "稀土研")
        XCTAssertEqual(b.killRing, "究院")
        b.yank()                             // Ctrl-Y
        XCTAssertEqual(b.text, "稀土研究院")
        b.moveLeft()
        b.killToStart()                      // Ctrl-U
        XCTAssertEqual(b.text, "院")
        XCTAssertEqual(b.cursor, 0)
    }

    func testDeleteWordBackward() {
        let rows: [(String, String, String)] = [
            ("稀土 研究院", "稀土 ", "a CJK run is one word"),
            ("稀土研究院 ", "", "trailing space goes with the word"),
            ("hello world", "hello ", "ASCII word"),
            ("search foo-bar", "search foo-", "punctuation separates words"),
            ("稀土abc", "稀土", "ASCII after CJK is its own word"),
            ("abc稀土", "abc", "CJK after ASCII is its own word"),
            ("一期工程，建筑面积", "一期工程，", "fullwidth comma separates"),
            ("", "", "empty line"),
        ]
        for (input, expected, label) in rows {
            var b = LineBuffer(input)
            b.deleteWordBackward()
            XCTAssertEqual(b.text, expected, label)
        }
    }

    func testInsertDropsControlsAndFlattensNewlines() {
        var b = LineBuffer()
        b.insert("a\u{7}b\nc\td")
        XCTAssertEqual(b.text, "ab c d")
    }

    func testTranspose() {
        var b = LineBuffer("中文")
        b.transpose()
        XCTAssertEqual(b.text, "文中")
    }
}
