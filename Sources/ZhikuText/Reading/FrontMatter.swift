import Yams

/// The front matter of a Markdown file: YAML between `---` lines, or TOML between `+++` lines, at
/// the very top. Read for its fields (keys in English or Chinese), never as body text.
///
/// A front matter that never closes within ``maxLines`` lines is not one: the file is read as
/// Markdown from its first line (nothing swallowed, nothing waited for).
public struct FrontMatter: Sendable {
    /// Longer than any real front matter (Jekyll's and Hugo's run to 10–30 lines); bounds the
    /// search for the closing line.
    public static let maxLines = 200
    /// Top-level `key: value` pairs whose value is a scalar, in file order.
    public var fields: [(key: String, value: String)]

    /// Splits `lines` into the front matter's fields and the lines after it; nil when `lines` do not
    /// open with a front matter that closes.
    public static func split(_ lines: [Substring]) -> (FrontMatter, rest: ArraySlice<Substring>)? {
        guard let first = lines.first.map({ $0.trimmingCharacters(in: .whitespaces) }), first == "---" || first == "+++" else { return nil }
        let fence = first
        let limit = min(lines.count, maxLines + 1)
        guard let close = (1..<max(1, limit)).first(where: { i in
            let l = lines[i].trimmingCharacters(in: .whitespaces)
            return l == fence || (fence == "---" && l == "...")
        }) else { return nil }
        let body = lines[1..<close].joined(separator: "\n")
        let fields = fence == "---" ? yamlFields(body) : tomlFields(body)
        return (FrontMatter(fields: fields), lines[(close + 1)...])
    }

    /// YAML through Yams: only the top level's scalar values are read, so an alias bomb (`&a`/`*a`
    /// nested) is never expanded. Malformed YAML falls back to reading `key: value` lines.
    static func yamlFields(_ yaml: String) -> [(key: String, value: String)] {
        if let node = try? Yams.compose(yaml: yaml), let mapping = node.mapping {
            var out: [(String, String)] = []
            for (k, v) in mapping {
                guard let key = k.string, let value = v.scalar?.string else { continue }
                out.append((key, value))
            }
            return out
        }
        return lineFields(yaml, separator: ":")
    }

    /// TOML's `key = "value"` lines (front matter needs no more of TOML).
    static func tomlFields(_ toml: String) -> [(key: String, value: String)] {
        lineFields(toml, separator: "=")
    }

    static func lineFields(_ text: String, separator: Character) -> [(key: String, value: String)] {
        var out: [(String, String)] = []
        for line in text.split(separator: "\n") {
            guard !line.hasPrefix(" "), !line.hasPrefix("#"), let i = line.firstIndex(of: separator) else { continue }
            let key = line[..<i].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: i)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let q = value.first, (q == "\"" || q == "'"), value.last == q { value = String(value.dropFirst().dropLast()) }
            if !key.isEmpty && !value.isEmpty { out.append((key, value)) }
        }
        return out
    }

    /// The fields as metadata hints (title/标题, date/发布日期, source/来源/发布单位, 文号).
    func hints() -> MetadataHints {
        var h = MetadataHints()
        for (key, value) in fields {
            let k = key.lowercased()
            if k == "subtitle" || k == "副标题" { continue }
            if k == "author" || k == "publisher" { h.add(label: "来源", value: value); continue }
            h.add(label: k, value: value)
        }
        return h
    }
}
