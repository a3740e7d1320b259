#!/usr/bin/env python3
"""Retrieval on the labelled QA sets: is the passage holding `answer_surface` in `doc` among the
first k hits of `zhiku search <query>`? Prints recall@1, recall@5 and MRR.

Usage: python3 Benchmarks/eval_retrieval.py [--zhiku .build/release/zhiku] [--shared ../shared]
Builds a corpus folder of links (seed report as seed-report.txt + gov-reports) and indexes it.
"""
import json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalcorpus
args, index, cases = evalcorpus.setup()

queries = "\n".join(c["query"] for c in cases) + "\n"
out = subprocess.run([args.zhiku, "search", "--index", index, "--format", "json", "-n", "10", "-"],
                     input=queries, capture_output=True, text=True)
lines = out.stdout.splitlines()
assert len(lines) == len(cases), (len(lines), len(cases), out.stderr)
r1 = r5 = 0
mrr = 0.0
for c, line in zip(cases, lines):
    data = json.loads(line)
    rank = None
    for h in data.get("hits", []):
        if h["doc"] == c["doc"] and c["answer_surface"] in h["text"]:
            rank = h["rank"]
            break
    if rank == 1: r1 += 1
    if rank is not None and rank <= 5: r5 += 1
    if rank is not None: mrr += 1.0 / rank
    if args.verbose and (rank is None or rank > 1):
        print(f"  {c['id']}: rank {rank} query={c['query']!r} doc={c['doc']} answer={c['answer_surface']!r}")
        for h in data.get("hits", [])[:3]:
            print(f"      {h['rank']} {h['doc']} {h['score']} {h['text'][:60]!r}")
n = len(cases)
print(f"questions {n}  recall@1 {r1/n:.3f}  recall@5 {r5/n:.3f}  MRR {mrr/n:.3f}")
