/// Cuts text after sentence-final punctuation (。！？；!?;), keeping closing quotes and brackets
/// that follow it with the sentence they close.
public enum SentenceSplitter {
    static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x201D, 0x2019, 0xFF09, 0x300D, 0x300F, 0x3011, 0x300B, 0x29, 0x22, 0x27: return true  // ”’）」』】》)"'
        default: return false
        }
    }

    /// Sentence ranges in unicode-scalar offsets of `scalars`, covering it entirely.
    public static func sentenceRanges(_ scalars: [Unicode.Scalar]) -> [Range<Int>] {
        sentenceRanges(values: scalars.map(\.value))
    }

    /// ``sentenceRanges(_:)`` over code point values.
    public static func sentenceRanges(values: [UInt32]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var i = 0
        while i < values.count {
            if CharClass.isSentenceEnd(values[i]) {
                var j = i + 1
                while j < values.count && (CharClass.isSentenceEnd(values[j]) || isCloser(values[j])) { j += 1 }
                ranges.append(start..<j)
                start = j
                i = j
                continue
            }
            i += 1
        }
        if start < values.count { ranges.append(start..<values.count) }
        return ranges
    }

    /// The sentences of `text`.
    ///
    ///     SentenceSplitter.sentences("一期已建成。二期在建！") // ["一期已建成。", "二期在建！"]
    public static func sentences(_ text: String) -> [String] {
        let s = text.scalarArray()
        return sentenceRanges(s).map { String(String.UnicodeScalarView(s[$0])) }
    }
}
