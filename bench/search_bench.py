"""Search benchmark: build an index over a synthetic corpus and time queries.

    .venv/bin/python bench/search_bench.py            # 1,000 and 10,000 articles
    .venv/bin/python bench/search_bench.py --big      # also 100,000
    .venv/bin/python bench/search_bench.py --sizes 2000 --runs 50

Articles are made from the seed articles' lines (sentences, list items, table rows,
headings) in their own language, with about a quarter of the words swapped for words
drawn from a Zipf-distributed invented vocabulary, so the term dictionary grows the
way a real corpus's does. Each gets a publication date (`published_date`): a day in
2024-2026, one in a hundred only a month, one in twenty none. Prints the time to read and segment, to build the index,
its size, the time to open it, and query latency p50/p95 (engine alone, and the full
`SearchIndex.search` with snippets and highlights) per kind of query, beside
`rg -i -c` (or `grep -ric` when rg is missing) over the same files as a reference.
This is a script that prints figures, not a test.
"""
from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.query import parse_query  # noqa: E402
from store.reader import make_document  # noqa: E402
from store.search import SearchIndex, build_index  # noqa: E402
from store.segment import segment  # noqa: E402

QUERIES = {
    "1-term": ["sanciones", "military", "cooperación", "Maduro", "iran"],
    "2-term": ["drones misiles", "military support", "acuerdo cooperación", "China support", "Venezuela sanciones"],
    "phrase": ['"asociación estratégica"', '"military support"', '"Estados Unidos"', '"air defense"'],
    "prefix": ["sanc*", "milit*", "coop*", "estrat*"],
    "prefix-1/2": ["s*", "mi*", "co*", "e*"],  # a short prefix asked for: every form
    "typing": ["s", "mi", "sanc", "drones mi"],  # search(partial=True): the word being typed
    "country": ["country:RU sanciones", "country:CN support", "country:IR drones", "country:VE lang:es cooperación"],
    "exclude": ["Kremlin -Bielorrusia", "support -China", "Rusia -China"],
    "alias": ["Russia", "Moscú"],  # country names expand when store.countries is there
    # Periods of publication dates, with words and alone (a month, a year, open at either end, a day).
    "date": ["date:2025-12 sanciones", "date:2025 military support", "date:..2025-06 Maduro",
             "date:2026-01-15.. cooperación", "date:2025-12..2026-01", "date:2025-12-05"],
    "fuzzy": ["sancions~1", "militray~1", "Madur~1", "cooperacin~2", "irn~1"],  # misspelt, within the edits
    "proximity": ['"military support"~3', '"sanciones presiones"~2', '"asociación cooperación"~3',
                  '"military assistance"~3'],
}
GREP_WORDS = ["sanciones", "military", "cooperación", "maduro", "iran"]
# Enough country names to exercise country: filters (the real pipeline uses store.countries).
COUNTRY_WORDS = {"RU": ("rusia", "russia", "moscú", "moscow", "kremlin"), "CN": ("china", "beijing"),
                 "IR": ("irán", "iran"), "VE": ("venezuela", "caracas"), "US": ("washington", "u.s.", "unidos"),
                 "BY": ("bielorrusia", "belarus"), "CU": ("cuba",), "BR": ("brasil", "brazil")}
_WORD = re.compile(r"\w+", re.UNICODE)


def seed_lines() -> dict[str, list[str]]:
    """Non-empty lines of the seed articles, by language."""
    lines: dict[str, list[str]] = {}
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        doc = make_document(path.name, path.read_bytes())
        body = doc["text"][doc["body"]:]
        lines.setdefault(doc["language"], []).extend(ln for ln in body.splitlines() if ln.strip())
    return lines


def vocabulary(rng: random.Random, size: int = 60_000) -> list[str]:
    """Invented words made of syllables, some accented, as a varied vocabulary."""
    syllables = ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ra", "se", "ti", "vo", "za", "tra",
                 "que", "bri", "dos", "mún", "cón", "pla", "ster", "gen", "ción", "ment", "ous", "ing"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)]


