import Foundation
import XCTest
import ZhikuTestSupport

/// Issue 20: hostile folders. Every entry under an indexed folder is indexed once or reported with
/// its reason; nothing loops, blocks or disappears silently.
final class WalkerFaultTests: XCTestCase {
    private func docs(_ ws: Workspace) throws -> Int? {
        let stats = try Binary.run(["stats", "--index", ws.index.path, "--format", "json"], timeout: 60)
        return (try? JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])?["docs"] as? Int
    }

    private func documentIDs(_ ws: Workspace, query: String) throws -> [String] {
        let r = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "-n", "100", query], timeout: 60)
        let hits = (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["hits"] as? [[String: Any]] ?? []
        return hits.compactMap { $0["doc"] as? String }
    }

    /// A folder with one file and two links to itself used to be walked 32 levels deep, each
    /// level twice: the run never ended and grew by 9 MB/s.
    func testIssue20SymlinkLoopFinishesAndIndexesEachFileOnce() throws {
        let ws = try Workspace()
        try ws.write("a.txt", "园区新增高新技术企业十家。\n")
        try ws.write("sub/b.txt", "园区研发投入增长百分之五。\n")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: ws.corpus.appendingPathComponent("self1").path, withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: ws.corpus.appendingPathComponent("self2").path, withDestinationPath: ".")
        try fm.createSymbolicLink(atPath: ws.corpus.appendingPathComponent("sub/up").path, withDestinationPath: "..")
        try fm.createSymbolicLink(atPath: ws.corpus.appendingPathComponent("again.txt").path, withDestinationPath: "a.txt")

        let plain = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 60)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.hasPrefix("added 2,"), plain.stdout)
        XCTAssertTrue(plain.stderr.contains("skipped self1: a symbolic link to a folder, not followed (--follow follows links)"), plain.stderr)
        XCTAssertTrue(plain.stderr.contains("skipped again.txt: the same file as a.txt"), plain.stderr)
        XCTAssertEqual(try docs(ws), 2)

        let followed = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "--rebuild", "--follow"], timeout: 60)
        XCTAssertEqual(followed.status, 0, followed.stderr)
        XCTAssertTrue(followed.stdout.hasPrefix("added 2,"), "each file once, however many ways it is reached: \(followed.stdout)")
        XCTAssertTrue(followed.stderr.contains("skipped sub/up: a folder already walked"), followed.stderr)
        XCTAssertEqual(try docs(ws), 2)
        XCTAssertEqual(try documentIDs(ws, query: "园区").sorted(), ["a.txt", "sub/b.txt"])
    }

    /// Links to folders elsewhere are read with --follow (what the evaluation scripts do).
    func testIssue20FollowReadsLinkedFolders() throws {
        let ws = try Workspace()
        let elsewhere = ws.root.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try Data("园区新增高新技术企业十家。\n".utf8).write(to: elsewhere.appendingPathComponent("c.txt"))
        try FileManager.default.createSymbolicLink(atPath: ws.corpus.appendingPathComponent("linked").path, withDestinationPath: elsewhere.path)
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "--follow"], timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try documentIDs(ws, query: "园区"), ["linked/c.txt"])
    }

    /// A FIFO used to be opened (and waited on) or skipped as "permission"; sockets too.
    func testIssue20FIFOIsSkippedWithItsReason() throws {
        let ws = try Workspace()
        try ws.write("a.txt", "园区新增高新技术企业十家。\n")
        XCTAssertEqual(mkfifo(ws.corpus.appendingPathComponent("pipe.txt").path, 0o644), 0)
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("skipped pipe.txt: a FIFO (named pipe), not a regular file"), r.stderr)
        XCTAssertFalse(r.stderr.lowercased().contains("permission"), r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("added 1,"), r.stdout)
        XCTAssertTrue(r.stdout.contains("skipped 1;"), r.stdout)
    }

    /// Names that are not UTF-8 (GB18030 from a Windows zip, Latin-1, a cut sequence) used to be
    /// dropped without a word ("skipped 0").
    func testIssue20NonUTF8NamesAreIndexedAndReported() throws {
        let ws = try Workspace()
        let names: [[UInt8]] = [
            [0xD5, 0xFE, 0xB8, 0xAE] + Array("报告.txt".utf8),  // 政府 in GB18030, then UTF-8
            Array("caf".utf8) + [0xE9] + Array("%.txt".utf8),  // Latin-1 é, and a %
            Array("cut".utf8) + [0xE8, 0xB5] + Array(".txt".utf8),  // a UTF-8 sequence cut short
        ]
        for (i, name) in names.enumerated() {
            try writeRaw(ws.corpus, name, "第\(i)份园区工作报告，研发平台建设情况。\n")
        }
        defer { for name in names { removeRaw(ws.corpus, name) } }  // FileManager cannot remove these names
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("added 3,"), r.stdout)
        XCTAssertTrue(r.stderr.contains("3 file names are not UTF-8"), r.stderr)
        let ids = try documentIDs(ws, query: "研发平台").sorted()
        XCTAssertEqual(ids, ["%D5%FE%B8%AE报告.txt", "caf%E9%25.txt", "cut%E8%B5.txt"])
        // The id finds its document.
        let doc = try Binary.run(["doc", "%D5%FE%B8%AE报告.txt", "--index", ws.index.path], timeout: 60)
        XCTAssertEqual(doc.status, 0, doc.stderr)
        // A second run sees the same files unchanged.
        let again = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 60)
        XCTAssertTrue(again.stdout.hasPrefix("added 0, updated 0, removed 0, unchanged 3"), again.stdout)
    }

    /// Files of formats zhiku does not read are counted, and hidden ones too.
    func testIssue20UnreadFormatsAreCountedByExtension() throws {
        let ws = try Workspace()
        try ws.write("a.txt", "园区新增高新技术企业十家。\n")
        for name in ["x.xls", "y.xls", "z.xls", "p.jpg", "q.JPG", "README", ".hidden.txt"] { try ws.write(name, "x") }
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 60)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("skipped 3 .xls, 2 .jpg, 1 without an extension: not a format zhiku reads"), r.stderr)
        XCTAssertTrue(r.stderr.contains("skipped 1 hidden file or folder"), r.stderr)
    }

    /// A file name with terminal escapes used to reach the terminal raw (text output); JSON keeps
    /// the name as it is, escaped as JSON.
    func testIssue20ControlBytesInFileNamesAreEscapedInTextOutput() throws {
        let ws = try Workspace()
        let name = "evil\u{1B}]0;pwned\u{07}\u{1B}[31m.txt"
        try ws.write(name, "园区新增高新技术企业十家。\n")
        let indexed = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 60)
        XCTAssertEqual(indexed.status, 0, indexed.stderr)
        let text = try Binary.run(["search", "--index", ws.index.path, "园区"], timeout: 60)
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertFalse(text.stdout.contains("\u{1B}") || text.stdout.contains("\u{07}"), text.stdout)
        XCTAssertTrue(text.stdout.contains("evil\\x1B]0;pwned\\x07\\x1B[31m.txt"), text.stdout)
        let json = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "园区"], timeout: 60)
        XCTAssertEqual(try documentIDs(ws, query: "园区"), [name])
        XCTAssertTrue(json.stdout.contains("evil\\u001b]0;pwned\\u0007\\u001b[31m.txt"), json.stdout)
        let doc = try Binary.run(["doc", name, "--index", ws.index.path], timeout: 60)
        XCTAssertFalse(doc.stdout.contains("\u{1B}"), doc.stdout)
    }

    /// `--progress-log` appends, as its help says (it used to truncate).
    func testIssue20ProgressLogAppends() throws {
        let ws = try Workspace()
        try ws.write("a.txt", "园区新增高新技术企业十家。\n")
        let log = ws.root.appendingPathComponent("progress.jsonl")
        try Data("{\"earlier\":true}\n".utf8).write(to: log)
        for _ in 0..<2 {
            let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "--progress-log", log.path], timeout: 60)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.first, "{\"earlier\":true}")
        XCTAssertEqual(lines.filter { $0.contains("\"done\":true") }.count, 2, lines.joined(separator: "\n"))
    }

    // MARK: - names as bytes

    private func rawPath(_ dir: URL, _ name: [UInt8]) -> [CChar] {
        (Array(dir.path.utf8) + [UInt8(ascii: "/")] + name + [0]).map { CChar(bitPattern: $0) }
    }

    private func writeRaw(_ dir: URL, _ name: [UInt8], _ text: String) throws {
        let fd = open(rawPath(dir, name), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw XCTSkip("this file system refuses names that are not UTF-8 (\(String(cString: strerror(errno))))") }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        XCTAssertEqual(write(fd, bytes, bytes.count), bytes.count)
    }

    private func removeRaw(_ dir: URL, _ name: [UInt8]) {
        _ = unlink(rawPath(dir, name))
    }
}
