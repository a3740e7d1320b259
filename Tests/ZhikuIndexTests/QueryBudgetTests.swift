import Foundation
import XCTest
@testable import ZhikuIndex

final class QueryBudgetTests: XCTestCase {
    func testAQueryPastItsBudgetStopsAndSaysSo() throws {
        let f = try IndexFixture()
        try f.addSixThousandPassagesOfThe()
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
