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
