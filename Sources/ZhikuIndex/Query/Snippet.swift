import ZhikuText

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
