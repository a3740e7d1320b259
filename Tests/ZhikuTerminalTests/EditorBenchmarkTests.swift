import XCTest
import Foundation
@testable import ZhikuTerminal

/// Keystroke-to-redraw time on a 500-character line. Printed, never asserted; run with
/// `ZHIKU_BENCH=1 swift test --scratch-path .build-term --filter EditorBenchmarkTests`.
final class EditorBenchmarkTests: XCTestCase {
    func testKeystrokeToRedraw() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["ZHIKU_BENCH"] == "1", "set ZHIKU_BENCH=1")
        let editor = LineEditor(prompt: "\u{1B}[1m知库>\u{1B}[0m ", history: History(fileURL: nil), completer: nil)
        editor.outputFD = -1
        editor.begin()
        editor.columns = 80
        let base = String(repeating: "稀土研究院一期工程ab", count: 50)   // 550 characters
        _ = editor.handle(.text(String(base.prefix(500))))
        for _ in 0..<250 { _ = editor.handle(.left) }
        var bytes = 0
        let n = 2000
        let start = DispatchTime.now().uptimeNanoseconds
        for i in 0..<n {
            _ = editor.handle(i % 2 == 0 ? .text("中") : .backspace)
            bytes += editor.frame().utf8.count
        }
        let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(n)
        print(String(format: "BENCH keystroke-to-redraw (500 chars, 80 cols, debug build): %.1f µs/key, %d bytes/frame",
                     ns / 1000, bytes / n))
    }
}
