import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

extension Engine {
    /// Entities of any text, as `zhiku extract` prints them (`{figures, dates, orgs}`).
    public func entities(text: String, documentDate: String? = nil) -> String {
        extractor.entitiesJSON(passage: text, documentDate: documentDate, context: nil)
    }

    /// Entities of an indexed document, grouped: each figure, date and organization with its mentions.
    public func entities(documentID: String) throws -> EntityGroups {
        let d = try document(id: documentID)
        var figures: [String: EntityGroups.Entry] = [:], dates: [String: EntityGroups.Entry] = [:], orgs: [String: EntityGroups.Entry] = [:]
        var order: [String] = []
        let context = try store.read { db in try String.fetchOne(db, sql: "SELECT context FROM document WHERE path = ?", arguments: [documentID]) }
        let aliases = ExtractionKnowledge.decodeAliases(context)
        let x = Extractor(documentDate: d.date.flatMap { SimpleDate(lenient: $0) }, referenceYear: ExtractionKnowledge.referenceYear(fromContext: context))
        for p in d.passages {
            let e = x.extract(p.text, aliases: aliases)
            for f in e.figures {
                let key = "\(f.kind)|\(f.value)|\(f.unit)|\(f.surface)"
                if figures[key] == nil { order.append("f" + key); figures[key] = .init(name: f.surface, figure: f, mentions: []) }
                figures[key]!.mentions.append(.init(passage: p.number, start: f.start, end: f.end))
            }
            for t in e.dates {
                let key = "\(t.value)|\(t.granularity)|\(t.mod ?? "")|\(t.surface)"
                if dates[key] == nil { order.append("d" + key); dates[key] = .init(name: t.surface, date: t, mentions: []) }
                dates[key]!.mentions.append(.init(passage: p.number, start: t.start, end: t.end))
            }
            for o in e.orgs {
                let name = o.canonical ?? aliases.canonical(for: o.surface) ?? o.surface
                if orgs[name] == nil { order.append("o" + name); orgs[name] = .init(name: name, mentions: []) }
                orgs[name]!.mentions.append(.init(passage: p.number, start: o.start, end: o.end))
            }
        }
        func ordered(_ prefix: Character, _ dict: [String: EntityGroups.Entry]) -> [EntityGroups.Entry] {
            order.filter { $0.first == prefix }.compactMap { dict[String($0.dropFirst())] }
        }
        return EntityGroups(doc: documentID, figures: ordered("f", figures), dates: ordered("d", dates),
                            orgs: ordered("o", orgs).sorted { $0.mentions.count > $1.mentions.count })
    }

    /// Organizations of the whole index by mentions, and the platforms found in its documents.
    public func knowledgeBase(limit: Int = 50) throws -> KnowledgeBaseSummary {
        try store.read { db in
            let orgs = try Row.fetchAll(db, sql: """
                SELECT name, sum(mentions) AS m, count(DISTINCT document_id) AS d FROM organization GROUP BY name ORDER BY m DESC, name LIMIT ?
                """, arguments: [limit]).map { KnowledgeBaseSummary.Org(name: $0["name"], mentions: $0["m"], docs: $0["d"]) }
            let platforms = try Row.fetchAll(db, sql: """
                SELECT pl.name, pl.aliases, pl.heading, d.path,
                       (SELECT number FROM passage WHERE id = pl.first_passage) AS first,
                       (SELECT number FROM passage WHERE id = pl.last_passage) AS last,
                       (SELECT count(*) FROM fact WHERE passage_id BETWEEN pl.first_passage AND pl.last_passage) AS facts
                FROM platform pl JOIN document d ON d.id = pl.document_id ORDER BY d.path, pl.first_passage LIMIT ?
                """, arguments: [limit]).map { r -> KnowledgeBaseSummary.Platform in
                    let aliases = (try? JSONDecoder().decode([String].self, from: Data((r["aliases"] as String).utf8))) ?? []
                    return KnowledgeBaseSummary.Platform(name: r["name"], aliases: aliases, doc: r["path"], heading: r["heading"],
                                                         passages: (r["first"] as Int)...(r["last"] as Int), facts: r["facts"])
                }
            return KnowledgeBaseSummary(organizations: orgs, platforms: platforms)
        }
    }
}
