"""Checked provenance: is every indexed document still on disk as it was indexed, and is the
store still as its build wrote it?

Against the sources: `source_status` checks one document the way `make` checks a target,
the file's size first, then its modification time, and only when the time differs (a
copy, a checkout, a `touch`) its hash. It reads only inside the folders the store was
built from (a crafted store cannot make verify read /etc/shadow), and never past the size
recorded at indexing (a sparse file of many gigabytes in its place is "changed", not
read). Against itself: every file the build wrote must match the size and SHA-256
recorded in hashes.json, each stored text the digest of the text indexed, and every
record must pass the reader's checks.
"""
from __future__ import annotations

import hashlib
import os
import stat
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import CorruptStore, FuenteError
from .reader import local_path, text_digest
from .shards import file_paths
from .storage import HASHES, mismatches, read_hashes

if TYPE_CHECKING:
    from .api import Store

# What a document's source file is now, against what was indexed.
OK, CHANGED, MISSING, UNREADABLE = "ok", "changed", "missing", "unreadable"


def source_path(store_path: str | Path, doc: dict) -> str | None:
    """Where the file of `doc` was indexed from, as an absolute path (a path relative to the
    store is taken from where the store is now), or None."""
    stored = doc.get("path")
    if not isinstance(stored, str) or not stored:
        return None
    # An absolute path stays absolute; local_path restores the bytes of names that are not UTF-8.
    return os.path.normpath(os.path.join(os.path.abspath(store_path), local_path(stored)))


def verify(store: "Store") -> dict:
    """Report the documents whose source changed, vanished or lies outside the indexed folders,
    and what in the store itself differs from what its build wrote.

    Each document row names how many claims, events and mentions cite it, since those are
    the quotes a reader can no longer trust where its file changed. `stored` is the check
    of its text in the store. `store.problems` lists damaged files and records, and
    `rebuild` the command that makes a whole store again.
    """
    problems = _store_problems(store)
    try:
        claims = Counter(c["doc"] for c in store.claims())
        events = Counter(e["doc"] for e in store.events())
        mentions = Counter(m["doc"] for m in store.mentions())
        documents = store.documents()
    except FuenteError as exc:
        problems.append(_plain(exc))
        claims = events = mentions = Counter()
        documents = []
    stored = _stored_texts(store, documents, problems)
    roots = store.roots()
    rows = []
    for doc in documents:
        status, reason = source_status(store.path, doc, roots)
        rows.append({"doc": doc["id"], "file": doc["file"], "path": doc.get("path"), "status": status,
                     **({"reason": reason} if reason else {}), "stored": stored.get(doc["id"], "missing"),
                     "claims": claims[doc["id"]], "events": events[doc["id"]], "mentions": mentions[doc["id"]]})
    damaged = problems + [f"the stored text of {r['file']} is not the text indexed" for r in rows
                          if r["stored"] == "changed"]
    return {"documents": rows, "ok": sum(r["status"] == "ok" for r in rows),
            "store": {"ok": not damaged, "problems": damaged},
            "rebuild": store.rebuild_command()}


def _plain(exc: Exception) -> str:
    """An error's message without the rebuild advice, which the report gives once."""
    return str(exc).split("; rebuild it with: ")[0]


def _store_problems(store: "Store") -> list[str]:
    problems = []
    try:
        recorded = read_hashes(store.generation)
    except (CorruptStore, OSError) as exc:
        return [f"{HASHES}: {_plain(exc)} (a store built by an older Fuente records no digests)"]
    listed = [p for s in store._shards for p in file_paths(s["name"])]
    problems += [f"{p} has no recorded digest" for p in listed if p not in recorded]
    problems += mismatches(store.generation, recorded)
    try:
        store.check()
    except FuenteError as exc:
        problems.append(_plain(exc))
    return problems


def _stored_texts(store: "Store", documents: list[dict], problems: list[str]) -> dict[str, str]:
    """Per document id: "ok" when its stored text has the digest recorded at indexing, else "changed"
    ("unknown" for a store that recorded none)."""
    out: dict[str, str] = {}
    want = {d["id"]: d.get("text_sha256") for d in documents}
    for s in store._shards:
        try:
            texts = store._shard(s["name"], "texts")
        except FuenteError as exc:
            problems.append(_plain(exc))
            continue
        for t in texts:
            expected = want.get(t["doc"])
            out[t["doc"]] = "unknown" if not isinstance(expected, str) else \
                "ok" if text_digest(t["text"]) == expected else "changed"
    return out


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def source_status(store_path: str | Path, doc: dict, roots: list[str]) -> tuple[str, str | None]:
    """OK, CHANGED, MISSING, UNREADABLE or "refused" for the source file of document record
    `doc`, with a reason where one helps. Records from stores built before sizes and times
    were kept (no `bytes`/`mtime`) are checked by hash alone."""
    path = source_path(store_path, doc)
    if path is None:
        return MISSING, "no path recorded"
    if not roots:
        return "refused", "the store records no indexed folders (rebuild it to verify it)"
    if not _inside(path, roots):
        return "refused", "its recorded path is outside the folders the store was built from; not read"
    size = doc.get("bytes")
    if not isinstance(size, int) or size < 0:
        size = 4 * int(doc.get("chars") or 0) + 4  # no encoding read takes more bytes per character
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return MISSING, None
    except OSError as exc:
        return UNREADABLE, exc.strerror
    with open(fd, "rb", closefd=True) as f:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return CHANGED, "not a regular file any more"
        if isinstance(doc.get("bytes"), int) and st.st_size != size:
            return CHANGED, None
        mtime = doc.get("mtime")
        if isinstance(doc.get("bytes"), int) and isinstance(mtime, int) and st.st_mtime_ns == mtime:
            return OK, None
        try:
            data = f.read(size + 1)
        except OSError as exc:
            return UNREADABLE, exc.strerror
    return (OK if len(data) <= size and hashlib.sha1(data).hexdigest() == doc.get("sha1") else CHANGED), None
