import Foundation
import GRDB
import XCTest
@testable import ZhikuIndex
import ZhikuTestSupport
import ZhikuText

/// Issue 20: one large file is read and written in parts (time and memory linear in its size,
/// progress inside it) and gives the passages reading it whole gives.
final class LargeFileTests: XCTestCase {
    /// About `paragraphs` × 110 bytes of report text under nested headings.
    static func report(paragraphs: Int) -> String {
        var lines = ["关于园区发展情况的报告"]
        for i in 0..<paragraphs {
            if i % 40 == 0 { lines.append("\(["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][(i / 40) % 10])、第\(i / 40)部分工作") }
            if i % 10 == 0 { lines.append("（\(["一", "二", "三", "四"][(i / 10) % 4])）第\(i / 10)方面") }
            if i % 7 == 3 { lines.append("短段\(i)。") }  // short paragraphs are kept together: some groups straddle a part's end
            lines.append("第\(i)段：园区新增高新技术企业\(i % 97)家，研发投入增长\(i % 9).\(i % 7)%，建设创新平台\(i % 13)个，带动就业\(i * 3)人。")
        }
        return lines.joined(separator: "\n")
    }

    private func index(_ f: IndexFixture, into index: URL, partBytes: Int, progress: ((IndexProgress) -> Void)? = nil) throws -> IndexReport {
        var indexer = Indexer(store: try IndexStore.openForWriting(directory: index))
        indexer.partBytes = partBytes
        return try indexer.run(roots: [f.corpus], progress: progress)
    }

    private func rows(_ index: URL) throws -> [[String]] {
        let q = try DatabaseQueue(path: IndexStore.databaseURL(in: index).path)
        defer { try? q.close() }
        return try q.read { db in
            try Row.fetchAll(db, sql: """
                SELECT p.number, coalesce(h.path, ''), p.body, p.start, p."end", d.chars, d.passages, d.title
                FROM passage p JOIN document d ON d.id = p.document_id LEFT JOIN heading h ON h.id = p.heading_id ORDER BY p.id
                """).map { r in (0..<8).map { "\(r[$0] as DatabaseValue)" } }
        }
    }

    func testIssue20AFileReadInPartsGivesTheWholeFilesPassages() throws {
        let f = try IndexFixture()
        try f.write("big.txt", LargeFileTests.report(paragraphs: 3_000))  // ≈ 330 KB
        let whole = f.root.appendingPathComponent("whole"), parts = f.root.appendingPathComponent("parts")
        let r1 = try index(f, into: whole, partBytes: .max)
        var updates: [IndexProgress] = []
        let r2 = try index(f, into: parts, partBytes: 16 << 10) { updates.append($0) }
        XCTAssertEqual(r1.added, ["big.txt"])
        XCTAssertEqual(r2.added, ["big.txt"])
        XCTAssertEqual(r2.passages, r1.passages)
        XCTAssertEqual(r2.bytesRead, r1.bytesRead)
        let a = try rows(whole), b = try rows(parts)
        XCTAssertGreaterThan(a.count, 1_000)
        XCTAssertEqual(a.count, b.count)
        for (x, y) in zip(a, b) where x != y { XCTFail("first difference: \(x) vs \(y)"); break }
        // Progress moves inside the file: a step per part, the file done at the last.
        XCTAssertGreaterThan(updates.count, 15)
        XCTAssertEqual(updates.filter { $0.filesDone == 0 }.count, updates.count - 1)
        XCTAssertEqual(updates.last?.bytesDone, updates.last?.bytesTotal)
        XCTAssertEqual(updates.map(\.bytesDone), updates.map(\.bytesDone).sorted())
        // Searched like any other document.
        let e = try Engine(indexDirectory: parts)
        XCTAssertEqual(try e.search("第2999段").hits.first?.doc, "big.txt")
        // A second run sees it unchanged; a change is written again.
        XCTAssertEqual(try index(f, into: parts, partBytes: 16 << 10).unchanged, 1)
        try f.write("big.txt", LargeFileTests.report(paragraphs: 2_000))
        let changed = try index(f, into: parts, partBytes: 16 << 10)
        XCTAssertEqual(changed.updated, ["big.txt"])
        XCTAssertEqual(try index(f, into: whole, partBytes: .max).updated, ["big.txt"])
        XCTAssertEqual(try rows(whole), try rows(parts))
    }

