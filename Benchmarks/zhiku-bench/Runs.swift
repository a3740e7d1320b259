import Foundation

/// One indexing run of an engine over a corpus.
struct IndexingResult {
    var seconds: Double
    var textBytes: Int
    var indexBytes: Int
    var peakRSSBytes: Int
    var cpuSeconds: Double
    /// zhiku only: MB/s per slice of the input, from `zhiku index --progress-log`.
    var slices: [Slice] = []
    /// zhiku only: seconds from the last file's bytes to the end of the run (merge, vacuum, checkpoint).
    var finishingSeconds: Double? = nil
    var mbPerSecond: Double { Double(textBytes) / 1e6 / seconds }
    var ratio: Double { Double(indexBytes) / Double(textBytes) }

    var json: [String: Any] {
        var j: [String: Any] = ["seconds": seconds, "text_bytes": textBytes, "index_bytes": indexBytes, "mb_per_s": mbPerSecond,
                                "index_ratio": ratio, "peak_rss_mib": Double(peakRSSBytes) / 1_048_576, "cpu_seconds": cpuSeconds]
        if !slices.isEmpty { j["slices"] = slices.map(\.json) }
        if let finishingSeconds { j["finishing_seconds"] = finishingSeconds }
        return j
    }
}

/// A slice of the input bytes and how fast it went in.
struct Slice {
    var fromBytes: Int
    var toBytes: Int
    var seconds: Double
    var mbPerSecond: Double { Double(toBytes - fromBytes) / 1e6 / seconds }
    var label: String { String(format: "%.0f–%.0f", Double(fromBytes) / 1e6, Double(toBytes) / 1e6) }
    var json: [String: Any] { ["from_bytes": fromBytes, "to_bytes": toBytes, "seconds": seconds, "mb_per_s": mbPerSecond] }

    /// Slices of `sliceBytes` from a progress log's JSON lines (seconds, bytes_done; the last line has
    /// done: true). The moment a boundary was crossed is interpolated between the two lines around it.
    static func fromProgressLog(_ url: URL, sliceBytes: Int) -> (slices: [Slice], finishing: Double?) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return ([], nil) }
        var points: [(t: Double, b: Int)] = []
        var done: Double? = nil
        for line in text.split(separator: "\n") {
            guard let j = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let t = (j["seconds"] as? NSNumber)?.doubleValue, let b = (j["bytes_done"] as? NSNumber)?.intValue else { continue }
            if j["done"] as? Bool == true { done = t }
            if points.last.map({ b >= $0.b }) ?? true { points.append((t, b)) }
        }
        guard let total = points.last?.b, total > 0 else { return ([], nil) }
        // When the last byte was reached: the first point at the total.
        let reached = points.first { $0.b >= total }!.t
        func time(at bytes: Int) -> Double {
            guard let i = points.firstIndex(where: { $0.b >= bytes }) else { return reached }
            if i == 0 { return points[0].t }
            let (a, b) = (points[i - 1], points[i])
            return b.b == a.b ? b.t : a.t + (b.t - a.t) * Double(bytes - a.b) / Double(b.b - a.b)
        }
        var slices: [Slice] = []
        var from = 0
        while from < total {
            var to = min(total, from + sliceBytes)
            if total - to < sliceBytes / 5 { to = total }  // a short tail joins the last slice
            slices.append(Slice(fromBytes: from, toBytes: to, seconds: max(1e-6, time(at: to) - (from == 0 ? 0 : time(at: from)))))
            from = to
        }
        return (slices, done.map { $0 - reached })
    }
}

