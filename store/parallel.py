"""The per-document stages in worker processes, one file or one shard per task.

Extraction (segment, countries, dates and events) depends on the document alone. Relations
depend on it too, except what a document says with no target named, which is about the
corpus's focus when the document names it; the focus is a property of the whole corpus.
So indexing runs in two phases (see store.build): phase 1 extracts every document and reads
its relations for a provisional focus (the one given, the previous store's, or the one the
first shard's documents point to); phase 2 rereads, shard by shard, the relations of any
shard read for a focus that turned out wrong. On a coherent corpus the guess holds and
phase 2 touches only the first shard.

Workers are forked from the builder, so the lexicons it loaded before forking are shared.
With one worker (small inputs, one core) everything runs in the builder's process.

The pool (store.workers) can be stopped at any moment: a build interrupted by a signal
kills its workers, which never print a traceback of their own.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import claims as claims_stage
from . import shards as shard_files
from .reader import Skipped, Source, read_sources
from .stages import annotate, extract, warm_up
from .workers import ProcessPool

FileTask = tuple[str, str, int, str, "str | None", bool]  # path, name in the store, max bytes, store path, focus,
# and whether to keep what the relations were given from (see claims.Reading.found)


def extract_file(task: FileTask) -> tuple:
    """("doc", doc, passages, mentions, events, reading) for one file, or ("skipped", Skipped)."""
    path, rel, max_bytes, out, focus, keep = task
    skipped: list[Skipped] = []
    docs = list(read_sources([Source(Path(path), rel)], max_bytes, skipped))
    if not docs:
        return ("skipped", skipped[0] if skipped else Skipped(path, "unreadable"))
    doc = docs[0]
    # Relative to the store, so a store and its corpus can move together (and the bundled one works anywhere).
    doc["path"] = os.path.relpath(os.path.abspath(doc["path"]), os.path.abspath(out))
    passages, mentions, events, reading = extract(doc, focus, keep)
    annotate(passages, mentions)
    return ("doc", doc, passages, mentions, events, reading)


def relations_for_shard(task: tuple[str, str | None]) -> tuple[str, dict[str, tuple[int, str | None]], dict]:
    """Reread the relations of the shard at `folder` for `focus` and rewrite its relations file.

    Returns (shard folder, per document (relations, topic), the relations part of its summary).
    """
    folder, focus = task
    path = Path(folder)
    texts = shard_files.read(path, "texts.json")
    by_doc: dict[str, tuple[list, list]] = {t["doc"]: ([], []) for t in texts}
    for p in shard_files.read(path, "passages.json"):
        by_doc[p["doc"]][0].append(p)
    for m in shard_files.read(path, "mentions.json"):
        by_doc[m["doc"]][1].append(m)
    readings = []
    for t in texts:
        passages, mentions = by_doc[t["doc"]]
        doc = {"id": t["doc"], "text": t["text"], "language": t.get("language")}
        readings.append((t["doc"], claims_stage.find_relations(doc, passages, mentions, focus)))
    return _rewrite(folder, readings, focus)


def relations_from_found(folder: str, kept: list[tuple[dict, "claims_stage.Found"]], focus: str | None) -> tuple:
    """`relations_for_shard` for a shard whose documents' readings were kept ((doc, Found) each):
    no text is read again."""
    return _rewrite(folder, [(doc["id"], claims_stage.relations_for(doc, found, focus)) for doc, found in kept], focus)


def _rewrite(folder: str, readings: list[tuple[str, "claims_stage.Reading"]], focus: str | None) -> tuple:
    relations: list[dict] = []
    per_doc: dict[str, tuple[int, str | None]] = {}
    for doc_id, reading in readings:
        per_doc[doc_id] = (len(reading.relations), reading.topic)
        relations.extend(reading.relations)
    shard_files.write_relations(Path(folder), relations, focus)
    return folder, per_doc, shard_files.relations_summary(relations, focus)


class Workers:
    """A pool of forked worker processes, or the builder's own process when `n` is 1."""

    def __init__(self, n: int) -> None:
        self.n = max(1, n)
        self._pool: ProcessPool | None = None
        if self.n > 1:
            warm_up()
            self._pool = ProcessPool(self.n)

    def imap(self, fn: Callable, tasks: Iterable, chunksize: int | None = None) -> Iterator:
        """fn over tasks, results in order (in the background with more than one worker).

        The executor interface store.cluster.ClusterWorkers shares: a call is one batch (a shard's
        files, or the shards of phase 2 with `chunksize` 1); here it goes out 4 tasks at a time.
        """
        if self._pool is None:
            return map(fn, tasks)
        return self._pool.imap(fn, tasks, chunksize=chunksize or 4)

    def close(self, ok: bool = True) -> None:
        """Wait for the workers to exit (`ok`), or kill them at once: nothing they do is wanted."""
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.close(ok)


def worker_count(tasks: int, per_worker: int = 48) -> int:
    """Processes worth starting for `tasks` files: every core, but none idle on a small input."""
    return max(1, min(os.cpu_count() or 1, tasks // per_worker))
