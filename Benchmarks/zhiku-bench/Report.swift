import Foundation

/// A target of issue 2 and whether this run met it.
struct Target {
    var name: String
    var measured: String
    var met: Bool?
    var json: [String: Any] { ["target": name, "measured": measured, "met": met.map { $0 as Any } ?? NSNull()] }
}

/// The printed table, the targets, and the result files.
struct Report {
    var results: [CorpusResult]
    var oneShot: OneShot?
    var baselineOneShot: OneShot?
    var context: [String: Any]

    static func f(_ x: Double?, _ digits: Int = 2) -> String {
        guard let x, x.isFinite else { return "—" }
        return String(format: "%.\(digits)f", x)
    }

    static func pad(_ s: String, _ w: Int, right: Bool = true) -> String {
        let n = s.count
        guard n < w else { return s }
        return right ? String(repeating: " ", count: w - n) + s : s + String(repeating: " ", count: w - n)
    }

    static func row(_ cells: [String], _ widths: [Int]) -> String {
        zip(cells, widths).enumerated().map { i, cw in pad(cw.0, cw.1, right: i > 0) }.joined(separator: "  ")
    }

    static let widths = [24, 22, 22, 22, 15, 15]

    static func mib(_ bytes: Int?) -> String { bytes.map { f(Double($0) / 1_048_576, 0) } ?? "—" }

    func table(_ r: CorpusResult) -> String {
        let w = Report.widths
        var lines: [String] = []
        let c = r.corpus
        lines.append("== \(c.label): \(c.files) files, \(Report.f(Double(c.textBytes) / 1e6, 1)) MB of text ==")
        lines.append(Report.row(["", "zhiku", "baseline", "tantivy", "z ÷ baseline", "z ÷ tantivy"], w))
        let z = r.zhikuIndexing, b = r.baselineIndexing, t = r.tantivyIndexing
        func ratio(_ peer: IndexingResult?, _ value: (IndexingResult) -> Double) -> String {
            peer.map { Report.f(value(z) / value($0)) + "×" } ?? "—"
        }
        func secs(_ x: IndexingResult?) -> String { x.map { "\(Report.f($0.seconds)) (\(Report.f($0.cpuSeconds)))" } ?? "—" }
        lines.append(Report.row(["indexing MB/s", Report.f(z.mbPerSecond), Report.f(b?.mbPerSecond), Report.f(t?.mbPerSecond),
                                 ratio(b, \.mbPerSecond), ratio(t, \.mbPerSecond)], w))
        lines.append(Report.row(["indexing s (CPU s)", secs(z), secs(b), secs(t), "", ""], w))
        lines.append(Report.row(["index ÷ text", Report.f(z.ratio), Report.f(b?.ratio), Report.f(t?.ratio), ratio(b, \.ratio), ratio(t, \.ratio)], w))
        lines.append(Report.row(["indexing peak RSS MiB", Report.mib(z.peakRSSBytes), Report.mib(b?.peakRSSBytes), Report.mib(t?.peakRSSBytes), "", ""], w))
        lines.append(Report.row(["query ms p50/p95/p99", "", "", "", "p50× / p99×", "p50× / p99×"], w))
        for kind in QueryKind.reported {
            let zp = r.zhikuLatency.byKind[kind], bp = r.baselineLatency?.byKind[kind], tp = r.tantivyLatency?.byKind[kind]
            guard zp != nil || bp != nil || tp != nil else { continue }
            func three(_ p: Percentiles?) -> String {
                guard let p else { return "—" }
                return "\(Report.f(p.p50)) / \(Report.f(p.p95, 1)) / \(Report.f(p.p99, 1))"
            }
            func ratios(_ p: Percentiles?) -> String {
                guard let zp, let p else { return "—" }
                return "\(Report.f(zp.p50 / p.p50)) / \(Report.f(zp.p99 / p.p99))"
            }
            lines.append(Report.row(["  \(kind) (n=\(zp?.n ?? 0))", three(zp), three(bp), three(tp), ratios(bp), ratios(tp)], w))
        }
        lines.append(Report.row(["queries without hits", "\(r.zhikuLatency.withoutHits)/\(r.zhikuLatency.queries)",
                                 r.baselineLatency.map { "\($0.withoutHits)/\($0.queries)" } ?? "—",
                                 r.tantivyLatency.map { "\($0.withoutHits)/\($0.queries)" } ?? "—", "", ""], w))
        func slow(_ l: LatencyResult?) -> String {
            // A query in two sets (的 is a 1-char query and a top-char) is listed once.
            var seen = Set<String>()
            return (l?.slowest ?? []).filter { seen.insert($0.query).inserted }.prefix(5).map { "\($0.query) \(Report.f($0.medianMs, 1))" + ($0.total >= 0 ? " (\($0.total))" : "") }
                .joined(separator: ", ")
        }
        lines.append("slowest zhiku (median ms, matches): \(slow(r.zhikuLatency))")
        if r.baselineLatency != nil { lines.append("slowest baseline (median ms):      \(slow(r.baselineLatency))") }
        if r.tantivyLatency != nil { lines.append("slowest tantivy (median ms, matches): \(slow(r.tantivyLatency))") }
        if r.zhikuLatency.errors > 0 { lines.append("  zhiku query errors: \(r.zhikuLatency.errors)") }
        if !z.slices.isEmpty {
            let parts = z.slices.map { "\($0.label) MB \(Report.f($0.mbPerSecond))" }.joined(separator: ", ")
            lines.append("zhiku indexing MB/s per slice: \(parts)" + (z.finishingSeconds.map { "; then \(Report.f($0, 1)) s merging and checkpointing" } ?? ""))
        }
        if let runs = r.indexRuns {
            let list = { (xs: [Double]) in xs.map { Report.f($0, 2) }.joined(separator: ", ") }
            lines.append("indexing seconds per run (the medians above): zhiku \(list(runs.zhiku)); baseline \(list(runs.baseline))")
        }
        if let o = r.overlap { lines.append(Report.overlapTable(o)) }
        return lines.joined(separator: "\n")
    }

