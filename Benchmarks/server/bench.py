#!/usr/bin/env python3
"""Throughput and latency of `zhiku serve` with redis-benchmark, next to in-process engine calls
and RediSearch (FT.SEARCH … LANGUAGE chinese) over the same passages.

    Benchmarks/server/build.sh && Benchmarks/server/bench.py [-n 100000] [--rounds 3] [--no-redisearch] [--no-cache-run]

Two zhiku servers run side by side: one with the result cache off (`--cache-entries 0`: every
request runs the engine; these are the engine-and-server figures) and one with the default cache
(redis-benchmark repeats one query, so nearly every request is a cache hit: these figures measure
the server's cached path, not the engine). Each case runs both, then RediSearch, one after another;
with `--rounds R` every case is measured R times, interleaved, and the medians are reported.

In every round, -c 1 is measured once more with both servers, redis-benchmark and the in-process
engine all on one CPU (`--one-cpu`, see `OnOneCPU`): the servers' own overhead, without the VM's
cross-CPU wake-ups.

Corpus: the sample report plus ../shared/corpora/gov-reports/*.txt, indexed once into
Benchmarks/work/server/index. Results: a Markdown table on stdout, JSON in Benchmarks/work/server/.
"""
import argparse, csv, io, json, os, statistics, subprocess, sys, time
from common import *

# Two-to-four-character queries; the share of -n each gets (科技 matches ~a tenth of all passages,
# so each query costs the engine ~10× more and it gets a tenth of the requests).
QUERIES = {"研究团队": 1.0, "营商环境": 0.1, "科技": 0.05}
FACTS = "高新区研发投入"


def redis_benchmark(port, clients, n, pipeline, command):
    args = ["redis-benchmark", "-p", str(port), "-c", str(clients), "-n", str(n), "-P", str(pipeline), "--csv", *command]
    r = subprocess.run(args, capture_output=True, text=True, timeout=3600)
    errors = r.stderr.count("Error from server") + r.stdout.count("Error from server")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    if r.returncode != 0 or len(rows) < 2:
        log("redis-benchmark failed:", r.returncode, r.stdout[-500:], r.stderr[-500:])
        return {"rps": 0, "p50": None, "p99": None, "errors": errors or 1}
    head, vals = rows[0], rows[1]
    get = lambda k: float(vals[head.index(k)])
    return {"rps": get("rps"), "p50": get("p50_latency_ms"), "p99": get("p99_latency_ms"), "errors": errors}


def median_of(figures):
    """The median of each number in a list of result dicts (errors: the sum)."""
    out = {}
    for k, v in figures[0].items():
        vals = [f[k] for f in figures if f.get(k) is not None]
        if k == "errors":
            out[k] = sum(vals)
        elif isinstance(v, (int, float)) or v is None:
            out[k] = statistics.median(vals) if vals else None
    return out


def in_process(queries, repeat):
    """`zhiku search -`: one process, one engine, queries one after another (no server)."""
    stdin = "\n".join(q for _ in range(repeat) for q in queries) + "\n"
    t0 = time.time()
    r = subprocess.run([BIN, "search", "-", "--format", "jsonl", "-n", "10", "--index", INDEX],
                       input=stdin, capture_output=True, text=True)
    wall = time.time() - t0
    took = [json.loads(l)["data"]["took_ms"] for l in r.stdout.splitlines() if l.startswith('{"type":"summary"')]
    took.sort()
    pct = lambda p: took[min(len(took) - 1, int(len(took) * p))]
    # rps: wall clock of the whole process (start-up, JSON output included); p50/p99/mean: took_ms.
    return {"rps": len(took) / wall, "p50": pct(0.5), "p99": pct(0.99), "mean": statistics.mean(took), "count": len(took)}


