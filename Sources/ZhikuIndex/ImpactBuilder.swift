import Foundation
import GRDB
import ZhikuText

/// Builds the ``Impacts`` lists from every passage in the index, inside the indexing transaction.
///
/// Two streaming passes over the passages, each spread over the cores in chunks: the first, over a
/// sample on large indexes, finds the terms that may occur in at least
/// ``Impacts/minDocumentFrequency`` passages; the second counts those exactly and keeps the
/// ``Impacts/listLength`` passages with the highest single-term BM25 for each. Memory: one counter
/// per distinct sampled term, one bounded buffer per candidate term (shared by the threads), and the
/// passages being counted: all of them when the caller kept them, else two batches read back.
struct ImpactBuilder {
    var listLength = Impacts.listLength
    var minDocumentFrequency = Impacts.minDocumentFrequency
    /// Bigram terms in at least this many passages also get their full postings
    /// (``DensePostings``); nil: ``Impacts/denseMinimum(rows:)``.
    var denseMinimum: Int? = nil
    var chunkSize = 4_096
    /// Chunks read back from the database between two steps of the caller's `step` work.
    var chunksPerStep = 8

    /// What a build found.
    struct Summary: Equatable {
        var passages = 0
        var tokens = 0
        var terms = 0
        var listedTerms = 0
        var denseTerms = 0
    }

    /// Replaces the `impact` table's rows.
    /// - parameters:
    ///   - passages: every passage of the index, in id order, when the caller has them in memory
    ///     (a fresh build): the counting then reads no row and runs on other threads while
    ///     `meanwhile` runs on this one. They are used only if there are as many as FTS5 has rows.
    ///   - step: a short piece of work on `db` (a step of the FTS merge) that this thread does
    ///     while other threads count the passages it read, when they come from the database;
    ///     false when there is none left.
    ///   - meanwhile: work on `db` done before the lists are written (the FTS merge, or what
    ///     `step` left of it).
    @discardableResult
    func rebuild(_ db: Database, passages: [PassageText]? = nil, step: (Database) throws -> Bool = { _ in false },
                 meanwhile: (Database) throws -> Void = { _ in }) throws -> Summary {
        try db.execute(sql: "DELETE FROM impact")
        // The statistics bm25() uses, summed from FTS5's own per-row sizes (exact, and current
        // inside this transaction).
        let stats = try CollectionStatistics.summingRows(db)
        var summary = Summary()
        summary.passages = stats.rows
        summary.tokens = stats.tokens
        guard stats.rows > 0 else {
            try meanwhile(db)
            return summary
        }
        let lists: Lists
        if let passages, passages.count == stats.rows {
            let builder = self
            let box = ResultBox()
            let counting = DetachedWork(name: "zhiku-impact-count") {
                box.lists = builder.count(stats: stats) { every, body in
                    // Chunks of the passages whose ids are multiples of `every`, as the query below.
                    var chunk: [PassageText] = []
                    chunk.reserveCapacity(builder.chunkSize)
                    for p in passages where (every == 1 || p.id % Int64(every) == 0) {
                        chunk.append(p)
                        if chunk.count == builder.chunkSize { body(chunk); chunk.removeAll(keepingCapacity: true) }
                    }
                    if !chunk.isEmpty { body(chunk) }
                }
            }
            do {
                try meanwhile(db)
            } catch {
                counting.wait()
                throw error
            }
            counting.wait()
            lists = box.lists!
        } else {
            var failure: Error? = nil
            var stepping = true
            lists = count(stats: stats) { every, body in
                do {
                    try forEachChunk(db, every: every, body, meanwhile: { db in
                        if stepping { stepping = try step(db) }
                    })
                } catch { failure = failure ?? error }
            }
            if let failure { throw failure }
            try meanwhile(db)
        }
        summary.terms = lists.sampledTerms
        let insert = try db.makeStatement(sql: "INSERT INTO impact(term, df, postings, dense) VALUES (?, ?, ?, ?)")
        let dense = denseMinimum ?? Impacts.denseMinimum(rows: stats.rows)
        for (i, key) in lists.candidates.enumerated() {
            guard let collector = lists.collector else { break }  // no candidates
            let df = Int(collector.documentFrequency[i])
            guard df >= minDocumentFrequency else { continue }
            let heap = collector.heap(i)
            // Phrases (rarer in queries than bigrams) need twice as many passages: the index stays
            // under 2.5× the text.
            let postings = df >= (Impacts.isBigram(key) ? dense : 2 * dense) ? collector.postings(i).map { Data($0) } : nil
            try insert.execute(arguments: [Impacts.term(key), df, Impacts.encode(heap.entries.map(\.posting)), postings])
            summary.listedTerms += 1
            if postings != nil { summary.denseTerms += 1 }
        }
        return summary
    }

