import Foundation
import GRDB
import ZhikuText

/// A pass-1 counter (one per thread): passages in, document frequencies out.
protocol SampleCounter: AnyObject, Sendable {
    var documentFrequency: KeyTable { get }
    func add(_ p: ImpactBuilder.PassageText)
}

/// Pass 1 of ``ImpactBuilder``, one per thread.
final class FrequencyCounter: SampleCounter, @unchecked Sendable {  // one thread's; merged after the pass's join
    var documentFrequency = KeyTable(capacity: 1 << 16)
    private var counter = PassageCounter()

    func add(_ p: ImpactBuilder.PassageText) {
        _ = counter.count(p)
        counter.counts.forEach { key, _ in documentFrequency.add(key, 1) }
    }
}

/// Pass 1 for three- and four-character phrases, one per thread: the passages holding each
/// phrase whose bigrams are all frequent.
final class TrigramCounter: SampleCounter, @unchecked Sendable {  // one thread's; merged after the pass's join
    var documentFrequency = KeyTable(capacity: 1 << 12)
    private let bigrams: KeyTable
    private var tokens = PassageTokens()
    private var seen = KeyTable(capacity: 256)

    init(bigrams: KeyTable) {
        self.bigrams = bigrams
        tokens = PassageTokens(chainable: bigrams)
    }

    func add(_ p: ImpactBuilder.PassageText) {
        _ = tokens.read(p)
        seen.removeAll()
        for keys in [tokens.body.keys, tokens.heading.keys] {
            for k in keys where k >> 62 >= 2 { seen.add(k, 1) }  // phrases of `bigrams` only (PassageTerms)
        }
        seen.forEach { k, _ in documentFrequency.add(k, 1) }
    }
}