    static func overlapTable(_ o: OverlapResult) -> String {
        let w = [24, 13, 13, 20, 16, 18]
        var lines = ["zhiku top 10 against exact BM25 (exactRanking), as sets:"]
        lines.append(row(["", "mean overlap", "top 10 differ", "< 1,000 matches: differ", "order only", "total wrong/inexact"], w))
        var examples: [String] = []
        for kind in QueryKind.reported + ["every query"] {
            guard let k = kind == "every query" ? o.everything : o.byKind[kind] else { continue }
            lines.append(row(["  \(kind) (n=\(k.n))", f(k.mean, 3), "\(k.differ)", "\(k.smallDiffer)/\(k.small)", "\(k.orderDiffer)",
                              "\(k.totalWrong)/\(k.totalInexact)"], w))
            if kind == "every query" { examples = k.smallExamples + k.totalExamples.map { "total: " + $0 } }
            if k.errors > 0 { lines.append("    errors: \(k.errors)") }
        }
        if !examples.isEmpty { lines.append("  e.g. " + examples.joined(separator: "; ")) }
        return lines.joined(separator: "\n")
    }

    /// p50/p99 over queries.txt against corpus size, per engine, and the worst single terms.
    var curve: String? {
        guard results.count > 1 else { return nil }
        let w = [16, 16, 16, 16, 24]
        var lines = ["== latency against corpus size: queries.txt (\"all\"), ms p50 / p99 =="]
        lines.append(Report.row(["corpus", "zhiku", "baseline", "tantivy", "zhiku top-bigram/char p99"], w))
        func two(_ p: Percentiles?) -> String { p.map { "\(Report.f($0.p50)) / \(Report.f($0.p99, 1))" } ?? "—" }
        for r in results {
            let zb = r.zhikuLatency.byKind[QuerySets.topBigram], zc = r.zhikuLatency.byKind[QuerySets.topChar]
            lines.append(Report.row(["\(Report.f(Double(r.corpus.textBytes) / 1e6, 0)) MB", two(r.zhikuLatency.byKind["all"]),
                                     two(r.baselineLatency?.byKind["all"]), two(r.tantivyLatency?.byKind["all"]),
                                     "\(Report.f(zb?.p99, 1)) / \(Report.f(zc?.p99, 1))"], w))
        }
        if let first = results.first?.zhikuLatency.byKind["all"], let last = results.last?.zhikuLatency.byKind["all"] {
            lines.append(String(format: "zhiku p99 grows ×%.2f from the smallest to the largest corpus (text ×%.1f)", last.p99 / first.p99,
                                Double(results.last!.corpus.textBytes) / Double(results.first!.corpus.textBytes)))
        }
        return lines.joined(separator: "\n")
    }

