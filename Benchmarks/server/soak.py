#!/usr/bin/env python3
"""Soak: 50 clients for 10 minutes of mixed valid and malformed requests against `zhiku serve`.

    Benchmarks/server/soak.py [--clients 50] [--seconds 600]

Pass: no valid request gets an error reply or goes unanswered, every malformed one gets the
documented error (or close), and the server's RSS at the end is within 10% of its RSS after the
first minute. Prints one JSON summary line.
"""
import argparse, json, os, random, socket, threading, time
from common import *

QUERIES = ["研究团队", "营商环境", "科技", "高新区", "乡村振兴", "人工智能", "新能源汽车", "研发投入", "一带一路", "脱贫攻坚"]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.c = {}

    def add(self, key, n=1):
        with self.lock:
            self.c[key] = self.c.get(key, 0) + n


def resp(*args):
    out = f"*{len(args)}\r\n".encode()
    for a in args:
        b = a.encode() if isinstance(a, str) else a
        out += b"$%d\r\n%s\r\n" % (len(b), b)
    return out


def worker(port, until, stats, seed, docs):
    rnd = random.Random(seed)
    c = None
    while time.time() < until:
        try:
            if c is None:
                c = LineClient(port, timeout=30)
            k = rnd.random()
            q = rnd.choice(QUERIES)
            if k < 0.55:  # valid line SEARCH
                r = c.call(f"SEARCH limit={rnd.randint(1, 20)} offset={rnd.randint(0, 30)} -- {q}")
                stats.add("valid")
                if r is None or not r["ok"]:
                    stats.add("valid_failed"); log("valid failed:", r)
            elif k < 0.65:  # valid RESP SEARCH
                c.send(resp("SEARCH", "limit=5", "--", q))
                head = c.read_line()
                stats.add("valid")
                if head is None or not head.startswith(b"$"):
                    stats.add("valid_failed"); log("valid RESP failed:", head)
                else:
                    body = c.read_line()
                    if body is None or not json.loads(body)["ok"]:
                        stats.add("valid_failed")
            elif k < 0.72:  # valid DOC / STATS / PING
                r = c.call(rnd.choice([f"DOC len=2000 -- {rnd.choice(docs)}", "STATS", "PING", "HELLO"]))
                stats.add("valid")
                if r is None or not r["ok"]:
                    stats.add("valid_failed"); log("valid failed:", r)
            elif k < 0.80:  # invalid UTF-8: ERR_UTF8, connection kept
                c.send(b"SEARCH " + rnd.choice([b"\xc0\x80", b"\xed\xa0\x80", b"\xe4\xb8", b"\xff"]) + b"\n")
                r = json.loads(c.read_line())
                stats.add("malformed")
                stats.add("malformed_ok" if r.get("error", {}).get("code") == "ERR_UTF8" else "malformed_wrong")
            elif k < 0.88:  # grammar errors: kept
                line, code = rnd.choice([("SEARCH limit=0 -- x", "ERR_ARG"), ("FROB x", "ERR_UNKNOWN_COMMAND"),
                                         ("SEARCH bogus=1 x", "ERR_SYNTAX"), ("SEARCH", "ERR_SYNTAX"),
                                         ("SEARCH -- " + "研" * 300, "ERR_ARG"), ("DOC -- nope", "ERR_NOT_FOUND")])
                r = c.call(line)
                stats.add("malformed")
                stats.add("malformed_ok" if r and r.get("error", {}).get("code") == code else "malformed_wrong")
            elif k < 0.92:  # too long: reply then close
                c.send(b"SEARCH " + b"a" * 17000 + b"\n")
                r = c.read_line()
                stats.add("malformed")
                stats.add("malformed_ok" if r and b"ERR_LINE_TOO_LONG" in r else "malformed_wrong")
                c.close(); c = None
            elif k < 0.95:  # HTTP: closed without reply
                c.send(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                r = c.read_line()
                stats.add("malformed")
                stats.add("malformed_ok" if r is None else "malformed_wrong")
                c.close(); c = None
            elif k < 0.97:  # malformed RESP: ERR_PROTOCOL then close
                c.send(b"*2\r\n+PING\r\n")
                r = c.read_line()
                stats.add("malformed")
                stats.add("malformed_ok" if r and r.startswith(b"-ERR_PROTOCOL") else "malformed_wrong")
                c.close(); c = None
            else:  # a client that goes away mid-pipeline
                c.send(b"SEARCH limit=50 -- " + q.encode() + b"\n" * 1 + (f"DOC -- {rnd.choice(docs)}\n" * 20).encode())
                c.close(); c = None
                stats.add("abandoned")
        except (OSError, ValueError) as e:
            stats.add("client_exceptions")
            log("client exception:", repr(e))
            if c:
                c.close()
            c = None
    if c:
        c.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=int, default=600)
    a = ap.parse_args()
    prepare_index()
    docs = doc_ids()
    port = free_port()
    server = start_zhiku(port, logfile=os.path.join(WORK, "soak-serve.log"))
    stats = Stats()
    start = time.time()
    until = start + a.seconds
    threads = [threading.Thread(target=worker, args=(port, until, stats, i, docs), daemon=True) for i in range(a.clients)]
    for t in threads:
        t.start()
    rss = {}
    detail = {}
    mark = min(60, a.seconds // 2)
    while time.time() < until:
        time.sleep(1)
        el = int(time.time() - start)
        if "first_minute" not in rss and el >= mark:
            rss["first_minute"] = rss_kib(server.pid)
        if el % 60 == 0 and f"t{el}" not in rss:
            rss[f"t{el}"] = rss_kib(server.pid)
            detail[f"t{el}"] = {k: rss_kib(server.pid, k) for k in ("RssAnon", "RssFile", "Threads")}
            log(el, "s: RSS", rss[f"t{el}"], "KiB", detail[f"t{el}"], dict(stats.c))
    for t in threads:
        t.join(timeout=60)
    rss["end"] = rss_kib(server.pid)
    server_stats = LineClient(port).call("STATS")["data"]
    exit_status = stop(server)
    s = stats.c
    growth = (rss["end"] - rss["first_minute"]) / rss["first_minute"] if rss.get("first_minute") else None
    out = {"clients": a.clients, "seconds": a.seconds, "counts": s, "rss_kib": rss, "rss_growth_after_first_minute": growth,
           "rss_detail_kib": detail,
           "server": {k: server_stats.get(k) for k in ("commands_total", "errors_total", "p50_ms", "p99_ms")},
           "serve_exit": exit_status,
           "pass": s.get("valid_failed", 0) == 0 and s.get("malformed_wrong", 0) == 0 and growth is not None and growth <= 0.10
                   and exit_status == 0}
    print(json.dumps(out, ensure_ascii=False))
    with open(os.path.join(WORK, f"soak-{time.strftime('%Y%m%d-%H%M%S')}.json"), "w") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
