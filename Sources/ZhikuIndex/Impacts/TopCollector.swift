import Foundation
import GRDB
import ZhikuText

/// Pass 2 of ``ImpactBuilder``: per listed term, its passage count and its best passages, in one
/// flat buffer (an array of arrays paid for a uniqueness check and a cache miss on every offer).
///
/// One collector serves all threads, so the buffers exist once however many cores count: each chunk
/// of passages is first segmented on every thread (a passage's listed terms and their weighted
/// frequencies), then each thread offers the passages, in id order, to the terms it owns (term
/// `t` belongs to thread `t % threads`). Heaps per thread, merged at the end, held `threads` times
/// the memory, which was most of the end of a 300 MB build.
final class TopCollector: @unchecked Sendable {  // a thread touches only the heaps of the terms it owns (t % threads)
    /// Listed term → index.
    let terms: KeyTable
    let averageLength: Double
    let size: Int
    let threads: Int
    private let termCount: Int
    /// Per term a buffer of `capacity` postings, its first `filled[t]` in use. An offer appends;
    /// a full buffer keeps its best `size` (scored again and selected, not sorted), so an offer
    /// costs one write where a heap's was a sift through entries scattered over the whole buffer.
    /// Postings without their scores (16 bytes, not 24) make 1.5 × `size` of them take the memory
    /// of `size` heap entries.
    private let entries: UnsafeMutablePointer<Impacts.Posting>
    private let filled: UnsafeMutablePointer<Int32>
    private let capacity: Int
    /// Per thread, room to score one full buffer for the selection.
    private let scratch: [UnsafeMutablePointer<ImpactEntry>]
    /// Per term, the score a passage must beat to enter its buffer: the worst of the best `size`
    /// when the buffer was last cut back (passages come in increasing id order, so an equal score
    /// loses). Most offers end at this test.
    private let floor: UnsafeMutablePointer<Double>
    /// Passages seen that contain each term.
    let documentFrequency: UnsafeMutablePointer<Int32>
    /// Per thread, the listed terms of the passages it segmented from the current chunk.
    private let segmented: [SegmentedPassages]
    /// Per term kept whole: every passage, encoded as ``DensePostings``; the id of the last one.
    private let dense: UnsafeMutablePointer<DensePostings.Writer?>

    /// - parameter chainable: the bigrams whose phrases are candidates (nil: no phrase is).
    init(terms: KeyTable, size: Int, averageLength: Double, threads: Int, keepPostings: [Bool] = [], chainable: KeyTable? = nil) {
        self.terms = terms
        self.averageLength = averageLength
        self.size = size
        self.threads = max(1, threads)
        precondition(size > 0)
        termCount = max(1, terms.count)
        capacity = size + (size + 1) / 2
        entries = .allocate(capacity: termCount * capacity)
        scratch = (0..<self.threads).map { [capacity] _ in .allocate(capacity: capacity) }
        filled = .allocate(capacity: termCount)
        filled.initialize(repeating: 0, count: termCount)
        floor = .allocate(capacity: termCount)
        floor.initialize(repeating: -.infinity, count: termCount)
        documentFrequency = .allocate(capacity: termCount)
        documentFrequency.initialize(repeating: 0, count: termCount)
        segmented = (0..<self.threads).map { [threads = self.threads] _ in
            SegmentedPassages(termCount: max(1, terms.count), owners: threads, chainable: chainable)
        }
        dense = .allocate(capacity: termCount)
        dense.initialize(repeating: nil, count: termCount)
        for (t, keep) in keepPostings.enumerated() where keep && t < termCount { dense[t] = DensePostings.Writer() }
    }

    deinit {
        entries.deallocate()
        for s in scratch { s.deallocate() }
        filled.deallocate()
        floor.deallocate()
        documentFrequency.deallocate()
        dense.deinitialize(count: termCount)
        dense.deallocate()
    }

    /// Term `t`'s postings, when they were kept.
    func postings(_ t: Int) -> [UInt8]? { dense[t]?.bytes }

    /// Term `t`'s kept passages, the best ``size`` of them.
    func best(_ t: Int) -> TopK<ImpactEntry> {
        var top = TopK<ImpactEntry>(keep: size)
        for i in 0..<Int(filled[t]) { top.offer(entry(entries[t * capacity + i])) }
        return top
    }

