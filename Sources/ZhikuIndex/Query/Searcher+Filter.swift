import GRDB

extension Searcher {
    /// The passage ranges a search is restricted to: the fact lookup's selected documents, the
    /// documents a profile filter keeps, or both; nil when unrestricted.
    func restriction(_ db: Database, options: SearchOptions) throws -> [ClosedRange<Int64>]? {
        var out = options.ranges
        if let f = options.filter, !f.isEmpty {
            try f.validate()
            let kept = f.ranges(try store.catalog.current(db))
            out = out.map { Searcher.intersect($0, kept) } ?? kept
        }
        return out
    }

    /// The overlap of two sorted lists of disjoint ranges.
    static func intersect(_ a: [ClosedRange<Int64>], _ b: [ClosedRange<Int64>]) -> [ClosedRange<Int64>] {
        var out: [ClosedRange<Int64>] = []
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i].overlaps(b[j]) { out.append(a[i].clamped(to: b[j])) }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return out
    }
}
