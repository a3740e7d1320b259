import Foundation
import ZhikuExtract
import ZhikuText

/// What extraction contributes to a document at index time.
public struct DocumentKnowledge: Sendable {
    /// Opaque per-document context (e.g. `以下简称` aliases) handed back at query time, as JSON.
    public var context: String?
    public var facts: [StoredFact]
    public var platforms: [StoredPlatform]
    /// Organizations (canonical names) and how often the document mentions each.
    public var organizations: [String: Int]
    /// Per passage, in order, exactly what `entitiesJSON(passage:documentDate:context:)` returns
    /// for it with this `context`: stored with the passage, so queries read it instead of
    /// extracting again. Nil: not extracted at index time (queries extract).
    public var passageEntities: [String]?
    /// What the document is (place, years, kind, names); the indexer computes it when the
    /// extractor leaves it nil.
    public var profile: DocumentProfile?

    public init(context: String? = nil, facts: [StoredFact] = [], platforms: [StoredPlatform] = [], organizations: [String: Int] = [:],
                passageEntities: [String]? = nil) {
        self.context = context
        self.facts = facts
        self.platforms = platforms
        self.organizations = organizations
        self.passageEntities = passageEntities
    }
}
