"""What each extraction stage costs a whole build: the same corpus built with stages left out.

    .venv/bin/python bench/stage_bench.py                      # 10,000 articles: full, -claims, -claims -events
    .venv/bin/python bench/stage_bench.py --size 1000 --corpus /tmp/c1k   # reuse (or keep) a corpus

Each build runs in-process through store.build.build_store with its worker processes (forked,
so a stage replaced here is replaced in them too): the claims stage left out returns no
relations, the events stage no events. It prints the wall time, the build's own CPU (the
builder and the index writer's threads) and its workers' CPU. What remains with both left
out is the floor under any speed-up of those two stages: reading, segmenting, mentions, the
search index and the shards. A script that prints figures, not a test.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search_bench import make_corpus  # noqa: E402

VARIANTS = {"full": (), "without claims": ("claims",), "without claims and events": ("claims", "events")}


def build(corpus: Path, out: Path, leave_out: tuple[str, ...]) -> None:
    import store.stages as stages
    from store.build import build_store
    from store.claims import Reading

    if "claims" in leave_out:
        stages.claims_stage.find_relations = lambda doc, *a, **k: Reading([], {}, None, None)
    if "events" in leave_out:
        stages.events_stage.find_events = lambda *a, **k: []
    build_store([corpus], out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=10_000)
    ap.add_argument("--corpus", type=Path, help="the corpus folder (made there when missing)")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="fuente-stages-"))
    corpus = args.corpus or work / "corpus"
    if not corpus.exists() or not any(corpus.iterdir()):
        corpus.mkdir(parents=True, exist_ok=True)
        make_corpus(args.size, corpus)
    n = sum(1 for _ in corpus.glob("*.txt"))
    print(f"== {n:,} articles, {os.cpu_count()} cores, load average before {os.getloadavg()[0]:.2f}")
    for name, leave_out in VARIANTS.items():
        pid = os.fork()  # each variant in a process of its own: a stage left out stays out of that one only
        if pid == 0:
            t = time.perf_counter()
            build(corpus, work / "store", leave_out)
            wall = time.perf_counter() - t
            me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
            print(f"  {name:<28} {wall:7.1f} s wall · builder {me.ru_utime + me.ru_stime:6.1f} CPU-s · "
                  f"workers {kids.ru_utime + kids.ru_stime:6.1f} CPU-s", flush=True)
            os._exit(0)
        os.waitpid(pid, 0)
        shutil.rmtree(work / "store", ignore_errors=True)
    shutil.rmtree(work, ignore_errors=True)  # a --corpus given stays where it is


if __name__ == "__main__":
    main()
