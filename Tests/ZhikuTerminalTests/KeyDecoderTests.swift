import XCTest
@testable import ZhikuTerminal

final class KeyDecoderTests: XCTestCase {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    func testUTF8SplitAcrossReads() {
        var d = KeyDecoder()
        let zhong = bytes("中")                                 // E4 B8 AD
        XCTAssertEqual(d.feed(zhong[0..<1]), [])
        XCTAssertEqual(d.feed(zhong[1..<2]), [])
        XCTAssertEqual(d.feed(zhong[2..<3] + bytes("文")), [.text("中文")])
        // A 4-byte scalar split 3 + 1.
        let ji = bytes("𠮷")
        XCTAssertEqual(d.feed(ji[0..<3]), [])
        XCTAssertEqual(d.feed(ji[3..<4]), [.text("𠮷")])
    }

    func testEveryByteSplitOfMixedInput() {
        // Feed a mixed stream one byte at a time: same keys as feeding it whole.
        let input = bytes("稀土\u{1B}[D\u{1B}[D中科\r\u{1B}OH\u{1B}[3~\u{7F}\u{3}")
        var whole = KeyDecoder()
        let expected = whole.feed(input)
        XCTAssertEqual(expected, [.text("稀土"), .left, .left, .text("中科"), .enter, .home, .delete, .backspace, .ctrl("c")])
        var d = KeyDecoder()
        var got: [Key] = []
        for b in input { got += d.feed([b]) }
        XCTAssertEqual(KeyDecoder.mergeCombining(got), expected)
    }

    func testEscapeSequences() {
        let rows: [(String, Key)] = [
            ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
            ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}[1~", .home), ("\u{1B}[4~", .end),
            ("\u{1B}[7~", .home), ("\u{1B}[8~", .end), ("\u{1B}[3~", .delete),
            ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown),
            ("\u{1B}OA", .up), ("\u{1B}OD", .left), ("\u{1B}OH", .home), ("\u{1B}OF", .end),
            ("\u{1B}[1;5D", .wordLeft), ("\u{1B}[1;5C", .wordRight), ("\u{1B}b", .wordLeft), ("\u{1B}f", .wordRight),
            ("\u{1B}\u{7F}", .deleteWordBackward),
            ("\r", .enter), ("\n", .enter), ("\t", .tab), ("\u{7F}", .backspace), ("\u{8}", .backspace),
            ("\u{1}", .ctrl("a")), ("\u{3}", .ctrl("c")), ("\u{4}", .ctrl("d")), ("\u{12}", .ctrl("r")),
            ("\u{1A}", .ctrl("z")), ("\u{17}", .ctrl("w")), ("\u{B}", .ctrl("k")), ("\u{15}", .ctrl("u")),
        ]
        for (input, key) in rows {
            var d = KeyDecoder()
            XCTAssertEqual(d.feed(bytes(input)), [key], "input \(Array(input.utf8))")
        }
    }

    /// A sequence cut short by a byte that cannot end it does not swallow that byte (found by
    /// fuzzing the REPL on a pseudo-terminal: `ESC O` then `ESC [ H` typed `[H` into the line).
    func testATruncatedSequenceDoesNotSwallowTheNextKey() {
        let rows: [(String, [Key])] = [
            ("\u{1B}O\u{1B}[H", [.unknown([0x1B, 0x4F]), .home]),
            ("\u{1B}[\u{1B}[D", [.unknown([0x1B, 0x5B]), .left]),
            ("\u{1B}[1;\u{1B}OA", [.unknown(Array("\u{1B}[1;".utf8)), .up]),
            ("\u{1B}[研究", [.unknown([0x1B, 0x5B]), .text("研究")]),
            ("\u{1B}O研", [.unknown([0x1B, 0x4F]), .text("研")]),
            ("\u{1B}O\r", [.unknown([0x1B, 0x4F]), .enter]),
            ("\u{1B}[2\u{15}", [.unknown(Array("\u{1B}[2".utf8)), .ctrl("u")]),
        ]
        for (input, keys) in rows {
            var whole = KeyDecoder()
            XCTAssertEqual(whole.feed(bytes(input)), keys, "input \(Array(input.utf8))")
            var split = KeyDecoder()  // the same one byte at a time
            var got: [Key] = []
            for b in bytes(input) { got += split.feed([b]) }
            XCTAssertEqual(KeyDecoder.mergeCombining(got), keys, "byte at a time \(Array(input.utf8))")
        }
    }

    func testCRLFIsOneEnter() {
        var d = KeyDecoder()
        XCTAssertEqual(d.feed(bytes("a\r\nb")), [.text("a"), .enter, .text("b")])
    }

    func testLoneEscapeNeedsFlush() {
        var d = KeyDecoder()
        XCTAssertEqual(d.feed([0x1B]), [])
        XCTAssertTrue(d.hasPending)
        XCTAssertEqual(d.flush(), [.escape])
        XCTAssertFalse(d.hasPending)
        // An incomplete CSI waits for its final byte.
        XCTAssertEqual(d.feed(bytes("\u{1B}[1;")), [])
        XCTAssertEqual(d.feed(bytes("5C")), [.wordRight])
    }

    func testBracketedPasteIsOneEvent() {
        var d = KeyDecoder()
        let paste = bytes("\u{1B}[200~稀土\n研究院\r\n一期\n\u{1B}[201~x")
        XCTAssertEqual(d.feed(paste), [.paste("稀土 研究院 一期"), .text("x")])
    }

    func testBracketedPasteSplitEverywhere() {
        let paste = bytes("\u{1B}[200~中\n文\u{3}\u{1B}[201~")
        for cut in 1..<paste.count {
            var d = KeyDecoder()
            let keys = d.feed(paste[0..<cut]) + d.feed(paste[cut...])
            XCTAssertEqual(keys, [.paste("中 文\u{3}")], "cut at \(cut)")
        }
    }

    func testInvalidUTF8IsDropped() {
        var d = KeyDecoder()
        XCTAssertEqual(d.feed([0x80, 0x61, 0xFF, 0x62]), [.text("ab")])
    }
}
