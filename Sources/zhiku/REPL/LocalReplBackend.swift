import Foundation
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
        let r = try engine.facts(question, limit: limit)
        return ReplOutput(json: r.json, text: { FactsCommand.text(r, color: $0) }, found: !r.answers.isEmpty)
    }

    func entities(_ arg: String) throws -> ReplOutput {
        if arg.isEmpty {
            let json = try engine.knowledgeBase(limit: 30).json
            return ReplOutput(json: json, text: { _ in ReplText.knowledgeBase(json) })
        }
        do {
            let g = try engine.entities(documentID: arg)
            return ReplOutput(json: g.json, text: { _ in EntitiesCommand.text(g) })
        } catch let e as ZhikuError where e.code == .notFound {
            let json = engine.entities(text: arg)
            return ReplOutput(json: json, text: { _ in EntitiesCommand.textOfExtract(json) + "\n" })
        }
    }

    func document(id: String, passage: Int?) throws -> ReplOutput {
        let json = try engine.document(id: id, passage: passage, length: Int.max / 2).json
        return ReplOutput(json: json, text: { ReplText.document(json, onePassage: passage != nil, color: $0) })
    }

    func stats() throws -> ReplOutput {
        let json = try engine.stats().json
        return ReplOutput(json: json, text: { _ in ReplText.stats(json) })
    }

    func entityNames() throws -> [String] {
        ReplText.names(ofKnowledgeBase: try engine.knowledgeBase(limit: 200).json)
    }

    func cancel() {}
}
