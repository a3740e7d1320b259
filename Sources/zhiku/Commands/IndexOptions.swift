import ArgumentParser
import Foundation
import ZhikuIndex

/// Options every command that reads an index takes.
struct IndexOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Index folder.", valueName: "DIR"))
    var index: String = "index"

    var indexURL: URL { URL(fileURLWithPath: index) }

    /// Opens the index; for the default location, builds it from `corpus/` first if there is none.
    func openEngine() throws -> Engine {
        let url = indexURL
        if index == "index", !FileManager.default.fileExists(atPath: IndexStore.databaseURL(in: url).path),
           FileManager.default.fileExists(atPath: "corpus") {
            Terminal.note("no index yet: indexing corpus/ into index/ first")
            let store = try IndexStore.openForWriting(directory: url, whileWaiting: Terminal.waitingForWriter(url.path))
            _ = try Indexer(store: store, extractor: Annotation.default).run(roots: [URL(fileURLWithPath: "corpus")])
        }
        return try Engine(indexDirectory: url, extractor: Annotation.default)
    }
}
