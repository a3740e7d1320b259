#!/usr/bin/env python3
"""Fits the weights of zhiku's fact-answer model (issue 18) and writes
Sources/ZhikuIndex/Knowledge/FactWeights.swift.

1. Every development question is asked with `zhiku facts --dump-features -`, which returns every
   candidate that passed the lookup's gates (kind, document, a tie to the question) with its
   feature vector (FactFeature).
2. Each candidate is labelled right or wrong by the scoring rules of ../shared/docs/extraction.md,
   "Fact answers" (Benchmarks/factscore.py).
3. A linear model is fitted: a listwise softmax over each question's candidates (the first answer is
   what counts) plus a pointwise logistic term that fixes the scores' level (the abstention
   threshold needs it), with an L2 penalty; numpy, full-batch gradient descent (Adam).
4. The abstention threshold is the lowest score at which the answers' precision (right ÷ answered)
   reaches --precision on the training questions.
5. Leave one source folder out (national-gwr, provincial-gwr-2025, provincial-gwr-2026, regulations,
   normative, cpc-congress, seed, realdocs): the model and threshold are fitted on the other folders'
   questions and scored on the held-out folder's. That figure is reported beside the fitted one; a
   fitted figure far above it means the model memorises.

Usage: python3 Tools/fit-fact-weights.py --zhiku .build/release/zhiku [--shared ../shared]
       [--set NAME=CORPUS_OR_INDEX:QUESTIONS.jsonl …] [--dry-run] [--json report.json]
"""
import argparse, collections, json, os, subprocess, sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Benchmarks"))
import eval_facts, factscore  # noqa: E402

OUT = os.path.join(HERE, "..", "Sources", "ZhikuIndex", "Knowledge", "FactWeights.swift")


def dump(zhiku, index, cases):
    """The candidates of each question: (feature names, [(x, label, doc)] per question)."""
    out = subprocess.run([zhiku, "facts", "--index", index, "--format", "json", "--dump-features", "-"],
                         input="".join(c["question"].replace("\n", " ") + "\n" for c in cases), capture_output=True, text=True)
    lines = out.stdout.splitlines()
    if len(lines) != len(cases):
        sys.exit(f"zhiku facts --dump-features answered {len(lines)} lines for {len(cases)} questions: {out.stderr[:400]}")
    names, groups = None, []
    for c, line in zip(cases, lines):
        r = json.loads(line)
        names = r.get("features") or names
        rows = []
        for cand in r.get("candidates", []):
            rec = cand["record"]
            answer = {"doc": cand["doc"], "surface": cand["surface"], "value": rec.get("value"), "unit": rec.get("unit"),
                      "kind": cand["kind"]}
            rows.append((cand["x"], factscore.is_right(answer, c)))
        groups.append(rows)
    return names, groups


class Data:
    """Questions with their candidates as arrays."""

    def __init__(self, cases, groups, dim):
        self.cases = cases
        self.X = [np.array([x for x, _ in g], dtype=float).reshape(len(g), dim) for g in groups]
        self.y = [np.array([1.0 if ok else 0.0 for _, ok in g]) for g in groups]

    def subset(self, keep):
        d = Data.__new__(Data)
        d.cases = [c for c, k in zip(self.cases, keep) if k]
        d.X = [x for x, k in zip(self.X, keep) if k]
        d.y = [y for y, k in zip(self.y, keep) if k]
        return d


