import Foundation
import GRDB
import ZhikuText

/// The keys of a passage's tokens: each CJK token and its first character, and, given
/// `chainable`, the three- and four-character phrases of chained bigrams (人民 民政 → 人民政) that
/// are all in it: only those can be listed, and testing a small table is cheaper than looking
/// every phrase up among the candidates.
struct PassageTerms: TokenSink {
    var keys: [UInt64] = []
    var tokens = 0
    /// The bigrams whose phrases are keyed; nil: no phrase is.
    var chainable: KeyTable? = nil
    /// The previous position's bigram, when it was one, and the trigram it ended.
    private var previous: UInt64? = nil
    private var previousTrigram: UInt64? = nil

    init(chainable: KeyTable? = nil) { self.chainable = chainable }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        tokens = 0
        previous = nil
        previousTrigram = nil
    }

    mutating func token(_ bytes: UnsafeBufferPointer<UInt8>, byteStart: Int, byteEnd: Int, colocated: Bool) -> Bool {
        if !colocated { tokens += 1 }
        if let k = Impacts.tokenKey(bytes) {
            keys.append(k)
            keys.append(Impacts.charKey(k))
            if let chainable, !colocated {
                // A run's bigrams come one per position and the run ends with a single character,
                // so two bigrams in a row that share a character are adjacent in one run.
                let linkable = Impacts.isBigram(k) && chainable.value(k) != nil
                var trigram: UInt64? = nil
                if linkable, let p = previous, let t = Impacts.trigramKey(p, k) {
                    keys.append(t)
                    trigram = t
                }
                if linkable, let t = previousTrigram, let f = Impacts.fourKey(t, k) { keys.append(f) }
                previousTrigram = trigram
                previous = linkable ? k : nil
            }
        } else if !colocated {
            previous = nil
            previousTrigram = nil
        }
        return true
    }
}
