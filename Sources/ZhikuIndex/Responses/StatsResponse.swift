/// Counts and sizes of the index.
public struct StatsResponse: Sendable, JSONWritable {
    public var docs: Int
    public var passages: Int
    public var terms: Int
    public var chars: Int
    public var textBytes: Int
    public var indexBytes: Int
    public var builtAt: String?
    public var schemaVersion: Int
    /// Extra server fields (uptime, clients…), written after the index's own.
    public var extra: [(String, Double)] = []

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("docs", docs)
        w.field("passages", passages)
        w.field("terms", terms)
        w.field("chars", chars)
        w.field("text_bytes", textBytes)
        w.field("index_bytes", indexBytes)
        w.field("built_at", builtAt)
        w.field("schema_version", schemaVersion)
        for (k, v) in extra { w.field(k, v, digits: 3) }
        w.endObject()
    }
}
