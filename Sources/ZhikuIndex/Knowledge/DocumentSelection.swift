import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

/// How well one document matches what a question says about its document: place, document year,
/// session, name, institution, year arithmetic for the fact's year, and how much of its title the
/// question repeats. Each is a feature of ``FactFeatures``; the first four also select.
struct DocumentMatch: Sendable {
    /// 1 the place asked; 0.5 inside it (a city of the province asked); 0 not asked or unknown; -1 elsewhere.
    var place = 0.0
    /// The document's own year or session: 1 as asked, -1 another, 0 not asked.
    var year = 0.0
    /// Year arithmetic for the fact's year: 1 the year it reports on, 0.5 the year it plans for
    /// (a work report's own year), -0.5 more than five years from both, 0 not asked.
    var factYear = 0.0
    /// 0…1: how exactly it bears a name the question gives (1 the name, 0.8 the name with more around it).
    var name = 0.0
    /// 1 it describes or names often the institution asked about.
    var institution = 0.0
    /// Share of its title's bigrams the question repeats.
    var titleCover = 0.0
}

/// The documents a question is about (issue 18): a question that names a place, a document year, a
/// session, a document or an institution selects the documents that match all of it; candidates
/// come only from those. Only when none match does the lookup widen, and it says so; a named
/// document or a document year that no document has is an answer of its own (nothing, with the reason).
struct DocumentSelection: Sendable {
    /// Per document id, its match (every document of the index).
    var matches: [Int64: DocumentMatch] = [:]
    /// The selected documents; nil when the question names nothing (every document is a candidate).
    var selected: Set<Int64>?
    /// What the question named, as shown in `why` and warnings (地点 重庆市, 年份 2025, 《专利法》).
    var constraints: [String] = []
    var warnings: [String] = []
    /// Set when nothing can answer: the question names a document or a year the index does not have.
    var refusal: String?
    /// The best ``DocumentMatch/place`` among the selected documents: the most exact place the index
    /// has for the question (宜春市's own bulletin before a county's inside it, when it has both).
    var bestPlace = 0.0

    /// Institutions need this many mentions in a document to select it.
    static let institutionMentions = 2
    /// A document repeats a name well enough to be "named" from this score on.
    static let nameSelects = 0.7

    init() {}

