import Foundation
import XCTest
import ZhikuTestSupport
@testable import ZhikuText

final class TextDecoderTests: XCTestCase {
    func testUTF8WithAndWithoutBOM() throws {
        XCTAssertEqual(try TextDecoder.decode(Array("赣州高新区".utf8)).text, "赣州高新区")
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("研究院".utf8)
        let r = try TextDecoder.decode(bom)
        XCTAssertEqual(r.text, "研究院")
        XCTAssertEqual(r.encoding, .utf8BOM)
    }

    func testUTF16WithBOM() throws {
        let le: [UInt8] = [0xFF, 0xFE] + "中心".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + "中心".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        XCTAssertEqual(try TextDecoder.decode(le).text, "中心")
        XCTAssertEqual(try TextDecoder.decode(be).encoding, .utf16BE)
    }

    func testGB18030() throws {
        let text = "赣州高新技术产业开发区，研发投入7.67亿元。"
        let bytes = [UInt8](text.data(using: TextDecoder.gb18030)!)
        XCTAssertNotEqual(bytes, Array(text.utf8), "the fixture really is GB18030")
        let r = try TextDecoder.decode(bytes)
        XCTAssertEqual(r.text, text)
        XCTAssertEqual(r.encoding, .gb18030)
    }

    func testEmptyBinaryAndNoise() {
        XCTAssertThrowsError(try TextDecoder.decode([])) { XCTAssertEqual($0 as? DecodingFailure, .empty) }
        XCTAssertThrowsError(try TextDecoder.decode(Array(" \n\u{3000}\n".utf8))) { XCTAssertEqual($0 as? DecodingFailure, .empty) }
        XCTAssertThrowsError(try TextDecoder.decode([0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])) { XCTAssertEqual($0 as? DecodingFailure, .binary) }
        // Control bytes are not text in any encoding.
        let noise: [UInt8] = (0..<400).map { UInt8(($0 * 37) % 31 + 1) }
        XCTAssertThrowsError(try TextDecoder.decode(noise)) { XCTAssertEqual($0 as? DecodingFailure, .undecodable) }
    }
}

final class PageCleanerTests: XCTestCase {
    /// A scraped page in the style of government sites, written for this test.
    let page = """
        设为首页 |  无障碍 关怀版
        位置导航
        首页
        >
        新闻中心
        示范区二〇二一年工作总结
        ——2021年12月30日在示范区工作会议上
        文章来源: 示范区管委会 发布时间:2021-12-31 10:00:00 阅读量: 字号大小:||
        下载
        打印
        一、主要成效
        全年完成技术合同成交额1.4亿元，新增高新技术企业20家。
        关于我们 |  站点地图 |  隐私保护
        示范区管委会    版权所有 Copyright©2021
        赣ICP备12345678号-1  赣公网安备 36072102000117号
        分享到:
        49
        """

    func testFurnitureRemovedAndMetadataRead() {
        let c = PageCleaner.clean(page, fallbackTitle: "file")
        XCTAssertEqual(c.metadata.title, "示范区二〇二一年工作总结")
        XCTAssertEqual(c.metadata.source, "示范区管委会")
        XCTAssertEqual(c.metadata.date, "2021-12-31")
        XCTAssertEqual(c.metadata.subtitle, "——2021年12月30日在示范区工作会议上")
        XCTAssertEqual(c.lines, [
            "示范区二〇二一年工作总结", "——2021年12月30日在示范区工作会议上", "一、主要成效",
            "全年完成技术合同成交额1.4亿元，新增高新技术企业20家。",
        ])
    }

    func testOddSpacesNormalised() {
        let c = PageCleaner.clean("标题\n甲\u{00A0}\u{00A0}乙\u{200B}丙\u{3000}丁。这一句足够长，不会被当作页面的导航或者页脚而被去掉。", fallbackTitle: nil)
        XCTAssertEqual(c.lines.last, "甲 乙丙 丁。这一句足够长，不会被当作页面的导航或者页脚而被去掉。")
    }

    /// Lines end at LF, CR and U+2028/U+2029; spaces of any kind collapse to one; zero-width
    /// characters go; empty lines, HTML comments and code fences are dropped; Markdown is unwrapped.
    func testNormalizedLines() {
        let text = "  第一行\u{3000}\u{3000}末尾  \r\n\r\n第二行\u{2028}第三行\u{2029}\u{FEFF}\u{200C}\n<!-- 注释\n仍是注释 -->\n```\n"
            + "**加粗** 与 [链接](http://x) ![图](y.png)\n𠀀é\u{301}\t\u{00A0}🎉"
        XCTAssertEqual(PageCleaner.normalizedLines(text), ["第一行 末尾", "第二行", "第三行", "加粗 与 链接", "𠀀é\u{301} 🎉"])
        XCTAssertEqual(PageCleaner.normalizedLines(""), [])
        XCTAssertEqual(PageCleaner.normalizedLines("\n \u{200B}\r\n"), [])
    }

