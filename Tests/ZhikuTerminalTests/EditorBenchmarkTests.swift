import XCTest
import Foundation
@testable import ZhikuTerminal

/// Keystroke-to-redraw time on a 500-character line: printed, never asserted (timing belongs to
/// benchmarks); what is asserted is that 2,000 alternating inserts and backspaces in the middle of
/// the line leave it as it was and every frame is drawn.
final class EditorBenchmarkTests: XCTestCase {
    func testKeystrokeToRedraw() throws {
        let editor = LineEditor(prompt: "\u{1B}[1m知库>\u{1B}[0m ", history: History(fileURL: nil), completer: nil)
        editor.outputFD = -1
        editor.begin()
        editor.columns = 80
        let base = String(repeating: "稀土研究院一期工程ab", count: 50)   // 550 characters
        _ = editor.handle(.text(String(base.prefix(500))))
        for _ in 0..<250 { _ = editor.handle(.left) }
        let before = editor.buffer
        var bytes = 0
        var emptyFrames = 0
        let n = 2000
        let start = DispatchTime.now().uptimeNanoseconds
        for i in 0..<n {
            _ = editor.handle(i % 2 == 0 ? .text("中") : .backspace)
            let frame = editor.frame().utf8.count
            bytes += frame
            if frame == 0 { emptyFrames += 1 }
        }
        let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(n)
        print(String(format: "BENCH keystroke-to-redraw (500 chars, 80 cols, debug build): %.1f µs/key, %d bytes/frame",
                     ns / 1000, bytes / n))
        XCTAssertEqual(editor.buffer, before, "an even number of insert/backspace pairs leaves the line as it was")
        XCTAssertEqual(editor.buffer.text, String(base.prefix(500)))
        XCTAssertEqual(emptyFrames, 0)
    }
}
