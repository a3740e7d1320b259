/// What a fact's stored relations say its role is: the end of a change (提高到3.3%), its start
/// (从2.77%), a target (力争, 目标), hedged (约, 左右), a total over a period (累计, 五年来), a change
/// rather than a level (增长15.5%). The extractor reads them once, at index time (``RelationReader``
/// and ``RankReader`` in ZhikuExtract, stored as the fact's role, status and scope); an answer
/// found at query time (a date, an organization, a person) has none. Every cue is false when the
/// text says nothing: a feature on them is neutral then.
struct RelationCues: Sendable, Equatable {
    var to = false
    var from = false
    var target = false
    /// 约, 左右 on a figure whose status the text does not say: hedged, as targets often are.
    var about = false
    var cumulative = false
    var change = false

    /// The cues of a fact's stored relations: role `to`/`from`/`change`, status `target`, scope
    /// `cumulative` or `period` (五年来, 十四五期间), hedge `约`/`左右`.
    init(role: String?, status: String?, scope: String?, approx: String?) {
        to = role == "to"
        from = role == "from"
        change = role == "change"
        target = status == "target"
        about = status == nil && (approx == "约" || approx == "左右")
        cumulative = scope == "cumulative" || scope == "period"
    }
}
