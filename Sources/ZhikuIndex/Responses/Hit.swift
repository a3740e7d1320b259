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

extension Hit: Decodable {
    enum CodingKeys: String, CodingKey {
        case rank, doc, title, passage, heading, text, score, snippet, hl, marked, entities
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rank: try c.decode(Int.self, forKey: .rank), doc: try c.decode(String.self, forKey: .doc),
                  title: try c.decode(String.self, forKey: .title), passage: try c.decode(Int.self, forKey: .passage),
                  heading: try c.decode([String].self, forKey: .heading), text: try c.decode(String.self, forKey: .text),
                  score: try c.decode(Double.self, forKey: .score), snippet: try c.decode(String.self, forKey: .snippet),
                  hl: try c.decodeRanges(forKey: .hl), marked: try c.decodeIfPresent(String.self, forKey: .marked),
                  entitiesJSON: try c.decodeEntitiesJSON(forKey: .entities))
    }
}
