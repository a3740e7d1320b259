import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

/// The columns of ``FactFinder/factSelect``, by position: GRDB looks a column up by name with a
/// case-insensitive search on every access, which was a quarter of a fact lookup.
enum FactColumn: Int {
    case id, passageID, subject, attribute, kind, value, valueMax, unit, approx, date, granularity, mod, lowConfidence,
         surface, start, end, confidence, body, number, path, title, titleText, docDate
}

extension Row {
    subscript<Value: DatabaseValueConvertible>(_ column: FactColumn) -> Value { self[column.rawValue] }
}

/// Answers fact questions from the `fact` table: candidates come from the passages a search for
/// the question's keywords finds and from facts whose attribute names a keyword; each is scored on
/// kind (what the question asks for), attribute, subject (through aliases), year and passage
/// relevance. Nothing that fits → no answers, never a guess.
struct FactFinder {
    let store: IndexStore
    let searcher: Searcher
    let extractor: KnowledgeExtractor

    /// A fact with its passage and document, in the order of ``FactColumn``.
    static let factSelect = """
        SELECT f.id, f.passage_id, f.subject, f.attribute, f.kind, f.value, f.value_max, f.unit, f.approx, f.date, f.granularity, f.mod,
               f.low_confidence, f.surface, f.start, f."end", f.confidence, p.body, p.number, d.path, d.title, d.title_text, d.date
        FROM fact f JOIN passage p ON p.id = f.passage_id JOIN document d ON d.id = p.document_id
        """

    /// Candidate passages taken from the keyword search.
    static let passagesSearched = 40

    /// A candidate's record (extraction.md): written, or the row to write it from if it is answered.
    enum Record {
        case written(String)
        case row(Row)

        var json: String {
            switch self {
            case .written(let json): return json
            case .row(let r): return FactFinder.record(r)
            }
        }
    }

    /// A candidate before scoring.
    struct Candidate {
        var passageID: Int64
        var kind: String
        var attribute: String?
        var subject: String?
        var unit: String?
        var date: String?
        var surface: String
        var start: Int
        var end: Int
        var confidence: Double
        var record: Record
        var body: String
        var number: Int
        var doc: String
        var title: String
        var titleText: String
        var docDate: String?
    }

