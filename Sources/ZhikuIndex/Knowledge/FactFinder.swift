import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

/// How a fact lookup runs.
public struct FactLookupOptions: Sendable {
    /// Answers to return (1…20).
    public var limit = 3
    /// Only facts whose attribute is or contains this.
    public var attribute: String? = nil
    /// Return every candidate with its feature vector (`candidates`), for fitting the weights.
    public var includeCandidates = false

    public init(limit: Int = 3, attribute: String? = nil) {
        self.limit = limit
        self.attribute = attribute
    }
}

/// Answers fact questions (issue 18): the documents the question names first
/// (``DocumentSelection``), then candidates from those documents only — stored facts in the
/// passages a search for the question's words finds and facts whose attribute the question names,
/// plus dates, ranks, organizations, people and document numbers found at query time — each scored
/// by ``FactModel`` on named ``FactFeature``s. A candidate must tie to the question by kind, by
/// document and by attribute or a relation cue, and reach the model's threshold; otherwise nothing
/// is answered, with the reason.
struct FactFinder {
    let store: IndexStore
    let searcher: Searcher
    let extractor: KnowledgeExtractor
    var model = FactModel.fitted

    /// Candidate passages taken from the keyword search.
    static let passagesSearched = 40
    /// The best passages scanned for answers that are not stored facts (dates, ranks, organizations).
    static let spanPassages = 12
    /// Words that name a kind of document, dropped from the search within the documents selected.
    static let documentWords = ["政府工作报告", "统计公报", "工作报告", "报告中", "报告里", "报告"]
    /// Fewer passages than this found by the question's words: search again with their bigrams
    /// (also when not every word was found, in the documents selected, or in all of them when the
    /// words found fewer than a full list).
    static let fewPassages = 5
    /// Most bigrams in the fall-back search (each is a group the relaxed search ranks passages by).
    static let fallbackGrams = 24
    /// A date asked of at most this many documents is looked for in their first and last passages too.
    static let edgeDocuments = 5
    /// Facts read per attribute the question names.
    static let attributeFacts = 500
    /// Coverage of the question's words a passage needs (with its headings and title).
    static let minimumCoverage = 0.3
    /// Proximity of the question's words that ties a figure to the question without its attribute.
    static let minimumProximity = 0.25

    func answer(_ text: String, options: FactLookupOptions) throws -> FactsResponse {
        let started = DispatchTime.now()
        let q = Question(text)
        var response = FactsResponse(question: text, expectedKind: q.expectedKind, subjects: q.subjects, keywords: q.searchTerms, answers: [], tookMs: 0)
        guard FactFinder.asksSomething(q, attribute: options.attribute) else {
            response.reason = "the question names nothing to look up (a figure, a date or what it is about)"
            response.tookMs = Searcher.ms(since: started)
            return response
        }
        // 1. The documents it is about.
        let (catalog, selection) = try store.read { db -> (DocumentCatalog.Snapshot, DocumentSelection) in
            let catalog = try store.catalog.current(db)
            return (catalog, try DocumentSelection(question: q, catalog: catalog, db: db))
        }
        response.documents = selection.constraints
        response.warnings = selection.warnings
        if let refusal = selection.refusal {
            response.reason = refusal
            response.tookMs = Searcher.ms(since: started)
            return response
        }
        let ranges: [ClosedRange<Int64>]? = selection.selected.map { ids in
            ids.compactMap { catalog.document($0)?.passages }.sorted { $0.lowerBound < $1.lowerBound }
        }
        // 2. The passages its words find in them.
        let passageRank = try search(q, within: ranges)
        // 3. Candidates and their features.
        var candidates: [FactCandidate] = []
        var passages: [Int64: FactCandidate.Passage] = [:]
        try store.read { db in
            candidates = try gather(q, options: options, passageRank: passageRank, selection: selection, catalog: catalog,
                                    passages: &passages, db: db)
        }
        let context = FeatureContext(question: q, selection: selection, catalog: catalog, passageRank: passageRank, attribute: options.attribute)
        var scored: [(FactCandidate, FactFeatures, Double)] = []
        var dump = JSONWriter()
        if options.includeCandidates { dump.beginArray() }
        for c in candidates {
            guard let p = passages[c.passageID], let doc = catalog.document(c.documentID) else { continue }
            guard let x = context.features(of: c, passage: p, document: doc) else { continue }
            let score = model.score(x)
            scored.append((c, x, score))
            if options.includeCandidates { FactFinder.writeCandidate(c, x, score: score, doc: doc, passage: p, to: &dump) }
        }
        if options.includeCandidates {
            dump.endArray()
            response.candidatesJSON = dump.output
        }
        scored.sort { a, b in
            a.2 != b.2 ? a.2 > b.2 : (a.0.documentID, a.0.passageID, a.0.start) < (b.0.documentID, b.0.passageID, b.0.start)
        }
        // 4. Answers: the best that reach the threshold, one per figure and passage.
        var seen = Set<String>()
        for (c, x, score) in scored where score >= model.threshold {
            let key = "\(c.passageID):\(c.start):\(c.end)"
            guard seen.insert(key).inserted, let p = passages[c.passageID], let doc = catalog.document(c.documentID) else { continue }
            let snippet = Snippet(text: p.body, highlights: [c.start..<c.end], length: 120)
            var a = FactAnswer(recordJSON: c.record.json, kind: c.kind, surface: c.surface, subject: c.subject, attribute: c.attribute,
                               date: c.date, confidence: c.confidence, score: score, doc: doc.path, title: doc.title,
                               passage: p.number, evidence: snippet.text, hl: snippet.highlights)
            a.why = model.why(x).map { FactAnswer.Reason(feature: $0.feature, value: $0.value, contribution: $0.contribution) }
            response.answers.append(a)
            if response.answers.count == options.limit { break }
        }
        if response.answers.isEmpty {
            response.reason = scored.isEmpty
                ? (candidates.isEmpty ? "no figure, date or name of the kind asked in the documents the question is about"
                   : "nothing ties to the question by kind, document and attribute")
                : "no candidate scores high enough (best \(String(format: "%.2f", scored[0].2)), threshold \(String(format: "%.2f", model.threshold)))"
        }
        response.tookMs = Searcher.ms(since: started)
        return response
    }

