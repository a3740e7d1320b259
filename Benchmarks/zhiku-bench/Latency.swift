import Foundation
import ZhikuIndex
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Query shapes of `../shared/bench/queries.txt`, told apart by shape, not by line number.
enum QueryKind: String, CaseIterable {
    case twoChar = "2-char"
    case threeFour = "3-4-char"
    case twoWord = "two-word"
    case single = "1-char"
    case other = "other"

    init(_ q: String) {
        if q.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { self = .twoWord; return }
        switch q.unicodeScalars.count {
        case 1: self = .single
        case 2: self = .twoChar
        case 3...4: self = .threeFour
        default: self = .other
        }
    }

    /// Row order in tables, then "all".
    static let reported: [String] = [QueryKind.twoChar, .threeFour, .twoWord, .single].map(\.rawValue) + ["all"]
}

struct Percentiles {
    var n: Int
    var p50: Double
    var p95: Double
    var p99: Double
    var mean: Double

    /// Nearest-rank percentiles, as the Python baseline computes them.
    init?(_ samples: [Double]) {
        guard !samples.isEmpty else { return nil }
        let s = samples.sorted()
        func p(_ q: Double) -> Double { s[max(0, min(s.count - 1, Int((q * Double(s.count) / 100).rounded(.up)) - 1))] }
        n = s.count
        p50 = p(50); p95 = p(95); p99 = p(99)
        mean = s.reduce(0, +) / Double(s.count)
    }

    init?(json: Any?) {
        guard let d = json as? [String: Any], let p50 = d["p50"] as? Double, let p95 = d["p95"] as? Double,
              let p99 = d["p99"] as? Double else { return nil }
        n = d["n"] as? Int ?? 0
        self.p50 = p50; self.p95 = p95; self.p99 = p99
        mean = d["mean"] as? Double ?? .nan
    }

    var json: [String: Any] { ["n": n, "p50": p50, "p95": p95, "p99": p99, "mean": mean] }
}

struct LatencyResult {
    var byKind: [String: Percentiles]
    var queries: Int
    var withoutHits: Int
    var errors: Int
    var peakRSSBytes: Int
    /// The slowest queries by their median over the timed passes.
    var slowest: [SlowQuery] = []
}

struct SlowQuery {
    var query: String
    var kind: String
    var medianMs: Double
    /// Matching passages (zhiku's `total`; the baseline does not count them: -1).
    var total: Int
    var json: [String: Any] { ["query": query, "kind": kind, "median_ms": medianMs, "total": total] }
    init(query: String, kind: String, medianMs: Double, total: Int) {
        self.query = query; self.kind = kind; self.medianMs = medianMs; self.total = total
    }
    init?(json: Any) {
        guard let d = json as? [String: Any], let q = d["query"] as? String, let m = d["median_ms"] as? Double else { return nil }
        self.init(query: q, kind: QueryKind(q).rawValue, medianMs: m, total: d["total"] as? Int ?? -1)
    }
}

enum Latency {
    static func loadQueries(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Runs every query `warmup` times untimed, then `passes` times timed, in this process through
    /// `Engine.search` (limit 10, snippets on, as the CLI asks). Every timed run is one sample.
    static func run(index: URL, queries: [String], warmup: Int, passes: Int) throws -> LatencyResult {
        let engine = try Engine(indexDirectory: index)
        var options = SearchOptions()
        options.limit = 10
        var samples: [String: [Double]] = [:]
        var empty = 0, errors = 0
        var perQuery = Array(repeating: [Double](), count: queries.count)
        var totals = Array(repeating: 0, count: queries.count)
        for w in 0..<warmup {
            let t = Date()
            for q in queries { _ = try? engine.search(q, options: options) }
            log(String(format: "  warm-up pass %d: %.1f s", w + 1, Date().timeIntervalSince(t)))
        }
        for pass in 0..<passes {
            let passStarted = Date()
            defer { log(String(format: "  timed pass %d: %.1f s", pass + 1, Date().timeIntervalSince(passStarted))) }
            for (i, q) in queries.enumerated() {
                let t = DispatchTime.now().uptimeNanoseconds
                let r = try? engine.search(q, options: options)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6
                samples[QueryKind(q).rawValue, default: []].append(ms)
                samples["all", default: []].append(ms)
                perQuery[i].append(ms)
                if pass == 0 {
                    if r == nil { errors += 1 } else if r!.hits.isEmpty { empty += 1 }
                    totals[i] = r?.total ?? -1
                }
            }
        }
        let slowest = queries.indices.map { i -> SlowQuery in
            let s = perQuery[i].sorted()
            return SlowQuery(query: queries[i], kind: QueryKind(queries[i]).rawValue, medianMs: s[s.count / 2], total: totals[i])
        }.sorted { $0.medianMs > $1.medianMs }.prefix(20)
        return LatencyResult(byKind: samples.compactMapValues(Percentiles.init), queries: queries.count,
                             withoutHits: empty, errors: errors, peakRSSBytes: selfPeakRSS(), slowest: Array(slowest))
    }

    static func selfPeakRSS() -> Int {
        var u = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &u)
        #else
        getrusage(RUSAGE_SELF, &u)
        #endif
        #if os(Linux)
        return Int(u.ru_maxrss) * 1024
        #else
        return Int(u.ru_maxrss)
        #endif
    }
}
