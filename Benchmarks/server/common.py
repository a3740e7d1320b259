"""Shared helpers of the server benchmarks: paths, corpus and index set-up, starting servers."""
import json, os, shutil, signal, socket, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
WORK = os.path.join(REPO, "Benchmarks", "work", "server")
BIN = os.environ.get("ZHIKU_BIN", os.path.join(WORK, "bin", "zhiku"))
CORPUS = os.path.join(WORK, "corpus")
INDEX = os.path.join(WORK, "index")
SAMPLE = os.path.join(REPO, "corpus", "ganzhou-hitech-zone-innovation-platforms-2021.txt")
GOV = os.environ.get("ZHIKU_GOV_REPORTS", os.path.abspath(os.path.join(REPO, "..", "shared", "corpora", "gov-reports")))


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def prepare_index():
    """Copies the sample report and the gov-reports .txt files into one folder and indexes it once."""
    if not os.path.exists(BIN):
        sys.exit(f"no {BIN}: run Benchmarks/server/build.sh first")
    if not os.path.isdir(CORPUS):
        os.makedirs(CORPUS)
        shutil.copy(SAMPLE, CORPUS)
        for dirpath, _, files in os.walk(GOV):
            for f in files:
                if f.endswith(".txt"):
                    rel = os.path.relpath(os.path.join(dirpath, f), GOV)
                    dst = os.path.join(CORPUS, "gov-reports", rel)
                    os.makedirs(os.path.dirname(dst), exist_ok=True)
                    shutil.copy(os.path.join(dirpath, f), dst)
    # Incremental: nothing to do when the index is current; an index of an older schema is rebuilt.
    log("indexing", CORPUS)
    if subprocess.run([BIN, "index", CORPUS, "--index", INDEX, "--quiet"], stdout=subprocess.DEVNULL).returncode != 0:
        subprocess.run([BIN, "index", CORPUS, "--index", INDEX, "--quiet", "--rebuild"], check=True, stdout=subprocess.DEVNULL)


def doc_ids():
    ids = []
    for dirpath, _, files in os.walk(CORPUS):
        for f in files:
            ids.append(os.path.relpath(os.path.join(dirpath, f), CORPUS))
    return sorted(ids)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


def start_zhiku(port, extra=(), logfile=None):
    out = open(logfile, "w") if logfile else subprocess.DEVNULL
    p = subprocess.Popen([BIN, "serve", "--index", INDEX, "--listen", f"127.0.0.1:{port}", "--max-clients", "512", *extra],
                         stdout=out, stderr=out)
    wait_port(port)
    return p


def stop(p, timeout=20):
    """SIGTERM, then wait: the server must exit 0 on its own."""
    p.send_signal(signal.SIGTERM)
    try:
        return p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        return "killed"


def rss_kib(pid, field="VmRSS"):
    """VmRSS (or RssAnon, RssFile, Threads…) of a process from /proc/PID/status, in KiB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


class LineClient:
    """A line-protocol client with a timeout on every call."""

    def __init__(self, port, timeout=10):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""

    def send(self, data: bytes):
        self.sock.sendall(data)

    def read_line(self):
        while b"\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                return None
            self.buf += chunk
        line, _, self.buf = self.buf.partition(b"\n")
        return line

    def call(self, line: str):
        self.send(line.encode() + b"\n")
        raw = self.read_line()
        return None if raw is None else json.loads(raw)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
