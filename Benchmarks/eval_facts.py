#!/usr/bin/env python3
"""Fact lookup on the labelled QA sets: does `zhiku facts <question>` put the figure or date of
`answer_surface` (in `doc`) first? Questions whose answer is not a figure or a date (kind other/org)
are reported apart. Run eval_retrieval.py first or let this script build the same corpus.

Usage: python3 Benchmarks/eval_facts.py [--zhiku .build/release/zhiku] [--shared ../shared] [-v]
"""
import json, os, subprocess, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evalcorpus
args, index, cases = evalcorpus.setup()

def matches(answer, case):
    return answer["doc"] == case["doc"] and answer["surface"] and (
        answer["surface"] in case["answer_surface"] or case["answer_surface"] in answer["surface"])

scored = first = in3 = 0
for c in cases:
    out = subprocess.run([args.zhiku, "facts", "--index", index, "--format", "json", "-n", "3", c["question"]],
                         capture_output=True, text=True)
    data = json.loads(out.stdout) if out.stdout.strip() else {"answers": []}
    answers = data.get("answers", [])
    figure_or_date = c["kind"] not in ("other", "org")
    ok1 = bool(answers) and matches(answers[0], c)
    ok3 = any(matches(a, c) for a in answers)
    if figure_or_date:
        scored += 1
        first += ok1
        in3 += ok3
    if args.verbose and not ok1:
        print(f"  {c['id']} [{c['kind']}] {c['question']} -> want {c['answer_surface']!r} in {c['doc']}"
              f" (kind understood: {data.get('expected_kind')}, keywords {data.get('keywords')})")
        for a in answers[:3]:
            print(f"      {a['surface']!r} {a.get('kind')} {a.get('subject')} / {a.get('attribute')} {a['doc']} score {a['score']}")
print(f"figure/date questions {scored}: first {first/scored:.3f}, in top 3 {in3/scored:.3f}; "
      f"{len(cases) - scored} questions of kind other/org not scored")
