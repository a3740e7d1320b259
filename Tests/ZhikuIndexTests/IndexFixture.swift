import Foundation
import XCTest
import ZhikuTestSupport
@testable import ZhikuIndex

/// A temporary corpus folder and index folder, removed when the test ends.
final class IndexFixture {
    let root: URL
    let corpus: URL
    let index: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-test-\(UUID().uuidString)")
        corpus = root.appendingPathComponent("corpus")
        index = root.appendingPathComponent("index")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    static var sampleReport: URL { Fixtures.sampleReport }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = corpus.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// Two small documents with many repeated terms (研究, 发展, 和), a traditional-character heading
    /// and figures: `a.md` and `b.txt`, for the ranking tests.
    func addInstituteReports() throws {
        try write("a.md", """
            # 研究院年度报告

            ## 一、研究团队
            研究院现有研究团队15个，研究人员150余名。研究、研究、再研究。

            ## 二、研发平台
            研发平台建筑面积7.35万平方米，研究院与高校共建研发中心。

            ## 三、貳零貳壹
            贛州研究院和赣州高新区和和和。
            """)
        try write("b.txt", "和平发展，共同发展。\n发展是第一要务，研究发展规划。\n" + String(repeating: "研究团队建设。", count: 3))
    }

    /// 40 documents of 150 passages each, every passage full of 的: a query for 的 ranked by FTS5's
    /// `bm25()` scans 6,000 rows (the time-budget tests).
    func addSixThousandPassagesOfThe() throws {
        let line = "园区的企业的研发投入的增长的速度的提升的效果的显著的成绩的取得的经验的总结的工作的推进的情况的汇报。"
        for i in 0..<40 {
            try write("doc\(i).txt", "文件\(i)\n" + (0..<150).map { "第\($0)段：" + line }.joined(separator: "\n"))
        }
    }

    func addSampleReport(as name: String = "sample.txt") throws {
        try FileManager.default.copyItem(at: IndexFixture.sampleReport, to: corpus.appendingPathComponent(name))
    }

    @discardableResult
    func build(maxFileBytes: Int? = nil, rebuild: Bool = false) throws -> IndexReport {
        let store = try IndexStore.openForWriting(directory: index)
        var indexer = Indexer(store: store)
        if let m = maxFileBytes { indexer.maxFileBytes = m }
        indexer.rebuild = rebuild
        return try indexer.run(roots: [corpus])
    }

    func engine() throws -> Engine { try Engine(indexDirectory: index) }

    /// The sample report and the institute reports, indexed with impact lists for every term in
    /// ≥ 3 passages and dense postings from `denseMinimum` passages.
    static func withImpacts(denseMinimum: Int, configure: (inout Indexer) -> Void = { _ in }) throws -> IndexFixture {
        let f = try IndexFixture()
        try f.addSampleReport()
        try f.addInstituteReports()
        var indexer = Indexer(store: try IndexStore.openForWriting(directory: f.index))
        indexer.impacts.minDocumentFrequency = 3
        indexer.impacts.denseMinimum = denseMinimum
        configure(&indexer)
        _ = try indexer.run(roots: [f.corpus])
        return f
    }
}

extension XCTestCase {
    /// Asserts that `query` gives the same page with the default ranking as with `exactRanking`
    /// (FTS5's own `bm25()` over every match): documents, passages, scores, total, snippets.
    func assertMatchesExactRanking(_ engine: Engine, _ query: String, document: String? = nil, offset: Int = 0, limit: Int = 10,
                                   file: StaticString = #filePath, line: UInt = #line) throws {
        var fast = SearchOptions()
        fast.includeEntities = false
        fast.document = document
        fast.offset = offset
        fast.limit = limit
        var exact = fast
        exact.exactRanking = true
        let a = try engine.search(query, options: fast)
        let b = try engine.search(query, options: exact)
        XCTAssertEqual(a.hits.map(\.doc), b.hits.map(\.doc), "documents for \(query) @\(offset)", file: file, line: line)
        XCTAssertEqual(a.hits.map(\.passage), b.hits.map(\.passage), "passages for \(query) @\(offset)", file: file, line: line)
        XCTAssertEqual(a.hits.map(\.score), b.hits.map(\.score), "scores for \(query)", file: file, line: line)
        XCTAssertEqual(a.total, b.total, "total for \(query)", file: file, line: line)
        XCTAssertEqual(a.totalExact, b.totalExact, "total_exact for \(query)", file: file, line: line)
        XCTAssertEqual(a.matchedAll, b.matchedAll, "matched all for \(query)", file: file, line: line)
        XCTAssertEqual(a.hits.map(\.snippet), b.hits.map(\.snippet), "snippets for \(query)", file: file, line: line)
    }
}
