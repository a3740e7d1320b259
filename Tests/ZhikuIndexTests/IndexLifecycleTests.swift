import Foundation
import GRDB
import XCTest
@testable import ZhikuIndex

final class IndexLifecycleTests: XCTestCase {
    func testIncrementalRunsAddUpdateRemoveAndSkipUnchanged() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "甲文件\n研究院建设进入快车道。")
        try f.write("b.txt", "乙文件\n创新中心已经揭牌。")
        var r = try f.build()
        XCTAssertEqual(r.added.sorted(), ["a.txt", "b.txt"])

        r = try f.build()
        XCTAssertEqual(r.unchanged, 2, "nothing re-read when nothing changed")
        XCTAssertTrue(r.added.isEmpty && r.updated.isEmpty && r.removed.isEmpty)

        try f.write("a.txt", "甲文件\n孵化器入驻企业120个。")
        try FileManager.default.removeItem(at: f.corpus.appendingPathComponent("b.txt"))
        try f.write("c.md", "# 丙文件\n\n实验室通过验收。")
        r = try f.build()
        XCTAssertEqual(r.updated, ["a.txt"])
        XCTAssertEqual(r.removed, ["b.txt"])
        XCTAssertEqual(r.added, ["c.md"])

        let e = try f.engine()
        XCTAssertTrue(try e.search("快车道").hits.isEmpty, "old text of an updated file is gone")
        XCTAssertEqual(try e.search("孵化器").hits.first?.doc, "a.txt")
        XCTAssertTrue(try e.search("揭牌").hits.isEmpty, "a removed file's passages are gone")
        XCTAssertEqual(try e.stats().docs, 2)

        // Touching a file without changing it: re-read, recognised by its hash, not re-indexed.
        let a = f.corpus.appendingPathComponent("a.txt")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: a.path)
        r = try f.build()
        XCTAssertTrue(r.updated.isEmpty)
        XCTAssertEqual(r.unchanged, 2)
    }

    func testBadFilesAreSkippedWithAReasonAndNothingIsLost() throws {
        let f = try IndexFixture()
        try f.write("good.txt", "正常文件\n研究院占地100亩。")
        try f.build()

        try f.write("empty.txt", "")
        try f.write("blank.txt", "  \n\n\u{3000}\n")
        try f.write("binary.txt", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02])
        try f.write("noise.txt", bytes: (0..<2000).map { UInt8(($0 * 7) % 30 + 1) })
        try f.write("huge.txt", String(repeating: "大文件内容。", count: 3000))
        try f.write("gbk.txt", bytes: [UInt8]("国标编码文件\n建筑面积7.35万平方米。".data(using: String.Encoding(rawValue: 0x8000_0632))!))
        try f.write("image.png", bytes: [0x89, 0x50])
        let r = try f.build(maxFileBytes: 16 * 1024)
        let reasons = Dictionary(uniqueKeysWithValues: r.skipped.map { ($0.path, $0.reason) })
        XCTAssertEqual(reasons["empty.txt"], "empty file")
        XCTAssertEqual(reasons["blank.txt"], "empty file")
        XCTAssertEqual(reasons["binary.txt"], "binary file (NUL bytes)")
        XCTAssertEqual(reasons["noise.txt"], "not UTF-8, UTF-16 or GB18030 text")
        XCTAssertTrue(reasons["huge.txt"]?.hasPrefix("too large") ?? false)
        XCTAssertNil(reasons["image.png"], "files of other types are not ours to report")
        XCTAssertEqual(r.added, ["gbk.txt"])

        let e = try f.engine()
        XCTAssertEqual(try e.search("研究院").hits.first?.doc, "good.txt", "what was indexed before is still there")
        XCTAssertEqual(try e.search("建筑面积").hits.first?.doc, "gbk.txt", "GB18030 decoded")
        XCTAssertEqual(try e.stats().docs, 2)
    }

    func testMissingIndex() throws {
        let f = try IndexFixture()
        XCTAssertThrowsError(try f.engine()) { error in
            let e = error as? ZhikuError
            XCTAssertEqual(e?.code, .indexMissing)
            XCTAssertTrue(e?.message.contains("zhiku index") ?? false, "says what to run")
        }
    }

    func testCorruptIndex() throws {
        let f = try IndexFixture()
        try FileManager.default.createDirectory(at: f.index, withIntermediateDirectories: true)
        try Data(String(repeating: "这不是数据库", count: 500).utf8).write(to: IndexStore.databaseURL(in: f.index))
        XCTAssertThrowsError(try f.engine()) { error in
            XCTAssertEqual((error as? ZhikuError)?.code, .indexUnusable)
            XCTAssertTrue((error as? ZhikuError)?.message.contains("--rebuild") ?? false)
        }
    }

    func testOtherSchemaVersion() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "标题\n正文内容。")
        try f.build()
        let q = try DatabaseQueue(path: IndexStore.databaseURL(in: f.index).path)
        try q.write { try $0.execute(sql: "UPDATE meta SET value = '0' WHERE key = 'schema_version'") }
        try q.close()
        XCTAssertThrowsError(try f.engine()) { error in
            XCTAssertEqual((error as? ZhikuError)?.code, .indexUnusable)
            XCTAssertTrue((error as? ZhikuError)?.message.contains("schema version 0") ?? false)
        }
    }

    /// `zhiku index` rebuilds an index an older zhiku built (it cannot be updated), and only that.
    func testAnOlderSchemaIsReplacedWhenAsked() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "标题\n研究院占地100亩。")
        try f.build()
        func setVersion(_ v: String) throws {
            let q = try DatabaseQueue(path: IndexStore.databaseURL(in: f.index).path)
            try q.write { try $0.execute(sql: "UPDATE meta SET value = ? WHERE key = 'schema_version'", arguments: [v]) }
            try q.close()
        }
        // Issue 19: another zhiku's schema (ERR_INDEX_VERSION) is told apart from a damaged file.
        for (refused, code) in [("0", ZhikuError.Code.indexUnusable), ("\(IndexStore.schemaVersion + 1)", .indexVersion), ("x", .indexUnusable)] {
            try setVersion(refused)
            XCTAssertThrowsError(try IndexStore.openForWriting(directory: f.index, replacingOlderSchema: true), "version \(refused)") {
                XCTAssertEqual(($0 as? ZhikuError)?.code, code, "version \(refused)")
            }
        }
        try setVersion("\(IndexStore.schemaVersion - 1)")
        XCTAssertThrowsError(try IndexStore.openForWriting(directory: f.index), "not asked: left alone") {
            XCTAssertEqual(($0 as? ZhikuError)?.code, .indexVersion)
            XCTAssertTrue(($0 as? ZhikuError)?.message.contains("built by an older zhiku") ?? false, "\($0)")
        }
        XCTAssertThrowsError(try f.engine(), "searching it says so") {
            XCTAssertEqual(($0 as? ZhikuError)?.code, .indexVersion)
        }
        var store: IndexStore? = try IndexStore.openForWriting(directory: f.index, replacingOlderSchema: true)
        XCTAssertEqual(store?.replacedSchemaVersion, IndexStore.schemaVersion - 1)
        XCTAssertEqual(try Indexer(store: store!).run(roots: [f.corpus]).added, ["a.txt"], "everything is indexed again")
        store = nil  // one writer at a time
        XCTAssertEqual(try f.engine().search("研究院").hits.count, 1)
        XCTAssertNil(try IndexStore.openForWriting(directory: f.index, replacingOlderSchema: true).replacedSchemaVersion)
    }

    /// One writer at a time: a second fails at once, or waits when it says so.
    func testOneWriterAtATime() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "标题\n研究院占地100亩。")
        var first: IndexStore? = try IndexStore.openForWriting(directory: f.index)
        XCTAssertThrowsError(try IndexStore.openForWriting(directory: f.index)) {
            XCTAssertEqual(($0 as? ZhikuError)?.code, .indexBusy)
            XCTAssertTrue(($0 as? ZhikuError)?.message.contains("(pid \(getpid())) is writing the index") ?? false, "\($0)")
        }
        // Readers do not wait.
        _ = try Indexer(store: first!).run(roots: [f.corpus])
        XCTAssertEqual(try f.engine().search("研究院").hits.count, 1)
        // A waiting writer: told who holds it, then let in once the first is released.
        final class Box: @unchecked Sendable { var holder: Int32?; var store: IndexStore?; var error: Error? }
        let box = Box()
        let told = DispatchSemaphore(value: 0), opened = DispatchSemaphore(value: 0)
        let directory = f.index
        Thread {
            do {
                box.store = try IndexStore.openForWriting(directory: directory, whileWaiting: { box.holder = $0; told.signal() })
            } catch {
                box.error = error
            }
            opened.signal()
        }.start()
        XCTAssertEqual(told.wait(timeout: .now() + 30), .success, "the second writer says that it waits")
        XCTAssertEqual(box.holder, getpid())
        XCTAssertEqual(opened.wait(timeout: .now() + 0.3), .timedOut, "and waits while the first is open")
        first = nil
        XCTAssertEqual(opened.wait(timeout: .now() + 30), .success, "the first released: the second is in")
        XCTAssertNil(box.error)
        XCTAssertNotNil(box.store)
    }

    func testRebuildKeepsTheSameAnswers() throws {
        let f = try IndexFixture()
        try f.addSampleReport()
        try f.build()
        let before = try f.engine().search("研发投入").hits.map { "\($0.doc)#\($0.passage)" }
        let r = try f.build(rebuild: true)
        XCTAssertEqual(r.added.count, 1)
        XCTAssertEqual(try f.engine().search("研发投入").hits.map { "\($0.doc)#\($0.passage)" }, before)
    }

    func testTokenizerIsRegisteredForEveryReader() throws {
        let f = try IndexFixture()
        try f.addSampleReport()
        try f.build()
        let e = try f.engine()
        // Concurrent readers of the pool each need the tokenizer to parse MATCH.
        let group = DispatchGroup()
        final class Counter: @unchecked Sendable { let lock = NSLock(); var value = 0; func add() { lock.lock(); value += 1; lock.unlock() } }
        let failures = Counter()
        for _ in 0..<8 {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                for _ in 0..<20 where (try? e.search("研究院"))?.hits.isEmpty != false {
                    failures.add()
                }
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 30), .success)
        XCTAssertEqual(failures.value, 0)
    }
}

extension IndexLifecycleTests {
    /// The advice an unusable index gives (`zhiku index --rebuild`) must work.
    func testRebuildReplacesAnUnusableIndex() throws {
        let f = try IndexFixture()
        try f.write("a.txt", "标题\n研究院占地100亩。")
        try FileManager.default.createDirectory(at: f.index, withIntermediateDirectories: true)
        try Data(String(repeating: "这不是数据库", count: 500).utf8).write(to: IndexStore.databaseURL(in: f.index))
        XCTAssertThrowsError(try IndexStore.openForWriting(directory: f.index)) {
            XCTAssertEqual(($0 as? ZhikuError)?.code, .indexUnusable, "without --rebuild the file is left alone")
        }
        let store = try IndexStore.openForWriting(directory: f.index, replacingUnusable: true)
        XCTAssertEqual(try Indexer(store: store).run(roots: [f.corpus]).added, ["a.txt"])
        XCTAssertEqual(try f.engine().search("研究院").hits.count, 1)
    }
}
