import XCTest
@testable import ZhikuTerminal

final class PagerTests: XCTestCase {
    func testRowsCountWrappedDisplayWidth() {
        XCTAssertEqual(Pager.rows(of: "中文中文\nab", columns: 4), 3)
        XCTAssertEqual(Pager.rows(of: "a\n\nb\n", columns: 80), 3)
        XCTAssertEqual(Pager.rows(of: "\u{1B}[31mabcd\u{1B}[0m", columns: 4), 1, "escapes do not count")
    }

    func testModes() {
        let tall = String(repeating: "行\n", count: 30)
        XCTAssertTrue(Pager(mode: .auto, command: "cat").shouldPage(tall, size: (80, 24)))
        XCTAssertFalse(Pager(mode: .auto, command: "cat").shouldPage("短\n", size: (80, 24)))
        XCTAssertTrue(Pager(mode: .on, command: "cat").shouldPage("短\n", size: (80, 24)))
        XCTAssertFalse(Pager(mode: .off, command: "cat").shouldPage(tall, size: (80, 24)))
        XCTAssertFalse(Pager(mode: .on, command: "cat").shouldPage(tall, size: nil), "never without a TTY")
    }

    func testDefaultCommand() {
        XCTAssertEqual(Pager.defaultCommand(environment: [:]), "less -FRX")
        XCTAssertEqual(Pager.defaultCommand(environment: ["PAGER": "more"]), "more")
        XCTAssertEqual(Pager.defaultCommand(environment: ["PAGER": " "]), "less -FRX")
    }

    func testTerminalEnvironmentChecks() {
        XCTAssertTrue(Terminal.isDumb(environment: ["TERM": "dumb"]))
        XCTAssertFalse(Terminal.isDumb(environment: ["TERM": "xterm-256color"]))
        XCTAssertTrue(Terminal.noColor(environment: ["NO_COLOR": "1"]))
        XCTAssertFalse(Terminal.noColor(environment: ["NO_COLOR": ""]))
    }
}