    func answer(_ text: String, limit: Int, attribute: String?) throws -> FactsResponse {
        let started = DispatchTime.now()
        let q = Question(text)
        var response = FactsResponse(question: text, expectedKind: q.expectedKind, subjects: q.subjects, keywords: q.searchTerms, answers: [], tookMs: 0)
        let searchText = (q.places + q.subjects + q.searchTerms).joined(separator: " ")
        var passageRank: [Int64: Int] = [:]
        if !searchText.isEmpty {
            var o = SearchOptions()
            o.limit = FactFinder.passagesSearched
            o.snippetLength = 10
            var (ids, matchedAll) = try searcher.rankedPassageIDs(searchText, options: o)
            if ids.count < 5 || !matchedAll {
                // Long keywords rarely occur verbatim: search again with their bigrams, ranked by how many occur.
                let grams = q.searchTerms.flatMap { t -> [String] in
                    let c = Array(t)
                    return c.count <= 3 ? [t] : (0..<(c.count - 1)).map { String(c[$0...$0 + 1]) }
                }
                let more = try searcher.rankedPassageIDs((q.places + q.subjects + grams).joined(separator: " "), options: o).ids
                // The bigram ranking is the better one when the keywords themselves did not all match.
                ids = matchedAll ? ids + more.filter { !ids.contains($0) } : more + ids.filter { !more.contains($0) }
            }
            for (i, id) in ids.prefix(FactFinder.passagesSearched).enumerated() { passageRank[id] = i }
        }
        let attributeTerms = attribute.map { [$0] } ?? q.searchTerms
        var candidates: [Candidate] = []
        try store.read { db in
            var seen = Set<Int64>()
            // A passage's text, decoded once for all its facts.
            var bodies: [Int64: String] = [:]
            let select = FactFinder.factSelect
            typealias C = FactColumn
            func add(_ r: Row) {
                guard seen.insert(r[C.id]).inserted else { return }
                let passageID: Int64 = r[C.passageID]
                let body = bodies[passageID] ?? StoredText.decode(r[C.body] as Data)
                bodies[passageID] = body
                candidates.append(Candidate(passageID: passageID, kind: r[C.kind], attribute: r[C.attribute], subject: r[C.subject],
                                            unit: r[C.unit], date: r[C.date], surface: r[C.surface], start: r[C.start], end: r[C.end],
                                            confidence: r[C.confidence], record: .row(r), body: body,
                                            number: r[C.number], doc: r[C.path], title: r[C.title] ?? r[C.path], titleText: r[C.titleText],
                                            docDate: r[C.docDate]))
            }
            if !passageRank.isEmpty {
                let list = passageRank.keys.map(String.init).joined(separator: ",")
                for r in try Row.fetchAll(db, sql: "\(select) WHERE f.passage_id IN (\(list))") { add(r) }
            }
            let attributes = try store.factAttributes.current(db)
            for term in attributeTerms where term.count >= 2 {
                // A keyword that names an attribute, or an attribute inside a longer keyword (一期工程建筑面积 → 建筑面积).
                let names = FactAttributes.matching(term, in: attributes)
                guard !names.isEmpty else { continue }
                var list = JSONWriter()
                list.beginArray()
                names.forEach { list.string($0) }
                list.endArray()
                for r in try Row.fetchAll(db, sql: """
                    \(select) WHERE f.attribute IN (SELECT value FROM json_each(?)) ORDER BY f.id LIMIT 500
                    """, arguments: [list.output]) { add(r) }
            }
            // Date questions: every date in the best passages, linked to an event or not.
            if q.expectedKind == "date" {
                let best = passageRank.filter { $0.value < 10 }.map { String($0.key) }.joined(separator: ",")
                if !best.isEmpty {
                    for r in try Row.fetchAll(db, sql: """
                        SELECT p.id, p.body, p.number, d.path, d.title, d.title_text, d.date AS docdate, d.context FROM passage p
                        JOIN document d ON d.id = p.document_id WHERE p.id IN (\(best))
                        """) {
                        let body = StoredText.decode(r["body"] as Data)
                        let json = try? JSONSerialization.jsonObject(with: Data(extractor.entitiesJSON(passage: body, documentDate: r["docdate"], context: r["context"]).utf8)) as? [String: Any]
                        for d in (json?["dates"] as? [[String: Any]]) ?? [] {
                            guard let start = d["start"] as? Int, let end = d["end"] as? Int, let value = d["value"] as? String else { continue }
                            if candidates.contains(where: { $0.passageID == r["id"] && $0.start == start }) { continue }
                            var w = JSONWriter(); w.beginObject()
                            for k in ["surface", "start", "end", "value", "granularity", "mod"] {
                                if let v = d[k] as? String { w.field(k, v) } else if let v = d[k] as? Int { w.field(k, v) }
                            }
                            w.endObject()
                            candidates.append(Candidate(passageID: r["id"], kind: "date", attribute: nil, subject: nil, unit: nil, date: value,
                                                        surface: d["surface"] as? String ?? "", start: start, end: end, confidence: 0.4,
                                                        record: .written(w.output), body: body, number: r["number"], doc: r["path"],
                                                        title: r["title"] ?? r["path"], titleText: r["title_text"], docDate: r["docdate"]))
                        }
                    }
                }
            }
        }
        let terms = (q.searchTerms + q.keywords).filter { $0.count >= 2 }
        var answers: [FactAnswer] = []
        let questionWords = (q.places + q.searchTerms).joined(separator: "|")
        var coverages: [Int64: Double] = [:]  // by passage: the same for all its facts
        for c in candidates {
            var score = 0.0
            // Kind: what the question asks for must be what the fact is.
            if let want = q.expectedKind {
                if c.kind == want {
                    score += 3
                } else if want == "land_area" && c.kind == "area" {
                    score += 1.5
                } else {
                    continue
                }
                if want == "count", let m = q.measureWord { score += c.unit == m ? 1 : -1 }
            }
            // Attribute: named in the question (longest match best), or sharing its characters.
            var attrScore = 0.0
            if let a = c.attribute, a.count >= 2 {
                if let explicit = attribute {
                    attrScore = a == explicit ? 4 : (a.contains(explicit) ? 3 : 0)
                } else if text.contains(a) {
                    attrScore = min(4, 1 + Double(a.count) * 0.5)
                } else if terms.contains(where: { a.contains($0) }) {
                    attrScore = 3
                } else {
                    attrScore = 3 * FactFinder.bigramOverlap(a, terms.joined())
                }
            }
            score += attrScore
            // Subject: the organization asked about.
            if !q.subjects.isEmpty {
                if let s = c.subject, q.subjects.contains(where: { s == $0 || s.contains($0) || $0.contains(s) }) { score += 2 } else { score -= 1 }
            }
            // Place: the document about it.
            if !q.places.isEmpty {
                score += q.places.contains(where: { c.titleText.contains($0) }) ? 2 : -1
            }
            if let y = q.year, let year = Int(y) {
                if let d = c.date, d.hasPrefix(y) { score += 1 }
                if c.titleText.contains(y) { score += 1 }
                if let dy = c.docDate.flatMap({ Int($0.prefix(4)) }), dy < year || dy > year + 2 { score -= 1 }
                // A report published in the year asked about, or the year after, reports on it.
                if let dy = c.docDate.flatMap({ Int($0.prefix(4)) }), dy == year || dy == year + 1 { score += 0.5 }
            }
            let rank = passageRank[c.passageID]
            if let rank { score += 3 * (1 - Double(rank) / Double(FactFinder.passagesSearched)) } else { score -= 2 }
            // Proximity: the figure right after the words of the question (…研发经费增长15.5%).
            score += 2 * FactFinder.proximity(of: c.start, in: c.body, question: text)
            if c.kind == "date" { score += 1.5 * FactFinder.proximity(after: c.end, in: c.body, question: text) }
            score += c.confidence
            // Something must tie the fact to the question beyond its kind.
            // Something must tie the fact to the question beyond its kind: a passage the question's
            // words found, or an attribute the question names outright.
            guard rank != nil || attrScore >= 3 else { continue }
            // …and the passage (with its title) must hold a good share of the question's words.
            let coverage = coverages[c.passageID] ?? FactFinder.bigramOverlap(questionWords, c.titleText + "|" + c.body)
            coverages[c.passageID] = coverage
            guard coverage >= 0.4 else { continue }
            score += 2 * coverage
            let snippet = Snippet(text: c.body, highlights: [c.start..<c.end], length: 120)
            answers.append(FactAnswer(recordJSON: c.record.json, kind: c.kind, surface: c.surface, subject: c.subject, attribute: c.attribute,
                                      date: c.date, confidence: c.confidence, score: score, doc: c.doc, title: c.title,
                                      passage: c.number, evidence: snippet.text, hl: snippet.highlights))
        }
        answers.sort { $0.score != $1.score ? $0.score > $1.score : ($0.doc, $0.passage) < ($1.doc, $1.passage) }
        response.answers = Array(answers.prefix(limit))
        response.tookMs = Searcher.ms(since: started)
        return response
    }

