import Foundation
import GRDB
import GRDBSQLite
import XCTest
@testable import ZhikuIndex

/// A thread that holds a reader connection (the server's engine threads): every read on it uses
/// that connection, each in a transaction of its own.
final class HeldReaderTests: XCTestCase {
    func testEachReadIsItsOwnTransactionOnTheHeldConnection() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "甲文件\n研究院建设进入快车道。")
        try f.build()
        let e = try f.engine()
        XCTAssertNil(HeldReader.current)
        var ran = false
        try e.store.holdingReader {
            ran = true
            do {
                guard let held = HeldReader.current else { return XCTFail("no held reader inside holdingReader") }
                let first = try e.store.read { ObjectIdentifier($0) }
                XCTAssertEqual(first, ObjectIdentifier(held.db))
                XCTAssertEqual(try e.store.read { ObjectIdentifier($0) }, first, "the same connection every time")
                XCTAssertTrue(try e.store.read { $0.isInsideTransaction })
                XCTAssertEqual(sqlite3_get_autocommit(held.db.sqliteConnection), 1, "no transaction left open between reads")

                // A write by `zhiku index` between two reads: the next read sees it.
                XCTAssertEqual(try e.search("揭牌").total, 0)
                try f.write("b.txt", "乙文件\n创新中心已经揭牌。")
                try f.build()
                XCTAssertEqual(try e.search("揭牌").hits.first?.doc, "b.txt")

                // A failing read ends its transaction; a nested read joins the open one.
                XCTAssertThrowsError(try e.store.read { db in try db.execute(sql: "SELECT * FROM no_such_table") })
                XCTAssertEqual(sqlite3_get_autocommit(held.db.sqliteConnection), 1)
                let nested = try e.store.read { outer in try e.store.read { inner in (ObjectIdentifier(outer), ObjectIdentifier(inner)) } }
                XCTAssertEqual(nested.0, nested.1)
                // The engine's other reads run on it too (a pool read here would trap: GRDB's reads
                // are not reentrant).
                XCTAssertEqual(try e.stats().docs, 2)
                XCTAssertEqual(try e.document(id: "a.txt").passageCount, 1)
                _ = try e.facts("研究院建设")
            } catch {
                XCTFail("\(error)")
            }
        }
        XCTAssertTrue(ran)
        XCTAssertNil(HeldReader.current, "released when the body returns")
        XCTAssertEqual(try e.search("揭牌").total, 1, "reads go through the pool again")
    }

    func testHoldersOnManyThreadsAndPoolReadersAtOnce() throws {
        let f = try IndexFixture()
        try f.addSampleReport()
        try f.build()
        let e = try f.engine()
        let expected = try e.search("研发投入").hits.map(\.passage)
        XCTAssertFalse(expected.isEmpty)
        final class Failures: @unchecked Sendable { let lock = NSLock(); var list: [String] = []; func add(_ s: String) { lock.lock(); list.append(s); lock.unlock() } }
        let failures = Failures()
        let group = DispatchGroup()
        // The server's most engine threads, each holding a connection, beside threads that take
        // one from the pool for each read: none waits for a connection that never comes.
        for i in 0..<(8 + 4) {
            group.enter()
            Thread {
                defer { group.leave() }
                let work = {
                    for _ in 0..<20 {
                        do {
                            if try e.search("研发投入").hits.map(\.passage) != expected { failures.add("different hits") }
                        } catch {
                            failures.add("\(error)")
                        }
                    }
                }
                if i < 8 {
                    do { try e.store.holdingReader(work) } catch { failures.add("\(error)") }
                } else {
                    work()
                }
            }.start()
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        XCTAssertEqual(failures.list, [])
    }

    func testAnInterruptedQueryLeavesTheHeldConnectionUsable() throws {
        let f = try IndexFixture()
        try f.addSixThousandPassagesOfThe()
        try f.build()
        let e = try f.engine()
        var o = SearchOptions()
        o.exactRanking = true
        let full = try e.search("的", options: o).total
        try e.store.holdingReader {
            do {
                o.timeoutMs = 1
                XCTAssertTrue(try e.search("的", options: o).timedOut)
                XCTAssertEqual(sqlite3_get_autocommit(HeldReader.current!.db.sqliteConnection), 1)
                o.timeoutMs = nil
                XCTAssertEqual(try e.search("的", options: o).total, full)
            } catch {
                XCTFail("\(error)")
            }
        }
    }
}
