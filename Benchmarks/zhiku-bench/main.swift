import Foundation

// zhiku-bench: the benchmark of issues 2 and 6. Run from the repository root after a release build:
//   swift build -c release --scratch-path .build-bench --product zhiku && \
//   swift build -c release --scratch-path .build-bench --product zhiku-bench && .build-bench/release/zhiku-bench
// See Benchmarks/README.md for what it measures.

let usage = """
    usage: zhiku-bench [options]
      --sizes LIST        corpus sizes in MB, comma-separated, from 10 (gov-reports), 58 (laws),
                          and larger (the laws repeated, shuffled, new names): e.g. 10,58,150,300
                          (default 10,58)
      --corpora LIST      the same by name: gov-reports (10), laws (58), laws-x5 (300)
      --size300           also the ~300 MB corpus (same as adding 300 to --sizes)
      --shared DIR        the shared folder (default ../shared, else /work/shared)
      --work DIR          where corpora, indexes and logs go (default Benchmarks/work/bench)
      --zhiku PATH        the zhiku binary to measure (default: the one next to zhiku-bench)
      --python PATH       Python for the baseline and for making the venv (default python3 on PATH)
      --venv DIR          the virtual environment with tantivy, made when missing (default Benchmarks/work/venv)
      --warmup N          untimed passes over the query set (default 2)
      --passes N          timed passes over the query set (default 3)
      --max-queries N     only the first N queries of queries.txt, and of each top-term set (smoke runs)
      --slice-mb N        indexing MB/s per slice of N MB (default 50)
      --oneshot-runs N    runs of the one-shot `zhiku search` (default 30)
      --index-runs N      on corpora under 100 MB, index N times with zhiku and with the baseline,
                          alternating, and report each one's median time (default 3)
      --no-baseline       skip the Python FTS5 baseline
      --no-tantivy        skip the Tantivy peer
      --no-overlap        skip the comparison of the top 10 with exact BM25
      --results DIR       result files go to DIR/<date>-<hostname>/ (default Benchmarks/results)
      --no-write          print only
    """

struct Options {
    var shared = FileManager.default.fileExists(atPath: "../shared/bench/queries.txt") ? "../shared" : "/work/shared"
    var work = "Benchmarks/work/bench"
    var zhiku = Options.defaultZhiku()
    var python = Options.realPython()
    var venv = "Benchmarks/work/venv"
    var sizes: [Int] = []
    var warmup = 2
    var passes = 3
    var maxQueries: Int? = nil
    var sliceMB = 50
    var oneShotRuns = 30
    var indexRuns = 3
    var baseline = true
    var tantivy = true
    var overlap = true
    var results = "Benchmarks/results"
    var write = true

    /// python3's own executable, not a pyenv shim (a shim adds tens of ms to every one-shot run).
    static func realPython() -> String {
        guard let py = Spawn.which("python3") else { return "python3" }
        let real = shell([py, "-c", "import sys; print(sys.executable)"])
        return real.isEmpty ? py : real
    }

