import Foundation
import GRDB

/// The best `keep` of passages offered in increasing id order: higher score first, and on equal
/// scores the lower id (which came first), as `zhiku_rank` orders them.
struct RankedTop {
    let keep: Int
    private var heap: [(score: Double, passage: Int64)] = []

    init(keep: Int) {
        self.keep = max(0, keep)
        heap.reserveCapacity(self.keep)
    }

    /// Whether `a` ranks below `b`.
    @inline(__always)
    private static func worse(_ a: (score: Double, passage: Int64), _ b: (score: Double, passage: Int64)) -> Bool {
        a.score != b.score ? a.score < b.score : a.passage > b.passage
    }

    mutating func offer(score: Double, passage: Int64) {
        guard keep > 0 else { return }
        let e = (score: score, passage: passage)
        if heap.count < keep {
            heap.append(e)
            var i = heap.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard RankedTop.worse(heap[i], heap[parent]) else { break }
                heap.swapAt(i, parent)
                i = parent
            }
            return
        }
        guard RankedTop.worse(heap[0], e) else { return }
        heap[0] = e
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < heap.count && RankedTop.worse(heap[l], heap[m]) { m = l }
            if r < heap.count && RankedTop.worse(heap[r], heap[m]) { m = r }
            if m == i { break }
            heap.swapAt(i, m)
            i = m
        }
    }

    /// The kept passages best first, without the first `offset`.
    func page(offset: Int) -> [(Int64, Double)] {
        heap.sorted { RankedTop.worse($1, $0) }.dropFirst(offset).map { ($0.passage, $0.score) }
    }
}
