#!/usr/bin/env python3
"""Fact lookup on labelled question sets: is the first answer of `zhiku facts <question>` the
right one (the rules of ../shared/docs/extraction.md, "Fact answers": factscore.py)? Every kind
counts (figures, dates, ranks, organizations, others); an empty answer list is a miss. Reports,
per set, per kind and per tag: the rate (first answer right ÷ questions), the share answered, and
answered-and-right ÷ answered (precision).

By default: the eval corpus (the sample report + gov-reports, as eval_retrieval.py builds it) with
qa-seed-dev, qa-gov-dev and qa-facts-dev, and ../shared/corpora/realdocs-dev with realdocs/qa.jsonl.
Any corpus and question file: --set NAME=CORPUS_OR_INDEX:QUESTIONS.jsonl (repeatable; an index
folder holds zhiku.sqlite, anything else is indexed first).

Usage: python3 Benchmarks/eval_facts.py [--zhiku .build/release/zhiku] [--shared ../shared] [-v]
       [--set NAME=PATH:QUESTIONS] [--json results.json]
"""
import argparse, collections, json, os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalcorpus, factscore


def index_for(zhiku, path, work, name):
    """An index folder for `path`: itself when it holds an index, else `path` indexed under `work`."""
    if os.path.exists(os.path.join(path, "zhiku.sqlite")):
        return path
    index = os.path.join(work, "index-" + name)
    subprocess.run([zhiku, "index", path, "--index", index, "--quiet"], check=True)
    return index


def load(path, set_name):
    with open(path, encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh if line.strip()]
    for c in cases:
        c["set"] = set_name
    return cases


def default_sets(args):
    """(name, index, cases) for the development sets."""
    eval_index = evalcorpus.build(args.zhiku, args.shared, args.work)
    dev = os.path.join(os.path.abspath(args.shared), "eval-dev")
    sets = [(name, eval_index, load(os.path.join(dev, f), name))
            for name, f in (("seed", "qa-seed-dev.jsonl"), ("gov", "qa-gov-dev.jsonl"), ("facts", "qa-facts-dev.jsonl"))]
    real = os.path.join(os.path.abspath(args.shared), "corpora", "realdocs-dev")
    questions = os.path.join(dev, "realdocs", "qa.jsonl")
    if os.path.isdir(real) and os.path.exists(questions):
        sets.append(("realdocs", index_for(args.zhiku, real, args.work, "realdocs"), load(questions, "realdocs")))
    return sets


def ask(zhiku, index, questions, extra=()):
    """`zhiku facts -` over `questions` (one JSON object a line back)."""
    out = subprocess.run([zhiku, "facts", "--index", index, "--format", "json", "-n", "3", *extra, "-"],
                         input="".join(q.replace("\n", " ") + "\n" for q in questions), capture_output=True, text=True)
    lines = out.stdout.splitlines()
    if len(lines) != len(questions):
        sys.exit(f"zhiku facts - answered {len(lines)} lines for {len(questions)} questions: {out.stderr[:500]}")
    return [json.loads(l) for l in lines]


class Tally:
    def __init__(self):
        self.n = self.answered = self.right = self.in3 = 0

    def add(self, answered, right, in3):
        self.n += 1
        self.answered += answered
        self.right += right
        self.in3 += in3

    def row(self, name):
        rate = self.right / self.n if self.n else 0
        prec = self.right / self.answered if self.answered else 0
        return f"{name:<22} {self.n:>4}  first {rate:.3f}  top3 {self.in3 / max(1, self.n):.3f}  answered {self.answered / max(1, self.n):.3f}  right/answered {prec:.3f}"

    def json(self):
        return {"n": self.n, "answered": self.answered, "right": self.right, "in3": self.in3,
                "rate": self.right / self.n if self.n else 0, "precision": self.right / self.answered if self.answered else 0}


def add_set_arguments(ap):
    """The options that say which binary answers which question sets (shared with the fit script)."""
    ap.add_argument("--zhiku", default=".build/debug/zhiku")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "zhiku-eval"))
    ap.add_argument("--set", action="append", default=[], help="NAME=CORPUS_OR_INDEX:QUESTIONS.jsonl")


def sets_from(args):
    """(name, index, cases) for each --set, or the development sets."""
    os.makedirs(args.work, exist_ok=True)
    if not args.set:
        return default_sets(args)
    sets = []
    for spec in args.set:
        name, rest = spec.split("=", 1)
        path, questions = rest.rsplit(":", 1)
        sets.append((name, index_for(args.zhiku, os.path.abspath(path), args.work, name), load(questions, name)))
    return sets


def main():
    ap = argparse.ArgumentParser()
    add_set_arguments(ap)
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    sets = sets_from(args)

    tallies = collections.defaultdict(Tally)
    for name, index, cases in sets:
        responses = ask(args.zhiku, index, [c["question"] for c in cases])
        for c, r in zip(cases, responses):
            answers = r.get("answers", [])
            ok1 = bool(answers) and factscore.is_right(answers[0], c)
            ok3 = any(factscore.is_right(a, c) for a in answers)
            keys = ["all", "set " + name, "kind " + c["kind"], "folder " + factscore.source_folder(c)]
            keys += ["tag " + t for t in c.get("tags", [])]
            if name in ("seed", "gov"):
                keys.append("set seed+gov")
            for k in keys:
                tallies[k].add(bool(answers), ok1, ok3)
            if args.verbose and not ok1:
                print(f"  {c['id']} [{c['kind']}] {c['question']} -> want {c['answer_surface']!r} in {c['doc']}")
                if not answers:
                    print(f"      (nothing: {r.get('reason')})")
                for a in answers[:3]:
                    print(f"      {a.get('surface')!r} {a.get('kind')} {a.get('value')!r} {a.get('attribute')} {a['doc']} score {a.get('score')}"
                          f" why {a.get('why')}")
    order = sorted(tallies, key=lambda k: (k != "all", k.split(" ")[0] != "set", k))
    for k in order:
        print(tallies[k].row(k))
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({k: tallies[k].json() for k in order}, fh, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
