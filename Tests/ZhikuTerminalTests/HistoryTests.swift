import XCTest
import Foundation
@testable import ZhikuTerminal

final class HistoryTests: XCTestCase {
    var dir: URL!

    override func setUp() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-hist-\(getpid())-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: dir)
    }

    func testFileModeAndDirectoryMode() throws {
        let url = dir.appendingPathComponent("state/zhiku/history")
        let h = History(fileURL: url)
        XCTAssertTrue(h.add("稀土研究院"))
        let attrs = try FileManager.default.attributesOfItem(atPath: url.path)
        XCTAssertEqual((attrs[.posixPermissions] as? NSNumber)?.intValue, 0o600, "history file is private")
        let dattrs = try FileManager.default.attributesOfItem(atPath: url.deletingLastPathComponent().path)
        XCTAssertEqual((dattrs[.posixPermissions] as? NSNumber)?.intValue, 0o700, "its directory is private")
    }

    func testDedupeAndFilters() throws {
        let url = dir.appendingPathComponent("history")
        let h = History(fileURL: url)
        XCTAssertTrue(h.add("稀土"))
        XCTAssertFalse(h.add("稀土"), "consecutive duplicate dropped")
        XCTAssertFalse(h.add(" secret"), "leading space: never saved")
        XCTAssertFalse(h.add(":auth hunter2"), ":auth never saved")
        XCTAssertFalse(h.add("：auth hunter2"), "fullwidth-colon :auth never saved")
        XCTAssertFalse(h.add("   "), "blank lines are not saved")
        XCTAssertTrue(h.add("研究院"))
        XCTAssertTrue(h.add("稀土"), "non-consecutive duplicate kept")
        XCTAssertEqual(h.entries, ["稀土", "研究院", "稀土"])
        let file = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(file, "稀土\n研究院\n稀土\n", "appended after each line")
        XCTAssertFalse(file.contains("hunter2"))
        // Reloads from the file.
        XCTAssertEqual(History(fileURL: url).entries, ["稀土", "研究院", "稀土"])
    }

    func testBoundedSize() {
        let url = dir.appendingPathComponent("history")
        let h = History(fileURL: url, capacity: 5)
        for i in 0..<23 { h.add("q\(i)") }
        XCTAssertEqual(h.entries, ["q18", "q19", "q20", "q21", "q22"])
        let reloaded = History(fileURL: url, capacity: 5)
        XCTAssertEqual(reloaded.entries, ["q18", "q19", "q20", "q21", "q22"])
        let lines = (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n").count ?? 0
        XCTAssertLessThanOrEqual(lines, 10, "file trimmed when it reaches twice the capacity")
    }

    func testDefaultLocation() {
        XCTAssertEqual(History.defaultFileURL(environment: ["ZHIKU_HISTORY": "/x/h", "HOME": "/home/u"])?.path, "/x/h")
        XCTAssertEqual(History.defaultFileURL(environment: ["XDG_STATE_HOME": "/s", "HOME": "/home/u"])?.path, "/s/zhiku/history")
        XCTAssertEqual(History.defaultFileURL(environment: ["HOME": "/home/u"])?.path, "/home/u/.local/state/zhiku/history")
        XCTAssertNil(History.defaultFileURL(environment: [:]))
    }

    func testMultilineEntriesRoundTrip() {
        let url = dir.appendingPathComponent("history")
        let h = History(fileURL: url)
        h.add("a\\b\nc")
        XCTAssertEqual(History(fileURL: url).entries, ["a\\b\nc"])
    }
}
