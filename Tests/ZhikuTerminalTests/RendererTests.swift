import XCTest
@testable import ZhikuTerminal

final class RendererTests: XCTestCase {
    /// Renders into a virtual screen and returns it.
    func draw(_ r: inout Renderer, _ screen: inout VirtualScreen, prompt: String, _ text: String, cursor: Int? = nil) {
        let chars = Array(text)
        screen.apply(r.render(prompt: prompt, characters: chars, cursor: cursor ?? chars.count, columns: screen.columns))
    }

    func testSingleRow() {
        var r = Renderer()
        var s = VirtualScreen(columns: 20, rows: 4)
        draw(&r, &s, prompt: "> ", "中文ab", cursor: 1)
        XCTAssertEqual(s.line(0), "> 中文ab")
        XCTAssertTrue(s.cursor == (0, 4), "cursor after 中 is column 4, got \(s.cursor)")
    }

    func testPromptEscapesExcludedFromWidth() {
        var r = Renderer()
        var s = VirtualScreen(columns: 20, rows: 4)
        draw(&r, &s, prompt: "\u{1B}[1;32m知库>\u{1B}[0m ", "稀土")
        XCTAssertEqual(s.line(0), "知库> 稀土")
        XCTAssertTrue(s.cursor == (0, 10), "got \(s.cursor)")
    }

    func testWideCharAtRightEdgeWrapsAndLeavesBlank() {
        // 10 columns: "> x" takes 3, 稀土研 take 6 (cols 3–8), 究 needs cols 9–10: wraps.
        var r = Renderer()
        var s = VirtualScreen(columns: 10, rows: 5)
        draw(&r, &s, prompt: "> x", "稀土研究院")
        XCTAssertEqual(s.line(0), "> x稀土研")
        XCTAssertEqual(s.grid[0][9], "", "the leftover right-edge column stays blank")
        XCTAssertEqual(s.line(1), "究院")
        XCTAssertTrue(s.cursor == (1, 4), "got \(s.cursor)")
        XCTAssertEqual(r.previousRows, 2)
        // Cursor on 究 (index 3): start of row 1, not the blank edge column.
        draw(&r, &s, prompt: "> x", "稀土研究院", cursor: 3)
        XCTAssertEqual(s.lines[0...1], ["> x稀土研", "究院"])
        XCTAssertTrue(s.cursor == (1, 0), "got \(s.cursor)")
        // Cursor on 研 (index 2): row 0, column 7.
        draw(&r, &s, prompt: "> x", "稀土研究院", cursor: 2)
        XCTAssertTrue(s.cursor == (0, 7), "got \(s.cursor)")
        XCTAssertEqual(s.lines[0...1], ["> x稀土研", "究院"])
    }

    func testExactlyFullRowPutsCursorOnNextRow() {
        var r = Renderer()
        var s = VirtualScreen(columns: 10, rows: 5)
        draw(&r, &s, prompt: "> ", "稀土研究")        // 2 + 8 = 10 columns exactly
        XCTAssertEqual(s.line(0), "> 稀土研究")
        XCTAssertTrue(s.cursor == (1, 0), "got \(s.cursor)")
        XCTAssertEqual(r.previousRows, 2)
        // Typing one more character lands on row 1 and redraws in place.
        draw(&r, &s, prompt: "> ", "稀土研究院")
        XCTAssertEqual(s.lines[0...2], ["> 稀土研究", "院", ""])
        XCTAssertTrue(s.cursor == (1, 2), "got \(s.cursor)")
        XCTAssertEqual(s.scrolled, 0)
    }

    func testShrinkingClearsOldRows() {
        var r = Renderer()
        var s = VirtualScreen(columns: 8, rows: 6)
        draw(&r, &s, prompt: "> ", "一二三四五六七八九十", cursor: 4)   // 3 rows
        XCTAssertEqual(s.lines[0...2], ["> 一二三", "四五六七", "八九十"])
        XCTAssertEqual(r.previousRows, 3)
        XCTAssertTrue(s.cursor == (1, 2), "got \(s.cursor)")
        draw(&r, &s, prompt: "> ", "一二")                           // back to 1 row
        XCTAssertEqual(s.lines[0...2], ["> 一二", "", ""])
        XCTAssertTrue(s.cursor == (0, 6), "got \(s.cursor)")
        XCTAssertEqual(r.previousRows, 1)
    }

    func testRedrawIsIdempotentAndFinishMovesBelow() {
        var r = Renderer()
        var s = VirtualScreen(columns: 7, rows: 6)
        for _ in 0..<3 { draw(&r, &s, prompt: "$ ", "ab中文cd𠮷e", cursor: 2) }
        // 文 does not fit in the last column of row 0; row 1 is exactly full.
        XCTAssertEqual(s.lines[0...2], ["$ ab中", "文cd𠮷e", ""])
        XCTAssertTrue(s.cursor == (0, 4), "got \(s.cursor)")
        s.apply(r.finish())
        XCTAssertTrue(s.cursor == (2, 0), "finish leaves the cursor below the last row, got \(s.cursor)")
    }

    func testHintIsDrawnDimAndCut() {
        var r = Renderer()
        let out = r.render(prompt: "> ", characters: Array(":limit"), cursor: 6, columns: 14, hint: " N")
        XCTAssertTrue(out.contains("\u{1B}[2m N\u{1B}[0m"))
        var s = VirtualScreen(columns: 14, rows: 3)
        s.apply(out)
        XCTAssertEqual(s.line(0), "> :limit N")
        XCTAssertTrue(s.cursor == (0, 8), "got \(s.cursor)")
    }

    func testLayoutPositions() {
        let l = LineLayout(prompt: "> x", characters: Array("稀土研究院"), cursor: 5, columns: 10)
        XCTAssertEqual(l.positions.map { [$0.row, $0.column] }, [[0, 3], [0, 5], [0, 7], [1, 0], [1, 2]])
        XCTAssertEqual(l.rows, 2)
    }
}
