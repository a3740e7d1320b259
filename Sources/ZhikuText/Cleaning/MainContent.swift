/// Finds the main content of a page by text density and link density, the method of Readability
/// (paragraph scores flow to the elements holding them; the best-scoring element, discounted by its
/// link density, is the article; siblings that score well enough join it) with Boilerpipe's
/// block-level link-density filter inside it.
///
/// Nothing here knows a site: no class names, no phrases.
enum MainContent {
    /// Lines shorter than this are labels, links or controls, not paragraphs: they add nothing to
    /// an element's score (Readability's 25 characters; in Chinese 25 characters is one sentence).
    static let minScoredCount = 25
    /// Each comma adds one point to a paragraph (sentences with clauses are prose, not menus), each
    /// full 100 characters one more, at most ``maxLengthPoints``.
    static let maxLengthPoints = 3
    /// Siblings of the best element join it when they score this share of it (Readability's 0.2)…
    static let siblingShare = 0.2
    /// …or at least this many points (Readability's 10).
    static let siblingMinimum = 10.0
    /// A block inside the content whose text is mostly link text is navigation (Boilerpipe calls a
    /// block with more than a third link text boilerplate; bodies citing documents by link keep
    /// up to half).
    static let maxLinkDensity = 0.5

    /// The blocks that make up the main content, in page order; all of them (less furniture) when
    /// no element holds enough prose to decide.
    static func select(_ blocks: [PageBlock], in doc: HTMLDocument) -> [PageBlock] {
        let n = doc.elements.count
        guard n > 0 else { return blocks }
        var score = [Double](repeating: 0, count: n)
        var chars = [Int](repeating: 0, count: n)
        var links = [Int](repeating: 0, count: n)
        var scored = [Bool](repeating: false, count: n)

        for b in blocks where b.owner >= 0 && !b.furniture {
            // Text and link totals go to every ancestor.
            var e = b.owner
            while e >= 0 {
                chars[e] += b.count
                links[e] += b.linkCount
                e = doc.elements[e].parent
            }
            guard b.count >= minScoredCount, b.kind != .row || b.count >= minScoredCount else { continue }
            let points = 1 + Double(commas(b.text)) + Double(min(b.count / 100, maxLengthPoints))
            // The holder and its parent take the paragraph's points whole, the grandparent half,
            // further ancestors a third of that per level (Readability's decay).
            e = b.owner
            var level = 0
            while e >= 0 && level < 5 {
                let share = level <= 1 ? 1.0 : (level == 2 ? 0.5 : 1.0 / Double(level * 3))
                score[e] += points * share
                scored[e] = true
                e = doc.elements[e].parent
                level += 1
            }
        }
        var best = -1
        var bestScore = 0.0
        var final = [Double](repeating: 0, count: n)
        for e in 0..<n where scored[e] {
            let density = chars[e] > 0 ? Double(links[e]) / Double(chars[e]) : 0
            final[e] = score[e] * (1 - density)
            if final[e] > bestScore { bestScore = final[e]; best = e }
        }
        guard best >= 0 else { return blocks.filter { !$0.furniture } }

        // The best element and its siblings that score well enough.
        let parent = doc.elements[best].parent
        let threshold = max(siblingMinimum, bestScore * siblingShare)
        var included = Set<Int>([best])
        for e in 0..<n where e != best && doc.elements[e].parent == parent && parent >= 0 {
            if final[e] >= threshold { included.insert(e) }
        }
        /// The ancestor of `e` that is a child of `parent` (or `best` itself).
        func memberOf(_ e: Int) -> Bool {
            var x = e
            while x >= 0 {
                if included.contains(x) { return true }
                if doc.elements[x].parent == parent { return false }
                x = doc.elements[x].parent
            }
            return false
        }
        return blocks.filter { b in
            guard b.owner >= 0, !b.furniture, memberOf(b.owner) else { return false }
            if b.kind == .row { return true }
            return b.count == 0 || Double(b.linkCount) / Double(b.count) <= maxLinkDensity
        }
    }

    static func commas(_ s: String) -> Int {
        var n = 0
        for u in s.unicodeScalars {
            switch u { case "，", ",", "、", "；", ";": n += 1; default: break }
        }
        return n
    }
}
