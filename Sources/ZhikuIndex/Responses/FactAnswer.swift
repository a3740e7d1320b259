import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

/// One answer to a fact question: the figure's or date's own record, what it is about, and the
/// passage that proves it.
public struct FactAnswer: Sendable, JSONWritable {
    /// The record of extraction.md (`surface`, `value`, `unit`, `kind`, `approx` … or a date's
    /// `value`, `granularity`), offsets in code points of the passage.
    public var recordJSON: String
    public var kind: String
    public var surface: String
    public var subject: String?
    public var attribute: String?
    /// The date the fact refers to.
    public var date: String?
    public var confidence: Double
    public var score: Double
    public var doc: String
    public var title: String
    public var passage: Int
    /// A window of the passage around the figure.
    public var evidence: String
    /// The figure's range in `evidence`, in code points.
    public var hl: [Range<Int>]
    /// The features that made it win: those adding most to its score.
    public var why: [Reason] = []

    /// One feature's part in an answer's score.
    public struct Reason: Sendable {
        public var feature: String
        public var value: Double
        public var contribution: Double
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        let inner = recordJSON.dropFirst().dropLast()
        if !inner.isEmpty { w.raw(String(inner)) }
        if kind == "date" { w.field("kind", kind) }
        w.field("subject", subject)
        w.field("attribute", attribute)
        w.field("date", date)
        w.field("confidence", confidence, digits: 3)
        w.field("score", score, digits: 3)
        w.field("doc", doc)
        w.field("title", title)
        w.field("passage", passage)
        w.field("evidence", evidence)
        w.field("hl", ranges: hl)
        w.key("why")
        w.beginArray()
        for r in why {
            w.beginObject()
            w.field("feature", r.feature)
            w.field("value", r.value, digits: 3)
            w.field("contribution", r.contribution, digits: 3)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
