import XCTest
@testable import ZhikuText

/// The one runner of converters: time limit with the whole process group killed, output cap,
/// a missing program named with its Debian package.
final class ExternalToolTests: XCTestCase {
    let sh = ExternalTool("sh", package: "dash")

    func testIssue17HangingToolIsKilledWithItsChildren() throws {
        let pids = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-pids-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: pids) }
        let started = Date()
        // A child in the background and the tool itself, both hanging.
        XCTAssertThrowsError(try sh.run(["-c", "sleep 60 & echo $! > \(pids.path); sleep 60"], timeLimit: 0.5)) { error in
            XCTAssertEqual(error as? ReadFailure, .toolTimedOut(tool: "sh", seconds: 0.5))
            XCTAssertEqual((error as? ReadFailure)?.description, "sh did not finish in 0.5 s and was stopped")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        let child = Int32(try String(contentsOf: pids, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))!
        var gone = false
        for _ in 0..<100 where !gone {  // bounded: up to 1 s for the kernel to reap it
            gone = kill(child, 0) != 0 || (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8))?.contains(") Z ") == true
            if !gone { usleep(10_000) }
        }
        XCTAssertTrue(gone, "the background child was killed with the group")
    }

    func testIssue17ToolThatClosesItsOutputAndHangsIsKilled() throws {
        XCTAssertThrowsError(try sh.run(["-c", "exec >&- 2>&-; sleep 60"], timeLimit: 0.5)) { error in
            XCTAssertEqual(error as? ReadFailure, .toolTimedOut(tool: "sh", seconds: 0.5))
        }
    }

    func testOutputCapAndStatus() throws {
        XCTAssertThrowsError(try ExternalTool("yes", package: "coreutils").run([], timeLimit: 10, outputLimit: 1 << 20)) { error in
            XCTAssertEqual(error as? ReadFailure, .toolOutputTooLarge(tool: "yes", limit: 1 << 20))
        }
        let out = try sh.run(["-c", "printf 'ok'; echo 'bad thing' >&2; exit 3"], timeLimit: 10)
        XCTAssertEqual(out.stdout, Array("ok".utf8))
        XCTAssertEqual(out.status, 3)
        XCTAssertEqual(out.firstErrorLine, "bad thing")
        // Reads stdin from /dev/null: a tool waiting for input does not hang.
        XCTAssertEqual(try sh.run(["-c", "cat"], timeLimit: 10).status, 0)
    }

    func testMissingToolNamesItsPackage() {
        XCTAssertThrowsError(try ExternalTool("zhiku-no-such-converter", package: "poppler-utils").run([], timeLimit: 1)) { error in
            XCTAssertEqual((error as? ReadFailure)?.description, "zhiku-no-such-converter is not installed (Debian: apt-get install poppler-utils)")
        }
    }

    func testTemporaryFileIsRemoved() throws {
        var seen = ""
        let size = try ExternalTool.withTemporaryFile(Array("内容".utf8), suffix: ".pdf") { path throws(ReadFailure) -> Int in
            seen = path
            return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? -1
        }
        XCTAssertEqual(size, 6)
        XCTAssertTrue(seen.hasSuffix(".pdf"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: seen))
    }
}
