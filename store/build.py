"""Building a store: the pipeline, top to bottom.

read files → segment into passages → find countries → find dates and events →
read relations (who backs or opposes whom) → link events across documents and sum
up stances toward the focus → build the search index → write the store atomically. Each stage is a pure function over
plain data in its own module; this one only runs them in order (the per-document
stages through store.stages, which the worker processes of store.parallel run too).

At scale (see store.parallel and store.shards): files stream through worker processes
in batches of a shard's size; each batch becomes a shard on disk and its passages go
to the search index at once, so memory holds one batch, the document rows and the
events (which link across the corpus) rather than the corpus. The focus country is
known only at the end: relations read for a provisional focus (what a document says
with no target named is about the focus) are reread per shard when it turns out
otherwise (phase 2). An update reuses the shards of unchanged files
(by content hash), rewrites shards that lost documents, reads only new or changed
files, updates the search index in place of a copy, and recomputes what spans the
corpus (focus, event clusters, stance counts, contested) from everything, so its result
equals a full build's.

An update trusts nothing it reuses: the previous generation's shard files, documents
table and search index must match the sizes and SHA-256 digests its build recorded
(hashes.json), its names must be names of shards; anything else, and the update becomes
a full build that says why (`BuildReport.note`). A build stopped by a signal, a full
disk or any error removes its partial generation and leaves the store as it was.
"""
from __future__ import annotations

import errno
import itertools
import json
import os
import re
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
from .errors import CorruptStore, InputError, NoSpace
from .interrupts import Interruptible
from .parallel import Workers, extract_file, relations_for_shard, relations_from_found, worker_count
from .reader import DEFAULT_MAX_BYTES, Skipped, Source, discover, display_name, document_id, portable_path, \
    read_limited, summarize_skipped
from .storage import HASHES, SCHEMA, Generation, digests, mismatches, page_name, read_hashes, read_rows

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
    relations: int = 0
    countries: int = 0
    focus: str | None = None
    skipped: list[Skipped] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    note: str | None = None  # why an update became a full build, when it did


def _timed(report: BuildReport, stage: str, started: float) -> float:
    now = time.perf_counter()
    report.seconds[stage] = report.seconds.get(stage, 0.0) + now - started
    return now


PIPELINE = 12  # of the extraction stages: a store from another pipeline version is rebuilt, never updated
EVENT_PAGE = 4096  # events per page file
FIRST_BATCH = 128  # files read before the focus is guessed, when neither --focus nor a previous store gives it


@dataclass
class _Previous:
    """The live generation of the store being updated: what a new build may reuse."""

    gen: Path
    focus: str | None
    shards: list[dict]
    documents: dict[str, dict]
    hashes: dict[str, dict]  # relative path -> {"bytes", "sha256"}, as its build recorded them


