import ZhikuIndex

extension RemoteSearchResponse {
    /// The reply as the local engine's ``SearchResponse``, so that `zhiku search --server` prints
    /// exactly what a local search prints, in every format.
    public var localResponse: SearchResponse {
        SearchResponse(query: query, tokens: tokens, total: total, totalExact: totalExact, offset: offset, limit: limit,
                       timedOut: timedOut, matchedAll: matchedAll, warnings: warnings,
                       hits: hits.map { h in
                           Hit(rank: h.rank, doc: h.doc, title: h.title, passage: h.passage, heading: h.heading, text: h.text,
                               score: h.score, snippet: h.snippet, hl: h.hl, marked: h.marked, entitiesJSON: h.entitiesJSON)
                       },
                       tookMs: tookMs)
    }
}
