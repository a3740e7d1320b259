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

/// Counts the weighted term frequencies of one passage after another (one per thread): body
/// occurrences count 1, heading occurrences 2, as ``Searcher``'s `bm25()` weights them.
struct PassageCounter {
    var counts = KeyTable(capacity: 2048)
    private var tokens = PassageTokens()

    /// Counts `p`; the counts are in `counts` until the next call. Returns the passage's length.
    mutating func count(_ p: ImpactBuilder.PassageText) -> Int {
        counts.removeAll()
        _ = tokens.read(p)
        assert(Searcher.headingWeight == 2 && Searcher.bodyWeight == 1)
        for k in tokens.body.keys { counts.add(k, 1) }
        for k in tokens.heading.keys { counts.add(k, 2) }
        return tokens.length
    }
}

/// A pass-1 counter (one per thread): passages in, document frequencies out.
protocol SampleCounter: AnyObject, Sendable {
    var documentFrequency: KeyTable { get }
    func add(_ p: ImpactBuilder.PassageText)
}

/// Pass 1 of ``ImpactBuilder``, one per thread.
final class FrequencyCounter: SampleCounter, @unchecked Sendable {
    var documentFrequency = KeyTable(capacity: 1 << 16)
    private var counter = PassageCounter()

    func add(_ p: ImpactBuilder.PassageText) {
        _ = counter.count(p)
        counter.counts.forEach { key, _ in documentFrequency.add(key, 1) }
    }
}

/// Pass 1 for three- and four-character phrases, one per thread: the passages holding each
/// phrase whose bigrams are all frequent.
final class TrigramCounter: SampleCounter, @unchecked Sendable {
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
