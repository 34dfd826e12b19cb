"""Scale benchmark: index, update, open, paint and search stores of 1,000 to 100,000 articles.

    .venv/bin/python bench/scale_bench.py                   # 1,000 and 10,000 articles
    .venv/bin/python bench/scale_bench.py --sizes 100000    # takes about ten minutes: run it under nohup
    .venv/bin/python bench/scale_bench.py --keep /tmp/scale # keep corpora and stores for a later look
    .venv/bin/python bench/scale_bench.py --sizes 2000 --cluster local:2   # also a Dask build, beside the local one

Articles come from the search benchmark's generator (bench/search_bench.py). For each size
it prints: `fuente index` wall time and the peak memory of the build's process tree (sampled
sum of resident sets, an upper bound as forked workers share pages; and the largest single
process from getrusage), the store's size, an update after adding 10 files, changing one and
removing one, the time to open the store and list countries in a fresh process, first paint
of the TUI beside a minimal Textual app (bench/first_paint.py), the time to show a country's
first claims and mentions, query percentiles, and `grep -ric` over the same text (rg is not
installed here). With `--cluster ADDRESS|local[:N]` it also builds each corpus on that Dask
cluster and prints its time and peak memory beside the local build's, with the load average.
Peak memory of a build's process tree is a sampled sum of the resident sets of the build and
every descendant (/proc), which takes in the LocalCluster's scheduler thread, nannies and workers;
workers on other machines are not counted. A script that prints figures, not a test.
"""
from __future__ import annotations

import argparse
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

from first_paint import run as paint  # noqa: E402
from search_bench import make_corpus, pct  # noqa: E402

QUERIES = {"1-term": ["sanciones", "military", "cooperación", "Maduro", "iran"],
           "2-term": ["drones misiles", "military support", "acuerdo cooperación", "China support",
                      "Venezuela sanciones"],
           "typing": ["s", "mi", "sanc", "drones mi"]}

OPEN_PROBE = r"""
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from store import open_store
t1 = time.perf_counter()
s = open_store(sys.argv[1])
rows = s.countries()
t2 = time.perf_counter()
code = rows[1]["code"] if len(rows) > 1 else rows[0]["code"]
claims, mentions = s.claims_page(code, 0, 50), s.mentions_page(code, 0, 50)
texts = {{m["doc"]: s.text(m["doc"]) for m in mentions}}
events = s.events_page(code, 0, 50)
t3 = time.perf_counter()
counts = s.doc_counts()
t4 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, t4 - t3, code, len(claims), len(mentions), len(events), len(counts))
"""


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and its descendants (summed; shared pages count once per process)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except OSError:
            pass
    return total


