#!/usr/bin/env python3
"""Compare the documents of two zhiku indexes built from the same corpus.

    python3 Benchmarks/text_diff.py OLD_INDEX_DIR NEW_INDEX_DIR [--label NAME] [-v]

Reads each index's SQLite file directly (document, passage, heading tables; read-only) and reports:
- documents only in one index;
- documents whose text was lost: a line of the old text (white space and ASCII punctuation removed,
  4+ characters left) that is nowhere in the new text (the same removed); this must be none;
- titles, dates and sources that changed;
- documents whose character count, passage count or headings changed, with counts (headings:
  the distinct heading paths of a document's passages, added and removed).
-v lists each changed document. Exit 1 when text was lost, else 0.
"""
import argparse
import os
import re
import sqlite3
import sys
from collections import Counter

MIN_LINE = 4
# White space and ASCII punctuation are not compared: a reader may drop markup around the text
# (Markdown's list markers, emphasis, code quotes), never the text.
WS = re.compile(r"[\s!-/:-@\[-`{-~]+")


def load(index_dir):
    path = os.path.join(index_dir, "zhiku.sqlite")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    docs = {}
    for did, p, title, date, source, chars, n in db.execute(
            "select id, path, title, date, source, chars, passages from document"):
        docs[did] = {"path": p, "title": title, "date": date, "source": source, "chars": chars,
                     "passages": n, "texts": [], "headings": []}
    rows = db.execute("select p.document_id, p.body, h.path from passage p left join heading h "
                      "on h.id = p.heading_id order by p.document_id, p.number")
    for did, body, heading in rows:
        d = docs.get(did)
        if d is None:
            continue
        d["texts"].append(bytes(body).decode("utf-16-le", errors="replace"))
        d["headings"].append(heading or "")
    db.close()
    return {d["path"]: d for d in docs.values()}


def lost_lines(old, new):
    joined = WS.sub("", "\n".join(new["texts"]))
    lost = []
    for line in "\n".join(old["texts"]).split("\n"):
        s = WS.sub("", line)
        if len(s) >= MIN_LINE and s not in joined:
            lost.append(line.strip())
    return lost


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("--label", default="")
    ap.add_argument("-v", action="store_true", help="list each changed document")
    a = ap.parse_args()
    old, new = load(a.old), load(a.new)
    label = a.label or os.path.basename(os.path.normpath(a.new))
    only_old = sorted(set(old) - set(new))
    only_new = sorted(set(new) - set(old))
    c = Counter()
    lost = {}
    changed = []
    for p in sorted(set(old) & set(new)):
        o, n = old[p], new[p]
        c["documents"] += 1
        notes = []
        ll = lost_lines(o, n)
        if ll:
            lost[p] = ll
        for k in ("title", "date", "source"):
            if o[k] != n[k]:
                c[k] += 1
                notes.append(f"{k} {o[k]!r} -> {n[k]!r}")
        if o["chars"] != n["chars"]:
            c["chars"] += 1
            notes.append(f"chars {o['chars']} -> {n['chars']}")
        if o["passages"] != n["passages"]:
            c["passage_count"] += 1
            c["passages_old"] += o["passages"]
            c["passages_new"] += n["passages"]
            notes.append(f"passages {o['passages']} -> {n['passages']}")
        elif o["texts"] != n["texts"]:
            c["passage_bounds"] += 1
            notes.append("passage bounds moved")
        ho, hn = set(o["headings"]), set(n["headings"])
        if ho != hn:
            c["headings_docs"] += 1
            c["headings_removed"] += len(ho - hn)
            c["headings_added"] += len(hn - ho)
            notes.append(f"headings -{len(ho - hn)} +{len(hn - ho)}")
        elif o["headings"] != n["headings"]:
            c["heading_assignment"] += 1
            notes.append("same headings, other passages under them")
        if notes:
            changed.append((p, notes))
    print(f"[{label}] documents {c['documents']} (only old {len(only_old)}, only new {len(only_new)}); "
          f"text lost in {len(lost)}; title changed {c['title']}, date {c['date']}, source {c['source']}; "
          f"chars changed {c['chars']}; passage count changed {c['passage_count']} "
          f"({c['passages_old']} -> {c['passages_new']} passages), bounds moved {c['passage_bounds']}; "
          f"headings changed in {c['headings_docs']} (-{c['headings_removed']} +{c['headings_added']} paths), "
          f"other assignment in {c['heading_assignment']}; unchanged {c['documents'] - len(changed)}")
    for p in only_old:
        print(f"  only old: {p}")
    for p in only_new:
        print(f"  only new: {p}")
    for p, ll in sorted(lost.items()):
        print(f"  TEXT LOST {p}: {len(ll)} lines, e.g. {ll[0][:60]!r}")
    if a.v:
        for p, notes in changed:
            print(f"  {p}: " + "; ".join(notes))
    return 1 if lost or only_old else 0


if __name__ == "__main__":
    sys.exit(main())
