import Foundation
import ZhikuExtract
import ZhikuText

/// Computes a candidate's ``FactFeatures`` for one question, and the gates a candidate must pass
/// to be scored at all (issue 18: tie to the question by kind, by document, and by attribute or a
/// relation cue).
struct FeatureContext {
    let question: Question
    let selection: DocumentSelection
    let catalog: DocumentCatalog.Snapshot
    let passageRank: [Int64: Int]
    let attribute: String?
    /// The question's words of two characters or more, and the question as code points.
    let terms: [String]
    let questionScalars: [UInt32]
    /// Places and search terms, for coverage.
    let questionWords: String
    /// Bigrams of the question's content words (search terms without places, with their aliases).
    let contentGrams: Set<UInt64>
    /// The organizations asked about with their aliases, as code points.
    let subjectNames: [[UInt32]]
    /// Bigrams of the question's focus: its last content words before the question word.
    let focusGrams: Set<UInt64>
    /// Per passage, its coverage (the same for all its candidates).
    private let coverages = Cache()

    final class Cache: @unchecked Sendable {  // one lookup's, used on the one thread that runs it
        var values: [Int64: Double] = [:]
    }

    init(question q: Question, selection: DocumentSelection, catalog: DocumentCatalog.Snapshot, passageRank: [Int64: Int], attribute: String?) {
        question = q
        self.selection = selection
        self.catalog = catalog
        self.passageRank = passageRank
        self.attribute = attribute
        terms = (q.searchTerms + q.keywords).filter { $0.count >= 2 }
        let expansions = q.searchTerms.flatMap(TermAliases.expansions(of:))
        questionScalars = ([q.text] + expansions).joined(separator: "|").scalarValues
        questionWords = (q.places + q.searchTerms + expansions).joined(separator: "|")
        let places = Set(q.places)
        var grams = Set<UInt64>()
        for t in q.searchTerms + expansions where !places.contains(t) { grams.formUnion(DocumentCatalog.bigrams(t)) }
        contentGrams = grams
        subjectNames = Array(Set(q.subjects + q.subjectSurfaces)).flatMap { [$0] + TermAliases.expansions(of: $0) }.map(\.scalarValues)
        let focus = q.searchTerms.last { !places.contains($0) }
        focusGrams = focus.map { f in [f] + TermAliases.expansions(of: f) }.map { Set($0.flatMap(DocumentCatalog.bigrams)) } ?? []
    }

    /// Kinds that answer each asked kind exactly, and nearly.
    static func kindMatch(asked: String, candidate: String) -> (exact: Bool, near: Bool) {
        switch asked {
        case "quantity":
            let other = !["money", "percent", "percentage_point", "area", "land_area", "count", "date", "rank", "org", "person",
                          "document_number"].contains(candidate)
            return (other, candidate == "count")
        case "percent": return (candidate == "percent", candidate == "percentage_point")
        case "area": return (candidate == "area", candidate == "land_area")
        case "land_area": return (candidate == "land_area", candidate == "area")
        case "count": return (candidate == "count", false)
        default: return (candidate == asked, false)
        }
    }

