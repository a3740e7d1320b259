/// The answer to a search.
public struct SearchResponse: Sendable, JSONWritable {
    public var query: String
    public var tokens: [String]
    public var total: Int
    public var totalExact: Bool
    public var offset: Int
    public var limit: Int
    public var timedOut: Bool
    /// False when no passage holds every term and the hits are those holding the most of them.
    public var matchedAll: Bool
    public var warnings: [String]
    public var hits: [Hit]
    public var tookMs: Double

    public init(query: String, tokens: [String], total: Int, totalExact: Bool, offset: Int, limit: Int, timedOut: Bool,
                matchedAll: Bool, warnings: [String], hits: [Hit], tookMs: Double) {
        self.query = query; self.tokens = tokens; self.total = total; self.totalExact = totalExact; self.offset = offset
        self.limit = limit; self.timedOut = timedOut; self.matchedAll = matchedAll; self.warnings = warnings; self.hits = hits
        self.tookMs = tookMs
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("query", query)
        w.field("tokens", tokens)
        w.field("total", total)
        w.field("total_exact", totalExact)
        w.field("offset", offset)
        w.field("limit", limit)
        w.field("timed_out", timedOut)
        w.field("matched_all", matchedAll)
        w.field("warnings", warnings)
        w.key("hits")
        w.beginArray()
        for h in hits { h.write(to: &w) }
        w.endArray()
        w.endObject()
    }

    /// The closing record of `--format jsonl`.
    public func writeSummary(to w: inout JSONWriter) {
        w.beginObject()
        w.field("total", total)
        w.field("total_exact", totalExact)
        w.field("took_ms", tookMs, digits: 2)
        w.field("timed_out", timedOut)
        w.field("matched_all", matchedAll)
        w.endObject()
    }
}

extension SearchResponse: Decodable {
    enum CodingKeys: String, CodingKey {
        case query, tokens, total, totalExact = "total_exact", offset, limit, timedOut = "timed_out", matchedAll = "matched_all"
        case warnings, hits
    }

    /// Reads what ``write(to:)`` writes; `tookMs` is not part of it (0: a server sends it in the envelope).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(query: try c.decode(String.self, forKey: .query), tokens: try c.decode([String].self, forKey: .tokens),
                  total: try c.decode(Int.self, forKey: .total), totalExact: try c.decode(Bool.self, forKey: .totalExact),
                  offset: try c.decode(Int.self, forKey: .offset), limit: try c.decode(Int.self, forKey: .limit),
                  timedOut: try c.decode(Bool.self, forKey: .timedOut), matchedAll: try c.decode(Bool.self, forKey: .matchedAll),
                  warnings: try c.decode([String].self, forKey: .warnings), hits: try c.decode([Hit].self, forKey: .hits), tookMs: 0)
    }
}
