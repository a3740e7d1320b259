import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

/// A ``DocumentProfile`` in the `document_profile` table: written with its document, read back by
/// `zhiku doc`, by fact lookup (through ``DocumentCatalog``) and by search filters.
enum StoredProfile {
    static func insert(_ db: Database, document: Int64, _ p: DocumentProfile) throws {
        try db.cachedStatement(sql: """
            INSERT INTO document_profile(document_id, place_code, place_name, place_level, kind, title_year, issue_year, report_year,
                                         reference_year, document_number, institution, names, sessions)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [document, p.place?.code, p.place?.name, p.place?.level.rawValue, p.kind?.rawValue, p.titleYear,
                                     p.issueYear, p.reportYear, p.referenceYear, p.documentNumber, p.institution,
                                     JSONWriter.array(p.names), JSONWriter.array(p.sessions)])
    }

    /// The columns ``profile(_:)`` reads, after `document_id`.
    static let columns = """
        place_code, place_name, place_level, kind, title_year, issue_year, report_year, reference_year, document_number, institution, names, sessions
        """

    /// The profile of a row of ``columns`` (starting at column `offset`).
    static func profile(_ r: Row, offset: Int = 0) -> DocumentProfile {
        var p = DocumentProfile()
        if let code = r[offset] as String?, let name = r[offset + 1] as String?, let level = (r[offset + 2] as String?).flatMap(Place.Level.init) {
            p.place = Place(code: code, name: name, level: level)
        }
        p.kind = (r[offset + 3] as String?).flatMap(DocumentKind.init(rawValue:))
        p.titleYear = r[offset + 4]
        p.issueYear = r[offset + 5]
        p.reportYear = r[offset + 6]
        p.referenceYear = r[offset + 7]
        p.documentNumber = r[offset + 8]
        p.institution = r[offset + 9]
        p.names = decodeArray(r[offset + 10])
        p.sessions = decodeArray(r[offset + 11])
        return p
    }

    /// The profile of document `id` (nil when the index has none for it).
    static func read(_ db: Database, document id: Int64) throws -> DocumentProfile? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM document_profile WHERE document_id = ?", arguments: [id]).map { profile($0) }
    }

    static func decodeArray(_ json: String?) -> [String] {
        guard let json, let a = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String] else { return [] }
        return a
    }
}

extension DocumentProfile {
    /// The profile as a JSON object (`zhiku doc`, fact answers' `why`).
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("place", place?.name)
        w.field("place_level", place?.level.rawValue)
        w.field("place_code", place?.code)
        w.field("kind", kind?.rawValue)
        w.key("title_year"); if let y = titleYear { w.int(y) } else { w.null() }
        w.key("issue_year"); if let y = issueYear { w.int(y) } else { w.null() }
        w.key("report_year"); if let y = reportYear { w.int(y) } else { w.null() }
        w.key("reference_year"); if let y = referenceYear { w.int(y) } else { w.null() }
        w.field("document_number", documentNumber)
        w.field("institution", institution)
        w.field("names", names)
        w.field("sessions", sessions)
        w.endObject()
    }
}
