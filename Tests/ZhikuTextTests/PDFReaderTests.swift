import XCTest
import ZhikuTestSupport
@testable import ZhikuText

/// The PDF reader on PDFs written by ``PDFWriter`` (real files, read by the real pdftotext), and
/// on the dev set's real PDFs where ../shared is there.
final class PDFReaderTests: XCTestCase {
    override func setUpWithError() throws {
        guard PDFReader.pdftotext.path != nil, PDFReader.pdfinfo.path != nil else {
            throw XCTSkip("pdftotext/pdfinfo not installed (Debian poppler-utils; .ci/run installs it)")
        }
    }

    func read(_ pdf: PDFWriter, options: ReadOptions = ReadOptions()) throws -> DocumentText {
        try PDFReader().read([UInt8](pdf.data()), fileName: "t.pdf", options: options)
    }

    /// A two-page report: a large title over two lines, running header and footer with page
    /// numbers, paragraphs wrapped mid-sentence, a heading, a table.
    static func report() -> PDFWriter {
        var pdf = PDFWriter(title: "")
        for page in 0..<3 {
            var lines: [PDFWriter.Line] = [
                .init(x: 200, top: 40, size: 10, "某某市统计局统计报告"),  // running header
                .init(x: 280, top: 800, size: 10, "- \(page + 1) -"),      // page number
            ]
            var top = 90.0
            if page == 0 {
                lines.append(.init(x: 120, top: top, size: 26, "某某市2023年国民经济"))
                lines.append(.init(x: 150, top: top + 36, size: 26, "和社会发展统计公报"))
                top += 100
                lines.append(.init(x: 90, top: top, size: 19, "一、综合"))
                top += 40
            }
            lines += PDFWriter.paragraph("全年地区生产总值\(1000 + page)亿元，比上年增长5.2%。其中，第一产业增加值120亿元，增长3.1%；第二产业增加值450亿元，增长6.0%；第三产业增加值430亿元。", top: &top)
            lines += PDFWriter.paragraph("年末全市常住人口\(300 + page)万人，比上年末增加1.2万人，城镇化率为62.5%。", top: &top)
            if page == 1 {
                top += 10
                for row in [["指标", "绝对数", "增长"], ["地区生产总值", "1001亿元", "5.2%"], ["粮食产量", "35万吨", "1.1%"]] {
                    lines.append(.init(x: 90, top: top, size: 14, row[0]))
                    lines.append(.init(x: 260, top: top, size: 14, row[1]))
                    lines.append(.init(x: 420, top: top, size: 14, row[2]))
                    top += 26
                }
            }
            pdf.pages.append(lines)
        }
        return pdf
    }

    func testIssue17PDFLayout() throws {
        let doc = try read(Self.report())
        let lines = doc.lines
        XCTAssertEqual(doc.metadata.title, "某某市2023年国民经济和社会发展统计公报", "the title is the largest type, joined over its two lines")
        XCTAssertEqual(lines.first, "# 某某市2023年国民经济和社会发展统计公报")
        XCTAssertTrue(lines.contains("## 一、综合"), "\(lines)")
        // A paragraph wrapped over lines is one line, joined without spaces.
        XCTAssertTrue(lines.contains("全年地区生产总值1000亿元，比上年增长5.2%。其中，第一产业增加值120亿元，增长3.1%；第二产业增加值450亿元，增长6.0%；第三产业增加值430亿元。"), "\(lines)")
        XCTAssertTrue(lines.contains("年末全市常住人口302万人，比上年末增加1.2万人，城镇化率为62.5%。"), "page breaks end paragraphs: \(lines)")
        // Running header and page numbers are gone.
        XCTAssertFalse(lines.contains { $0.contains("统计局统计报告") }, "\(lines)")
        XCTAssertFalse(lines.contains { $0.contains("- 2 -") || $0 == "2" }, "\(lines)")
        // The table, a row per line, header first.
        let rows = lines.filter(LineMarkup.isTableRow)
        XCTAssertEqual(rows, ["| 指标 | 绝对数 | 增长 |", "| 地区生产总值 | 1001亿元 | 5.2% |", "| 粮食产量 | 35万吨 | 1.1% |"])
    }

    func testIssue17PDFStatedTitleNeedsTheText() throws {
        var pdf = Self.report()
        pdf.title = "Microsoft Word - 统计公报.docx"
        XCTAssertEqual(try read(pdf).metadata.title, "某某市2023年国民经济和社会发展统计公报", "a generator's placeholder is not a title")
        pdf.title = "2019年某县工作总结"  // a template's stale title: not in the text
        XCTAssertEqual(try read(pdf).metadata.title, "某某市2023年国民经济和社会发展统计公报")
        pdf.title = "某某市2023年国民经济和社会发展统计公报"
        XCTAssertEqual(try read(pdf).metadata.title, "某某市2023年国民经济和社会发展统计公报")
    }

    func testIssue17ScannedPDFIsSkipped() throws {
        var pdf = PDFWriter(pages: [[], []])
        pdf.imagePages = [0, 1]
        XCTAssertThrowsError(try read(pdf)) { XCTAssertEqual($0 as? ReadFailure, .noTextLayer) }
        XCTAssertTrue(ReadFailure.noTextLayer.description.contains("without a text layer"))
    }

    func testIssue17TruncatedPDFIsSkipped() throws {
        let data = Self.report().data()
        let cut = [UInt8](data.prefix(data.count / 2))
        XCTAssertThrowsError(try PDFReader().read(cut, fileName: "cut.pdf", options: ReadOptions())) { error in
            guard case .damaged(let format, let detail)? = error as? ReadFailure else { return XCTFail("\(error)") }
            XCTAssertEqual(format, "PDF")
            XCTAssertTrue(detail.contains("truncated"), detail)
        }
        // Not a PDF at all, under a PDF name.
        XCTAssertThrowsError(try PDFReader().read(Array("hello".utf8), fileName: "x.pdf", options: ReadOptions())) { error in
            guard case .damaged? = error as? ReadFailure else { return XCTFail("\(error)") }
        }
    }

