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

    /// Issue 19: a budget in milliseconds was multiplied into nanoseconds unchecked, and a large one
    /// trapped (the server caps `timeout=`, the library did not).
    func testIssue19ABudgetOfAnyLengthDoesNotTrap() throws {
        XCTAssertEqual(QueryBudget.deadline(after: Int.max, from: 5), .max)
        XCTAssertEqual(QueryBudget.deadline(after: Int.max / 1_000, from: 5), .max)
        XCTAssertEqual(QueryBudget.deadline(after: 10, from: UInt64.max - 5), .max)
        XCTAssertEqual(QueryBudget.deadline(after: -3, from: 100), 1_000_100, "at least 1 ms")
        XCTAssertEqual(QueryBudget.deadline(after: 250, from: 100), 250_000_100)
        let f = try IndexFixture()
        try f.addSixThousandPassagesOfThe()
        try f.build()
        var o = SearchOptions()
        o.timeoutMs = Int.max
        let r = try f.engine().search("的", options: o)
        XCTAssertFalse(r.timedOut)
        XCTAssertGreaterThan(r.total, 2_000)
    }

    /// Issue 20: the library, the CLI and the REPL search with the server's budget by default.
    func testIssue20TheLibraryHasTheServersDefaultBudget() throws {
        XCTAssertEqual(SearchOptions().timeoutMs, 1_000)
    }

    /// Issue 20: at most 16 terms are searched; the warning names the ones dropped.
    func testIssue20TermsPastTheCapAreDroppedAndNamed() {
        let text = (1...20).map { "词\($0)" }.joined(separator: " ") + " -排除 OR 或者"
        let q = Query(parsing: text)
        XCTAssertEqual(q.groups.flatMap { $0 }.count + q.excluded.count, Query.maxTerms)
        XCTAssertEqual(q.groups.first, ["词1"])
        XCTAssertEqual(q.groups.last, ["词16"])
        XCTAssertTrue(q.warnings.contains("searched the first 16 terms; dropped 6: 词17 词18 词19 词20 -排除 或者"), "\(q.warnings)")
        XCTAssertTrue(Query(parsing: "研究 团队").warnings.isEmpty)
    }
}
