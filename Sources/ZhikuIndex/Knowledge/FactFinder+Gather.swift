import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

extension FactFinder {
    /// The candidates of a question, from the selected documents only: stored facts of the searched
    /// passages and of the attributes the question names; in the best passages, the dates, ranks,
    /// organizations and people the question's kind asks for; a document number from the profile.
    func gather(_ q: Question, options: FactLookupOptions, passageRank: [Int64: Int], selection: DocumentSelection,
                catalog: DocumentCatalog.Snapshot, passages: inout [Int64: FactCandidate.Passage], db: Database) throws -> [FactCandidate] {
        var candidates: [FactCandidate] = []
        var seenFacts = Set<Int64>()
        func inSelection(_ docID: Int64) -> Bool { selection.selected?.contains(docID) ?? true }
        func addFacts(_ rows: [Row]) throws {
            var kept: [(Row, Int64)] = []
            for r in rows {
                let id: Int64 = r[FactCandidate.Column.id.rawValue]
                let passageID: Int64 = r[FactCandidate.Column.passageID.rawValue]
                guard let doc = catalog.document(ofPassage: passageID), inSelection(doc.id), seenFacts.insert(id).inserted else { continue }
                if let attribute = options.attribute {
                    guard let a = r[FactCandidate.Column.attribute.rawValue] as String?, a.contains(attribute) else { continue }
                }
                kept.append((r, doc.id))
            }
            try loadPassages(kept.map { $0.0[FactCandidate.Column.passageID.rawValue] as Int64 }, into: &passages, db: db)
            for (r, docID) in kept { candidates.append(FactCandidate(row: r, documentID: docID)) }
        }
        if !passageRank.isEmpty {
            try addFacts(Row.fetchAll(db.cachedStatement(sql: "\(FactCandidate.factSelect) WHERE f.passage_id IN (SELECT value FROM json_each(?))"),
                                      arguments: [FactFinder.jsonArray(Array(passageRank.keys))]))
        }
        let attributes = try store.factAttributes.current(db)
        var names: [String] = []
        for term in options.attribute.map({ [$0] }) ?? q.searchTerms where term.count >= 2 {
            // A keyword that names an attribute, or an attribute inside a longer keyword (一期工程建筑面积 → 建筑面积).
            for n in FactAttributes.matching(term, in: attributes) where !names.contains(n) { names.append(n) }
        }
        if !names.isEmpty {
            try addFacts(Row.fetchAll(db.cachedStatement(sql: """
                \(FactCandidate.factSelect) WHERE f.attribute IN (SELECT value FROM json_each(?)) ORDER BY f.id LIMIT \(FactFinder.attributeFacts)
                """), arguments: [JSONWriter.array(names)]))
        }
        // Answers that are not stored facts, in the best passages.
        let best = passageRank.filter { $0.value < FactFinder.spanPassages }.sorted { $0.value < $1.value }.map(\.key)
        try loadPassages(best, into: &passages, db: db)
        for id in best {
            guard let p = passages[id], inSelection(p.documentID) else { continue }
            switch q.expectedKind {
            case "date"?:
                candidates += try dates(in: p, existing: candidates, catalog: catalog)
            case "org"?:
                candidates += organizations(in: p, verb: q.slotVerb)
            case "person"?:
                candidates += AnswerSpans.people(in: p.scalars).map { FactCandidate(span: $0, passage: p, confidence: 0.5) }
            default:
                break
            }
        }
        // A document's own dates (its 落款, the line under its title) for a date asked of few documents.
        if q.expectedKind == "date", let selected = selection.selected, selected.count <= FactFinder.edgeDocuments {
            for d in selected.compactMap({ catalog.document($0) }) {
                guard let r = d.passages else { continue }
                let count = r.upperBound - r.lowerBound + 1
                let edges = Array(Set((0..<min(count, 3)).map { r.lowerBound + $0 } + (0..<min(count, 3)).map { r.upperBound - $0 }))
                try loadPassages(edges, into: &passages, db: db)
                for id in edges.sorted() where !best.contains(id) {
                    guard let p = passages[id] else { continue }
                    candidates += try dates(in: p, existing: candidates, catalog: catalog)
                }
            }
        }
        if q.expectedKind == "document_number" {
            candidates += try documentNumbers(selection: selection, catalog: catalog, passages: &passages, db: db)
        }
        if q.expectedKind == "date", ["哪天", "哪一天", "日期", "几月几日", "几号"].contains(where: q.text.contains) {
            // A day is asked: a period (2018—2035年) does not answer.
            candidates.removeAll { $0.kind == "date" && ($0.date ?? "").contains("/") }
        }
        try addContext(to: &passages, candidates: candidates, catalog: catalog, db: db)
        return candidates
    }

