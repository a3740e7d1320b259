import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

/// Entities grouped by type, each entry with its count and its mentions (`zhiku entities --doc`).
public struct EntityGroups: Sendable, JSONWritable {
    public struct Mention: Sendable { public var passage: Int; public var start: Int; public var end: Int }
    public struct Entry: Sendable {
        /// The figure's or date's surface, or the organization's canonical name.
        public var name: String
        /// The first mention's record, for figures and dates (its offsets are per mention, below).
        public var figure: Figure? = nil
        public var date: DateMention? = nil
        public var mentions: [Mention]
    }
    public var doc: String?
    public var figures: [Entry]
    public var dates: [Entry]
    public var orgs: [Entry]

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        if let doc { w.field("doc", doc) }
        for (key, entries) in [("figures", figures), ("dates", dates), ("orgs", orgs)] {
            w.key(key)
            w.beginArray()
            for e in entries {
                w.beginObject()
                if let f = e.figure {
                    w.field("surface", f.surface)
                    w.field("value", f.value, digits: 6)
                    if let m = f.valueMax { w.field("value_max", m, digits: 6) }
                    w.field("unit", f.unit)
                    w.field("kind", f.kind)
                    w.field("approx", f.approx)
                } else if let d = e.date {
                    w.field("surface", d.surface)
                    w.field("value", d.value)
                    w.field("granularity", d.granularity)
                    if let m = d.mod { w.field("mod", m) }
                } else {
                    w.field("name", e.name)
                }
                w.field("count", e.mentions.count)
                w.key("mentions")
                w.beginArray()
                for m in e.mentions {
                    w.beginObject(); w.field("passage", m.passage); w.field("start", m.start); w.field("end", m.end); w.endObject()
                }
                w.endArray()
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }
}

/// The knowledge base's organizations and platforms (`zhiku entities` with no argument).
public struct KnowledgeBaseSummary: Sendable, JSONWritable {
    public struct Org: Sendable { public var name: String; public var mentions: Int; public var docs: Int }
    public struct Platform: Sendable {
        public var name: String; public var aliases: [String]; public var doc: String; public var heading: String
        public var passages: ClosedRange<Int>; public var facts: Int
    }
    public var organizations: [Org]
    public var platforms: [Platform]

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("organizations")
        w.beginArray()
        for o in organizations {
            w.beginObject(); w.field("name", o.name); w.field("mentions", o.mentions); w.field("docs", o.docs); w.endObject()
        }
        w.endArray()
        w.key("platforms")
        w.beginArray()
        for p in platforms {
            w.beginObject()
            w.field("name", p.name); w.field("aliases", p.aliases); w.field("doc", p.doc); w.field("heading", p.heading)
            w.key("passages"); w.beginArray(); w.int(p.passages.lowerBound); w.int(p.passages.upperBound); w.endArray()
            w.field("facts", p.facts)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}

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
        let x = Extractor(documentDate: d.date.flatMap { SimpleDate(iso: $0) })
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
                    let aliases = (try? JSONSerialization.jsonObject(with: Data((r["aliases"] as String).utf8))) as? [String] ?? []
                    return KnowledgeBaseSummary.Platform(name: r["name"], aliases: aliases, doc: r["path"], heading: r["heading"],
                                                         passages: (r["first"] as Int)...(r["last"] as Int), facts: r["facts"])
                }
            return KnowledgeBaseSummary(organizations: orgs, platforms: platforms)
        }
    }
}
