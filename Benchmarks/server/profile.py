#!/usr/bin/env python3
"""Where a running `zhiku serve` spends its CPU, grouped by what the stack says it is doing.

    Benchmarks/server/profile.py --port 7733 [--seconds 6] [--load "redis-benchmark args"]
    Benchmarks/server/profile.py --script perf-script.txt          # group an existing `perf script` dump

Runs `perf record --call-graph dwarf` on the server while redis-benchmark loads it (default:
`-c 50` SEARCH 研究团队), then puts each sample in the first group whose test matches a frame of
its stack (search ranking, hits, the rest of the search, JSON, the connection handler, NIO…), and
prints the groups, then the frames under `--under NAME` if given. Needs `perf` and redis-tools.
"""
import argparse, collections, os, re, subprocess, sys, tempfile, time

GROUPS = [
    ("json-write", lambda fs: any("JSONWriter" in f or "V5write2to" in f for f in fs) and any("EngineCall" in f for f in fs)),
    ("search: hits", lambda fs: any("SearcherV4hits" in f for f in fs)),
    ("search: ranking", lambda fs: any("rankedPage" in f or "densePage" in f or "ImpactSearch" in f for f in fs)),
    ("search: rest (parse, transaction)", lambda fs: any("SearcherV6search" in f for f in fs)),
    ("facts", lambda fs: any("FactFinder" in f for f in fs)),
    ("engine call, other", lambda fs: any("EngineCall" in f for f in fs)),
    ("engine pool (waiting, handing over)", lambda fs: any("EnginePool" in f for f in fs)),
    ("reply encoding", lambda fs: any("ReplyEncoder" in f for f in fs)),
    ("framing, dispatch", lambda fs: any("RequestFramer" in f or "Dispatcher" in f or "RequestV" in f for f in fs)),
    ("connection handler (socket reads included)", lambda fs: any("ConnectionHandler" in f for f in fs)),
    ("epoll", lambda fs: any("epoll" in f for f in fs)),
    ("NIO, other", lambda fs: any("NIO" in f for f in fs)),
]


def frames(block):
    out = []
    for line in block.split("\n")[1:]:
        line = line.strip()
        if not line:
            continue
        f = re.sub(r"^[0-9a-f]+\s+", "", line).rsplit(" (", 1)[0]
        out.append(re.sub(r"\+0x[0-9a-f]+$", "", f))
    return out


def report(script_text, under=None):
    groups, children, total, inside = collections.Counter(), collections.Counter(), 0, 0
    for block in script_text.split("\n\n"):
        fs = frames(block)
        if not fs:
            continue
        total += 1
        groups[next((name for name, test in GROUPS if test(fs)), "other")] += 1
        if under:
            idx = next((i for i, f in enumerate(fs) if under in f), None)
            if idx is not None:
                inside += 1
                children[fs[idx - 1][:110] if idx > 0 else "(self)"] += 1
    print(f"{total} samples")
    for name, n in groups.most_common():
        print(f"{n * 100 / total:5.1f}%  {name}")
    if under:
        print(f"\nunder {under}: {inside * 100 / max(1, total):.1f}% of all samples; its callees:")
        for name, n in children.most_common(20):
            print(f"{n * 100 / max(1, total):5.1f}%  {name}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, help="the server's port (its process is found by it)")
    ap.add_argument("--seconds", type=float, default=6)
    ap.add_argument("--load", default="-c 50 -n 10000000 SEARCH limit=10 -- 研究团队", help="redis-benchmark arguments after -p")
    ap.add_argument("--script", help="group this `perf script` output instead of recording")
    ap.add_argument("--under", help="also list the callees of the first frame containing this text")
    a = ap.parse_args()
    if a.script:
        report(open(a.script).read(), a.under)
        return
    if not a.port:
        sys.exit("--port or --script is needed")
    pids = subprocess.run(["pgrep", "-f", f"zhiku serve.*:{a.port}"], capture_output=True, text=True).stdout.split()
    if not pids:
        sys.exit(f"no `zhiku serve` on port {a.port}")
    load = subprocess.Popen(["redis-benchmark", "-p", str(a.port), *a.load.split()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        with tempfile.TemporaryDirectory() as tmp:
            data = os.path.join(tmp, "perf.data")
            subprocess.run(["perf", "record", "-F", "1500", "--call-graph", "dwarf,16384", "-p", pids[0], "-o", data,
                            "--", "sleep", str(a.seconds)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            text = subprocess.run(["perf", "script", "-i", data], capture_output=True, text=True).stdout
    finally:
        load.terminate()
        load.wait(timeout=10)
    report(text, a.under)


if __name__ == "__main__":
    main()
