#!/usr/bin/env python3
"""A behaviour snapshot: what a zhiku binary writes and answers, as files to compare with another
binary's (a refactoring must leave them identical; a change that should move them shows where).

For gov-reports (with the sample report, as the eval sets expect) and the laws it writes:
  tables.txt      one md5 per table of the index (rows in rowid order, every column), after a fresh build
  search.jsonl    `zhiku search - --format json` over ../shared/bench/queries.txt (1,000 queries)
  facts.jsonl     (gov-reports only) `zhiku facts --format json -n 3` for every eval-dev question
and prints one md5 per file. `--compare A B` prints which files differ between two snapshots.

Usage:
  python3 Benchmarks/snapshot.py --zhiku .build/release/zhiku --out /tmp/snap-before
  python3 Benchmarks/snapshot.py --compare /tmp/snap-before /tmp/snap-after
"""
import argparse, gzip, hashlib, json, os, shutil, sqlite3, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))


def md5(path):
    with open(path, "rb") as fh:
        return hashlib.md5(fh.read()).hexdigest()


def laws_corpus(shared, work):
    """The laws JSONL as one .md file per line, as zhiku-bench writes them."""
    out = os.path.join(work, "corpora", "laws")
    marker = out + ".complete"
    if os.path.exists(marker):
        return out
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with gzip.open(os.path.join(shared, "corpora", "large", "lawrefbook-laws.jsonl.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                with open(os.path.join(out, rec["id"] + ".md"), "w", encoding="utf-8") as f:
                    f.write(rec["text"])
    open(marker, "w").close()
    return out


def gov_corpus(shared, work):
    """The sample report and gov-reports in one folder (copies, so that no symlink is followed)."""
    out = os.path.join(work, "corpora", "gov")
    if os.path.exists(out + ".complete"):
        return out
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    seeds = os.path.join(shared, "seeds")
    shutil.copy(os.path.join(seeds, sorted(os.listdir(seeds))[0]), os.path.join(out, "seed-report.txt"))
    gov = os.path.join(shared, "corpora", "gov-reports")
    for name in sorted(os.listdir(gov)):
        if os.path.isdir(os.path.join(gov, name)):
            shutil.copytree(os.path.join(gov, name), os.path.join(out, name))
    open(out + ".complete", "w").close()
    return out


def table_digests(db_path, out_path):
    db = sqlite3.connect(db_path)
    # Virtual tables need zhiku's tokenizer; their shadow tables (_data, _idx, …) hold what they store.
    names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                      "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
    with open(out_path, "w") as out:
        for name in names:
            if name.startswith("sqlite_") or name == "meta":
                continue
            h = hashlib.md5()
            # The time of the run is not behaviour.
            cols = [r[1] for r in db.execute(f'PRAGMA table_info("{name}")') if r[1] not in ("indexed_at", "built_at")]
            select = ", ".join(f'"{c}"' for c in cols)
            try:
                for row in db.execute(f'SELECT {select} FROM "{name}" ORDER BY rowid'):
                    h.update(repr(tuple(c for c in row)).encode())
            except sqlite3.OperationalError:  # WITHOUT ROWID or a virtual table with no rowid
                for row in db.execute(f'SELECT {select} FROM "{name}"'):
                    h.update(repr(row).encode())
            out.write(f"{name}\t{h.hexdigest()}\n")


def questions(shared):
    qs = []
    for f in ("qa-seed-dev.jsonl", "qa-gov-dev.jsonl", "qa-facts-dev.jsonl"):
        p = os.path.join(shared, "eval-dev", f)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as fh:
                qs += [json.loads(l)["question"] for l in fh if l.strip()]
    return qs


def snapshot(zhiku, shared, work, out, extra_index_args):
    os.makedirs(out, exist_ok=True)
    queries = os.path.join(shared, "bench", "queries.txt")
    for name, corpus in (("gov", gov_corpus(shared, work)), ("laws", laws_corpus(shared, work))):
        index = os.path.join(work, "index-" + name)
        shutil.rmtree(index, ignore_errors=True)
        subprocess.run([zhiku, "index", corpus, "--index", index, "--quiet"] + extra_index_args, check=True)
        table_digests(os.path.join(index, "zhiku.sqlite"), os.path.join(out, f"{name}-tables.txt"))
        with open(queries, "rb") as q, open(os.path.join(out, f"{name}-search.jsonl"), "wb") as o:
            subprocess.run([zhiku, "search", "-", "--format", "json", "--index", index], stdin=q, stdout=o, check=False)
        if name == "gov":
            with open(os.path.join(out, "gov-facts.jsonl"), "w", encoding="utf-8") as o:
                for q in questions(shared):
                    r = subprocess.run([zhiku, "facts", "--format", "json", "-n", "3", "--index", index, "--", q],
                                       capture_output=True, text=True)
                    o.write(r.stdout.strip() + "\n")
    for f in sorted(os.listdir(out)):
        print(f"{md5(os.path.join(out, f))}  {f}")


def compare(a, b):
    same = True
    for f in sorted(set(os.listdir(a)) | set(os.listdir(b))):
        pa, pb = os.path.join(a, f), os.path.join(b, f)
        if not (os.path.exists(pa) and os.path.exists(pb)):
            print(f"only in one: {f}"); same = False; continue
        if md5(pa) == md5(pb):
            print(f"identical   {f}")
            continue
        same = False
        with open(pa, encoding="utf-8") as fa, open(pb, encoding="utf-8") as fb:
            la, lb = fa.readlines(), fb.readlines()
        diff = [i for i in range(max(len(la), len(lb))) if i >= len(la) or i >= len(lb) or la[i] != lb[i]]
        print(f"DIFFERENT   {f}: {len(diff)} of {max(len(la), len(lb))} lines (first: line {diff[0] + 1})")
    return same


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zhiku", default=".build/release/zhiku")
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    # A fixed folder: the document table stores the absolute path of the indexed folder.
    ap.add_argument("--work", default="/tmp/zhiku-snapshot")
    ap.add_argument("--out")
    ap.add_argument("--compare", nargs=2, metavar=("A", "B"))
    ap.add_argument("--index-arg", action="append", default=[], help="extra argument for zhiku index")
    a = ap.parse_args()
    if a.compare:
        sys.exit(0 if compare(*a.compare) else 1)
    if not a.out:
        ap.error("--out or --compare")
    snapshot(os.path.abspath(a.zhiku), os.path.abspath(a.shared), os.path.abspath(a.work), a.out, a.index_arg)
