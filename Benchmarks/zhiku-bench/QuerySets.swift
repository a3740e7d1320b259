import Foundation

/// One query of a run, with the kind it is reported under.
struct BenchQuery {
    var kind: String
    var text: String
    /// Part of `../shared/bench/queries.txt`, so counted in "all" (the per-corpus top terms are not).
    var inAll: Bool
}

/// The query sets of issue 6: queries.txt (kinds by shape) and, per corpus, its most frequent CJK
/// bigrams and characters as single-term queries.
enum QuerySets {
    static let topBigram = "top-bigram"
    static let topChar = "top-char"

    static func fromQueriesFile(_ queries: [String]) -> [BenchQuery] {
        queries.map { BenchQuery(kind: QueryKind($0).rawValue, text: $0, inAll: true) }
    }

    /// Han ideographs: CJK Unified (and Extension A), Compatibility, and the supplementary planes 2.
    @inline(__always) static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FFFF).contains(v)
    }

    /// Counts every Han character and every pair of adjacent Han characters (a bigram within a run of
    /// Han characters) in the files of `corpus`; returns the `bigrams` and `chars` most frequent, by
    /// count, ties broken by code points ascending. Cached in `cache` (keyed by the corpus's bytes).
    static func topTerms(corpus: Corpus, cache: URL, bigrams nb: Int = 100, chars nc: Int = 50) throws -> (bigrams: [String], chars: [String]) {
        let file = cache.appendingPathComponent("\(corpus.name).top-terms.json")
        if let d = try? Data(contentsOf: file), let j = try? JSONSerialization.jsonObject(with: d) as? [String: Any],
           j["text_bytes"] as? Int == corpus.textBytes, j["files"] as? Int == corpus.files,
           let b = j["bigrams"] as? [String], let c = j["chars"] as? [String], b.count == nb, c.count == nc {
            return (b, c)
        }
        let started = Date()
        var charCounts = [Int](repeating: 0, count: 0x30000)
        var bigramCounts: [UInt64: Int] = [:]
        bigramCounts.reserveCapacity(1 << 20)
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard let e = FileManager.default.enumerator(at: corpus.directory.resolvingSymlinksInPath(), includingPropertiesForKeys: keys,
                                                     options: [.skipsHiddenFiles]) else { throw BenchError("cannot list \(corpus.directory.path)") }
        for case let url as URL in e where Corpora.extensions.contains(url.pathExtension.lowercased()) {
            guard (try? url.resourceValues(forKeys: Set(keys)))?.isRegularFile == true else { continue }
            let data = try Data(contentsOf: url)
            data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
                let b = raw.bindMemory(to: UInt8.self)
                var i = 0, prev: UInt32 = 0  // prev: the previous scalar if Han, else 0
                let n = b.count
                while i < n {
                    let c0 = UInt32(b[i])
                    var v: UInt32
                    if c0 < 0x80 { v = c0; i += 1 }
                    else if c0 >= 0xF0, i + 3 < n {
                        v = (c0 & 0x07) << 18 | (UInt32(b[i + 1]) & 0x3F) << 12 | (UInt32(b[i + 2]) & 0x3F) << 6 | (UInt32(b[i + 3]) & 0x3F); i += 4
                    } else if c0 >= 0xE0, i + 2 < n {
                        v = (c0 & 0x0F) << 12 | (UInt32(b[i + 1]) & 0x3F) << 6 | (UInt32(b[i + 2]) & 0x3F); i += 3
                    } else if c0 >= 0xC0, i + 1 < n {
                        v = (c0 & 0x1F) << 6 | (UInt32(b[i + 1]) & 0x3F); i += 2
                    } else { v = 0; i += 1 }
                    if isHan(v) {
                        charCounts[Int(v)] += 1
                        if prev != 0 { bigramCounts[UInt64(prev) << 32 | UInt64(v), default: 0] += 1 }
                        prev = v
                    } else {
                        prev = 0
                    }
                }
            }
        }
        func string(_ scalars: UInt32...) -> String { String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))) }
        let chars = charCounts.indices.filter { charCounts[$0] > 0 }
            .sorted { charCounts[$0] != charCounts[$1] ? charCounts[$0] > charCounts[$1] : $0 < $1 }
            .prefix(nc).map { string(UInt32($0)) }
        let bigrams = bigramCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(nb).map { string(UInt32($0.key >> 32), UInt32($0.key & 0xFFFF_FFFF)) }
        log(String(format: "top terms of %@: %.1f s (most frequent: %@ … %@)", corpus.name, Date().timeIntervalSince(started),
                   bigrams.prefix(5).joined(separator: " "), chars.prefix(5).joined(separator: " ")))
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let j: [String: Any] = ["text_bytes": corpus.textBytes, "files": corpus.files, "bigrams": Array(bigrams), "chars": Array(chars)]
        try JSONSerialization.data(withJSONObject: j, options: [.prettyPrinted]).write(to: file)
        return (Array(bigrams), Array(chars))
    }

    /// queries.txt plus the corpus's top bigrams and characters.
    static func forCorpus(_ corpus: Corpus, base: [BenchQuery], cache: URL, limit: Int?) throws -> [BenchQuery] {
        let top = try topTerms(corpus: corpus, cache: cache)
        var b = top.bigrams, c = top.chars
        if let limit { b = Array(b.prefix(limit)); c = Array(c.prefix(limit)) }
        return base + b.map { BenchQuery(kind: topBigram, text: $0, inAll: false) } + c.map { BenchQuery(kind: topChar, text: $0, inAll: false) }
    }

    /// The file the Python peers read: a queries.txt line as is, any other as `KIND<TAB>QUERY`.
    static func write(_ queries: [BenchQuery], to url: URL) throws {
        let text = queries.map { $0.inAll ? $0.text : "\($0.kind)\t\($0.text)" }.joined(separator: "\n") + "\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}
