import ZhikuIndex

/// A search answer read back from a server reply: the fields of ``ZhikuIndex/SearchResponse``
/// and ``ZhikuIndex/Hit``, with each hit's `entities` kept as the exact JSON text, so that
/// `json` reproduces the server's `data` byte for byte.
public struct RemoteSearchResponse: Sendable, JSONWritable {
    public struct RemoteHit: Sendable {
        public var rank: Int
        public var doc: String
        public var title: String
        public var passage: Int
        public var heading: [String]
        public var text: String
        public var score: Double
        public var snippet: String
        public var hl: [Range<Int>]
        public var marked: String?
        public var entitiesJSON: String?
        /// Other fields the server sent, in order, as JSON text (kept for byte-exact output).
        public var extraFields: [(String, String)]
    }

    public var query: String
    public var tokens: [String]
    public var total: Int
    public var totalExact: Bool
    public var offset: Int
    public var limit: Int
    public var timedOut: Bool
    public var matchedAll: Bool
    public var warnings: [String]
    public var hits: [RemoteHit]
    /// The envelope's `took_ms` (server time).
    public var tookMs: Double
    /// `data` exactly as received.
    public var rawJSON: String

    /// Reads `data` of a SEARCH reply; `bytes` is the whole reply line it was parsed from.
    /// - throws: ``ZhikuError`` `.io` when a required field is missing.
    public init(data: JSONNode, bytes: [UInt8], tookMs: Double) throws {
        func need<T>(_ v: T?, _ name: String) throws -> T {
            guard let v else { throw ZhikuError(.io, "the server's SEARCH reply lacks \(name)") }
            return v
        }
        query = try need(data["query"]?.string, "query")
        tokens = data["tokens"]?.array?.compactMap(\.string) ?? []
        total = try need(data["total"]?.int, "total")
        totalExact = data["total_exact"]?.bool ?? true
        offset = data["offset"]?.int ?? 0
        limit = data["limit"]?.int ?? 10
        timedOut = data["timed_out"]?.bool ?? false
        matchedAll = data["matched_all"]?.bool ?? true
        warnings = data["warnings"]?.array?.compactMap(\.string) ?? []
        self.tookMs = tookMs
        rawJSON = JSONNode.raw(data, in: bytes)
        let known: Set<String> = ["rank", "doc", "title", "passage", "heading", "text", "score", "snippet", "hl", "marked", "entities"]
        hits = try (data["hits"]?.array ?? []).map { h in
            var extra: [(String, String)] = []
            if case .object(let fields) = h.kind {
                for (k, v) in fields where !known.contains(k) { extra.append((k, JSONNode.raw(v, in: bytes))) }
            }
            return RemoteHit(
                rank: try need(h["rank"]?.int, "rank"), doc: try need(h["doc"]?.string, "doc"),
                title: h["title"]?.string ?? "", passage: h["passage"]?.int ?? 0,
                heading: h["heading"]?.array?.compactMap(\.string) ?? [], text: h["text"]?.string ?? "",
                score: h["score"]?.double ?? 0, snippet: h["snippet"]?.string ?? "",
                hl: (h["hl"]?.array ?? []).compactMap { pair in
                    guard let a = pair.array, a.count == 2, let s = a[0].int, let e = a[1].int, s <= e else { return nil }
                    return s..<e
                },
                marked: h["marked"]?.string,
                entitiesJSON: h["entities"].map { JSONNode.raw($0, in: bytes) },
                extraFields: extra)
        }
    }

    /// The server's `data`, unchanged.
    public func write(to w: inout JSONWriter) {
        w.raw(rawJSON)
    }
}
