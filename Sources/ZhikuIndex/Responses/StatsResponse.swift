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

extension StatsResponse: Decodable {
    enum CodingKeys: String, CodingKey {
        case docs, passages, terms, chars, textBytes = "text_bytes", indexBytes = "index_bytes", builtAt = "built_at"
        case schemaVersion = "schema_version", profiles
    }

    enum ProfileKeys: String, CodingKey { case kinds, placeLevels = "place_levels", reportYears = "report_years" }

    /// The server's fields after the index's own, in the order it writes them.
    public static let serverFields = ["uptime_s", "clients", "commands_total", "errors_total", "p50_ms", "p99_ms",
                                      "cache_entries", "cache_bytes", "cache_hits", "cache_misses"]

    /// Reads what ``write(to:)`` writes; numbers after the index's own go to ``extra`` (the
    /// server's in their order, then any other in the order of their names).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        docs = try c.decode(Int.self, forKey: .docs)
        passages = try c.decode(Int.self, forKey: .passages)
        terms = try c.decode(Int.self, forKey: .terms)
        chars = try c.decode(Int.self, forKey: .chars)
        textBytes = try c.decode(Int.self, forKey: .textBytes)
        indexBytes = try c.decode(Int.self, forKey: .indexBytes)
        builtAt = try c.decodeIfPresent(String.self, forKey: .builtAt)
        schemaVersion = try c.decode(Int.self, forKey: .schemaVersion)
        if c.contains(.profiles) {
            let p = try c.nestedContainer(keyedBy: ProfileKeys.self, forKey: .profiles)
            kinds = try StatsResponse.counts(p.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .kinds))
            placeLevels = try StatsResponse.counts(p.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .placeLevels))
            if let years = try p.decodeIfPresent([Int].self, forKey: .reportYears), years.count == 2, years[0] <= years[1] {
                reportYears = years[0]...years[1]
            }
        }
        let all = try decoder.container(keyedBy: AnyCodingKey.self)
        let own = Set(["docs", "passages", "terms", "chars", "text_bytes", "index_bytes", "built_at", "schema_version", "profiles"])
        let others = all.allKeys.map(\.stringValue).filter { !own.contains($0) }
        let ordered = StatsResponse.serverFields.filter(others.contains) + others.filter { !StatsResponse.serverFields.contains($0) }.sorted()
        extra = try ordered.map { ($0, try all.decode(Double.self, forKey: AnyCodingKey($0))) }
    }

    /// An object of counts, in the order the engine writes them: most first, then by name (a
    /// decoder does not promise to keep the order of an object's keys).
    private static func counts(_ c: KeyedDecodingContainer<AnyCodingKey>) throws -> [(String, Int)] {
        try c.allKeys.map { ($0.stringValue, try c.decode(Int.self, forKey: $0)) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    }

    /// The value of a field in ``extra`` (`cache_hits`, `p50_ms`…).
    public func extra(_ key: String) -> Double? {
        extra.first { $0.0 == key }?.1
    }
}
