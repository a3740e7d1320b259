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
    public struct Reason: Sendable, Decodable {
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

extension FactAnswer: Decodable {
    enum CodingKeys: String, CodingKey {
        case kind, subject, attribute, date, confidence, score, doc, title, passage, evidence, hl, why
    }

    /// Reads what ``write(to:)`` writes: the figure's or date's record (its fields come first in
    /// the same object, a date's `kind` after them), then the answer's own fields. Every field
    /// `write(to:)` writes must be read here (the round-trip test says which one is not).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(String.self, forKey: .kind)
        if kind == "date" {
            let d = try DateMention(from: decoder)
            recordJSON = EntityJSON.date(d)
            surface = d.surface
        } else {
            let f = try Figure(from: decoder)
            recordJSON = EntityJSON.figure(f)
            surface = f.surface
        }
        subject = try c.decodeIfPresent(String.self, forKey: .subject)
        attribute = try c.decodeIfPresent(String.self, forKey: .attribute)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        confidence = try c.decode(Double.self, forKey: .confidence)
        score = try c.decode(Double.self, forKey: .score)
        doc = try c.decode(String.self, forKey: .doc)
        title = try c.decode(String.self, forKey: .title)
        passage = try c.decode(Int.self, forKey: .passage)
        evidence = try c.decode(String.self, forKey: .evidence)
        hl = try c.decodeRanges(forKey: .hl)
        why = try c.decodeIfPresent([Reason].self, forKey: .why) ?? []
    }
}