    /// How closely words of the question precede `start` in its sentence: for the longest piece of
    /// the question (2–6 characters) found in the 24 characters before the figure, its length share
    /// times its closeness (1 right before the figure, 0 at 24 characters).
    static func proximity(of start: Int, in body: String, question: String) -> Double {
        let s = body.scalarValues
        guard start <= s.count else { return 0 }
        var from = max(0, start - 24)
        if let stop = s[from..<start].lastIndex(where: { $0 == 0x3002 || $0 == 0xFF1B || $0 == 0x3B || $0 == 0xFF01 || $0 == 0xFF1F }) {
            from = stop + 1  // 。；;！？
        }
        let q = question.scalarValues
        var best = 0.0
        var end = start
        while end - from >= 2 {
            for length in stride(from: min(6, end - from), through: 2, by: -1) where occurs(s[(end - length)..<end], in: q) {
                let closeness = max(0, 1 - Double(start - end) / 24)
                best = max(best, closeness * min(1, Double(length) / 4))
                break
            }
            end -= 1
        }
        return best
    }

    /// Like ``proximity(of:in:question:)`` for words that follow `end` (a date is often named before
    /// its event: 2024年9月13日…通过…第二次修正), within 40 characters of the same sentence.
    static func proximity(after end: Int, in body: String, question: String) -> Double {
        let s = body.scalarValues
        guard end <= s.count else { return 0 }
        var to = min(s.count, end + 40)
        if let stop = s[end..<to].firstIndex(where: { $0 == 0x3002 || $0 == 0xFF1B || $0 == 0x3B }) { to = stop }  // 。；;
        let q = question.scalarValues
        var best = 0.0
        var start = end
        while to - start >= 2 {
            for length in stride(from: min(6, to - start), through: 2, by: -1) where occurs(s[start..<(start + length)], in: q) {
                best = max(best, max(0, 1 - Double(start - end) / 40) * min(1, Double(length) / 4))
                break
            }
            start += 1
        }
        return best
    }

