import Foundation
import GRDB
import XCTest
import ZhikuIndex
import ZhikuTestSupport

/// Issue 20: a full disk at any phase is `ERR_IO` with a plain message and a non-zero exit; the
/// index stays usable and the next run recovers the space. A failed or killed first build leaves
/// no index (search says "no index", exit 2) and no side file.
final class DiskFaultTests: XCTestCase {
    /// `count` files of about 50 KB of report text each, different in every file.
    static func writeReports(_ ws: Workspace, prefix: String, count: Int) throws {
        for i in 0..<count {
            var text = "\(prefix)第\(i)号工作报告\n"
            for j in 0..<180 {
                text += "第\(j)项：\(prefix)\(i)园区新增高新技术企业\(j * 7 + i)家，研发投入增长\(j % 9).\(i % 7)%，建设创新平台\(j + i * 3)个。\n"
            }
            try ws.write("\(prefix)/r\(i).txt", text)
        }
    }

    private func stats(_ index: URL) throws -> [String: Any] {
        let r = try Binary.run(["stats", "--index", index.path, "--format", "json"], timeout: 60)
        return (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    private func size(_ url: URL) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }

    func testIssue20DiskFullDuringTheFirstBuildLeavesNoIndex() throws {
        let disk = try ScratchMount(megabytes: 2, for: self)
        let ws = try Workspace()
        try DiskFaultTests.writeReports(ws, prefix: "a", count: 120)  // about 6 MB of text
        let index = disk.path.appendingPathComponent("index")
        let r = try Binary.run(["index", ws.corpus.path, "--index", index.path, "--quiet"], timeout: 300)
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix("zhiku: ERR_IO: indexing failed: the disk is full"), r.stderr)
        XCTAssertTrue(r.stderr.contains("no index was made"), r.stderr)
        XCTAssertFalse(r.stderr.contains("INSERT") || r.stderr.contains("SQL"), "no SQL in the message: \(r.stderr)")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: index.path)) ?? []
        XCTAssertEqual(left.filter { $0.hasPrefix("zhiku.sqlite") }, [], "no index and no side file: \(left)")
        let search = try Binary.run(["search", "--index", index.path, "园区"], timeout: 60)
        XCTAssertEqual(search.status, 2, "no index, not \"nothing found\": \(search.stderr)")
        XCTAssertTrue(search.stderr.hasPrefix("zhiku: ERR_INDEX: no index"), search.stderr)
        XCTAssertGreaterThan(disk.freeBytes, 1_900_000, "the space is given back")
    }

    func testIssue20DiskFullDuringAnUpdateKeepsTheOldIndex() throws {
        let disk = try ScratchMount(megabytes: 3, for: self)
        let ws = try Workspace()
        try DiskFaultTests.writeReports(ws, prefix: "a", count: 4)
        let index = disk.path.appendingPathComponent("index")
        let first = try Binary.run(["index", ws.corpus.path, "--index", index.path, "--quiet"], timeout: 120)
        XCTAssertEqual(first.status, 0, first.stderr)
        let before = try Binary.run(["search", "--index", index.path, "--format", "json", "园区"], timeout: 60)
        XCTAssertEqual(before.status, 0, before.stderr)

        try DiskFaultTests.writeReports(ws, prefix: "b", count: 120)
        let failed = try Binary.run(["index", ws.corpus.path, "--index", index.path, "--quiet"], timeout: 300)
        XCTAssertEqual(failed.status, 2, failed.stderr)
        XCTAssertTrue(failed.stderr.hasPrefix("zhiku: ERR_IO: indexing failed: the disk is full"), failed.stderr)
        XCTAssertTrue(failed.stderr.contains("the index is as it was before this run"), failed.stderr)
        let after = try Binary.run(["search", "--index", index.path, "--format", "json", "园区"], timeout: 60)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(after.stdout.replacingOccurrences(of: #""took_ms":[0-9.]+"#, with: "", options: .regularExpression),
                       before.stdout.replacingOccurrences(of: #""took_ms":[0-9.]+"#, with: "", options: .regularExpression),
                       "the old index answers as before")
        XCTAssertEqual(try stats(index)["docs"] as? Int, 4)

        // With space again, the next run completes and the log is folded away.
        try disk.remount("size=64m")
        let resumed = try Binary.run(["index", ws.corpus.path, "--index", index.path], timeout: 300)
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stdout.hasPrefix("added 120, updated 0, removed 0, unchanged 4"), resumed.stdout)
        XCTAssertEqual(size(index.appendingPathComponent("zhiku.sqlite-wal")), 0, "the write-ahead log is truncated")
    }

    /// The checkpoint (folding the log into the database file after the commit) used to fail
    /// silently: exit 0, the log left at its full size, the disk full. It is made the failing
    /// phase here by holding a reader on the old snapshot (the checkpoint waits for it), filling
    /// the disk once the update has committed, then letting the reader go.
    func testIssue20DiskFullAtTheCheckpointIsAnError() throws {
        let disk = try ScratchMount(megabytes: 24, for: self)
        let ws = try Workspace()
        try DiskFaultTests.writeReports(ws, prefix: "a", count: 4)
        let index = disk.path.appendingPathComponent("index")
        let first = try Binary.run(["index", ws.corpus.path, "--index", index.path, "--quiet"], timeout: 120)
        XCTAssertEqual(first.status, 0, first.stderr)
        try DiskFaultTests.writeReports(ws, prefix: "b", count: 60)

        // A reader on the old snapshot, held until released.
        var config = Configuration()
        config.readonly = true
        let database = IndexStore.databaseURL(in: index)
        let reader = try DatabaseQueue(path: database.path, configuration: config)
        let holding = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), released = DispatchSemaphore(value: 0)
        Thread {
            try? reader.read { db in
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM document")
                holding.signal()
                _ = release.wait(timeout: .now() + 120)
            }
            released.signal()
        }.start()
        XCTAssertEqual(holding.wait(timeout: .now() + 30), .success)
        var releasedReader = false
        defer { if !releasedReader { release.signal() } }

        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["index", ws.corpus.path, "--index", index.path, "--quiet"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        // Wait for the commit: a new snapshot sees the new documents.
        let probe = try DatabaseQueue(path: database.path, configuration: config)
        let deadline = Date(timeIntervalSinceNow: 240)
        var committed = false
        while p.isRunning && Date() < deadline {
            if (try? probe.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM document") }) == 64 { committed = true; break }
            usleep(20_000)
        }
        try probe.close()
        XCTAssertTrue(committed, "the update committed while the reader held the old snapshot")
        disk.fill()
        release.signal()
        releasedReader = true
        XCTAssertEqual(released.wait(timeout: .now() + 30), .success)
        try reader.close()
        let waitEnd = Date(timeIntervalSinceNow: 120)
        while p.isRunning && Date() < waitEnd { usleep(20_000) }
        if p.isRunning { p.terminate() }
        p.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(p.terminationStatus, 2, "a failed checkpoint is not a success: \(stderr)")
        XCTAssertTrue(stderr.hasPrefix("zhiku: ERR_IO: folding the write-ahead log into the index failed: the disk is full"), stderr)
        XCTAssertTrue(stderr.contains("the index was updated and can be searched"), stderr)

        // The index is usable on the full disk, with the update.
        XCTAssertEqual(try stats(index)["docs"] as? Int, 64)
        let found = try Binary.run(["search", "--index", index.path, "--format", "json", "b第59号工作报告"], timeout: 60)
        XCTAssertEqual(found.status, 0, found.stderr)
        XCTAssertGreaterThan(size(index.appendingPathComponent("zhiku.sqlite-wal")), 0, "the log is still there")

        // Space again: the next run folds the log and gives the space back.
        try FileManager.default.removeItem(at: disk.path.appendingPathComponent("ballast"))
        let next = try Binary.run(["index", ws.corpus.path, "--index", index.path], timeout: 120)
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertTrue(next.stdout.hasPrefix("added 0, updated 0, removed 0, unchanged 64"), next.stdout)
        XCTAssertEqual(size(index.appendingPathComponent("zhiku.sqlite-wal")), 0, "the write-ahead log is truncated")
        let integrity = try DatabaseQueue(path: database.path, configuration: config)
        XCTAssertEqual(try integrity.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") }, "ok")
        try integrity.close()
    }

    /// `kill -9` during the first build: no index (search says so, exit 2), and the side file it
    /// left is removed by the next run.
    func testIssue20KilledFirstBuildLeavesNoIndexAndTheNextRunCleansUp() throws {
        let ws = try Workspace()
        try DiskFaultTests.writeReports(ws, prefix: "a", count: 300)
        let side = ws.index.appendingPathComponent("zhiku.sqlite.partial")
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["index", ws.corpus.path, "--index", ws.index.path, "--quiet"]
        try p.run()
        let deadline = Date(timeIntervalSinceNow: 120)
        // The build writes its side file's log first (WAL): killed once the two hold a megabyte.
        let log = ws.index.appendingPathComponent("zhiku.sqlite.partial-wal")
        while p.isRunning && Date() < deadline && size(side) + size(log) < 1 << 20 { usleep(5_000) }
        XCTAssertTrue(p.isRunning, "the build was still going when killed (make the corpus larger if this fails)")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertFalse(FileManager.default.fileExists(atPath: IndexStore.databaseURL(in: ws.index).path), "no half-made index in place")
        let search = try Binary.run(["search", "--index", ws.index.path, "园区"], timeout: 60)
        XCTAssertEqual(search.status, 2, search.stderr)
        XCTAssertTrue(search.stderr.hasPrefix("zhiku: ERR_INDEX: no index"), search.stderr)

        // An update of another index in this folder is not what cleans it: any writer does.
        try FileManager.default.removeItem(at: ws.corpus)
        try DiskFaultTests.writeReports(ws, prefix: "b", count: 2)
        let next = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 120)
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: side.path), "the orphaned side file is gone")
        // And one left beside a complete index is removed by the next update too.
        try Data(repeating: 7, count: 4096).write(to: side)
        let update = try Binary.run(["index", ws.corpus.path, "--index", ws.index.path], timeout: 120)
        XCTAssertEqual(update.status, 0, update.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: side.path))
    }
}
