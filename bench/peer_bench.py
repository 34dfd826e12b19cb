"""Peer benchmark: Fuente beside Recoll and ripgrep on the same synthetic corpus, in one run.

    .venv/bin/python bench/peer_bench.py                      # 1,000 and 10,000 articles
    .venv/bin/python bench/peer_bench.py --sizes 100000 --keep /tmp/peer   # ~10 minutes of building

Peers, each used when installed and skipped with one line when not (on Debian:
`apt-get install recollcmd python3-recoll ripgrep`):
- Recoll (Xapian): `recollindex` builds its index, `recollq -b` answers in a fresh process
  (URLs only, no abstracts), and its Python module (`recoll.recoll`, imported by the system
  Python it was packaged for) answers in-process, fetching the first 20 results without
  abstracts.
- ripgrep (`rg -l -i -w`, grep when rg is missing): no index, so fresh process only, and only
  for words and phrases; its file counts are the reference for "every word findable".

Fuente builds with `fuente index` (extraction of countries, events and claims included),
answers in-process through `Store.search` (snippets and highlights included) and in a fresh
process through `fuente search QUERY --json`. Every query is timed for every peer in turn,
round after round (A B C A B C ...), so a drift in the machine's load hits all of them alike;
the tables give medians and the ratio Fuente / peer, with the load average beside them.
The corpus comes from bench/search_bench.py. A script that prints figures, not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import make_corpus  # noqa: E402

QUERIES = {
    "1-term": ["sanciones", "iran"],
    "phrase": ['"air defense"'],
    "prefix": ["sanc*"],
    "2-term": ["military support", "acuerdo cooperación"],
    "exclusion": ["Rusia -China", "support -China"],
}
# Single words and phrases counted by every peer: (Fuente query, Recoll query, grep patterns).
# Fuente's quotes ask for the typed form only (case and accents aside), which is what grep
# -iw finds once it is given the accented spelling too.
COUNTS = [('"sanciones"', "sanciones", ["sanciones"]), ('"iran"', "iran", ["iran", "irán"]),
          ('"air defense"', '"air defense"', ["air defense"])]
RECOLL_PY = "/usr/bin/python3"
# Fresh processes run as a user's would: with Python's compiled bytecode cached (a session
# that sets PYTHONDONTWRITEBYTECODE would otherwise recompile every module of every run).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # the system Python, whose dist-packages hold python3-recoll

# The Recoll side of the in-process timing: a process of the system Python that keeps the
# database open and times each query it is sent (first 20 results, no abstracts).
RECOLL_SERVER = r"""
import json, sys, time
from recoll import recoll
db = recoll.connect(confdir=sys.argv[1])
for line in sys.stdin:
    q = json.loads(line)
    query = db.query()
    t0 = time.perf_counter()
    query.execute(q, stemming=1)
    docs = query.fetchmany(20)
    urls = [d.url for d in docs]
    took = time.perf_counter() - t0
    print(json.dumps([took, query.rowcount, len(urls)]), flush=True)
