import Foundation
import XCTest
@testable import ZhikuText

/// Issue 17, part B: web pages and Markdown in, the right text out. Pages written for these tests
/// in the shape of government sites (none copied from one).
final class WebDocumentTests: XCTestCase {
    static let policyPage = """
        <!DOCTYPE html><html><head><meta charset="utf-8">
        <title>某市人民政府 | 某市关于加快科技成果转化的实施意见</title>
        <meta name="ArticleTitle" content="某市关于加快科技成果转化的实施意见">
        <meta name="PubDate" content="2024-05-16 12:34:05">
        <meta name="ContentSource" content="某市科学技术局">
        </head><body>
        <div class="top"><h1>某市人民政府</h1><span>2024年10月11日 星期三</span></div>
        <ul class="menu"><li><a href="/">网站首页</a></li><li><a href="/a">政务公开</a></li><li><a href="/b">政务服务</a></li>
        <li><a href="/c">互动交流</a></li><li><a href="/d">走进某市</a></li></ul>
        <table class="meta"><tr><td>索 引 号：</td><td>000014349/2024-00211</td><td>主题分类：</td><td>科技</td></tr>
        <tr><td>发文机关：</td><td>某市人民政府</td><td>成文日期：</td><td>2024年04月02日</td></tr>
        <tr><td>标　　题：</td><td colspan="3">某市关于加快科技成果转化的实施意见</td></tr>
        <tr><td>发文字号：</td><td>某府发〔2024〕7号</td><td>发布日期：</td><td>2024年04月09日</td></tr></table>
        <div class="article">
        <p>某市关于加快科技成果转化的实施意见</p>
        <p>各区人民政府，市政府各部门：</p>
        <p>为加快科技成果转化，推动创新链、产业链、资金链、人才链深度融合，结合本市实际，提出如下意见。</p>
        <p>一、总体要求</p>
        <p>到2026年，全市技术合同成交额达到300亿元，培育技术转移机构50家，建成概念验证中心10个，形成一批可复制推广的经验。</p>
        <table><tr><th>指标</th><th>2024年</th><th>2026年</th></tr>
        <tr><td>技术合同成交额（亿元）</td><td>200</td><td>300</td></tr>
        <tr><td>技术转移机构（家）</td><td>30</td><td>50</td></tr></table>
        <p>二、主要任务</p>
        <p>支持高校、科研院所设立技术转移机构，完善成果评价、交易、转化全链条服务，鼓励企业与高校共建中试平台。</p>
        <p style="display:none">隐藏的提示文字，不是正文，也不该被检索到，无论它有多长，都只是页面脚本的一部分而已。</p>
        <p>某市人民政府</p>
        <p>2024年4月2日</p>
        </div>
        <div class="share"><a href="#">微信</a> | <a href="#">微博</a> | <a href="#">打印本页</a> | <a href="#">关闭窗口</a></div>
        <div class="links"><a href="http://a">甲市人民政府</a><a href="http://b">乙市人民政府</a><a href="http://c">丙市人民政府</a>
        <a href="http://d">丁市人民政府</a><a href="http://e">戊市人民政府</a></div>
        <div class="foot">主办：某市人民政府办公室 版权所有 ICP备12345678号</div>
        </body></html>
        """

