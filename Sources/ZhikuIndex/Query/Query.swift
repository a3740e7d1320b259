import ZhikuText

/// A user's query, parsed leniently: free text is never a syntax error.
///
/// - White space separates terms; each term must occur as an exact substring (a phrase of its tokens).
/// - `"…"` (or `“…”`) quotes a phrase that contains spaces.
/// - `-term` excludes passages containing the term.
/// - `OR` between two terms makes either one enough.
/// - Everything else, FTS5 operators and punctuation included (`* ( ) : ^ + AND NOT NEAR {}`), is text.
public struct Query: Hashable, Sendable {
    /// Required groups: a passage must match one term of every group.
    public var groups: [[String]]
    /// Terms a passage must not contain.
    public var excluded: [String]
    /// What was dropped and why.
    public var warnings: [String]

    /// The search tokens of every required term, as the tokenizer makes them (for display).
    public var tokens: [String] {
        let seg = Segmenter(mode: .query)
        return groups.flatMap { $0 }.flatMap { seg.tokens(in: $0).map(\.text) }
    }

    public var isEmpty: Bool { groups.isEmpty }

    /// Terms a query searches at most (required, alternatives and exclusions together); the rest
    /// are dropped and named in ``warnings``. Each single character is a prefix query that FTS5
    /// expands and intersects: on laws, 16 frequent single characters took 0.7 s, 24 2.1 s, 32
    /// 12 s and 128 over 180 s; real queries have 1–5 terms.
    public static let maxTerms = 16

    /// Parses `text`.
    ///
    ///     Query(parsing: "研究 OR 开发 团队 -中心").groups   // [["研究", "开发"], ["团队"]]
    public init(parsing text: String, maxTerms: Int = Query.maxTerms) {
        var groups: [[String]] = []
        var excluded: [String] = []
        var warnings: [String] = []
        var joinNext = false
        var dropped: [String] = []
        let seg = Segmenter(mode: .query)
        func searchable(_ term: String) -> Bool { !seg.tokens(in: term).isEmpty }

        for raw in Query.split(text) {
            if raw.text == "OR" && !raw.quoted {
                if !groups.isEmpty { joinNext = true }
                continue
            }
            var term = raw.text
            var exclude = false
            if !raw.quoted && term.hasPrefix("-") && term.count > 1 {
                exclude = true
                term.removeFirst()
            }
            guard searchable(term) else {
                warnings.append("ignored \"\(raw.text)\": nothing searchable in it")
                joinNext = false
                continue
            }
            if groups.reduce(excluded.count, { $0 + $1.count }) >= maxTerms {
                dropped.append(raw.quoted ? "\"\(raw.text)\"" : raw.text)
                joinNext = false
                continue
            }
            if exclude {
                excluded.append(term)
            } else if joinNext, !groups.isEmpty {
                groups[groups.count - 1].append(term)
            } else {
                groups.append([term])
            }
            joinNext = false
        }
        if !dropped.isEmpty {
            warnings.append("searched the first \(maxTerms) terms; dropped \(dropped.count): \(dropped.joined(separator: " "))")
        }
        if groups.isEmpty && !excluded.isEmpty {
            warnings.append("a query of exclusions only matches nothing; add a term to search for")
        }
        self.groups = groups
        self.excluded = excluded
        self.warnings = warnings
    }

    /// Splits on white space of every width, keeping quoted phrases together.
    static func split(_ text: String) -> [(text: String, quoted: Bool)] {
        var parts: [(String, Bool)] = []
        var current = ""
        var closing: Character? = nil
        for ch in text {
            if let close = closing {
                if ch == close {
                    parts.append((current, true)); current = ""; closing = nil
                } else if ch.unicodeScalars.contains(where: Query.isControl) {
                    current.append(" ")  // a phrase goes on across a control character, as across a space
                } else {
                    current.append(ch)
                }
                continue
            }
            if ch == "\"" || ch == "“" || ch == "＂" {
                if !current.isEmpty { parts.append((current, false)); current = "" }
                closing = ch == "“" ? "”" : ch
                continue
            }
            if ch.unicodeScalars.allSatisfy({ CharClass.isSpace($0.value) || Query.isControl($0) }) {
                if !current.isEmpty { parts.append((current, false)); current = "" }
                continue
            }
            current.append(ch)
        }
        if !current.isEmpty { parts.append((current, closing != nil)) }  // an unclosed quote runs to the end
        return parts.filter { !$0.0.isEmpty }
    }

    /// C0 and C1 controls (NUL, tabs, line ends, DEL…): they separate words, and none may reach
    /// FTS5, whose parser reads an expression only up to a NUL (`研究\0团队` was "unterminated
    /// string", an internal error).
    static func isControl(_ s: Unicode.Scalar) -> Bool { s.value < 0x20 || (0x7F...0x9F).contains(s.value) }

    /// An FTS5 phrase for a term: a string literal, so the term reaches the tokenizer verbatim and
    /// is never parsed as syntax; when the term ends in a lone CJK character, a prefix query (`"和" *`),
    /// since the index holds that character as the first half of a bigram unless a run ends there.
    static func literal(_ term: String) -> String {
        let quoted = "\"" + (term.contains("\"") ? term.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") : term) + "\""
        return endsWithLoneCJK(term) ? quoted + " *" : quoted
    }

    /// Whether the last searchable character of `term` is a CJK character with no CJK character
    /// right before it.
    static func endsWithLoneCJK(_ term: String) -> Bool {
        let scalars = term.unicodeScalars.map { Folding.fold($0.value) }
        guard let last = scalars.lastIndex(where: { CharClass.isCJK($0) || CharClass.isASCIIAlnum($0) || CharClass.isOtherLetter($0) }),
              CharClass.isCJK(scalars[last]) else { return false }
        return last == 0 || !CharClass.isCJK(scalars[last - 1])
    }

    /// The FTS5 MATCH expression requiring every group (bound as a parameter, never spliced into SQL).
    public var matchExpression: String? { expression(groups: groups) }

    /// The expression where any single group is enough (the relaxed fall-back).
    public var anyGroupExpression: String? { expression(groups: [groups.flatMap { $0 }]) }

    func expression(groups: [[String]]) -> String? {
        guard !groups.isEmpty else { return nil }
        let positive = groups.map { g in
            g.count == 1 ? Query.literal(g[0]) : "(" + g.map(Query.literal).joined(separator: " OR ") + ")"
        }.joined(separator: " AND ")
        if excluded.isEmpty { return positive }
        return "(" + positive + ") NOT (" + excluded.map(Query.literal).joined(separator: " OR ") + ")"
    }
}
