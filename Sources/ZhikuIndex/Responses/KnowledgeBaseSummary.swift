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

extension KnowledgeBaseSummary: Decodable {
    enum CodingKeys: String, CodingKey { case organizations, platforms }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        organizations = try c.decode([Org].self, forKey: .organizations)
        platforms = try c.decode([Platform].self, forKey: .platforms)
    }
}

extension KnowledgeBaseSummary.Org: Decodable {}

extension KnowledgeBaseSummary.Platform: Decodable {
    enum CodingKeys: String, CodingKey { case name, aliases, doc, heading, passages, facts }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        aliases = try c.decode([String].self, forKey: .aliases)
        doc = try c.decode(String.self, forKey: .doc)
        heading = try c.decode(String.self, forKey: .heading)
        let pair = try c.decode([Int].self, forKey: .passages)
        guard pair.count == 2, pair[0] <= pair[1] else {
            throw DecodingError.dataCorruptedError(forKey: .passages, in: c, debugDescription: "not a [first, last] pair: \(pair)")
        }
        passages = pair[0]...pair[1]
        facts = try c.decode(Int.self, forKey: .facts)
    }
}
