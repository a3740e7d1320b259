import XCTest
import ZhikuTestSupport
import Foundation
import ZhikuIndex
import ZhikuTerminal
@testable import zhiku

/// `zhiku repl` end to end: batch mode through pipes, and the line editor through a real pty (tmux).
/// Until the root command lists `Repl`, the pty tests re-run this test bundle as the REPL
/// (`ReplDriver.testDriverMain`), which calls the same `Repl.main`.
final class ReplTests: XCTestCase {
    static var indexDir: URL?

    static func sampleIndex() throws -> URL {
        if let d = indexDir { return d }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-repl-index-\(getpid())")
        let r = try Binary.run(["index", Fixtures.packageRoot.appendingPathComponent("corpus").path, "--index", dir.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        indexDir = dir
        return dir
    }

    override class func tearDown() {
        if let d = indexDir { try? FileManager.default.removeItem(at: d) }
        indexDir = nil
        super.tearDown()
    }

    /// Whether the root command lists `repl` (`zhiku repl --help` exits 0 either way).
    static var replIsWired: Bool { (try? Binary.run(["--help"]))?.stdout.contains(" repl ") ?? false }

    /// The shell command that starts the REPL on `index`.
    static func replCommand(index: URL) -> String {
        if replIsWired { return "\(TmuxSession.quote(Binary.url.path)) repl --index \(TmuxSession.quote(index.path))" }
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return "ZHIKU_REPL_DRIVER=\(TmuxSession.quote(index.path)) \(TmuxSession.quote(bundle)) zhikuTests.ReplDriver/testDriverMain"
    }

    func testInputParsing() {
        XCTAssertEqual(ReplInput("稀土研究院"), .search("稀土研究院"))
        XCTAssertEqual(ReplInput("：help"), .command(name: "help", argument: ""), "fullwidth colon works like :")
        XCTAssertEqual(ReplInput(":f 一期工程建筑面积"), .command(name: "facts", argument: "一期工程建筑面积"))
        XCTAssertEqual(ReplInput("?"), .command(name: "help", argument: ""))
        for q in [":quit", ":q", "exit", "quit", "：q"] { XCTAssertEqual(ReplInput(q), .quit, q) }
        XCTAssertEqual(ReplInput("  "), .empty)
        XCTAssertEqual(ReplCommand.completions(for: ":he"), [":help"])
        XCTAssertEqual(ReplCommand.completions(for: ":mode j"), [":mode json", ":mode jsonl"])
        XCTAssertEqual(ReplCommand.hint(for: ":limit"), " N")
    }

    /// 100 queries: hand-written ones (phrases, exclusions, OR, misses, FTS5 syntax) and slices of the corpus.
    static func hundredQueries() throws -> [String] {
        var queries = ["稀土研究院", "研究院", "科研团队", "稀土 研究院", "\"稀土 功能\"", "研究院 -稀土", "稀土 OR 钨", "创新中心 OR 不存在词",
                       "不存在的词汇", "AND", "NEAR(稀土)", "稀土*", "\"", "建筑面积", "一期工程", "中国科学院赣江创新研究院", "赣州",
                       "国家稀土功能材料创新中心", "2020年", "7.35万平方米", "江西理工大学", "人才", "中科院", "高新区 科技", "研发投入",
                       "院士 团队", "平台", "孵化器", "稀金", "产业"]
        let text = try String(contentsOf: Fixtures.sampleReport, encoding: .utf8)
        let han = Array(text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) })
        var i = 0
        while queries.count < 100 {
            let at = (i * 97) % max(1, han.count - 6), len = 2 + i % 4
            queries.append(String(String.UnicodeScalarView(han[at..<at + len])))
            i += 1
        }
        return queries
    }

