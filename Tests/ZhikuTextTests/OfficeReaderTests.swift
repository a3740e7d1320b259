import XCTest
import ZhikuTestSupport
@testable import ZhikuText

/// DOCX and ODT files built with ZIPFoundation (``OfficeFiles``), the bad ones included; DOC
/// through wvWare on the dev set's real files where ../shared is there.
final class OfficeReaderTests: XCTestCase {
    typealias F = OfficeFiles

    func docx(_ data: Data, name: String = "t.docx") throws -> DocumentText {
        try DOCXReader().read([UInt8](data), fileName: name, options: ReadOptions())
    }

    static let headingStyles = """
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:sz w:val="44"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 2"/><w:rPr><w:sz w:val="36"/></w:rPr></w:style>
        <w:style w:type="paragraph" w:styleId="mine"><w:name w:val="My Section"/><w:basedOn w:val="a3"/></w:style>
        <w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="Heading 3"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:style>
        """
    static let numbering = """
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="第%1条"/></w:lvl></w:abstractNum>
        <w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>
        """

    func testIssue17DOCXStructure() throws {
        let body = [
            F.p("附件1", size: 32),
            F.p("某某县人民政府", size: 44, center: true),
            F.p("关于印发实施方案的通知", size: 44, center: true),
            F.p("总体要求", style: "1"),
            F.p("主要目标", style: "mine"),
            F.p("加快推进", numId: 1, level: 0),
            F.p("强化保障", numId: 1, level: 0),
            F.p("组织领导", numId: 1, level: 1),
            F.p("本办法自发布之日起施行。", style: "Heading3"),
            F.p("要点", numId: 3),
            "<w:p><w:r><w:t>到2025年，全县</w:t></w:r><w:r><w:br/></w:r><w:r><w:t>研发投入达到3亿元。</w:t></w:r></w:p>",
            // A field: its code never reaches the text, its result does.
            "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE \\* MERGEFORMAT</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t>页</w:t></w:r></w:p>",
            // Deleted revisions and hidden text are not the document's text.
            "<w:p><w:del><w:r><w:delText>删掉的话</w:delText></w:r></w:del><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>保留的话</w:t></w:r></w:p>",
            F.table([["指标", "数值"], ["研发 | 投入", "3亿元"]]),
        ].joined()
        let doc = try docx(try F.docx(body: body, styles: Self.headingStyles, numbering: Self.numbering, title: "某某县人民政府关于印发实施方案的通知"))
        XCTAssertEqual(doc.lines, [
            "附件1",
            "# 某某县人民政府关于印发实施方案的通知",
            "# 总体要求",
            "## 主要目标",
            "一、加快推进",
            "二、强化保障",
            "（一）组织领导",
            "### 第1条 本办法自发布之日起施行。",
            "要点",
            "到2025年，全县研发投入达到3亿元。",
            "7页",
            "保留的话",
            "| 指标 | 数值 |",
            "| 研发 ｜ 投入 | 3亿元 |",
        ])
        XCTAssertEqual(doc.metadata.title, "某某县人民政府关于印发实施方案的通知")
        XCTAssertNil(doc.metadata.date, "core.xml's dates are the file's, not the document's")
    }

    func testIssue17DOCXTableMergesAndCaption() throws {
        let merged = """
            <w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>\(F.p("2016年职位表", size: 40))</w:tc></w:tr>
            <w:tr><w:tc>\(F.p("部门"))</w:tc><w:tc>\(F.p("职位"))\(F.p("名称"))</w:tc><w:tc>\(F.p("人数"))</w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>\(F.p("市法院"))</w:tc><w:tc>\(F.p("文秘"))</w:tc><w:tc>\(F.p("1"))</w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>\(F.p(""))</w:tc><w:tc>\(F.p("审判"))</w:tc><w:tc>\(F.p("2"))</w:tc></w:tr></w:tbl>
            """
        let doc = try docx(try F.docx(body: merged))
        XCTAssertEqual(doc.lines, ["# 2016年职位表", "| 部门 | 职位名称 | 人数 |", "| 市法院 | 文秘 | 1 |", "| 市法院 | 审判 | 2 |"],
                       "a caption row is a paragraph; a cell's paragraphs join; a vertical merge repeats its text")
        XCTAssertEqual(doc.metadata.title, "2016年职位表")
    }

