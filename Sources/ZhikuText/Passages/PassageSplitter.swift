/// Splits a cleaned document into passages under their headings.
///
/// Every body line belongs to exactly one passage, so joining the passages' text with `\n`
/// gives the document body back: nothing is lost or duplicated. A heading line with no text of its
/// own is kept with the paragraph that follows it. Paragraphs longer than ``maxScalars`` are cut at
/// sentence ends; consecutive paragraphs shorter than ``minScalars`` are kept together, and so are
/// consecutive short numbered items (第X条, 1., （1）) up to ``itemScalars``. A table's rows are never
/// split; a piece of a long table has the table's header row as the last of its headings.
public struct PassageSplitter: Sendable {
    public var maxScalars: Int
    public var minScalars: Int
    /// Consecutive short numbered items are kept together up to this many code points.
    public var itemScalars: Int

    public init(maxScalars: Int = 300, minScalars: Int = 60, itemScalars: Int = 200) {
        self.maxScalars = maxScalars
        self.minScalars = minScalars
        self.itemScalars = itemScalars
    }

    /// The passages of `lines` (the body, title line excluded).
    public func passages(of lines: [String]) -> [Passage] {
        var state = Continuation()
        return passages(of: lines, continuing: &state, final: true)
    }

    /// Where splitting stands after some lines of a document: the headings open, the passage
    /// being built, the next passage number and code-point offset. A document read in parts (a
    /// file too large to hold whole) is split part after part with one continuation, into the
    /// passages that splitting all its lines at once gives (a table cut by a part's end aside: its
    /// rows after the cut start a table of their own).
    public struct Continuation: Sendable {
        var stack: [Heading] = []
        var pending: [Unicode.Scalar] = []
        var pendingStart = 0
        var pendingPath: [String] = []
        var pendingHasBody = false
        var pendingItemParent: [String]? = nil
        var innerPath: [String] = []
        var innerFrom = 0
        var offset = 0
        var linesSeen = 0
        /// The number the next passage gets.
        public internal(set) var nextNumber = 1

        public init() {}
    }

