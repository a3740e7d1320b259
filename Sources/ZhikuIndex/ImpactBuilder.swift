import Foundation
import GRDB
import ZhikuText

/// Builds the ``Impacts`` lists from every passage in the index, inside the indexing transaction.
///
/// Two streaming passes over the passages, each spread over the cores in chunks: the first, over a
/// sample on large indexes, finds the terms that may occur in at least
/// ``Impacts/minDocumentFrequency`` passages; the second counts those exactly and keeps the
/// ``Impacts/listLength`` passages with the highest single-term BM25 for each. Memory: one counter
/// per distinct sampled term, one bounded heap per candidate term, two chunks of passages.
struct ImpactBuilder {
    var listLength = Impacts.listLength
    var minDocumentFrequency = Impacts.minDocumentFrequency
    var chunkSize = 4_096

    /// What a build found.
    struct Summary: Equatable {
        var passages = 0
        var tokens = 0
        var terms = 0
        var listedTerms = 0
    }

    /// Replaces the `impact` table's rows.
    @discardableResult
    func rebuild(_ db: Database) throws -> Summary {
        try db.execute(sql: "DELETE FROM impact")
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 4))
        var summary = Summary()

        // The statistics bm25() uses, summed from FTS5's own per-row sizes (exact, and current
        // inside this transaction).
        let stats = try CollectionStatistics.summingRows(db)
        summary.passages = stats.rows
        summary.tokens = stats.tokens
        guard stats.rows > 0 else { return summary }

        // Pass 1, on a sample of the passages on large indexes: the terms that may be frequent
        // enough. A term the sample misses gets no list and is ranked by FTS5, which is correct.
        let sampleEvery = max(1, min(8, stats.rows / 4_000))
        let counters = (0..<workers).map { _ in FrequencyCounter() }
        try forEachChunk(db, every: sampleEvery) { chunk in
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let c = counters[w]
                for i in stride(from: w, to: chunk.count, by: workers) { c.add(chunk[i]) }
            }
        }
        var sampled = counters[0].documentFrequency
        for c in counters.dropFirst() { c.documentFrequency.forEach { k, v in sampled.add(k, v) } }
        summary.terms = sampled.count
        let sampleThreshold = sampleEvery == 1 ? minDocumentFrequency : max(1, minDocumentFrequency / (2 * sampleEvery))
        var candidates: [UInt64] = []
        sampled.forEach { k, v in if Int(v) >= sampleThreshold { candidates.append(k) } }
        candidates.sort()
        guard !candidates.isEmpty else { return summary }

        // Pass 2, on every passage: each candidate's exact document frequency and best passages by
        // the single-term score (the IDF is the same for all of a term's passages).
        var index = KeyTable(capacity: candidates.count)
        for (i, k) in candidates.enumerated() { index.add(k, Int32(i)) }
        let collectors = (0..<workers).map { _ in
            TopCollector(terms: index, size: listLength, averageLength: stats.averageLength)
        }
        try forEachChunk(db, every: 1) { chunk in
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                let c = collectors[w]
                for i in stride(from: w, to: chunk.count, by: workers) { c.add(chunk[i]) }
            }
        }
        let insert = try db.makeStatement(sql: "INSERT INTO impact(term, df, postings) VALUES (?, ?, ?)")
        for (i, key) in candidates.enumerated() {
            let df = collectors.reduce(0) { $0 + Int($1.documentFrequency[i]) }
            guard df >= minDocumentFrequency else { continue }
            var heap = collectors[0].heaps[i]
            for c in collectors.dropFirst() { heap.merge(c.heaps[i]) }
            try insert.execute(arguments: [Impacts.term(key), df, Impacts.encode(heap.entries.map(\.posting))])
            summary.listedTerms += 1
        }
        return summary
    }

    /// A passage's text as the FTS table indexes it.
    struct PassageText: Sendable {
        var id: Int64
        /// ``StoredText`` (decoded by the thread that counts it).
        var storedBody: Data
        var heading: String
    }

    /// Passages in id order, `chunkSize` at a time; only ids divisible by `every`.
    /// `body` runs on another thread while the next chunk is read (it must not touch `db`).
    func forEachChunk(_ db: Database, every: Int, _ body: @escaping @Sendable ([PassageText]) -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT p.id, p.body, coalesce(h.path, '') FROM passage p LEFT JOIN heading h ON h.id = p.heading_id
            WHERE p.id % ? = 0 ORDER BY p.id
            """, arguments: [every])
        let group = DispatchGroup()
        defer { group.wait() }
        var chunk: [PassageText] = []
        chunk.reserveCapacity(chunkSize)
        func hand(_ c: [PassageText]) {
            group.wait()
            DispatchQueue.global().async(group: group) { body(c) }
        }
        while let row = try rows.next() {
            chunk.append(PassageText(id: row[0], storedBody: row[1], heading: row[2]))
            if chunk.count == chunkSize {
                hand(chunk)
                chunk = []
                chunk.reserveCapacity(chunkSize)
            }
        }
        if !chunk.isEmpty { hand(chunk) }
    }
}

/// The keys of a passage's tokens: each CJK token and its first character.
struct PassageTerms: TokenSink {
    var keys: [UInt64] = []
    var tokens = 0

    mutating func token(_ bytes: UnsafeBufferPointer<UInt8>, byteStart: Int, byteEnd: Int, colocated: Bool) -> Bool {
        if !colocated { tokens += 1 }
        if let k = Impacts.tokenKey(bytes) {
            keys.append(k)
            keys.append(Impacts.charKey(k))
        }
        return true
    }
}

/// Counts the weighted term frequencies of one passage after another (one per thread): body
/// occurrences count 1, heading occurrences 2, as ``Searcher``'s `bm25()` weights them. A heading
/// shared by consecutive passages is segmented once.
struct PassageCounter {
    var counts = KeyTable(capacity: 2048)
    private var body = PassageTerms()
    private var heading = PassageTerms()
    private var lastHeading: String? = nil
    private let segmenter = Segmenter(mode: .document)

    /// Counts `p`; the counts are in `counts` until the next call. Returns the passage's length in
    /// tokens, all columns (what FTS5's `xColumnSize(-1)` reports).
    mutating func count(_ p: ImpactBuilder.PassageText) -> Int {
        counts.removeAll()
        body.keys.removeAll(keepingCapacity: true)
        body.tokens = 0
        segmenter.segment(StoredText.decode(p.storedBody), into: &body)
        if p.heading != lastHeading {
            heading.keys.removeAll(keepingCapacity: true)
            heading.tokens = 0
            if !p.heading.isEmpty { segmenter.segment(p.heading, into: &heading) }
            lastHeading = p.heading
        }
        assert(Searcher.headingWeight == 2 && Searcher.bodyWeight == 1)
        for k in body.keys { counts.add(k, 1) }
        for k in heading.keys { counts.add(k, 2) }
        return body.tokens + heading.tokens
    }
}

/// Pass 1 of ``ImpactBuilder``, one per thread.
final class FrequencyCounter: @unchecked Sendable {
    var documentFrequency = KeyTable(capacity: 1 << 16)
    private var counter = PassageCounter()

    func add(_ p: ImpactBuilder.PassageText) {
        _ = counter.count(p)
        counter.counts.forEach { key, _ in documentFrequency.add(key, 1) }
    }
}

/// Pass 2 of ``ImpactBuilder``, one per thread.
final class TopCollector: @unchecked Sendable {
    /// Listed term → index in `heaps`.
    let terms: KeyTable
    let averageLength: Double
    var heaps: [TopHeap]
    /// Passages seen that contain each term.
    var documentFrequency: [Int32]
    private var counter = PassageCounter()

    init(terms: KeyTable, size: Int, averageLength: Double) {
        self.terms = terms
        self.averageLength = averageLength
        heaps = Array(repeating: TopHeap(size: size), count: terms.count)
        documentFrequency = Array(repeating: 0, count: terms.count)
        floor = Array(repeating: -Double.infinity, count: terms.count)
    }

    /// Per term, the score a passage must beat to enter its full heap (passages come in increasing
    /// id order, so an equal score loses): most offers end at this test.
    private var floor: [Double]

    func add(_ p: ImpactBuilder.PassageText) {
        let length = counter.count(p)
        let counts = counter.counts
        for slot in counts.used {
            let key = counts.keys[Int(slot)], frequency = counts.values[Int(slot)]
            guard let h32 = terms.value(key) else { continue }
            let h = Int(h32)
            documentFrequency[h] += 1
            let score = Impacts.bm25(frequency: Double(frequency), length: Double(length), idf: 1, averageLength: averageLength)
            guard score > floor[h] else { continue }
            heaps[h].offer(TopHeap.Entry(score: score, posting: Impacts.Posting(passage: p.id, frequency: frequency, length: Int32(clamping: length))))
            if let root = heaps[h].root { floor[h] = root.score }
        }
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

    /// The worst kept entry, once the heap is full.
    var root: Entry? { entries.count == size ? entries.first : nil }

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

    mutating func merge(_ other: TopHeap) {
        for e in other.entries { offer(e) }
    }
}
