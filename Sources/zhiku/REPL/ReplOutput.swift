import Foundation
import ZhikuExtract
import ZhikuIndex
import ZhikuServer

/// What the REPL prints for `:facts`, `:ent`, `:doc` and `:stats`: the `data` object as JSON (what
/// `--format json` and the server's reply carry) and a text rendering for pretty/table modes.
/// Built the same way from the local engine's answer and from a server's (decoded), through the
/// renderers `zhiku facts`, `zhiku entities`, `zhiku doc` and `zhiku stats` print with.
struct ReplOutput {
    var json: String
    var text: (_ color: Bool) -> String
    /// Whether something was answered (counts towards the batch exit status).
    var found = true

    static func facts(_ r: FactsResponse) -> ReplOutput {
        ReplOutput(json: r.json, text: { FactsText.render(r, color: $0) }, found: !r.answers.isEmpty)
    }

    static func knowledgeBase(_ kb: KnowledgeBaseSummary) -> ReplOutput {
        ReplOutput(json: kb.json, text: { _ in EntitiesText.knowledgeBase(kb) })
    }

    static func groups(_ g: EntityGroups) -> ReplOutput {
        ReplOutput(json: g.json, text: { _ in EntitiesText.groups(g) })
    }

    static func extracted(_ e: Entities) -> ReplOutput {
        ReplOutput(json: EntityJSON.entities(e), text: { _ in EntitiesText.extracted(e) + "\n" })
    }

    static func document(_ d: DocumentResponse, onePassage: Bool) -> ReplOutput {
        ReplOutput(json: d.json, text: { DocumentText.render(d, onePassage: onePassage, color: $0) })
    }

    static func stats(_ s: StatsResponse) -> ReplOutput {
        ReplOutput(json: s.json, text: { _ in StatsText.render(s) })
    }
}
