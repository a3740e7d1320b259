#!/usr/bin/env python3
"""Answer-fact coverage (issue 18): for each labelled fact question, is the fact that answers it in
the index, with the kind, role, status, scope, attribute and ordinal its question needs? It reads
the `fact` table only (no ranking): what a fact ranker could answer from at best.

For each question of ../shared/eval-dev/qa-facts-dev.jsonl (with qa-seed-dev and qa-gov-dev) over
the eval corpus (seed report + gov-reports), and of realdocs/qa.jsonl over corpora/realdocs-dev:
- the passage of `doc` holding `answer_surface` is found, and the facts overlapping it;
- the answer fact is one of those: a `rank` fact with the position of the surface (第3位 -> 3), an
  `org` fact whose surface and the answer contain one another, a `date` fact, or a figure whose
  value is that of the surface's last figure (read by `zhiku extract` of --truth);
- "right" also asks, by tag: from-to -> role `from` (the question asks 起点/从多少) or `to`;
  target -> status `achieved` (实际, 不是…目标) or `target`; cumulative -> scope `cumulative` or
  `period`; event-date -> an attribute (the event); ordinal-event -> the question's 第N次 as
  `ordinal`; org-answer -> kind `org` with an attribute (the action).
Columns an older index lacks count as empty.

Usage: python3 Benchmarks/fact_coverage.py --zhiku .build/release/zhiku [--truth BIN] [--work DIR] [-v]
"""
import argparse, collections, json, os, re, sqlite3, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalcorpus

CN = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text):
    """An Arabic or small Chinese number (第十二 -> 12)."""
    if text.isdigit():
        return int(text)
    total, cur = 0, 0
    for ch in text:
        if ch in CN:
            cur = CN[ch]
        elif ch == "十":
            total += (cur or 1) * 10
            cur = 0
        elif ch == "百":
            total += (cur or 1) * 100
            cur = 0
    return total + cur


def rank_position(surface):
    m = re.search(r"第([0-9一二三四五六七八九十两〇零百]+)", surface) or re.search(r"([0-9一二三四五六七八九十两]+)[名位]", surface)
    return cn_number(m.group(1)) if m else None


def ordinal_of(question):
    m = re.search(r"第([0-9一二三四五六七八九十]+)次(修订|修正|修改)", question)
    return cn_number(m.group(1)) if m else None


def truth_value(truth, surface, kind):
    """The value of the answer surface's last figure, as the truth binary extracts it."""
    out = subprocess.run([truth, "extract"], input=surface, capture_output=True, text=True)
    try:
        figures = json.loads(out.stdout)["figures"]
    except (ValueError, KeyError):
        return None
    return figures[-1]["value"] if figures else None


def passage_rows(db, doc):
    row = db.execute("SELECT id FROM document WHERE path = ?", (doc,)).fetchone()
    if not row:
        return None
    return [(pid, body.decode("utf-16-le")) for pid, body in
            db.execute("SELECT id, body FROM passage WHERE document_id = ? ORDER BY number", (row[0],))]


def facts_of(db, passage_id, columns):
    cols = ["kind", "value", "surface", "start", '"end"', "attribute"] + [c for c in ("role", "status", "scope", "ordinal") if c in columns]
    rows = db.execute(f"SELECT {', '.join(cols)} FROM fact WHERE passage_id = ?", (passage_id,)).fetchall()
    names = [c.strip('"') for c in cols]
    return [dict(zip(names, r)) for r in rows]


def needs(q):
    """What the answer fact must carry, from the question's tags and words: {field: accepted values}."""
    tags = set(q.get("tags") or [])
    want = {}
    if "from-to" in tags:
        want["role"] = {"from"} if ("起点" in q["question"] or "从多少" in q["question"]) else {"to"}
    if "target" in tags:
        want["status"] = {"achieved"} if ("实际" in q["question"] or "不是" in q["question"]) else {"target"}
    if "cumulative" in tags:
        want["scope"] = {"cumulative", "period"}
    if "event-date" in tags or "org-answer" in tags:
        want["attribute"] = "any"
    if "ordinal-event" in tags:
        want["ordinal"] = {ordinal_of(q["question"])}
    return want


