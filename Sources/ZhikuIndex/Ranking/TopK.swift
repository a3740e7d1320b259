import HeapModule

/// Something ranked: a passage and its score, ordered by ``RankOrder``.
protocol Ranked {
    var score: Double { get }
    var passage: Int64 { get }
}

/// The best `keep` of the items offered, in ``RankOrder``: a bounded min-max heap
/// (swift-collections' `Heap`) whose minimum is the worst item kept, so an item that does not beat
/// it costs one comparison. Used by the dense postings and the impact lists; ``RankFunction`` keeps
/// a heap of its own in plain memory (it runs inside an SQLite callback, per matching row) with the
/// same order.
struct TopK<Item: Ranked> {
    /// An item ordered so that the heap's minimum is the worst one.
    private struct Slot: Comparable {
        var item: Item
        static func < (a: Slot, b: Slot) -> Bool {
            RankOrder.precedes(score: b.item.score, passage: b.item.passage, score: a.item.score, passage: a.item.passage)
        }
        static func == (a: Slot, b: Slot) -> Bool { a.item.score == b.item.score && a.item.passage == b.item.passage }
    }

    let keep: Int
    private var heap = Heap<Slot>()

    init(keep: Int) {
        self.keep = max(0, keep)
        heap.reserveCapacity(self.keep)
    }

    var count: Int { heap.count }

    mutating func offer(_ item: Item) {
        guard keep > 0 else { return }
        let slot = Slot(item: item)
        if heap.count < keep {
            heap.insert(slot)
        } else if let worst = heap.min, worst < slot {
            heap.replaceMin(with: slot)
        }
    }

    /// The kept items in no particular order.
    var items: [Item] { heap.unordered.map(\.item) }

    /// The kept items best first, without the first `offset`.
    func best(droppingFirst offset: Int = 0) -> [Item] {
        heap.unordered.sorted { $1 < $0 }.dropFirst(offset).map(\.item)
    }
}

/// A passage and its score.
struct ScoredPassage: Ranked {
    var score: Double
    var passage: Int64
}
