import Foundation
import GRDB
import XCTest
import ZhikuTestSupport
import ZhikuIndex

/// The real `zhiku` binary: arguments, output formats, exit codes.
final class CLITests: XCTestCase {
    var ws: Workspace!

    override func setUpWithError() throws {
        ws = try Workspace()
        try ws.addSampleReport()
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("added 1, updated 0, removed 0"), r.stdout)
    }

    override func tearDown() { ws = nil }

    func testTextOutputAndExitCodes() throws {
        let found = try Binary.run(["search", "--index", ws.index.path, "科研团队"])
        XCTAssertEqual(found.status, 0)
        XCTAssertTrue(found.stdout.contains("[1] 赣州高新区科技创新工作情况汇报"), found.stdout)
        XCTAssertTrue(found.stdout.contains("【科研团队】15个"), "highlights in 【】 when not on a TTY")
        XCTAssertFalse(found.stdout.contains("\u{1B}["), "no colour in a pipe")

        let nothing = try Binary.run(["search", "--index", ws.index.path, "不存在的说法"])
        XCTAssertEqual(nothing.status, 1)

        let usage = try Binary.run(["search", "--index", ws.index.path, "-n", "abc", "研究院"])
        XCTAssertEqual(usage.status, 2, "usage errors exit 2, not ArgumentParser's 64")
        XCTAssertTrue(usage.stderr.hasPrefix("zhiku: ERR_ARG:"), usage.stderr)
        XCTAssertFalse(usage.stderr.hasPrefix("zhiku: ERR_ARG: Error:"), "one prefix, not ArgumentParser's as well: \(usage.stderr)")

        let range = try Binary.run(["search", "--index", ws.index.path, "-n", "0", "研究院"])
        XCTAssertEqual(range.status, 2)
        XCTAssertTrue(range.stderr.contains("limit must be"), range.stderr)
        // A usage error is reported before the index is looked for.
        let rangeNoIndex = try Binary.run(["search", "--index", ws.root.appendingPathComponent("nope").path, "--offset", "5000", "研究院"])
        XCTAssertEqual(rangeNoIndex.status, 2)
        XCTAssertTrue(rangeNoIndex.stderr.hasPrefix("zhiku: ERR_ARG: offset must be"), rangeNoIndex.stderr)

        let missing = try Binary.run(["search", "--index", ws.root.appendingPathComponent("nope").path, "研究院"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("zhiku index"), "says what to run: \(missing.stderr)")

        let help = try Binary.run(["search", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("--format"))
    }

    func testFilesOverTheSizeLimitAreSkippedUntilItIsRaised() throws {
        let big = try Workspace()
        let line = "园区研发平台建设情况。\n"
        try big.write("big.txt", String(repeating: line, count: (6 << 20) / 5 / line.utf8.count))  // ~1.2 MB
        let skipped = try Binary.run(["index", big.corpus.path, "--index", big.index.path, "--max-file-mb", "1"])
        XCTAssertEqual(skipped.status, 0)
        XCTAssertTrue(skipped.stderr.contains("skipped big.txt: too large (1.2 MB; the limit is 1.0 MB)"), skipped.stderr)
        XCTAssertTrue(skipped.stderr.contains("--max-file-mb raises the limit"), skipped.stderr)
        let raised = try Binary.run(["index", big.corpus.path, "--index", big.index.path, "--max-file-mb", "2"])
        XCTAssertEqual(raised.status, 0, raised.stderr)
        XCTAssertTrue(raised.stdout.hasPrefix("added 1,"), raised.stdout)
        XCTAssertEqual(try Binary.run(["index", big.corpus.path, "--max-file-mb", "0"]).status, 2)
    }

    func testProgressLog() throws {
        let log = ws.root.appendingPathComponent("progress.jsonl")
        let other = ws.root.appendingPathComponent("other-index")
        let r = try Binary.run(["index", ws.corpus.path, "--index", other.path, "--quiet", "--progress-log", log.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        XCTAssertTrue(lines.last?.contains("\"done\":true") == true, "\(lines)")
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("{\"seconds\":") }, "\(lines)")

        // A log that cannot be written: exit 2, and no index folder left behind.
        let refused = ws.root.appendingPathComponent("refused-index")
        let bad = try Binary.run(["index", ws.corpus.path, "--index", refused.path, "--progress-log", "/nonexistent/dir/p.jsonl"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("progress log"), bad.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: refused.path))
    }

    func testColourOnlyWhenAsked() throws {
        let always = try Binary.run(["search", "--index", ws.index.path, "--color", "always", "科研团队"])
        XCTAssertTrue(always.stdout.contains("\u{1B}[1;31m科研团队"))
        let marks = try Binary.run(["search", "--index", ws.index.path, "--mark", "<<,>>", "科研团队"])
        XCTAssertTrue(marks.stdout.contains("<<科研团队>>"))
    }

    func testJSONAndJSONLines() throws {
        let r = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "-n", "2", "研发投入"])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 1, "one line")
        let obj = try JSONDecoder().decode(SearchResponse.self, from: Data(r.stdout.utf8))
        XCTAssertEqual(obj.query, "研发投入")
        XCTAssertEqual(obj.hits.count, 2)

        let l = try Binary.run(["search", "--index", ws.index.path, "--format", "jsonl", "-n", "3", "研究院"])
        struct Record: Decodable { var type: String }
        struct Summary: Decodable { struct Data: Decodable { var total: Int; var total_exact: Bool }; var data: Data }
        let lines = l.stdout.split(separator: "\n")
        let records = try lines.map { try JSONDecoder().decode(Record.self, from: Data($0.utf8)) }
        XCTAssertEqual(records.map(\.type), ["hit", "hit", "hit", "summary"])
        XCTAssertNotNil(try JSONDecoder().decode(Summary.self, from: Data(try XCTUnwrap(lines.last).utf8)).data.total_exact)
    }

    func testQueriesFromStdinGiveOneLineEach() throws {
        let input = "科研团队\n\n不存在的说法\n\"引号\n\(String(repeating: "长", count: 400))\n研究院 OR 孵化器\n"
        let r = try Binary.run(["search", "--index", ws.index.path, "--format", "json", "-"], stdin: input)
        XCTAssertEqual(r.status, 0)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 5, "one line per non-empty query, errors included")
        let objs = lines.map { try? JSONDecoder().decode(SearchResponse.self, from: Data($0.utf8)) }
        XCTAssertEqual(objs[0]?.total, 1)
        XCTAssertEqual(objs[1]?.total, 0)
        struct ErrorLine: Decodable { struct E: Decodable { var code: ErrorCode }; var query: String; var error: E }
        XCTAssertEqual(try JSONDecoder().decode(ErrorLine.self, from: Data(lines[3].utf8)).error.code, .argument,
                       "too long a query is an error line, not the end")
        XCTAssertGreaterThan(objs[4]?.total ?? 0, 1)
    }

    func testAQueryStreamSeesAnIndexUpdateMadeWhileItRuns() throws {
        // `search -` keeps one reader connection for the whole stream; each query still reads the
        // index as it is when the query arrives.
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["search", "--index", ws.index.path, "--format", "json", "-"]
        let inp = Pipe(), out = Pipe()
        p.standardInput = inp
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let lines = LineCollector(out.fileHandleForReading)
        defer {
            if p.isRunning { p.terminate() }
            p.waitUntilExit()
        }
        func total(_ query: String) throws -> Int? {
            inp.fileHandleForWriting.write(Data((query + "\n").utf8))
            guard let line = lines.next(timeout: 60) else {
                XCTFail("no answer to \(query)")
                return nil
            }
            return try JSONDecoder().decode(SearchResponse.self, from: Data(line.utf8)).total
        }
        XCTAssertEqual(try total("稀土永磁"), 0)
        try ws.write("new.txt", "新材料产业园\n\n新材料产业园引进稀土永磁项目8个。")
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "-q"]).status, 0)
        XCTAssertEqual(try total("稀土永磁"), 1, "the next query of the same stream sees the new document")
        XCTAssertEqual(try total("科研团队"), 1)
        try inp.fileHandleForWriting.close()
        let deadline = Date(timeIntervalSinceNow: 30)
        while p.isRunning && Date() < deadline { usleep(10_000) }
        XCTAssertFalse(p.isRunning, "the stream ends with its input")
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
    }

    func testDocAndStats() throws {
        let d = try Binary.run(["doc", "--index", ws.index.path, "sample.txt", "--passage", "2"])
        XCTAssertEqual(d.status, 0)
        XCTAssertTrue(d.stdout.contains("[2] "))
        let missing = try Binary.run(["doc", "--index", ws.index.path, "nope.txt"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.hasPrefix("zhiku: ERR_NOT_FOUND:"), missing.stderr)
        let s = try Binary.run(["stats", "--index", ws.index.path, "--format", "json"])
        let obj = try JSONDecoder().decode(StatsResponse.self, from: Data(s.stdout.utf8))
        XCTAssertEqual(obj.docs, 1)
        XCTAssertGreaterThan(obj.indexBytes, 0)
    }

    func testAnIndexOfAnOlderZhikuIsRebuilt() throws {
        let q = try DatabaseQueue(path: ws.index.appendingPathComponent("zhiku.sqlite").path)
        try q.write { try $0.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema_version'", arguments: ["\(IndexStore.schemaVersion - 1)"]) }
        try q.close()
        let search = try Binary.run(["search", "--index", ws.index.path, "科研团队"])
        XCTAssertEqual(search.status, 2, "searching it is an error that says what to run")
        XCTAssertTrue(search.stderr.contains("zhiku index"), search.stderr)
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("built by an older zhiku (schema version \(IndexStore.schemaVersion - 1)"), r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("added 1, updated 0, removed 0"), "everything indexed again: \(r.stdout)")
        XCTAssertEqual(try Binary.run(["search", "--index", ws.index.path, "科研团队"]).status, 0)
    }

    func testASecondIndexRunWaitsForTheFirst() throws {
        var holder: IndexStore? = try IndexStore.openForWriting(directory: ws.index)  // as a `zhiku index` would
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["index", ws.corpus.path, "--index", ws.index.path]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        let stderr = LineCollector(err.fileHandleForReading)
        let note = stderr.next(timeout: 30)
        XCTAssertEqual(note, "zhiku: waiting for another zhiku (pid \(getpid())) to finish writing \(ws.index.path)…")
        usleep(300_000)
        XCTAssertTrue(p.isRunning, "it waits while the index is being written")
        holder = nil
        for _ in 0..<600 where p.isRunning { usleep(100_000) }  // at most 60 s
        XCTAssertFalse(p.isRunning)
        XCTAssertEqual(p.terminationStatus, 0)
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(stdout.hasPrefix("added 0, updated 0, removed 0, unchanged 1"), stdout)
    }

    func testDefaultIndexIsBuiltOnFirstUse() throws {
        let fresh = try Workspace()
        try fresh.addSampleReport()
        let r = try Binary.run(["search", "科研团队"], in: fresh.root)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("indexing corpus/"), "says that it indexes first")
        XCTAssertTrue(FileManager.default.fileExists(atPath: fresh.root.appendingPathComponent("index/zhiku.sqlite").path))
        let again = try Binary.run(["search", "科研团队"], in: fresh.root)
        XCTAssertEqual(again.stderr, "", "the second time, no indexing")
    }
}
