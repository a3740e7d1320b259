/// One passage of a document, as `zhiku doc` shows it.
public struct PassageRecord: Sendable, JSONWritable {
    public var number: Int
    public var heading: [String]
    public var text: String
    public var start: Int
    public var end: Int
    public var entitiesJSON: String?

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("passage", number)
        w.field("heading", heading)
        w.field("start", start)
        w.field("end", end)
        w.field("text", text)
        if let entitiesJSON { w.key("entities"); w.raw(entitiesJSON) }
        w.endObject()
    }
}

extension PassageRecord: Decodable {
    enum CodingKeys: String, CodingKey {
        case passage, heading, start, end, text, entities
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(Int.self, forKey: .passage)
        heading = try c.decode([String].self, forKey: .heading)
        start = try c.decode(Int.self, forKey: .start)
        end = try c.decode(Int.self, forKey: .end)
        text = try c.decode(String.self, forKey: .text)
        entitiesJSON = try c.decodeEntitiesJSON(forKey: .entities)
    }
}
