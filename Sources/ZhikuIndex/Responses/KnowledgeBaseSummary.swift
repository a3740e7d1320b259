import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

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