    /// What the two passes found: the candidate terms, and their counts and best passages.
    struct Lists {
        var sampledTerms = 0
        var candidates: [UInt64] = []
        /// Per candidate: frequent enough in the sample to be dense; its postings are kept.
        var mayBeDense: [Bool] = []
        var collector: TopCollector?
    }

    private final class ResultBox: @unchecked Sendable {
        var lists: Lists?
    }

    /// The two passes over the passages `forEach(every, body)` hands out in chunks (ids that are
    /// multiples of `every`, increasing). Touches no database itself.
    func count(stats: CollectionStatistics, forEach: (Int, @escaping @Sendable ([PassageText]) -> Void) -> Void) -> Lists {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        var lists = Lists()
        // Pass 1, on a sample of the passages on large indexes: the terms that may be frequent
        // enough. A term the sample misses gets no list and is ranked by FTS5, which is correct.
        // (A function of its own: its counters are released before pass 2 allocates its buffers.)
        let dense = denseMinimum ?? Impacts.denseMinimum(rows: stats.rows)
        var mayBeDense: [Bool]
        (lists.sampledTerms, lists.candidates, mayBeDense) = sampleCandidates(stats: stats, workers: workers, dense: dense, forEach: forEach)
        guard !lists.candidates.isEmpty else { return lists }
        // Three- and four-character phrases of such frequent bigrams (人民政: 人民 民政), from a sample too.
        var denseBigrams = KeyTable(capacity: 256)
        for (i, k) in lists.candidates.enumerated() where mayBeDense[i] { denseBigrams.add(k, 1) }
        var chainable: KeyTable? = nil
        if denseBigrams.count > 0 {
            let (phrases, densePhrases) = sampleTrigrams(stats: stats, workers: workers, of: denseBigrams, dense: dense, forEach: forEach)
            if !phrases.isEmpty {
                chainable = denseBigrams
                // Phrases that may be dense keep their postings too (第三章 管理 intersects 第三章's).
                for k in densePhrases { denseBigrams.add(k, 1) }
                lists.candidates = (lists.candidates + phrases).sorted()
                mayBeDense = lists.candidates.map { denseBigrams.value($0) != nil }
            }
        }
        lists.mayBeDense = mayBeDense

        // Pass 2, on every passage: each candidate's exact document frequency and best passages by
        // the single-term score (the IDF is the same for all of a term's passages).
        var index = KeyTable(capacity: lists.candidates.count)
        for (i, k) in lists.candidates.enumerated() { index.add(k, Int32(i)) }
        let collector = TopCollector(terms: index, size: listLength, averageLength: stats.averageLength, threads: workers,
                                     keepPostings: lists.mayBeDense, chainable: chainable)
        forEach(1) { chunk in collector.add(chunk) }
        lists.collector = collector
        return lists
    }

