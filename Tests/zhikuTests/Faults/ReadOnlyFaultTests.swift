import Foundation
import XCTest
import ZhikuIndex
import ZhikuTestSupport

/// Issue 20: a healthy index that cannot be written (a read-only mount, an immutable folder, an
/// index another user owns) was called corrupt, and `--rebuild` then tried to delete it. It is
/// opened read-only and searched normally; writing it is `ERR_IO`; nothing is deleted.
final class ReadOnlyFaultTests: XCTestCase {
    /// An index of the sample report and the JSON of a search. A search leaves the log and the
    /// shared-memory file (a read-only connection cannot remove them); without `readerFiles` they
    /// are removed, as `zhiku index` leaves the folder, so that nothing can be read through them.
    private func build(_ index: URL, readerFiles: Bool = false) throws -> (ws: Workspace, answer: String) {
        let ws = try Workspace()
        try ws.addSampleReport()
        let r = try Binary.run(["index", ws.corpus.path, "--index", index.path, "--quiet"], timeout: 120)
        XCTAssertEqual(r.status, 0, r.stderr)
        let base = IndexStore.databaseURL(in: index).path
        XCTAssertFalse(FileManager.default.fileExists(atPath: base + "-shm"), "zhiku index leaves no shared-memory file")
        let answer = try Binary.run(["search", "--index", index.path, "--format", "json", "科研团队"], timeout: 60)
        XCTAssertEqual(answer.status, 0, answer.stderr)
        if !readerFiles {
            XCTAssertEqual((try? FileManager.default.attributesOfItem(atPath: base + "-wal")[.size] as? Int) ?? 0, 0)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: base + suffix) }
        }
        return (ws, withoutTime(answer.stdout))
    }

    private func withoutTime(_ json: String) -> String {
        json.replacingOccurrences(of: #""took_ms":[0-9.]+"#, with: "", options: .regularExpression)
    }

    /// Searches, stats, and a refused update and rebuild that leave the index as it was.
    private func assertSearchedAndKept(_ index: URL, _ ws: Workspace, _ answer: String,
                                       run: ([String]) throws -> Binary.Result = { try Binary.run($0, timeout: 120) }) throws {
        let search = try run(["search", "--index", index.path, "--format", "json", "科研团队"])
        XCTAssertEqual(search.status, 0, search.stderr)
        XCTAssertEqual(withoutTime(search.stdout), answer, "searched normally")
        let stats = try run(["stats", "--index", index.path])
        XCTAssertEqual(stats.status, 0, stats.stderr)
        for args in [["index", ws.corpus.path, "--index", index.path], ["index", "--rebuild", ws.corpus.path, "--index", index.path]] {
            let write = try run(args)
            XCTAssertEqual(write.status, 2, "\(args): \(write.stderr)")
            XCTAssertTrue(write.stderr.hasPrefix("zhiku: ERR_IO: "), "\(args): \(write.stderr)")
            XCTAssertFalse(write.stderr.contains("CORRUPT") || write.stderr.contains("corrupt"), write.stderr)
        }
        let again = try run(["search", "--index", index.path, "--format", "json", "科研团队"])
        XCTAssertEqual(withoutTime(again.stdout), answer, "--rebuild deleted nothing: \(again.stderr)")
    }

    func testIssue20IndexOnAReadOnlyMountIsSearched() throws {
        for readerFiles in [false, true] {
            let disk = try ScratchMount(megabytes: 16, for: self)
            let index = disk.path.appendingPathComponent("index")
            let (ws, answer) = try build(index, readerFiles: readerFiles)
            try disk.remount("ro")
            try assertSearchedAndKept(index, ws, answer)
            disk.unmount()
        }
    }

    func testIssue20IndexInAnImmutableFolderIsSearched() throws {
        let ws0 = try Workspace()
        let index = ws0.root.appendingPathComponent("index")
        let (ws, answer) = try build(index)
        let set = try run("/usr/bin/chattr", ["+i", index.path])
        guard set.status == 0 else { throw XCTSkip("chattr +i is not possible here (\(set.stderr)); it needs root and ext4, xfs or btrfs") }
        addTeardownBlock { _ = try? self.run("/usr/bin/chattr", ["-i", index.path]) }
        try assertSearchedAndKept(index, ws, answer)
    }

    func testIssue20IndexOfAnotherUserIsSearched() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else {
            throw XCTSkip("running zhiku as another user needs root and setpriv (util-linux)")
        }
        let ws0 = try Workspace()
        let index = ws0.root.appendingPathComponent("index")
        for readerFiles in [false, true] {
            let (ws, answer) = try build(index, readerFiles: readerFiles)
            try assertSearchedAndKept(index, ws, answer) { args in
                try self.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", Binary.url.path] + args)
            }
        }
    }

    /// Runs a program with a time limit.
    private func run(_ program: String, _ args: [String], timeout: TimeInterval = 120) throws -> Binary.Result {
        try Binary.run(program: URL(fileURLWithPath: program), args, timeout: timeout)
    }
}