    /// Whether `piece` occurs in `text`, code point for code point (Foundation's `contains`, which
    /// these replace, was a quarter of a fact lookup).
    static func occurs(_ piece: ArraySlice<UInt32>, in text: [UInt32]) -> Bool {
        let n = piece.count
        guard n > 0, n <= text.count, let first = piece.first else { return n == 0 }
        var i = 0
        while i + n <= text.count {
            if text[i] == first && text[i..<(i + n)].elementsEqual(piece) { return true }
            i += 1
        }
        return false
    }

    /// The extraction.md record of a stored fact, rebuilt from its columns.
    static func record(_ r: Row) -> String {
        typealias C = FactColumn
        var w = JSONWriter()
        w.beginObject()
        w.field("surface", r[C.surface] as String)
        w.field("start", r[C.start] as Int)
        w.field("end", r[C.end] as Int)
        let kind: String = r[C.kind]
        if kind == "date" {
            w.field("value", (r[C.date] as String?) ?? "")
            w.field("granularity", (r[C.granularity] as String?) ?? "")
            if let m = r[C.mod] as String? { w.field("mod", m) }
            if (r[C.lowConfidence] as Int?) == 1 { w.field("low_confidence", true) }
        } else {
            w.field("value", (r[C.value] as Double?) ?? 0, digits: 6)
            if let m = r[C.valueMax] as Double? { w.field("value_max", m, digits: 6) }
            w.field("unit", (r[C.unit] as String?) ?? "")
            w.field("kind", kind)
            w.field("approx", r[C.approx] as String?)
        }
        w.endObject()
        return w.output
    }

    /// Share of `a`'s character bigrams found in `b`.
    static func bigramOverlap(_ a: String, _ b: String) -> Double {
        // On code points, pairs packed in one integer (Characters and a Set<String> of the whole
        // passage were a seventh of a fact lookup).
        let x = a.scalarValues, y = b.scalarValues
        guard x.count >= 2, y.count >= 2 else { return 0 }
        var grams = Set<UInt64>(minimumCapacity: y.count)
        for i in 0..<(y.count - 1) { grams.insert(UInt64(y[i]) << 32 | UInt64(y[i + 1])) }
        var hit = 0
        for i in 0..<(x.count - 1) where grams.contains(UInt64(x[i]) << 32 | UInt64(x[i + 1])) { hit += 1 }
        return Double(hit) / Double(x.count - 1)
    }
}