    /// Pass 1: the number of distinct terms in the sample, the terms frequent enough in it to be
    /// counted exactly, sorted, and which of them may reach `dense` passages (bigrams whose sample
    /// count, scaled up, reaches half of it: the exact count decides).
    private func sampleCandidates(stats: CollectionStatistics, workers: Int, dense: Int,
                                  forEach: (Int, @escaping @Sendable ([PassageText]) -> Void) -> Void) -> (Int, [UInt64], [Bool]) {
        let sampleEvery = max(1, min(8, stats.rows / 4_000))
        let sampled = ImpactBuilder.count(every: sampleEvery, with: (0..<workers).map { _ in FrequencyCounter() }, forEach: forEach)
        let sampleThreshold = sampleEvery == 1 ? minDocumentFrequency : max(1, minDocumentFrequency / (2 * sampleEvery))
        var candidates: [UInt64] = []
        sampled.forEach { k, v in if Int(v) >= sampleThreshold { candidates.append(k) } }
        candidates.sort()
        let mayBeDense = candidates.map { k in
            Impacts.isBigram(k) && Int(sampled.value(k) ?? 0) * sampleEvery * 2 >= dense
        }
        return (sampled.count, candidates, mayBeDense)
    }

    /// Pass 1 for three- and four-character phrases: those whose bigrams are all in `bigrams`,
    /// frequent enough in the sample to be counted exactly, and those that may reach `dense`.
    private func sampleTrigrams(stats: CollectionStatistics, workers: Int, of bigrams: KeyTable, dense: Int,
                                forEach: (Int, @escaping @Sendable ([PassageText]) -> Void) -> Void) -> (all: [UInt64], dense: [UInt64]) {
        // Half as many passages as pass 1: a phrase worth a list is in 500 passages or more, still
        // 30 in this sample, and the pass runs on the indexing's critical path.
        let sampleEvery = max(1, min(16, stats.rows / 2_000))
        let sampled = ImpactBuilder.count(every: sampleEvery, with: (0..<workers).map { _ in TrigramCounter(bigrams: bigrams) }, forEach: forEach)
        let threshold = sampleEvery == 1 ? minDocumentFrequency : max(1, minDocumentFrequency / (2 * sampleEvery))
        var phrases: [UInt64] = [], densePhrases: [UInt64] = []
        sampled.forEach { k, v in
            if Int(v) >= threshold { phrases.append(k) }
            if Int(v) * sampleEvery >= dense { densePhrases.append(k) }  // kept when in twice `dense` (below)
        }
        return (phrases, densePhrases)
    }

    /// The passages whose ids are multiples of `every`, counted on one thread per counter: the
    /// document frequency of each key the counters count, summed.
    private static func count(every: Int, with counters: [SampleCounter],
                              forEach: (Int, @escaping @Sendable ([PassageText]) -> Void) -> Void) -> KeyTable {
        let n = counters.count
        forEach(every) { chunk in
            DispatchQueue.concurrentPerform(iterations: n) { w in
                let c = counters[w]
                for i in stride(from: w, to: chunk.count, by: n) { c.add(chunk[i]) }
            }
        }
        var sampled = counters[0].documentFrequency
        for c in counters.dropFirst() { c.documentFrequency.forEach { k, v in sampled.add(k, v) } }
        return sampled
    }

    /// A passage's text as the FTS table indexes it.
    struct PassageText: Sendable {
        var id: Int64
        /// ``StoredText`` (decoded by the thread that counts it).
        var storedBody: Data
        var heading: String
    }

