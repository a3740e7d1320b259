import Foundation
import XCTest
import ZhikuTestSupport

/// Issue 17's bad web input, through the real binary: each run exits 0, the bad file is indexed as
/// clean text or skipped with its reason, and nothing indexed before is lost.
final class WebBadInputTests: XCTestCase {
    func testIssue17FiftyMegabytesOfNestedTags() throws {
        let ws = try Workspace()
        try ws.addSampleReport()
        XCTAssertEqual(try Binary.run(["index", ws.corpus.path, "--index", ws.index.path, "-q"]).status, 0)
        var page = Data("<html><body>".utf8)
        let chunk = Data(String(repeating: "<div><span><b>", count: 10_000).utf8)
        while page.count < 50 << 20 { page.append(chunk) }
        page.append(Data("<p>嵌套之下的一句正文，讲述科研团队的建设情况。</p></body></html>".utf8))
        try page.write(to: ws.corpus.appendingPathComponent("nested.html"))

        let started = Date()
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 300)
        XCTAssertEqual(r.status, 0, r.stderr)
        print("50 MB of nested tags indexed in \(String(format: "%.1f", Date().timeIntervalSince(started))) s: \(r.stdout)")
        let nested = try Binary.run(["doc", "nested.html", "--index", ws.index.path, "--format", "json"])
        if nested.status == 0 {
            XCTAssertTrue(nested.stdout.contains("嵌套之下的一句正文"), "indexed: its text is clean")
            XCTAssertFalse(nested.stdout.contains("<div>") || nested.stdout.contains("<span>"), "no tags in the text")
        } else {
            XCTAssertTrue((r.stdout + r.stderr).contains("nested.html"), "skipped with its reason: \(r.stdout) \(r.stderr)")
        }
        let kept = try Binary.run(["search", "--index", ws.index.path, "科研团队"])
        XCTAssertEqual(kept.status, 0, "the document indexed before is still found")
        XCTAssertTrue(kept.stdout.contains("赣州高新区科技创新工作情况汇报"), kept.stdout)
    }

    func testIssue17MarkdownWhoseFrontMatterNeverCloses() throws {
        let ws = try Workspace()
        try ws.addSampleReport()
        var md = "---\ntitle: 前置元数据没有结束\nlayout: post\n"
        for i in 0..<300 { md += "第\(i)条记录：正文的一行，必须被索引而不是被吞掉。\n" }
        try ws.write("open.md", md)
        let r = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 120)
        XCTAssertEqual(r.status, 0, r.stderr)
        let found = try Binary.run(["search", "--index", ws.index.path, "第299条记录"])
        XCTAssertEqual(found.status, 0, "the text after an unclosed front matter is indexed: \(found.stdout)")
        XCTAssertEqual(try Binary.run(["search", "--index", ws.index.path, "科研团队"]).status, 0, "nothing indexed before is lost")
    }
}
