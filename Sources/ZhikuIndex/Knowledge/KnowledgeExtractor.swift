import Foundation
import ZhikuExtract
import ZhikuText

/// The extractor as the index sees it. Facts are stored, since lookups rank over all of them. A
/// passage's entities are stored too, packed (``EntityCodec``; about a seventh of the text's size
/// on laws, a quarter on reports): extracting them again for every hit was a third of a search's
/// time. Passages indexed without them are extracted at query time.
public protocol KnowledgeExtractor: Sendable {
    /// Facts and context of a document, at index time.
    func knowledge(of document: SourceDocument) -> DocumentKnowledge
    /// The same, for a document whose profile is known (its reference year resolves relative dates).
    func knowledge(of document: SourceDocument, profile: DocumentProfile) -> DocumentKnowledge
    /// `{"figures":[…],"dates":[…],"orgs":[…]}` for one passage, at query time.
    func entitiesJSON(passage text: String, documentDate: String?, context: String?) -> String
}

extension KnowledgeExtractor {
    public func knowledge(of document: SourceDocument, profile: DocumentProfile) -> DocumentKnowledge { knowledge(of: document) }
}

/// No extraction: empty groups, no facts.
public struct NoExtraction: KnowledgeExtractor {
    public init() {}
    public static let empty = #"{"figures":[],"dates":[],"orgs":[]}"#
    public func knowledge(of document: SourceDocument) -> DocumentKnowledge { DocumentKnowledge() }
    public func entitiesJSON(passage text: String, documentDate: String?, context: String?) -> String { NoExtraction.empty }
}