def _previous(out: Path, base: str | None) -> tuple[_Previous | None, str | None]:
    """Generation `base` of the store at `out` when this code can update it, else None and why.

    `base` was live when this build's generation was created, and stays on disk until this
    build ends even if another build commits meanwhile (see storage.Generation). What an
    update reuses is checked first: names, and the digest of every shard file, of the
    documents table and of the search index. A store of another pipeline version is
    rebuilt without a word (that is expected); a damaged one is rebuilt with the reason.
    """
    if base is None:
        return None, None
    gen = out / base
    try:
        meta = read_rows(gen / "records.json", "meta")[0]
        if meta.get("schema") != SCHEMA or meta.get("pipeline") != PIPELINE:
            return None, None
        shards = read_rows(gen / "records.json", "shards")
        names = [s.get("name") if isinstance(s, dict) else None for s in shards]
        if not all(isinstance(n, str) and shard_files.NAME.fullmatch(n) for n in names) or \
                len(set(names)) != len(names):
            return None, "its shard table names folders that are not shards"
        try:
            recorded = read_hashes(gen)
        except CorruptStore as exc:
            return None, f"it records no digests of its files ({exc}; built by an older Fuente?)"
        wanted = ["documents.json"] + [p for n in names for p in shard_files.file_paths(n)]
        unrecorded = [w for w in wanted if w not in recorded]
        if unrecorded:
            return None, f"{unrecorded[0]} has no recorded digest"
        search = {k: v for k, v in recorded.items() if k.startswith("search/")}
        present = {f"search/{f.name}" for f in (gen / "search").iterdir() if f.is_file() and
                   not f.name.endswith(".lock")}
        if not search or present != set(search):
            return None, "its search index does not hold the files its build wrote"
        bad = mismatches(gen, {w: recorded[w] for w in wanted} | search)
        if bad:
            return None, bad[0] + (f" (and {len(bad) - 1} more)" if len(bad) > 1 else "")
        docs = {d["id"]: d for d in read_rows(gen / "documents.json", "documents")}
        if any(d.get("shard") not in set(names) for d in docs.values()):
            return None, "documents.json names shards the store does not list"
        index = json.loads((gen / "search" / search_stage.MANIFEST).read_text(encoding="utf-8"))
        if index.get("version") != search_stage.VERSION:  # an index of another layout is rebuilt whole
            return None, None
    except (CorruptStore, OSError, KeyError, IndexError, TypeError, ValueError, AttributeError) as exc:
        return None, f"it cannot be read ({exc})"
    return _Previous(gen, meta.get("focus"), shards, docs, recorded), None


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
                progress: Progress | None = None, workers: int | None = None, update: bool = True,
                cluster: str | None = None) -> BuildReport:
    """Index the text files under `inputs` into a store at `out` and make it live.

    When `out` already holds a store built by this pipeline (and `update`), only new and
    changed files are read; the shards of unchanged ones are reused, removed ones dropped,
    and the corpus-wide results (focus, relations when the focus moved, event clusters,
    contested countries, the country table) recomputed, so the result equals a full build.
    Extraction runs in `workers` processes (default: one per core, fewer for small inputs).

    With `update=False` (`fuente index --rebuild`) the previous generation is ignored.
    With `cluster` (a Dask scheduler's address, or 'local[:N]'), extraction runs as Dask
    tasks there instead (store.cluster, imported only then); the store is the same.

    Raises InputError for a missing input, StoreExists when `out` holds something else,
    ClusterError when the cluster cannot be reached or loses a task past its retries,
    NoSpace when the disk fills up and BuildInterrupted on SIGINT, SIGTERM or SIGHUP;
    the store at `out`, if any, stays as it was on any failure.
    """
    inputs = [Path(p) for p in inputs]
    out = Path(out)
    if focus is not None and not _CODE.fullmatch(focus):  # it is stored: no bytes that are not text
        raise InputError(f"--focus {display_name(focus)!r} is not a country code (ISO, e.g. VE, or a bloc, e.g. EU)")
    report = BuildReport(store=str(out))
    with Interruptible() as signals:
        return _build(inputs, out, report, signals, follow_links=follow_links, max_bytes=max_bytes, focus=focus,
                      progress=progress, workers=workers, update=update, cluster=cluster)


