import Foundation
import ZhikuText

/// A fact found at index time: a figure or a date with what it quantifies, whom it is about and
/// the passage that proves it.
public struct StoredFact: Sendable {
    /// Index into the document's passages (0-based).
    public var passageIndex: Int
    public var subject: String?
    public var attribute: String?
    /// `money`, `area`, `count`, … for figures; `date` for dates.
    public var kind: String
    public var value: Double?
    public var valueMax: Double?
    public var unit: String?
    /// The date the fact refers to (ISO), or the date mention's own value for a date fact.
    public var date: String?
    public var surface: String
    /// Code-point range of `surface` in the passage text.
    public var start: Int
    public var end: Int
    public var confidence: Double
    /// A figure's hedge (`约`, `余`, `range` …), nil when exact.
    public var approx: String?
    /// A date fact's granularity (`day`, `month`, `year`, …) and modifier (`start`, `mid`, `end`).
    public var granularity: String?
    public var mod: String?
    public var lowConfidence: Bool

    public init(passageIndex: Int, subject: String?, attribute: String?, kind: String, value: Double?, valueMax: Double?,
                unit: String?, date: String?, surface: String, start: Int, end: Int, confidence: Double,
                approx: String? = nil, granularity: String? = nil, mod: String? = nil, lowConfidence: Bool = false) {
        self.passageIndex = passageIndex
        self.subject = subject
        self.attribute = attribute
        self.kind = kind
        self.value = value
        self.valueMax = valueMax
        self.unit = unit
        self.date = date
        self.surface = surface
        self.start = start
        self.end = end
        self.confidence = confidence
        self.approx = approx
        self.granularity = granularity
        self.mod = mod
        self.lowConfidence = lowConfidence
    }
}

/// A section of a document that describes one institution (the sample report's （一）…（六）).
public struct StoredPlatform: Sendable {
    public var name: String
    /// Other names the document uses for it.
    public var aliases: [String]
    /// The heading that names it.
    public var heading: String
    /// Passages of its section (0-based indices into the document's passages).
    public var passageIndices: Range<Int>

    public init(name: String, aliases: [String], heading: String, passageIndices: Range<Int>) {
        self.name = name
        self.aliases = aliases
        self.heading = heading
        self.passageIndices = passageIndices
    }
}

/// What extraction contributes to a document at index time.
public struct DocumentKnowledge: Sendable {
    /// Opaque per-document context (e.g. `以下简称` aliases) handed back at query time, as JSON.
    public var context: String?
    public var facts: [StoredFact]
    public var platforms: [StoredPlatform]
    /// Organizations (canonical names) and how often the document mentions each.
    public var organizations: [String: Int]
    /// Per passage, in order, exactly what `entitiesJSON(passage:documentDate:context:)` returns
    /// for it with this `context`: stored with the passage, so queries read it instead of
    /// extracting again. Nil: not extracted at index time (queries extract).
    public var passageEntities: [String]?

    public init(context: String? = nil, facts: [StoredFact] = [], platforms: [StoredPlatform] = [], organizations: [String: Int] = [:],
                passageEntities: [String]? = nil) {
        self.context = context
        self.facts = facts
        self.platforms = platforms
        self.organizations = organizations
        self.passageEntities = passageEntities
    }
}

/// The extractor as the index sees it. Facts are stored, since lookups rank over all of them. A
/// passage's entities are stored too, packed (``EntityCodec``; about a seventh of the text's size
/// on laws, a quarter on reports): extracting them again for every hit was a third of a search's
/// time. Passages indexed without them are extracted at query time.
public protocol KnowledgeExtractor: Sendable {
    /// Facts and context of a document, at index time.
    func knowledge(of document: SourceDocument) -> DocumentKnowledge
    /// `{"figures":[…],"dates":[…],"orgs":[…]}` for one passage, at query time.
    func entitiesJSON(passage text: String, documentDate: String?, context: String?) -> String
}