def run_index(corpus: Path, out: Path, cluster: str | None = None) -> tuple[float, int, int]:
    """(seconds, peak tree RSS sampled, largest single-process max RSS) of `fuente index`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    extra = ["--cluster", cluster] if cluster else []
    proc = subprocess.Popen([sys.executable, "-m", "tui", "index", str(corpus), "--out", str(out), "--quiet", *extra],
                            cwd=ROOT)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.2)
    took = time.perf_counter() - t0
    if proc.returncode:
        raise SystemExit(f"fuente index failed ({proc.returncode})")
    single = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return took, peak, single if single > before * 1024 else 0


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def update_corpus(corpus: Path, n: int) -> None:
    """Add 10 articles, change one and remove one."""
    extra = corpus.parent / "extra"
    extra.mkdir(exist_ok=True)
    make_corpus(10, extra, seed=99)
    for i, f in enumerate(sorted(extra.iterdir())):
        shutil.move(str(f), corpus / f"new{i:03d}.txt")
    changed = corpus / f"{n // 2:06d}.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "Rusia apoya a Venezuela.\n", encoding="utf-8")
    (corpus / f"{n - 1:06d}.txt").unlink()


def query_times(store: Path, runs: int) -> None:
    from store import open_store

    s = open_store(store)
    for kind, queries in QUERIES.items():
        times = []
        for q in queries:
            s.search(q, partial=kind == "typing")
            for _ in range(runs):
                t0 = time.perf_counter()
                s.search(q, limit=20, partial=kind == "typing")
                times.append((time.perf_counter() - t0) * 1000)
        print(f"  search() {kind:<7} p50 {statistics.median(times):6.2f} ms  p95 {pct(times, .95):6.2f} ms")


def grep_reference(corpus: Path) -> None:
    times = []
    for word in ("sanciones", "military", "maduro"):
        t0 = time.perf_counter()
        subprocess.run(["grep", "-r", "-i", "-c", word, str(corpus)], stdout=subprocess.DEVNULL, check=False)
        times.append((time.perf_counter() - t0) * 1000)
    print(f"  reference: grep -ric WORD over the corpus p50 {statistics.median(times):.0f} ms (1 word, no ranking)")


def compare_cluster(n: int, work: Path, cluster: str, local: tuple[float, int, int]) -> None:
    """Build the same corpus on `cluster` and print its time and peak memory beside the local build's."""
    corpus, out = work / f"corpus{n}", work / f"store{n}-cluster"
    shutil.rmtree(out, ignore_errors=True)
    load = os.getloadavg()
    took, peak, single = run_index(corpus, out, cluster)
    print(f"  index --cluster {cluster}: {took:.1f} s ({n / took:,.0f} articles/s) · peak {peak / 1e6:,.0f} MB "
          f"(sum of RSS of the process tree) · largest process {single / 1e6:,.0f} MB · "
          f"{took / local[0]:.2f}x the local build's time, {peak / local[1]:.2f}x its memory · "
          f"load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    shutil.rmtree(out, ignore_errors=True)


def run(n: int, work: Path, runs: int, paint_runs: int, cluster: str | None = None,
        index_only: bool = False) -> None:
    corpus, out = work / f"corpus{n}", work / f"store{n}"
    if not corpus.exists():
        corpus.mkdir(parents=True)
        make_corpus(n, corpus)
    shutil.rmtree(out, ignore_errors=True)
    size = du(corpus)
    print(f"\n== {n:,} articles, {size / 1e6:.0f} MB of text, {os.cpu_count()} cores")
    load = os.getloadavg()
    took, peak, single = run_index(corpus, out)
    print(f"  index: {took:.1f} s ({n / took:,.0f} articles/s) · peak memory of the process tree "
          f"{peak / 1e6:,.0f} MB (sum of RSS) · largest process {single / 1e6:,.0f} MB · store {du(out) / 1e6:,.0f} MB · "
          f"load average before {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if cluster:
        compare_cluster(n, work, cluster, (took, peak, single))
    if index_only:
        return
    update_corpus(corpus, n)
    took_u, peak_u, _ = run_index(corpus, out)
    print(f"  update (+10 files, 1 changed, 1 removed): {took_u:.1f} s · peak {peak_u / 1e6:,.0f} MB")
    code = OPEN_PROBE.format(root=str(ROOT))
    rows = []
    for _ in range(5):
        res = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, check=True)
        rows.append(res.stdout.split())
    med = [statistics.median(float(r[i]) for r in rows) * 1000 for i in range(4)]
    print(f"  fresh process: import store {med[0]:.0f} ms · open + countries() {med[1]:.1f} ms · "
          f"country {rows[0][4]}: first 50 claims + 50 mentions (with texts) + 50 events {med[2]:.1f} ms · "
          f"doc_counts() {med[3]:.0f} ms")
    minimal, fuente = paint("minimal", "", paint_runs), paint("fuente", str(out), paint_runs)
    m, f = statistics.median(minimal), statistics.median(fuente)
    print(f"  first paint: minimal Textual app {m * 1000:.0f} ms · fuente {f * 1000:.0f} ms · ratio {f / m:.2f}x "
          f"(median of {paint_runs})")
    query_times(out, runs)
    grep_reference(corpus)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000])
    ap.add_argument("--runs", type=int, default=30, help="timed runs per query")
    ap.add_argument("--paint-runs", type=int, default=5)
    ap.add_argument("--keep", type=Path, help="folder for corpora and stores, kept afterwards")
    ap.add_argument("--cluster", metavar="ADDRESS", help="also build on this Dask cluster (local[:N] or tcp://HOST:PORT)")
    ap.add_argument("--index-only", action="store_true", help="only the index builds (no update, paint or search)")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="fuente-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        for n in args.sizes:
            run(n, work, args.runs, args.paint_runs, args.cluster, args.index_only)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