    /// `zhiku` in the folder of this executable (the same build), else `.build/release/zhiku`.
    static func defaultZhiku() -> String {
        if let me = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let z = me.deletingLastPathComponent().appendingPathComponent("zhiku").path
            if FileManager.default.isExecutableFile(atPath: z) { return z }
        }
        return ".build/release/zhiku"
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
        let names = ["gov-reports": 10, "laws": 58, "laws-x5": 300]
        var sizes: [Int]? = nil
        var extra: [Int] = []
        while let a = it.next() {
            switch a {
            case "--shared": shared = try value(a)
            case "--work": work = try value(a)
            case "--zhiku": zhiku = try value(a)
            case "--python": python = try value(a)
            case "--venv": venv = try value(a)
            case "--sizes":
                sizes = try value(a).split(separator: ",").map { t in
                    guard let n = Int(t.trimmingCharacters(in: .whitespaces)), n > 0 else { throw BenchError("--sizes: \(t) is not a size in MB") }
                    return n
                }
            case "--corpora":
                sizes = try value(a).split(separator: ",").map { t in
                    guard let n = names[String(t)] else { throw BenchError("--corpora: no corpus \(t) (gov-reports, laws, laws-x5)") }
                    return n
                }
            case "--size300": extra.append(300)
            case "--warmup": warmup = try int(a)
            case "--passes": passes = max(1, try int(a))
            case "--max-queries": maxQueries = max(1, try int(a))
            case "--slice-mb": sliceMB = max(1, try int(a))
            case "--oneshot-runs": oneShotRuns = try int(a)
            case "--index-runs": indexRuns = max(1, try int(a))
            case "--no-baseline": baseline = false
            case "--no-tantivy": tantivy = false
            case "--no-overlap": overlap = false
            case "--results": results = try value(a)
            case "--no-write": write = false
            case "-h", "--help": print(usage); exit(0)
            default: throw BenchError("unknown argument \(a)\n\(usage)")
            }
        }
        var all = (sizes ?? [10, 58]) + extra
        all = all.enumerated().filter { i, s in !all[..<i].contains(s) }.map(\.element)
        self.sizes = all.sorted()
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
        throw BenchError("no zhiku binary at \(zhiku): run `swift build -c release --scratch-path .build-bench --product zhiku` first")
    }
    log("zhiku: \(zhiku)")
    let script = absolute("Benchmarks/baseline_fts5.py").path
    let tantivyScript = absolute("Benchmarks/tantivy_peer.py").path
    if (o.baseline || o.tantivy), !FileManager.default.fileExists(atPath: script) || !FileManager.default.fileExists(atPath: tantivyScript) {
        throw BenchError("no \(script) or \(tantivyScript): run zhiku-bench from the repository root")
    }
    let queriesURL = shared.appendingPathComponent("bench/queries.txt")
    var queryLines = try Latency.loadQueries(queriesURL)
    if let m = o.maxQueries { queryLines = Array(queryLines.prefix(m)) }
    let baseQueries = QuerySets.fromQueriesFile(queryLines)
    let logs = work.appendingPathComponent("logs")
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    let started = Date()
    let loadBefore = loadAverage()
    let tantivyPython = o.tantivy ? Runs.tantivyPython(venv: absolute(o.venv), python: o.python, logs: logs) : nil

    var corpora: [Corpus] = []
    for mb in o.sizes { corpora.append(try Corpora.forSize(mb, shared: shared, work: work)) }

    var results: [CorpusResult] = []
    for c in corpora {
        let queries = try QuerySets.forCorpus(c, base: baseQueries, cache: work.appendingPathComponent("queries"), limit: o.maxQueries)
        let queryFile = work.appendingPathComponent("queries/\(c.name).txt")
        try QuerySets.write(queries, to: queryFile)
        let index = work.appendingPathComponent("index/\(c.name)")
        Corpora.warm(c.directory)
        let zi = try Runs.zhikuIndex(zhiku: zhiku, corpus: c, index: index, logs: logs, sliceBytes: o.sliceMB * 1_000_000)
        log(String(format: "zhiku indexed %@: %.2f MB/s, index %.2f× text, peak RSS %.0f MiB", c.name, zi.mbPerSecond, zi.ratio,
                   Double(zi.peakRSSBytes) / 1_048_576))
        log("zhiku queries on \(c.name): \(o.warmup) warm-up + \(o.passes) timed passes of \(queries.count)")
        let zl = try Latency.run(index: index, queries: queries, warmup: o.warmup, passes: o.passes)
        var result = CorpusResult(corpus: c, zhikuIndexing: zi, zhikuLatency: zl)
        result.queryCounts = Dictionary(grouping: queries, by: \.kind).mapValues(\.count)
        if o.overlap {
            log("zhiku top 10 against exact BM25 on \(c.name)")
            result.overlap = try Latency.overlap(index: index, queries: queries)
        }
        if o.baseline {
            let db = work.appendingPathComponent("baseline/\(c.name).sqlite")
            try FileManager.default.createDirectory(at: db.deletingLastPathComponent(), withIntermediateDirectories: true)
            let (bi, bl, _) = try Runs.peer(name: "baseline", python: o.python, script: script, storeFlag: "--db", store: db, corpus: c,
                                            queries: queryFile, warmup: o.warmup, passes: o.passes, logs: logs)
            result.baselineIndexing = bi
            result.baselineLatency = bl
            try? FileManager.default.removeItem(at: db)  // 5× the text: not kept
            if o.indexRuns > 1 && c.textBytes < 100_000_000 {
                // One timed run each is at the mercy of the machine's noise (the two full runs of
                // session 4 timed zhiku's first index of gov-reports 20–40% slower than every
                // later one): more runs, alternating, and the median of each.
                var zs = [zi.seconds], bs = [bi.seconds]
                for run in 2...o.indexRuns {
                    log("indexing again, run \(run) of \(o.indexRuns): zhiku, then the baseline")
                    let scratch = work.appendingPathComponent("index/\(c.name)-again")
                    zs.append(try Runs.zhikuIndex(zhiku: zhiku, corpus: c, index: scratch, logs: logs).seconds)
                    try? FileManager.default.removeItem(at: scratch)
                    bs.append(try Runs.peerIndexSeconds(python: o.python, script: script, storeFlag: "--db", store: db, corpus: c, logs: logs))
                    try? FileManager.default.removeItem(at: db)
                }
                result.zhikuIndexing.seconds = Runs.median(zs)
                result.baselineIndexing?.seconds = Runs.median(bs)
                result.indexRuns = (zs, bs)
                log(String(format: "indexing %@, median of %d: zhiku %.2f s, baseline %.2f s", c.name, o.indexRuns,
                           Runs.median(zs), Runs.median(bs)))
            }
        }
        if let py = tantivyPython {
            let dir = work.appendingPathComponent("tantivy/\(c.name)")
            do {
                let (ti, tl, _) = try Runs.peer(name: "tantivy", python: py, script: tantivyScript, storeFlag: "--index", store: dir, corpus: c,
                                                queries: queryFile, warmup: o.warmup, passes: o.passes, logs: logs)
                result.tantivyIndexing = ti
                result.tantivyLatency = tl
            } catch {
                log("the Tantivy peer failed on \(c.name): \(error)")
            }
            try? FileManager.default.removeItem(at: dir)
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
        "queries": queriesURL.path, "query_count": queryLines.count, "max_queries": o.maxQueries.map { $0 as Any } ?? NSNull(),
        "sizes_mb": o.sizes, "tantivy_python": tantivyPython.map { $0 as Any } ?? NSNull(), "warmup_passes": o.warmup, "timed_passes": o.passes,
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
