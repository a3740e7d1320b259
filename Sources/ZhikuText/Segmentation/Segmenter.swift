
/// Splits text into search tokens, one position per CJK character; runs of letters and digits are
/// lowercased words, decimals whole.
///
/// Index side (`mode == .document`): the bigram starting at each character, and the last character
/// of a run on its own:
///
///     赣州高新区 → 赣州 州高 高新 新区 区          positions 0…4
///     4.47亿元   → 4.47 亿元 元                  positions 0…2
///
/// Query side (`mode == .query`): a CJK run of two or more characters becomes its bigrams, so a
/// phrase of them matches exactly; a lone character is its unigram, which the query layer turns
/// into a prefix (`和*` matches 和平 and a final 和). When more tokens follow a run, the run's last
/// character is added as a unigram so that positions stay aligned (`研发R&D` → 研发 发 r d).
///
/// Expanded (`mode == .expanded`): every character's unigram plus the bigram starting there as a
/// colocated token (`赣 +赣州 州 +州高 …`). Used to find highlights exactly, not for the index,
/// where the unigrams would cost about a third more space.
///
/// Folding (``Folding``) is applied to token text only; offsets always point into the original.
/// - Complexity: O(n) in the input bytes, no allocation per token.
public struct Segmenter {
    public enum Mode: Sendable { case document, query, expanded }

    public let mode: Mode

    /// Words longer than this many bytes are cut into pieces of this size.
    public static let maxWordBytes = 64

    public init(mode: Mode) { self.mode = mode }

