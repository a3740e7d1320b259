import ZhikuText

/// Finds where query terms occur in a passage, in Unicode code points, by running the same
/// segmenter as the index over the passage and matching each term's tokens as a phrase.
///
/// Because FTS5 matched with exactly these tokens, the ranges here are exactly what it matched.
public struct Highlighter: Sendable {
    /// Each term's query tokens, as hashes of their folded bytes.
    let terms: [[UInt64]]
    /// Each term's folded code points, when every term is CJK characters only: such a term's tokens
    /// match exactly where its folded characters occur in the folded text, so the passage needs no
    /// segmenting (most of the cost of a search's page of hits).
    let cjkTerms: [[UInt32]]?

    public init(terms: [String]) {
        let seg = Segmenter(mode: .query)
        var hashed: [[UInt64]] = []
        var cjk: [[UInt32]]? = []
        for term in terms {
            var sink = HashingSink()
            seg.segment(term, into: &sink)
            guard !sink.tokens.isEmpty else { continue }
            hashed.append(sink.tokens.map(\.hash))
            let folded = term.unicodeScalars.map { Folding.fold($0.value) }
            if folded.allSatisfy(CharClass.isCJK) { cjk?.append(folded) } else { cjk = nil }
        }
        self.terms = hashed
        cjkTerms = cjk
    }

    /// A position of the expanded token stream: its unigram or word and the colocated bigram
    /// (hashes), with their ranges in code points.
    struct Slot {
        var token: UInt64
        var range: Range<Int>
        var bigram: UInt64 = 0
        var bigramRange: Range<Int>? = nil
    }

    /// Collects tokens as (FNV-1a hash, byte range, colocated) without building a String per token.
    struct HashingSink: TokenSink {
        var tokens: [(hash: UInt64, start: Int, end: Int, colocated: Bool)] = []
        mutating func token(_ bytes: UnsafeBufferPointer<UInt8>, byteStart: Int, byteEnd: Int, colocated: Bool) -> Bool {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            tokens.append((h, byteStart, byteEnd, colocated))
            return true
        }
    }

    static func slots(of text: String) -> [Slot] {
        var copy = text
        return copy.withUTF8 { utf8 -> [Slot] in
            // UTF-8 byte offset → code point offset (continuation bytes never start a token).
            var byteToScalar = [Int](repeating: 0, count: utf8.count + 1)
            var scalarIndex = 0
            for (i, b) in utf8.enumerated() {
                if b & 0xC0 != 0x80 { scalarIndex += 1 }
                byteToScalar[i] = scalarIndex - 1
            }
            byteToScalar[utf8.count] = scalarIndex
            var sink = HashingSink()
            sink.tokens.reserveCapacity(utf8.count / 2)
            Segmenter(mode: .expanded).segment(utf8, into: &sink)
            var slots: [Slot] = []
            slots.reserveCapacity(sink.tokens.count)
            for t in sink.tokens {
                let r = byteToScalar[t.start]..<byteToScalar[t.end]
                if t.colocated, !slots.isEmpty {
                    slots[slots.count - 1].bigram = t.hash
                    slots[slots.count - 1].bigramRange = r
                } else {
                    slots.append(Slot(token: t.hash, range: r))
                }
            }
            return slots
        }
    }

    /// Merged, sorted ranges of every occurrence of every term, and which terms occur.
    public func matches(in text: String) -> (ranges: [Range<Int>], termsFound: Set<Int>) {
        guard let cjkTerms else { return tokenMatches(in: text) }
        var folded: [UInt32] = []
        var text = text
        text.withUTF8 { b in
            folded.reserveCapacity(b.count / 2)
            UTF8Bytes.forEachValue(b) { folded.append(Folding.fold($0)); return true }
        }
        var ranges: [Range<Int>] = []
        var found = Set<Int>()
        folded.withUnsafeBufferPointer { f in
            for (ti, term) in cjkTerms.enumerated() where term.count <= f.count {
                let first = term[0]
                for p in 0...(f.count - term.count) where f[p] == first {
                    var j = 1
                    while j < term.count && f[p + j] == term[j] { j += 1 }
                    if j == term.count {
                        ranges.append(p..<(p + term.count))
                        found.insert(ti)
                    }
                }
            }
        }
        return (Highlighter.merge(ranges), found)
    }

    /// ``matches(in:)`` by segmenting `text` as the index does and matching each term's tokens.
    func tokenMatches(in text: String) -> (ranges: [Range<Int>], termsFound: Set<Int>) {
        let slots = Highlighter.slots(of: text)
        var ranges: [Range<Int>] = []
        var found = Set<Int>()
        for (ti, tokens) in terms.enumerated() {
            guard tokens.count <= slots.count else { continue }
            for p in 0...(slots.count - tokens.count) {
                var ok = true
                var end = slots[p].range.upperBound
                for (j, tok) in tokens.enumerated() {
                    let slot = slots[p + j]
                    if slot.token == tok {
                        end = max(end, slot.range.upperBound)
                    } else if let br = slot.bigramRange, slot.bigram == tok {
                        end = max(end, br.upperBound)
                    } else {
                        ok = false
                        break
                    }
                }
                if ok {
                    ranges.append(slots[p].range.lowerBound..<end)
                    found.insert(ti)
                }
            }
        }
        return (Highlighter.merge(ranges), found)
    }

    static func merge(_ ranges: [Range<Int>]) -> [Range<Int>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var out: [Range<Int>] = []
        for r in sorted {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }
}
