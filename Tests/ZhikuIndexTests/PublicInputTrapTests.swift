import Foundation
import GRDB
import GRDBSQLite
import XCTest
@testable import ZhikuIndex

/// Issue 19: public inputs that trapped, and binds whose failure went unnoticed.
final class PublicInputTrapTests: XCTestCase {
    func testIssue19DocumentSliceOfAnyLengthDoesNotTrap() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "标题\n研究院占地100亩，建筑面积7.35万平方米。")
        try f.build()
        let e = try f.engine()
        let all = try e.document(id: "a.txt")
        let tail = try e.document(id: "a.txt", from: 3, length: .max)  // lo + length overflowed
        XCTAssertEqual(tail.from, 3)
        XCTAssertEqual(tail.len, all.len - 3)
        XCTAssertFalse(tail.more)
        XCTAssertEqual(try e.document(id: "a.txt", from: .max, length: .max).len, 0)
    }

    func testIssue19EngineSlotTakesAnyInterval() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "标题\n正文内容。")
        try f.build()
        for interval in [-1.0, -.infinity, .nan, 1e300, .infinity] {  // UInt64(interval * 1e9) trapped
            let slot = EngineSlot(engine: try f.engine(), checkEvery: interval)
            XCTAssertEqual(try slot.current().stats().docs, 1, "\(interval)")
        }
    }

    /// A bind that fails (here: text over SQLite's length limit) is an error, not a NULL or the
    /// previous row's value quietly inserted.
    func testIssue19FailedBindsAreErrors() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "标题\n正文内容。")
        try f.build()
        let store = try IndexStore.openForWriting(directory: f.index)
        try store.pool.writeWithoutTransaction { db in
            try db.inTransaction {
                let heading = try db.makeStatement(sql: "INSERT INTO heading(document_id, path) VALUES (?, ?)")
                let postings = try db.makeStatement(sql: "INSERT INTO passage_fts(rowid, body, heading) VALUES (?, ?, ?)")
                let passage = try db.makeStatement(sql: """
                    INSERT INTO passage(document_id, number, heading_id, body, start, "end", entities) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
                let limit = sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, 100)
                defer { sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_LENGTH, limit) }
                XCTAssertThrowsError(try FastInsert.heading(heading, db, document: 1, path: String(repeating: "长", count: 200))) {
                    XCTAssertEqual(($0 as? DatabaseError)?.resultCode, .SQLITE_TOOBIG, "\($0)")
                }
                XCTAssertThrowsError(try FastInsert.postings(postings, db, rowid: 99, body: "正文", heading: String(repeating: "长", count: 200))) {
                    XCTAssertEqual(($0 as? DatabaseError)?.resultCode, .SQLITE_TOOBIG, "\($0)")
                }
                XCTAssertThrowsError(try FastInsert.passage(passage, db, document: 1, number: 9, heading: nil, body: Data(count: 400),
                                                            start: 0, end: 1, entities: nil)) {
                    XCTAssertEqual(($0 as? DatabaseError)?.resultCode, .SQLITE_TOOBIG, "\($0)")
                }
                return .rollback
            }
        }
    }
}
