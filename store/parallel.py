"""The per-document stages in worker processes, one file or one shard per task.

Extraction (segment, countries, dates and events) depends on the document alone. Claims
also need the focus country, which is a property of the whole corpus (the most-mentioned
country unless given). So indexing runs in two phases (see store.build): phase 1 extracts
every document and finds its claims for a provisional focus (the one given, the previous
store's, or the one the first shard's documents point to); phase 2 recomputes, shard by
shard, the claims of any shard found for a focus that turned out wrong. On a coherent
corpus the guess holds and phase 2 touches only the first shard.

Workers are forked from the builder, so the lexicons it loaded before forking are shared.
With one worker (small inputs, one core) everything runs in the builder's process.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from . import shards as shard_files
from .reader import Skipped, Source, read_sources
from .stages import annotate, extract, find_claims, warm_up

FileTask = tuple[str, str, int, str, "str | None"]  # path, name in the store, max bytes, store path, focus


def extract_file(task: FileTask) -> tuple:
    """("doc", doc, passages, mentions, events, claims | None) for one file, or ("skipped", Skipped)."""
    path, rel, max_bytes, out, focus = task
    skipped: list[Skipped] = []
    docs = list(read_sources([Source(Path(path), rel)], max_bytes, skipped))
    if not docs:
        return ("skipped", skipped[0] if skipped else Skipped(path, "unreadable"))
    doc = docs[0]
    # Relative to the store, so a store and its corpus can move together (and the bundled one works anywhere).
    doc["path"] = os.path.relpath(os.path.abspath(doc["path"]), os.path.abspath(out))
    passages, mentions, events = extract(doc)
    claims = find_claims(doc, passages, mentions, focus) if focus else None
    annotate(passages, mentions)
    return ("doc", doc, passages, mentions, events, claims)


def claims_for_shard(task: tuple[str, str | None]) -> tuple[str, dict[str, int], dict]:
    """Recompute the claims of the shard at `folder` for `focus` and rewrite its claims file.

    Returns (shard folder, claims per document, the claims part of its summary).
    """
    folder, focus = task
    path = Path(folder)
    texts = shard_files.read(path, "texts.json")
    by_doc: dict[str, tuple[list, list]] = {t["doc"]: ([], []) for t in texts}
    for p in shard_files.read(path, "passages.json"):
        by_doc[p["doc"]][0].append(p)
    for m in shard_files.read(path, "mentions.json"):
        by_doc[m["doc"]][1].append(m)
    claims: list[dict] = []
    per_doc: dict[str, int] = {}
    for t in texts:
        passages, mentions = by_doc[t["doc"]]
        doc = {"id": t["doc"], "text": t["text"], "language": t.get("language")}
        found = find_claims(doc, passages, mentions, focus)
        per_doc[t["doc"]] = len(found)
        claims.extend(found)
    shard_files.write_claims(path, claims, focus)
    return folder, per_doc, shard_files.claims_summary(claims, focus)


class Workers:
    """A pool of forked worker processes, or the builder's own process when `n` is 1."""

    def __init__(self, n: int) -> None:
        self.n = max(1, n)
        self._pool = None
        if self.n > 1:
            warm_up()
            self._pool = multiprocessing.get_context("fork").Pool(self.n)

    def imap(self, fn: Callable, tasks: Iterable, chunksize: int = 4) -> Iterator:
        if self._pool is None:
            return map(fn, tasks)
        return self._pool.imap(fn, list(tasks), chunksize=chunksize)

    def close(self, ok: bool = True) -> None:
        if self._pool is not None:
            if ok:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None


def worker_count(tasks: int, per_worker: int = 48) -> int:
    """Processes worth starting for `tasks` files: every core, but none idle on a small input."""
    return max(1, min(os.cpu_count() or 1, tasks // per_worker))