    init(question q: Question, catalog: DocumentCatalog.Snapshot, db: Database) throws {
        let askedPlaces = DocumentSelection.askedPlaces(q)
        let names = q.namedDocuments.map(DocumentProfile.nameCore).filter { $0.scalarCount >= 2 }
        let bracketed = Set(DocumentProfile.bracketed(q.text).map(DocumentProfile.nameCore))
        let sessionKeys = q.sessions.map(\.key)
        let institutionDocs = DocumentSelection.withSiteSiblings(try DocumentSelection.mostSpecific(q.subjects, catalog: catalog, db: db),
                                                                 catalog: catalog)
        let questionGrams = DocumentCatalog.bigrams(q.text)

        for p in askedPlaces { constraints.append("地点 \(p.name)") }
        if let y = q.documentYear { constraints.append("年份 \(y)") }
        for s in q.sessions { constraints.append("会议 \(s.key)") }
        for n in names { constraints.append("《\(n)》") }
        for s in q.subjects { constraints.append("机构 \(s)") }

        // Score every document.
        var nameScores: [Int64: Double] = [:]
        for d in catalog.documents {
            var m = DocumentMatch()
            if !askedPlaces.isEmpty, let place = d.profile.place {
                m.place = askedPlaces.map { DocumentSelection.placeScore(place, asked: $0) }.max() ?? 0
            }
            if let y = q.documentYear {
                m.year = [d.profile.titleYear, d.profile.issueYear].contains(y) ? 1 : -1
            }
            if !sessionKeys.isEmpty {
                let hit = sessionKeys.contains { k in d.profile.sessions.contains { $0 == k || $0.hasPrefix(k + ":") || k.hasPrefix($0 + ":") } }
                m.year = hit ? 1 : (m.year > 0 ? m.year : -1)
            }
            if !q.factYears.isEmpty {
                m.factYear = q.factYears.map { DocumentSelection.yearArithmetic($0, d.profile) }.max() ?? 0
            }
            // A plan period (十三五): the report that set it out, or the one that reviewed it.
            for period in q.periods {
                if d.profile.issueYear == period.lowerBound || d.profile.reportYear == period.upperBound { m.factYear = max(m.factYear, 1) }
            }
            if !names.isEmpty {
                m.name = names.map { n in d.names.map { DocumentSelection.nameScore(question: n, document: $0) }.max() ?? 0 }.max() ?? 0
                if m.name > 0 { nameScores[d.id] = m.name }
            }
            if let mentions = institutionDocs[d.id] {
                m.institution = mentions >= DocumentSelection.institutionMentions ? 1 : 0.5
            }
            if let i = d.profile.institution, q.subjects.contains(where: { $0 == i || i.contains($0) || $0.contains(i) }) { m.institution = 1 }
            // The title, or a name it goes by (a page's <title> may be its site's).
            for grams in d.titleGrams {
                var shared = 0
                for g in grams where questionGrams.contains(g) { shared += 1 }
                m.titleCover = max(m.titleCover, Double(shared) / Double(grams.count))
            }
            matches[d.id] = m
        }

        // The constraints the question states, each a test on a match.
        var tests: [(label: String, strict: Bool, pass: (Int64, DocumentMatch) -> Bool)] = []
        if !names.isEmpty {
            let best = nameScores.values.max() ?? 0
            let bar = max(DocumentSelection.nameSelects, best >= 1 ? 1 : best)
            let strict = names.contains { bracketed.contains($0) }
            tests.append(("named document", strict, { _, m in m.name >= bar }))
        }
        if q.documentYear != nil || !sessionKeys.isEmpty {
            tests.append(("year", q.documentYear != nil, { _, m in m.year > 0 }))
        }
        if !askedPlaces.isEmpty { tests.append(("place", false, { _, m in m.place >= 0.5 })) }
        if !q.subjects.isEmpty { tests.append(("institution", false, { _, m in m.institution > 0 })) }
        guard !tests.isEmpty else { return }

        // A document or a year that nothing in the index has: nothing can answer.
        for t in tests where t.strict && !matches.contains(where: { t.pass($0.key, $0.value) }) {
            if t.label == "year", let y = q.documentYear {
                refusal = y > (catalog.latestYear ?? Int.max) ? "no document of \(y) in the index (the latest is of \(catalog.latestYear!))"
                    : "no document of \(y) in the index"
            } else {
                refusal = "no document in the index is called " + names.filter { bracketed.contains($0) }.map { "《\($0)》" }.joined(separator: "、")
            }
            selected = []
            return
        }
        // All constraints; then fewer, the weakest dropped first, saying so.
        var active = tests
        while !active.isEmpty {
            let chosen = Set(matches.filter { id, m in active.allSatisfy { $0.pass(id, m) } }.keys)
            if !chosen.isEmpty {
                bestPlace = chosen.compactMap { matches[$0]?.place }.max() ?? 0
                // The place asked itself, when the index has documents of it: not those of places inside it.
                selected = bestPlace >= 1 ? chosen.filter { (matches[$0]?.place ?? 0) >= 1 } : chosen
                if active.count < tests.count {
                    let dropped = tests.filter { t in !active.contains { $0.label == t.label } }.map(\.label)
                    warnings.append("no document matches every part of the question (\(constraints.joined(separator: ", "))); "
                                    + "widened: ignoring the \(dropped.joined(separator: " and "))")
                }
                return
            }
            // Drop the weakest: institution, then year, then place, then the name.
            let order = ["institution", "year", "place", "named document"]
            guard let drop = order.first(where: { label in active.contains { $0.label == label } }) else { break }
            active.removeAll { $0.label == drop }
        }
        warnings.append("no document matches \(constraints.joined(separator: ", ")); looking in every document")
    }

    /// The places a question asks about: the most specific of those that nest (江西 赣州 → 赣州),
    /// all of those that do not (乌鲁木齐、昌吉).
    static func askedPlaces(_ q: Question) -> [Place] {
        var out: [Place] = []
        for m in q.placeMentions where !out.contains(m.place) {
            if let k = out.firstIndex(where: { m.place.isWithin($0) }) {
                out[k] = m.place
            } else if !out.contains(where: { $0.isWithin(m.place) }) {
                out.append(m.place)
            }
        }
        return out
    }

