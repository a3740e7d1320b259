import Foundation
import GRDB
import ZhikuText

/// A passage's index tokens as FTS5 sees them, one passage after another (one per thread): the
/// keys of its body and of its heading path, the heading segmented once for consecutive passages
/// that share it.
struct PassageTokens {
    private(set) var body: PassageTerms
    private(set) var heading: PassageTerms
    private var lastHeading: String? = nil
    private let segmenter = Segmenter(mode: .document)

    init(chainable: KeyTable? = nil) {
        body = PassageTerms(chainable: chainable)
        heading = PassageTerms(chainable: chainable)
    }

    /// Segments `p`; returns whether its heading differs from the previous passage's.
    mutating func read(_ p: ImpactBuilder.PassageText) -> Bool {
        body.removeAll()
        segmenter.segment(StoredText.decode(p.storedBody), into: &body)
        guard p.heading != lastHeading else { return false }
        heading.removeAll()
        if !p.heading.isEmpty { segmenter.segment(p.heading, into: &heading) }
        lastHeading = p.heading
        return true
    }

    /// The passage's length in tokens, all columns (what FTS5's `xColumnSize(-1)` reports).
    var length: Int { body.tokens + heading.tokens }
}