def _disk_full(exc: BaseException, out: Path) -> bool:
    """Whether a build failed because the disk holding `out` filled up (asked before its clean-up)."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    if not isinstance(exc, (OSError, ValueError)):
        return False
    if "No space left on device" in str(exc) or "os error 28" in str(exc):
        return True
    # tantivy's writer threads fail with "An index writer was killed … (io::Error most likely)":
    # the words are lost, but a disk with nothing left says it.
    try:
        st = os.statvfs(out)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < (1 << 20)


_CODE = re.compile(r"[^\x00-\x1f\x7f-\x9f\ud800-\udfff]{1,60}")


def _no_space(out: Path) -> str:
    """'no space left on MOUNT: …' for the file system holding `out`."""
    where = Path(os.path.abspath(out))
    while not where.exists() and where != where.parent:
        where = where.parent
    while not os.path.ismount(where) and where != where.parent:
        where = where.parent
    unchanged = "the previous store is unchanged" if (out / "CURRENT").is_file() else "no store was written"
    return f"no space left on {display_name(str(where))}: {unchanged}"


def _build(inputs: list[Path], out: Path, report: BuildReport, signals: Interruptible, *, follow_links: bool,
           max_bytes: int, focus: str | None, progress: Progress | None, workers: int | None,
           update: bool, cluster: str | None) -> BuildReport:
    t = time.perf_counter()
    try:
        found = discover(inputs, follow_links=follow_links)
    except FileNotFoundError as exc:
        raise InputError(f"no such file or folder: {exc.args[0]}") from exc
    report.skipped.extend(found.skipped)
    t = _timed(report, "discover", t)

    try:
        generation = Generation(out)
    except OSError as exc:
        if _disk_full(exc, out):
            raise NoSpace(_no_space(out)) from exc
        raise
    pool = None  # Workers, or store.cluster.ClusterWorkers: the same imap/close
    builder = None
    ok = False
    try:
        previous, why = _previous(out, generation.base) if update else (None, None)
        if why:
            report.note = f"the previous store failed its check ({why}): built anew"
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

        if cluster is not None:
            from .cluster import ClusterWorkers  # dask is loaded only for --cluster

            with signals.deferred(committed=False):  # a cluster half started cannot be closed cleanly
                pool = ClusterWorkers(cluster, progress)
        else:
            pool = Workers(workers or worker_count(len(todo)))
        # The pool forks before the index writer starts its threads.
        builder = search_stage.IndexBuilder(generation.path / "search",
                                            base=previous.gen / "search" if previous else None,
                                            countries=countries_stage)
        if previous:
            for d in previous.documents.values():
                if d["id"] not in kept:
                    builder.delete(d["id"], d.get("language"), d.get("indexed", 0))

        # -- phase 1: extraction (relations for a provisional focus), a shard per batch of files
        guess = focus or (previous.focus if previous else None)
        todo_ids: list[str | None] = []
        new_events: dict[str, list[dict]] = {}
        # Without a focus to start from, a small first batch names one early (its relations may wait for phase 2).
        first = shard_files.SHARD_DOCS if guess else FIRST_BATCH
        batches = [todo[:first]] + [todo[i:i + shard_files.SHARD_DOCS]
                                    for i in range(first, len(todo), shard_files.SHARD_DOCS)] if todo else []

        # A batch read with no focus yet keeps its readings: phase 2 then gives their relations for the
        # corpus's focus without reading the text again (all of a small corpus is that first batch).
        unfocused: dict[str, list[tuple[dict, claims_stage.Found]]] = {}

        def submit(batch: list[Source]) -> tuple:
            tasks = [(str(s.path), s.rel, max_bytes, str(out), guess, guess is None) for s in batch]
            return pool.imap(extract_file, tasks), guess

        pending = submit(batches[0]) if batches else None
        done = 0
        for i in range(len(batches)):
            (results, batch_focus), pending = pending, None
            if i + 1 < len(batches) and guess is not None:
                pending = submit(batches[i + 1])  # the next batch extracts while this one is written
            name = shard_files.shard_name(next_shard)
            texts, passages, mentions, events, relations = [], [], [], [], []
            for r in results:
                done += 1
                if progress:
                    progress("reading", done, len(todo))
                if r[0] == "skipped" or r[1]["id"] in rows:
                    report.skipped.append(r[1] if r[0] == "skipped" else
                                          Skipped(r[1]["path"], "same name and content as another input", "duplicate"))
                    todo_ids.append(None)
                    continue
                _, doc, p, m, e, reading = r
                todo_ids.append(doc["id"])
                row = {k: v for k, v in doc.items() if k != "text"}
                row.update(shard=name, dnum=next_dnum, indexed=builder.add(doc, p, next_dnum),
                           topic=reading.topic, topics=reading.topics,
                           counts={"mentions": len(m), "events": len(e), "relations": len(reading.relations)})
                next_dnum += 1
                rows[doc["id"]] = row
                texts.append({"doc": doc["id"], "text": doc["text"], "language": doc["language"]})
                if reading.found is not None:
                    unfocused.setdefault(name, []).append(({"id": doc["id"], "text": doc["text"]}, reading.found))
                passages += p
                mentions += m
                events += e
                relations += reading.relations
            next_shard += 1
            if texts:
                shard_files.write_shard(generation.path / "shards" / name, texts, passages, mentions, events,
                                        relations, batch_focus)
                shards.append(shard_files.summarize(name, [x["doc"] for x in texts], len(passages), mentions,
                                                    len(events), relations, batch_focus))
                new_events[name] = events
            if guess is None:  # the first shard's documents name the likely focus
                guess = _focus(rows, shards)
            if pending is None and i + 1 < len(batches):
                pending = submit(batches[i + 1])
        if progress:
            progress("reading", len(todo), len(todo))
        t = _timed(report, "extract", t)

        # -- phase 2: relations of shards read for another focus than the corpus's
        report.focus = focus or _focus(rows, shards)
        stale = [s for s in shards if s["focus"] != report.focus]
        tasks = [(str(generation.path / "shards" / s["name"]), report.focus) for s in stale if s["name"] not in unfocused]
        by_folder = {str(generation.path / "shards" / s["name"]): s for s in shards}
        local = (relations_from_found(str(generation.path / "shards" / s["name"]), unfocused[s["name"]], report.focus)
                 for s in stale if s["name"] in unfocused)
        for n, (folder, per_doc, part) in enumerate(itertools.chain(local, pool.imap(relations_for_shard, tasks,
                                                                                       chunksize=1)), 1):
            by_folder[folder].update(part)
            for doc_id, (count, topic) in per_doc.items():
                rows[doc_id]["counts"] = dict(rows[doc_id]["counts"], relations=count)
                rows[doc_id]["topic"] = topic
            if progress:
                progress("relations", n, len(stale))
        pool.close()
        pool = None
        t = _timed(report, "relations", t)

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
        hashes: dict[str, dict] = {}
        _cluster_sizes(all_events, EVENT_PAGE)
        for n, lo in enumerate(range(0, len(all_events), EVENT_PAGE)):
            page = all_events[lo:lo + EVENT_PAGE]
            kinds: dict[str, Counter] = defaultdict(Counter)
            for e in page:
                for c in e.get("countries", []):
                    kinds[c][e.get("kind") or "other"] += 1
            pages.append({"name": page_name(n), "events": len(page),
                          "countries": dict(Counter(c for e in page for c in e.get("countries", []))),
                          "kinds": dict(Counter(e.get("kind") or "other" for e in page)),
                          "country_kinds": {c: dict(k) for c, k in kinds.items()}})
            name = f"events/{pages[-1]['name']}.json"
            hashes[name] = generation.write_tables(name, {"events": page})
        rival = _claims_toward_focus(shards, report.focus)
        countries = _country_rows(shards)
        if progress:
            progress("search index", 0, 1)
        builder.finish(documents=len(order), dnums=next_dnum, build=generation.name)
        if progress:
            progress("search index", 1, 1)
        t = _timed(report, "search index", t)

        for src, known in zip(found.sources, plan):  # a moved corpus keeps its files' paths right
            if known is not None:
                rows[known]["path"] = _relative(src.path, out)
        totals = {"documents": len(order), "passages": sum(s["passages"] for s in shards),
                  "mentions": sum(sum(s["mentions"].values()) for s in shards), "events": len(all_events),
                  "claims": sum(sum(s["claims"].values()) for s in shards),
                  "relations": sum(sum(map(sum, a.values())) for s in shards for a in s["relations"].values()),
                  "countries": len(countries)}
        meta = {
            "schema": SCHEMA,
            "pipeline": PIPELINE,
            "build": generation.name,  # the search manifest carries it too (checked on open)
            "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            # The inputs, absolute, and relative to the store like document paths (so both can move
            # together): `verify` reads no file outside the roots; the rebuild advice names whichever exists.
            "sources": [display_name(os.path.abspath(p)) for p in inputs],
            "roots": [_relative(p, out) for p in inputs],
            "focus": report.focus,
            "rival": rival,
            "counts": totals,
            "languages": dict(sorted(Counter(rows[d]["language"] for d in order).items())),
            "updated": {"reused": len(kept), "read": len(todo),
                        "removed": len(previous.documents) - len(kept) if previous else 0},
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        }
        if not order:  # an empty store must not replace one that held something
            raise InputError(f"no text files could be read ({summarize_skipped(report.skipped)}); "
                             f"{'the store at ' + str(out) + ' was left as it was' if previous else 'no store written'}")
        hashes["documents.json"] = generation.write_tables("documents.json", {"documents": [rows[d] for d in order]})
        hashes.update(_file_digests(generation.path, previous, [s["name"] for s in shards]))
        generation.write_tables(HASHES, {"files": [dict(path=k, **v) for k, v in sorted(hashes.items())],
                                         # where the store came from, should records.json be lost
                                         "build": [{k: meta[k] for k in ("build", "sources", "roots")}]})
        generation.write_tables("records.json", {"meta": [meta], "countries": countries, "shards": shards,
                                                 "event_pages": pages})
        with signals.deferred():  # a store is never left between two generations
            generation.commit()
            ok = True
        _timed(report, "write", t)
    except (OSError, ValueError) as exc:
        if _disk_full(exc, out):
            raise NoSpace(_no_space(out)) from exc
        raise
    finally:
        if pool is not None:
            pool.close(ok=False)
        if not ok:
            if builder is not None:
                builder.abort()
            generation.abort()
    report.documents, report.passages, report.mentions = totals["documents"], totals["passages"], totals["mentions"]
    report.events, report.claims, report.countries = totals["events"], totals["claims"], totals["countries"]
    report.relations = totals["relations"]
    return report


def _relative(path: str | os.PathLike, out: Path) -> str:
    """`path` as stored: relative to the store's folder (so both can move together), in portable form."""
    return os.path.relpath(portable_path(os.path.abspath(path)), os.path.abspath(out))


