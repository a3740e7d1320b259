import Foundation
import GRDB
import ZhikuText

/// The `size` best entries seen (highest score; on equal scores, the lowest passage id), as a
/// min-heap whose root is the worst kept entry.
struct TopHeap {
    struct Entry {
        var score: Double
        var posting: Impacts.Posting

        /// Whether `self` ranks below `other`.
        @inline(__always)
        func worse(than other: Entry) -> Bool {
            score != other.score ? score < other.score : posting.passage > other.posting.passage
        }
    }

    let size: Int
    private(set) var entries: [Entry] = []

    init(size: Int) { self.size = size }

    mutating func offer(_ e: Entry) {
        if entries.count < size {
            entries.append(e)
            var i = entries.count - 1
            while i > 0 {
                let parent = (i - 1) / 2
                guard entries[i].worse(than: entries[parent]) else { break }
                entries.swapAt(i, parent)
                i = parent
            }
        } else if let root = entries.first, root.worse(than: e) {
            entries[0] = e
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var m = i
                if l < entries.count && entries[l].worse(than: entries[m]) { m = l }
                if r < entries.count && entries[r].worse(than: entries[m]) { m = r }
                if m == i { break }
                entries.swapAt(i, m)
                i = m
            }
        }
    }
}
