import Foundation

/// One indexing run of an engine over a corpus.
struct IndexingResult {
    var seconds: Double
    var textBytes: Int
    var indexBytes: Int
    var peakRSSBytes: Int
    var cpuSeconds: Double
    var mbPerSecond: Double { Double(textBytes) / 1e6 / seconds }
    var ratio: Double { Double(indexBytes) / Double(textBytes) }

    var json: [String: Any] {
        ["seconds": seconds, "text_bytes": textBytes, "index_bytes": indexBytes, "mb_per_s": mbPerSecond,
         "index_ratio": ratio, "peak_rss_mib": Double(peakRSSBytes) / 1_048_576, "cpu_seconds": cpuSeconds]
    }
}

/// Everything measured on one corpus.
struct CorpusResult {
    var corpus: Corpus
    var zhikuIndexing: IndexingResult
    var zhikuLatency: LatencyResult
    var baselineIndexing: IndexingResult?
    var baselineLatency: LatencyResult?
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
    static func zhikuIndex(zhiku: String, corpus: Corpus, index: URL, logs: URL) throws -> IndexingResult {
        try? FileManager.default.removeItem(at: index)
        let err = logs.appendingPathComponent("\(corpus.name)-zhiku-index.stderr").path
        log("zhiku index \(corpus.directory.path) → \(index.path)")
        let r = try Spawn.check(zhiku, ["index", corpus.directory.path, "--index", index.path, "--quiet"], stderrPath: err)
        return IndexingResult(seconds: r.seconds, textBytes: corpus.textBytes, indexBytes: directorySize(index),
                              peakRSSBytes: r.peakRSSBytes, cpuSeconds: r.userSeconds + r.systemSeconds)
    }

    /// The Python baseline: index, then the query set, in one process; its JSON has the figures.
    static func baseline(python: String, script: String, corpus: Corpus, db: URL, queries: URL, warmup: Int, passes: Int,
                         logs: URL) throws -> (IndexingResult, LatencyResult, [String: Any]) {
        let out = logs.appendingPathComponent("\(corpus.name)-baseline.json")
        let err = logs.appendingPathComponent("\(corpus.name)-baseline.stderr").path
        log("baseline (python3 + FTS5) on \(corpus.name): index and \(passes) timed passes")
        let r = try Spawn.check(python, [script, "--corpus", corpus.directory.path, "--db", db.path, "--queries", queries.path,
                                         "--warmup", String(warmup), "--passes", String(passes), "--json", out.path],
                                stderrPath: err)
        guard let j = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any],
              let seconds = j["index_seconds"] as? Double, let bytes = j["text_bytes"] as? Int,
              let indexBytes = j["index_bytes"] as? Int, let rss = j["index_peak_rss_mb"] as? Double,
              let lat = j["latency_ms"] as? [String: Any] else { throw BenchError("baseline output \(out.path) lacks fields") }
        let indexing = IndexingResult(seconds: seconds, textBytes: bytes, indexBytes: indexBytes,
                                      peakRSSBytes: Int(rss * 1_048_576), cpuSeconds: j["index_cpu_seconds"] as? Double ?? .nan)
        let latency = LatencyResult(byKind: lat.compactMapValues { Percentiles(json: $0) }, queries: j["queries"] as? Int ?? 0,
                                    withoutHits: j["queries_without_hits"] as? Int ?? 0, errors: 0, peakRSSBytes: r.peakRSSBytes,
                                    slowest: (j["slowest"] as? [Any] ?? []).compactMap { SlowQuery(json: $0) })
        return (indexing, latency, j)
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