    func testIssue17DamagedPDFIsSkipped() throws {
        // A header and an end marker around garbage: poppler cannot find a document.
        var bytes = Array("%PDF-1.4\n".utf8)
        bytes += (0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }
        bytes += Array("\n%%EOF\n".utf8)
        XCTAssertThrowsError(try PDFReader().read(bytes, fileName: "bad.pdf", options: ReadOptions())) { error in
            guard case .damaged(_, let detail)? = error as? ReadFailure else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.hasPrefix("pdfinfo:"), detail)
        }
    }

    func testIssue17EncryptedPDFIsSkipped() throws {
        guard let qpdf = ExternalTool("qpdf", package: "qpdf").path else { throw XCTSkip("qpdf not installed (Debian qpdf; .ci/run installs it)") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-enc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain.pdf"), locked = dir.appendingPathComponent("locked.pdf")
        try Self.report().data().write(to: plain)
        let out = try ExternalTool(qpdf, package: "qpdf").run(["--encrypt", "user-secret", "owner-secret", "256", "--", plain.path, locked.path], timeLimit: 30)
        XCTAssertEqual(out.status, 0, out.stderr)
        let bytes = [UInt8](try Data(contentsOf: locked))
        XCTAssertThrowsError(try PDFReader().read(bytes, fileName: "locked.pdf", options: ReadOptions())) {
            XCTAssertEqual($0 as? ReadFailure, .encrypted(format: "PDF"))
        }
        // Restrictions without a password to open (owner password only) do not stop reading.
        let restricted = dir.appendingPathComponent("restricted.pdf")
        _ = try ExternalTool(qpdf, package: "qpdf").run(["--encrypt", "", "owner-secret", "256", "--extract=n", "--", plain.path, restricted.path], timeLimit: 30)
        let doc = try PDFReader().read([UInt8](try Data(contentsOf: restricted)), fileName: "restricted.pdf", options: ReadOptions())
        XCTAssertEqual(doc.metadata.title, "某某市2023年国民经济和社会发展统计公报")
    }

    /// A thousand pages are read 50 at a time: progress is reported per run, and what is kept
    /// per page is rows of text (bounded; the binary's peak memory is checked in zhikuTests).
    func testIssue17ThousandPagePDFReportsProgress() throws {
        var pdf = PDFWriter()
        for page in 0..<1000 {
            var top = 60.0
            var lines = [PDFWriter.Line(x: 280, top: 800, size: 10, "第\(page + 1)页")]
            lines += PDFWriter.paragraph("第\(page + 1)页的正文：本页记录了第\(page + 1)项工作的进展情况，各项指标均按计划完成。", top: &top)
            pdf.pages.append(lines)
        }
        final class Fractions: @unchecked Sendable { var values: [Double] = []; let lock = NSLock() }
        let seen = Fractions()
        let doc = try read(pdf, options: ReadOptions(progress: { f in seen.lock.lock(); seen.values.append(f); seen.lock.unlock() }))
        XCTAssertEqual(seen.values.count, 20, "one report per 50 pages")
        XCTAssertEqual(seen.values, seen.values.sorted())
        XCTAssertEqual(seen.values.last, 1)
        XCTAssertEqual(doc.lines.count, 1000, "one paragraph a page, page numbers gone")
        XCTAssertEqual(doc.lines.last, "第1000页的正文：本页记录了第1000项工作的进展情况，各项指标均按计划完成。")
    }

    func testRunningLinesKeyAndPageNumbers() {
        XCTAssertEqual(RunningLines.key("第 3 页，共 15 页"), "第#页，共#页")
        for n in ["3", "- 3 -", "— 12 —", "第3页", "第 3 页 共 5 页", "3/5", "Page 3 of 5", "iv"] {
            XCTAssertTrue(RunningLines.isPageNumber(n), n)
        }
        for t in ["2023年", "第三章 总则", "一、综合", "附件3"] { XCTAssertFalse(RunningLines.isPageNumber(t), t) }
    }

    /// The dev set's PDFs: every body_must string, no running footer, the labelled title.
    func testIssue17RealPDFs() throws {
        let root = try Fixtures.shared("corpora/realdocs-dev", for: "the real PDFs")
        struct Truth: Decodable { var doc: String; var format: String; var title: String; var body_must: [String]; var chrome_must_not: [String] }
        let truth = try Fixtures.jsonLines(try Fixtures.shared("eval-dev/realdocs/docs-truth.jsonl"), as: Truth.self).filter { $0.format == "pdf" }
        XCTAssertEqual(truth.count, 3)
        let squeeze = { (s: String) in s.filter { !$0.isWhitespace } }
        var titled = 0
        for t in truth {
            let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(t.doc)))
            let doc = try PDFReader().read(bytes, fileName: t.doc, options: ReadOptions())
            let body = squeeze(doc.lines.joined())
            for s in t.body_must { XCTAssertTrue(body.contains(squeeze(s)), "\(t.doc): \(s)") }
            for s in t.chrome_must_not { XCTAssertFalse(body.contains(squeeze(s)), "\(t.doc): \(s)") }
            // A one-line attachment has no larger type to find a title by: cleaning names it.
            if let title = doc.metadata.title { XCTAssertEqual(squeeze(title), squeeze(t.title), t.doc); titled += 1 }
        }
        XCTAssertEqual(titled, 2, "the two PDFs with a title set large")
    }
}
