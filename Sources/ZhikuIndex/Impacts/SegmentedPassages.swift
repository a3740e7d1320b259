import Foundation
import GRDB
import ZhikuText

/// One thread's share of a chunk in ``TopCollector``: the ids and lengths of the passages it
/// segmented and, sorted by the thread that owns each term, the listed terms they contain with
/// their weighted frequencies (body 1, heading 2, as ``PassageCounter``).
final class SegmentedPassages: @unchecked Sendable {  // filled by one thread, read by the others only after the pass's join
    /// The terms one thread owns, passage after passage: passage k's are `terms[ends[k-1]..<ends[k]]`.
    struct Owned {
        var terms: [Int32] = []
        var frequencies: [Int32] = []
        var ends: [Int32] = []
    }

    private(set) var ids: [Int64] = []
    private(set) var lengths: [Int32] = []
    private(set) var owned: [Owned]
    private let owners: Int
    private var tokens = PassageTokens()
    private var headingTerms: [Int32] = []
    /// The current passage's weighted frequency of each listed term, and the terms it has.
    private let frequency: UnsafeMutablePointer<Int32>
    private var touched: [Int32] = []

    init(termCount: Int, owners: Int, chainable: KeyTable? = nil) {
        tokens = PassageTokens(chainable: chainable)
        self.owners = owners
        owned = Array(repeating: Owned(), count: owners)
        frequency = .allocate(capacity: termCount)
        frequency.initialize(repeating: 0, count: termCount)
        touched.reserveCapacity(1024)
    }

    deinit { frequency.deallocate() }

    func removeAll() {
        ids.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        for w in 0..<owners {
            owned[w].terms.removeAll(keepingCapacity: true)
            owned[w].frequencies.removeAll(keepingCapacity: true)
            owned[w].ends.removeAll(keepingCapacity: true)
        }
    }

    func add(_ p: ImpactBuilder.PassageText, terms table: KeyTable) {
        if tokens.read(p) { headingTerms = tokens.heading.keys.compactMap { table.value($0) } }
        for k in tokens.body.keys {
            guard let t = table.value(k) else { continue }
            if frequency[Int(t)] == 0 { touched.append(t) }
            frequency[Int(t)] += Searcher.bodyWeightCount
        }
        for t in headingTerms {
            if frequency[Int(t)] == 0 { touched.append(t) }
            frequency[Int(t)] += Searcher.headingWeightCount
        }
        for t in touched {
            let w = owners == 1 ? 0 : Int(t) % owners
            owned[w].terms.append(t)
            owned[w].frequencies.append(frequency[Int(t)])
            frequency[Int(t)] = 0
        }
        touched.removeAll(keepingCapacity: true)
        for w in 0..<owners { owned[w].ends.append(Int32(owned[w].terms.count)) }
        ids.append(p.id)
        lengths.append(Int32(clamping: tokens.length))
    }
}