    /// Segments `text`, calling `sink` for every token. Returns `false` if the sink stopped early.
    @discardableResult
    public func segment<S: TokenSink>(_ text: UnsafeBufferPointer<UInt8>, into sink: inout S) -> Bool {
        var state = State()
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Segmenter.maxWordBytes + 8) { buf in
            run(text, buffer: buf, state: &state, sink: &sink)
        }
    }

    /// Convenience for Swift strings.
    @discardableResult
    public func segment<S: TokenSink>(_ text: String, into sink: inout S) -> Bool {
        var copy = text
        return copy.withUTF8 { segment($0, into: &sink) }
    }

    struct State {
        var prevCJK: UInt32 = 0  // folded previous CJK scalar, 0 if the previous scalar was not CJK
        var prevStart = 0
        var runLength = 0
        var pendingFinal: (value: UInt32, start: Int, end: Int)? = nil  // query side: last char of a run
        var pendingSingle: (value: UInt32, start: Int, end: Int)? = nil  // query side: lone char
    }

    @inline(__always)
    static func emit<S: TokenSink>(
        _ v: UInt32, start: Int, end: Int, colocated: Bool,
        buffer: UnsafeMutableBufferPointer<UInt8>, sink: inout S
    ) -> Bool {
        let n = UTF8Bytes.encode(v, into: buffer.baseAddress!)
        return sink.token(UnsafeBufferPointer(rebasing: buffer[0..<n]), byteStart: start, byteEnd: end, colocated: colocated)
    }

    @inline(__always)
    static func emitPair<S: TokenSink>(
        _ a: UInt32, _ b: UInt32, start: Int, end: Int, colocated: Bool,
        buffer: UnsafeMutableBufferPointer<UInt8>, sink: inout S
    ) -> Bool {
        let n1 = UTF8Bytes.encode(a, into: buffer.baseAddress!)
        let n2 = UTF8Bytes.encode(b, into: buffer.baseAddress! + n1)
        return sink.token(UnsafeBufferPointer(rebasing: buffer[0..<(n1 + n2)]), byteStart: start, byteEnd: end, colocated: colocated)
    }

    /// Query side: flush the held-back unigram of the previous run because another token follows.
    @inline(__always)
    func flushPending<S: TokenSink>(_ state: inout State, buffer: UnsafeMutableBufferPointer<UInt8>, sink: inout S) -> Bool {
        if let single = state.pendingSingle {
            state.pendingSingle = nil
            if !Segmenter.emit(single.value, start: single.start, end: single.end, colocated: false, buffer: buffer, sink: &sink) { return false }
        }
        if let last = state.pendingFinal {
            state.pendingFinal = nil
            if !Segmenter.emit(last.value, start: last.start, end: last.end, colocated: false, buffer: buffer, sink: &sink) { return false }
        }
        return true
    }

    /// Ends a CJK run: the index side emits the run's last character; the query side holds it back
    /// until it knows whether another token follows.
    @inline(__always)
    func endRun<S: TokenSink>(_ state: inout State, lastValue: UInt32, lastStart: Int, lastEnd: Int,
                              buffer: UnsafeMutableBufferPointer<UInt8>, sink: inout S) -> Bool {
        defer { state.prevCJK = 0; state.runLength = 0 }
        switch mode {
        case .query where state.runLength > 0:
            if state.runLength == 1 {
                state.pendingSingle = (lastValue, lastStart, lastEnd)
            } else {
                state.pendingFinal = (lastValue, lastStart, lastEnd)
            }
        case .document where state.runLength > 0:
            return Segmenter.emit(lastValue, start: lastStart, end: lastEnd, colocated: false, buffer: buffer, sink: &sink)
        default:
            break
        }
        return true
    }

    func run<S: TokenSink>(
        _ p: UnsafeBufferPointer<UInt8>, buffer: UnsafeMutableBufferPointer<UInt8>,
        state: inout State, sink: inout S
    ) -> Bool {
        let n = p.count
        var i = 0
        var lastCJK: (value: UInt32, start: Int, end: Int) = (0, 0, 0)
        while i < n {
            let (raw, len) = UTF8Bytes.checkedScalar(at: i, in: p)
            let v = Folding.fold(raw)
            if CharClass.isCJK(v) {
                let start = i, end = i + len
                if state.prevCJK != 0 {
                    switch mode {
                    case .expanded:
                        if !Segmenter.emitPair(state.prevCJK, v, start: state.prevStart, end: end, colocated: true, buffer: buffer, sink: &sink) { return false }
                        if !Segmenter.emit(v, start: start, end: end, colocated: false, buffer: buffer, sink: &sink) { return false }
                    case .document, .query:
                        if !Segmenter.emitPair(state.prevCJK, v, start: state.prevStart, end: end, colocated: false, buffer: buffer, sink: &sink) { return false }
                    }
                } else {
                    // A run begins: whatever an earlier run left behind is followed by this token.
                    switch mode {
                    case .query:
                        if !flushPending(&state, buffer: buffer, sink: &sink) { return false }
                    case .expanded:
                        if !Segmenter.emit(v, start: start, end: end, colocated: false, buffer: buffer, sink: &sink) { return false }
                    case .document:
                        break
                    }
                }
                state.prevCJK = v
                state.prevStart = start
                state.runLength += 1
                lastCJK = (v, start, end)
                i = end
                continue
            }
            if state.prevCJK != 0 {
                if !endRun(&state, lastValue: lastCJK.value, lastStart: lastCJK.start, lastEnd: lastCJK.end, buffer: buffer, sink: &sink) { return false }
            }
            if CharClass.isASCIIAlnum(v) || CharClass.isOtherLetter(v) {
                // A word: letters and digits, with a decimal point kept between two digits.
                if mode == .query, !flushPending(&state, buffer: buffer, sink: &sink) { return false }
                let base = buffer.baseAddress!
                var wordStart = i
                var count = 0
                var j = i
                var prevDigit = false
                while j < n {
                    let (r2, l2) = UTF8Bytes.checkedScalar(at: j, in: p)
                    var w = Folding.fold(r2)
                    if w == 0xFF0E { w = 0x2E }
                    let isWordChar = CharClass.isASCIIAlnum(w) || (!CharClass.isCJK(w) && CharClass.isOtherLetter(w))
                    var take = isWordChar
                    if !take && w == 0x2E && prevDigit && j + l2 < n {
                        let (r3, _) = UTF8Bytes.checkedScalar(at: j + l2, in: p)
                        take = CharClass.isASCIIDigit(Folding.fold(r3))
                    }
                    if !take { break }
                    if count + 4 > Segmenter.maxWordBytes {
                        if !sink.token(UnsafeBufferPointer(start: base, count: count), byteStart: wordStart, byteEnd: j, colocated: false) { return false }
                        count = 0
                        wordStart = j
                    }
                    count += UTF8Bytes.encode(w, into: base + count)
                    prevDigit = CharClass.isASCIIDigit(w)
                    j += l2
                }
                if count > 0 {
                    if !sink.token(UnsafeBufferPointer(start: base, count: count), byteStart: wordStart, byteEnd: j, colocated: false) { return false }
                }
                i = j
                continue
            }
            i += len  // separator
        }
        if state.prevCJK != 0 {
            if !endRun(&state, lastValue: lastCJK.value, lastStart: lastCJK.start, lastEnd: lastCJK.end, buffer: buffer, sink: &sink) { return false }
        }
        // Query side: a lone trailing character is still a token; a run's final unigram is not needed.
        if mode == .query, let single = state.pendingSingle {
            state.pendingSingle = nil
            if !Segmenter.emit(single.value, start: single.start, end: single.end, colocated: false, buffer: buffer, sink: &sink) { return false }
        }
        return true
    }
}

extension Segmenter {
    /// All tokens of `text`, in order.
    public func tokens(in text: String) -> [SegmentedToken] {
        struct Collector: TokenSink {
            var tokens: [SegmentedToken] = []
            var position = -1
            mutating func token(_ bytes: UnsafeBufferPointer<UInt8>, byteStart: Int, byteEnd: Int, colocated: Bool) -> Bool {
                if !colocated { position += 1 }
                tokens.append(SegmentedToken(text: String(decoding: bytes, as: UTF8.self), utf8Range: byteStart..<byteEnd, position: max(position, 0), colocated: colocated))
                return true
            }
        }
        var c = Collector()
        segment(text, into: &c)
        return c.tokens
    }
}
