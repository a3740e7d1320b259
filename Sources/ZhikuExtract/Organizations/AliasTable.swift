import Foundation
import ZhikuText
/// Per-document alias definitions (`（以下简称“X”）`) plus the curated national abbreviation
/// table (中科院 → 中国科学院, X高新区管委会 → X高新技术产业开发区管理委员会, ...).
public struct AliasTable: Sendable, Codable, Hashable {
    /// alias → full name learned from definitions.
    public private(set) var learned: [String: String] = [:] {
        didSet { cache = WordsCache() }
    }
    /// ``words``, built once per version of the table: it was built again for every passage,
    /// and a document's table grows with the document (a 12 MB file spent a quarter of its
    /// indexing there; 200 MB ran 391 s).
    private var cache = WordsCache()

    private enum CodingKeys: String, CodingKey { case learned }

    public static func == (a: AliasTable, b: AliasTable) -> Bool { a.learned == b.learned }
    public func hash(into hasher: inout Hasher) { hasher.combine(learned) }

    /// The learned aliases as a table of words, for the organization extractor.
    var words: WordTable<Bool> { cache.words(of: learned) }

    public init() {}

    /// Captures `（以下简称“X”）`, `（简称“X”）`, `（下称“X”）` definitions in `text`;
    /// X is linked to the organization (or name) right before the parenthesis.
    public mutating func learn(from text: String) {
        let s = text.scalarValues
        let n = s.count
        var i = 0
        var orgEnds: [Int: Int]?      // org end → start, computed once on the first definition
        while i < n {
            let c = s[i]
            guard c == 0xFF08 || c == 0x28 else { i += 1; continue }
            var k = i + 1
            if s.has("以下简称", at: k) { k += 4 } else if s.has("简称", at: k) { k += 2 }
            else if s.has("下称", at: k) { k += 2 } else if s.has("以下称", at: k) { k += 3 } else { i += 1; continue }
            if s.at(k) == 0xFF1A || s.at(k) == 0x3A { k += 1 }            // ：
            let q = s.at(k)
            let quoted = q == 0x201C || q == 0x22 || q == 0x300C || q == 0x2018
            if quoted { k += 1 }
            let aliasStart = k
            while k < n, k - aliasStart < 20, CharClass.isHan(s[k]) || CharClass.isASCIILetter(s[k]) { k += 1 }
            let aliasEnd = k
            guard aliasEnd - aliasStart >= 2 else { i += 1; continue }
            let alias = s.string(aliasStart, aliasEnd)
            // the full name: the organization ending right before the parenthesis
            if orgEnds == nil {
                var m: [Int: Int] = [:]
                for o in OrganizationExtractor(s: s, aliasWords: nil).extract() { m[o.end] = o.start }
                orgEnds = m
            }
            var full: String?
            if let st = orgEnds![i] {
                full = s.string(st, i)
            } else {
                var b = i
                while b > 0, i - b < 30, CharClass.isHan(s[b - 1]) || s[b - 1] == 0x29 || s[b - 1] == 0xFF09 || s[b - 1] == 0x28 || s[b - 1] == 0xFF08 {
                    b -= 1
                }
                while b < i, !CharClass.isHan(s[b]) { b += 1 }
                // only names that end like an organization (…公司, …研究院) define organization aliases
                if i - b >= 2, OrganizationLexicon.suffixEnding(s, at: i, notBefore: b) != nil { full = s.string(b, i) }
            }
            if let f = full, f != alias {
                learned[alias] = Abbreviations.canonical(f) ?? f
            }
            i = aliasEnd
        }
    }

    /// Adds a definition by hand.
    public mutating func define(_ alias: String, as full: String) { learned[alias] = full }

    /// Full name for an alias or abbreviation, or nil when the surface is not known to be short.
    public func canonical(for surface: String) -> String? {
        if let f = learned[surface] { return f }
        return Abbreviations.canonical(surface)
    }

    /// Merges another table's learned definitions (the other wins on conflicts).
    public mutating func merge(_ other: AliasTable) {
        for (k, v) in other.learned { learned[k] = v }
    }

    var isEmpty: Bool { learned.isEmpty }
}

/// The word table of one version of an ``AliasTable``'s aliases, made on first use; copies of the
/// table share it (a new version gets a new cache).
private final class WordsCache: @unchecked Sendable {  // the lock guards `built`
    private let lock = NSLock()
    private var built: WordTable<Bool>?

    func words(of learned: [String: String]) -> WordTable<Bool> {
        lock.lock(); defer { lock.unlock() }
        if let built { return built }
        let table = WordTable(learned.keys.map { ($0, true) })
        built = table
        return table
    }
}