    func testScalarHelpersAgreeWithTheScalarView() {
        for s in ["", "a", "研究团队", "𠀀𪚥 🎉 é\u{301}", "¢£€𐍈", String(repeating: "赣州a", count: 300)] {
            XCTAssertEqual(s.scalarArray(), Array(s.unicodeScalars))
            XCTAssertEqual(s.scalarArray(limit: 3), Array(s.unicodeScalars.prefix(3)))
            XCTAssertEqual(s.scalarArray(limit: 0), [])
            XCTAssertEqual(s.scalarCount, s.unicodeScalars.count)
            XCTAssertEqual(s.scalarValues, s.unicodeScalars.map(\.value))
        }
    }

    func testLabelAndValueOnSeparateLines() {
        let c = PageCleaner.clean("2026年某省政府工作报告\n来源：\n某省日报\n时间：\n2026-02-09 09:20\n各位代表：\n现在，我代表省人民政府向大会报告工作。", fallbackTitle: nil)
        XCTAssertEqual(c.metadata.source, "某省日报")
        XCTAssertEqual(c.metadata.date, "2026-02-09")
        XCTAssertFalse(c.lines.contains("某省日报"))
    }

    func testHTMLStripping() {
        let html = """
            <!DOCTYPE html><html><head><title>平台简介</title><style>p{color:red}</style></head>
            <body><nav><a href="/">首页</a></nav><script>var x = "<p>不是正文</p>";</script>
            <h1>平台简介</h1><p>研究院占地&nbsp;100&#20137;，建筑面积7.35万&amp;平方米。</p><!-- 注释 --><p>第二段&lt;完&gt;</p></body></html>
            """
        XCTAssertTrue(HTMLText.looksLikeHTML(html))
        XCTAssertEqual(HTMLText.title(of: html), "平台简介")
        let lines = HTMLText.text(of: html).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        XCTAssertEqual(lines, ["平台简介", "研究院占地 100亩，建筑面积7.35万&平方米。", "第二段<完>"])
    }

    func testParseDate() {
        XCTAssertEqual(PageCleaner.parseDate("2021-05-28 16:56:05"), "2021-05-28")
        XCTAssertEqual(PageCleaner.parseDate("2017年10月16日"), "2017-10-16")
        XCTAssertEqual(PageCleaner.parseDate("2021/5/8"), "2021-05-08")
        XCTAssertNil(PageCleaner.parseDate("2021-13-01"))
        XCTAssertNil(PageCleaner.parseDate("阅读量"))
    }
}

final class PassageTests: XCTestCase {
    func testHeadings() {
        XCTAssertEqual(HeadingParser.heading(in: "一、高新区经济指标情况")?.rank, 13)
        XCTAssertEqual(HeadingParser.heading(in: "（一）全力支持研究院建设。这是唯一一所落户的国家级大院大所，自落户以来进展顺利。")?.text, "（一）全力支持研究院建设")
        XCTAssertEqual(HeadingParser.heading(in: "(二)推进育成中心合作事宜")?.rank, 14)
        XCTAssertNil(HeadingParser.heading(in: "1.2020年，我区共有84家规上企业填报了研发投入，填报经费为4.47亿元。"),
                     "issue 17: a numbered item that is a whole sentence is body")
        XCTAssertEqual(HeadingParser.heading(in: "1.2020年工作回顾")?.rank, 15)
        XCTAssertNil(HeadingParser.heading(in: "1.5亿元用于研发。"), "a decimal is not a heading")
        XCTAssertEqual(HeadingParser.heading(in: "第一条 为了保护发明创造专利权，制定本条例。")?.text, "第一条")
        XCTAssertEqual(HeadingParser.heading(in: "第三章　法律责任")?.rank, 11)
        XCTAssertEqual(HeadingParser.heading(in: "## 第一章 总则")?.rank, 2)
        XCTAssertNil(HeadingParser.heading(in: "第一批新增10家。"))
        XCTAssertNil(HeadingParser.heading(in: "一是聚焦支点建设使命任务。"))
    }

