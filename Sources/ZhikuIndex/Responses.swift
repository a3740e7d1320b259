/// The data objects of `docs/interface.md`: what `--format json` prints and what the server's
/// replies carry in `data`. Each writes itself through ``JSONWriter`` so key order is stable.
public protocol JSONWritable {
    func write(to w: inout JSONWriter)
}

extension JSONWritable {
    /// Compact JSON on one line.
    public var json: String {
        var w = JSONWriter()
        write(to: &w)
        return w.output
    }
}

/// JSON that is already encoded, passed through as a `data` object.
public struct RawJSON: JSONWritable, Sendable {
    public var json: String
    public init(_ json: String) { self.json = json }
    public func write(to w: inout JSONWriter) { w.raw(json) }
}

/// One ranked passage.
public struct Hit: Sendable, JSONWritable {
    public var rank: Int
    /// Document id: its path relative to the indexed folder.
    public var doc: String
    public var title: String
    /// Passage number in the document (1-based).
    public var passage: Int
    /// Heading path, outermost first.
    public var heading: [String]
    /// The whole passage.
    public var text: String
    /// Relevance (BM25, higher is better).
    public var score: Double
    public var snippet: String
    /// Highlights in code points of `snippet`.
    public var hl: [Range<Int>]
    /// `snippet` with the requested marks around highlights, when marks were asked for.
    public var marked: String?
    /// `{figures, dates, orgs}` of the passage (JSON).
    public var entitiesJSON: String?

    public init(rank: Int, doc: String, title: String, passage: Int, heading: [String], text: String, score: Double,
                snippet: String, hl: [Range<Int>], marked: String? = nil, entitiesJSON: String? = nil) {
        self.rank = rank; self.doc = doc; self.title = title; self.passage = passage; self.heading = heading; self.text = text
        self.score = score; self.snippet = snippet; self.hl = hl; self.marked = marked
        self.entitiesJSON = entitiesJSON
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("rank", rank)
        w.field("doc", doc)
        w.field("title", title)
        w.field("passage", passage)
        w.field("heading", heading)
        w.field("text", text)
        w.field("score", score)
        w.field("snippet", snippet)
        w.field("hl", ranges: hl)
        if let marked { w.field("marked", marked) }
        if let entitiesJSON { w.key("entities"); w.raw(entitiesJSON) }
        w.endObject()
    }
}

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
        w.endObject()
    }
}

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
