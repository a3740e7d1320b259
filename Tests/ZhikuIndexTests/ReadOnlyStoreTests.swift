import Foundation
import GRDB
import XCTest
@testable import ZhikuIndex

final class ReadOnlyStoreTests: XCTestCase {
    /// Issue 19: readers opened the pool writable (a search could write the index, and a folder
    /// that cannot be written made them fail).
    func testIssue19ReadersOpenThePoolReadOnly() throws {
        let f = try IndexFixture()
        try f.addSampleReport()
        try f.build()
        let engine = try f.engine()
        XCTAssertThrowsError(try engine.store.pool.write { db in try db.execute(sql: "DELETE FROM meta") }) {
            XCTAssertEqual(($0 as? DatabaseError)?.resultCode.primaryResultCode, .SQLITE_READONLY, "\($0)")
        }
        XCTAssertEqual(try engine.stats().docs, 1, "stats (a temporary table) works on a read-only connection")
        XCTAssertFalse(try engine.search("科研团队").hits.isEmpty)
    }

    /// Issue 20: "corrupt" only for a file that is: a file that is not a database is still called so.
    func testIssue20OnlyADamagedFileIsCalledCorrupt() throws {
        let f = try IndexFixture()
        try FileManager.default.createDirectory(at: f.index, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 8192).write(to: IndexStore.databaseURL(in: f.index))
        XCTAssertThrowsError(try f.engine()) { XCTAssertEqual(($0 as? ZhikuError)?.code, .indexUnusable, "\($0)") }
    }
}