"""


def load() -> str:
    return "load %.2f" % os.getloadavg()[0]


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and its descendants (summed)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return total


def timed_build(cmd: list[str], env: dict | None = None) -> dict:
    """Wall time, CPU (user + sys of the process tree) and peak memory of one build command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started_load = load()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {err[-300:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak": peak, "load": f"{started_load} → {load()}"}


class Recoll:
    """Recoll's index of the corpus and the ways to ask it (None where it is not installed)."""

    def __init__(self, corpus: Path, work: Path) -> None:
        self.conf = work / "recoll-conf"
        self.conf.mkdir(parents=True, exist_ok=True)
        (self.conf / "recoll.conf").write_text(
            f"topdirs = {corpus}\ndbdir = {work / 'recoll-db'}\nnoaspell = 1\n"
            "indexstemminglanguages = spanish english\nloglevel = 1\n", encoding="utf-8")
        self.server: subprocess.Popen | None = None

    def build(self) -> dict:
        return timed_build(["recollindex", "-c", str(self.conf), "-z"])

    def start(self) -> bool:
        """Start the in-process helper; False when the Python module does not import."""
        if not Path(RECOLL_PY).exists():
            return False
        check = subprocess.run([RECOLL_PY, "-c", "from recoll import recoll"], capture_output=True)
        if check.returncode:
            return False
        self.server = subprocess.Popen([RECOLL_PY, "-c", RECOLL_SERVER, str(self.conf)], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True)
        return True

    def inproc(self, q: str) -> float:
        self.server.stdin.write(json.dumps(q) + "\n")
        self.server.stdin.flush()
        return json.loads(self.server.stdout.readline())[0]

    def fresh(self, q: str) -> float:
        t0 = time.perf_counter()
        subprocess.run(["recollq", "-c", str(self.conf), "-n", "20", "-b", q], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        return time.perf_counter() - t0

    def count(self, q: str) -> int:
        run = subprocess.run(["recollq", "-c", str(self.conf), "-E", "-Q", q], capture_output=True, text=True)
        for line in run.stdout.splitlines() + run.stderr.splitlines():
            if "results" in line:
                digits = "".join(ch if ch.isdigit() else " " for ch in line).split()
                if digits:
                    return int(digits[0])
        return -1

    def stop(self) -> None:
        if self.server is not None:
            self.server.stdin.close()
            self.server.wait()


def grep_cmd(patterns: list[str], corpus: Path) -> list[str]:
    if shutil.which("rg"):
        return ["rg", "-l", "-i", "-w", *(a for p in patterns for a in ("-e", p)), str(corpus)]
    return ["grep", "-r", "-l", "-i", "-w", *(a for p in patterns for a in ("-e", p)), str(corpus)]


def grep_count(patterns: list[str], corpus: Path) -> int:
    run = subprocess.run(grep_cmd(patterns, corpus), capture_output=True, text=True,
                         env=dict(os.environ, LC_ALL="C.UTF-8"))
    return len(run.stdout.splitlines())


def fuente_fresh(store: Path, q: str) -> float:
    script = Path(sys.executable).with_name("fuente")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "tui"]
    t0 = time.perf_counter()
    subprocess.run(cmd + ["search", q, "--store", str(store), "--json", "--limit", "20"], cwd=ROOT, env=ENV,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def med(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else float("nan")


def ratio(a: float, b: float | None) -> str:
    return f"{a / b:.2f}×" if b else "–"


def run(n: int, work: Path, runs: int, fresh_runs: int, reuse: bool = False) -> None:
    corpus = work / f"corpus{n}"
    if not corpus.exists():
        corpus.mkdir(parents=True)
        make_corpus(n, corpus)
    size = sum(p.stat().st_size for p in corpus.iterdir())
    print(f"\n## {n:,} articles ({size / 1e6:.0f} MB of text), {os.cpu_count()} cores, {load()}\n")
    recoll = Recoll(corpus, work / f"recoll{n}") if shutil.which("recollindex") and shutil.which("recollq") else None
    if recoll is None:
        print("recoll: not installed (apt-get install recollcmd python3-recoll): skipped")
    if not shutil.which("rg"):
        print("ripgrep: not installed (apt-get install ripgrep): grep stands in for it")

    # -- builds, one after the other
    store = work / f"store{n}"
    if reuse and store.exists() and (recoll is None or (work / f"recoll{n}" / "recoll-db").exists()):
        print("builds: reusing the store and the Recoll index of an earlier run (--reuse)")
    else:
        build(store, corpus, recoll, work / f"recoll{n}")
    counts_and_queries(n, work, corpus, store, recoll, runs, fresh_runs)


def build(store: Path, corpus: Path, recoll: Recoll | None, recoll_dir: Path) -> None:
    shutil.rmtree(store, ignore_errors=True)
    fb = timed_build([sys.executable, "-m", "tui", "index", str(corpus), "--out", str(store), "--quiet"])
    rb = None
    if recoll is not None:
        shutil.rmtree(recoll_dir / "recoll-db", ignore_errors=True)
        rb = recoll.build()
    print("| build | Fuente | Recoll | ratio |\n|---|---:|---:|---:|")
    print(f"| wall | {fb['wall']:.1f} s ({fb['load']}) | "
          + (f"{rb['wall']:.1f} s ({rb['load']}) | {ratio(fb['wall'], rb['wall'])} |" if rb else "– | – |"))
    print(f"| CPU user+sys | {fb['cpu']:.1f} s | " + (f"{rb['cpu']:.1f} s | {ratio(fb['cpu'], rb['cpu'])} |"
                                                       if rb else "– | – |"))
    print(f"| peak memory (sum of RSS over the process tree) | {fb['peak'] / 1e6:,.0f} MB | "
          + (f"{rb['peak'] / 1e6:,.0f} MB | {ratio(fb['peak'], rb['peak'])} |" if rb else "– | – |"))


def counts_and_queries(n: int, work: Path, corpus: Path, store: Path, recoll: Recoll | None, runs: int,
                       fresh_runs: int) -> None:
    # -- counts: every word findable
    from store import open_store

    s = open_store(store)
    print("\n| documents containing | Fuente | grep -ilw (" + ("rg" if shutil.which("rg") else "grep") + ") |"
          + (" Recoll |" if recoll else "") + "\n|---|---:|---:|" + ("---:|" if recoll else ""))
    for fq, rq, patterns in COUNTS:
        line = f"| `{fq}` (grep: {' or '.join(patterns)}) | {s.index.count(fq, documents=True):,} | " \
               f"{grep_count(patterns, corpus):,} |"
        print(line + (f" {recoll.count(rq):,} |" if recoll else ""))

    # -- queries, alternated
    inproc = recoll is not None and recoll.start()
    if recoll is not None and not inproc:
        print(f"\nrecoll's Python module does not import under {RECOLL_PY}: its in-process column is skipped")
    queries = [q for qs in QUERIES.values() for q in qs]
    times: dict[tuple[str, str], list[float]] = {}
    for q in queries:  # warm every cache once
        s.search(q)
        if inproc:
            recoll.inproc(q)
    started = load()
    for _ in range(runs):
        for q in queries:
            t0 = time.perf_counter()
            s.search(q, limit=20)
            times.setdefault(("fuente", q), []).append(time.perf_counter() - t0)
            if inproc:
                times.setdefault(("recoll", q), []).append(recoll.inproc(q))
    print(f"\nIn-process, median of {runs} alternated runs ({started} → {load()}): Fuente `Store.search(q, "
          "limit=20)` with snippets and highlights; Recoll's Python module, first 20 results, no abstracts.\n")
    print("| kind | query | Fuente | Recoll | ratio |\n|---|---|---:|---:|---:|")
    for kind, qs in QUERIES.items():
        for q in qs:
            f, r = med(times[("fuente", q)]), med(times.get(("recoll", q), []))
            print(f"| {kind} | `{q}` | {f:.2f} ms | " + (f"{r:.2f} ms | {ratio(f, r)} |" if inproc else "– | – |"))

    fresh: dict[tuple[str, str], list[float]] = {}
    fresh_q = ["sanciones", '"air defense"', "military support", "Rusia -China"]
    for q in fresh_q:  # one run each first: bytecode compiled, files in the page cache
        fuente_fresh(store, q)
        if recoll is not None:
            recoll.fresh(q)
    started = load()
    for _ in range(fresh_runs):
        for q in fresh_q:
            fresh.setdefault(("fuente", q), []).append(fuente_fresh(store, q))
            if recoll is not None:
                fresh.setdefault(("recoll", q), []).append(recoll.fresh(q))
            if " " not in q or q.startswith('"'):
                t0 = time.perf_counter()
                subprocess.run(grep_cmd([q.strip('"')], corpus), stdout=subprocess.DEVNULL, check=False)
                fresh.setdefault(("grep", q), []).append(time.perf_counter() - t0)
    print(f"\nFresh process, median of {fresh_runs} alternated runs ({started} → {load()}): `fuente search Q "
          "--json --limit 20`, `recollq -b -n 20 Q`, `rg -l -i -w` (words and phrases only).\n")
    print("| query | Fuente | Recoll | ratio | rg | ratio |\n|---|---:|---:|---:|---:|---:|")
    for q in fresh_q:
        f = med(fresh[("fuente", q)])
        r = med(fresh.get(("recoll", q), []))
        g = med(fresh.get(("grep", q), []))
        print(f"| `{q}` | {f:.1f} ms | " + (f"{r:.1f} ms | {ratio(f, r)}" if recoll else "– | –")
              + (f" | {g:.1f} ms | {ratio(f, g)} |" if ("grep", q) in fresh else " | – | – |"))
    if recoll is not None:
        recoll.stop()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000])
    ap.add_argument("--runs", type=int, default=30, help="in-process runs per query")
    ap.add_argument("--fresh-runs", type=int, default=11, help="fresh-process runs per query")
    ap.add_argument("--keep", type=Path, help="folder for corpora, stores and Recoll indexes, kept afterwards")
    ap.add_argument("--reuse", action="store_true", help="with --keep: time queries on the stores already built")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="fuente-peer-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            run(n, work, args.runs, args.fresh_runs, args.reuse)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
