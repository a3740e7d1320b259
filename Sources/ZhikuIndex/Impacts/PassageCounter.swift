import Foundation
import GRDB
import ZhikuText

/// Counts the weighted term frequencies of one passage after another (one per thread): body
/// occurrences count 1, heading occurrences 2, as ``Searcher``'s `bm25()` weights them.
struct PassageCounter {
    var counts = KeyTable(capacity: 2048)
    private var tokens = PassageTokens()

    /// Counts `p`; the counts are in `counts` until the next call. Returns the passage's length.
    mutating func count(_ p: ImpactBuilder.PassageText) -> Int {
        counts.removeAll()
        _ = tokens.read(p)
        for k in tokens.body.keys { counts.add(k, Searcher.bodyWeightCount) }
        for k in tokens.heading.keys { counts.add(k, Searcher.headingWeightCount) }
        return tokens.length
    }
}
