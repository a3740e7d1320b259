import Foundation
import ZhikuExtract
import ZhikuText

/// The extractor behind the index: ``ZhikuExtract`` finds figures, dates and organizations, the
/// ``FactLinker`` ties figures and dates to attributes and subjects, and sections whose heading
/// names an organization become platform entries.
public struct ExtractionKnowledge: KnowledgeExtractor {
    public init() {}

    public func knowledge(of document: SourceDocument) -> DocumentKnowledge {
        knowledge(of: document, referenceYear: nil)
    }

    /// The knowledge of a document with its profile: relative dates resolve against the year the
    /// profile says the document reports on (a 2022 bulletin published in 2023: 全年 is 2022).
    public func knowledge(of document: SourceDocument, profile: DocumentProfile) -> DocumentKnowledge {
        knowledge(of: document, referenceYear: profile.referenceYear)
    }

    /// The knowledge of a document whose relative dates (今年, 全年, 年末, 上年) resolve against
    /// `referenceYear`, the year it reports on (its profile's); nil takes the year of its date.
    /// A reference year other than the date's is kept in the stored context, so that entities
    /// extracted again at query time resolve the same way.
    public func knowledge(of document: SourceDocument, referenceYear: Int?) -> DocumentKnowledge {
        let date = document.metadata.date.flatMap { SimpleDate(lenient: $0) }
        let reference = referenceYear == date?.year ? nil : referenceYear
        let extractor = Extractor(documentDate: date, referenceYear: reference)
        let texts = document.passages.map(\.text)
        var aliases = AliasTable()
        for t in texts { aliases.learn(from: t) }
        var entities = texts.map { extractor.extract($0, aliases: aliases) }
        let extractedWith = aliases
        AliasResolver.learn(passages: texts, organizations: entities.map(\.orgs), into: &aliases)
        let linker = FactLinker()
        let subject = document.metadata.title.flatMap { linker.platformName(fromHeading: $0, aliases: aliases) }
        // The organization a numbered heading names, resolved once per distinct heading.
        var named: [String: String?] = [:]
        func organization(inHeading h: String) -> String? {
            if let known = named[h] { return known }
            // A bare number (第十二条, 3.) names nothing: skip the organization scan.
            let name = FactLinker.isNumberedHeading(h) && !FactLinker.isBareNumber(h) ? linker.platformName(fromHeading: h, aliases: aliases) : nil
            named[h] = name
            return name
        }

        var facts: [StoredFact] = []
        var organizations: [String: Int] = [:]
        for (i, passage) in document.passages.enumerated() {
            let e = entities[i]
            for o in e.orgs {
                organizations[AliasResolver.resolve(o.canonical ?? o.surface, in: aliases), default: 0] += 1
            }
            let headingSubject = passage.headings.reversed().lazy.compactMap { organization(inHeading: $0) }.first
            for var f in linker.facts(in: passage.text, entities: e, headingSubject: headingSubject, documentSubject: subject, aliases: aliases,
                                      headings: passage.headings, publicationYear: date?.year) {
                f.subject = f.subject.map { AliasResolver.resolve($0, in: aliases) }
                if let fig = f.figure {
                    facts.append(StoredFact(passageIndex: i, subject: f.subject, attribute: f.attribute, kind: fig.kind, value: fig.value,
                                            valueMax: fig.valueMax, unit: fig.unit, date: f.factDate, surface: fig.surface,
                                            start: fig.start, end: fig.end, confidence: f.confidence, approx: fig.approx,
                                            role: f.role, status: f.status, scope: f.scope))
                } else if let o = f.organization {
                    facts.append(StoredFact(passageIndex: i, subject: f.subject, attribute: f.attribute, kind: "org", value: nil,
                                            valueMax: nil, unit: nil, date: f.factDate, surface: o.surface,
                                            start: o.start, end: o.end, confidence: f.confidence))
                } else if let d = f.date {
                    facts.append(StoredFact(passageIndex: i, subject: f.subject, attribute: f.attribute, kind: "date", value: nil,
                                            valueMax: nil, unit: nil, date: d.value, surface: d.surface,
                                            start: d.start, end: d.end, confidence: f.confidence,
                                            granularity: d.granularity, mod: d.mod, lowConfidence: d.lowConfidence, ordinal: f.ordinal))
                }
            }
        }

        // Platforms: runs of passages under a numbered heading that names an organization.
        var platforms: [StoredPlatform] = []
        var current: (name: String, heading: String, start: Int)? = nil
        func close(at end: Int) {
            guard let c = current else { return }
            let names = aliases.learned.filter { $0.value == c.name }.map(\.key).sorted()
            platforms.append(StoredPlatform(name: c.name, aliases: names, heading: c.heading, passageIndices: c.start..<end))
            current = nil
        }
        for (i, passage) in document.passages.enumerated() {
            let heading = passage.headings.last { organization(inHeading: $0) != nil }
            if let c = current, heading == c.heading { continue }
            close(at: i)
            if let h = heading, let name = organization(inHeading: h) {
                current = (name, h, i)
            }
        }
        close(at: document.passages.count)

        // What a query would extract from each passage: with the table decoded from the stored
        // context, which may hold aliases the resolver learned after the extraction above.
        let context = aliases.learned.isEmpty && reference == nil ? nil : Self.encodeContext(aliases.learned, referenceYear: reference)
        let queryTable = Self.aliasTable(fromContext: context)
        if queryTable != extractedWith {
            entities = texts.map { extractor.extract($0, aliases: queryTable) }
        }
        return DocumentKnowledge(context: context, facts: facts, platforms: platforms, organizations: organizations,
                                 passageEntities: entities.map(EntityJSON.entities))
    }

