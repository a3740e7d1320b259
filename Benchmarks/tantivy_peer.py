#!/usr/bin/env python3
"""The Tantivy peer of issue 6: what a user would build with PyPI `tantivy` (tantivy-py) and its
ngram(2,2) tokenizer, over the same passages as the FTS5 baseline, queried and timed the same way.

    python Benchmarks/tantivy_peer.py --corpus DIR --index DIR --queries FILE [--warmup 2 --passes 3] [--json OUT]
    python Benchmarks/tantivy_peer.py --index DIR --search QUERY      # one-shot: open, query, print

Needs `pip install tantivy` (0.27); zhiku-bench installs it into Benchmarks/work/venv itself.

Indexing
  * files and passages exactly as baseline_fts5.py (imported from it): .txt .md .html .htm under
    --corpus, non-empty lines cut at 。！？； into pieces of at most 300 characters.
  * schema: `body` (text, stored, tokenizer `TextAnalyzerBuilder(Tokenizer.ngram(2, 2, False))`
    + lowercase, positions and frequencies), `doc` (raw, stored), `passage` (integer, stored).
    One writer (heap 256 MB, Tantivy's own thread count: both cores), one commit, then the
    merging threads are waited for (included in the indexing time).

Queries
  * whitespace separates terms, all must match (boolean MUST);
  * a term of two characters is a term query for its bigram;
  * a longer term is a phrase query over its bigrams. Tantivy's NgramTokenizer gives every gram
    position 0, so the bigrams are given offset 0 (a phrase with offsets 1, 2, … never matches):
    the query finds passages holding all of the term's bigrams, scored by BM25 like a phrase
    (a superset of the passages holding the term itself; the difference is rare at 3-4 characters);
  * a single character X is the regex query `X.` (every bigram starting with X; the ngram
    tokenizer runs over punctuation too, so X is missed only as a passage's last character).
    Tantivy scores automaton queries with a constant, so these hits are in index order.
  * top 10 by score, `count=True` (the number of matches, as zhiku's `total`), then each hit's
    stored fields fetched and a snippet of about 80 characters cut as the baseline does.

Output: one JSON object, the same keys as baseline_fts5.py.
"""
import argparse, json, os, re, resource, shutil, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import baseline_fts5 as B  # noqa: E402

try:
    import tantivy
except ImportError:
    sys.exit("tantivy_peer.py: no module tantivy (pip install tantivy)")

TOKENIZER = "ngram2"


def analyzer():
    return tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.ngram(2, 2, False)).filter(tantivy.Filter.lowercase()).build()


def schema():
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("body", stored=True, tokenizer_name=TOKENIZER, index_option="position")
    sb.add_text_field("doc", stored=True, tokenizer_name="raw")
    sb.add_integer_field("passage", stored=True)
    return sb.build()


def open_index(path, create=False):
    s = schema()
    ix = tantivy.Index(s, path=path, reuse=not create)
    ix.register_tokenizer(TOKENIZER, analyzer())
    return ix, s


def dir_size(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def build(corpus, path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    t0 = time.perf_counter()
    c0 = time.process_time()
    ix, _ = open_index(path, create=True)
    w = ix.writer(heap_size=256_000_000)
    nbytes = nfiles = npass = 0
    rowid = 0
    for fpath in B.corpus_files(corpus):
        with open(fpath, "rb") as fh:
            raw = fh.read()
        nbytes += len(raw)
        nfiles += 1
        text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
        doc = os.path.relpath(fpath, corpus)
        for p in B.passages(text):
            rowid += 1
            w.add_document(tantivy.Document(body=p, doc=doc, passage=rowid))
            npass += 1
    t1 = time.perf_counter()
    w.commit()
    w.wait_merging_threads()
    t2 = time.perf_counter()
    c2 = time.process_time()
    return dict(files=nfiles, passages=npass, text_bytes=nbytes, insert_seconds=t1 - t0,
                optimize_seconds=t2 - t1, index_seconds=t2 - t0, index_cpu_seconds=c2 - c0)


class Searcher:
    def __init__(self, path):
        self.index, self.schema = open_index(path)
        self.index.reload()
        self.searcher = self.index.searcher()

    def query(self, q):
        parts = []
        for term in q.split():
            t = term.lower()
            if len(t) == 1:
                parts.append(tantivy.Query.regex_query(self.schema, "body", re.escape(t) + "."))
            elif len(t) == 2:
                parts.append(tantivy.Query.term_query(self.schema, "body", t))
            else:
                grams = [(0, t[i:i + 2]) for i in range(len(t) - 1)]
                parts.append(tantivy.Query.phrase_query(self.schema, "body", grams))
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, p) for p in parts])

    def search(self, q, limit=10):
        query = self.query(q)
        if query is None:
            return [], 0
        r = self.searcher.search(query, limit, count=True)
        terms = q.split()
        hits = []
        for score, addr in r.hits:
            d = self.searcher.doc(addr)
            text = d.get_first("body")
            hits.append(dict(doc=d.get_first("doc"), passage=d.get_first("passage"), score=score,
                             snippet=B.snippet(text, terms)))
        return hits, r.count


def main():
    B.peer_main(__doc__, "--index", "tantivy-py %s, ngram(2,2)" % getattr(tantivy, "__version__", "?"),
                build, dir_size, Searcher, hits_of=lambda r: r[0])


if __name__ == "__main__":
    main()
