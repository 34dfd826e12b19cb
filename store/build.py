"""Building a store: the pipeline, top to bottom.

read files → segment into passages → find countries → find dates and events →
find claims → link events across documents and sum up stances → build the
search index → write the store atomically. Each stage is a pure function over
plain data in its own module; this one only runs them in order (the per-document
stages through store.stages, which the worker processes of store.parallel run too).

At scale (see store.parallel and store.shards): files stream through worker processes
in batches of a shard's size; each batch becomes a shard on disk and its passages go
to the search index at once, so memory holds one batch, the document rows and the
events (which link across the corpus) rather than the corpus. The focus country is
known only at the end: claims found for a provisional focus are recomputed per shard
when it turns out otherwise (phase 2). An update reuses the shards of unchanged files
(by content hash), rewrites shards that lost documents, reads only new or changed
files, updates the search index in place of a copy, and recomputes what spans the
corpus (focus, event clusters, stance counts, contested) from everything, so its result
equals a full build's.
"""
from __future__ import annotations

import json
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable, Iterable

from . import claims as claims_stage
from . import countries as countries_stage
from . import events as events_stage
from . import search as search_stage
from . import shards as shard_files
from .errors import CorruptStore, InputError
from .parallel import Workers, claims_for_shard, extract_file, worker_count
from .reader import DEFAULT_MAX_BYTES, Skipped, Source, discover, display_name, document_id, portable_path, \
    read_limited, summarize_skipped
from .storage import SCHEMA, Generation, read_rows

Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    """What a build did: counts, files passed over and where the time went."""

    store: str
    documents: int = 0
    passages: int = 0
    mentions: int = 0
    events: int = 0
    claims: int = 0
    countries: int = 0
    focus: str | None = None
    skipped: list[Skipped] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _timed(report: BuildReport, stage: str, started: float) -> float:
    now = time.perf_counter()
    report.seconds[stage] = report.seconds.get(stage, 0.0) + now - started
    return now


PIPELINE = 2  # of the extraction stages: a store from another pipeline version is rebuilt, never updated
EVENT_PAGE = 4096  # events per page file
FIRST_BATCH = 128  # files read before the focus is guessed, when neither --focus nor a previous store gives it


@dataclass
class _Previous:
    """The live generation of the store being updated: what a new build may reuse."""

    gen: Path
    focus: str | None
    shards: list[dict]
    documents: dict[str, dict]


def _previous(out: Path, base: str | None) -> _Previous | None:
    """Generation `base` of the store at `out` when this code can update it; None means a full build.

    `base` was live when this build's generation was created, and stays on disk until this
    build ends even if another build commits meanwhile (see storage.Generation).
    """
    if base is None:
        return None
    try:
        gen = out / base
        meta = read_rows(gen / "records.json", "meta")[0]
        if meta.get("schema") != SCHEMA or meta.get("pipeline") != PIPELINE:
            return None
        shards = read_rows(gen / "records.json", "shards")
        docs = {d["id"]: d for d in read_rows(gen / "documents.json", "documents")}
        if not all((gen / "shards" / s["name"]).is_dir() for s in shards) or not (gen / "search").is_dir():
            return None
        index = json.loads((gen / "search" / search_stage.MANIFEST).read_text(encoding="utf-8"))
        if index.get("version") != search_stage.VERSION:  # an index of another layout is rebuilt whole
            return None
    except (CorruptStore, OSError, KeyError, IndexError, TypeError, ValueError):
        return None
    return _Previous(gen, meta.get("focus"), shards, docs)


def _known_id(src: Source, previous: _Previous | None, max_bytes: int) -> str | None:
    """The id of `src` when the previous store holds this very file, else None (to be read anew)."""
    if previous is None:
        return None
    try:
        doc_id = document_id(src.rel, read_limited(src.path, max_bytes))
    except Exception:  # noqa: BLE001 - too large, not a file, unreadable: the worker reads it and says why
        return None  # the worker reads it again and reports why
    return doc_id if doc_id in previous.documents else None


