import ZhikuExtract

/// A document, or a slice of it.
public struct DocumentResponse: Sendable, JSONWritable {
    public var doc: String
    public var title: String
    public var source: String?
    public var date: String?
    public var encoding: String?
    public var passageCount: Int
    public var passages: [PassageRecord]
    /// The requested text (whole document body or one passage, cut to `from`/`len`).
    public var text: String
    public var from: Int
    public var len: Int
    public var more: Bool
    /// What the document is (place, years, kind, names); nil for an index without profiles.
    public var profile: DocumentProfile?

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("doc", doc)
        w.field("title", title)
        w.key("meta")
        w.beginObject()
        w.field("source", source)
        w.field("date", date)
        w.field("encoding", encoding)
        w.endObject()
        w.field("passage_count", passageCount)
        w.key("passages")
        w.beginArray()
        for p in passages { p.write(to: &w) }
        w.endArray()
        w.field("text", text)
        w.field("from", from)
        w.field("len", len)
        w.field("more", more)
        if let profile {
            w.key("profile")
            profile.write(to: &w)
        }
        w.endObject()
    }
}

extension DocumentResponse: Decodable {
    enum CodingKeys: String, CodingKey {
        case doc, title, meta, passageCount = "passage_count", passages, text, from, len, more, profile
    }

    enum MetaKeys: String, CodingKey { case source, date, encoding }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let meta = try c.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta)
        doc = try c.decode(String.self, forKey: .doc)
        title = try c.decode(String.self, forKey: .title)
        source = try meta.decodeIfPresent(String.self, forKey: .source)
        date = try meta.decodeIfPresent(String.self, forKey: .date)
        encoding = try meta.decodeIfPresent(String.self, forKey: .encoding)
        passageCount = try c.decode(Int.self, forKey: .passageCount)
        passages = try c.decode([PassageRecord].self, forKey: .passages)
        text = try c.decode(String.self, forKey: .text)
        from = try c.decode(Int.self, forKey: .from)
        len = try c.decode(Int.self, forKey: .len)
        more = try c.decode(Bool.self, forKey: .more)
        profile = try c.decodeIfPresent(ProfileRecord.self, forKey: .profile)?.profile
    }
}

/// A ``DocumentProfile`` as ``DocumentProfile/write(to:)`` writes it (flat: the place's name,
/// level and code side by side).
struct ProfileRecord: Decodable {
    var profile: DocumentProfile

    enum CodingKeys: String, CodingKey {
        case place, placeLevel = "place_level", placeCode = "place_code", kind, titleYear = "title_year", issueYear = "issue_year"
        case reportYear = "report_year", referenceYear = "reference_year", documentNumber = "document_number", institution, names, sessions
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var place: Place? = nil
        if let name = try c.decodeIfPresent(String.self, forKey: .place) {
            place = Place(code: try c.decode(String.self, forKey: .placeCode), name: name, level: try c.decode(Place.Level.self, forKey: .placeLevel))
        }
        profile = DocumentProfile(place: place, kind: try c.decodeIfPresent(DocumentKind.self, forKey: .kind),
                                  titleYear: try c.decodeIfPresent(Int.self, forKey: .titleYear),
                                  issueYear: try c.decodeIfPresent(Int.self, forKey: .issueYear),
                                  reportYear: try c.decodeIfPresent(Int.self, forKey: .reportYear))
        profile.referenceYear = try c.decodeIfPresent(Int.self, forKey: .referenceYear)
        profile.documentNumber = try c.decodeIfPresent(String.self, forKey: .documentNumber)
        profile.institution = try c.decodeIfPresent(String.self, forKey: .institution)
        profile.names = try c.decode([String].self, forKey: .names)
        profile.sessions = try c.decode([String].self, forKey: .sessions)
    }
}