    /// A Markdown part after the first that starts with `---` is a rule, not front matter: the text
    /// up to the next `---` stays (read as front matter it was lost).
    func testIssue20AMarkdownPartStartingWithARuleKeepsItsText() throws {
        let f = try IndexFixture()
        var text = "# 大文件\n"
        var n = 0
        while text.utf8.count < 16_000 { text += "第\(n)段：园区新增高新技术企业\(n % 97)家。\n"; n += 1 }
        // The first part ends at the first line end at or past 16,384 bytes: this line ends there.
        text += String(repeating: "a", count: 16_384 - text.utf8.count) + "\n"
        text += "---\n分隔线之间的正文：研究院建成中试基地三个。\n---\n"
        for i in 0..<400 { text += "后续第\(i)段：研发投入增长\(i % 9)%。\n" }
        try f.write("big.md", text)
        let whole = f.root.appendingPathComponent("whole"), parts = f.root.appendingPathComponent("parts")
        _ = try index(f, into: whole, partBytes: .max)
        _ = try index(f, into: parts, partBytes: 16 << 10)
        let a = try rows(whole), b = try rows(parts)
        XCTAssertEqual(a.count, b.count, "passages, read whole and in parts")
        for (x, y) in zip(a, b) where x != y { XCTFail("first difference: \(x) vs \(y)"); break }
        XCTAssertEqual(try Engine(indexDirectory: parts).search("中试基地").hits.first?.doc, "big.md")
    }

    /// Real text cut at many places: the gov-reports work reports (Markdown and text) joined into one
    /// file of about 1.5 MB, read in parts of 32 KB (some 45 cuts, wherever they fall), give the
    /// passages reading it whole gives.
    func testIssue20RealReportsReadInPartsGiveTheWholeFilesPassages() throws {
        let root = try Fixtures.shared("corpora/gov-reports", for: "cutting real reports into parts")
        var text = ""
        let files = (FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? [])
            .filter { ["txt", "md"].contains($0.pathExtension) }.sorted { $0.path < $1.path }
        for url in files where text.utf8.count < 1_500_000 {
            text += try String(contentsOf: url, encoding: .utf8) + "\n"
        }
        XCTAssertGreaterThan(text.utf8.count, 1_000_000)
        for ext in ["txt", "md"] {
            let f = try IndexFixture()
            try f.write("all.\(ext)", text)
            let whole = f.root.appendingPathComponent("whole"), parts = f.root.appendingPathComponent("parts")
            _ = try index(f, into: whole, partBytes: .max)
            _ = try index(f, into: parts, partBytes: 32 << 10)
            let a = try rows(whole), b = try rows(parts)
            XCTAssertGreaterThan(a.count, 1_000)
            XCTAssertEqual(a.count, b.count, "\(ext): passages, read whole and in parts")
            for (x, y) in zip(a, b) where x != y { XCTFail("\(ext): first difference: \(x) vs \(y)"); break }
        }
    }

    /// A PDF under a text name, past the part size, goes to the PDF reader whole (its magic bytes
    /// say what it is), not to the text reader in parts.
    func testIssue20APDFUnderATextNameIsNotReadInParts() throws {
        guard ExternalTool("pdftotext", package: "poppler-utils").path != nil else {
            throw XCTSkip("pdftotext not installed (Debian poppler-utils; .ci/run installs it)")
        }
        var pdf = PDFWriter()
        for p in 0..<40 {
            var top = 60.0
            pdf.pages.append([.init(x: 100, top: 30, size: 20, "第\(p + 1)页")]
                             + PDFWriter.paragraph("园区第\(p)批创新平台建成投用，新增中试基地\(p % 7 + 1)个。", top: &top))
        }
        let f = try IndexFixture()
        let bytes = [UInt8](pdf.data())
        XCTAssertGreaterThan(bytes.count, 16 << 10)
        try f.write("report.txt", bytes: bytes)
        let r = try index(f, into: f.index, partBytes: 16 << 10)
        XCTAssertEqual(r.added, ["report.txt"], "\(r.skipped)")
        XCTAssertEqual(try Engine(indexDirectory: f.index).search("中试基地").hits.first?.doc, "report.txt")
    }

