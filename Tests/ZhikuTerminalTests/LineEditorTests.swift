import XCTest
@testable import ZhikuTerminal

/// Drives the editor's key handling without a terminal.
final class LineEditorTests: XCTestCase {
    func makeEditor(history: [String] = [], completions: [String] = []) -> LineEditor {
        let h = History(fileURL: nil)
        for l in history { h.add(l) }
        let e = LineEditor(prompt: "> ", history: h, completer: { prefix in completions.filter { $0.hasPrefix(prefix) } })
        e.outputFD = -1   // drawing goes nowhere
        e.begin()
        return e
    }

    func type(_ e: LineEditor, _ keys: [Key]) -> ReadResult? {
        for k in keys { if let r = e.handle(k) { return r } }
        return nil
    }

    func testTypeMoveInsert() {
        let e = makeEditor()
        XCTAssertEqual(type(e, [.text("稀土研究院"), .left, .left, .text("中科"), .enter]), .line("稀土研中科究院"))
    }

    func testBackspaceOverWideChar() {
        let e = makeEditor()
        XCTAssertEqual(type(e, [.text("中文𠮷"), .backspace, .backspace, .text("x"), .enter]), .line("中x"))
    }

    func testHistoryRecallKeepsTypedLine() {
        let e = makeEditor(history: ["稀土", "研究院一期工程建筑面积"])
        _ = type(e, [.text("短")])
        _ = type(e, [.up])
        XCTAssertEqual(e.buffer.text, "研究院一期工程建筑面积")
        _ = type(e, [.up])
        XCTAssertEqual(e.buffer.text, "稀土")
        _ = type(e, [.up])                      // stays at the oldest
        XCTAssertEqual(e.buffer.text, "稀土")
        _ = type(e, [.down, .down])
        XCTAssertEqual(e.buffer.text, "短", "↓ past the newest restores the line being typed")
    }

    func testCtrlKeys() {
        let e = makeEditor()
        XCTAssertEqual(type(e, [.text("稀土 研究院"), .ctrl("w"), .enter]), .line("稀土 "))
        let f = makeEditor()
        XCTAssertEqual(type(f, [.text("abc"), .ctrl("a"), .ctrl("k"), .text("z"), .ctrl("e"), .enter]), .line("z"))
        let g = makeEditor()
        XCTAssertEqual(type(g, [.text("abc"), .ctrl("u"), .enter]), .line(""))
    }

    func testCtrlCAndCtrlD() {
        XCTAssertEqual(type(makeEditor(), [.text("中文"), .ctrl("c")]), .interrupted)
        XCTAssertEqual(type(makeEditor(), [.ctrl("d")]), .eof)
        // Ctrl-D on a non-empty line deletes forward instead.
        XCTAssertEqual(type(makeEditor(), [.text("中文"), .home, .ctrl("d"), .enter]), .line("文"))
    }

    func testReverseSearch() {
        let e = makeEditor(history: ["稀土研究院", "一期工程", "研究团队"])
        _ = type(e, [.ctrl("r"), .text("研究")])
        XCTAssertEqual(e.buffer.text, "研究团队")
        _ = type(e, [.ctrl("r")])
        XCTAssertEqual(e.buffer.text, "稀土研究院")
        XCTAssertEqual(e.buffer.cursor, 2, "cursor at the match")
        XCTAssertEqual(type(e, [.enter]), .line("稀土研究院"))
        // Cancel restores the typed line.
        let f = makeEditor(history: ["稀土"])
        _ = type(f, [.text("ab"), .ctrl("r"), .text("稀"), .ctrl("g")])
        XCTAssertEqual(f.buffer.text, "ab")
        // Another key keeps the match and applies the key.
        let g = makeEditor(history: ["稀土"])
        XCTAssertEqual(type(g, [.ctrl("r"), .text("稀"), .end, .text("x"), .enter]), .line("稀土x"))
    }

    func testTabCompletion() {
        let e = makeEditor(completions: [":help", ":history", ":quit"])
        _ = type(e, [.text(":q"), .tab])
        XCTAssertEqual(e.buffer.text, ":quit")
        let f = makeEditor(completions: [":help", ":history"])
        _ = type(f, [.text(":"), .tab])
        XCTAssertEqual(f.buffer.text, ":h", "common prefix")
        _ = type(f, [.tab, .tab])               // lists; line unchanged
        XCTAssertEqual(f.buffer.text, ":h")
    }

    func testPasteJoinsLines() {
        var d = KeyDecoder()
        let keys = d.feed(Array("\u{1B}[200~稀土\n研究院\u{1B}[201~".utf8))
        XCTAssertEqual(type(makeEditor(), keys + [.enter]), .line("稀土 研究院"))
    }

    func testCommonPrefixAndColumns() {
        XCTAssertEqual(LineEditor.commonPrefix(["研究院", "研究团队"]), "研究")
        XCTAssertEqual(LineEditor.columnize(["中文", "ab"], columns: 20, width: .standard), "中文  ab\n")
    }
}
