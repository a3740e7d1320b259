import Foundation
import ZhikuText

/// Impact lists: for every CJK term found in many passages, the passages where it weighs most,
/// built at index time so that a one-term query ranks them instead of every passage that matches.
///
/// FTS5 ranks by computing `bm25()` for each matching row (about 1–3.5 µs each) before it can return
/// the top 10, so 的 or 发展 on a large corpus cost hundreds of milliseconds. For a query of one term
/// BM25 is `idf · f·(k1+1) / (f + k1·(1 − b + b·D/avgdl))`, where only the term's weighted frequency
/// `f` in the passage and the passage length `D` vary: the best passages for the term can be found
/// once, when the index is written. Every indexing run that changes anything rebuilds the lists in
/// the same transaction, so they are never stale; a list keeps the exact `f` and `D` of each
/// passage, and the query recomputes the exact score with the index's current statistics. The
/// result is the same top k as `ORDER BY bm25()` (ties broken by passage id on both paths).
///
/// Terms: an index token that is one or two CJK characters (`研究`, or a run's last character), and a
/// single CJK character as a prefix query (`和*`: every token starting with it), stored as `和*`.
enum Impacts {
    /// Passages kept per term: pages up to `offset + limit` ≤ this are answered from the list.
    static let listLength = 100
    /// Terms found in fewer passages than this get no list: FTS5 ranks them fast enough.
    static let minDocumentFrequency = 500

    /// Bigram terms in at least this many passages, or a thirtieth of them on larger indexes, also
    /// keep every posting (``DensePostings``): about the 230 most frequent bigrams of any corpus
    /// (8% more index on laws), the ones whose conjunctions FTS5 is slowest at.
    static func denseMinimum(rows: Int) -> Int { max(5_000, rows / 30) }

    /// Whether `key` is a two-character token (not one character, not a prefix query).
    @inline(__always)
    static func isBigram(_ key: UInt64) -> Bool { key & (charTag | trigramTag) == 0 && key & 0x1F_FFFF != 0 }

    // MARK: - keys

    static let charTag: UInt64 = 1 << 62
    /// Tags a three-character phrase (`人民政`): three 20-bit code points.
    static let trigramTag: UInt64 = 1 << 63

    /// The key of the phrase of bigram `first` followed by bigram `second` that starts with
    /// `first`'s second character, nil when they do not chain or a character is beyond 20 bits.
    @inline(__always)
    static func trigramKey(_ first: UInt64, _ second: UInt64) -> UInt64? {
        let c1 = first >> 21, c2 = first & 0x1F_FFFF, c2b = second >> 21, c3 = second & 0x1F_FFFF
        guard c2 != 0, c3 != 0, c2 == c2b, c1 < 1 << 20, c2 < 1 << 20, c3 < 1 << 20 else { return nil }
        return trigramTag | c1 << 40 | c2 << 20 | c3
    }

    /// Tags a four-character phrase (`人民政府`): four code points from U+4000 to U+BFFF (the
    /// unified ideographs), 15 bits each.
    static let fourTag: UInt64 = 3 << 62

    /// The key of the four-character phrase that trigram `first` and bigram `last` chain into
    /// (人民政 + 政府 → 人民政府), nil when they do not chain or a character is outside the range.
    @inline(__always)
    static func fourKey(_ trigram: UInt64, _ last: UInt64) -> UInt64? {
        guard isTrigram(trigram) else { return nil }
        let c1 = (trigram >> 40) & 0xF_FFFF, c2 = (trigram >> 20) & 0xF_FFFF, c3 = trigram & 0xF_FFFF
        let c3b = last >> 21, c4 = last & 0x1F_FFFF
        guard c4 != 0, c3 == c3b else { return nil }
        var key = fourTag
        for (i, c) in [c1, c2, c3, c4].enumerated() {
            guard c >= 0x4000, c < 0xC000 else { return nil }
            key |= (c - 0x4000) << (45 - 15 * UInt64(i))
        }
        return key
    }

    @inline(__always) static func isTrigram(_ key: UInt64) -> Bool { key >> 62 == 2 }
    @inline(__always) static func isFour(_ key: UInt64) -> Bool { key >> 62 == 3 }

    /// The characters of a three- or four-character phrase key.
    static func characters(ofPhrase key: UInt64) -> [UInt32] {
        if isFour(key) { return (0..<4).map { UInt32((key >> (45 - 15 * UInt64($0))) & 0x7FFF) + 0x4000 } }
        return [UInt32((key >> 40) & 0xF_FFFF), UInt32((key >> 20) & 0xF_FFFF), UInt32(key & 0xF_FFFF)]
    }