def fit(data, dim, l2=0.05, pointwise=0.3, steps=3000, lr=0.05):
    """Weights and bias minimising the listwise softmax loss (questions with a right candidate)
    plus `pointwise` × the logistic loss of every candidate, plus `l2` × |w|²."""
    w = np.zeros(dim)
    b = 0.0
    m = np.zeros(dim + 1)
    v = np.zeros(dim + 1)
    allX = np.vstack([x for x in data.X if len(x)]) if any(len(x) for x in data.X) else np.zeros((0, dim))
    ally = np.concatenate([y for y in data.y if len(y)]) if allX.shape[0] else np.zeros(0)
    lists = [(x, y) for x, y in zip(data.X, data.y) if len(y) and y.sum() > 0]
    n_lists = max(1, len(lists))
    n_all = max(1, len(ally))
    pos_weight = (len(ally) - ally.sum()) / max(1.0, ally.sum())
    # The lists concatenated, with where each starts: softmax per list by reduceat.
    LX = np.vstack([x for x, _ in lists]) if lists else np.zeros((0, dim))
    Ly = np.concatenate([y for _, y in lists]) if lists else np.zeros(0)
    sizes = np.array([len(y) for _, y in lists])
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if lists else np.zeros(0, dtype=int)
    owner = np.repeat(np.arange(len(lists)), sizes) if lists else np.zeros(0, dtype=int)
    Lq = Ly / np.add.reduceat(Ly, starts)[owner] if lists else Ly
    for t in range(1, steps + 1):
        gw = 2 * l2 * w
        gb = 0.0
        if lists:
            s = LX @ w
            s = s - np.maximum.reduceat(s, starts)[owner]
            e = np.exp(s)
            p = e / np.add.reduceat(e, starts)[owner]
            gw += LX.T @ (p - Lq) / n_lists
        if pointwise and len(ally):
            s = allX @ w + b
            p = 1 / (1 + np.exp(-s))
            weight = np.where(ally > 0, pos_weight, 1.0)
            r = (p - ally) * weight
            gw += pointwise * allX.T @ r / n_all
            gb += pointwise * r.sum() / n_all
        g = np.concatenate([gw, [gb]])
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        step = lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        w -= step[:dim]
        b -= step[dim]
    return w, b


def firsts(data, w, b):
    """Per question: (top score or None, whether the top candidate is right)."""
    out = []
    for x, y in zip(data.X, data.y):
        if not len(y):
            out.append((None, False))
            continue
        s = x @ w + b
        k = int(np.argmax(s))
        out.append((float(s[k]), bool(y[k] > 0)))
    return out


def threshold(tops, cost):
    """The threshold (answering the questions whose top score reaches it) that maximises
    right − cost × wrong: a wrong answer costs `cost` right ones (no answer beats a wrong answer)."""
    scored = sorted([(s, ok) for s, ok in tops if s is not None], reverse=True)
    best, best_gain = (scored[0][0] + 1 if scored else 0.0), 0.0
    gain = 0.0
    for k, (s, ok) in enumerate(scored):
        gain += 1 if ok else -cost
        # Only between distinct scores (ties are answered together).
        if gain > best_gain and (k + 1 == len(scored) or scored[k + 1][0] < s):
            best, best_gain = s, gain
    return best


def tally(cases, tops, tau):
    """n, answered, right per group; `tau` is one threshold, or one per case (held out)."""
    taus = tau if isinstance(tau, list) else [tau] * len(cases)
    t = collections.defaultdict(lambda: [0, 0, 0])  # n, answered, right
    for c, (s, ok), tau in zip(cases, tops, taus):
        answered = s is not None and s >= tau
        keys = ["all", "set " + c["set"], "folder " + factscore.source_folder(c), "kind " + c["kind"]]
        keys += ["tag " + x for x in c.get("tags", [])]
        if c["set"] in ("seed", "gov"):
            keys.append("set seed+gov")
        for k in keys:
            t[k][0] += 1
            t[k][1] += answered
            t[k][2] += answered and ok
    return t


def row(name, fitted, held):
    def fmt(v):
        n, a, r = v
        return f"{r / n if n else 0:.3f} (prec {r / a if a else 0:.3f})"
    return f"{name:<26} {fitted[0]:>4}  fitted {fmt(fitted)}   held-out {fmt(held)}"


def write_swift(names, w, b, tau, provenance):
    lines = ["// Generated by Tools/fit-fact-weights.py. Do not edit: run the script again.", "// " + provenance.replace("\n", "\n// "), "",
             "enum FactWeights {", "    /// Added to every candidate's score.", f"    static let bias = {b:.4f}",
             "    /// Candidates scoring below this are not answered (abstention).", f"    static let threshold = {tau:.4f}",
             "    /// Weight per feature name (FactFeature.name).", "    static let weights: [String: Double] = ["]
    for n, x in zip(names, w):
        lines.append(f'        "{n}": {x:.4f},')
    lines += ["    ]", "    /// What they were fitted on, and the figures of the fit.",
              '    static let provenance = "' + provenance.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " · ") + '"', "}", ""]
    with open(OUT, "w") as fh:
        fh.write("\n".join(lines))