    func testPassagesTileTheBodyUnderTheirHeadings() {
        let lines = [
            "一、总体情况",
            "（一）研究院建设",
            String(repeating: "研究院一期工程建筑面积7.35万平方米，已全部交付使用。", count: 20),
            "短句一。",
            "短句二。",
            "二、下一步工作",
            "继续推进。",
        ]
        let passages = PassageSplitter(maxScalars: 120, minScalars: 30).passages(of: lines)
        let body = lines.joined(separator: "\n")
        let scalars = Array(body.unicodeScalars)
        // Nothing lost, nothing duplicated: the ranges tile the body and the texts are its slices.
        var next = 0
        for p in passages {
            XCTAssertTrue(p.scalarRange.lowerBound == next || p.scalarRange.lowerBound == next + 1, "passage \(p.number) starts where the last ended")
            XCTAssertEqual(p.text, String(String.UnicodeScalarView(scalars[p.scalarRange])))
            XCTAssertLessThanOrEqual(p.text.unicodeScalars.count, 120 + 20)
            next = p.scalarRange.upperBound
        }
        XCTAssertEqual(next, scalars.count)
        XCTAssertEqual(passages.map(\.number), Array(1...passages.count))
        XCTAssertEqual(passages.first?.headings, ["一、总体情况", "（一）研究院建设"], "issue 17: the headings in force at the passage's first body line")
        XCTAssertEqual(passages.last?.headings, ["二、下一步工作"])
        XCTAssertTrue(passages.first!.text.hasPrefix("一、总体情况\n（一）研究院建设\n"), "standalone headings stay with the paragraph after them")
        XCTAssertGreaterThan(passages.filter { $0.headings == ["一、总体情况", "（一）研究院建设"] }.count, 2, "the long paragraph is cut")
        XCTAssertTrue(passages.contains { $0.text.contains("短句一。\n短句二。") }, "short paragraphs are kept together")
    }

    func testSentenceCutsNeverSplitGraphemes() {
        let line = String(repeating: "é", count: 50) + String(repeating: "字", count: 400)
        for p in PassageSplitter(maxScalars: 100, minScalars: 10).passages(of: [line]) {
            XCTAssertFalse(p.text.unicodeScalars.first.map { $0.properties.generalCategory == .nonspacingMark } ?? false)
        }
    }

    func testSampleReport() throws {
        let url = Fixtures.sampleReport
        let doc = try DocumentReader.read([UInt8](try Data(contentsOf: url)), fileName: url.lastPathComponent)
        XCTAssertEqual(doc.metadata.title, "赣州高新区科技创新工作情况汇报")
        XCTAssertEqual(doc.metadata.date, "2021-05-28")
        XCTAssertEqual(doc.metadata.source, "赣州高新技术产业开发区")
        XCTAssertFalse(doc.body.contains("设为首页") || doc.body.contains("版权所有") || doc.body.contains("分享到"), "chrome removed")
        XCTAssertTrue(doc.passages.contains { $0.headings.last?.hasPrefix("(一)全力支持中国科学院赣江创新研究院") == true })
        XCTAssertTrue(doc.body.hasSuffix("为社会提供就业机会2300个。"))
    }
}

extension PassageTests {
    func testShortNumberedItemsAreKeptTogetherUnderTheirParent() {
        let lines = ["第一章 总则", "第一条 为了规范管理，制定本条例。", "第二条 本条例适用于本市。", "第三条 市人民政府负责实施。",
                     "第二章 管理", "第四条 " + String(repeating: "长条文。", count: 100)]
        let passages = PassageSplitter().passages(of: lines)
        XCTAssertEqual(passages.first?.headings, ["第一章 总则"], "merged items carry their parent's headings")
        XCTAssertTrue(passages.first?.text.contains("第一条") == true && passages.first?.text.contains("第三条") == true)
        XCTAssertFalse(passages.first?.text.contains("第四条") == true, "never across a parent heading")
        XCTAssertEqual(passages.first { $0.text.hasPrefix("第二章") }?.headings, ["第二章 管理", "第四条"], "issue 17: the headings at the first body line")
        XCTAssertEqual(passages.last?.headings, ["第二章 管理", "第四条"], "the rest of a long item stands under its own heading")
    }

