#!/usr/bin/env python3
"""kill -9 of `zhiku index --rebuild` at random moments (issue 20: the crash tests, rerun).

After each kill: SQLite's integrity_check on the index, and the same hits (JSON, took_ms aside) for
five queries as the complete index gave before; a rebuild of an unchanged corpus answers the same,
so the old index and the new one are indistinguishable here, and a half-written one is not.

Usage: python3 Benchmarks/kill_rebuild.py ZHIKU CORPUS KILLS
   e.g. python3 Benchmarks/kill_rebuild.py .build/release/zhiku ../shared/corpora/gov-reports 20
"""
import json, os, random, shutil, sqlite3, subprocess, sys, time
zhiku, corpus, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
work = os.path.join(os.path.dirname(os.path.abspath(__file__)), "work", "kill_rebuild"); shutil.rmtree(work, ignore_errors=True); os.makedirs(work)
idx = f"{work}/idx"
subprocess.run([zhiku, "index", corpus, "--index", idx, "-q"], check=True)
qs = ["研发投入", "科研团队", "高新技术企业", "地区生产总值", "创新平台"]
def answers():
    out = []
    for q in qs:
        r = subprocess.run([zhiku, "search", "--index", idx, "--format", "json", "-n", "20", q], capture_output=True, text=True)
        d = json.loads(r.stdout); d.pop("took_ms", None); out.append(json.dumps(d["hits"], sort_keys=True))
    return out
ref = answers()
t0 = time.time(); subprocess.run([zhiku, "index", corpus, "--index", idx, "--rebuild", "-q"], check=True); full = time.time() - t0
assert answers() == ref, "a rebuild answers differently"
ok = 0
for i in range(n):
    p = subprocess.Popen([zhiku, "index", corpus, "--index", idx, "--rebuild", "-q"])
    time.sleep(random.uniform(0, full * 1.1)); p.kill(); p.wait()
    c = sqlite3.connect(f"file:{idx}/zhiku.sqlite?mode=ro", uri=True)
    integ = c.execute("PRAGMA integrity_check").fetchone()[0]; c.close()
    same = answers() == ref
    ok += integ == "ok" and same
    print(f"kill {i+1}: rc {p.returncode}, integrity {integ}, answers {'same' if same else 'DIFFERENT'}", flush=True)
print(f"{ok} of {n} kills left an intact index answering as before (rebuild takes {full:.1f} s)")
