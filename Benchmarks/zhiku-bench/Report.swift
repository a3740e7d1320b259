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

    static let widths = [26, 24, 24, 22]

    func table(_ r: CorpusResult) -> String {
        let w = Report.widths
        var lines: [String] = []
        let c = r.corpus
        lines.append("== \(c.label): \(c.files) files, \(Report.f(Double(c.textBytes) / 1e6, 1)) MB of text ==")
        lines.append(Report.row(["", "zhiku", "baseline", "zhiku ÷ baseline"], w))
        let z = r.zhikuIndexing, b = r.baselineIndexing
        lines.append(Report.row(["indexing MB/s", Report.f(z.mbPerSecond), Report.f(b?.mbPerSecond),
                                 b.map { Report.f(z.mbPerSecond / $0.mbPerSecond) + "×" } ?? "—"], w))
        lines.append(Report.row(["indexing seconds (CPU)", "\(Report.f(z.seconds)) (\(Report.f(z.cpuSeconds)))",
                                 b.map { "\(Report.f($0.seconds)) (\(Report.f($0.cpuSeconds)))" } ?? "—", ""], w))
        lines.append(Report.row(["index ÷ text", Report.f(z.ratio), Report.f(b?.ratio),
                                 b.map { Report.f(z.ratio / $0.ratio) + "×" } ?? "—"], w))
        lines.append(Report.row(["indexing peak RSS MiB", Report.f(Double(z.peakRSSBytes) / 1_048_576, 0),
                                 b.map { Report.f(Double($0.peakRSSBytes) / 1_048_576, 0) } ?? "—", ""], w))
        lines.append(Report.row(["query ms p50 / p95 / p99", "", "", "p50 ratio / p99 ratio"], w))
        for kind in QueryKind.reported {
            let zp = r.zhikuLatency.byKind[kind], bp = r.baselineLatency?.byKind[kind]
            func three(_ p: Percentiles?) -> String {
                guard let p else { return "—" }
                return "\(Report.f(p.p50)) / \(Report.f(p.p95)) / \(Report.f(p.p99, 1))"
            }
            var ratio = "—"
            if let zp, let bp { ratio = "\(Report.f(zp.p50 / bp.p50))× / \(Report.f(zp.p99 / bp.p99))×" }
            lines.append(Report.row(["  \(kind) (n=\(zp?.n ?? 0))", three(zp), three(bp), ratio], w))
        }
        lines.append(Report.row(["queries without hits", "\(r.zhikuLatency.withoutHits)/\(r.zhikuLatency.queries)",
                                 r.baselineLatency.map { "\($0.withoutHits)/\($0.queries)" } ?? "—", ""], w))
        func slow(_ l: LatencyResult?) -> String {
            (l?.slowest.prefix(5) ?? []).map { "\($0.query) \(Report.f($0.medianMs, 1))" + ($0.total >= 0 ? " (\($0.total))" : "") }
                .joined(separator: ", ")
        }
        lines.append("slowest zhiku (median ms, matches): \(slow(r.zhikuLatency))")
        if r.baselineLatency != nil { lines.append("slowest baseline (median ms):      \(slow(r.baselineLatency))") }
        if r.zhikuLatency.errors > 0 { lines.append("  zhiku query errors: \(r.zhikuLatency.errors)") }
        return lines.joined(separator: "\n")
    }

    var targets: [Target] {
        var t: [Target] = []
        for r in results {
            let z = r.zhikuIndexing
            if let b = r.baselineIndexing {
                let ratio = z.mbPerSecond / b.mbPerSecond
                t.append(Target(name: "indexing ≥ 1.5× baseline MB/s on \(r.corpus.name)",
                                measured: "\(Report.f(z.mbPerSecond)) vs \(Report.f(b.mbPerSecond)) MB/s = \(Report.f(ratio))×", met: ratio >= 1.5))
            }
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
        var s = "== targets (issue 2) ==\n"
        for t in targets {
            let mark = t.met == nil ? "  ?  " : t.met! ? " met " : "MISSED"
            s += "[\(mark)] \(t.name): \(t.measured)\n"
        }
        parts.append(s)
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
            c["zhiku"] = z
            if let bi = r.baselineIndexing, let bl = r.baselineLatency {
                c["baseline"] = ["indexing": bi.json, "latency_ms": bl.byKind.mapValues(\.json),
                                 "queries": bl.queries, "queries_without_hits": bl.withoutHits, "slowest": bl.slowest.map(\.json),
                                 "process_peak_rss_mib": Double(bl.peakRSSBytes) / 1_048_576]
            }
            corpora.append(c)
        }
        var j = context
        j["corpora"] = corpora
        if let o = oneShot { j["one_shot_zhiku"] = o.json }
        if let b = baselineOneShot { j["one_shot_baseline"] = b.json }
        j["targets"] = targets.map(\.json)
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