    /// Counts a chunk of passages (in increasing id order) on `threads` threads.
    func add(_ chunk: [ImpactBuilder.PassageText]) {
        let n = threads
        DispatchQueue.concurrentPerform(iterations: n) { w in
            let s = segmented[w]
            s.removeAll()
            for i in stride(from: w, to: chunk.count, by: n) { s.add(chunk[i], terms: terms) }
        }
        DispatchQueue.concurrentPerform(iterations: n) { w in
            // This thread's terms of every passage, in passage order: passage i was segmented by
            // thread i % n, and is that thread's (i / n)th.
            var next = [Int](repeating: 0, count: n)
            let room = scratch[w]
            for i in chunk.indices {
                let s = segmented[i % n], local = i / n
                let id = s.ids[local], length = s.lengths[local]
                let owned = s.owned[w]
                let end = Int(owned.ends[local])
                var j = next[i % n]
                next[i % n] = end
                while j < end {
                    let t = Int(owned.terms[j]), f = owned.frequencies[j]
                    j += 1
                    documentFrequency[t] += 1
                    if dense[t] != nil { dense[t]!.append(passage: id, frequency: f) }  // this thread owns term t
                    let score = BM25.termScore(frequency: Double(f), length: Double(length), idf: 1, averageLength: averageLength)
                    guard score > floor[t] else { continue }
                    offer(t, Impacts.Posting(passage: id, frequency: f, length: length), scratch: room)
                }
            }
        }
    }

    /// `p` with its single-term score (the one the offer loop computed: the same operations).
    @inline(__always)
    private func entry(_ p: Impacts.Posting) -> ImpactEntry {
        ImpactEntry(score: BM25.termScore(frequency: Double(p.frequency), length: Double(p.length), idf: 1, averageLength: averageLength),
                      posting: p)
    }

    /// Adds `p` to term `t`'s buffer; a full buffer is cut back to its best `size`, and the worst
    /// of those becomes the term's floor.
    @inline(__always)
    private func offer(_ t: Int, _ p: Impacts.Posting, scratch: UnsafeMutablePointer<ImpactEntry>) {
        let buffer = entries + t * capacity
        let n = Int(filled[t])
        buffer[n] = p
        if n + 1 < capacity {
            filled[t] = Int32(n + 1)
            return
        }
        for i in 0..<capacity { scratch[i] = entry(buffer[i]) }
        TopCollector.selectBest(size, of: scratch, count: capacity)
        var worst = scratch[0].score
        for i in 0..<size {
            buffer[i] = scratch[i].posting
            if scratch[i].score < worst { worst = scratch[i].score }
        }
        filled[t] = Int32(size)
        floor[t] = worst
    }

    /// Moves the best `k` of `buffer[0..<count]` to its front, in no particular order
    /// (quickselect on ``ImpactEntry/worse(than:)``).
    static func selectBest(_ k: Int, of buffer: UnsafeMutablePointer<ImpactEntry>, count: Int) {
        guard k > 0, k < count else { return }
        var lo = 0, hi = count - 1
        while lo < hi {
            // Median of three as the pivot; better entries go left.
            let mid = lo + (hi - lo) / 2
            if buffer[hi].worse(than: buffer[lo]) == false { (buffer[lo], buffer[hi]) = (buffer[hi], buffer[lo]) }
            if buffer[mid].worse(than: buffer[lo]) == false { (buffer[lo], buffer[mid]) = (buffer[mid], buffer[lo]) }
            if buffer[hi].worse(than: buffer[mid]) == false { (buffer[mid], buffer[hi]) = (buffer[hi], buffer[mid]) }
            let pivot = buffer[mid]
            var i = lo, j = hi
            while i <= j {
                while pivot.worse(than: buffer[i]) { i += 1 }
                while buffer[j].worse(than: pivot) { j -= 1 }
                if i <= j {
                    (buffer[i], buffer[j]) = (buffer[j], buffer[i])
                    i += 1
                    j -= 1
                }
            }
            // buffer[lo...j] are no worse than the pivot, buffer[i...hi] no better.
            if k - 1 <= j { hi = j } else if k - 1 >= i { lo = i } else { return }
        }
    }
}

/// A passage of a term's impact list with its single-term score.
struct ImpactEntry: Ranked {
    var score: Double
    var posting: Impacts.Posting
    var passage: Int64 { posting.passage }

    /// Whether `self` ranks below `other` (``RankOrder``).
    @inline(__always)
    func worse(than other: ImpactEntry) -> Bool {
        RankOrder.precedes(score: other.score, passage: other.posting.passage, score: score, passage: posting.passage)
    }
}