def _file_digests(gen: Path, previous: _Previous | None, shards: list[str]) -> dict[str, dict]:
    """Digests of the shard and search files of the new generation `gen`.

    A file still linked to the previous generation's (checked when the build began) keeps
    its recorded digest; any other, written by this build, is hashed now.
    """
    files = [p for name in shards for p in shard_files.file_paths(name)]
    files += [f"search/{f.name}" for f in sorted((gen / "search").iterdir()) if f.is_file() and
              not f.name.endswith(".lock")]
    known: dict[str, dict] = {}
    todo = []
    for rel in files:
        old = previous.hashes.get(rel) if previous else None
        if old is not None and _same_file(gen / rel, previous.gen / rel):
            known[rel] = old
        else:
            todo.append(rel)
    return known | digests(gen, todo)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


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


def _focus(rows: dict[str, dict], shards: list[dict]) -> str | None:
    """The corpus's focus from what its documents are about (store.claims.focus_country)."""
    topics: Counter = Counter()
    for r in rows.values():
        topics.update(r.get("topics") or {})
    return claims_stage.focus_country(dict(topics), _sum(s["mentions"] for s in shards))


def _claims_toward_focus(shards: list[dict], focus: str | None) -> str | None:
    """Give each shard summary its claims toward the focus (per actor, with stance counts); return
    the focus's rival (store.claims.adversary). Reused shards are counted again: the rival may move."""
    direct: dict = {}
    for s in shards:
        claims_stage.merge_counts(direct, s["relations"])
    rival = claims_stage.adversary(direct, focus) if focus else None
    for s in shards:
        per_actor = claims_stage.counts_toward(s["relations"], s["by_topic"], focus, rival) if focus else {}
        s["stances"] = {a: dict(zip(claims_stage.STANCES, c)) for a, c in per_actor.items()}
        s["claims"] = {a: sum(c) for a, c in per_actor.items()}
    return rival