/// No extraction: empty groups, no facts.
public struct NoExtraction: KnowledgeExtractor {
    public init() {}
    public static let empty = #"{"figures":[],"dates":[],"orgs":[]}"#
    public func knowledge(of document: SourceDocument) -> DocumentKnowledge { DocumentKnowledge() }
    public func entitiesJSON(passage text: String, documentDate: String?, context: String?) -> String { NoExtraction.empty }
}

/// Passage text is stored as UTF-16LE: two bytes for a Chinese character instead of UTF-8's three,
/// which makes the stored text about a quarter smaller for this kind of corpus.
public enum StoredText {
    public static func encode(_ s: String) -> Data {
        // Transcoded by hand: `s.utf16` on a long native string builds breadcrumbs to count it.
        var s = s
        let units = s.withUTF8 { b -> [UInt16] in
            var units: [UInt16] = []
            units.reserveCapacity(b.count)
            UTF8Bytes.forEachValue(b) { v in
                if v < 0x10000 {
                    units.append(UInt16(v))
                } else {
                    let w = v - 0x10000
                    units.append(UInt16(0xD800 | (w >> 10)))
                    units.append(UInt16(0xDC00 | (w & 0x3FF)))
                }
                return true
            }
            return units
        }
        #if _endian(little)
        return units.withUnsafeBytes { Data($0) }  // the host's code units are UTF-16LE
        #else
        var bytes = [UInt8]()
        bytes.reserveCapacity(units.count * 2)
        for u in units {
            bytes.append(UInt8(u & 0xFF))
            bytes.append(UInt8(u >> 8))
        }
        return Data(bytes)
        #endif
    }

    public static func decode(_ data: Data) -> String {
        data.withUnsafeBytes { decode($0) }
    }

    /// The text of stored bytes wherever they are (a column SQLite returned, say).
    static func decode(_ raw: UnsafeRawBufferPointer) -> String {
        let count = raw.count / 2
        #if _endian(little)
        if let base = raw.baseAddress, Int(bitPattern: base) % MemoryLayout<UInt16>.alignment == 0 {
            // The stored code units are the host's: transcode in place, without a copy.
            return transcode(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt16.self), count: count))
        }
        #endif
        var units = [UInt16](repeating: 0, count: count)
        for i in 0..<count { units[i] = UInt16(raw[2 * i]) | UInt16(raw[2 * i + 1]) << 8 }
        return units.withUnsafeBufferPointer { transcode($0) }
    }

    /// UTF-16 to a String by hand (the standard library's UTF-16 decoding takes its generic slow
    /// path; this was a twentieth of a query). Unpaired surrogates become U+FFFD, as there.
    static func transcode(_ u: UnsafeBufferPointer<UInt16>) -> String {
        String(unsafeUninitializedCapacity: u.count * 3) { out in
            var o = 0, i = 0
            while i < u.count {
                var v = UInt32(u[i])
                i += 1
                if v >= 0xD800 && v <= 0xDFFF {
                    if v <= 0xDBFF, i < u.count, u[i] >= 0xDC00, u[i] <= 0xDFFF {
                        v = 0x10000 + ((v - 0xD800) << 10) + (UInt32(u[i]) - 0xDC00)
                        i += 1
                    } else {
                        v = 0xFFFD
                    }
                }
                if v < 0x80 {
                    out[o] = UInt8(v); o += 1
                } else if v < 0x800 {
                    out[o] = UInt8(0xC0 | (v >> 6)); out[o + 1] = UInt8(0x80 | (v & 0x3F)); o += 2
                } else if v < 0x10000 {
                    out[o] = UInt8(0xE0 | (v >> 12)); out[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    out[o + 2] = UInt8(0x80 | (v & 0x3F)); o += 3
                } else {
                    out[o] = UInt8(0xF0 | (v >> 18)); out[o + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    out[o + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[o + 3] = UInt8(0x80 | (v & 0x3F)); o += 4
                }
            }
            return o
        }
    }
}
