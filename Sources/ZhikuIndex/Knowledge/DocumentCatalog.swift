import Foundation
import GRDB
import ZhikuExtract
import ZhikuText

/// The documents of one version of the index with their profiles and passage ranges, read once per
/// version (like ``FactAttributes``): fact lookup selects documents on them and search filters on
/// them, in memory (a few hundred bytes a document).
final class DocumentCatalog: @unchecked Sendable {  // `version` and `snapshot` only under `lock`
    struct Document: Sendable {
        var id: Int64
        var path: String
        var title: String
        /// What `document_fts` indexes (title and subtitle).
        var titleText: String
        var date: String?
        var profile: DocumentProfile
        /// Its passages' ids (consecutive); nil for a document without passages.
        var passages: ClosedRange<Int64>?
        /// The names it goes by (profile names and its title), as compared with questions.
        var names: [String]
        /// Character bigrams of its title and of each name, for how much of them a question repeats.
        var titleGrams: [Set<UInt64>]
    }

    struct Snapshot: Sendable {
        var documents: [Document]
        var byID: [Int64: Int]
        /// The latest year any document was issued in or names (a question about a later year is about the future).
        var latestYear: Int?
        /// The names documents define for each other (以下简称, 稀土研究院 = 中国科学院赣江创新研究院),
        /// both ways: name → the other names of the same body.
        var aliases: [String: Set<String>] = [:]

        func document(_ id: Int64) -> Document? { byID[id].map { documents[$0] } }
        /// The document holding passage `id` (binary search over the ranges, which are in id order).
        func document(ofPassage id: Int64) -> Document? {
            var lo = 0, hi = ordered.count - 1
            while lo <= hi {
                let mid = (lo + hi) / 2
                let d = documents[ordered[mid]]
                guard let r = d.passages else { return nil }
                if id < r.lowerBound { hi = mid - 1 } else if id > r.upperBound { lo = mid + 1 } else { return d }
            }
            return nil
        }
        /// Indices of `documents` with passages, by first passage id.
        var ordered: [Int] = []
    }

    private let lock = NSLock()
    private var version: Data?
    private var snapshot: Snapshot?

    /// The catalogue as `db` sees it, read again after any change to the index.
    func current(_ db: Database) throws -> Snapshot {
        let version = try PassageLengths.version(db)
        if let cached = lock.withLock({ self.version == version ? snapshot : nil }) { return cached }
        var spans: [Int64: ClosedRange<Int64>] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT document_id, min(id), max(id) FROM passage GROUP BY document_id") {
            spans[row[0]] = (row[1] as Int64)...(row[2] as Int64)
        }
        var docs: [Document] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT d.id, d.path, d.title, d.title_text, d.date, p.document_id, \(StoredProfile.columns)
            FROM document d LEFT JOIN document_profile p ON p.document_id = d.id ORDER BY d.id
            """)
        var latest: Int? = nil
        while let r = try rows.next() {
            let id: Int64 = r[0]
            let path: String = r[1]
            let title: String = r[2] ?? path
            let profile = (r[5] as Int64?) == nil ? DocumentProfile() : StoredProfile.profile(r, offset: 6)
            var names = profile.names
            let core = DocumentProfile.nameCore(title)
            if core.scalarCount >= 3, !names.contains(core) { names.append(core) }
            for y in [profile.issueYear, profile.titleYear, profile.reportYear].compactMap({ $0 }) { latest = max(latest ?? y, y) }
            docs.append(Document(id: id, path: path, title: title, titleText: r[3], date: r[4], profile: profile,
                                 passages: spans[id], names: names,
                                 titleGrams: ([r[3] as String] + names).map(DocumentCatalog.bigrams).filter { !$0.isEmpty }))
        }
        var byID: [Int64: Int] = [:]
        for (i, d) in docs.enumerated() { byID[d.id] = i }
        var s = Snapshot(documents: docs, byID: byID, latestYear: latest)
        s.aliases = try DocumentCatalog.aliases(db)
        s.ordered = docs.indices.filter { docs[$0].passages != nil }.sorted { docs[$0].passages!.lowerBound < docs[$1].passages!.lowerBound }
        lock.withLock {
            self.version = version
            snapshot = s
        }
        return s
    }

    /// Every document's alias table (its stored context), merged: each name with the other names
    /// of the same canonical body.
    static func aliases(_ db: Database) throws -> [String: Set<String>] {
        var groups: [String: Set<String>] = [:]  // canonical → its names
        let rows = try String.fetchCursor(db, sql: "SELECT context FROM document WHERE context IS NOT NULL")
        while let json = try rows.next() {
            guard let map = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String] else { continue }
            for (alias, canonical) in map where alias.scalarCount >= 2 && alias != canonical {
                groups[canonical, default: [canonical]].insert(alias)
            }
        }
        var out: [String: Set<String>] = [:]
        for (_, names) in groups {
            for n in names { out[n, default: []].formUnion(names.subtracting([n])) }
        }
        return out
    }

    /// Character bigrams of `text` (Han and digits), packed.
    static func bigrams(_ text: String) -> Set<UInt64> {
        let s = text.scalarValues
        var out = Set<UInt64>()
        guard s.count >= 2 else { return out }
        for i in 0..<(s.count - 1) where !isSpaceOrMark(s[i]) && !isSpaceOrMark(s[i + 1]) {
            out.insert(UInt64(s[i]) << 32 | UInt64(s[i + 1]))
        }
        return out
    }

    /// White space and the punctuation titles carry around names (《》“”（）).
    static func isSpaceOrMark(_ c: UInt32) -> Bool {
        c <= 0x20 || c == 0x3000 || c == 0x300A || c == 0x300B || c == 0x201C || c == 0x201D || c == 0xFF08 || c == 0xFF09 || c == 0x28 || c == 0x29
    }
}