    var targets: [Target] {
        var t: [Target] = []
        for r in results {
            let z = r.zhikuIndexing
            if let b = r.baselineIndexing { t.append(Report.indexingTarget("indexing ≥ 1.5× baseline MB/s on \(r.corpus.name)", z, b)) }
            t.append(Target(name: "index ≤ 3× text on \(r.corpus.name)", measured: "\(Report.f(z.ratio))×", met: z.ratio <= 3))
            t.append(Target(name: "indexing peak memory < 300 MB on \(r.corpus.name)",
                            measured: "\(Report.f(Double(z.peakRSSBytes) / 1e6, 0)) MB", met: z.peakRSSBytes < 300_000_000))
        }
        if let r = results.first(where: { $0.corpus.name == "gov-reports" }), let zp = r.zhikuLatency.byKind["all"],
           let bp = r.baselineLatency?.byKind["all"] {
            t.append(Target(name: "query p50 on 10 MB ≤ baseline's", measured: "\(Report.f(zp.p50)) vs \(Report.f(bp.p50)) ms", met: zp.p50 <= bp.p50))
            t.append(Target(name: "query p99 on 10 MB ≤ baseline's", measured: "\(Report.f(zp.p99)) vs \(Report.f(bp.p99)) ms", met: zp.p99 <= bp.p99))
        }
        if let o = oneShot {
            t.append(Target(name: "one-shot zhiku search < 30 ms (median)", measured: "\(Report.f(o.median, 1)) ms", met: o.median < 30))
        }
        return t
    }

    /// zhiku's indexing MB/s at least 1.5× the baseline's.
    static func indexingTarget(_ name: String, _ z: IndexingResult, _ b: IndexingResult) -> Target {
        let ratio = z.mbPerSecond / b.mbPerSecond
        return Target(name: name, measured: "\(f(z.mbPerSecond)) vs \(f(b.mbPerSecond)) MB/s = \(f(ratio))×", met: ratio >= 1.5)
    }

    /// Issue 6's targets, at 58 and 300 MB (a size not run is marked "?").
    var targets6: [Target] {
        var t: [Target] = []
        for size in [58, 300] {
            let at = "at \(size) MB"
            guard let r = results.first(where: { $0.corpus.sizeMB == size }) else {
                t.append(Target(name: "\(at): not run (--sizes …,\(size))", measured: "—", met: nil))
                continue
            }
            let zp = r.zhikuLatency.byKind["all"]
            if let zp, let tp = r.tantivyLatency?.byKind["all"] {
                t.append(Target(name: "\(at): query p50 ≤ Tantivy's", measured: "\(Report.f(zp.p50)) vs \(Report.f(tp.p50)) ms", met: zp.p50 <= tp.p50))
                t.append(Target(name: "\(at): query p99 ≤ Tantivy's", measured: "\(Report.f(zp.p99)) vs \(Report.f(tp.p99)) ms", met: zp.p99 <= tp.p99))
            } else {
                t.append(Target(name: "\(at): query p50 and p99 ≤ Tantivy's", measured: "no Tantivy figures", met: nil))
            }
            let worst = [QuerySets.topBigram, QuerySets.topChar].compactMap { k in r.zhikuLatency.byKind[k].map { (k, $0.p99) } }
            if let m = worst.max(by: { $0.1 < $1.1 }) {
                t.append(Target(name: "\(at): worst-case single-term p99 < 20 ms",
                                measured: worst.map { "\($0.0) \(Report.f($0.1, 1)) ms" }.joined(separator: ", "), met: m.1 < 20))
            }
            let z = r.zhikuIndexing
            if let b = r.baselineIndexing { t.append(Report.indexingTarget("\(at): indexing ≥ 1.5× baseline MB/s", z, b)) }
            t.append(Target(name: "\(at): index ≤ 2.5× text", measured: "\(Report.f(z.ratio))×", met: z.ratio <= 2.5))
            if size == 300 {
                t.append(Target(name: "\(at): indexing peak memory < 1 GB", measured: "\(Report.f(Double(z.peakRSSBytes) / 1e6, 0)) MB",
                                met: z.peakRSSBytes < 1_000_000_000))
            }
            if let o = r.overlap?.everything {
                t.append(Target(name: "\(at): top-10 overlap with exact BM25 ≥ 0.95 (mean, every query)", measured: Report.f(o.mean, 3),
                                met: o.mean >= 0.95))
                t.append(Target(name: "\(at): top 10 identical for queries with < 1,000 matches",
                                measured: "\(o.smallDiffer) of \(o.small) differ", met: o.smallDiffer == 0))
                t.append(Target(name: "\(at): total exact or marked total_exact=false",
                                measured: "\(o.totalWrong) wrong, \(o.totalInexact) marked inexact", met: o.totalWrong == 0))
            }
        }
        return t
    }

