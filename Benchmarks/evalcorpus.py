"""The evaluation corpus: the sample report as seed-report.txt plus ../shared/corpora/gov-reports,
linked into one folder and indexed, as the labelled QA sets in ../shared/eval-dev expect."""
import argparse, json, os, subprocess, tempfile


def setup():
    """The evaluation scripts' shared command line: parses --zhiku, --shared, --work and -v, builds
    the corpus and its index, and returns (args, index folder, questions)."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--zhiku", default=".build/debug/zhiku")
    ap.add_argument("--shared", default="../shared")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "zhiku-eval"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    return args, build(args.zhiku, args.shared, args.work), questions(args.shared)


def build(zhiku, shared, work):
    """Links the corpus under `work`, indexes it with `zhiku`, returns the index folder."""
    shared = os.path.abspath(shared)
    corpus = os.path.join(work, "corpus")
    index = os.path.join(work, "index")
    os.makedirs(corpus, exist_ok=True)
    seed_dir = os.path.join(shared, "seeds")
    links = {"seed-report.txt": os.path.join(seed_dir, sorted(os.listdir(seed_dir))[0])}
    gov = os.path.join(shared, "corpora", "gov-reports")
    for name in os.listdir(gov):
        if os.path.isdir(os.path.join(gov, name)):
            links[name] = os.path.join(gov, name)
    for name, target in links.items():
        path = os.path.join(corpus, name)
        if not os.path.lexists(path):
            os.symlink(target, path)
    # The folders are symbolic links: zhiku follows them only when asked (binaries from before
    # --follow existed followed them always).
    follow = ["--follow"] if "--follow" in subprocess.run([zhiku, "index", "--help"], capture_output=True, text=True).stdout else []
    subprocess.run([zhiku, "index", corpus, "--index", index, "--quiet"] + follow, check=True)
    return index


def questions(shared):
    """The questions of qa-seed-dev.jsonl and qa-gov-dev.jsonl."""
    cases = []
    for f in ("qa-seed-dev.jsonl", "qa-gov-dev.jsonl"):
        with open(os.path.join(os.path.abspath(shared), "eval-dev", f), encoding="utf-8") as fh:
            cases += [json.loads(line) for line in fh if line.strip()]
    return cases
