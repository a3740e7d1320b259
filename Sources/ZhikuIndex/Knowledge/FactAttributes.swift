import Foundation
import GRDB
import ZhikuText

/// The distinct attributes of the stored facts (of two characters or more), for one version of
/// the index: a fact question matches its keywords against these in memory, then reads the facts
/// of the attributes that match through `fact_by_attribute`, instead of testing `instr` on every
/// fact row (a scan of the whole table per keyword, most of a lookup's SQL time).
final class FactAttributes: @unchecked Sendable {  // `version` and `attributes` only under `lock`
    struct Attribute {
        var name: String
        var scalars: [UInt32]
    }

    private let lock = NSLock()
    private var version: Data?
    private var attributes: [Attribute] = []

    /// The attributes as `db` sees them, read again after any change to the index.
    func current(_ db: Database) throws -> [Attribute] {
        let version = try PassageLengths.version(db)
        if let cached = lock.withLock({ self.version == version ? attributes : nil }) { return cached }
        let loaded = try String.fetchAll(db, sql: "SELECT DISTINCT attribute FROM fact WHERE attribute IS NOT NULL")
            .map { Attribute(name: $0, scalars: $0.scalarValues) }
            .filter { $0.scalars.count >= 2 }
        lock.withLock {
            self.version = version
            attributes = loaded
        }
        return loaded
    }

    /// The attributes that contain `term` or are contained in it, code point for code point (what
    /// SQLite's `instr` finds in UTF-8).
    static func matching(_ term: String, in attributes: [Attribute]) -> [String] {
        let t = term.scalarValues
        return attributes.filter { a in
            FactText.occurs(t[...], in: a.scalars) || FactText.occurs(a.scalars[...], in: t)
        }.map(\.name)
    }
}
