import Foundation

/// Words that name the same thing in government writing: abbreviations and their full forms
/// (规上 = 规模以上, 研发 = 研究与试验发展, 中科院 = 中国科学院 and the national bodies of
/// ``Abbreviations``). Search expands a query's terms with them (after exact matches); fact lookup
/// matches a question's words against a passage's with them. Documents' own aliases (以下简称) are
/// added by the index, per document.
public enum TermAliases {
    /// Groups of interchangeable words, the usual full form first.
    static let groups: [[String]] = [
        ["规模以上", "规上"],
        ["研究与试验发展", "研发", "R&D", "研究开发"],
        ["国内生产总值", "GDP", "地区生产总值", "生产总值"],
        ["高新技术企业", "高企"],
        ["高新技术产业开发区", "高新区"],
        ["经济技术开发区", "经开区"],
        ["全国人民代表大会", "全国人大"],
        ["人民代表大会", "人大"],
        ["政治协商会议", "政协"],
        ["科学技术", "科技"],
        ["知识产权", "知产"],
        ["中小企业", "中小微企业"],
        ["专精特新", "专精特新企业"],
        ["国家重点实验室", "全国重点实验室"],
        ["技术合同成交额", "技术合同交易额"],
        ["城镇新增就业", "新增城镇就业"],
        ["一般公共预算收入", "地方一般公共预算收入"],
    ]

    /// Word → the other words of its groups, and the national bodies' abbreviations both ways.
    static let table: [String: [String]] = {
        var out: [String: [String]] = [:]
        func link(_ a: String, _ b: String) {
            guard a != b else { return }
            if !(out[a]?.contains(b) ?? false) { out[a, default: []].append(b) }
            if !(out[b]?.contains(a) ?? false) { out[b, default: []].append(a) }
        }
        for g in groups { for a in g { for b in g { link(a, b) } } }
        for (short, full) in Abbreviations.exact { link(short, full) }
        return out
    }()

    /// The words of ``table``, for finding them inside a term.
    static let words: WordTable<Bool> = WordTable(table.keys.filter { $0.scalarCount >= 2 }.map { ($0, true) })

    /// The other words for `term`: for the whole term, and for a known word inside it
    /// (规上企业 → 规模以上企业, 中科院赣江创新院 → 中国科学院赣江创新院).
    public static func expansions(of term: String) -> [String] {
        var out: [String] = []
        func add(_ s: String) { if s != term && !out.contains(s) { out.append(s) } }
        table[term]?.forEach(add)
        // Replace the longest known word inside the term (one replacement per variant).
        let s = term.scalarValues
        var best: (start: Int, length: Int)? = nil
        for i in s.indices {
            if let (length, _) = words.longest(in: s, at: i), (length < s.count) && (length > (best?.length ?? 0)) { best = (i, length) }
        }
        if let b = best {
            let w = s.string(b.start, b.start + b.length)
            for other in table[w] ?? [] where !(other.contains(w) && term.contains(other)) {
                add(term.replacingFirst(w, with: other))
            }
        }
        return out
    }
}

extension String {
    /// The string with the first occurrence of `word` replaced.
    func replacingFirst(_ word: String, with other: String) -> String {
        guard let r = range(of: word) else { return self }
        return replacingCharacters(in: r, with: other)
    }
}
