#!/usr/bin/env python3
"""The baseline a user would otherwise write: Python's sqlite3 + FTS5 `unicode61` over text
rewritten as space-separated character bigrams.

    python3 Benchmarks/baseline_fts5.py --corpus DIR --db FILE --queries queries.txt [--warmup 2 --passes 3]
    python3 Benchmarks/baseline_fts5.py --db FILE --search QUERY      # one-shot: open, query, print

Indexing
  * files: .txt .md .html .htm under --corpus (the extensions zhiku reads), decoded as UTF-8
    (undecodable bytes replaced); HTML is indexed as is (the benchmark corpora have none).
  * passages: non-empty lines, cut at 。！？； into pieces of at most 300 characters
    (as in ../shared/bench/README.md). A sentence longer than 300 characters is cut hard.
  * rewriting: each run of CJK characters becomes its overlapping bigrams (a one-character run
    stays one token); runs of letters/digits stay words; everything else separates.
    `passage_fts(body)` is an ordinary (content-storing) FTS5 table over that rewritten text,
    `passage(id, doc, text)` keeps the original text for snippets. One transaction, then
    `optimize` (included in the indexing time).

Queries
  * whitespace separates terms, all must match (FTS5 implicit AND);
  * a term of two or more CJK characters is the phrase of its bigrams: 研究团队 → "研究 究团 团队";
  * a single character X is the prefix query "X"* : it finds X where a bigram starts with it or
    where X stands alone between separators, and misses X only as the last character of a CJK
    run (e.g. 和 in …和。). Without a unigram column there is no exact way; a prefix query is
    what unicode61 offers. No prefix index (prefix='1') is built: it would grow the index, and a
    plain user would not add it.
  * top 10 by bm25(), then a snippet of about 80 characters around the first occurrence of a query
    term in the original text, terms marked 【】 (done in Python: FTS5's snippet() would return
    bigram soup).

Query file: one query a line (kind told by shape: 1-char, 2-char, 3-4-char, two-word; these make
"all"), or `KIND<TAB>QUERY` for a query of a named kind kept out of "all".

Output: one JSON object on stdout (or --json FILE) with indexing MB/s, index ÷ text, peak RSS
after indexing, and per-kind latency p50/p95/p99 in ms.
"""
import argparse, json, os, re, resource, sqlite3, sys, time

