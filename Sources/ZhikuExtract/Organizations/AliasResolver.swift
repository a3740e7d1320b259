import ZhikuText
/// Finds the aliases a document uses without defining them, so that one organization gets one
/// entry: an abbreviation whose characters appear in order in a longer name of the same document
/// (中科院赣江创新院 → 中国科学院赣江创新研究院), and a short name in brackets right after a full
/// one (中国科学院赣江创新研究院(稀土研究院) → 稀土研究院 is the same institute).
public enum AliasResolver {
    /// Endings that make a bracketed name an organization's other name.
    static let suffixes: [String] = ["研究院", "研究所", "院", "所", "中心", "公司", "集团", "大学", "学院", "实验室", "局", "委员会", "管委会"]

    /// Learns implicit aliases from the passages of one document into `table`.
    /// - Complexity: O(m²·k) in the m distinct organization names (k their length); m is small per document.
    public static func learn(passages: [String], organizations: [[Organization]], into table: inout AliasTable) {
        var names: [String] = []
        var seen = Set<String>()
        for (text, orgs) in zip(passages, organizations) {
            let s = text.scalarArray()
            for o in orgs {
                let name = table.canonical(for: o.surface) ?? o.canonical ?? o.surface
                if seen.insert(name).inserted { names.append(name) }
                // Bracketed other name right after the organization.
                guard o.end < s.count, s[o.end] == "(" || s[o.end] == "（" else { continue }
                var k = o.end + 1
                var inner = String.UnicodeScalarView()
                while k < s.count, k - o.end <= 13, s[k] != ")" && s[k] != "）" { inner.append(s[k]); k += 1 }
                let alias = String(inner)
                guard k < s.count, alias.count >= 3, alias != name, suffixes.contains(where: { alias.hasSuffix($0) }),
                      table.learned[alias] == nil else { continue }
                table.define(alias, as: name)
            }
        }
        // A parent's name before another name of the same institute (中国科学院 + 稀土研究院).
        for (alias, full) in table.learned {
            for name in names where name != full && name.hasSuffix(alias) && name.count > alias.count && table.learned[name] == nil {
                let parent = String(name.dropLast(alias.count))
                if parent.count >= 2 && full.hasPrefix(parent) { table.define(name, as: full) }
            }
        }
        // Abbreviations: same first character, same last character, characters in order.
        for short in names where short.count >= 4 {
            guard table.learned[short] == nil else { continue }
            // A name inside another (中国科学院 in 中国科学院赣江创新研究院) is its parent, not an abbreviation.
            let candidates = names.filter {
                $0.count > short.count && $0.first == short.first && $0.last == short.last && !$0.contains(short) && isSubsequence(short, of: $0)
            }
            if let full = candidates.max(by: { $0.count < $1.count }) { table.define(short, as: full) }
        }
    }

    /// The one name an organization goes by in a document: abbreviations expanded, then aliases
    /// followed to the full name.
    public static func resolve(_ surface: String, in table: AliasTable) -> String {
        var name = table.canonical(for: surface) ?? surface
        var hops = 0
        while let next = table.learned[name], next != name, hops < 4 {
            name = next
            hops += 1
        }
        return name
    }

    static func isSubsequence(_ a: String, of b: String) -> Bool {
        var it = b.makeIterator()
        outer: for c in a {
            while let d = it.next() { if d == c { continue outer } }
            return false
        }
        return true
    }
}