def in_process_one_at_a_time(query, repeat):
    """`zhiku search -` again, but sent the next query only once it answered the last one, as a
    client at -c 1 sends: the engine then starts each query after an idle gap, on cold caches."""
    p = subprocess.Popen([BIN, "search", "-", "--format", "jsonl", "-n", "10", "--index", INDEX],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
    took = []
    try:
        for _ in range(repeat):
            p.stdin.write(query + "\n")
            p.stdin.flush()
            while True:
                line = p.stdout.readline()
                if not line:
                    raise RuntimeError("zhiku search - ended early")
                if line.startswith('{"type":"summary"'):
                    took.append(json.loads(line)["data"]["took_ms"])
                    break
    finally:
        p.stdin.close()
        p.wait(timeout=60)
    took = took[len(took) // 10:]  # the first tenth warms up
    took.sort()
    return {"p50": took[len(took) // 2], "mean": statistics.mean(took), "count": len(took)}


class OnOneCPU:
    """Runs the servers (every thread of each pid), this script and what it starts on one CPU, then
    puts them back on all the CPUs they had. On this VM a wake-up that crosses to an idle vCPU costs
    ~25–30 µs (PING at -c 1: ~50 µs across two vCPUs, ~20 µs on one), for any server and client;
    on one CPU that cost leaves the -c 1 figures and what remains is the servers' own."""

    def __init__(self, cpu, pids):
        self.cpu, self.pids, self.all = cpu, pids, sorted(os.sched_getaffinity(0))

    def _set(self, cpus):
        spec = ",".join(map(str, cpus))
        for pid in self.pids:
            subprocess.run(["taskset", "-a", "-p", "-c", spec, str(pid)], check=True, stdout=subprocess.DEVNULL)
        os.sched_setaffinity(0, set(cpus))

    def __enter__(self):
        self._set([self.cpu])

    def __exit__(self, *exc):
        self._set(self.all)


def overhead_us(rounds, baseline):
    """Median over rounds of (1 / that round's zhiku req/s − that round's baseline), in µs."""
    if not all(r["zhiku"]["rps"] for r in rounds):
        return None
    return statistics.median((1e3 / r["zhiku"]["rps"] - r[baseline]) * 1e3 for r in rounds)


def load_redisearch(rport, zport):
    """Copies every passage of the zhiku index into a RediSearch index (via DOC on the zhiku server)."""
    c = LineClient(zport, timeout=60)
    cmds = []
    def resp(*args):
        out = f"*{len(args)}\r\n".encode()
        for a in args:
            b = a.encode()
            out += b"$%d\r\n%s\r\n" % (len(b), b)
        return out
    cmds.append(resp("FT.CREATE", "idx", "SCHEMA", "title", "TEXT", "body", "TEXT"))
    n = 0
    for doc in doc_ids():
        r = c.call(f"DOC len=1 -- {doc}")
        if not r or not r["ok"]:
            continue
        for p in r["data"]["passages"]:
            n += 1
            cmds.append(resp("FT.ADD", "idx", f"p{n}", "1.0", "LANGUAGE", "chinese", "FIELDS",
                             "title", r["data"]["title"], "body", p["text"]))
    c.close()
    subprocess.run(["redis-cli", "-p", str(rport), "--pipe"], input=b"".join(cmds), check=True, capture_output=True)
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=100_000)
    ap.add_argument("--no-redisearch", action="store_true")
    ap.add_argument("--no-cache-run", action="store_true", help="skip the server with the result cache on")
    ap.add_argument("--rounds", type=int, default=1, help="measure every configuration this many times, interleaved; report medians")
    ap.add_argument("--clients", default="1,8,50")
    ap.add_argument("--pipelines", default="1,16")
    ap.add_argument("--queries", default=",".join(QUERIES), help="comma-separated subset of the queries")
    ap.add_argument("--one-cpu", type=int, default=0, metavar="CPU",
                    help="also measure -c 1 with the servers, redis-benchmark and the in-process engine all on this CPU (-1: skip)")
    a = ap.parse_args()
    for q in list(QUERIES):
        if q not in a.queries.split(","):
            del QUERIES[q]
    prepare_index()
    zport = free_port()
    server = start_zhiku(zport, extra=["--cache-entries", "0"], logfile=os.path.join(WORK, "serve.log"))
    cport, cached_server = None, None
    if not a.no_cache_run:
        cport = free_port()
        cached_server = start_zhiku(cport, logfile=os.path.join(WORK, "serve-cached.log"))
    results = {"n": a.n, "queries": list(QUERIES), "runs": []}
    redis = None
    try:
        stats = LineClient(zport).call("STATS")["data"]
        results["index"] = {k: stats[k] for k in ("docs", "passages", "chars")}
        log("index:", results["index"])
        # Warm-up and check.
        for q in QUERIES:
            r = LineClient(zport).call(f"SEARCH -- {q}")
            log(q, "total", r["data"]["total"])
        if not a.no_redisearch:
            rport = free_port()
            redis = subprocess.Popen(["redis-server", "--port", str(rport), "--save", "", "--appendonly", "no",
                                      "--loadmodule", "/usr/lib/redis/modules/redisearch.so"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            wait_port(rport)
            results["redisearch_passages"] = load_redisearch(rport, zport)
            log("redisearch passages:", results["redisearch_passages"])
        # Each round measures every configuration once, zhiku and RediSearch back to back, and the
        # in-process figure at its start: on a shared machine only figures taken together compare.
        results["in_process"] = {}
        one_cpu = {}
        for q, share in QUERIES.items():
            n = max(1000, int(a.n * share))
            rows = {}
            ips = []
            for rnd in range(a.rounds):
                ips.append(in_process([q], max(200, int(min(5000, a.n // 20) * share))))
                ips[-1]["one_at_a_time_mean"] = in_process_one_at_a_time(q, max(300, int(min(3000, a.n // 20) * share)))["mean"]
                log(f"round {rnd + 1}/{a.rounds} in-process {q}:", ips[-1])
                for c in map(int, a.clients.split(",")):
                    for P in map(int, a.pipelines.split(",")):
                        row = rows.setdefault((c, P), {"query": q, "n": n, "c": c, "P": P, "rounds": []})
                        one = {"zhiku": redis_benchmark(zport, c, n, P, ["SEARCH", "limit=10", "--", q])}
                        if cport:
                            one["zhiku_cached"] = redis_benchmark(cport, c, a.n, P, ["SEARCH", "limit=10", "--", q])
                        if redis:
                            one["redisearch"] = redis_benchmark(rport, c, n, P, ["FT.SEARCH", "idx", q, "LANGUAGE", "chinese", "LIMIT", "0", "10"])
                        one["in_process_mean"] = ips[-1]["mean"]
                        one["in_process_one_at_a_time_mean"] = ips[-1]["one_at_a_time_mean"]
                        log(q, c, P, one)
                        row["rounds"].append(one)
                if a.one_cpu >= 0:
                    # -c 1 once more, everything on one CPU: the servers' own overhead without the
                    # VM's cross-CPU wake-ups (see OnOneCPU).
                    n1 = min(n, 20_000)
                    with OnOneCPU(a.one_cpu, [server.pid] + ([redis.pid] if redis else [])):
                        one = {"in_process_mean": in_process([q], max(200, int(min(5000, a.n // 20) * share)))["mean"],
                               "in_process_one_at_a_time_mean": in_process_one_at_a_time(q, max(300, int(min(3000, a.n // 20) * share)))["mean"],
                               "zhiku": redis_benchmark(zport, 1, n1, 1, ["SEARCH", "limit=10", "--", q]),
                               "ping_zhiku": redis_benchmark(zport, 1, 20_000, 1, ["PING"])}
                        if redis:
                            one["redisearch"] = redis_benchmark(rport, 1, n1, 1, ["FT.SEARCH", "idx", q, "LANGUAGE", "chinese", "LIMIT", "0", "10"])
                            one["ping_redis"] = redis_benchmark(rport, 1, 20_000, 1, ["PING"])
                    log(f"round {rnd + 1}/{a.rounds} one CPU {q}:", one)
                    one_cpu.setdefault(q, []).append(one)
            results["in_process"][q] = median_of(ips)
            for row in rows.values():
                for key in ("zhiku", "zhiku_cached", "redisearch"):
                    if key in row["rounds"][0]:
                        row[key] = median_of([r[key] for r in row["rounds"]])
                if "redisearch" in row:
                    row["ratio"] = statistics.median(r["zhiku"]["rps"] / r["redisearch"]["rps"] if r["redisearch"]["rps"] else 0
                                                     for r in row["rounds"])
                # Overhead per round (that round's 1/rps − that round's in-process mean), then the median.
                row["overhead_us"] = overhead_us(row["rounds"], "in_process_mean")
                row["overhead_one_at_a_time_us"] = overhead_us(row["rounds"], "in_process_one_at_a_time_mean")
                results["runs"].append(row)
            if q in one_cpu:
                rs = one_cpu[q]
                out = {k: median_of([r[k] for r in rs]) for k in rs[0] if isinstance(rs[0][k], dict)}
                out.update({k: statistics.median(r[k] for r in rs) for k in ("in_process_mean", "in_process_one_at_a_time_mean")})
                out["overhead_us"] = overhead_us(rs, "in_process_mean")
                out["overhead_one_at_a_time_us"] = overhead_us(rs, "in_process_one_at_a_time_mean")
                if redis and all(r["redisearch"]["rps"] for r in rs):
                    out["ratio"] = statistics.median(r["zhiku"]["rps"] / r["redisearch"]["rps"] for r in rs)
                out["rounds"] = rs
                results.setdefault("one_cpu", {})[q] = out
        # The round trip with no work at all, at -c 1: PING to zhiku and to redis-server, back to
        # back, per round. Part of every -c 1 figure above, whatever the server does.
        pings = []
        for rnd in range(a.rounds):
            one = {"zhiku": redis_benchmark(zport, 1, 20_000, 1, ["PING"])}
            if redis:
                one["redis"] = redis_benchmark(rport, 1, 20_000, 1, ["PING"])
            log("PING -c 1:", one)
            pings.append(one)
        results["ping_c1"] = {k: median_of([p[k] for p in pings]) for k in pings[0]}
        # FACTS through redis-benchmark too (zero error replies), 50 connections.
        for port, key in ((zport, "facts"), (cport, "facts_cached")):
            if port:
                results[key] = redis_benchmark(port, 50, max(1000, a.n // 20), 1, ["FACTS", "--", FACTS])
                log(key, results[key])
        results["server_stats"] = LineClient(zport).call("STATS")["data"]
        if cport:
            results["cached_server_stats"] = LineClient(cport).call("STATS")["data"]
    finally:
        results["serve_exit"] = stop(server)
        if cached_server:
            results["cached_serve_exit"] = stop(cached_server)
        if redis:
            redis.terminate()
            redis.wait(timeout=10)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(os.path.join(WORK, f"bench-{stamp}.json"), "w") as f:
        json.dump(results, f, ensure_ascii=False, indent=1)
    print(f"Medians of {a.rounds} round(s); zhiku ÷ RediSearch is the median of the rounds' ratios.")
    print("| query | c | P | zhiku, cache off: req/s | p50 ms | p99 ms | errors | zhiku, cache on: req/s | p50 ms | p99 ms | errors "
          "| RediSearch req/s | p50 ms | p99 ms | zhiku ÷ RediSearch |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results["runs"]:
        z, k, s = r["zhiku"], r.get("zhiku_cached", {}), r.get("redisearch", {})
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else "—"
        print(f"| {r['query']} | {r['c']} | {r['P']} | {z['rps']:.0f} | {z['p50']} | {z['p99']} | {z['errors']} | "
              f"{k.get('rps', 0):.0f} | {k.get('p50')} | {k.get('p99')} | {k.get('errors')} | "
              f"{s.get('rps', 0):.0f} | {s.get('p50')} | {s.get('p99')} | {ratio} |")
    print()
    for q, ip in results["in_process"].items():
        print(f"in-process {q}: took_ms mean {ip['mean']:.3f}, p50 {ip['p50']:.3f}, p99 {ip['p99']:.3f} "
              f"({ip['rps']:.0f} queries/s for the whole `zhiku search -` process, JSON output included)")
        c1 = next((r for r in results["runs"] if r["query"] == q and r["c"] == 1 and r["P"] == 1), None)
        if c1 and c1.get("overhead_us") is not None:
            per = 1e3 / c1["zhiku"]["rps"]
            print(f"  server overhead {q}, cache off: {per * 1e3:.0f} µs per request at -c 1 -P 1 − {ip['mean'] * 1e3:.0f} µs in-process "
                  f"(medians); median of the rounds' differences {c1['overhead_us']:.0f} µs")
            print(f"  the same against the engine answering one query at a time (mean took_ms {ip['one_at_a_time_mean'] * 1e3:.0f} µs): "
                  f"median of the rounds' differences {c1['overhead_one_at_a_time_us']:.0f} µs")
    if results.get("one_cpu"):
        print(f"\n-c 1 -P 1 with the servers, redis-benchmark and the in-process engine all on CPU {a.one_cpu} (medians of the rounds):")
        print("| query | zhiku req/s | µs per request | in-process mean µs | one at a time µs | overhead µs (against one at a time) "
              "| RediSearch req/s | zhiku ÷ RediSearch | PING zhiku µs | PING redis-server µs |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        for q, o in results["one_cpu"].items():
            us = lambda f: f"{1e6 / f['rps']:.0f}" if f and f.get("rps") else "—"
            rs = o.get("redisearch", {})
            ratio = f"{o['ratio']:.2f}" if "ratio" in o else "—"
            ovh = f"{o['overhead_us']:.0f} ({o['overhead_one_at_a_time_us']:.0f})" if o.get("overhead_us") is not None else "—"
            print(f"| {q} | {o['zhiku']['rps']:.0f} | {us(o['zhiku'])} | {o['in_process_mean'] * 1e3:.0f} | "
                  f"{o['in_process_one_at_a_time_mean'] * 1e3:.0f} | {ovh} | {rs.get('rps', 0):.0f} | {ratio} | "
                  f"{us(o.get('ping_zhiku'))} | {us(o.get('ping_redis'))} |")
        print()
    for key, f in results.get("ping_c1", {}).items():
        if f["rps"]:
            print(f"PING -c 1 to {'zhiku' if key == 'zhiku' else 'redis-server'}: {f['rps']:.0f} req/s, {1e6 / f['rps']:.0f} µs per round trip")
    for key in ("facts", "facts_cached"):
        if key in results:
            f = results[key]
            print(f"{key} ({FACTS}, -c 50): {f['rps']:.0f} req/s, p50 {f['p50']} ms, p99 {f['p99']} ms, errors {f['errors']}")
    if "cached_server_stats" in results:
        st = results["cached_server_stats"]
        print(f"cache-on server: {st.get('cache_hits')} hits, {st.get('cache_misses')} misses, {st.get('cache_entries')} entries")
    print("serve exit status after SIGTERM:", results["serve_exit"], results.get("cached_serve_exit", ""))


if __name__ == "__main__":
    main()
