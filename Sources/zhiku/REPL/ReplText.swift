import Foundation
import ZhikuIndex
import ZhikuServer

/// Text renderings of the `data` JSON of FACTS, ENTITIES, DOC and STATS, so that a server's reply
/// prints the way the local engine's answer does (`:facts` mirrors ``FactsCommand/text(_:color:)``,
/// `:ent DOC` mirrors ``EntitiesCommand/text(_:)``).
enum ReplText {
    static func parse(_ json: String) -> JSONNode? { try? JSONNode.parse(Array(json.utf8)) }

    private static func strings(_ n: JSONNode?) -> [String] { n?.array?.compactMap(\.string) ?? [] }

    private static func ranges(_ n: JSONNode?) -> [Range<Int>] {
        (n?.array ?? []).compactMap { pair in
            guard let a = pair.array, a.count == 2, let s = a[0].int, let e = a[1].int, s <= e else { return nil }
            return s..<e
        }
    }

    // MARK: - FACTS

    static func factsAnswered(_ json: String) -> Bool { !(parse(json)?["answers"]?.array?.isEmpty ?? true) }

    /// What ``FactsCommand/text(_:color:)`` prints, from FACTS `data`.
    static func facts(_ json: String, color: Bool) -> String {
        guard let root = parse(json) else { return json + "\n" }
        let answers = root["answers"]?.array ?? []
        if answers.isEmpty {
            let question = root["question"]?.string ?? ""
            return "no fact answers \(question)" + (root["expected_kind"]?.string.map { " (looked for: \($0))" } ?? "") + "\n"
        }
        var out = ""
        for (i, a) in answers.enumerated() {
            let what = [a["subject"]?.string, a["attribute"]?.string].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
            let kind = a["kind"]?.string ?? ""
            let date = a["date"]?.string
            let head = "\(i + 1). \(a["surface"]?.string ?? "")  [\(kind)\(date.map { ", \($0)" } ?? "")]" + (what.isEmpty ? "" : "  \(what)")
            out += color ? "\(HitPrinter.bold)\(head)\(HitPrinter.reset)\n" : head + "\n"
            out += "   \(a["title"]?.string ?? "") · \(a["doc"]?.string ?? "") · 段\(a["passage"]?.int ?? 0)\n"
            let s = Snippet(text: a["evidence"]?.string ?? "", highlights: ranges(a["hl"]), length: 10_000)
            out += "   " + (color ? s.marked(pre: HitPrinter.hlOn, post: HitPrinter.reset) : s.marked(pre: "【", post: "】")) + "\n"
        }
        return out
    }

    // MARK: - ENTITIES

    /// What ``EntitiesCommand/text(_:)`` prints, from ENTITIES `doc=` `data`.
    static func entityGroups(_ json: String) -> String {
        guard let root = parse(json) else { return json + "\n" }
        var out = ""
        for key in ["figures", "dates", "orgs"] {
            let entries = root[key]?.array ?? []
            out += "\(key) (\(entries.count))\n"
            for e in entries {
                let name = e["name"]?.string ?? e["surface"]?.string ?? ""
                let passages = (e["mentions"]?.array ?? []).map { String($0["passage"]?.int ?? 0) }
                out += "  \(name) ×\(passages.count)  段" + passages.joined(separator: ",") + "\n"
            }
        }
        return out
    }

    /// The knowledge base (ENTITIES without arguments).
    static func knowledgeBase(_ json: String) -> String {
        guard let root = parse(json) else { return json + "\n" }
        var out = "organizations (mentions · documents)\n"
        for o in root["organizations"]?.array ?? [] {
            out += "  \(o["name"]?.string ?? "")  \(o["mentions"]?.int ?? 0) · \(o["docs"]?.int ?? 0)\n"
        }
        out += "platforms\n"
        for p in root["platforms"]?.array ?? [] {
            let aliases = strings(p["aliases"])
            out += "  \(p["name"]?.string ?? "")" + (aliases.isEmpty ? "" : " (\(aliases.joined(separator: "、")))")
            out += " · \(p["doc"]?.string ?? "") · \(p["facts"]?.int ?? 0) facts\n"
        }
        return out
    }

    /// Organization names, then platform names and their aliases, without repeats.
    static func names(ofKnowledgeBase json: String) -> [String] {
        guard let root = parse(json) else { return [] }
        var seen = Set<String>(), out: [String] = []
        func add(_ s: String?) {
            guard let s, !s.isEmpty, seen.insert(s).inserted else { return }
            out.append(s)
        }
        for o in root["organizations"]?.array ?? [] { add(o["name"]?.string) }
        for p in root["platforms"]?.array ?? [] {
            add(p["name"]?.string)
            for a in strings(p["aliases"]) { add(a) }
        }
        return out
    }

    // MARK: - DOC, STATS

    /// The document's title, its metadata line, then its passages under their headings.
    static func document(_ json: String, onePassage: Bool, color: Bool) -> String {
        guard let d = parse(json) else { return json + "\n" }
        let title = d["title"]?.string ?? ""
        var out = (color ? "\u{1B}[1m\(title)\u{1B}[0m" : title) + "\n"
        var meta = [d["doc"]?.string ?? ""]
        if let s = d["meta"]?["source"]?.string { meta.append("来源 \(s)") }
        if let date = d["meta"]?["date"]?.string { meta.append(date) }
        meta.append("\(d["passage_count"]?.int ?? 0) passages")
        out += meta.joined(separator: " · ") + "\n\n"
        var lastHeading: [String] = []
        for p in d["passages"]?.array ?? [] {
            let heading = strings(p["heading"])
            if onePassage || heading != lastHeading, !heading.isEmpty {
                out += "§ " + heading.joined(separator: " › ") + "\n"
            }
            lastHeading = heading
            out += "[\(p["passage"]?.int ?? 0)] \(p["text"]?.string ?? "")\n"
        }
        return out
    }

    /// Index counts (and, from a server, its uptime, clients and latencies).
    static func stats(_ json: String) -> String {
        guard let s = parse(json), case .object(let fields) = s.kind else { return json + "\n" }
        let labels: [String: String] = ["docs": "documents", "passages": "passages", "terms": "terms", "chars": "characters",
                                        "text_bytes": "text bytes", "index_bytes": "index bytes", "built_at": "built",
                                        "schema_version": "schema"]
        var out = ""
        for (k, v) in fields {
            let value: String
            switch v.kind {
            case .string(let str): value = str
            case .number(let d): value = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(format: "%.3f", d)
            case .bool(let b): value = b ? "yes" : "no"
            case .null: value = "-"
            default: value = JSONNode.raw(v, in: Array(json.utf8))
            }
            let label = labels[k] ?? k
            out += label + String(repeating: " ", count: max(1, 16 - label.count)) + value + "\n"
        }
        return out
    }
}