    func testIssue17PageMetadataInOrderOfTrustAndMainContent() throws {
        let doc = try DocumentReader.read(Array(Self.policyPage.utf8), fileName: "page.html")
        XCTAssertEqual(doc.metadata.title, "某市关于加快科技成果转化的实施意见", "ArticleTitle, not the logo <h1> nor the clock")
        XCTAssertEqual(doc.metadata.date, "2024-04-02", "成文日期 before 发布日期 and PubDate")
        XCTAssertEqual(doc.metadata.documentNumber, "某府发〔2024〕7号")
        XCTAssertEqual(doc.metadata.source, "某市科学技术局")
        let body = doc.body
        for chrome in ["网站首页", "索 引 号", "000014349", "星期三", "隐藏的提示", "乙市人民政府", "ICP备", "打印本页"] {
            XCTAssertFalse(body.contains(chrome), "\(chrome) is page chrome: \(body)")
        }
        XCTAssertTrue(body.contains("为加快科技成果转化，推动创新链"))
        XCTAssertTrue(body.contains("鼓励企业与高校共建中试平台。"))
        XCTAssertTrue(doc.lines.contains("| 指标 | 2024年 | 2026年 |"), "a data table: one line per row, header first: \(doc.lines)")
        XCTAssertTrue(doc.lines.contains("| 技术合同成交额（亿元） | 200 | 300 |"))
    }

    func testIssue17TitleWithoutItsSitePartAndPageClockIgnored() throws {
        let page = """
            <html><head><title>某县2022年国民经济和社会发展统计公报 _ 某县人民政府</title></head><body>
            <div><h1>某县人民政府</h1><p>2023年10月11日 星期三</p></div>
            <div><p>2022年，全县上下坚持稳中求进工作总基调，经济运行总体平稳，发展质量稳步提升，民生保障有力有效。</p>
            <p>全年地区生产总值182.5亿元，比上年增长4.6%，其中第一产业增加值15.9亿元，增长3.9%。</p></div>
            </body></html>
            """
        let doc = try DocumentReader.read(Array(page.utf8), fileName: "x.html")
        XCTAssertEqual(doc.metadata.title, "某县2022年国民经济和社会发展统计公报")
        XCTAssertNil(doc.metadata.date, "a page's clock is not the document's date")
    }

    func testIssue17MarkdownFrontMatterIsMetadataNotBody() throws {
        let md = """
            ---
            标题: 某区人民政府关于印发《城市更新实施意见》的通知
            文号: 某府发〔2023〕20号
            发布单位: 区政府
            发布日期: 2023-07-17
            layout: post
            ---

            > 本文正文由脚本自官方页面提取，仅供检索查阅。

            # 某区人民政府关于印发《城市更新实施意见》的通知

            <link rel="stylesheet" href="/assets/css/user.css">
            <style>
            .grid { grid-template-columns: 30% 70%; }
            </style>
            {% for post in site.posts %}{{ post.title }}{% endfor %}
            各镇人民政府，区政府各委、办、局：

            经区政府同意，现将《城市更新实施意见》印发给你们，请认真按照执行。<img src="/a.png">

            | 项目 | 目标 |
            |---|---|
            | 旧区改造 | 10万平方米 |
            """
        let doc = try DocumentReader.read(Array(md.utf8), fileName: "notice.md")
        XCTAssertEqual(doc.metadata.title, "某区人民政府关于印发《城市更新实施意见》的通知")
        XCTAssertEqual(doc.metadata.date, "2023-07-17")
        XCTAssertEqual(doc.metadata.documentNumber, "某府发〔2023〕20号")
        for chrome in ["layout", "标题:", "本文正文由脚本", "grid-template", "stylesheet", "post.title", "{%", "img", "|---|"] {
            XCTAssertFalse(doc.body.contains(chrome), "\(chrome) leaked: \(doc.body)")
        }
        XCTAssertTrue(doc.body.contains("经区政府同意，现将《城市更新实施意见》印发给你们"))
        XCTAssertEqual(doc.lines.suffix(2), ["| 项目 | 目标 |", "| 旧区改造 | 10万平方米 |"])
    }