def make_corpus(n: int, folder: Path, seed: int = 7) -> None:
    """Write `n` synthetic articles into `folder`."""
    rng = random.Random(seed)
    lines = seed_lines()
    vocab = vocabulary(rng)
    weights = [1 / (rank + 1) for rank in range(len(vocab))]
    langs = sorted(lines)
    swap = rng.choices(vocab, weights=weights, k=200_000)  # Zipf draws, reused cyclically
    k = 0
    for i in range(n):
        pool = lines[langs[i % len(langs)]]
        out = []
        for line in rng.sample(pool, min(len(pool), rng.randint(15, 35))):
            def vary(m: re.Match) -> str:
                nonlocal k
                if rng.random() < 0.25:
                    k += 1
                    return swap[k % len(swap)]
                return m.group()
            out.append(_WORD.sub(vary, line))
        (folder / f"{i:06d}.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


def published_date(i: int, seed: int = 7) -> str | None:
    """The publication date of article `i`: a day in 2024-2026, or a month (1%), or none (5%)."""
    rng = random.Random(seed * 1_000_003 + i)
    roll = rng.random()
    if roll < 0.05:
        return None
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    return day.isoformat()[:7] if roll < 0.06 else day.isoformat()


def countries_in(text: str) -> list[str]:
    low = text.lower()
    return [code for code, names in COUNTRY_WORDS.items() if any(name in low for name in names)]


def read_corpus(folder: Path) -> tuple[list[dict], list[dict]]:
    docs, passages = [], []
    for i, path in enumerate(sorted(folder.glob("*.txt"))):
        doc = make_document(path.name, path.read_bytes())
        doc["published"] = published_date(i)
        docs.append(doc)
        for j, p in enumerate(segment(doc["text"], doc["body"])):
            d = p.as_dict()
            d.update(id=f"{doc['id']}:{j}", doc=doc["id"],
                     countries=countries_in(doc["text"][d["start"]:d["end"]]))
            passages.append(d)
    return docs, passages


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def time_queries(index: SearchIndex, runs: int) -> None:
    print(f"  {'query kind':<10} {'engine p50':>11} {'p95':>8} {'search() p50':>13} {'p95':>8}  hits")
    for kind, queries in QUERIES.items():
        engine, full, hits = [], [], 0
        for q in queries:
            partial = kind == "typing"
            index.search(q, partial=partial)  # warm caches (analyzers, alias lookups, OS pages)
            for _ in range(runs):
                t0 = time.perf_counter()
                plan = index._plan(parse_query(q, partial), None, partial)
                if plan.positive is not None:
                    index._ranked(plan, 20)
                t1 = time.perf_counter()
                index.search(q, limit=20, partial=partial)
                t2 = time.perf_counter()
                engine.append((t1 - t0) * 1000)
                full.append((t2 - t1) * 1000)
            hits += index.count(q)
        print(f"  {kind:<10} {statistics.median(engine):9.3f}ms {pct(engine, .95):6.3f}ms "
              f"{statistics.median(full):11.3f}ms {pct(full, .95):6.3f}ms  {hits // len(queries):,}/query")


def grep_reference(folder: Path, runs: int = 3) -> None:
    tool = shutil.which("rg")
    cmd = [tool, "-i", "-c"] if tool else ["grep", "-r", "-i", "-c"]
    if not tool:
        print("  rg is not installed here: using grep -ric as the reference")
    times = []
    for word in GREP_WORDS:
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd + [word, str(folder)], stdout=subprocess.DEVNULL, check=False)
            times.append((time.perf_counter() - t0) * 1000)
    print(f"  {' '.join(Path(cmd[0]).name.split()) + ' ' + ' '.join(cmd[1:])} WORD: "
          f"p50 {statistics.median(times):.1f}ms, p95 {pct(times, .95):.1f}ms (1-term, whole corpus, no ranking)")


def run(n: int, runs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="fuente-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        make_corpus(n, corpus)
        size = sum(p.stat().st_size for p in corpus.iterdir())
        t0 = time.perf_counter()
        docs, passages = read_corpus(corpus)
        t1 = time.perf_counter()
        build_index(work / "index", docs, passages)
        t2 = time.perf_counter()
        index_size = sum(p.stat().st_size for p in (work / "index").iterdir())
        t3 = time.perf_counter()
        index = SearchIndex(work / "index")
        t4 = time.perf_counter()
        indexed = index.manifest["passages"]
        print(f"\n== {n:,} articles: {size / 1e6:.1f} MB of text, {len(passages):,} passages ({indexed:,} indexed)")
        print(f"  read+segment {t1 - t0:.1f}s · build_index {t2 - t1:.1f}s "
              f"({indexed / (t2 - t1):,.0f} passages/s) · index {index_size / 1e6:.1f} MB "
              f"({index_size / size:.2f}× text) · open {(t4 - t3) * 1000:.1f}ms")
        del docs, passages
        time_queries(index, runs)
        grep_reference(corpus)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--big", action="store_true", help="also 100,000 articles")
    ap.add_argument("--sizes", type=int, nargs="*", help="corpus sizes (articles)")
    ap.add_argument("--runs", type=int, default=100, help="timed runs per query")
    args = ap.parse_args(argv)
    sizes = args.sizes or ([1_000, 10_000] + ([100_000] if args.big else []))
    for n in sizes:
        run(n, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