    /// The passages of `lines`, which follow the lines `state` has seen (numbered and placed
    /// after theirs). Unless `final`, the passage being built at the end stays in `state`, to be
    /// continued by the next lines.
    public func passages(of lines: [String], continuing state: inout Continuation, final: Bool) -> [Passage] {
        var result: [Passage] = []
        var stack = state.stack
        var pending = state.pending  // text of the passage being built
        var pendingStart = state.pendingStart
        var pendingPath = state.pendingPath
        var pendingHasBody = state.pendingHasBody
        var pendingItemParent = state.pendingItemParent  // headings above the numbered items the passage holds
        var innerPath = state.innerPath  // the headings in force after the last heading line of the passage…
        var innerFrom = state.innerFrom  // …which starts here in `pending`
        var offset = state.offset  // scalar offset of the current line in the body
        let firstLine = state.linesSeen, firstNumber = state.nextNumber
        defer {
            (state.stack, state.pending, state.pendingStart, state.pendingPath) = (stack, pending, pendingStart, pendingPath)
            (state.pendingHasBody, state.pendingItemParent, state.offset) = (pendingHasBody, pendingItemParent, offset)
            (state.innerPath, state.innerFrom) = (innerPath, innerFrom)
            (state.linesSeen, state.nextNumber) = (firstLine + lines.count, firstNumber + result.count)
        }

        func flush() {
            guard !pending.isEmpty else { return }
            emit(pending, start: pendingStart, path: pendingPath, innerPath: innerPath, innerFrom: innerFrom, firstNumber: firstNumber, into: &result)
            pending.removeAll(keepingCapacity: true)
            pendingHasBody = false
            pendingItemParent = nil
        }

        var i = 0
        while i < lines.count {
            let line = lines[i]
            let index = firstLine + i
            // A table: its rows are never split; a later piece has the header row as its last heading.
            if TableRow.isRow(line) {
                var end = i
                var rowStarts: [Int] = []
                var rows: [[Unicode.Scalar]] = []
                while end < lines.count && TableRow.isRow(lines[end]) {
                    if firstLine + end > 0 { offset += 1 }
                    rowStarts.append(offset)
                    let r = lines[end].scalarArray()
                    offset += r.count
                    rows.append(r)
                    end += 1
                }
                emitTable(rows, starts: rowStarts, lead: &pending, leadStart: pendingStart, leadHasBody: pendingHasBody,
                          path: pending.isEmpty ? stack.map(\.text) : pendingPath, firstNumber: firstNumber, into: &result)
                pending.removeAll(keepingCapacity: true)
                pendingHasBody = false
                pendingItemParent = nil
                i = end
                continue
            }
            defer { i += 1 }
            let scalars = line.scalarArray()
            if index > 0 { offset += 1 }  // the "\n" before this line
            let lineStart = offset
            offset += scalars.count
            // The document's title as a Markdown `#` first line stays text of the first passage: it is
            // the document's (indexed with it, matched through the title), not a heading over every
            // passage of the document (that was a tenth of the laws' index).
            if let h = HeadingParser.heading(in: line), !(index == 0 && h.rank == 1) {
                // A new article (第X条) closes the enumerations of the previous one: （七）… of
                // 第二十八条 does not stand over 第二十九条.
                let closes = h.rank == HeadingParser.articleRank ? HeadingParser.firstEnumerationRank : h.rank
                while let top = stack.last, top.rank >= closes { stack.removeLast() }
                let parent = stack.map(\.text)
                stack.append(h)
                // Short numbered items (1. / （1） / 第X条) under one parent are kept together up to
                // `itemScalars`; the passage's headings are then the parent's.
                let isItem = h.rank >= 15 && !h.standalone
                if isItem, pendingHasBody, let itemParent = pendingItemParent, itemParent == parent,
                   pending.count + 1 + scalars.count <= itemScalars {
                    pending.append("\n")
                    pending.append(contentsOf: scalars)
                    pendingPath = parent
                    innerPath = parent
                    continue
                }
                if pendingHasBody { flush() }
                // A passage's headings are those in force at its first body line: heading lines with
                // no text of their own (waiting here for their paragraph) are over it, a heading
                // after body text never is (`pending` holds no body here: it was flushed above).
                if pending.isEmpty { pendingStart = lineStart } else { pending.append("\n") }
                pendingPath = stack.map(\.text)
                innerFrom = pending.count
                innerPath = stack.map(\.text)
                pendingItemParent = isItem ? parent : nil
                pending.append(contentsOf: scalars)
                if !h.standalone { pendingHasBody = true }
                continue
            }
            if pendingHasBody && pending.count >= minScalars { flush() }
            if pending.isEmpty {
                pendingStart = lineStart; pendingPath = stack.map(\.text); innerPath = pendingPath; innerFrom = 0
            } else {
                pending.append("\n")
            }
            pendingItemParent = nil
            pending.append(contentsOf: scalars)
            pendingHasBody = true
        }
        if final { flush() }
        return result
    }

