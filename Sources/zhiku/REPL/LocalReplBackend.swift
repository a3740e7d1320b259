import Foundation
import ZhikuExtract
import ZhikuIndex
import ZhikuServer

/// The in-process engine, following its index folder (deleted and indexed again: the new one).
final class LocalReplBackend: ReplBackend {
    let slot: EngineSlot
    var engine: Engine { slot.current() }
    let directory: String

    init(engine: Engine, directory: String) {
        slot = EngineSlot(engine: engine)
        self.directory = directory
    }

    /// Opens the index in `directory` (which must exist: `:local` never builds one).
    convenience init(directory: String) throws {
        let url = URL(fileURLWithPath: (directory as NSString).expandingTildeInPath)
        guard FileManager.default.fileExists(atPath: IndexStore.databaseURL(in: url).path) else {
            throw ZhikuError(.io, "no index in \(directory) (build one with `zhiku index CORPUS --index \(directory)`)")
        }
        self.init(engine: try Engine(indexDirectory: url, extractor: Annotation.default), directory: directory)
    }

    var label: String { "index \(directory)" }
    var promptTag: String? { nil }

    func search(_ query: String, options: SearchOptions) throws -> SearchResponse {
        try engine.search(query, options: options)
    }

    func facts(_ question: String, limit: Int) throws -> ReplOutput {
        .facts(try engine.facts(question, limit: limit))
    }

    func entities(_ arg: String) throws -> ReplOutput {
        if arg.isEmpty { return .knowledgeBase(try engine.knowledgeBase(limit: 30)) }
        do {
            return .groups(try engine.entities(documentID: arg))
        } catch let e as ZhikuError where e.code == .notFound {
            return .extracted(try JSONDecoder().decode(Entities.self, from: Data(engine.entities(text: arg).utf8)))
        }
    }

    func document(id: String, passage: Int?) throws -> ReplOutput {
        .document(try engine.document(id: id, passage: passage, length: Int.max / 2), onePassage: passage != nil)
    }

    func stats() throws -> ReplOutput {
        .stats(try engine.stats())
    }

    func entityNames() throws -> [String] {
        EntitiesText.names(try engine.knowledgeBase(limit: 200))
    }

    func cancel() {}
}
