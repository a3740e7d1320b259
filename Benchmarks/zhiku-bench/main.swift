import Foundation

// zhiku-bench: issue 2's benchmark. Run from the repository root after a release build:
//   swift build -c release --product zhiku && swift build -c release --product zhiku-bench && .build/release/zhiku-bench
// See Benchmarks/README.md for what it measures.

let usage = """
    usage: zhiku-bench [options]
      --shared DIR        the shared folder (default ../shared, else /work/shared)
      --work DIR          where corpora, indexes and logs go (default Benchmarks/work/bench)
      --zhiku PATH        the zhiku binary to measure (default .build/release/zhiku)
      --python PATH       Python for the baseline (default python3 on PATH)
      --corpora LIST      comma-separated: gov-reports,laws (default both)
      --size300           also the ~300 MB corpus (laws ×5, shuffled, new names)
      --warmup N          untimed passes over the query set (default 2)
      --passes N          timed passes over the query set (default 3)
      --oneshot-runs N    runs of the one-shot `zhiku search` (default 30)
      --no-baseline       skip the Python baseline
      --results DIR       result files go to DIR/<date>-<hostname>/ (default Benchmarks/results)
      --no-write          print only
    """

struct Options {
    var shared = FileManager.default.fileExists(atPath: "../shared/bench/queries.txt") ? "../shared" : "/work/shared"
    var work = "Benchmarks/work/bench"
    var zhiku = ".build/release/zhiku"
    var python = Options.realPython()
    var corpora = ["gov-reports", "laws"]
    var size300 = false
    var warmup = 2
    var passes = 3
    var oneShotRuns = 30
    var baseline = true
    var results = "Benchmarks/results"
    var write = true

    /// python3's own executable, not a pyenv shim (a shim adds tens of ms to every one-shot run).
    static func realPython() -> String {
        guard let py = Spawn.which("python3") else { return "python3" }
        let real = shell([py, "-c", "import sys; print(sys.executable)"])
        return real.isEmpty ? py : real
    }

    init(_ args: [String]) throws {
        var it = args.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let v = it.next() else { throw BenchError("\(flag) needs a value\n\(usage)") }
            return v
        }
        func int(_ flag: String) throws -> Int {
            guard let n = Int(try value(flag)), n >= 0 else { throw BenchError("\(flag) needs a number") }
            return n
        }
        while let a = it.next() {
            switch a {
            case "--shared": shared = try value(a)
            case "--work": work = try value(a)
            case "--zhiku": zhiku = try value(a)
            case "--python": python = try value(a)
            case "--corpora": corpora = try value(a).split(separator: ",").map(String.init)
            case "--size300": size300 = true
            case "--warmup": warmup = try int(a)
            case "--passes": passes = max(1, try int(a))
            case "--oneshot-runs": oneShotRuns = try int(a)
            case "--no-baseline": baseline = false
            case "--results": results = try value(a)
            case "--no-write": write = false
            case "-h", "--help": print(usage); exit(0)
            default: throw BenchError("unknown argument \(a)\n\(usage)")
            }
        }
    }
}

func absolute(_ p: String) -> URL { URL(fileURLWithPath: p).standardizedFileURL }