    /// A `<` that opens no HTML tag is text: the laws cite 《关于修改<中华人民共和国建筑法>的决定》
    /// (207 such runs were lost from 140 laws before the tag rule took ASCII letters only).
    func testIssue17AngleBracketsAroundChineseAreTextNotTags() {
        let line = "根据第十三届全国人民代表大会常务委员会第十次会议《关于修改<中华人民共和国建筑法>等八部法律的决定》第二次修正 <b>a</b> </i>x 3<5"
        let out = String(decoding: InlineMarkup.strippedTags(Array(line.utf8)), as: UTF8.self)
        XCTAssertTrue(out.contains("《关于修改<中华人民共和国建筑法>等八部法律的决定》"), out)
        XCTAssertFalse(out.contains("<b>") || out.contains("</i>"), "ASCII tags still go: \(out)")
        XCTAssertTrue(out.contains("3<5"), out)
    }

    func testIssue17CodeSpansInMarkdownAreText() {
        // Quoted markup in prose (Benchmarks' PROVENANCE.md): the text stays, real markup still goes.
        let md = "# 说明\n\n每个 `<w:p>` 段落一行，保留 `<!-- INFO END -->` 标记。<b>粗体</b><!-- 注释 -->\n\n``a ` <i>b</i>`` 与 <i>斜体</i>\n"
        let lines = MarkdownReader.read(md).lines
        XCTAssertTrue(lines.contains { $0.contains("`<w:p>`") && $0.contains("`<!-- INFO END -->` 标记。") }, "\(lines)")
        XCTAssertFalse(lines.contains { $0.contains("<b>") || $0.contains("注释") }, "markup outside code spans goes: \(lines)")
        XCTAssertTrue(lines.contains { $0.contains("``a ` <i>b</i>``") && !$0.contains("<i>斜体") }, "\(lines)")
    }