    func testBatchOutputMatchesSearch() throws {
        XCTAssertTrue(Self.replIsWired, "zhiku repl is in the root command")
        let index = try Self.sampleIndex()
        let queries = try Self.hundredQueries()
        XCTAssertEqual(queries.count, 100)
        // The engine's time in each footer differs from run to run; everything else must not.
        let strip = { (s: String) in s.replacingOccurrences(of: #" · [0-9.]+ ms\n"#, with: "\n", options: .regularExpression) }
        let repl = try Binary.run(["repl", "--index", index.path], stdin: queries.joined(separator: "\n") + "\n", env: ["TERM": "xterm"])
        var expected = "", expectedErr = "", anyFound = false
        for q in queries {
            let r = try Binary.run(["search", "--index", index.path, "--", q])
            XCTAssertTrue(r.status == 0 || r.status == 1, "\(q): \(r.stderr)")
            anyFound = anyFound || r.status == 0
            expected += r.stdout
            expectedErr += r.stderr
        }
        XCTAssertEqual(strip(repl.stdout), strip(expected), "100 queries in one repl = 100 zhiku search calls")
        XCTAssertEqual(repl.stderr, expectedErr)
        XCTAssertFalse(repl.stdout.contains("\u{1B}"), "no escapes in batch mode")
        XCTAssertEqual(repl.status, anyFound ? 0 : 1)
        let dumb = try Binary.run(["repl", "--index", index.path], stdin: ":limit 2\n研究院\n:q\n", env: ["TERM": "dumb"])
        XCTAssertFalse(dumb.stdout.contains("知库>"), "no prompt")
        XCTAssertEqual(dumb.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("[") }.count, 2)
    }

    /// The REPL follows its index folder: deleted and indexed again, the new index answers.
    func testTheReplFollowsAReplacedIndex() throws {
        let ws = try Workspace()
        try ws.addSampleReport()
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "-q"]).status, 0)
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["repl", "--index", ws.index.path]
        p.environment = ProcessInfo.processInfo.environment.merging(["TERM": "dumb"]) { $1 }
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        let lines = LineCollector(output.fileHandleForReading)
        func ask(_ query: String) -> String? {
            input.fileHandleForWriting.write(Data("\(query)\n".utf8))
            while let line = lines.next(timeout: 20) {  // up to the answer's last line
                if line.hasPrefix("no passage matches") || line.contains(" passages") { return line }
            }
            return nil
        }
        XCTAssertEqual(ask("新索引专用词"), "no passage matches 新索引专用词")
        let corpus = ws.root.appendingPathComponent("corpus-2")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        try "新的报告\n这是新索引专用词所在的段落。".write(to: corpus.appendingPathComponent("new.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: ws.index)
        XCTAssertEqual(try Binary.run(["index", corpus.path, "--index", ws.index.path, "-q"]).status, 0)
        usleep(1_100_000)  // the index file is compared at most once a second
        XCTAssertTrue(ask("新索引专用词")?.hasPrefix("1–1 of 1 passages") ?? false, "the new index answers")
        XCTAssertEqual(ask("科研团队"), "no passage matches 科研团队", "the old one does not")
        input.fileHandleForWriting.closeFile()
        for _ in 0..<100 where p.isRunning { usleep(100_000) }  // at most 10 s
        XCTAssertFalse(p.isRunning)
    }

    func testIssue18FiltersAreSetLikeTheOtherSettings() throws {
        let index = try ReplTests.sampleIndex()
        let json = try Binary.run(["repl", "--index", index.path], stdin: ":mode json\n:set place 赣州\n科研团队\n:set place 湖北\n科研团队\n:set place -\n:set kind 法规\n科研团队\n:set place 火星\n:q\n",
                                  env: ["TERM": "dumb"])
        let lines = json.stdout.split(separator: "\n").filter { $0.hasPrefix("{") }
        XCTAssertEqual(lines.count, 3, json.stdout)
        func total(_ line: Substring) -> Int? {
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["total"] as? Int
        }
        XCTAssertGreaterThan(total(lines[0]) ?? 0, 0, "赣州: the zone's report is inside the city")
        XCTAssertEqual(total(lines[1]), 0, "湖北: nothing")
        XCTAssertEqual(total(lines[2]), 0, "法规: the sample report is no regulation")
        XCTAssertTrue(json.stderr.contains("unknown place 火星") || json.stdout.contains("unknown place 火星"), json.stderr)
        XCTAssertEqual(ReplCommand.completions(for: ":set pl"), [":set place"])
    }

    func testEntityNameCompletion() {
        let names = ["中国科学院赣江创新研究院", "中国稀金(赣州)新材料研究院", "中国科学院", "国家稀土功能材料创新中心", "稀土研究院"]
        XCTAssertEqual(ReplCommand.nameCompletions(for: "中国稀", names: names), ["中国稀金(赣州)新材料研究院"])
        XCTAssertEqual(ReplCommand.nameCompletions(for: "中国科学院", names: names), ["中国科学院赣江创新研究院"], "an exact name is not offered again")
        XCTAssertEqual(ReplCommand.nameCompletions(for: ":facts 国家稀", names: names), [":facts 国家稀土功能材料创新中心"])
        XCTAssertEqual(ReplCommand.nameCompletions(for: "研发 功能材料", names: names), ["研发 国家稀土功能材料创新中心"], "no prefix match: names containing the word")
        XCTAssertEqual(ReplCommand.nameCompletions(for: "", names: names), [])
        XCTAssertEqual(ReplCommand.nameCompletions(for: "研发 ", names: names), [])
    }

    func testPrettyLinesFitTheTerminal() {
        let w = DisplayWidth.standard
        let f = HitFormatter(color: false, columns: 30)
        let text = "并积极推进中科院稀土研究院研究生培养计划落地,2020年与中国科技大学、南昌大学"
        let cut = f.fitted(text, highlights: [8..<13], toWidth: 34)
        XCTAssertLessThanOrEqual(w.width(of: cut), 34)
        XCTAssertTrue(cut.hasPrefix("并积极推进中科院【稀土研究院】"), cut)
        XCTAssertTrue(cut.hasSuffix("…"))
        // A highlight cut short is closed; a short snippet is left alone.
        let mid = f.fitted(text, highlights: [8..<30], toWidth: 26)
        XCTAssertEqual(mid, "并积极推进中科院【稀土】…", "room for the closing mark and the ellipsis")
        XCTAssertLessThanOrEqual(w.width(of: mid), 26)
        XCTAssertEqual(f.fitted("稀土研究院", highlights: [0..<2], toWidth: 26), "【稀土】研究院")
        let coloured = HitFormatter(color: true, columns: 30).fitted(text, highlights: [8..<13], toWidth: 26)
        XCTAssertTrue((25...26).contains(w.visibleWidth(of: coloured)), "a wide character may leave one column free: \(coloured)")
        XCTAssertTrue(coloured.contains("\u{1B}[0m"))
    }

    /// A server's `data`, decoded, prints through the renderers of the local answers.
    func testRenderersOfServerData() throws {
        func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T { try JSONDecoder().decode(T.self, from: Data(json.utf8)) }
        let stats = try decode(StatsResponse.self, #"{"docs":1,"passages":23,"terms":40,"chars":900,"text_bytes":2700,"index_bytes":81920,"built_at":null,"schema_version":7,"p50_ms":0.5,"uptime_s":12}"#)
        XCTAssertEqual(stats.extra.map(\.0), ["uptime_s", "p50_ms"], "the server's fields in the server's order")
        let text = StatsText.render(stats)
        XCTAssertTrue(text.hasPrefix("documents  1\npassages   23\n"), text)
        XCTAssertTrue(text.hasSuffix("built      -\nschema     7\nuptime_s        12\np50_ms          0.5\n"), text)
        let kb = try decode(KnowledgeBaseSummary.self, #"{"organizations":[{"name":"甲","mentions":3,"docs":1},{"name":"乙","mentions":1,"docs":1}],"platforms":[{"name":"乙","aliases":["丙"],"doc":"a.txt","heading":"一、","passages":[2,4],"facts":1}]}"#)
        XCTAssertEqual(EntitiesText.names(kb), ["甲", "乙", "丙"])
        XCTAssertTrue(EntitiesText.knowledgeBase(kb).hasSuffix("  乙 (丙) · a.txt 段2–4 · 1 facts\n"))
        let none = try decode(FactsResponse.self, #"{"question":"x","expected_kind":"count","subjects":[],"keywords":[],"answers":[]}"#)
        XCTAssertEqual(FactsText.render(none, color: false), "no fact answers x (looked for: count)\n")
        XCTAssertThrowsError(try decode(KnowledgeBaseSummary.self, #"{"organizations":[],"platforms":[{"name":"乙","aliases":[],"doc":"a.txt","heading":"","passages":[4,2],"facts":1}]}"#),
                             "a range out of order is an error, not a trap")
    }

    func testEditingAndQueriesInPty() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux not installed")
        let index = try Self.sampleIndex()
        let hist = NSTemporaryDirectory() + "zhiku-repl-hist-\(getpid())"
        defer { unlink(hist) }
        let inner = Self.replCommand(index: index)
        let cmd = "sh -c " + TmuxSession.quote("stty -g > \(hist).before; \(inner); echo EXIT=$?; stty -g > \(hist).after; cmp -s \(hist).before \(hist).after && echo STTY-SAME; rm -f \(hist).before \(hist).after")
        let started = Date()
        let t = try TmuxSession(command: cmd, columns: 40, rows: 50,
                                    environment: ["ZHIKU_HISTORY": hist, "TERM": "screen", "NO_COLOR": "1", "PAGER": "cat"])
        try t.waitForScreen(timeout: 30) { $0.contains { $0.hasPrefix("知库>") } }
        print(String(format: "REPL start-to-first-prompt (pty, sample corpus): %.0f ms", Date().timeIntervalSince(started) * 1000))
        // Type, move left over two wide chars, insert.
        try t.type("稀土研究院")
        try t.waitForScreen { $0.contains("知库> 稀土研究院") }
        try t.keys("Left", "Left")
        try t.type("中科")
        try t.waitForScreen { $0.contains("知库> 稀土研中科究院") }
        XCTAssertEqual(try t.cursor().column, 16, "after 科: 6 + 5×2 columns")
        // Backspace over wide chars: delete 中科 again.
        try t.keys("BSpace", "BSpace")
        try t.waitForScreen { $0.contains("知库> 稀土研究院") }
        XCTAssertEqual(try t.cursor().column, 12)
        try t.keys("Enter")
        let s = try t.waitForScreen(timeout: 20) { $0.contains { $0.contains("passages") || $0.hasPrefix("no passage") } }
        XCTAssertTrue(s.contains { $0.hasPrefix("[1]") }, "numbered hits: \(s)")
        try t.waitForScreen { $0.last(where: { !$0.isEmpty })?.hasPrefix("知库>") == true }
        // A longer line, then ↑ recalls the shorter one and clears the rest.
        try t.type("研究院一期工程建筑面积是多少研究院一期工程")
        try t.keys("Up")
        try t.waitForScreen { $0.last(where: { !$0.isEmpty }) == "知库> 稀土研究院" }
        // Ctrl-C clears the input line.
        try t.keys("C-c")
        try t.waitForScreen { $0.last(where: { !$0.isEmpty }) == "知库>" }
        // Ctrl-D exits 0 with the terminal mode unchanged.
        try t.keys("C-d")
        let end = try t.waitForScreen(timeout: 10) { $0.contains("STTY-SAME") || $0.contains { $0.hasPrefix("EXIT=") } }
        XCTAssertTrue(end.contains("EXIT=0"), "\(end)")
        XCTAssertTrue(try t.waitForScreen(timeout: 5) { $0.contains("STTY-SAME") }.contains("STTY-SAME"), "stty unchanged")
    }
}

extension ReplTests {
    /// `:facts` in a pty, Tab completion of an organization name from the index, and pretty hits
    /// cut to the pane's width (each hit exactly three rows: title, heading path, snippet).
    func testFactsCompletionAndFitInPty() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux not installed")
        let index = try Self.sampleIndex()
        let hist = NSTemporaryDirectory() + "zhiku-repl-hist2-\(getpid())"
        defer { unlink(hist) }
        let t = try TmuxSession(command: Self.replCommand(index: index), columns: 60, rows: 60,
                                    environment: ["ZHIKU_HISTORY": hist, "TERM": "screen", "NO_COLOR": "1", "PAGER": "cat"])
        try t.waitForScreen(timeout: 30) { $0.contains { $0.hasPrefix("知库>") } }
        try t.type(":limit 3")
        try t.keys("Enter")
        try t.type(":facts 科研团队")
        try t.keys("Enter")
        let facts = try t.waitForScreen(timeout: 20) { $0.contains { $0.hasPrefix("1. 15个") } }
        XCTAssertTrue(facts.contains { $0.contains("【15个】") }, "evidence with the figure marked: \(facts)")
        try t.keys("C-l")
        try t.type("中国稀")
        try t.keys("Tab")
        try t.waitForScreen { $0.contains { $0.hasPrefix("知库> 中国稀金(赣州)新材料研究院") } }
        try t.keys("C-u")
        try t.type(":ent 国家稀土功能材")
        try t.keys("Tab")
        try t.waitForScreen { $0.contains { $0.hasPrefix("知库> :ent 国家稀土功能材料创新中心") } }
        try t.keys("C-u")
        try t.type("稀土研究院")
        try t.keys("Enter")
        let hits = try t.waitForScreen(timeout: 20) { $0.contains { $0.contains("passages") } }
        guard let first = hits.firstIndex(where: { $0.hasPrefix("[1] ") }), first + 3 < hits.count else {
            return XCTFail("no hits: \(hits)")
        }
        XCTAssertTrue(hits[first + 1].hasPrefix("    "), "heading row")
        XCTAssertTrue(hits[first + 2].hasPrefix("    ") && hits[first + 2].hasSuffix("…"), "snippet cut to one row: \(hits[first + 2])")
        XCTAssertTrue(hits[first + 3].hasPrefix("[2] "), "no wrapped rows: \(hits)")
        try t.keys("C-d")
        XCTAssertTrue(t.wait(timeout: 10) { (try? t.exitStatus()) != nil })
    }
}

/// Runs `zhiku repl` inside this test bundle when re-executed in a pty. Does nothing otherwise.
final class ReplDriver: XCTestCase {
    func testDriverMain() {
        guard let index = ProcessInfo.processInfo.environment["ZHIKU_REPL_DRIVER"] else { return }
        print("\u{1B}[H\u{1B}[2J", terminator: "")
        fflush(stdout)
        Repl.main(["--index", index])
        exit(0)
    }
}
