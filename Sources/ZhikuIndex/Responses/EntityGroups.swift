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

extension EntityGroups: Decodable {
    enum CodingKeys: String, CodingKey { case doc, figures, dates, orgs }
    enum EntryKeys: String, CodingKey {
        case name, surface, value, valueMax = "value_max", unit, kind, approx, granularity, mod, mentions
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        doc = try c.decodeIfPresent(String.self, forKey: .doc)
        figures = try EntityGroups.entries(c, .figures) { e in
            let surface = try e.decode(String.self, forKey: .surface)
            let f = Figure(surface: surface, start: 0, end: 0, value: try e.decode(Double.self, forKey: .value),
                           valueMax: try e.decodeIfPresent(Double.self, forKey: .valueMax), unit: try e.decode(String.self, forKey: .unit),
                           kind: try e.decode(String.self, forKey: .kind), approx: try e.decodeIfPresent(String.self, forKey: .approx))
            return Entry(name: surface, figure: f, mentions: [])
        }
        dates = try EntityGroups.entries(c, .dates) { e in
            let surface = try e.decode(String.self, forKey: .surface)
            let d = DateMention(surface: surface, start: 0, end: 0, value: try e.decode(String.self, forKey: .value),
                                granularity: try e.decode(String.self, forKey: .granularity), mod: try e.decodeIfPresent(String.self, forKey: .mod))
            return Entry(name: surface, date: d, mentions: [])
        }
        orgs = try EntityGroups.entries(c, .orgs) { e in Entry(name: try e.decode(String.self, forKey: .name), mentions: []) }
    }

    /// The entries of one group: `entry` reads what is particular to the group, then the mentions.
    private static func entries(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys,
                                _ entry: (KeyedDecodingContainer<EntryKeys>) throws -> Entry) throws -> [Entry] {
        var list = try c.nestedUnkeyedContainer(forKey: key)
        var out: [Entry] = []
        while !list.isAtEnd {
            let e = try list.nestedContainer(keyedBy: EntryKeys.self)
            var item = try entry(e)
            item.mentions = try e.decode([Mention].self, forKey: .mentions)
            out.append(item)
        }
        return out
    }
}

extension EntityGroups.Mention: Decodable {}