    func testIssue17ODTStructure() throws {
        let styles = """
            <style:style style:name="P1" style:family="paragraph"><style:text-properties fo:font-size="22pt"/></style:style>
            """
        let body = """
            <text:p text:style-name="P1">某某市科技创新</text:p><text:p text:style-name="P1">三年行动计划</text:p>
            <text:h text:outline-level="2">一、总体目标</text:h>
            <text:p>到2025年，全市<text:s text:c="2"/>研发投入<text:line-break/>达到3亿元。</text:p>
            <text:list><text:list-item><text:p>建设平台</text:p></text:list-item></text:list>
            <text:p>正文<text:note><text:note-citation>1</text:note-citation><text:note-body><text:p>注释</text:p></text:note-body></text:note>结束。</text:p>
            <table:table><table:table-row><table:table-cell><text:p>指标</text:p></table:table-cell><table:table-cell><text:p>数值</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1000"/></table:table-row>
            <table:table-row><table:table-cell><text:p>研发投入</text:p></table:table-cell><table:table-cell><text:p>3亿元</text:p></table:table-cell></table:table-row></table:table>
            """
        let doc = try ODTReader().read([UInt8](try F.odt(body: body, automaticStyles: styles, title: "无关的旧标题")), fileName: "t.odt", options: ReadOptions())
        XCTAssertEqual(doc.lines, ["# 某某市科技创新三年行动计划", "## 一、总体目标", "到2025年，全市 研发投入达到3亿元。", "建设平台", "正文结束。", "| 指标 | 数值 |", "| 研发投入 | 3亿元 |"])
        XCTAssertEqual(doc.metadata.title, "某某市科技创新三年行动计划", "a stated title the text does not bear out loses to the layout's")
    }

    /// A document part past libxml2's 10 MB lookup limit (which Foundation's XMLParser reports as
    /// an error after the last element) is read whole.
    func testIssue17LargeDOCXPartIsReadWhole() throws {
        let rows = (0..<40_000).map { F.p("第\($0)项：按照年度计划推进重点项目建设，完成固定资产投资\($0)亿元。") }
        let data = try F.docx(body: rows.joined())
        let doc = try docx(data)
        XCTAssertEqual(doc.lines.count, 40_000)
        XCTAssertEqual(doc.lines.last, "第39999项：按照年度计划推进重点项目建设，完成固定资产投资39999亿元。")
    }

    func testIssue17DOCXZipBombIsSkipped() throws {
        // Headers that declare 300 MB: refused on the declared size, before inflating.
        var declared = [UInt8](try F.zipBomb(megabytes: 2))
        Self.patchDeclaredSizes(&declared, to: 300 << 20)
        XCTAssertThrowsError(try DOCXReader().read(declared, fileName: "bomb.docx", options: ReadOptions())) { error in
            guard case .overLimit(let format, let detail)? = error as? ReadFailure else { return XCTFail("\(error)") }
            XCTAssertEqual(format, "DOCX")
            XCTAssertTrue(detail.contains("zip bomb"), detail)
        }
        // Lying headers (a small declared size): stopped while inflating, at the ratio limit.
        var bytes = [UInt8](try F.zipBomb(megabytes: 40))
        Self.patchDeclaredSizes(&bytes, to: 1000)
        let started = Date()
        XCTAssertThrowsError(try DOCXReader().read(bytes, fileName: "bomb.docx", options: ReadOptions())) { error in
            guard case .overLimit(_, let detail)? = error as? ReadFailure else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("times its compressed size"), detail)
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
    }