    /// Passages in id order, `chunkSize` at a time; only ids divisible by `every`.
    /// `body` runs on another thread (it must not touch `db`) while this one reads the next chunks
    /// and runs `meanwhile`, once for every ``chunksPerStep`` chunks.
    func forEachChunk(_ db: Database, every: Int, _ body: @escaping @Sendable ([PassageText]) -> Void,
                      meanwhile: (Database) throws -> Void = { _ in }) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.id, p.body, coalesce(h.path, '') FROM passage p LEFT JOIN heading h ON h.id = p.heading_id
            WHERE p.id % ? = 0 ORDER BY p.id
            """, arguments: [every])
        var counting: DetachedWork? = nil
        defer { counting?.wait() }
        var batch: [[PassageText]] = []
        var chunk: [PassageText] = []
        chunk.reserveCapacity(chunkSize)
        func hand() throws {
            counting?.wait()
            let chunks = batch
            batch = []
            counting = DetachedWork(name: "zhiku-impact-count") { for c in chunks { body(c) } }
            try meanwhile(db)
        }
        while let row = try rows.next() {
            chunk.append(PassageText(id: row[0], storedBody: row[1], heading: row[2]))
            if chunk.count == chunkSize {
                batch.append(chunk)
                chunk = []
                chunk.reserveCapacity(chunkSize)
                if batch.count == chunksPerStep { try hand() }
            }
        }
        if !chunk.isEmpty { batch.append(chunk) }
        if !batch.isEmpty { try hand() }
    }
}

/// Pass 2 of ``ImpactBuilder``: per listed term, its passage count and its best passages, in one
/// flat buffer (an array of arrays paid for a uniqueness check and a cache miss on every offer).
///
/// One collector serves all threads, so the buffers exist once however many cores count: each chunk
/// of passages is first segmented on every thread (a passage's listed terms and their weighted
/// frequencies), then each thread offers the passages, in id order, to the terms it owns (term
/// `t` belongs to thread `t % threads`). Heaps per thread, merged at the end, held `threads` times
/// the memory, which was most of the end of a 300 MB build.
final class TopCollector: @unchecked Sendable {
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
    private let scratch: [UnsafeMutablePointer<TopHeap.Entry>]
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

    /// Term `t`'s kept passages, as a heap.
    func heap(_ t: Int) -> TopHeap {
        var heap = TopHeap(size: size)
        for i in 0..<Int(filled[t]) { heap.offer(entry(entries[t * capacity + i])) }
        return heap
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
                    let score = Impacts.bm25(frequency: Double(f), length: Double(length), idf: 1, averageLength: averageLength)
                    guard score > floor[t] else { continue }
                    offer(t, Impacts.Posting(passage: id, frequency: f, length: length), scratch: room)
                }
            }
        }
    }

    /// `p` with its single-term score (the one the offer loop computed: the same operations).
    @inline(__always)
    private func entry(_ p: Impacts.Posting) -> TopHeap.Entry {
        TopHeap.Entry(score: Impacts.bm25(frequency: Double(p.frequency), length: Double(p.length), idf: 1, averageLength: averageLength),
                      posting: p)
    }

    /// Adds `p` to term `t`'s buffer; a full buffer is cut back to its best `size`, and the worst
    /// of those becomes the term's floor.
    @inline(__always)
    private func offer(_ t: Int, _ p: Impacts.Posting, scratch: UnsafeMutablePointer<TopHeap.Entry>) {
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
    /// (quickselect on ``TopHeap/Entry/worse(than:)``).
    static func selectBest(_ k: Int, of buffer: UnsafeMutablePointer<TopHeap.Entry>, count: Int) {
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

/// One thread's share of a chunk in ``TopCollector``: the ids and lengths of the passages it
/// segmented and, sorted by the thread that owns each term, the listed terms they contain with
/// their weighted frequencies (body 1, heading 2, as ``PassageCounter``).
final class SegmentedPassages: @unchecked Sendable {
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
        assert(Searcher.headingWeight == 2 && Searcher.bodyWeight == 1)
        if tokens.read(p) { headingTerms = tokens.heading.keys.compactMap { table.value($0) } }
        for k in tokens.body.keys {
            guard let t = table.value(k) else { continue }
            if frequency[Int(t)] == 0 { touched.append(t) }
            frequency[Int(t)] += 1
        }
        for t in headingTerms {
            if frequency[Int(t)] == 0 { touched.append(t) }
            frequency[Int(t)] += 2
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
