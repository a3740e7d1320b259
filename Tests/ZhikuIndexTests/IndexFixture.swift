import Foundation
import XCTest
@testable import ZhikuIndex

/// A temporary corpus folder and index folder, removed when the test ends.
final class IndexFixture {
    let root: URL
    let corpus: URL
    let index: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-test-\(UUID().uuidString)")
        corpus = root.appendingPathComponent("corpus")
        index = root.appendingPathComponent("index")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var sampleReport: URL { packageRoot.appendingPathComponent("corpus/ganzhou-hitech-zone-innovation-platforms-2021.txt") }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> URL {
        let url = corpus.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    func addSampleReport(as name: String = "sample.txt") throws {
        try FileManager.default.copyItem(at: IndexFixture.sampleReport, to: corpus.appendingPathComponent(name))
    }

    @discardableResult
    func build(maxFileBytes: Int? = nil, rebuild: Bool = false) throws -> IndexReport {
        let store = try IndexStore.openForWriting(directory: index)
        var indexer = Indexer(store: store)
        if let m = maxFileBytes { indexer.maxFileBytes = m }
        indexer.rebuild = rebuild
        return try indexer.run(roots: [corpus])
    }

    func engine() throws -> Engine { try Engine(indexDirectory: index) }
}