    /// Sets the uncompressed size in every local and central header to `size`.
    static func patchDeclaredSizes(_ b: inout [UInt8], to size: UInt32) {
        let le = [UInt8(size & 0xFF), UInt8((size >> 8) & 0xFF), UInt8((size >> 16) & 0xFF), UInt8(size >> 24)]
        var i = 0
        while i + 46 < b.count {
            if b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 0x03 && b[i + 3] == 0x04 { b.replaceSubrange((i + 22)..<(i + 26), with: le) }
            if b[i] == 0x50 && b[i + 1] == 0x4B && b[i + 2] == 0x01 && b[i + 3] == 0x02 { b.replaceSubrange((i + 24)..<(i + 28), with: le) }
            i += 1
        }
    }

    func testIssue17DOCXExternalEntityIsNeverFetched() throws {
        // The entity points at a listening socket on loopback: a fetch would connect to it.
        let (fd, port) = Loopback.listeningSocket()
        defer { close(fd) }
        let prolog = "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"http://127.0.0.1:\(port)/secret\"><!ENTITY file SYSTEM \"file:///etc/passwd\">]>"
        let data = try F.docx(body: F.p("&xxe;&file;正文"), prolog: prolog)
        XCTAssertThrowsError(try docx(data)) { error in
            guard case .unsafe(let format, let detail)? = error as? ReadFailure else { return XCTFail("\(error)") }
            XCTAssertEqual(format, "DOCX")
            XCTAssertTrue(detail.contains("never fetched or expanded"), detail)
        }
        var flags = fcntl(fd, F_GETFL)
        flags |= O_NONBLOCK
        _ = fcntl(fd, F_SETFL, flags)
        XCTAssertLessThan(accept(fd, nil, nil), 0, "nothing connected to the entity's address")
        // An internal entity (billion laughs) is refused the same way.
        let laughs = "<!DOCTYPE w:document [<!ENTITY a \"哈哈哈哈哈哈哈哈\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
        XCTAssertThrowsError(try docx(try F.docx(body: F.p("&b;"), prolog: laughs))) { error in
            guard case .unsafe? = error as? ReadFailure else { return XCTFail("\(error)") }
        }
    }

