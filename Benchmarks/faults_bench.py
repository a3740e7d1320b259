#!/usr/bin/env python3
"""Issue 20's two indexing benchmarks: one large file against many small ones, and deletes.

large   One file of --mb MB against --mb MB of 10 KB files (the same text: gov-reports repeated,
        each copy numbered), each indexed --runs times into a new index, alternating; prints the
        median seconds and peak RSS of each and the ratio. Issue 20 asks for the large file in at
        most 4x the small files' time and at most 400 MB.
deletes --add small documents indexed, then --remove of them deleted and the folder indexed
        again; prints both times (medians of --runs, each run from a new index).

Corpora are generated under Benchmarks/work/faults/ (git-ignored), never committed. With
--zhiku-before the same runs are made with a second binary, interleaved, for a before/after.

Usage:
  python3 Benchmarks/faults_bench.py large --zhiku .build/release/zhiku --mb 200 --runs 3
  python3 Benchmarks/faults_bench.py deletes --zhiku .build/release/zhiku --zhiku-before /tmp/zhiku-before
"""
import argparse, os, shutil, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work", "faults")


def gov_text(shared):
    """The gov-reports texts, concatenated in a fixed order."""
    parts = []
    for root, _, files in sorted(os.walk(os.path.join(shared, "corpora", "gov-reports"))):
        for f in sorted(files):
            if f.endswith((".txt", ".md")):
                with open(os.path.join(root, f), encoding="utf-8", errors="ignore") as fh:
                    parts.append(fh.read())
    if not parts:
        sys.exit(f"no gov-reports under {shared}/corpora: --shared names the shared folder")
    return "\n".join(parts)


def copies(text, mb):
    """Numbered copies of `text` until `mb` MB: every copy's sentences differ from the others'
    (a number after each line ending in 。; other lines, such as `<!--` and `-->`, as they are)."""
    target, n, i = mb << 20, 0, 0
    lines = text.split("\n")
    while n < target:
        for line in lines:
            s = f"{line}（第{i}份）\n" if line.endswith("。") else line + "\n"
            n += len(s.encode("utf-8"))
            yield s
            if n >= target:
                return
        i += 1


def large_corpora(shared, mb):
    one, many = os.path.join(WORK, f"one-{mb}"), os.path.join(WORK, f"many-{mb}")
    if not os.path.exists(one + ".complete"):
        shutil.rmtree(one, ignore_errors=True)
        os.makedirs(one)
        with open(os.path.join(one, "large.txt"), "w", encoding="utf-8") as fh:
            for s in copies(gov_text(shared), mb):
                fh.write(s)
        open(one + ".complete", "w").close()
    if not os.path.exists(many + ".complete"):
        shutil.rmtree(many, ignore_errors=True)
        with open(os.path.join(one, "large.txt"), encoding="utf-8") as fh:
            k, buf, size = 0, [], 0
            for line in fh:
                buf.append(line)
                size += len(line.encode("utf-8"))
                if size >= 10 << 10:
                    path = os.path.join(many, f"{k // 1000:03d}", f"d{k}.txt")
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "w", encoding="utf-8") as out:
                        out.write("".join(buf))
                    k, buf, size = k + 1, [], 0
            if buf:
                path = os.path.join(many, f"{k // 1000:03d}", f"d{k}.txt")
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as out:
                    out.write("".join(buf))
        open(many + ".complete", "w").close()
    return one, many


def timed(cmd):
    """Seconds and peak RSS (MB) of `cmd`, which must succeed."""
    start = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}): {p.stderr.strip()[-500:]}")
    rss_kb = int(p.stderr.strip().splitlines()[-1])
    return seconds, rss_kb / 1024


def index(zhiku, corpus, idx, extra=()):
    return timed([zhiku, "index", corpus, "--index", idx, "--quiet", "--max-file-mb", "4096", *extra])


def run_large(a):
    one, many = large_corpora(a.shared, a.mb)
    binaries = [("after", a.zhiku)] + ([("before", a.zhiku_before)] if a.zhiku_before else [])
    results = {}
    for r in range(a.runs):
        for label, zhiku in binaries:
            for name, corpus in (("one file", one), ("10 KB files", many)):
                idx = os.path.join(WORK, "index")
                shutil.rmtree(idx, ignore_errors=True)
                s, rss = index(zhiku, corpus, idx)
                results.setdefault((label, name), []).append((s, rss))
                print(f"run {r + 1} {label:6} {name:11}: {s:7.1f} s, {rss:6.0f} MB peak RSS", flush=True)
    print(f"\n{a.mb} MB, medians of {a.runs}:")
    for label, _ in binaries:
        one_s = statistics.median(s for s, _ in results[(label, "one file")])
        many_s = statistics.median(s for s, _ in results[(label, "10 KB files")])
        one_rss = max(m for _, m in results[(label, "one file")])
        many_rss = max(m for _, m in results[(label, "10 KB files")])
        print(f"  {label:6} one file {one_s:.1f} s ({one_rss:.0f} MB), 10 KB files {many_s:.1f} s ({many_rss:.0f} MB): "
              f"ratio {one_s / many_s:.2f}")


def run_deletes(a):
    corpus = os.path.join(WORK, f"tiny-{a.add}")
    if not os.path.exists(corpus + ".complete"):
        shutil.rmtree(corpus, ignore_errors=True)
        for i in range(a.add):
            path = os.path.join(corpus, f"{i // 1000:03d}", f"t{i}.txt")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(f"短文件{i}\n园区第{i}号企业新增研发投入{i % 97}万元，建设平台{i % 13}个。\n")
        open(corpus + ".complete", "w").close()
    binaries = [("after", a.zhiku)] + ([("before", a.zhiku_before)] if a.zhiku_before else [])
    results = {}
    for r in range(a.runs):
        for label, zhiku in binaries:
            work = os.path.join(WORK, "deletes")
            shutil.rmtree(work, ignore_errors=True)
            shutil.copytree(corpus, os.path.join(work, "corpus"))
            idx = os.path.join(work, "index")
            add_s, _ = index(zhiku, os.path.join(work, "corpus"), idx)
            removed = 0
            for i in range(a.add):
                if removed >= a.remove:
                    break
                os.remove(os.path.join(work, "corpus", f"{i // 1000:03d}", f"t{i}.txt"))
                removed += 1
            del_s, _ = index(zhiku, os.path.join(work, "corpus"), idx)
            results.setdefault(label, []).append((add_s, del_s))
            print(f"run {r + 1} {label:6}: add {a.add} {add_s:6.1f} s, remove {a.remove} {del_s:6.1f} s", flush=True)
    print(f"\nmedians of {a.runs}:")
    for label, _ in binaries:
        print(f"  {label:6} add {a.add}: {statistics.median(x for x, _ in results[label]):.1f} s, "
              f"remove {a.remove}: {statistics.median(y for _, y in results[label]):.1f} s")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["large", "deletes"])
    ap.add_argument("--zhiku", default=".build/release/zhiku")
    ap.add_argument("--zhiku-before", help="a second binary, run interleaved with the first")
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--add", type=int, default=50_000)
    ap.add_argument("--remove", type=int, default=20_000)
    a = ap.parse_args()
    os.makedirs(WORK, exist_ok=True)
    run_large(a) if a.mode == "large" else run_deletes(a)