def main():
    ap = argparse.ArgumentParser()
    eval_facts.add_set_arguments(ap)
    ap.add_argument("--cost", type=float, default=1.0, help="what a wrong answer costs, in right ones, when the threshold is chosen")
    ap.add_argument("--l2", type=float, default=0.01, help="L2 penalty on the weights")
    ap.add_argument("--dry-run", action="store_true", help="report, do not write FactWeights.swift")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    sets = eval_facts.sets_from(args)

    cases, groups, names = [], [], None
    for name, index, qs in sets:
        n, g = dump(args.zhiku, index, qs)
        names = n or names
        cases += qs
        groups += g
    dim = len(names)
    data = Data(cases, groups, dim)
    folders = sorted({factscore.source_folder(c) for c in cases})
    print(f"{len(cases)} questions, {sum(len(g) for g in groups)} candidates, {dim} features; "
          f"{sum(1 for y in data.y if len(y) and y.sum() > 0)} questions with a right candidate")

    # Fitted on everything.
    w, b = fit(data, dim, l2=args.l2)
    tops = firsts(data, w, b)
    tau = threshold(tops, args.cost)
    fitted = tally(cases, tops, tau)
    # Leave one source folder out.
    held_tops = [None] * len(cases)
    held_tau = [0.0] * len(cases)
    for f in folders:
        train = data.subset([factscore.source_folder(c) != f for c in cases])
        wf, bf = fit(train, dim, l2=args.l2)
        tf = threshold(firsts(train, wf, bf), args.cost)
        test_idx = [i for i, c in enumerate(cases) if factscore.source_folder(c) == f]
        test = data.subset([factscore.source_folder(c) == f for c in cases])
        for i, t in zip(test_idx, firsts(test, wf, bf)):
            held_tops[i] = t
            held_tau[i] = tf
    held = tally(cases, held_tops, list(held_tau))
    if args.verbose:
        for c, (s, ok), t, (fs, fok) in zip(cases, held_tops, held_tau, tops):
            if not (s is not None and s >= t and ok):
                print(f"  held-out miss {c['id']} [{factscore.source_folder(c)}] fitted {'right' if fok and fs >= tau else 'miss'}: {c['question'][:50]}")
    order = sorted(fitted, key=lambda k: (k != "all", k.split(" ")[0] != "set", k.split(" ")[0] != "folder", k))
    for k in order:
        print(row(k, fitted[k], held[k]))
    print("weights:")
    for n, x in sorted(zip(names, w), key=lambda p: -abs(p[1])):
        print(f"  {n:<20} {x:+.3f}")
    print(f"  {'(bias)':<20} {b:+.3f}\n  threshold {tau:.3f}")
    top1 = sum(ok for _, ok in tops) / len(tops)
    held_top1 = sum(ok for _, ok in held_tops) / len(held_tops)
    print(f"first candidate right without abstention: fitted {top1:.3f}, held-out {held_top1:.3f}")
    a = fitted["all"]
    h = held["all"]
    provenance = (f"Fitted on {len(cases)} questions ({', '.join(s for s, _, _ in sets)}): first answer right {a[2] / a[0]:.3f}, "
                  f"right/answered {a[2] / max(1, a[1]):.3f}; leave one source folder out {h[2] / h[0]:.3f}, right/answered "
                  f"{h[2] / max(1, h[1]):.3f}. l2 {args.l2}, wrong answer cost {args.cost}.")
    print(provenance)
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"fitted": fitted, "held_out": held, "weights": dict(zip(names, w.tolist())), "bias": b, "threshold": tau},
                      fh, ensure_ascii=False, indent=1)
    if not args.dry_run:
        write_swift(names, w, b, tau, provenance)
        print(f"wrote {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