    /// Every date in a passage not already a stored date fact (a date is often named before its
    /// event, unlinked: 2024年9月13日…通过…第二次修正).
    func dates(in p: FactCandidate.Passage, existing: [FactCandidate], catalog: DocumentCatalog.Snapshot) throws -> [FactCandidate] {
        let doc = catalog.document(p.documentID)
        let json = p.entities ?? extractor.entitiesJSON(passage: p.body, documentDate: doc?.date, context: nil)
        guard let obj = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [] }
        var out: [FactCandidate] = []
        for d in (obj["dates"] as? [[String: Any]]) ?? [] {
            guard let start = d["start"] as? Int, let end = d["end"] as? Int, let value = d["value"] as? String,
                  (d["granularity"] as? String) != "period" else { continue }
            if existing.contains(where: { $0.passageID == p.id && $0.start == start && $0.kind == "date" }) { continue }
            var w = JSONWriter()
            w.beginObject()
            for k in ["surface", "start", "end", "value", "granularity", "mod"] {
                if let v = d[k] as? String { w.field(k, v) } else if let v = d[k] as? Int { w.field(k, v) }
            }
            w.endObject()
            out.append(FactCandidate(passageID: p.id, documentID: p.documentID, kind: "date", attribute: nil, subject: nil, unit: nil,
                                     value: nil, date: value, surface: d["surface"] as? String ?? "", start: start, end: end,
                                     confidence: 0.4, record: .written(w.output)))
        }
        return out
    }

    /// The organizations of a passage (stored entities), the names in the slot of the question's
    /// verb (由X负责) and the units its heading lines name, as answers of kind `org`.
    func organizations(in p: FactCandidate.Passage, verb: String?) -> [FactCandidate] {
        var out: [FactCandidate] = []
        var spans = AnswerSpans.slots(in: p.scalars, verbs: verb.map { [$0] } ?? [])
        for h in AnswerSpans.headedUnits(in: p.scalars) where !spans.contains(where: { $0.start == h.start }) { spans.append(h) }
        if let json = p.entities, let obj = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] {
            for o in (obj["orgs"] as? [[String: Any]]) ?? [] {
                guard let s = o["surface"] as? String, let start = o["start"] as? Int, let end = o["end"] as? Int else { continue }
                if spans.contains(where: { $0.start == start && $0.end == end }) { continue }
                spans.append(AnswerSpans.Span(kind: "org", surface: s, start: start, end: end, value: nil, unit: nil))
            }
        }
        for s in spans { out.append(FactCandidate(span: s, passage: p, confidence: 0.5)) }
        return out
    }

    /// The 发文字号 of each selected document that has one, in the first passage that holds it.
    func documentNumbers(selection: DocumentSelection, catalog: DocumentCatalog.Snapshot,
                         passages: inout [Int64: FactCandidate.Passage], db: Database) throws -> [FactCandidate] {
        var out: [FactCandidate] = []
        let docs = selection.selected.map { ids in ids.compactMap { catalog.document($0) } } ?? []
        for d in docs.prefix(20) {
            guard let number = d.profile.documentNumber, let r = d.passages else { continue }
            let first = Array(r.lowerBound...min(r.upperBound, r.lowerBound + 9))
            try loadPassages(first, into: &passages, db: db)
            for id in first {
                guard let p = passages[id], let range = p.body.range(of: number) else { continue }
                let start = p.body.unicodeScalars.distance(from: p.body.unicodeScalars.startIndex, to: range.lowerBound)
                let span = AnswerSpans.Span(kind: "document_number", surface: number, start: start, end: start + number.unicodeScalars.count,
                                            value: nil, unit: nil)
                out.append(FactCandidate(span: span, passage: p, confidence: 0.8))
                break
            }
        }
        return out
    }

    /// For each candidate's passage: the tail of the passage before it (a sentence split between
    /// two passages), and whether it is one of its document's first or last three.
    func addContext(to passages: inout [Int64: FactCandidate.Passage], candidates: [FactCandidate], catalog: DocumentCatalog.Snapshot,
                    db: Database) throws {
        let ids = Set(candidates.map(\.passageID))
        var previous: [Int64] = []
        for id in ids {
            guard let p = passages[id], let r = catalog.document(p.documentID)?.passages else { continue }
            passages[id]?.atEdge = id - r.lowerBound < 3 || r.upperBound - id < 3
            if id > r.lowerBound { previous.append(id - 1) }
        }
        var before: [Int64: FactCandidate.Passage] = [:]
        try loadPassages(previous.filter { passages[$0] == nil }, into: &before, db: db)
        for id in previous {
            guard let prev = passages[id] ?? before[id] else { continue }
            passages[id + 1]?.prefix = Array(prev.scalars.suffix(FactCandidate.prefixLength))
        }
    }

    /// Reads the passages `ids` not read yet.
    func loadPassages(_ ids: [Int64], into passages: inout [Int64: FactCandidate.Passage], db: Database) throws {
        let missing = Array(Set(ids.filter { passages[$0] == nil }))
        guard !missing.isEmpty else { return }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT p.id, p.document_id, p.number, p.body, coalesce(h.path, ''), p.entities
            FROM passage p LEFT JOIN heading h ON h.id = p.heading_id WHERE p.id IN (SELECT value FROM json_each(?))
            """), arguments: [FactFinder.jsonArray(missing)])
        for r in rows {
            let body = StoredText.decode(r[3] as Data)
            let entities = (r[5] as Data?).map { data in data.withUnsafeBytes { EntityCodec.unpack($0) } }
            passages[r[0]] = FactCandidate.Passage(id: r[0], documentID: r[1], number: r[2], body: body, scalars: body.scalarValues,
                                                   heading: r[4], entities: entities)
        }
    }

    static func jsonArray(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }
}
