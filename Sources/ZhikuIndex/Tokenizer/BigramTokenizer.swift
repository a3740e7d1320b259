import GRDB
import ZhikuText

/// The FTS5 tokenizer `zhiku_bigram`: ``Segmenter`` over the UTF-8 bytes SQLite hands over.
///
/// Documents get one token per CJK character plus the bigram starting there as a colocated
/// token; queries get bigrams (see ``Segmenter``). Register it on every connection with
/// `db.add(tokenizer: BigramTokenizer.self)` (``IndexStore`` does so in `prepareDatabase`).
public final class BigramTokenizer: FTS5CustomTokenizer {
    public static let name = "zhiku_bigram"

    public init(db: Database, arguments: [String]) throws {}

    public func tokenize(
        context: UnsafeMutableRawPointer?,
        tokenization: FTS5Tokenization,
        pText: UnsafePointer<CChar>?,
        nText: CInt,
        tokenCallback: @escaping FTS5TokenCallback
    ) -> CInt {
        guard let pText, nText > 0 else { return 0 }  // SQLITE_OK
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pText).assumingMemoryBound(to: UInt8.self), count: Int(nText))
        let mode: Segmenter.Mode = tokenization.contains(.query) ? .query : .document
        var sink = Sink(context: context, callback: tokenCallback)
        Segmenter(mode: mode).segment(bytes, into: &sink)
        return sink.rc == 101 ? 0 : sink.rc  // SQLITE_DONE from the callback means "stop", not an error
    }

    struct Sink: TokenSink {
        let context: UnsafeMutableRawPointer?
        let callback: FTS5TokenCallback
        var rc: CInt = 0

        @inline(__always)
        mutating func token(_ bytes: UnsafeBufferPointer<UInt8>, byteStart: Int, byteEnd: Int, colocated: Bool) -> Bool {
            let p = UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
            rc = callback(context, colocated ? 1 : 0, p, CInt(bytes.count), CInt(byteStart), CInt(byteEnd))  // FTS5_TOKEN_COLOCATED = 1
            return rc == 0
        }
    }
}
