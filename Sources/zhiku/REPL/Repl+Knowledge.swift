import Foundation
import ZhikuIndex

/// `:facts` and `:ent` in the REPL: the same engine calls as `zhiku facts` and `zhiku entities`.
extension ReplSession {
    func facts(_ question: String) {
        guard !question.isEmpty else { return fail("ERR_ARG", ":facts <question>") }
        switch runCancellable({ [engine] in try engine.facts(question, limit: min(self.limit, 20)) }) {
        case .done(let r):
            if mode == .json || mode == .jsonl { return emit(r.json + "\n") }
            emit(FactsCommand.text(r, color: color))
        case .failed(let e as ZhikuError): fail(e.code.rawValue, e.message)
        case .failed(let e): fail("ERR_INTERNAL", "\(e)")
        case .cancelled: emit("^C cancelled\n", page: false)
        }
    }

    /// `:ent <id>` for an indexed document, `:ent <text>` for any text, `:ent` for the knowledge base.
    func entities(_ arg: String) {
        if arg.isEmpty {
            switch runCancellable({ [engine] in try engine.knowledgeBase(limit: 30) }) {
            case .done(let kb):
                if mode == .json || mode == .jsonl { return emit(kb.json + "\n") }
                var out = "organizations (mentions · documents)\n"
                for o in kb.organizations { out += "  \(o.name)  \(o.mentions) · \(o.docs)\n" }
                out += "platforms\n"
                for p in kb.platforms {
                    out += "  \(p.name)" + (p.aliases.isEmpty ? "" : " (\(p.aliases.joined(separator: "、")))") + " · \(p.doc) · \(p.facts) facts\n"
                }
                emit(out)
            case .failed(let e as ZhikuError): fail(e.code.rawValue, e.message)
            case .failed(let e): fail("ERR_INTERNAL", "\(e)")
            case .cancelled: emit("^C cancelled\n", page: false)
            }
            return
        }
        switch runCancellable({ [engine] in try engine.entities(documentID: arg) }) {
        case .done(let g):
            emit(mode == .json || mode == .jsonl ? g.json + "\n" : EntitiesCommand.text(g))
        case .failed(let e as ZhikuError) where e.code == .notFound:
            let json = engine.entities(text: arg)
            emit(mode == .json || mode == .jsonl ? json + "\n" : EntitiesCommand.textOfExtract(json) + "\n")
        case .failed(let e as ZhikuError): fail(e.code.rawValue, e.message)
        case .failed(let e): fail("ERR_INTERNAL", "\(e)")
        case .cancelled: emit("^C cancelled\n", page: false)
        }
    }
}