    func testIssue17CorruptZipIsSkipped() throws {
        let good = [UInt8](try F.docx(body: F.p("正文")))
        // Cut short: no central directory.
        XCTAssertThrowsError(try DOCXReader().read(Array(good.prefix(good.count / 2)), fileName: "cut.docx", options: ReadOptions())) { error in
            guard case .damaged(let format, _)? = error as? ReadFailure else { return XCTFail("\(error)") }
            XCTAssertEqual(format, "DOCX")
        }
        // The document part's compressed bytes overwritten: it does not inflate (or fails its CRC).
        var broken = good
        let name = Array("word/document.xml".utf8)
        if let at = (0..<(broken.count - name.count)).first(where: { Array(broken[$0..<($0 + name.count)]) == name }) {
            for k in (at + name.count + 4)..<min(at + name.count + 200, broken.count) { broken[k] = 0xFF }
        }
        XCTAssertThrowsError(try DOCXReader().read(broken, fileName: "broken.docx", options: ReadOptions())) { error in
            guard case .damaged? = error as? ReadFailure else { return XCTFail("\(error)") }
        }
        // A ZIP that is not a Word document.
        let other = [UInt8](try F.zip([("readme.txt", Array("hello".utf8))]))
        XCTAssertThrowsError(try DOCXReader().read(other, fileName: "other.docx", options: ReadOptions())) { error in
            guard case .damaged(_, let detail)? = error as? ReadFailure else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("not a Word document"), detail)
        }
    }

    func testIssue17FormatIsSniffed() throws {
        let docxBytes = [UInt8](try F.docx(body: F.p("正文")))
        XCTAssertEqual(SourceFormat.detect(docxBytes, fileName: "a.doc"), .docx, "a DOCX named .doc")
        XCTAssertEqual(SourceFormat.detect([UInt8](try F.odt(body: "<text:p>x</text:p>")), fileName: "a.docx"), .odt)
        XCTAssertEqual(SourceFormat.detect(Array("{\\rtf1\\ansi hello}".utf8), fileName: "a.doc"), .rtf)
        XCTAssertEqual(SourceFormat.detect(Array("<html><body>通知</body></html>".utf8), fileName: "a.doc"), .text, "a web page saved as .doc is read as text (HTML)")
        XCTAssertEqual(SourceFormat.detect(Array("%PDF-1.4\n".utf8), fileName: "a.txt"), .pdf)
        XCTAssertEqual(SourceFormat.detect([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], fileName: "a.wps"), .doc)
        // Read through DocumentReader: the .doc that is a DOCX is read as one.
        let doc = try DocumentReader.read(docxBytes, fileName: "a.doc")
        XCTAssertEqual(doc.lines, ["正文"])
        XCTAssertThrowsError(try DocumentReader.read(Array("{\\rtf1\\ansi hello}".utf8), fileName: "a.doc")) { error in
            XCTAssertTrue("\(error)".contains("RTF"), "\(error)")
        }
    }

    func testIssue17UnreadableDOCIsSkipped() throws {
        guard DOCReader.wvWare.path != nil else { throw XCTSkip("wvWare not installed (Debian wv; .ci/run installs it)") }
        // An OLE header over garbage: wvWare cannot read it.
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        var bytes = ole + [UInt8](repeating: 0, count: 504)
        bytes += Array("W\0o\0r\0d\0D\0o\0c\0u\0m\0e\0n\0t\0".utf8)
        bytes += (0..<8000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        XCTAssertThrowsError(try DOCReader().read(bytes, fileName: "bad.doc", options: ReadOptions())) { error in
            guard case .damaged(let format, _)? = error as? ReadFailure else { return XCTFail("\(error)") }
            XCTAssertEqual(format, "DOC")
        }
        // An OLE file without a Word stream (a spreadsheet named .doc).
        XCTAssertThrowsError(try DOCReader().read(ole + [UInt8](repeating: 1, count: 600), fileName: "sheet.doc", options: ReadOptions())) { error in
            guard case .unsupported(let detail)? = error as? ReadFailure else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("WordDocument"), detail)
        }
    }

    /// The dev set's .doc and .docx files: every body_must string out, no container bytes, the
    /// labelled title (compared without white space and 《》).
    func testIssue17RealWordFiles() throws {
        let root = try Fixtures.shared("corpora/realdocs-dev", for: "the real Word files")
        struct Truth: Decodable { var doc: String; var format: String; var title: String; var body_must: [String]; var chrome_must_not: [String] }
        let truth = try Fixtures.jsonLines(try Fixtures.shared("eval-dev/realdocs/docs-truth.jsonl"), as: Truth.self).filter { $0.format == "doc" || $0.format == "docx" }
        XCTAssertEqual(truth.count, 19)
        let squeeze = { (s: String) in s.filter { !$0.isWhitespace && $0 != "《" && $0 != "》" } }
        var titles = 0, found = 0, wanted = 0
        for t in truth {
            if t.format == "doc" && DOCReader.wvWare.path == nil { throw XCTSkip("wvWare not installed (Debian wv)") }
            let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(t.doc)))
            let reader: any FormatReader = t.format == "doc" ? DOCReader() : DOCXReader()
            let doc = try reader.read(bytes, fileName: t.doc, options: ReadOptions())
            let body = squeeze(doc.lines.joined())
            for s in t.body_must {
                wanted += 1
                if body.contains(squeeze(s)) { found += 1 } else { XCTFail("\(t.doc): \(s)") }
            }
            for s in t.chrome_must_not { XCTAssertFalse(body.contains(squeeze(s)), "\(t.doc): \(s)") }
            if doc.metadata.title.map(squeeze) == squeeze(t.title) { titles += 1 }
        }
        XCTAssertEqual(found, wanted)
        XCTAssertGreaterThanOrEqual(titles, 17, "titles right out of 19")
    }
}
