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