    /// The bigram keys a phrase key chains (two for three characters, three for four).
    static func bigrams(ofPhrase key: UInt64) -> [UInt64] {
        let c = characters(ofPhrase: key).map(UInt64.init)
        return (0..<(c.count - 1)).map { c[$0] << 21 | c[$0 + 1] }
    }

    /// The key of an index token (folded UTF-8, as the tokenizer emits it), nil for tokens that
    /// get no list (words of letters or digits).
    @inline(__always)
    static func tokenKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard let (c1, n1) = scalar(bytes, 0), c1 >= 0x2E80 else { return nil }
        if n1 == bytes.count { return UInt64(c1) << 21 }
        guard let (c2, n2) = scalar(bytes, n1), n1 + n2 == bytes.count, c2 >= 0x2E80 else { return nil }
        return UInt64(c1) << 21 | UInt64(c2)
    }

    /// The key of "every token starting with `c`".
    @inline(__always)
    static func charKey(_ tokenKey: UInt64) -> UInt64 { charTag | (tokenKey >> 21) }

    /// The stored name of a key: the token's text, or the character and `*`.
    static func term(_ key: UInt64) -> String {
        if isTrigram(key) || isFour(key) { return String(scalarValues: characters(ofPhrase: key)) }
        if key & charTag != 0 { return String(scalarValues: [UInt32(key & 0x1F_FFFF)]) + "*" }
        let c1 = UInt32(key >> 21), c2 = UInt32(key & 0x1F_FFFF)
        return String(scalarValues: c2 == 0 ? [c1] : [c1, c2])
    }

    /// The list a one-term query can be answered from: the term as the query tokenizer folds it,
    /// when it is a single CJK character (a prefix query), a single CJK bigram, or three or four
    /// CJK characters (the phrase of two or three chained bigrams).
    static func term(forQuery text: String) -> String? { key(forQuery: text).map(term) }

    /// The key of ``term(forQuery:)``.
    static func key(forQuery text: String) -> UInt64? {
        struct Collect: TokenSink {
            var keys: [UInt64] = []
            var other = false
            mutating func token(_ bytes: UnsafeBufferPointer<UInt8>, byteStart: Int, byteEnd: Int, colocated: Bool) -> Bool {
                if let k = Impacts.tokenKey(bytes) { keys.append(k) } else { other = true }
                return keys.count < 4 && !other
            }
        }
        var sink = Collect()
        Segmenter(mode: .query).segment(text, into: &sink)
        guard !sink.other else { return nil }
        if sink.keys.count == 2 { return trigramKey(sink.keys[0], sink.keys[1]) }
        if sink.keys.count == 3 { return trigramKey(sink.keys[0], sink.keys[1]).flatMap { fourKey($0, sink.keys[2]) } }
        guard sink.keys.count == 1, let key = sink.keys.first else { return nil }
        if key & 0x1F_FFFF == 0 {
            // One character: a prefix query (Query.literal) exactly when it is a lone CJK character.
            return Query.endsWithLoneCJK(text) ? charKey(key) : nil
        }
        return key
    }

    @inline(__always)
    static func scalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int)? {
        guard i < p.count else { return nil }
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 & 0xE0 == 0xC0, i + 1 < p.count { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 & 0xF0 == 0xE0, i + 2 < p.count {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if i + 3 < p.count {
            return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
        }
        return nil
    }

    // MARK: - scoring

    /// One passage of a list: its id, the term's weighted frequency (body 1, heading
    /// ``Searcher/headingWeight``) and the passage's length in tokens (all columns).
    struct Posting: Equatable {
        var passage: Int64
        var frequency: Int32
        var length: Int32
    }

    // MARK: - storage

    /// Postings sorted by passage id, as varints: id delta, frequency, length.
    static func encode(_ postings: [Posting]) -> Data {
        var out = Data()
        out.reserveCapacity(postings.count * 6)
        var last: Int64 = 0
        for p in postings.sorted(by: { $0.passage < $1.passage }) {
            Varint.append(UInt64(p.passage - last), to: &out)
            Varint.append(UInt64(p.frequency), to: &out)
            Varint.append(UInt64(p.length), to: &out)
            last = p.passage
        }
        return out
    }

    static func decode(_ data: Data) -> [Posting] {
        var out: [Posting] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let p = raw.bindMemory(to: UInt8.self)
            var i = 0
            var last: Int64 = 0
            while i < p.count {
                guard let d = Varint.read(p, &i), let f = Varint.read(p, &i), let l = Varint.read(p, &i) else { break }
                last += Int64(d)
                out.append(Posting(passage: last, frequency: Int32(clamping: f), length: Int32(clamping: l)))
            }
        }
        return out
    }
}
