import ZhikuText

/// Finds where query terms occur in a passage, in Unicode code points, by running the same
/// segmenter as the index over the passage and matching each term's tokens as a phrase.
///
/// Because FTS5 matched with exactly these tokens, the ranges here are exactly what it matched.
public struct Highlighter: Sendable {
    /// Each term's query tokens.
    let terms: [[String]]

    public init(terms: [String]) {
        let seg = Segmenter(mode: .query)
        self.terms = terms.map { seg.tokens(in: $0).map(\.text) }.filter { !$0.isEmpty }
    }

    /// A position of the document-side token stream: its unigram or word, the colocated bigram,
    /// and their ranges in code points.
    struct Slot {
        var token: String
        var range: Range<Int>
        var bigram: String?
        var bigramRange: Range<Int>?
    }

    static func slots(of text: String) -> [Slot] {
        // UTF-8 byte offset → code point offset.
        var byteToScalar: [Int] = []
        byteToScalar.reserveCapacity(text.utf8.count + 1)
        var scalarIndex = 0
        for s in text.unicodeScalars {
            for _ in 0..<UTF8.width(s) { byteToScalar.append(scalarIndex) }
            scalarIndex += 1
        }
        byteToScalar.append(scalarIndex)
        var slots: [Slot] = []
        for t in Segmenter(mode: .expanded).tokens(in: text) {
            let r = byteToScalar[t.utf8Range.lowerBound]..<byteToScalar[t.utf8Range.upperBound]
            if t.colocated, !slots.isEmpty {
                slots[slots.count - 1].bigram = t.text
                slots[slots.count - 1].bigramRange = r
            } else {
                slots.append(Slot(token: t.text, range: r))
            }
        }
        return slots
    }

    /// Merged, sorted ranges of every occurrence of every term, and which terms occur.
    public func matches(in text: String) -> (ranges: [Range<Int>], termsFound: Set<Int>) {
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
                    } else if slot.bigram == tok, let br = slot.bigramRange {
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
        let s = Array(text.unicodeScalars)
        let n = s.count
        let length = max(length, 10)
        if n <= length {
            self.text = String(String.UnicodeScalarView(s.map { $0 == "\n" ? " " : $0 }))
            self.highlights = highlights
            return
        }
        let sentences = SentenceSplitter.sentenceRanges(s)
        // The window that holds the most highlights, starting at one of them.
        var bestStart = highlights.first?.lowerBound ?? 0
        var bestCount = 0
        for h in highlights {
            let count = highlights.filter { $0.lowerBound >= h.lowerBound && $0.upperBound <= h.lowerBound + length }.count
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
        var out = String.UnicodeScalarView()
        if cutStart { out.append("…") }
        out.append(contentsOf: s[start..<end].map { $0 == "\n" ? " " : $0 })
        if cutEnd { out.append("…") }
        let shift = (cutStart ? 1 : 0) - start
        self.text = String(out)
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
            out.unicodeScalars.append(contentsOf: s[i..<h.lowerBound])
            out += pre
            out.unicodeScalars.append(contentsOf: s[h])
            out += post
            i = h.upperBound
        }
        out.unicodeScalars.append(contentsOf: s[i...])
        return out
    }
}