    /// Whether the question asks something: a kind, an attribute, or words besides places and years.
    static func asksSomething(_ q: Question, attribute: String?) -> Bool {
        if attribute != nil || q.expectedKind != nil { return true }
        let places = Set(q.places)
        return q.searchTerms.contains { t in !places.contains(t) && t.unicodeScalars.contains { CharClass.isCJK($0.value) } }
    }

    /// The passages a search for the question's words finds, best first (in the selected documents).
    func search(_ q: Question, within ranges: [ClosedRange<Int64>]?) throws -> [Int64: Int] {
        var passageRank: [Int64: Int] = [:]
        // Within the documents a question names, their names and places find nothing more.
        let names = q.namedDocuments.map(DocumentProfile.nameCore)
        var terms = (ranges == nil ? q.places : []) + q.subjects + q.searchTerms.filter { t in
            !names.contains { $0.contains(t) || t.contains($0) } && !(ranges != nil && q.places.contains(t))
        }
        // …nor the words that name their kind (政府工作报告安排 → 安排).
        if ranges != nil {
            terms = terms.map { t in FactFinder.documentWords.reduce(t) { $0.replacingOccurrences(of: $1, with: " ") } }
                .flatMap { $0.split(separator: " ").map(String.init) }.filter { $0.count >= 2 }
        }
        let searchText = terms.joined(separator: " ")
        guard !searchText.isEmpty else { return passageRank }
        if let ranges, ranges.isEmpty { return passageRank }
        var o = SearchOptions()
        o.limit = FactFinder.passagesSearched
        o.snippetLength = 10
        o.ranges = ranges
        let clipped = String(searchText.unicodeScalars.prefix(SearchOptions.maxQueryScalars))
        var (ids, matchedAll) = try searcher.rankedPassageIDs(clipped, options: o)
        if ids.count < FactFinder.fewPassages || (!matchedAll && (ranges != nil || ids.count < FactFinder.passagesSearched)) {
            // Long keywords rarely occur verbatim: search again with their bigrams, ranked by how many occur.
            // …and with their aliases (研发 → 研究开发, GDP → 国内生产总值).
            let grams = (terms + terms.flatMap(TermAliases.expansions(of:))).flatMap { t -> [String] in
                let c = Array(t)
                return c.count <= 3 ? [t] : (0..<(c.count - 1)).map { String(c[$0...$0 + 1]) }
            }
            var unique: [String] = []
            for g in grams where !unique.contains(g) && unique.count < FactFinder.fallbackGrams { unique.append(g) }
            let text = String(unique.joined(separator: " ").unicodeScalars.prefix(SearchOptions.maxQueryScalars))
            let more = try searcher.rankedPassageIDs(text, options: o).ids
            ids = matchedAll ? ids + more.filter { !ids.contains($0) } : more + ids.filter { !more.contains($0) }
        }
        for (i, id) in ids.prefix(FactFinder.passagesSearched).enumerated() { passageRank[id] = i }
        return passageRank
    }

    /// Writes one candidate of `--dump-features`: where it is, what it is, its features and score.
    static func writeCandidate(_ c: FactCandidate, _ x: FactFeatures, score: Double, doc: DocumentCatalog.Document,
                               passage: FactCandidate.Passage, to w: inout JSONWriter) {
        w.beginObject()
        w.field("doc", doc.path)
        w.field("passage", passage.number)
        w.field("kind", c.kind)
        w.field("surface", c.surface)
        w.key("record")
        w.raw(c.record.json)
        w.field("attribute", c.attribute)
        w.field("score", score, digits: 4)
        w.key("x")
        w.beginArray()
        for v in x.values { w.double(v, digits: 4) }
        w.endArray()
        w.endObject()
    }
}
