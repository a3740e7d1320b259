import ZhikuExtract

/// A document, or a slice of it.
public struct DocumentResponse: Sendable, JSONWritable {
    public var doc: String
    public var title: String
    public var source: String?
    public var date: String?
    public var encoding: String?
    public var passageCount: Int
    public var passages: [PassageRecord]
    /// The requested text (whole document body or one passage, cut to `from`/`len`).
    public var text: String
    public var from: Int
    public var len: Int
    public var more: Bool
    /// What the document is (place, years, kind, names); nil for an index without profiles.
    public var profile: DocumentProfile?

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("doc", doc)
        w.field("title", title)
        w.key("meta")
        w.beginObject()
        w.field("source", source)
        w.field("date", date)
        w.field("encoding", encoding)
        w.endObject()
        w.field("passage_count", passageCount)
        w.key("passages")
        w.beginArray()
        for p in passages { p.write(to: &w) }
        w.endArray()
        w.field("text", text)
        w.field("from", from)
        w.field("len", len)
        w.field("more", more)
        if let profile {
            w.key("profile")
            profile.write(to: &w)
        }
        w.endObject()
    }
}