/// Everything measured on one corpus.
struct CorpusResult {
    var corpus: Corpus
    var zhikuIndexing: IndexingResult
    var zhikuLatency: LatencyResult
    var baselineIndexing: IndexingResult?
    var baselineLatency: LatencyResult?
    var tantivyIndexing: IndexingResult?
    var tantivyLatency: LatencyResult?
    var overlap: OverlapResult?
    /// queries.txt's count, and the per-corpus top-term queries' counts.
    var queryCounts: [String: Int] = [:]
    /// With `--index-runs`: every indexing time, zhiku's and the baseline's (their medians are
    /// the indexing figures).
    var indexRuns: (zhiku: [Double], baseline: [Double])? = nil
}

/// A one-shot process measured many times.
struct OneShot {
    var command: String
    var runs: [Double]  // ms
    var peakRSSBytes: Int
    var median: Double { let s = runs.sorted(); return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2 }
    var min: Double { runs.min() ?? .nan }
    var p90: Double { let s = runs.sorted(); return s[Swift.min(s.count - 1, Int(Double(s.count) * 0.9))] }
    var json: [String: Any] { ["command": command, "runs_ms": runs, "median_ms": median, "min_ms": min, "p90_ms": p90,
                               "peak_rss_mib": Double(peakRSSBytes) / 1_048_576] }
}