    func testIssue17FrontMatterThatNeverClosesSwallowsNothing() throws {
        var md = "---\ntitle: 未闭合的前置元数据\n"
        for i in 0..<400 { md += "第\(i)段：这是正文的一段，不应被当作前置元数据吞掉。\n" }
        let started = Date()
        let doc = try DocumentReader.read(Array(md.utf8), fileName: "open.md")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "bounded")
        XCTAssertTrue(doc.body.contains("第399段：这是正文的一段"), "the document is not swallowed")
        XCTAssertTrue(doc.body.contains("第0段"))
    }

    func testIssue17YAMLAliasBombIsNotExpanded() throws {
        var yaml = "---\na: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n"
        for i in 1..<12 { yaml += "a\(i): &a\(i) [*a\(i == 1 ? "" : String(i - 1)),*a\(i == 1 ? "" : String(i - 1)),*a\(i == 1 ? "" : String(i - 1))]\n" }
        yaml += "title: 正常标题\n---\n正文第一段，讲的是别的事情。\n"
        let started = Date()
        let doc = try DocumentReader.read(Array(yaml.utf8), fileName: "bomb.md")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(doc.metadata.title, "正常标题")
        XCTAssertEqual(doc.body, "正文第一段，讲的是别的事情。")
    }

    func testIssue17NestedTagsAreBounded() throws {
        // 8 MB here (the CLI test writes 50 MB): depth and element caps keep it linear.
        var html = "<html><body>"
        html += String(repeating: "<div><span>", count: 700_000)
        html += "<p>深处的正文，一句完整的话，说明嵌套再深也能读出文字来。</p>"
        let started = Date()
        let doc = try DocumentReader.read(Array(html.utf8), fileName: "deep.html")
        XCTAssertLessThan(Date().timeIntervalSince(started), 60)
        XCTAssertTrue(doc.body.contains("深处的正文"))
    }

    func testIssue17SignatureAndBylineDates() {
        XCTAssertEqual(DocumentDates.signatureDate(in: ["标题", "正文。", "国务院", "二〇〇四年六月二十六日", "附件"]), "2004-06-26")
        XCTAssertEqual(DocumentDates.signatureDate(in: ["某县2022年统计公报", "（2023年5月）", "正文。"]), "2023-05")
        XCTAssertEqual(DocumentDates.signatureDate(in: Array(repeating: "正文句子。", count: 10) + ["某市统计局", "2023年4月12日"]), "2023-04-12")
        XCTAssertNil(DocumentDates.signatureDate(in: Array(repeating: "正文句子。", count: 10) + ["会议于2023年4月12日召开。"]))
        let c = PageCleaner.clean("国务院关于印发\n《国务院工作规则》的通知\n国发〔2004〕18号\n《规则》已经2004年6月16日会议通过，现予印发。\n国务院\n二〇〇四年六月二十六日",
                                  hints: MetadataHints(), fallbackTitle: nil)
        XCTAssertEqual(c.metadata.title, "国务院关于印发《国务院工作规则》的通知", "a wrapped title is joined")
        XCTAssertEqual(c.metadata.date, "2004-06-26", "the 落款 date, not the meeting date")
    }

    func testIssue17HeadingRules() {
        XCTAssertEqual(HeadingParser.heading(in: "01综合")?.rank, HeadingParser.firstEnumerationRank)
        XCTAssertEqual(HeadingParser.heading(in: "12资源")?.text, "12资源")
        XCTAssertNil(HeadingParser.heading(in: "12资源、环境和安全生产"), "punctuation: not a section number")
        XCTAssertNil(HeadingParser.heading(in: "12月份"))
        XCTAssertNil(HeadingParser.heading(in: "1.北京市大力推进国际科技创新中心建设，全年研发投入强度保持在6%以上。"))
        XCTAssertNil(HeadingParser.heading(in: "1.本公报中数据均为初步统计数，部分数据因四舍五入的原因，存在总计与分项合计不等的情况。"))
        XCTAssertEqual(HeadingParser.heading(in: "1.统筹规划，协调推进。服务国家北斗重大任务，加强北斗产业规划引领。")?.text, "1.统筹规划，协调推进")
        XCTAssertNil(HeadingParser.heading(in: "注释："))
    }

    func testIssue17TablesKeepRowsWholeAndCarryTheHeaderAsHeading() {
        let header = "| 指标 | 单位 | 数量 |"
        let rows = (1...40).map { "| 第\($0)项指标的名称写得比较长 | 万元 | \($0 * 1000) |" }
        let lines = ["一、主要指标", "表1 主要指标完成情况"] + [header] + rows + ["二、下一步", "继续推进各项工作，确保全年目标任务顺利完成。"]
        let passages = PassageSplitter().passages(of: lines)
        let tablePieces = passages.filter { $0.text.contains("第1项") || $0.text.contains("项指标") }
        XCTAssertGreaterThan(tablePieces.count, 2, "a long table is cut")
        for (i, p) in tablePieces.enumerated() {
            let pLines = p.text.split(separator: "\n").map(String.init)
            for l in pLines where l.hasPrefix("|") { XCTAssertTrue(l.hasSuffix("|"), "a row is never split: \(l)") }
            // The first piece holds the header row; every later one shows it as its last heading.
            XCTAssertEqual(p.headings, i == 0 ? ["一、主要指标"] : ["一、主要指标", header], "piece \(i)")
            if i > 0 { XCTAssertFalse(p.text.contains(header), "the header row is not repeated in the text: \(p.text.prefix(80))") }
        }
        // The passages still tile the body: their texts joined give it back, each at its range.
        let body = lines.joined(separator: "\n")
        XCTAssertEqual(passages.map(\.text).joined(separator: "\n"), body)
        let scalars = Array(body.unicodeScalars)
        for p in passages {
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[p.scalarRange])), p.text, "passage \(p.number) text is its range")
        }
        XCTAssertTrue(tablePieces[0].text.hasPrefix("一、主要指标\n表1 主要指标完成情况\n" + header), "the caption leads the table")
        for r in rows { XCTAssertEqual(passages.filter { $0.text.contains(r) }.count, 1, "each row in exactly one passage") }
        XCTAssertEqual(passages.last?.headings, ["二、下一步"])
    }
}