def build_store(inputs: Iterable[str | Path], out: str | Path, *, follow_links: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES, focus: str | None = None,
                progress: Progress | None = None, workers: int | None = None, update: bool = True) -> BuildReport:
    """Index the text files under `inputs` into a store at `out` and make it live.

    When `out` already holds a store built by this pipeline (and `update`), only new and
    changed files are read; the shards of unchanged ones are reused, removed ones dropped,
    and the corpus-wide results (focus, claims when the focus moved, event clusters,
    contested countries, the country table) recomputed, so the result equals a full build.
    Extraction runs in `workers` processes (default: one per core, fewer for small inputs).

    Raises InputError for a missing input and StoreExists when `out` holds
    something else; the store at `out`, if any, stays as it was on any failure.
    """
    inputs = [Path(p) for p in inputs]
    out = Path(out)
    report = BuildReport(store=str(out))
    t = time.perf_counter()
    try:
        found = discover(inputs, follow_links=follow_links)
    except FileNotFoundError as exc:
        raise InputError(f"no such file or folder: {exc.args[0]}") from exc
    report.skipped.extend(found.skipped)
    t = _timed(report, "discover", t)

    generation = Generation(out)
    previous = _previous(out, generation.base) if update else None
    pool: Workers | None = None
    ok = False
    try:
        # -- what changed: files the previous store holds byte for byte are reused
        kept: set[str] = set()
        todo: list[Source] = []
        plan: list[str | None] = []  # per source: the id reused, or None when it is read anew
        for src in found.sources:
            known = _known_id(src, previous, max_bytes)
            if known is not None and known not in kept:
                kept.add(known)
                plan.append(known)
            else:
                todo.append(src)
                plan.append(None)
        t = _timed(report, "compare", t)
        shards: list[dict] = []
        (generation.path / "shards").mkdir()
        rows: dict[str, dict] = {}
        next_shard, next_dnum = 0, 0
        if previous:
            members: dict[str, list[str]] = defaultdict(list)
            for d in previous.documents.values():
                members[d["shard"]].append(d["id"])
            for s in previous.shards:
                src_dir, dst_dir = previous.gen / "shards" / s["name"], generation.path / "shards" / s["name"]
                keep = [d for d in members[s["name"]] if d in kept]
                if len(keep) == len(members[s["name"]]):
                    shard_files.link_shard(src_dir, dst_dir)
                    shards.append(s)
                elif keep:
                    shards.append(shard_files.filter_shard(src_dir, dst_dir, kept, s))
                next_shard = max(next_shard, shard_files.shard_number(s["name"]) + 1)
            rows = {d: dict(previous.documents[d]) for d in kept}
            next_dnum = max((d["dnum"] for d in previous.documents.values()), default=-1) + 1
        t = _timed(report, "reuse", t)

        pool = Workers(workers or worker_count(len(todo)))
        # The pool forks before the index writer starts its threads.
        builder = search_stage.IndexBuilder(generation.path / "search",
                                            base=previous.gen / "search" if previous else None,
                                            countries=countries_stage)
        if previous:
            for d in previous.documents.values():
                if d["id"] not in kept:
                    builder.delete(d["id"], d.get("language"), d.get("indexed", 0))

        # -- phase 1: extraction (and claims for a provisional focus), a shard per batch of files
        guess = focus or (previous.focus if previous else None)
        todo_ids: list[str | None] = []
        new_events: dict[str, list[dict]] = {}
        # Without a focus to start from, a small first batch names one early (its claims wait for phase 2).
        first = shard_files.SHARD_DOCS if guess else FIRST_BATCH
        batches = [todo[:first]] + [todo[i:i + shard_files.SHARD_DOCS]
                                    for i in range(first, len(todo), shard_files.SHARD_DOCS)] if todo else []

        def submit(batch: list[Source]) -> tuple:
            tasks = [(str(s.path), s.rel, max_bytes, str(out), guess) for s in batch]
            return pool.imap(extract_file, tasks), guess

        pending = submit(batches[0]) if batches else None
        done = 0
        for i in range(len(batches)):
            (results, batch_focus), pending = pending, None
            if i + 1 < len(batches) and guess is not None:
                pending = submit(batches[i + 1])  # the next batch extracts while this one is written
            name = shard_files.shard_name(next_shard)
            texts, passages, mentions, events, claims = [], [], [], [], []
            for r in results:
                done += 1
                if progress:
                    progress("reading", done, len(todo))
                if r[0] == "skipped" or r[1]["id"] in rows:
                    report.skipped.append(r[1] if r[0] == "skipped" else
                                          Skipped(r[1]["path"], "same name and content as another input", "duplicate"))
                    todo_ids.append(None)
                    continue
                _, doc, p, m, e, c = r
                todo_ids.append(doc["id"])
                row = {k: v for k, v in doc.items() if k != "text"}
                row.update(shard=name, dnum=next_dnum, indexed=builder.add(doc, p, next_dnum),
                           counts={"mentions": len(m), "events": len(e), "claims": len(c or ())})
                next_dnum += 1
                rows[doc["id"]] = row
                texts.append({"doc": doc["id"], "text": doc["text"], "language": doc["language"]})
                passages += p
                mentions += m
                events += e
                claims += c or ()
            next_shard += 1
            if texts:
                shard_files.write_shard(generation.path / "shards" / name, texts, passages, mentions, events,
                                        claims, batch_focus)
                shards.append(shard_files.summarize(name, [x["doc"] for x in texts], len(passages), mentions,
                                                    len(events), claims, batch_focus))
                new_events[name] = events
            if guess is None:  # the first shard's documents name the likely focus
                guess = claims_stage.focus_country(_sum(s["mentions"] for s in shards))
            if pending is None and i + 1 < len(batches):
                pending = submit(batches[i + 1])
        if progress:
            progress("reading", len(todo), len(todo))
        t = _timed(report, "extract", t)

        # -- phase 2: claims of shards found for another focus than the corpus's
        report.focus = focus or claims_stage.focus_country(_sum(s["mentions"] for s in shards))
        stale = [s for s in shards if s["focus"] != report.focus]
        tasks = [(str(generation.path / "shards" / s["name"]), report.focus) for s in stale]
        by_folder = {str(generation.path / "shards" / s["name"]): s for s in shards}
        for n, (folder, per_doc, part) in enumerate(pool.imap(claims_for_shard, tasks, chunksize=1), 1):
            by_folder[folder].update(part)
            for doc_id, count in per_doc.items():
                rows[doc_id]["counts"] = dict(rows[doc_id]["counts"], claims=count)
            if progress:
                progress("claims", n, len(tasks))
        pool.close()
        pool = None
        t = _timed(report, "claims", t)

        # -- corpus-wide results: order, event clusters, the country table
        order = _corpus_order(plan, todo_ids)
        rank = {d: i for i, d in enumerate(order)}
        all_events: list[dict] = []
        for s in shards:
            all_events += new_events.get(s["name"]) or shard_files.read(generation.path / "shards" / s["name"],
                                                                        "events.json")
        all_events.sort(key=lambda e: rank[e["doc"]])
        events_stage.link_events(all_events)
        all_events.sort(key=lambda e: (e.get("date") is None, e.get("date") or "", e["doc"], e["start"]))
        if progress:
            progress("linking events", 1, 1)
        t = _timed(report, "claims+links", t)

        pages = []
        for n, lo in enumerate(range(0, len(all_events), EVENT_PAGE)):
            page = all_events[lo:lo + EVENT_PAGE]
            pages.append({"name": f"p{n:04d}", "events": len(page),
                          "countries": dict(Counter(c for e in page for c in e.get("countries", [])))})
            generation.write_tables(f"events/{pages[-1]['name']}.json", {"events": page})
        countries = _country_rows(shards)
        if progress:
            progress("search index", 0, 1)
        builder.finish(documents=len(order), dnums=next_dnum, build=generation.name)
        if progress:
            progress("search index", 1, 1)
        t = _timed(report, "search index", t)

        for src, known in zip(found.sources, plan):  # a moved corpus keeps its files' paths right
            if known is not None:
                rows[known]["path"] = os.path.relpath(portable_path(os.path.abspath(src.path)), os.path.abspath(out))
        totals = {"documents": len(order), "passages": sum(s["passages"] for s in shards),
                  "mentions": sum(sum(s["mentions"].values()) for s in shards), "events": len(all_events),
                  "claims": sum(sum(s["claims"].values()) for s in shards), "countries": len(countries)}
        meta = {
            "schema": SCHEMA,
            "pipeline": PIPELINE,
            "build": generation.name,  # the search manifest carries it too (checked on open)
            "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "sources": [display_name(str(p)) for p in inputs],
            "focus": report.focus,
            "counts": totals,
            "languages": dict(sorted(Counter(rows[d]["language"] for d in order).items())),
            "updated": {"reused": len(kept), "read": len(todo),
                        "removed": len(previous.documents) - len(kept) if previous else 0},
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        }
        if not order:  # an empty store must not replace one that held something
            raise InputError(f"no text files could be read ({summarize_skipped(report.skipped)}); "
                             f"{'the store at ' + str(out) + ' was left as it was' if previous else 'no store written'}")
        generation.write_tables("documents.json", {"documents": [rows[d] for d in order]})
        generation.write_tables("records.json", {"meta": [meta], "countries": countries, "shards": shards,
                                                 "event_pages": pages})
        generation.commit()
        ok = True
        _timed(report, "write", t)
    finally:
        if pool is not None:
            pool.close(ok=False)
        if not ok:
            generation.abort()
    report.documents, report.passages, report.mentions = totals["documents"], totals["passages"], totals["mentions"]
    report.events, report.claims, report.countries = totals["events"], totals["claims"], totals["countries"]
    return report