def is_answer(f, q, expected):
    kind = q["kind"]
    if kind == "rank":
        return f["kind"] == "rank" and f["value"] is not None and int(f["value"]) == expected
    if kind == "org":
        return f["kind"] == "org" and (f["surface"] in q["answer_surface"] or q["answer_surface"] in f["surface"])
    if kind == "date":
        return f["kind"] == "date"
    return f["kind"] not in ("date", "org", "rank") and expected is not None and f["value"] is not None \
        and abs(f["value"] - expected) <= 1e-6 * max(abs(expected), 1)


def right(f, want):
    for field, accepted in want.items():
        v = f.get(field)
        if accepted == "any":
            if not v:
                return False
        elif v not in accepted:
            return False
    return True


def check(db, q, truth, columns):
    passages = passage_rows(db, q["doc"])
    if passages is None:
        return "not indexed", None
    ans = q["answer_surface"]
    expected = rank_position(ans) if q["kind"] == "rank" else (None if q["kind"] in ("org", "date") else truth_value(truth, ans, q["kind"]))
    found = []
    squeeze = lambda t: re.sub(r"\s+", "", t)
    for pid, text in passages:
        at = text.find(ans)
        if at < 0 and squeeze(ans) in squeeze(text):
            at = 0
            span = (0, len(text))
        elif at < 0:
            continue
        else:
            span = (at, at + len(ans))
        for f in facts_of(db, pid, columns):
            if f["start"] < span[1] and span[0] < f["end"] and is_answer(f, q, expected):
                found.append(f)
    if not found:
        return "missing", None
    want = needs(q)
    good = [f for f in found if right(f, want)]
    return ("right" if good else "wrong role"), (good or found)[0]


def run(index, questions, truth, verbose, label):
    db = sqlite3.connect(os.path.join(index, "zhiku.sqlite"))
    columns = {r[1] for r in db.execute("PRAGMA table_info(fact)")}
    by_tag = collections.defaultdict(collections.Counter)
    for q in questions:
        status, fact = check(db, q, truth, columns)
        tags = list(q.get("tags") or []) + ["kind:" + q["kind"], "all"]
        for t in tags:
            by_tag[t][status] += 1
        if verbose and status != "right":
            print(f"  {q['id']} [{q['kind']}] {status}: {q['question']} -> {q['answer_surface']!r} needs {needs(q)}; got {fact}")
    print(f"== {label}")
    order = ["all", "from-to", "target", "cumulative", "event-date", "ordinal-event", "clause", "org-answer",
             "kind:rank", "kind:org", "kind:date", "kind:money", "kind:percent", "kind:count", "kind:quantity", "kind:area"]
    for t in order + sorted(set(by_tag) - set(order)):
        if t in by_tag:
            c = by_tag[t]
            n = sum(c.values())
            print(f"  {t:16} {c['right']:3}/{n:<3} right   exists {c['right'] + c['wrong role']:3}/{n:<3}"
                  + (f"   not indexed {c['not indexed']}" if c["not indexed"] else ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zhiku", default=".build/release/zhiku")
    ap.add_argument("--truth", help="binary whose `extract` reads the answers' values (default: --zhiku)")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "zhiku-coverage"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    truth = args.truth or args.zhiku
    shared = os.path.abspath(args.shared)
    load = lambda f: [json.loads(l) for l in open(os.path.join(shared, "eval-dev", f), encoding="utf-8") if l.strip()]
    index = evalcorpus.build(args.zhiku, shared, os.path.join(args.work, "eval"))
    run(index, load("qa-facts-dev.jsonl"), truth, args.verbose, "qa-facts-dev.jsonl")
    run(index, load("qa-seed-dev.jsonl") + load("qa-gov-dev.jsonl"), truth, args.verbose, "qa-seed-dev + qa-gov-dev")
    rd_index = os.path.join(args.work, "realdocs-index")
    subprocess.run([args.zhiku, "index", os.path.join(shared, "corpora", "realdocs-dev"), "--index", rd_index, "--quiet"], check=True)
    run(rd_index, load("realdocs/qa.jsonl"), truth, args.verbose, "realdocs/qa.jsonl")


if __name__ == "__main__":
    main()