enum Runs {
    static func directorySize(_ dir: URL) -> Int {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
        var total = 0
        for case let url as URL in e { total += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) ?? 0 }
        return total
    }

    /// `zhiku index CORPUS --index FRESH --quiet`, the release binary in its own process.
    /// With `sliceBytes`, also `--progress-log` (when this zhiku has it), read into MB/s per slice.
    static func zhikuIndex(zhiku: String, corpus: Corpus, index: URL, logs: URL, sliceBytes: Int? = nil) throws -> IndexingResult {
        try? FileManager.default.removeItem(at: index)
        let err = logs.appendingPathComponent("\(corpus.name)-zhiku-index.stderr").path
        let progress = logs.appendingPathComponent("\(corpus.name)-zhiku-index.progress.jsonl")
        try? FileManager.default.removeItem(at: progress)
        var args = ["index", corpus.directory.path, "--index", index.path, "--quiet"]
        if sliceBytes != nil {
            if supportsProgressLog(zhiku) { args += ["--progress-log", progress.path] } else { log("this zhiku has no --progress-log: no per-slice MB/s") }
        }
        log("zhiku index \(corpus.directory.path) → \(index.path)")
        let r = try Spawn.check(zhiku, args, stderrPath: err)
        var result = IndexingResult(seconds: r.seconds, textBytes: corpus.textBytes, indexBytes: directorySize(index),
                                    peakRSSBytes: r.peakRSSBytes, cpuSeconds: r.userSeconds + r.systemSeconds)
        if let sliceBytes, FileManager.default.fileExists(atPath: progress.path) {
            (result.slices, result.finishingSeconds) = Slice.fromProgressLog(progress, sliceBytes: sliceBytes)
        }
        return result
    }

    static func supportsProgressLog(_ zhiku: String) -> Bool {
        shell([zhiku, "index", "--help"]).contains("--progress-log")
    }

    /// A Python peer (baseline_fts5.py --db, tantivy_peer.py --index): index, then the query file, in
    /// one process; its JSON has the figures.
    static func peer(name: String, python: String, script: String, storeFlag: String, store: URL, corpus: Corpus, queries: URL,
                     warmup: Int, passes: Int, logs: URL) throws -> (IndexingResult, LatencyResult, [String: Any]) {
        let out = logs.appendingPathComponent("\(corpus.name)-\(name).json")
        let err = logs.appendingPathComponent("\(corpus.name)-\(name).stderr").path
        log("\(name) on \(corpus.name): index and \(passes) timed passes")
        let r = try Spawn.check(python, [script, "--corpus", corpus.directory.path, storeFlag, store.path, "--queries", queries.path,
                                         "--warmup", String(warmup), "--passes", String(passes), "--json", out.path],
                                stderrPath: err)
        guard let j = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any],
              let seconds = j["index_seconds"] as? Double, let bytes = j["text_bytes"] as? Int,
              let indexBytes = j["index_bytes"] as? Int, let rss = j["index_peak_rss_mb"] as? Double,
              let lat = j["latency_ms"] as? [String: Any] else { throw BenchError("\(name) output \(out.path) lacks fields") }
        let indexing = IndexingResult(seconds: seconds, textBytes: bytes, indexBytes: indexBytes,
                                      peakRSSBytes: Int(rss * 1_048_576), cpuSeconds: j["index_cpu_seconds"] as? Double ?? .nan)
        let latency = LatencyResult(byKind: lat.compactMapValues { Percentiles(json: $0) }, queries: j["queries"] as? Int ?? 0,
                                    withoutHits: j["queries_without_hits"] as? Int ?? 0, errors: 0, peakRSSBytes: r.peakRSSBytes,
                                    slowest: (j["slowest"] as? [Any] ?? []).compactMap { SlowQuery(json: $0) })
        log(String(format: "%@ indexed %@: %.2f MB/s, index %.2f× text", name, corpus.name, indexing.mbPerSecond, indexing.ratio))
        return (indexing, latency, j)
    }

    /// A Python peer indexing `corpus` and nothing else; its own indexing seconds.
    static func peerIndexSeconds(python: String, script: String, storeFlag: String, store: URL, corpus: Corpus, logs: URL) throws -> Double {
        let out = logs.appendingPathComponent("\(corpus.name)-index-only.json")
        try? FileManager.default.removeItem(at: store)
        try Spawn.check(python, [script, "--corpus", corpus.directory.path, storeFlag, store.path, "--json", out.path],
                        stderrPath: logs.appendingPathComponent("\(corpus.name)-index-only.stderr").path)
        guard let j = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any],
              let seconds = j["index_seconds"] as? Double else { throw BenchError("\(out.path) lacks index_seconds") }
        return seconds
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// The Python of a virtual environment with `tantivy`, made (python -m venv, pip install tantivy)
    /// when missing; nil, after saying why, when it cannot be.
    static func tantivyPython(venv: URL, python: String, logs: URL) -> String? {
        let py = venv.appendingPathComponent("bin/python").path
        func importable() -> Bool {
            FileManager.default.isExecutableFile(atPath: py) && !shell([py, "-c", "import tantivy; print(tantivy.__version__)"]).isEmpty
        }
        if importable() { return py }
        let err = logs.appendingPathComponent("venv-pip.log").path
        log("creating \(venv.path) and installing tantivy from PyPI (log: \(err))")
        do {
            if !FileManager.default.isExecutableFile(atPath: py) {
                try Spawn.check(python, ["-m", "venv", venv.path], stdoutPath: err, stderrPath: err + ".venv")
            }
            try Spawn.check(py, ["-m", "pip", "install", "--disable-pip-version-check", "tantivy"], stdoutPath: err + ".out", stderrPath: err)
        } catch {
            log("could not install tantivy (\(String(describing: error).prefix(300))): going on without the Tantivy peer")
            return nil
        }
        if importable() { return py }
        log("tantivy installed but not importable: going on without the Tantivy peer")
        return nil
    }

    /// Runs `argv` `count` times (after `warmup` untimed runs), stdout to /dev/null; wall ms each.
    static func oneShot(_ argv: [String], count: Int, warmup: Int = 3, accept: Set<Int32> = [0]) throws -> OneShot {
        for _ in 0..<warmup { try Spawn.check(argv[0], Array(argv.dropFirst()), accept: accept) }
        var runs: [Double] = []
        var peak = 0
        for _ in 0..<count {
            let r = try Spawn.check(argv[0], Array(argv.dropFirst()), accept: accept)
            runs.append(r.seconds * 1000)
            peak = max(peak, r.peakRSSBytes)
        }
        return OneShot(command: argv.joined(separator: " "), runs: runs, peakRSSBytes: peak)
    }
}
