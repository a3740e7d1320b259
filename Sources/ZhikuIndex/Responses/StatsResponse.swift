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
    /// Documents by profile kind (政府工作报告, 条例 …; `-` for none) and by place level.
    public var kinds: [(String, Int)] = []
    public var placeLevels: [(String, Int)] = []
    /// The earliest and latest year documents report on.
    public var reportYears: ClosedRange<Int>? = nil
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
        w.key("profiles")
        w.beginObject()
        w.key("kinds"); w.beginObject(); for (k, n) in kinds { w.field(k, n) }; w.endObject()
        w.key("place_levels"); w.beginObject(); for (k, n) in placeLevels { w.field(k, n) }; w.endObject()
        w.key("report_years")
        if let r = reportYears { w.beginArray(); w.int(r.lowerBound); w.int(r.upperBound); w.endArray() } else { w.null() }
        w.endObject()
        for (k, v) in extra { w.field(k, v, digits: 3) }
        w.endObject()
    }
}
