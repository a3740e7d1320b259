import ZhikuText

/// Adds what the extractor finds to each passage at index time.
///
/// The index stores whatever JSON object the annotator returns for a passage and hands it back
/// unchanged in every hit (`entities`), so the extractor can evolve without a schema change.
public protocol PassageAnnotator: Sendable {
    /// One JSON object (`{"figures":[…],"dates":[…],"orgs":[…]}`) per passage of `document`.
    func entitiesJSON(for document: SourceDocument) -> [String]
}

/// The annotator used when extraction is switched off: empty groups.
public struct NoAnnotator: PassageAnnotator {
    public init() {}
    public static let empty = #"{"figures":[],"dates":[],"orgs":[]}"#
    public func entitiesJSON(for document: SourceDocument) -> [String] {
        Array(repeating: NoAnnotator.empty, count: document.passages.count)
    }
}