    func testTheMarkdownTitleIsNotAHeadingOverEveryPassage() {
        let lines = ["# 上海口岸服务条例", "2011年11月17日通过", "## 第一章 总则", "第一条 为了规范口岸开放，提高口岸通关效率，保障口岸安全畅通，促进对外开放和经济社会发展，制定本条例。"]
        let passages = PassageSplitter(maxScalars: 300, minScalars: 10).passages(of: lines)
        XCTAssertTrue(passages[0].text.hasPrefix("# 上海口岸服务条例"), "the title line stays text of the first passage")
        XCTAssertEqual(passages[0].headings, [])
        XCTAssertEqual(passages.last?.headings.first, "第一章 总则", "paths start below the title")
        XCTAssertFalse(passages.contains { $0.headings.contains("上海口岸服务条例") })
    }

    func testAnArticleClosesTheEnumerationsOfThePreviousOne() {
        let lines = ["第一章 总则",
                     "第二十八条 有下列情形之一的，不予受理：",
                     "（一）超出登记的业务范围的情形，以及其他依照规定不能受理的各种情形，由鉴定机构负责说明理由并且书面告知当事人，并退还有关材料；",
                     "（七）其他不符合法律、法规规定的情形，由鉴定机构负责说明理由并且书面告知当事人，并退还有关材料和费用。",
                     "第二十九条 司法鉴定机构应当在受理之日起三十日内完成鉴定，并出具鉴定意见书，法律另有规定的除外。"]
        let passages = PassageSplitter(maxScalars: 300, minScalars: 10).passages(of: lines)
        let last = passages.last { $0.text.contains("第二十九条") }
        XCTAssertEqual(last?.headings, ["第一章 总则", "第二十九条"], "not under （七） of the article before")
    }
}

final class ByteSearchTests: XCTestCase {
    func testSubstringsAsBytes() {
        XCTAssertTrue("设为首页 | 加入收藏".hasBytes("加入收藏"))
        XCTAssertTrue("abc".hasBytes(""))
        XCTAssertFalse("ab".hasBytes("abc"))
        XCTAssertFalse("研究团队".hasBytes("团研"))
        XCTAssertTrue("aab".hasBytes("ab"), "a partial match before the real one")
        XCTAssertTrue(PageCleaner.containsFurniturePhrase("Copyright 2021 赣州市"))
        XCTAssertFalse(PageCleaner.containsFurniturePhrase("研发投入4.47亿元"))
        XCTAssertTrue("研究院".endsWithBytes("究院"))
        XCTAssertFalse("院".endsWithBytes("究院"))
    }

    /// The one-pass search for many phrases agrees with searching for each in turn, on every
    /// substring of texts built from the phrases' own pieces (shared first bytes, partial matches,
    /// phrases at the very end, one- and two-byte needles).
    func testNeedleSetAgreesWithOneSearchPerNeedle() {
        let needles = ["设为首页", "设为", "©", "ICP备", "a", "首页关于", "Copyright", "关于我们", "主办："]
        let set = NeedleSet(needles)
        let pieces = ["设", "为", "首页", "关于", "我们", "©", "C", "opyright", "ICP", "备", "主办", "：", "b", "a", "研究"]
        var texts: [String] = [""]
        var seed: UInt64 = 42
        for _ in 0..<400 {
            var t = ""
            for _ in 0..<Int(seed % 7) {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                t += pieces[Int(seed >> 33) % pieces.count]
            }
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            texts.append(t)
        }
        var found = 0
        for t in texts {
            let expected = needles.contains { t.hasBytes($0) }
            XCTAssertEqual(set.occurs(in: t), expected, t)
            if expected { found += 1 }
        }
        XCTAssertGreaterThan(found, 50, "the texts exercise matches")
        XCTAssertLessThan(found, texts.count, "and misses")
        XCTAssertFalse(NeedleSet([]).occurs(in: "设为首页"))
    }

    /// See: issue 17. A body line whose label only ends in 时间 (公示时间, 报名时间) is the document's,
    /// not the page's date line: it stays in the body, and the page's own 发布时间 is still read.
    func testIssue17BodyLinesWithTimeLabelsStay() {
        let text = """
            南昌海关2023年度拟录用公务员公示公告
            发布时间：2023-05-19
            根据公务员法和公务员录用有关规定，现将拟录用人员名单予以公示。
            公示时间：2023年5月22日至5月26日（5个工作日）
            报名时间：2023-06-01
            """
        let doc = PageCleaner.clean(text, fallbackTitle: nil)
        XCTAssertTrue(doc.lines.contains("公示时间：2023年5月22日至5月26日（5个工作日）"), "\(doc.lines)")
        XCTAssertTrue(doc.lines.contains("报名时间：2023-06-01"))
        XCTAssertFalse(doc.lines.contains("发布时间：2023-05-19"))
        XCTAssertEqual(doc.metadata.date, "2023-05-19")
    }
}
