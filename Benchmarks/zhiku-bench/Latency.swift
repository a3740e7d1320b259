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

    /// Row order in tables: the kinds of queries.txt, "all" (over queries.txt), then the per-corpus worst cases.
    static let reported: [String] = [QueryKind.twoChar, .threeFour, .twoWord, .single].map(\.rawValue) + ["all", QuerySets.topBigram, QuerySets.topChar]
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
        self.init(query: q, kind: d["kind"] as? String ?? QueryKind(q).rawValue, medianMs: m, total: d["total"] as? Int ?? -1)
    }
}

enum Latency {
    static func loadQueries(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Runs every query `warmup` times untimed, then `passes` times timed, in this process through
    /// `Engine.search` (limit 10, snippets on, as the CLI asks). Every timed run is one sample; "all"
    /// gathers the samples of the queries of queries.txt.
    static func run(index: URL, queries: [BenchQuery], warmup: Int, passes: Int) throws -> LatencyResult {
        let engine = try Engine(indexDirectory: index)
        var options = SearchOptions()
        options.limit = 10
        var samples: [String: [Double]] = [:]
        var empty = 0, errors = 0
        var perQuery = Array(repeating: [Double](), count: queries.count)
        var totals = Array(repeating: 0, count: queries.count)
        for w in 0..<warmup {
            let t = Date()
            for q in queries { _ = try? engine.search(q.text, options: options) }
            log(String(format: "  warm-up pass %d: %.1f s", w + 1, Date().timeIntervalSince(t)))
        }
        for pass in 0..<passes {
            let passStarted = Date()
            defer { log(String(format: "  timed pass %d: %.1f s", pass + 1, Date().timeIntervalSince(passStarted))) }
            for (i, q) in queries.enumerated() {
                let t = DispatchTime.now().uptimeNanoseconds
                let r = try? engine.search(q.text, options: options)
                let ms = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6
                samples[q.kind, default: []].append(ms)
                if q.inAll { samples["all", default: []].append(ms) }
                perQuery[i].append(ms)
                if pass == 0 {
                    if r == nil { errors += 1 } else if r!.hits.isEmpty && q.inAll { empty += 1 }
                    totals[i] = r?.total ?? -1
                }
            }
        }
        let slowest = queries.indices.map { i -> SlowQuery in
            let s = perQuery[i].sorted()
            return SlowQuery(query: queries[i].text, kind: queries[i].kind, medianMs: s[s.count / 2], total: totals[i])
        }.sorted { $0.medianMs > $1.medianMs }.prefix(20)
        return LatencyResult(byKind: samples.compactMapValues(Percentiles.init), queries: queries.filter(\.inAll).count,
                             withoutHits: empty, errors: errors, peakRSSBytes: selfPeakRSS(), slowest: Array(slowest))
    }

    /// Every query twice, untimed: default options and `exactRanking` (plain BM25 over every match);
    /// compares the top 10 and the totals.
    static func overlap(index: URL, queries: [BenchQuery]) throws -> OverlapResult {
        let engine = try Engine(indexDirectory: index)
        var fast = SearchOptions()
        fast.limit = 10
        fast.includeEntities = false
        var exact = fast
        exact.exactRanking = true
        var byKind: [String: OverlapKind] = [:]
        let started = Date()
        for q in queries {
            let a = try? engine.search(q.text, options: fast), e = try? engine.search(q.text, options: exact)
            for k in q.inAll ? [q.kind, "all"] : [q.kind] {
                var o = byKind[k] ?? OverlapKind()
                defer { byKind[k] = o }
                o.n += 1
                guard let a, let e else { o.errors += 1; continue }
                let ai = a.hits.map { "\($0.doc)#\($0.passage)" }, ei = e.hits.map { "\($0.doc)#\($0.passage)" }
                let common = Set(ai).intersection(ei).count
                let denominator = max(ai.count, ei.count)
                o.overlapSum += denominator == 0 ? 1 : Double(common) / Double(denominator)
                if Set(ai) != Set(ei) {
                    o.differ += 1
                    if e.total < 1_000 {
                        o.smallDiffer += 1
                        if o.smallExamples.count < 5 { o.smallExamples.append("\(q.text) (\(e.total) matches, \(common)/\(denominator) shared)") }
                    }
                } else if ai != ei {
                    o.orderDiffer += 1
                }
                if e.total < 1_000 { o.small += 1 }
                if !a.totalExact { o.totalInexact += 1 } else if a.total != e.total {
                    o.totalWrong += 1
                    if o.totalExamples.count < 5 { o.totalExamples.append("\(q.text) (\(a.total) vs \(e.total))") }
                }
            }
        }
        log(String(format: "  overlap with exact BM25: %d queries × 2 in %.1f s", queries.count, Date().timeIntervalSince(started)))
        return OverlapResult(byKind: byKind)
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

/// Top-10 agreement between the default (accelerated) ranking and `exactRanking`, for one kind.
struct OverlapKind {
    var n = 0
    var errors = 0
    var overlapSum = 0.0
    /// Queries whose top-10 sets differ; of them, those with fewer than 1,000 matches (exact total).
    var differ = 0
    var small = 0
    var smallDiffer = 0
    var smallExamples: [String] = []
    /// Same ten passages in another order (ties, or scores that differ in the last digits).
    var orderDiffer = 0
    /// `total` said exact but not the exact path's count; `total_exact: false`.
    var totalWrong = 0
    var totalInexact = 0
    var totalExamples: [String] = []
    var mean: Double { n - errors > 0 ? overlapSum / Double(n - errors) : .nan }

    var json: [String: Any] {
        ["queries": n, "errors": errors, "mean_overlap": mean, "top10_differ": differ, "under_1000_matches": small,
         "under_1000_differ": smallDiffer, "under_1000_differ_examples": smallExamples, "order_only_differ": orderDiffer,
         "total_wrong": totalWrong, "total_inexact": totalInexact, "total_wrong_examples": totalExamples]
    }
}

struct OverlapResult {
    var byKind: [String: OverlapKind]
    /// Every query, of every set (queries.txt and the top terms).
    var everything: OverlapKind {
        var t = OverlapKind()
        for (k, o) in byKind where k != "all" {
            t.n += o.n; t.errors += o.errors; t.overlapSum += o.overlapSum; t.differ += o.differ; t.small += o.small
            t.smallDiffer += o.smallDiffer; t.orderDiffer += o.orderDiffer; t.totalWrong += o.totalWrong; t.totalInexact += o.totalInexact
            t.smallExamples += o.smallExamples; t.totalExamples += o.totalExamples
        }
        t.smallExamples = Array(t.smallExamples.prefix(5)); t.totalExamples = Array(t.totalExamples.prefix(5))
        return t
    }
}