    public func entitiesJSON(passage text: String, documentDate: String?, context: String?) -> String {
        entitiesJSON(passage: text, documentDate: documentDate, referenceYear: Self.referenceYear(fromContext: context), context: context)
    }

    /// Entities of one passage with relative dates resolved against `referenceYear` (nil: the year
    /// of `documentDate`, which may be `YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    public func entitiesJSON(passage text: String, documentDate: String?, referenceYear: Int?, context: String?) -> String {
        let extractor = Extractor(documentDate: documentDate.flatMap { SimpleDate(lenient: $0) }, referenceYear: referenceYear)
        return EntityJSON.entities(extractor.extract(text, aliases: Self.decodeAliases(context)))
    }

    /// The key of the reference year in a stored context; `#` never starts an alias (aliases are
    /// Han characters and Latin letters).
    static let referenceYearKey = "#reference_year"

    /// A document's stored context: its aliases (alias → full name) and, when it differs from the
    /// year of the document's date, the reference year under ``referenceYearKey``.
    static func encodeContext(_ learned: [String: String], referenceYear: Int?) -> String {
        var w = JSONWriter()
        w.beginObject()
        if let referenceYear { w.field(referenceYearKey, String(referenceYear)) }
        for (k, v) in learned.sorted(by: { $0.key < $1.key }) { w.field(k, v) }
        w.endObject()
        return w.output
    }

    /// The reference year a stored context holds, if any.
    static func referenceYear(fromContext json: String?) -> Int? {
        guard let json, json.contains(referenceYearKey),
              let obj = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) else { return nil }
        return obj[referenceYearKey].flatMap { Int($0) }
    }

    static func decodeAliases(_ json: String?) -> AliasTable {
        guard let json else { return AliasTable() }
        if let table = decodedAliases.table(for: json) { return table }
        let table = aliasTable(fromContext: json)
        decodedAliases.store(table, for: json)
        return table
    }

    /// The alias table a document's stored context holds (uncached).
    static func aliasTable(fromContext json: String?) -> AliasTable {
        var table = AliasTable()
        if let json, let obj = try? JSONDecoder().decode([String: String].self, from: Data(json.utf8)) {
            for (k, v) in obj where !k.hasPrefix("#") { table.define(k, as: v) }
        }
        return table
    }

    /// Alias tables decoded from documents' stored JSON, by that JSON: a page of hits comes from a
    /// few documents, and decoding the same table for each hit was a fifth of its entities' cost.
    static let decodedAliases = DecodedAliases()

    final class DecodedAliases: @unchecked Sendable {  // `tables` only under `lock`
        static let capacity = 512
        private let lock = NSLock()
        private var tables: [String: AliasTable] = [:]

        func table(for json: String) -> AliasTable? { lock.withLock { tables[json] } }

        func store(_ table: AliasTable, for json: String) {
            lock.withLock {
                if tables.count >= DecodedAliases.capacity { tables.removeAll(keepingCapacity: true) }
                tables[json] = table
            }
        }
    }
}
