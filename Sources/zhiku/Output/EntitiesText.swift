import Foundation
import ZhikuExtract
import ZhikuIndex

/// Entities as text: of a document (grouped, with their passages), of any text (as extracted),
/// and the knowledge base's organizations and platforms. `zhiku entities`, `zhiku extract` and the
/// REPL's `:ent` (local index or server) print through it.
enum EntitiesText {
    /// `figures (n)`, then `  surface ×count  段1,2`, and the same for dates and organizations.
    static func groups(_ g: EntityGroups) -> String {
        var out = ""
        for (title, entries) in [("figures", g.figures), ("dates", g.dates), ("orgs", g.orgs)] {
            out += "\(title) (\(entries.count))\n"
            for e in entries {
                out += "  \(e.name) ×\(e.mentions.count)  段" + e.mentions.map { String($0.passage) }.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// `figures (n)`, then `  surface  value unit kind [approx]`; dates with their value and
    /// granularity, organizations with their canonical name.
    static func extracted(_ e: Entities) -> String {
        var out = "figures (\(e.figures.count))\n"
        for f in e.figures {
            out += "  \(f.surface)  " + ([number(f.value), f.unit, f.kind] + [f.approx].compactMap { $0 }).joined(separator: " ") + "\n"
        }
        out += "dates (\(e.dates.count))\n"
        for d in e.dates { out += "  \(d.surface)  \(d.value) \(d.granularity)\n" }
        out += "orgs (\(e.orgs.count))\n"
        for o in e.orgs { out += "  \(o.surface)  \(o.canonical ?? "")\n" }
        return out
    }

    /// Organizations by mentions and documents, then platforms with their aliases, document,
    /// passages and facts.
    static func knowledgeBase(_ kb: KnowledgeBaseSummary) -> String {
        var out = "organizations (mentions, documents)\n"
        for o in kb.organizations { out += "  \(o.name)  \(o.mentions) · \(o.docs)\n" }
        out += "platforms\n"
        for p in kb.platforms {
            out += "  \(p.name)" + (p.aliases.isEmpty ? "" : " (\(p.aliases.joined(separator: "、")))")
            out += " · \(Terminal.visible(p.doc)) 段\(p.passages.lowerBound)–\(p.passages.upperBound) · \(p.facts) facts\n"
        }
        return out
    }

    /// Organization names, then platform names and their aliases, without repeats (Tab completion).
    static func names(_ kb: KnowledgeBaseSummary) -> [String] {
        var seen = Set<String>(), out: [String] = []
        for name in kb.organizations.map(\.name) + kb.platforms.flatMap({ [$0.name] + $0.aliases })
        where !name.isEmpty && seen.insert(name).inserted {
            out.append(name)
        }
        return out
    }

    /// A number as the JSON output writes it (no trailing zeros, at most 6 decimals).
    static func number(_ value: Double) -> String {
        var w = JSONWriter()
        w.double(value, digits: 6)
        return w.output
    }
}
