import Foundation
import XCTest

/// The evaluation corpus of `../shared/eval-dev`: the sample report as `seed-report.txt` beside the
/// folders of `../shared/corpora/gov-reports`, copied once per test run into a temporary folder and
/// indexed once by the caller's `build` (the CLI tests use the binary, the library tests the Indexer).
/// Every evaluation test shares that one index: building the 10 MB corpus costs a minute in debug.
public enum EvalCorpus {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var built: [String: URL] = [:]

    /// The corpus folder (copied on first use), or a skip when `../shared` is absent.
    public static func corpus() throws -> URL {
        lock.lock(); defer { lock.unlock() }
        return try makeCorpus()
    }

    /// The index folder for `key`, built by `build(corpus, index)` on first use in this process.
    public static func index(key: String, build: (URL, URL) throws -> Void) throws -> URL {
        lock.lock(); defer { lock.unlock() }
        if let done = built[key] { return done }
        let corpus = try makeCorpus()
        let index = root.appendingPathComponent("index-\(key)")
        try? FileManager.default.removeItem(at: index)
        try build(corpus, index)
        built[key] = index
        return index
    }

    private static let root = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-eval-\(getpid())")

    private static func makeCorpus() throws -> URL {
        let corpus = root.appendingPathComponent("corpus")
        let done = root.appendingPathComponent("corpus.complete")
        if FileManager.default.fileExists(atPath: done.path) { return corpus }
        let seeds = try Fixtures.shared("seeds", for: "the evaluation corpus")
        let gov = try Fixtures.shared("corpora/gov-reports", for: "the evaluation corpus")
        let fm = FileManager.default
        try? fm.removeItem(at: corpus)
        try fm.createDirectory(at: corpus, withIntermediateDirectories: true)
        let seed = try fm.contentsOfDirectory(atPath: seeds.path).sorted()[0]
        try fm.copyItem(at: seeds.appendingPathComponent(seed), to: corpus.appendingPathComponent("seed-report.txt"))
        for name in try fm.contentsOfDirectory(atPath: gov.path).sorted() {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: gov.appendingPathComponent(name).path, isDirectory: &isDir), isDir.boolValue {
                try fm.copyItem(at: gov.appendingPathComponent(name), to: corpus.appendingPathComponent(name))
            }
        }
        fm.createFile(atPath: done.path, contents: nil)
        atexit { try? FileManager.default.removeItem(at: EvalCorpus.root) }
        return corpus
    }
}
