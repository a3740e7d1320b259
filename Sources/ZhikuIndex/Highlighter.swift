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

/// A window of a passage around its highlights, cut at sentence boundaries where it can be.
public struct Snippet: Hashable, Sendable {
    public var text: String
    /// Highlight ranges in code points of `text`.
    public var highlights: [Range<Int>]

    /// Builds a snippet of about `length` code points of `text` around `highlights` (ranges in
    /// `text`). Starts at the beginning of the sentence holding the first highlight when that fits,
    /// ends at a sentence end when one is near; `…` marks a cut inside a sentence. Line breaks
    /// become spaces.
    public init(text: String, highlights: [Range<Int>], length: Int) {
        let s = text.scalarValues
        let n = s.count
        let length = max(length, 10)
        let newline: UInt32 = 0x0A, space: UInt32 = 0x20
        if n <= length {
            self.text = text.utf8.contains(0x0A) ? String(scalarValues: s.lazy.map { $0 == newline ? space : $0 }) : text
            self.highlights = highlights
            return
        }
        let sentences = SentenceSplitter.sentenceRanges(values: s)
        // The window that holds the most highlights, starting at one of them.
        var bestStart = highlights.first?.lowerBound ?? 0
        var bestCount = 0
        for h in highlights {
            var count = 0
            for o in highlights where o.lowerBound >= h.lowerBound && o.upperBound <= h.lowerBound + length { count += 1 }
            if count > bestCount { bestCount = count; bestStart = h.lowerBound }
        }
        var start = bestStart
        if let sentence = sentences.first(where: { $0.contains(bestStart) }), bestStart - sentence.lowerBound <= length / 2 {
            start = sentence.lowerBound
        } else {
            start = max(0, bestStart - length / 4)
        }
        var end = min(n, start + length)
        if end < n, let sentenceEnd = sentences.last(where: { $0.upperBound <= end && $0.upperBound > start + length / 2 })?.upperBound {
            end = sentenceEnd
        }
        // Do not end inside a highlight.
        if let h = highlights.first(where: { $0.lowerBound < end && $0.upperBound > end }) { end = min(n, h.upperBound) }
        let cutStart = start > 0 && !sentences.contains(where: { $0.lowerBound == start })
        let cutEnd = end < n && !sentences.contains(where: { $0.upperBound == end })
        var out: [UInt32] = []
        out.reserveCapacity(end - start + 2)
        let ellipsis: UInt32 = 0x2026
        if cutStart { out.append(ellipsis) }
        for v in s[start..<end] { out.append(v == newline ? space : v) }
        if cutEnd { out.append(ellipsis) }
        let shift = (cutStart ? 1 : 0) - start
        self.text = String(scalarValues: out)
        self.highlights = highlights.compactMap { h in
            let lo = max(h.lowerBound, start), hi = min(h.upperBound, end)
            return lo < hi ? (lo + shift)..<(hi + shift) : nil
        }
    }

    /// The snippet with `pre`/`post` around each highlight.
    public func marked(pre: String, post: String) -> String {
        let s = Array(text.unicodeScalars)
        var out = ""
        var i = 0
        for h in highlights where h.lowerBound >= i && h.upperBound <= s.count {
            out += String(scalars: s[i..<h.lowerBound])
            out += pre
            out += String(scalars: s[h])
            out += post
            i = h.upperBound
        }
        out += String(scalars: s[i...])
        return out
    }
}