    /// 1 the place itself; 0.5 a place inside it; 0.25 a place containing it (a province's report for
    /// a question about one of its cities); -1 elsewhere.
    static func placeScore(_ place: Place, asked: Place) -> Double {
        if place == asked || (place.code == asked.code && place.level == asked.level) { return 1 }
        if place.isWithin(asked) { return 0.5 }
        if asked.isWithin(place) { return place.level == .nation ? 0 : 0.25 }
        return -1
    }

    /// Year arithmetic (issue 18): a fact of year Y is reported by the document reporting on Y (a
    /// 2025 work report covers 2024; a 2022 bulletin covers 2022), planned in the one issued in Y.
    static func yearArithmetic(_ y: Int, _ p: DocumentProfile) -> Double {
        if let r = p.reportYear, r == y { return 1 }
        if let i = p.issueYear ?? p.titleYear, i == y { return 0.5 }
        let years = [p.reportYear, p.issueYear, p.titleYear].compactMap { $0 }
        guard let nearest = years.map({ abs($0 - y) }).min() else { return 0 }
        // A five-year review or plan still speaks of it; further off, another document's year.
        return nearest <= 5 ? 0 : -0.5
    }

    /// How a name the question gives matches one a document goes by: 1 the same; 0.9 the
    /// document's name ends the question's (按现行专利法 ~ 专利法); 0.8 the question's ends the
    /// document's (新余市绿色建筑管理办法 ~ 新余市新余市绿色建筑管理办法).
    static func nameScore(question n: String, document d: String) -> Double {
        if n == d { return 1 }
        if d.scalarCount >= 3, n.hasSuffix(d) { return 0.9 }
        if n.scalarCount >= 3, d.hasSuffix(n) { return 0.8 }
        // 国务院关于河北雄安新区总体规划（2018—2035年）的批复 names 河北雄安新区总体规划.
        if n.scalarCount >= 4, d.contains(n) { return 0.7 }
        return 0
    }

    /// A site saved as a folder speaks of its institution on every page, naming it on a few: where
    /// two pages of a folder name it at least ``institutionMentions`` times each, the folder's other
    /// pages are taken to be about it too (with one mention).
    static func withSiteSiblings(_ docs: [Int64: Int], catalog: DocumentCatalog.Snapshot) -> [Int64: Int] {
        var byFolder: [String: Int] = [:]
        func folder(_ path: String) -> String? { path.lastIndex(of: "/").map { String(path[..<$0]) } }
        for (id, n) in docs where n >= institutionMentions {
            if let f = catalog.document(id).flatMap({ folder($0.path) }) { byFolder[f, default: 0] += 1 }
        }
        guard byFolder.values.contains(where: { $0 >= 2 }) else { return docs }
        var out = docs
        for d in catalog.documents where out[d.id] == nil {
            if let f = folder(d.path), (byFolder[f] ?? 0) >= 2 { out[d.id] = 1 }
        }
        return out
    }

    /// The documents of the organization asked about that the fewest documents name (国家稀土功能材料创新中心
    /// rather than 工业和信息化部): the most specific; none named: no documents.
    /// An organization counts under any of its names (the documents' aliases, the abbreviations).
    static func mostSpecific(_ organizations: [String], catalog: DocumentCatalog.Snapshot, db: Database) throws -> [Int64: Int] {
        var best: [Int64: Int] = [:]
        for o in Set(organizations) {
            let names = [o] + Array(catalog.aliases[o] ?? []) + TermAliases.expansions(of: o)
            let docs = try documents(mentioning: names, db: db)
            if !docs.isEmpty, best.isEmpty || docs.count < best.count { best = docs }
        }
        return best
    }

    /// Documents that mention any of `organizations`, with their mention counts.
    static func documents(mentioning organizations: [String], db: Database) throws -> [Int64: Int] {
        guard !organizations.isEmpty else { return [:] }
        var out: [Int64: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT document_id, sum(mentions) FROM organization WHERE name IN (SELECT value FROM json_each(?)) GROUP BY document_id
            """), arguments: [JSONWriter.array(organizations)]) {
            out[row[0]] = row[1]
        }
        return out
    }
}
