import Foundation
import XCTest
@testable import ZhikuIndex

final class QueryBudgetTests: XCTestCase {
    func testAQueryPastItsBudgetStopsAndSaysSo() throws {
        let f = try IndexFixture()
        let line = "园区的企业的研发投入的增长的速度的提升的效果的显著的成绩的取得的经验的总结的工作的推进的情况的汇报。"
        for i in 0..<40 {
            try f.write("doc\(i).txt", "文件\(i)\n" + (0..<150).map { "第\($0)段：" + line }.joined(separator: "\n"))
        }
        try f.build()
        let e = try f.engine()
        var o = SearchOptions()
        o.exactRanking = true  // a scan of every passage with 的 (its impact list would answer at once)
        let full = try e.search("的", options: o)
        XCTAssertFalse(full.timedOut)
        XCTAssertGreaterThan(full.total, 2_000)
        o.timeoutMs = 1
        let cut = try e.search("的", options: o)
        XCTAssertTrue(cut.timedOut, "a 1 ms budget stops a query over 3,000 passages")
        XCTAssertFalse(cut.totalExact)
        XCTAssertFalse(cut.warnings.isEmpty)
        // The connection is usable afterwards, without the budget.
        o.timeoutMs = nil
        XCTAssertEqual(try e.search("的", options: o).total, full.total)
    }
}