    /// The features of `c`, or nil when it does not tie to the question.
    func features(of c: FactCandidate, passage p: FactCandidate.Passage, document d: DocumentCatalog.Document) -> FactFeatures? {
        let q = question
        var x = FactFeatures()
        // Kind: what the question asks for must be what the candidate is.
        if let want = q.expectedKind {
            let (exact, near) = FeatureContext.kindMatch(asked: want, candidate: c.kind)
            guard exact || near else { return nil }
            x[.kindExact] = exact ? 1 : 0
            x[.kindNear] = near ? 1 : 0
            if let m = q.measureWord, let u = c.unit, want == "count" || want == "quantity" {
                let sameUnit = u == m || u.hasSuffix(m) || m.hasSuffix(u)
                // A count answers a quantity question (多少年) only in the unit asked: 两项 is no number of years.
                if near && want == "quantity" && !sameUnit { return nil }
                x[.unitMatch] = sameUnit ? 1 : -1
            }
        }
        // Document: a document the question's place or year rules out never answers.
        let m = selection.matches[d.id] ?? DocumentMatch()
        guard m.place >= 0, m.year >= 0 else { return nil }
        x[.docPlace] = m.place
        x[.docPlaceBest] = m.place > 0 && m.place >= selection.bestPlace ? 1 : 0
        x[.docYear] = m.year
        x[.docFactYear] = m.factYear
        x[.docName] = m.name
        x[.docTitleCover] = m.titleCover
        x[.docInstitution] = m.institution
        // Attribute: named in the question (longest match best), or sharing its characters.
        if let a = c.attribute, a.count >= 2 {
            if let explicit = attribute {
                x[.attrInQuestion] = a == explicit ? 1 : (a.contains(explicit) ? 0.75 : 0)
            } else if q.text.contains(a) {
                x[.attrInQuestion] = min(1, Double(a.count) / 4)
            }
            x[.attrOverlap] = terms.contains(where: { a.contains($0) }) ? 1 : FactText.bigramOverlap(a, terms.joined())
        }
        if !q.subjects.isEmpty, let s = c.subject {
            x[.subjectMatch] = q.subjects.contains(where: { s == $0 || s.contains($0) || $0.contains(s) }) ? 1 : -1
        }
        // Words of the question around the figure, and the passage's rank.
        x[.proximityBefore] = FactText.proximity(of: c.start, in: p.scalars, question: questionScalars)
        if c.kind == "date" || c.kind == "org" || c.kind == "person" {
            x[.proximityAfter] = FactText.proximity(after: c.end, in: p.scalars, question: questionScalars)
        }
        if let rank = passageRank[c.passageID] {
            x[.passageRank] = 1 - Double(rank) / Double(FactFinder.passagesSearched)
            x[.passageFound] = 1
        }
        x[.confidence] = c.confidence
        // A value the question itself gives (从上年的2.1%调高到了多少) is not what it asks.
        if c.kind != "date", let number = FactText.leadingNumber(c.surface), q.text.contains(number) { x[.valueInQuestion] = 1 }
        let coverage = coverages.values[p.id]
            ?? FactText.bigramOverlap(questionWords, d.titleText + "|" + p.heading + "|" + String(scalarValues: p.prefix[...]) + p.body)
        coverages.values[p.id] = coverage
        x[.coverage] = coverage
        // Years: the fact's own, and its section's.
        if !q.factYears.isEmpty {
            if let y = FactText.year(of: c, in: p.scalars) { x[.factYear] = q.factYears.contains(y) ? 1 : -1 }
            let headingYears = FactText.years(in: p.heading)
            if !headingYears.isEmpty { x[.headingYear] = headingYears.contains(where: q.factYears.contains) ? 1 : -0.5 }
        }
        // Relations: the end asked for, target or achieved, total or single year, change or level.
        // A comparison base (比上年同期为X) is never the answer.
        if c.role == "comparison" { return nil }
        let cues = RelationCues(role: c.role, status: c.status, scope: c.scope, approx: c.approx)
        if q.asks.contains("to") { x[.roleTo] = cues.to ? 1 : (cues.from ? -1 : 0) }
        if q.asks.contains("from") { x[.roleFrom] = cues.from ? 1 : (cues.to ? -1 : 0) }
        if q.asks.contains("target") {
            x[.roleTarget] = cues.target || cues.about ? 1 : -0.5
        } else if q.asks.contains("actual") {
            x[.roleTarget] = cues.target || cues.about ? -1 : 0.5
        }
        if q.asks.contains("cumulative") { x[.roleCumulative] = cues.cumulative ? 1 : -0.5 } else if cues.cumulative { x[.roleCumulative] = -0.5 }
        if q.asks.contains("change") { x[.roleChange] = cues.change ? 1 : -0.5 } else if cues.change && c.kind != "rank" { x[.roleChange] = -1 }
        // Events and slots.
        if c.kind == "date" {
            x[.eventMatch] = FactText.eventMatch(q, start: c.start, end: c.end, in: p.scalars)
            if let n = q.ordinal {
                // The ordinal is the event asked (第三次修正是哪天通过的): it decides.
                x[.ordinalMatch] = c.ordinal.map { $0 == n ? 1 : -1 } ?? FactText.ordinalMatch(n, end: c.end, in: p.scalars)
                x[.eventMatch] = x[.ordinalMatch]
                // 第三次修正 asked: a date of no revision, or of another, is not the answer.
                guard x[.ordinalMatch] > 0 else { return nil }
            }
            if let date = c.date, let own = d.date, own.hasPrefix(date) || date.hasPrefix(own) { x[.documentDate] = 1 }
            if p.atEdge, m.name > 0 || m.titleCover >= 0.5, (c.date ?? "").count >= 7 { x[.edgeDate] = 1 }
        }
        if c.kind == "org", let verb = q.slotVerb {
            let v = verb.scalarValues
            if q.answerFollowsVerb {
                x[.slotMatch] = FactText.occurs(v[...], in: Array(p.scalars[max(0, c.start - 6)..<min(c.start, p.scalars.count)])) ? 1 : 0
            } else {
                x[.slotMatch] = FactText.occurs(v[...], in: Array(p.scalars[min(c.end, p.scalars.count)..<min(p.scalars.count, c.end + 8)])) ? 1 : 0
            }
            // Another name fills the slot in this passage: this one does not.
            if x[.slotMatch] == 0, FactText.occurs(v[...], in: p.scalars) { x[.slotMatch] = -0.5 }
        }
        // The figure's own clause (with the end of the passage before when the passage starts
        // mid-sentence): how much of the question's words it and the clause before hold; its focus;
        // the organization asked.
        let text = p.prefix + p.scalars
        let at = p.prefix.count + c.start
        // An organization or a person is the subject of its clause: the words after it count too.
        var clause = FactText.clause(before: at, in: text)
        if c.kind == "org" || c.kind == "person" { clause = clause.lowerBound..<FactText.clauseEnd(after: p.prefix.count + c.end, in: text) }
        let clauseText = text.string(clause.lowerBound, clause.upperBound)
        let clauseGrams = DocumentCatalog.bigrams(clauseText)
        // Shares of the question's words (at most 16 counted: a long question's clause is not
        // covered by a short clause's few words); the tie asks for half of 8.
        func share(_ g: Set<UInt64>, cap: Int = 16) -> Double {
            contentGrams.isEmpty ? 0 : min(1, Double(g.intersection(contentGrams).count) / Double(min(contentGrams.count, cap)))
        }
        x[.clauseCoverage] = share(clauseGrams)
        let clauseTies = share(clauseGrams, cap: 8) >= 0.5
        if clause.lowerBound > 0 {
            let previous = FactText.clause(before: clause.lowerBound - 1, in: text)
            x[.previousClauseCoverage] = share(DocumentCatalog.bigrams(text.string(previous.lowerBound, previous.upperBound)))
        }
        if !focusGrams.isEmpty {
            x[.focusMatch] = Double(clauseGrams.intersection(focusGrams).count) / Double(min(focusGrams.count, 6))
            x[.focusMatch] = min(1, x[.focusMatch])
        }
        if !subjectNames.isEmpty {
            let clauseScalars = Array(text[clause])
            let sentence = Array(text[FactText.sentenceStart(before: at, in: text)..<at])
            x[.subjectNear] = subjectNames.contains { FactText.occurs($0[...], in: clauseScalars) } ? 1
                : subjectNames.contains { FactText.occurs($0[...], in: sentence) } ? 0.5 : 0
        }
        // Something must tie it to the question beyond its kind: its attribute, the question's
        // words right at it, its event or slot, or the relation asked; and its passage must hold a
        // good share of the question's words.
        let tie = x[.attrInQuestion] > 0 || x[.attrOverlap] >= 0.5 || x[.proximityBefore] >= FactFinder.minimumProximity
            || x[.proximityAfter] >= FactFinder.minimumProximity || x[.eventMatch] > 0 || x[.slotMatch] > 0
            || x[.roleTo] > 0 || x[.roleFrom] > 0 || x[.ordinalMatch] > 0
            || c.kind == "document_number" || (c.kind == "person" && x[.kindExact] > 0) || x[.edgeDate] > 0 || clauseTies
        guard tie, max(coverage, c.kind == "document_number" ? m.titleCover : 0) >= FactFinder.minimumCoverage else { return nil }
        return x
    }
}

