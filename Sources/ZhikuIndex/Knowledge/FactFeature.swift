/// The named features a fact answer is scored on (issue 18: "scoring as a model, not a pile of
/// constants"). Each is a number, 0 when it says nothing; ``FactModel`` weighs them with the weights
/// `Tools/fit-fact-weights.py` fits on the development sets (``FactWeights``). The names are the
/// keys of the weights file and of `why`; appending a feature is compatible, renaming one is not.
enum FactFeature: Int, CaseIterable, Sendable {
    /// The candidate is of the kind the question asks for (a count, a date, a rank …).
    case kindExact
    /// Of a neighbouring kind (an area for a land area).
    case kindNear
    /// Its unit is the measure word or unit asked (多少家 → 家): 1, another: -1.
    case unitMatch
    /// Its document's place against the question's (``DocumentMatch/place``).
    case docPlace
    /// Its document's own year or session against the question's.
    case docYear
    /// Year arithmetic for the fact's year (a 2025 work report covers 2024).
    case docFactYear
    /// Its document bears the name the question gives (《专利法》).
    case docName
    /// Share of its document's title the question repeats.
    case docTitleCover
    /// Its document is about, or often names, the institution asked about.
    case docInstitution
    /// The year the fact is of (its clause's year, its stored date) is the one asked: 1, another: -1.
    case factYear
    /// Its attribute is written in the question (longer attributes count more).
    case attrInQuestion
    /// Share of its attribute's bigrams among the question's words.
    case attrOverlap
    /// Its subject is the organization asked about: 1, another: -1.
    case subjectMatch
    /// Words of the question right before it (…研发经费增长15.5%).
    case proximityBefore
    /// Words of the question right after it (2024年9月13日…第二次修正).
    case proximityAfter
    /// Its passage's rank in the search for the question's words (1 first, 0 not found).
    case passageRank
    /// Its passage was found by that search.
    case passageFound
    /// Share of the question's words in its passage, headings and title.
    case coverage
    /// The extractor's confidence in the fact.
    case confidence
    /// The question asks for the end of a change and it is one: 1; it is the start: -1.
    case roleTo
    /// The question asks for the start and it is one: 1; it is the end: -1.
    case roleFrom
    /// Target vs achieved: the question asks one, the figure's words say it (1) or the other (-1).
    case roleTarget
    /// The question asks for a total over a period and the figure is one (1), or not (-0.5).
    case roleCumulative
    /// Change vs level: a growth for a growth question (1), a growth for a level question (-1).
    case roleChange
    /// A date's clause names the event asked (通过, 修正), and the ordinal (第二次) where asked.
    case eventMatch
    /// An organization fills the slot asked (由X提出 for 由哪个部门提出).
    case slotMatch
    /// Its passage's headings name the year asked (一、2024年工作回顾).
    case headingYear
    /// Share of the question's words (and their aliases) in the figure's own clause: the words that
    /// name what the figure measures (牧业产值比上年增长-3.2%, not 林业产值…8.8%).
    case clauseCoverage
    /// The organization asked about is named in the figure's sentence before it.
    case subjectNear
    /// A date's line names the ordinal asked (第三次修正): 1; another or none: -1.
    case ordinalMatch
    /// The date is the document's own (its 落款 or publication date).
    case documentDate
    /// Share of the question's words in the clause before the figure's (预计全年占比可达43%: the
    /// attribute is named one clause earlier).
    case previousClauseCoverage
    /// Share of the question's focus (its last words before 多少/哪天: 通过网上交易) in the figure's clause.
    case focusMatch
    /// A date in the first or last lines of its document (a 落款, the line under a title) when the
    /// question names the document.
    case edgeDate
    /// The question states this value itself (从上年的2.1%调高到了多少: 2.1% is not asked).
    case valueInQuestion
    /// Its document's place is the most exact one among the documents selected for the question
    /// (``DocumentSelection/bestPlace``): the city's own bulletin, not a county's inside it, when
    /// the index has both; the county's when it is the best there is.
    case docPlaceBest

    /// The name in the weights file and in `why` (snake_case).
    var name: String {
        let raw = String(describing: self)
        var out = ""
        for c in raw {
            if c.isUppercase { out += "_" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    static let count = allCases.count
}

/// One candidate's feature values, by ``FactFeature``.
struct FactFeatures: Sendable {
    var values = [Double](repeating: 0, count: FactFeature.count)

    subscript(_ f: FactFeature) -> Double {
        get { values[f.rawValue] }
        set { values[f.rawValue] = newValue }
    }
}
