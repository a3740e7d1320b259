import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

/// A possible answer before scoring: a stored fact, or a date, rank, organization, person or
/// document number found at query time, with its passage and document.
struct FactCandidate {
    var passageID: Int64
    var documentID: Int64
    var kind: String
    var attribute: String?
    var subject: String?
    var unit: String?
    var value: Double?
    /// A date's value, or the date a figure refers to.
    var date: String?
    var surface: String
    var start: Int
    var end: Int
    var confidence: Double
    var record: Record
    /// The relations the extractor stored with the fact (``StoredFact``): role `from`/`to`/`change`/
    /// `comparison`, status `target`/`achieved`, scope `cumulative`/`period`/`average`/`year`, the N of
    /// 第N次修订 of a date. Nil where the text says nothing.
    var role: String? = nil
    var status: String? = nil
    var scope: String? = nil
    var ordinal: Int? = nil
    /// A figure's hedge (约, 左右, 以上 …), nil when exact or not stored.
    var approx: String? = nil

    /// A candidate's record (extraction.md): written, or the row to write it from if it is answered.
    enum Record {
        case written(String)
        case row(Row)

        var json: String {
            switch self {
            case .written(let json): return json
            case .row(let r): return FactCandidate.record(r)
            }
        }
    }

    /// A passage as the lookup reads it, decoded once for all its candidates.
    struct Passage: Sendable {
        var id: Int64
        var documentID: Int64
        var number: Int
        var body: String
        var scalars: [UInt32]
        var heading: String
        /// Its stored entities (JSON), nil when not stored.
        var entities: String?
        /// The end of the passage before it in the same document (up to ``prefixLength`` code
        /// points), where a sentence was split between the two; empty when not read.
        var prefix: [UInt32] = []
        /// Its place in the document: the first or last few passages.
        var atEdge = false
    }

    /// Code points of the previous passage kept as a prefix.
    static let prefixLength = 40

    /// The columns of ``factSelect``, by position (GRDB looks a column up by name with a
    /// case-insensitive search on every access, which was a quarter of a fact lookup).
    enum Column: Int {
        case id, passageID, subject, attribute, kind, value, valueMax, unit, approx, date, granularity, mod, lowConfidence,
             surface, start, end, confidence, role, status, scope, ordinal
    }

    static let factSelect = """
        SELECT f.id, f.passage_id, f.subject, f.attribute, f.kind, f.value, f.value_max, f.unit, f.approx, f.date, f.granularity, f.mod,
               f.low_confidence, f.surface, f.start, f."end", f.confidence, f.role, f.status, f.scope, f.ordinal
        FROM fact f
        """

    init(passageID: Int64, documentID: Int64, kind: String, attribute: String?, subject: String?, unit: String?, value: Double?,
         date: String?, surface: String, start: Int, end: Int, confidence: Double, record: Record) {
        self.passageID = passageID
        self.documentID = documentID
        self.kind = kind
        self.attribute = attribute
        self.subject = subject
        self.unit = unit
        self.value = value
        self.date = date
        self.surface = surface
        self.start = start
        self.end = end
        self.confidence = confidence
        self.record = record
    }

    /// A stored fact of document `documentID`.
    init(row r: Row, documentID: Int64) {
        typealias C = Column
        self.init(passageID: r[C.passageID.rawValue], documentID: documentID, kind: r[C.kind.rawValue], attribute: r[C.attribute.rawValue],
                  subject: r[C.subject.rawValue], unit: r[C.unit.rawValue], value: r[C.value.rawValue], date: r[C.date.rawValue],
                  surface: r[C.surface.rawValue], start: r[C.start.rawValue], end: r[C.end.rawValue], confidence: r[C.confidence.rawValue],
                  record: .row(r))
        role = r[C.role.rawValue]
        status = r[C.status.rawValue]
        scope = r[C.scope.rawValue]
        ordinal = r[C.ordinal.rawValue]
        approx = r[C.approx.rawValue]
    }

    /// A span found at query time (a rank, an organization, a person, a document number).
    init(span: AnswerSpans.Span, passage p: Passage, confidence: Double) {
        var w = JSONWriter()
        w.beginObject()
        w.field("surface", span.surface)
        w.field("start", span.start)
        w.field("end", span.end)
        if let v = span.value {
            w.field("value", v, digits: 6)
            w.field("unit", span.unit ?? "")
        }
        w.field("kind", span.kind)
        w.endObject()
        self.init(passageID: p.id, documentID: p.documentID, kind: span.kind, attribute: nil, subject: nil, unit: span.unit, value: span.value,
                  date: nil, surface: span.surface, start: span.start, end: span.end, confidence: confidence, record: .written(w.output))
    }

    /// The extraction.md record of a stored fact, rebuilt from its columns.
    static func record(_ r: Row) -> String {
        typealias C = Column
        var w = JSONWriter()
        w.beginObject()
        w.field("surface", r[C.surface.rawValue] as String)
        w.field("start", r[C.start.rawValue] as Int)
        w.field("end", r[C.end.rawValue] as Int)
        let kind: String = r[C.kind.rawValue]
        if kind == "date" {
            w.field("value", (r[C.date.rawValue] as String?) ?? "")
            w.field("granularity", (r[C.granularity.rawValue] as String?) ?? "")
            if let m = r[C.mod.rawValue] as String? { w.field("mod", m) }
            if (r[C.lowConfidence.rawValue] as Int?) == 1 { w.field("low_confidence", true) }
        } else {
            w.field("value", (r[C.value.rawValue] as Double?) ?? 0, digits: 6)
            if let m = r[C.valueMax.rawValue] as Double? { w.field("value_max", m, digits: 6) }
            w.field("unit", (r[C.unit.rawValue] as String?) ?? "")
            w.field("kind", kind)
            w.field("approx", r[C.approx.rawValue] as String?)
        }
        w.endObject()
        return w.output
    }
}
