/// Character classes the segmenter and the splitters agree on.
///
/// Everything here works on Unicode scalar values so it can run inside the FTS5 tokenizer's
/// byte loop without building `Character`s.
public enum CharClass {
    /// Han ideographs (BMP blocks, extensions, compatibility), kana and Hangul: scripts written
    /// without spaces, indexed one token per character with the bigram starting there.
    @inlinable
    public static func isCJK(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2FA1F, 0xF900...0xFAFF,
             0x3040...0x30FF, 0x31F0...0x31FF, 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F,
             0x3005, 0x3007:  // 々 and 〇 behave as ideographs
            return true
        default:
            return false
        }
    }

    /// ASCII letters and digits, after width folding.
    @inlinable
    public static func isASCIIAlnum(_ v: UInt32) -> Bool {
        (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
    }

    @inlinable
    public static func isASCIIDigit(_ v: UInt32) -> Bool { v >= 0x30 && v <= 0x39 }

    /// Letters, marks and digits of other scripts (extended Latin, Greek, Cyrillic, Arabic, Thai…):
    /// part of words. CJK punctuation and symbols are not.
    @inlinable
    public static func isOtherLetter(_ v: UInt32) -> Bool {
        switch v {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x370...0x3FF, 0x400...0x4FF: return true
        case 0..<0x80, 0x2000...0x2BFF, 0x3000...0x303F, 0xFF00...0xFFEF: return false
        default:
            guard let s = Unicode.Scalar(v) else { return false }
            let p = s.properties
            return p.isAlphabetic || p.generalCategory == .decimalNumber || p.generalCategory == .nonspacingMark
        }
    }

    /// Horizontal white space of every width, including NBSP, ideographic space and zero-width space.
    @inlinable
    public static func isSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF:
            return true
        default:
            return false
        }
    }

    /// Sentence-final punctuation for Chinese and Western text.
    @inlinable
    public static func isSentenceEnd(_ v: UInt32) -> Bool {
        switch v {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0xFF61:  // 。！？；!?;｡
            return true
        default:
            return false
        }
    }
}
