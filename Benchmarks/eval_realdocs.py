#!/usr/bin/env python3
"""Real documents in, the right text out (issue 17): scores `zhiku doc ID --format json` against
../shared/eval-dev/realdocs/docs-truth.jsonl over ../shared/corpora/realdocs-dev/.

Per document (conventions in ../shared/eval-dev/realdocs/README.md):
  title   right when equal to the label or one of docs-truth-alt's title_alt, after removing white
          space and 《》;
  date    right when the returned date starts with the label or a date_alt (a null label wants no date);
  body    each body_must string must be in the passages' text (white space removed from both);
  chrome  each chrome_must_not string that reaches the passages (white space removed) is a leak;
  indexed an office file (doc, docx, pdf) counts when it was indexed at all.
Prints the four rates overall, per format and per source folder, and with -v every miss.
--json writes the figures as one JSON object (for tests and the closing note).

Usage: python3 Benchmarks/eval_realdocs.py [--zhiku .build/release/zhiku] [--shared ../shared] [-v]
"""
import argparse, json, os, re, subprocess, sys, tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def squeeze(s):
    return re.sub(r"\s+", "", s or "")


def norm_title(s):
    return squeeze(s).replace("《", "").replace("》", "")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--zhiku", default=".build/release/zhiku")
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--index", help="an index of realdocs-dev already built (default: build one)")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "zhiku-realdocs"))
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    shared = os.path.abspath(a.shared)
    corpus = os.path.join(shared, "corpora", "realdocs-dev")
    labels = os.path.join(shared, "eval-dev", "realdocs")
    truth = [json.loads(l) for l in open(os.path.join(labels, "docs-truth.jsonl"), encoding="utf-8") if l.strip()]
    alt = {}
    alt_path = os.path.join(labels, "docs-truth-alt.jsonl")
    if os.path.exists(alt_path):
        for l in open(alt_path, encoding="utf-8"):
            if l.strip():
                r = json.loads(l)
                alt[r["doc"]] = r
    index = a.index
    if not index:
        index = os.path.join(a.work, "index")
        subprocess.run([a.zhiku, "index", corpus, "--index", index, "--rebuild", "--quiet"], check=True)

    rows = []
    for t in truth:
        r = subprocess.run([a.zhiku, "doc", t["doc"], "--format", "json", "--index", index], capture_output=True, text=True)
        got = json.loads(r.stdout) if r.returncode == 0 and r.stdout.strip() else None
        al = alt.get(t["doc"], {})
        row = {"doc": t["doc"], "format": t["format"], "source": t["doc"].split("/")[0], "indexed": got is not None}
        if got is None:
            row.update(title=False, date=False, body=[False] * len(t["body_must"]), chrome=[True] * 0, got_title=None, got_date=None)
        else:
            text = squeeze("\n".join(p["text"] for p in got.get("passages", [])))
            titles = [t["title"]] + list(al.get("title_alt", []))
            # `zhiku doc --format json` puts the date under "meta".
            got_date = got.get("date") or (got.get("meta") or {}).get("date")
            row["got_title"], row["got_date"] = got.get("title"), got_date
            row["title"] = norm_title(got.get("title")) in {norm_title(x) for x in titles if x}
            dates = [d for d in [t["date"]] + list(al.get("date_alt", [])) if d]
            gd = got_date or ""
            row["date"] = (not gd) if t["date"] is None and not dates else any(gd.startswith(d) for d in dates)
            row["body"] = [squeeze(s) in text for s in t["body_must"]]
            row["chrome"] = [squeeze(s) in text for s in t["chrome_must_not"] if squeeze(s)]
        row["want_title"], row["want_date"] = t["title"], t["date"]
        row["missing_body"] = [s for s, ok in zip(t["body_must"], row["body"]) if not ok]
        row["leaked"] = [s for s in t["chrome_must_not"] if got is not None and squeeze(s) and squeeze(s) in squeeze("\n".join(p["text"] for p in got.get("passages", [])))]
        rows.append(row)

    def rates(rs):
        n = len(rs)
        body = [b for r in rs for b in r["body"]]
        chrome = [c for r in rs for c in r["chrome"]]
        office = [r for r in rs if r["format"] in ("doc", "docx", "pdf")]
        return {
            "docs": n,
            "title": sum(r["title"] for r in rs) / n if n else None,
            "date": sum(r["date"] for r in rs) / n if n else None,
            "body": sum(body) / len(body) if body else None,
            "chrome_leaked": sum(chrome) / len(chrome) if chrome else 0.0,
            "office_indexed": (sum(r["indexed"] for r in office) / len(office)) if office else None,
        }

    out = {"all": rates(rows), "by_format": {}, "by_source": {}}
    for key, name in (("format", "by_format"), ("source", "by_source")):
        groups = defaultdict(list)
        for r in rows:
            groups[r[key]].append(r)
        out[name] = {k: rates(v) for k, v in sorted(groups.items())}

    def fmt(d):
        f = lambda x: "  -  " if x is None else f"{x:.3f}"
        return f"docs {d['docs']:3d}  title {f(d['title'])}  date {f(d['date'])}  body {f(d['body'])}  chrome leaked {f(d['chrome_leaked'])}  office indexed {f(d['office_indexed'])}"

    print("all        " + fmt(out["all"]))
    for name in ("by_format", "by_source"):
        for k, d in out[name].items():
            print(f"  {k:24s} " + fmt(d))
    if a.verbose:
        for r in rows:
            probs = []
            if not r["indexed"]: probs.append("NOT INDEXED")
            if r["indexed"] and not r["title"]: probs.append(f"title {r['got_title']!r} want {r['want_title']!r}")
            if r["indexed"] and not r["date"]: probs.append(f"date {r['got_date']!r} want {r['want_date']!r}")
            if r["missing_body"]: probs.append(f"body missing {[s[:30] for s in r['missing_body']]}")
            if r["leaked"]: probs.append(f"chrome {[s[:30] for s in r['leaked']]}")
            if probs:
                print(f"- {r['doc']}: " + "; ".join(probs))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