    /// Emits a table's rows as passages of whole rows up to ``maxScalars`` (a longer row stands
    /// alone). A piece after the first carries the table's header row as the last element of its
    /// heading path (indexed with the headings, shown above the passage), not in its text: the
    /// passages keep tiling the body. Short text waiting before the table (its caption) leads the
    /// first piece; longer text is a passage of its own.
    func emitTable(_ rows: [[Unicode.Scalar]], starts: [Int], lead: inout [Unicode.Scalar], leadStart: Int, leadHasBody: Bool,
                   path: [String], firstNumber: Int = 1, into result: inout [Passage]) {
        var pieceText: [Unicode.Scalar] = []
        var pieceStart = 0
        var pieceEnd = 0
        var pieceRows = 0
        var pieceUnderHeader = false  // the piece starts after the header row
        if !lead.isEmpty {
            if leadHasBody && lead.count >= minScalars {
                emit(lead, start: leadStart, path: path, firstNumber: firstNumber, into: &result)
            } else {
                pieceText = lead
                pieceStart = leadStart
            }
        }
        let headerPath = path + [String(scalars: rows[0])]
        func flushPiece() {
            guard pieceRows > 0 || !pieceText.isEmpty else { return }
            result.append(Passage(number: firstNumber + result.count, headings: pieceUnderHeader ? headerPath : path,
                                  text: String(scalars: pieceText), scalarRange: pieceStart..<pieceEnd))
            pieceText.removeAll(keepingCapacity: true)
            pieceRows = 0
        }
        for (i, row) in rows.enumerated() {
            if pieceRows > 0 && pieceText.count + 1 + row.count > maxScalars {
                flushPiece()
            }
            if pieceText.isEmpty {
                pieceStart = starts[i]
                pieceUnderHeader = i > 0
            } else {
                pieceText.append("\n")
            }
            pieceText.append(contentsOf: row)
            pieceEnd = starts[i] + row.count
            pieceRows += 1
        }
        flushPiece()
    }

    /// Emits `text` as one passage, or as several cut at sentence ends when it is too long.
    /// A piece's headings are those in force at its first line: `path` for the first, `innerPath`
    /// for pieces that start after the last heading line (at `innerFrom`).
    /// `result`'s passages are numbered from `firstNumber`.
    func emit(_ text: [Unicode.Scalar], start: Int, path: [String], innerPath: [String]? = nil, innerFrom: Int = 0,
              firstNumber: Int = 1, into result: inout [Passage]) {
        for piece in chunks(text) {
            let s = String(scalars: text[piece])
            let headings = piece.lowerBound > 0 && piece.lowerBound >= innerFrom ? (innerPath ?? path) : path
            result.append(Passage(number: firstNumber + result.count, headings: headings, text: s,
                                  scalarRange: (start + piece.lowerBound)..<(start + piece.upperBound)))
        }
    }

    /// Cuts `text` into ranges of at most ``maxScalars`` at sentence ends (then at commas, then
    /// anywhere that is not inside a grapheme). The ranges tile the text.
    func chunks(_ text: [Unicode.Scalar]) -> [Range<Int>] {
        guard text.count > maxScalars else { return [0..<text.count] }
        var pieces: [Range<Int>] = []
        for sentence in SentenceSplitter.sentenceRanges(text) {
            if let last = pieces.last, last.count + sentence.count <= maxScalars {
                pieces[pieces.count - 1] = last.lowerBound..<sentence.upperBound
                continue
            }
            var rest = sentence
            while rest.count > maxScalars {
                var cut = rest.lowerBound + maxScalars
                if let comma = (rest.lowerBound + maxScalars / 2..<cut).last(where: { i in
                    let v = text[i - 1]
                    return v == "，" || v == "," || v == "、" || v == "：" || v == "\n"
                }) {
                    cut = comma
                }
                while cut > rest.lowerBound + 1 && isExtender(text[cut]) { cut -= 1 }
                pieces.append(rest.lowerBound..<cut)
                rest = cut..<rest.upperBound
            }
            if !rest.isEmpty { pieces.append(rest) }
        }
        // A tiny tail joins the piece before it.
        if pieces.count >= 2, let last = pieces.last, last.count < minScalars / 2 {
            pieces.removeLast()
            pieces[pieces.count - 1] = pieces[pieces.count - 1].lowerBound..<last.upperBound
        }
        return pieces
    }

    /// Scalars that must not start a piece: combining marks, joiners, variation selectors.
    func isExtender(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x300...0x36F).contains(v) || v == 0x200D || (0xFE00...0xFE0F).contains(v)
            || (0x1F3FB...0x1F3FF).contains(v) || (0xE0100...0xE01EF).contains(v) || s.properties.generalCategory == .nonspacingMark
    }
}