    /// A part that cannot be read leaves the whole file out, with the reason.
    func testIssue20AFileWhosePartFailsIsLeftOut() throws {
        let f = try IndexFixture()
        try f.write("small.txt", "小文件\n研究院占地100亩。")
        var bytes = Array(LargeFileTests.report(paragraphs: 1_000).utf8)
        bytes += [0x0A] + [UInt8](repeating: 0, count: 64) + [0x0A]  // NUL bytes in the last part
        try f.write("big.txt", bytes: bytes)
        let r = try index(f, into: f.index, partBytes: 16 << 10)
        XCTAssertEqual(r.added, ["small.txt"])
        XCTAssertEqual(r.passages, 1, "the parts of the file left out are not counted")
        let reason = r.skipped.first { $0.path == "big.txt" }?.reason
        XCTAssertTrue(reason?.hasPrefix("binary file") ?? false, "\(r.skipped)")
        XCTAssertEqual(try Engine(indexDirectory: f.index).stats().docs, 1)
        XCTAssertTrue(try Engine(indexDirectory: f.index).search("第10段").hits.isEmpty, "nothing of it is left")
    }

    /// The queue hands a file's parts to the writer in order, at most `partsAhead` waiting, and
    /// claims no file past the byte budget while one is ahead.
    func testPreparedQueueBoundsPartsAndBytes() throws {
        let q = PreparedQueue(costs: [10, 10, 10], window: 16, byteBudget: 15, partsAhead: 2)
        XCTAssertEqual(q.claim(), 0)
        let claimed = DispatchSemaphore(value: 0)
        Thread { if q.claim() == 1 { claimed.signal() } }.start()
        XCTAssertEqual(claimed.wait(timeout: .now() + 0.2), .timedOut, "file 1 waits: 20 bytes would be over the budget")
        let file = Indexer.SourceFile(path: [], id: "f", root: "", size: 10, mtime: 0)
        @Sendable func part(_ n: Int, last: Bool) -> Indexer.Prepared {
            Indexer.Prepared(file: file, hash: "", document: nil, knowledge: DocumentKnowledge(), failure: nil, part: n, isLast: last, bytes: 1)
        }
        q.put(0, part(0, last: false))
        q.put(0, part(1, last: false))
        let third = DispatchSemaphore(value: 0)
        Thread { q.put(0, part(2, last: true)); third.signal() }.start()
        XCTAssertEqual(third.wait(timeout: .now() + 0.2), .timedOut, "a third part waits for the writer")
        XCTAssertEqual(q.take()?.part, 0)
        XCTAssertEqual(third.wait(timeout: .now() + 10), .success)
        XCTAssertEqual(q.take()?.part, 1)
        XCTAssertEqual(q.take()?.part, 2)
        XCTAssertEqual(claimed.wait(timeout: .now() + 10), .success, "file 0 written: file 1 is claimed")
        q.cancel()
    }
}

/// Issue 20: documents are deleted in batches (20,000 small ones took 51.5 s, one at a time).
final class BatchedDeleteTests: XCTestCase {
    private func counts(_ index: URL) throws -> [Int] {
        let q = try DatabaseQueue(path: IndexStore.databaseURL(in: index).path)
        defer { try? q.close() }
        return try q.read { db in
            try ["document", "passage", "heading", "fact", "organization", "platform"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
    }

    func testIssue20BatchedDeletesLeaveWhatAFreshBuildHas() throws {
        let f = try IndexFixture()
        for i in 0..<1_200 {  // more than two batches
            try f.write("d\(i / 100)/t\(i).txt", """
                第\(i)号文件
                一、基本情况
                赣州高新区第\(i)号企业新增研发投入\(i % 97)万元，建设平台\(i % 13)个。
                二、下一步
                推进第\(i)号项目，面积\(i % 31)万平方米。
                """)
        }
        func run(_ index: URL) throws -> IndexReport {
            try Indexer(store: try IndexStore.openForWriting(directory: index), extractor: ExtractionKnowledge()).run(roots: [f.corpus])
        }
        _ = try run(f.index)
        for i in 0..<1_200 where i % 5 != 0 {
            try FileManager.default.removeItem(at: f.corpus.appendingPathComponent("d\(i / 100)/t\(i).txt"))
        }
        let r = try run(f.index)
        XCTAssertEqual(r.removed.count, 960)
        let fresh = f.root.appendingPathComponent("fresh")
        _ = try run(fresh)
        XCTAssertEqual(try counts(f.index), try counts(fresh))
        let (a, b) = (try Engine(indexDirectory: f.index), try Engine(indexDirectory: fresh))
        for q in ["研发投入", "第15号", "面积 平台", "赣州"] {
            var o = SearchOptions()
            o.limit = 100
            XCTAssertEqual(try a.search(q, options: o).total, try b.search(q, options: o).total, q)
            XCTAssertEqual(try a.search(q, options: o).hits.map(\.doc), try b.search(q, options: o).hits.map(\.doc), q)
        }
        XCTAssertTrue(try a.search("第7号文件").hits.isEmpty, "a removed document's postings are gone")
    }
}
