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
            let heap = collector.best(i)
            // Phrases (rarer in queries than bigrams) need twice as many passages: the index stays
            // under 2.5× the text.
            let postings = df >= (Impacts.isBigram(key) ? dense : 2 * dense) ? collector.postings(i).map { Data($0) } : nil
            try insert.execute(arguments: [Impacts.term(key), df, Impacts.encode(heap.items.map(\.posting)), postings])
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

    private final class ResultBox: @unchecked Sendable {  // written once by its worker, read after the worker is joined
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