/// Text measures of the fact lookup, on code points.
enum FactText {
    /// How closely words of the question precede `start` in its sentence: for the longest piece of
    /// the question (2–6 characters) found in the 24 characters before the figure, its length share
    /// times its closeness (1 right before the figure, 0 at 24 characters).
    static func proximity(of start: Int, in s: [UInt32], question q: [UInt32]) -> Double {
        guard start <= s.count else { return 0 }
        var from = max(0, start - 24)
        if let stop = s[from..<start].lastIndex(where: { $0 == 0x3002 || $0 == 0xFF1B || $0 == 0x3B || $0 == 0xFF01 || $0 == 0xFF1F }) {
            from = stop + 1  // 。；;！？
        }
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
    static func proximity(after end: Int, in s: [UInt32], question q: [UInt32]) -> Double {
        guard end <= s.count else { return 0 }
        var to = min(s.count, end + 40)
        if let stop = s[end..<to].firstIndex(where: { $0 == 0x3002 || $0 == 0xFF1B || $0 == 0x3B }) { to = stop }  // 。；;
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

    /// A date's clause names the question's event: 1.
    static func eventMatch(_ q: Question, start: Int, end: Int, in s: [UInt32]) -> Double {
        let after = lineAfter(end, in: s)
        let before = s.string(max(start - 12, sentenceStart(before: start, in: s)), start)
        if let e = q.event, after.contains(e) || before.contains(e) { return 1 }
        return 0
    }

    /// A date's line names the ordinal asked (第三次修正 after 2008年12月27日): 1; another ordinal or none: -1.
    static func ordinalMatch(_ n: Int, end: Int, in s: [UInt32]) -> Double {
        let after = lineAfter(end, in: s)
        let ordinals = (1...12).filter { k in ["修订", "修正", "修改"].contains { after.contains("第\(chineseNumber(k))次" + $0) } }
        return ordinals.contains(n) ? 1 : -1
    }

    /// The text after `end` to the end of its line or sentence, or to the next date (a digit
    /// two characters on: 1987年1月19日国务院批准 1987年2月15日…发布施行), at most 80 characters.
    static func lineAfter(_ end: Int, in s: [UInt32]) -> String {
        var to = min(s.count, end + 80)
        if let stop = s[min(end, to)..<to].firstIndex(where: { $0 == 0x3002 || $0 == 0x0A || $0 == 0xFF1B }) { to = stop }
        if end + 2 < to, let digit = s[(end + 2)..<to].firstIndex(where: { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0xFF10 && $0 <= 0xFF19) }) {
            to = digit
        }
        return s.string(end, to)
    }

    /// Where the sentence holding `start` begins (after 。；！？ or a line break).
    static func sentenceStart(before start: Int, in s: [UInt32]) -> Int {
        var i = min(start, s.count) - 1
        while i >= 0 {
            let c = s[i]
            if c == 0x3002 || c == 0xFF1B || c == 0x3B || c == 0xFF01 || c == 0xFF1F || c == 0x0A { return i + 1 }
            i -= 1
        }
        return 0
    }

    /// The number a surface starts with after its hedge (超2000人 → 2000, 2.1% → 2.1), at least two characters.
    static func leadingNumber(_ surface: String) -> String? {
        let s = surface.unicodeScalars.drop { !($0.value >= 0x30 && $0.value <= 0x39) }
        let digits = s.prefix { ($0.value >= 0x30 && $0.value <= 0x39) || $0 == "." }
        return digits.count >= 2 ? String(String.UnicodeScalarView(digits)) : nil
    }

    /// Where the clause holding `end` ends (the next clause break, or the text's end).
    static func clauseEnd(after end: Int, in s: [UInt32]) -> Int {
        var i = min(end, s.count)
        while i < s.count, ![0xFF0C, 0x2C, 0x3002, 0xFF1B, 0x3B, 0x0A, 0xFF01, 0xFF1F].contains(s[i]) { i += 1 }
        return i
    }

    /// The clause before a figure: back to the previous clause break (，；。、：), or to the one
    /// before it when fewer than four characters are left (，增长15.5%).
    static func clause(before start: Int, in s: [UInt32]) -> Range<Int> {
        func isBreak(_ c: UInt32) -> Bool {
            c == 0xFF0C || c == 0x2C || c == 0x3002 || c == 0xFF1B || c == 0x3B || c == 0x3001 || c == 0xFF1A || c == 0x0A || c == 0xFF01 || c == 0xFF1F
        }
        let end = min(start, s.count)
        var i = end - 1
        while i >= 0, !isBreak(s[i]) { i -= 1 }
        if end - (i + 1) < 4, i > 0 {
            i -= 1
            while i >= 0, !isBreak(s[i]) { i -= 1 }
        }
        return (i + 1)..<end
    }

    static func chineseNumber(_ n: Int) -> String {
        let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        if n < 10 { return digits[n] }
        return (n / 10 == 1 ? "" : digits[n / 10]) + "十" + digits[n % 10]
    }

    /// The year a candidate is of: its stored date, else the nearest 20XX年/19XX年 before it in its sentence.
    static func year(of c: FactCandidate, in s: [UInt32]) -> Int? {
        if c.kind == "date" { return c.date.flatMap { Int($0.prefix(4)) } }
        if let d = c.date, let y = Int(d.prefix(4)) { return y }
        var i = min(c.start, s.count) - 1
        var steps = 0
        while i >= 4, steps < 40 {
            let ch = s[i]
            if ch == 0x3002 || ch == 0xFF1B || ch == 0x0A { break }
            if ch == 0x5E74, let y = Int(s.string(i - 4, i)), (1900...2100).contains(y) { return y }  // 年
            i -= 1
            steps += 1
        }
        return nil
    }

    /// The years (19XX年, 20XX年) a text names.
    static func years(in text: String) -> [Int] {
        let s = text.scalarValues
        var out: [Int] = []
        var i = 4
        while i < s.count {
            if s[i] == 0x5E74, let y = Int(s.string(i - 4, i)), (1900...2100).contains(y) { out.append(y) }
            i += 1
        }
        return out
    }

    /// Whether `piece` occurs in `text`, code point for code point.
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

    /// Share of `a`'s character bigrams found in `b`.
    static func bigramOverlap(_ a: String, _ b: String) -> Double {
        let x = a.scalarValues, y = b.scalarValues
        guard x.count >= 2, y.count >= 2 else { return 0 }
        var grams = Set<UInt64>(minimumCapacity: y.count)
        for i in 0..<(y.count - 1) { grams.insert(UInt64(y[i]) << 32 | UInt64(y[i + 1])) }
        var hit = 0
        for i in 0..<(x.count - 1) where grams.contains(UInt64(x[i]) << 32 | UInt64(x[i + 1])) { hit += 1 }
        return Double(hit) / Double(x.count - 1)
    }
}
