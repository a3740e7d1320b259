import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

/// The answer to `zhiku facts`.
public struct FactsResponse: Sendable, JSONWritable {
    public var question: String
    /// What the question asks for, as understood.
    public var expectedKind: String?
    public var subjects: [String]
    public var keywords: [String]
    public var answers: [FactAnswer]
    public var tookMs: Double
    /// Why nothing is answered (nil when something is).
    public var reason: String? = nil
    /// What the lookup had to do differently (widened beyond the documents the question names).
    public var warnings: [String] = []
    /// What the question named of its document (地点 重庆市, 年份 2025, 《专利法》).
    public var documents: [String] = []
    /// Every scored candidate with its features (`zhiku facts --dump-features`), as JSON; nil otherwise.
    public var candidatesJSON: String? = nil

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("question", question)
        w.field("expected_kind", expectedKind)
        w.field("subjects", subjects)
        w.field("keywords", keywords)
        w.key("answers")
        w.beginArray()
        for a in answers { a.write(to: &w) }
        w.endArray()
        w.field("reason", reason)
        w.field("warnings", warnings)
        w.field("documents", documents)
        if let candidatesJSON {
            w.key("features")
            w.beginArray()
            FactFeature.allCases.forEach { w.string($0.name) }
            w.endArray()
            w.key("candidates")
            w.raw(candidatesJSON)
        }
        w.endObject()
    }
}

extension FactsResponse: Decodable {
    enum CodingKeys: String, CodingKey {
        case question, expectedKind = "expected_kind", subjects, keywords, answers, reason, warnings, documents, candidates
    }

    /// Reads what ``write(to:)`` writes; `tookMs` is not part of it.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        question = try c.decode(String.self, forKey: .question)
        expectedKind = try c.decodeIfPresent(String.self, forKey: .expectedKind)
        subjects = try c.decode([String].self, forKey: .subjects)
        keywords = try c.decode([String].self, forKey: .keywords)
        answers = try c.decode([FactAnswer].self, forKey: .answers)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        warnings = try c.decodeIfPresent([String].self, forKey: .warnings) ?? []
        documents = try c.decodeIfPresent([String].self, forKey: .documents) ?? []
        if c.contains(.candidates) {
            // The candidates' feature vectors (--dump-features) are kept as written, not read.
            throw DecodingError.dataCorruptedError(forKey: .candidates, in: c, debugDescription: "candidate dumps are for the fitting script, not for clients")
        }
        tookMs = 0
    }
}