EXTS = (".txt", ".md", ".html", ".htm")
CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002ffff"
RUN = re.compile(f"[{CJK}]+|[0-9A-Za-z\u00c0-\u024f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
CJK_RUN = re.compile(f"^[{CJK}]+$")
SENTENCE = re.compile(r"[^。！？；]*[。！？；]|[^。！？；]+")
MAX_PASSAGE = 300


def bigrams(text):
    out = []
    for m in RUN.finditer(text):
        run = m.group(0)
        if CJK_RUN.match(run) and len(run) > 1:
            out.extend(run[i:i + 2] for i in range(len(run) - 1))
        else:
            out.append(run)
    return " ".join(out)


def passages(text):
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        cur = ""
        for s in SENTENCE.findall(line):
            while len(s) > MAX_PASSAGE:
                if cur:
                    yield cur
                    cur = ""
                yield s[:MAX_PASSAGE]
                s = s[MAX_PASSAGE:]
            if len(cur) + len(s) > MAX_PASSAGE:
                yield cur
                cur = s
            else:
                cur += s
        if cur:
            yield cur


def corpus_files(root):
    for d, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and f.lower().endswith(EXTS):
                yield os.path.join(d, f)


def db_size(path):
    return sum(os.path.getsize(p) for p in (path, path + "-wal", path + "-journal") if os.path.exists(p))


def build(corpus, db_path):
    for p in (db_path, db_path + "-wal", db_path + "-shm", db_path + "-journal"):
        if os.path.exists(p):
            os.remove(p)
    t0 = time.perf_counter()
    c0 = time.process_time()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE passage(id INTEGER PRIMARY KEY, doc TEXT NOT NULL, text TEXT NOT NULL)")
    db.execute("CREATE VIRTUAL TABLE passage_fts USING fts5(body, tokenize='unicode61')")
    nbytes = nfiles = npass = 0
    rowid = 0
    with db:
        for path in corpus_files(corpus):
            with open(path, "rb") as fh:
                raw = fh.read()
            nbytes += len(raw)
            nfiles += 1
            text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
            doc = os.path.relpath(path, corpus)
            rows, fts = [], []
            for p in passages(text):
                rowid += 1
                rows.append((rowid, doc, p))
                fts.append((rowid, bigrams(p)))
            db.executemany("INSERT INTO passage(id, doc, text) VALUES (?, ?, ?)", rows)
            db.executemany("INSERT INTO passage_fts(rowid, body) VALUES (?, ?)", fts)
            npass += len(rows)
    t1 = time.perf_counter()
    db.execute("INSERT INTO passage_fts(passage_fts) VALUES ('optimize')")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    t2 = time.perf_counter()
    c2 = time.process_time()
    db.close()
    return dict(files=nfiles, passages=npass, text_bytes=nbytes, insert_seconds=t1 - t0,
                optimize_seconds=t2 - t1, index_seconds=t2 - t0, index_cpu_seconds=c2 - c0)


def match_expression(query):
    parts = []
    for term in query.split():
        toks = bigrams(term).split()
        if not toks:
            continue
        if len(toks) == 1 and CJK_RUN.match(toks[0]) and len(toks[0]) == 1:
            parts.append('"%s"*' % toks[0])
        else:
            parts.append('"%s"' % " ".join(t.replace('"', '""') for t in toks))
    return " ".join(parts)


def snippet(text, terms, length=80):
    hits = [(m.start(), m.end()) for t in terms if t for m in re.finditer(re.escape(t), text)]
    first = min((s for s, _ in hits), default=0)
    lo = max(0, first - length // 4)
    hi = min(len(text), lo + length)
    out, pos = [], lo
    for s, e in sorted(hits):
        if s < pos or e > hi:
            continue
        out.append(text[pos:s]); out.append("【" + text[s:e] + "】"); pos = e
    out.append(text[pos:hi])
    return ("…" if lo > 0 else "") + "".join(out) + ("…" if hi < len(text) else "")


class Searcher:
    def __init__(self, db_path):
        self.db = sqlite3.connect(db_path)

    def search(self, query, limit=10):
        expr = match_expression(query)
        if not expr:
            return []
        rows = self.db.execute(
            "SELECT f.rowid, bm25(passage_fts) AS s, p.doc, p.text FROM passage_fts f JOIN passage p ON p.id = f.rowid "
            "WHERE passage_fts MATCH ? ORDER BY s LIMIT ?", (expr, limit)).fetchall()
        terms = query.split()
        return [dict(doc=doc, passage=rid, score=-s, snippet=snippet(text, terms)) for rid, s, doc, text in rows]


def kind(q):
    if any(c.isspace() for c in q):
        return "two-word"
    n = len(q)
    return "1-char" if n == 1 else "2-char" if n == 2 else "3-4-char" if n <= 4 else "other"


def pct(xs, p):
    if not xs:
        return None
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, int(-(-p * len(xs) // 100)) - 1))  # nearest rank
    return xs[k]


def load_queries(path):
    """(kind, query, in_all) per non-empty line. A line `KIND<TAB>QUERY` names its kind and stays
    out of "all" (the benchmark's per-corpus top-bigram/top-char sets); any other line is a query
    of queries.txt, its kind told by shape."""
    out = []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if "\t" in line:
            k, q = line.split("\t", 1)
            if q.strip():
                out.append((k, q.strip(), False))
        elif line.strip():
            out.append((kind(line.strip()), line.strip(), True))
    return out


def time_queries(search, queries, warmup, passes, limit=10):
    """Runs every query `warmup` times untimed, then `passes` times timed; every timed run is one
    sample. `search(query, limit)` returns the hits (and, optionally, `(hits, total)`)."""
    for _ in range(warmup):
        for _, q, _ in queries:
            search(q, limit)
    samples = {}
    per_query = [[] for _ in queries]
    totals = [-1] * len(queries)
    empty = 0
    for p in range(passes):
        for i, (k, q, in_all) in enumerate(queries):
            t = time.perf_counter()
            hits = search(q, limit)
            dt = (time.perf_counter() - t) * 1000
            samples.setdefault(k, []).append(dt)
            if in_all:
                samples.setdefault("all", []).append(dt)
            per_query[i].append(dt)
            if p == 0:
                if isinstance(hits, tuple):
                    hits, totals[i] = hits
                if in_all and not hits:
                    empty += 1
    r = dict(queries=sum(1 for q in queries if q[2]), queries_without_hits=empty, warmup=warmup, passes=passes)
    r["latency_ms"] = {k: dict(n=len(v), p50=pct(v, 50), p95=pct(v, 95), p99=pct(v, 99), mean=sum(v) / len(v))
                       for k, v in samples.items()}
    med = sorted(((sorted(v)[len(v) // 2], i) for i, v in enumerate(per_query)), reverse=True)[:20]
    r["slowest"] = [dict(query=queries[i][1], kind=queries[i][0], median_ms=m, total=totals[i]) for m, i in med]
    r["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return r


def peer_main(doc, path_flag, engine, build, size, make_searcher, hits_of=lambda r: r):
    """The command line every peer script shares: index --corpus into the path given by
    `path_flag`, time --queries, or answer one --search; print one JSON object."""
    ap = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus")
    ap.add_argument(path_flag, dest="path", required=True)
    ap.add_argument("--queries")
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--json", help="write the result here instead of stdout")
    ap.add_argument("--search", help=f"one-shot: open {path_flag}, run this query, print the hits, exit")
    a = ap.parse_args()

    if a.search is not None:
        hits = hits_of(make_searcher(a.path).search(a.search, a.limit))
        for i, h in enumerate(hits, 1):
            print(f"{i}. {h['doc']} #{h['passage']} {h['score']:.3f}\n   {h['snippet']}")
        sys.exit(0 if hits else 1)

    result = dict(engine=engine)
    if a.corpus:
        b = build(a.corpus, a.path)
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        idx = size(a.path)
        result.update(b)
        result.update(index_bytes=idx, index_ratio=idx / b["text_bytes"],
                      mb_per_s=b["text_bytes"] / 1e6 / b["index_seconds"],
                      index_peak_rss_mb=peak_kb / 1024)  # MiB
    if a.queries:
        result.update(time_queries(make_searcher(a.path).search, load_queries(a.queries), a.warmup, a.passes, a.limit))
    out = json.dumps(result, ensure_ascii=False, indent=1)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            f.write(out + "\n")
    else:
        print(out)


def main():
    peer_main(__doc__, "--db", "python sqlite3 %s + FTS5 unicode61 over bigrams" % sqlite3.sqlite_version,
              build, db_size, Searcher)


if __name__ == "__main__":
    main()