def _corpus_order(plan: list[str | None], todo_ids: list[str | None]) -> list[str]:
    """Document ids in the order of discovery (the order of a full build)."""
    new = iter(todo_ids)
    ids = [known if known is not None else next(new, None) for known in plan]
    return [d for d in ids if d is not None]


def _sum(dicts: Iterable[dict[str, int]]) -> dict[str, int]:
    total: Counter = Counter()
    for d in dicts:
        total.update(d)
    return dict(total)


def _country_rows(shards: list[dict]) -> list[dict]:
    """One row per country or bloc mentioned, from the shards' summaries: names, counts, stances."""
    mention_count = _sum(s["mentions"] for s in shards)
    doc_count = _sum(s["doc_countries"] for s in shards)
    stance_counts: dict[str, Counter] = defaultdict(Counter)
    for s in shards:
        for code, n in s["stances"].items():
            stance_counts[code].update(n)
    # stance_summary reads one record per claim; the same small dict repeated stands for each.
    claims = [rec for code, n in stance_counts.items() for stance, k in n.items()
              for rec in [{"country": code, "stance": stance}] * k]
    return _rows(mention_count, doc_count, claims_stage.stance_summary(claims))

def _rows(mention_count: dict[str, int], doc_count: dict[str, int], summary: dict[str, dict]) -> list[dict]:
    rows = []
    for code in sorted(mention_count, key=lambda c: (-mention_count[c], c)):
        info = countries_stage.country_info(code) or {"code": code, "name_en": code, "name_es": code, "bloc": False}
        s = summary.get(code, {"stances": {"supports": 0, "opposes": 0, "neutral": 0}, "contested": False})
        rows.append({"code": code, "name_en": info["name_en"], "name_es": info["name_es"],
                     "bloc": bool(info.get("bloc")), "mentions": mention_count[code], "documents": doc_count[code],
                     "stances": s["stances"], "contested": s["contested"]})
    return rows