    static func targetBlock(_ title: String, _ targets: [Target]) -> String {
        var s = "== targets (\(title)) ==\n"
        for t in targets {
            let mark = t.met == nil ? "  ?  " : t.met! ? " met " : "MISSED"
            s += "[\(mark)] \(t.name): \(t.measured)\n"
        }
        return s
    }

    var text: String {
        var parts = results.map(table)
        if let o = oneShot {
            var s = "== one-shot process on the sample corpus (start, open, query, print) ==\n"
            s += "zhiku:    median \(Report.f(o.median, 1)) ms, min \(Report.f(o.min, 1)), p90 \(Report.f(o.p90, 1)) over \(o.runs.count) runs, peak RSS \(Report.f(Double(o.peakRSSBytes) / 1_048_576, 0)) MiB\n"
            s += "          \(o.command)"
            if let b = baselineOneShot {
                s += "\nbaseline: median \(Report.f(b.median, 1)) ms, min \(Report.f(b.min, 1)), p90 \(Report.f(b.p90, 1)) over \(b.runs.count) runs, peak RSS \(Report.f(Double(b.peakRSSBytes) / 1_048_576, 0)) MiB\n"
                s += "          \(b.command)"
            }
            parts.append(s)
        }
        if let c = curve { parts.append(c) }
        parts.append(Report.targetBlock("issue 2", targets))
        parts.append(Report.targetBlock("issue 6", targets6))
        return parts.joined(separator: "\n\n")
    }

    var json: [String: Any] {
        var corpora: [[String: Any]] = []
        for r in results {
            var c: [String: Any] = ["name": r.corpus.name, "label": r.corpus.label, "directory": r.corpus.directory.path,
                                    "files": r.corpus.files, "text_bytes": r.corpus.textBytes]
            var z: [String: Any] = ["indexing": r.zhikuIndexing.json,
                                    "latency_ms": r.zhikuLatency.byKind.mapValues(\.json),
                                    "queries": r.zhikuLatency.queries, "queries_without_hits": r.zhikuLatency.withoutHits,
                                    "query_errors": r.zhikuLatency.errors, "slowest": r.zhikuLatency.slowest.map(\.json)]
            z["bench_process_peak_rss_mib"] = Double(r.zhikuLatency.peakRSSBytes) / 1_048_576
            if let runs = r.indexRuns { c["index_runs_seconds"] = ["zhiku": runs.zhiku, "baseline": runs.baseline] }
            c["zhiku"] = z
            if let bi = r.baselineIndexing, let bl = r.baselineLatency {
                c["baseline"] = ["indexing": bi.json, "latency_ms": bl.byKind.mapValues(\.json),
                                 "queries": bl.queries, "queries_without_hits": bl.withoutHits, "slowest": bl.slowest.map(\.json),
                                 "process_peak_rss_mib": Double(bl.peakRSSBytes) / 1_048_576]
            }
            if let ti = r.tantivyIndexing, let tl = r.tantivyLatency {
                c["tantivy"] = ["indexing": ti.json, "latency_ms": tl.byKind.mapValues(\.json),
                                "queries": tl.queries, "queries_without_hits": tl.withoutHits, "slowest": tl.slowest.map(\.json),
                                "process_peak_rss_mib": Double(tl.peakRSSBytes) / 1_048_576]
            }
            if let o = r.overlap {
                var byKind = o.byKind.mapValues(\.json)
                byKind["every query"] = o.everything.json
                c["overlap_with_exact_bm25"] = byKind
            }
            c["size_mb"] = r.corpus.sizeMB
            c["query_counts"] = r.queryCounts
            corpora.append(c)
        }
        var j = context
        j["corpora"] = corpora
        if let o = oneShot { j["one_shot_zhiku"] = o.json }
        if let b = baselineOneShot { j["one_shot_baseline"] = b.json }
        j["targets"] = targets.map(\.json)
        j["targets_issue6"] = targets6.map(\.json)
        return j
    }

    /// Writes `result.json` and `result.md` into `dir`.
    func write(to dir: URL, command: String) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        try data.write(to: dir.appendingPathComponent("result.json"))
        var md = "# zhiku-bench \(context["date"] ?? "") on \(context["hostname"] ?? "")\n\n"
        md += "Command: `\(command)`  \n"
        md += "Commit: `\(context["commit"] ?? "?")`, load average before/after: \(context["loadavg_before"] ?? "?") / \(context["loadavg_after"] ?? "?")\n\n"
        md += "```\n\(text)\n```\n"
        try md.write(to: dir.appendingPathComponent("result.md"), atomically: true, encoding: .utf8)
    }
}