func shell(_ argv: [String]) -> String {
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("zhiku-bench-\(getpid()).out")
    defer { try? FileManager.default.removeItem(at: tmp) }
    guard (try? Spawn.run(argv[0], Array(argv.dropFirst()), stdoutPath: tmp.path, stderrPath: "/dev/null"))?.exitStatus == 0 else { return "" }
    return ((try? String(contentsOf: tmp, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
}

func loadAverage() -> String {
    ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
}

func main() throws {
    let o = try Options(Array(CommandLine.arguments.dropFirst()))
    let shared = absolute(o.shared), work = absolute(o.work)
    let zhiku = absolute(o.zhiku).path
    guard FileManager.default.isExecutableFile(atPath: zhiku) else {
        throw BenchError("no zhiku binary at \(zhiku): run `swift build -c release --product zhiku` first")
    }
    let script = absolute("Benchmarks/baseline_fts5.py").path
    if o.baseline, !FileManager.default.fileExists(atPath: script) {
        throw BenchError("no \(script): run zhiku-bench from the repository root")
    }
    let queriesURL = shared.appendingPathComponent("bench/queries.txt")
    let queries = try Latency.loadQueries(queriesURL)
    let logs = work.appendingPathComponent("logs")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    let started = Date()
    let loadBefore = loadAverage()

    var corpora: [Corpus] = []
    if o.corpora.contains("gov-reports") { corpora.append(try Corpora.govReports(shared: shared)) }
    if o.corpora.contains("laws") || o.size300 {
        let laws = try Corpora.laws(shared: shared, work: work)
        if o.corpora.contains("laws") { corpora.append(laws) }
        if o.size300 { corpora.append(try Corpora.size300(laws: laws, work: work)) }
    }

    var results: [CorpusResult] = []
    for c in corpora {
        let index = work.appendingPathComponent("index/\(c.name)")
        let zi = try Runs.zhikuIndex(zhiku: zhiku, corpus: c, index: index, logs: logs)
        log(String(format: "zhiku indexed %@: %.2f MB/s, index %.2f× text, peak RSS %.0f MiB", c.name, zi.mbPerSecond, zi.ratio,
                   Double(zi.peakRSSBytes) / 1_048_576))
        log("zhiku queries on \(c.name): \(o.warmup) warm-up + \(o.passes) timed passes of \(queries.count)")
        let zl = try Latency.run(index: index, queries: queries, warmup: o.warmup, passes: o.passes)
        var result = CorpusResult(corpus: c, zhikuIndexing: zi, zhikuLatency: zl)
        if o.baseline {
            let db = work.appendingPathComponent("baseline/\(c.name).sqlite")
            try FileManager.default.createDirectory(at: db.deletingLastPathComponent(), withIntermediateDirectories: true)
            let (bi, bl, _) = try Runs.baseline(python: o.python, script: script, corpus: c, db: db, queries: queriesURL,
                                                warmup: o.warmup, passes: o.passes, logs: logs)
            result.baselineIndexing = bi
            result.baselineLatency = bl
        }
        results.append(result)
        FileHandle.standardError.write(Data((Report(results: [result], context: [:]).table(result) + "\n\n").utf8))
    }

    // One-shot: a new process per query on the sample corpus.
    var oneShot: OneShot? = nil, baselineOneShot: OneShot? = nil
    if o.oneShotRuns > 0 {
        let sample = Corpora.make(name: "sample", label: "sample (corpus/)", directory: absolute("corpus"))
        let sampleIndex = work.appendingPathComponent("index/sample")
        _ = try Runs.zhikuIndex(zhiku: zhiku, corpus: sample, index: sampleIndex, logs: logs)
        log("one-shot zhiku search ×\(o.oneShotRuns)")
        oneShot = try Runs.oneShot([zhiku, "search", "--index", sampleIndex.path, "科研团队"], count: o.oneShotRuns)
        if o.baseline {
            let db = work.appendingPathComponent("baseline/sample.sqlite")
            try Spawn.check(o.python, [script, "--corpus", sample.directory.path, "--db", db.path])
            log("one-shot baseline search ×\(o.oneShotRuns)")
            baselineOneShot = try Runs.oneShot([o.python, script, "--db", db.path, "--search", "科研团队"], count: o.oneShotRuns)
        }
    }

    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    let date = formatter.string(from: started)
    let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
    let context: [String: Any] = [
        "date": date, "started_at": ISO8601DateFormatter().string(from: started), "hostname": host,
        "cpus": ProcessInfo.processInfo.activeProcessorCount,
        "memory_gib": Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824,
        "commit": shell(["/usr/bin/git", "rev-parse", "--short", "HEAD"]),
        "zhiku": zhiku, "python": o.python, "python_version": shell([o.python, "--version"]),
        "sqlite_for_python": shell([o.python, "-c", "import sqlite3; print(sqlite3.sqlite_version)"]),
        "queries": queriesURL.path, "query_count": queries.count, "warmup_passes": o.warmup, "timed_passes": o.passes,
        "loadavg_before": loadBefore, "loadavg_after": loadAverage(),
        "seconds": Date().timeIntervalSince(started),
        "arguments": Array(CommandLine.arguments.dropFirst()),
    ]
    let report = Report(results: results, oneShot: oneShot, baselineOneShot: baselineOneShot, context: context)
    print(report.text)
    if o.write {
        let dir = absolute(o.results).appendingPathComponent("\(date)-\(host)")
        try report.write(to: dir, command: (["zhiku-bench"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
        print("results written to \(dir.path)/result.{json,md}")
    }
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("zhiku-bench: \(error)\n".utf8))
    exit(2)
}