def _cluster_sizes(events: list[dict], page_size: int) -> None:
    """Give each event of a cluster `sources` (how many documents report it) and `cluster_pages`
    (the event pages its members are on), so a screen lists every report of it without a scan."""
    docs: dict[str, set[str]] = defaultdict(set)
    pages: dict[str, set[str]] = defaultdict(set)
    for i, e in enumerate(events):
        if e.get("cluster"):
            docs[e["cluster"]].add(e["doc"])
            pages[e["cluster"]].add(page_name(i // page_size))
    for e in events:
        if e.get("cluster"):
            e["sources"] = len(docs[e["cluster"]])
            e["cluster_pages"] = sorted(pages[e["cluster"]])


def _country_rows(shards: list[dict]) -> list[dict]:
    """One row per country or bloc mentioned, from the shards' summaries: names, counts, stances."""
    mention_count = _sum(s["mentions"] for s in shards)
    doc_count = _sum(s["doc_countries"] for s in shards)
    stance_counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for s in shards:
        for code, n in s["stances"].items():
            for k, stance in enumerate(claims_stage.STANCES):
                stance_counts[code][k] += n[stance]
    return _rows(mention_count, doc_count, claims_stage.stance_summary(dict(stance_counts)))


def _rows(mention_count: dict[str, int], doc_count: dict[str, int], summary: dict[str, dict]) -> list[dict]:
    rows = []
    for code in sorted(mention_count, key=lambda c: (-mention_count[c], c)):
        info = countries_stage.country_info(code) or {"code": code, "name_en": code, "name_es": code, "bloc": False}
        s = summary.get(code, {"stances": {"supports": 0, "opposes": 0, "neutral": 0}, "contested": False})
        rows.append({"code": code, "name_en": info["name_en"], "name_es": info["name_es"],
                     "bloc": bool(info.get("bloc")), "mentions": mention_count[code], "documents": doc_count[code],
                     "stances": s["stances"], "contested": s["contested"]})
    return rows
