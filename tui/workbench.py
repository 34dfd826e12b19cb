"""The analyst's workbench: bookmarks and notes, search history and saved searches, per store.

They live outside the read-only store, in the user's data folder (`clipboard.data_dir`:
$FUENTE_DATA_DIR, else $XDG_DATA_HOME/fuente, else ~/.local/share/fuente), one TinyDB file per
store under `workbench/`, named by the store's identity: its resolved path. A rebuild of the
same store path keeps its bookmarks (they are re-anchored against the new text, see
`tui.anchors`); the generation is not part of the key. Nothing is written until the reader
adds something, and the store itself is never written.
"""
from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from .anchors import EXACT, ORPHANED, capture, reanchor
from .clipboard import data_dir

HISTORY = 100  # queries kept per store


def store_identity(store_path: str | Path | None) -> str:
    """What identifies a store across its rebuilds: its resolved path (the bundled store's when None)."""
    if store_path is None:
        from store import BUNDLED

        store_path = BUNDLED
    return str(Path(store_path).resolve())


def workbench_file(store_path: str | Path | None, root: Path | None = None) -> Path:
    identity = store_identity(store_path)
    name = Path(identity).name or "store"
    digest = hashlib.sha1(identity.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)[:40]
    return (root or data_dir()) / "workbench" / f"{safe}-{digest}.json"


class Workbench:
    """The bookmarks, history and saved searches of one store (a TinyDB file, opened per call)."""

    def __init__(self, store_path: str | Path | None, root: Path | None = None) -> None:
        self.identity = store_identity(store_path)
        self.path = workbench_file(store_path, root)

    # ------------------------------------------------------------ plumbing
    def _db(self):
        from tinydb import TinyDB

        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = TinyDB(self.path, ensure_ascii=False, indent=1, encoding="utf-8")
        db.table("meta").upsert({"key": "store", "path": self.identity},
                                lambda d: d.get("key") == "store")
        return db

    def _read(self, table: str) -> list[dict]:
        if not self.path.exists():
            return []
        from tinydb import TinyDB

        try:
            with TinyDB(self.path, storage=_read_only(), encoding="utf-8") as db:
                return [dict(r) for r in db.table(table).all()]
        except ValueError:  # an unreadable file: nothing to show, and it stays for the reader to see
            return []

    # ------------------------------------------------------------ bookmarks
    def bookmarks(self) -> list[dict]:
        """Every bookmark, oldest first."""
        return sorted(self._read("bookmarks"), key=lambda b: b.get("created", 0))

    def find(self, doc: str, start: int, end: int) -> dict | None:
        return next((b for b in self.bookmarks() if (b["doc"], b["start"], b["end"]) == (doc, start, end)), None)

    def add(self, record: dict, doc: dict, text: str, kind: str, note: str = "", tags: list[str] | None = None) -> dict:
        """Bookmark `record` (a claim, event, mention, hit or passage of `doc`, whose text is `text`)."""
        mark = {"id": os.urandom(6).hex(), "kind": kind, "doc": doc["id"], "file": doc.get("file"),
                "title": doc.get("title"), "created": time.time(), "note": note, "tags": list(tags or []),
                "state": EXACT, **capture(text, record["start"], record["end"]),
                "record": {k: v for k, v in record.items() if k in RECORD_FIELDS}}
        with self._db() as db:
            db.table("bookmarks").insert(mark)
        return mark

    def update(self, mark_id: str, **fields) -> None:
        from tinydb import Query

        with self._db() as db:
            db.table("bookmarks").update(fields, Query().id == mark_id)

    def remove(self, mark_id: str) -> None:
        from tinydb import Query

        with self._db() as db:
            db.table("bookmarks").remove(Query().id == mark_id)

    def reanchor(self, store) -> list[dict]:
        """Every bookmark placed against `store`'s current text (state, start, end, doc updated),
        the changes saved. A document no longer found by id is looked up by its file name."""
        marks = self.bookmarks()
        by_file: dict[str, str] | None = None
        changed = []
        for m in marks:
            text, doc_id = _text(store, m["doc"]), m["doc"]
            if text is None and m.get("file"):
                if by_file is None:
                    by_file = {d["file"]: d["id"] for d in store.documents()}
                doc_id = by_file.get(m["file"], doc_id)
                text = _text(store, doc_id)
            a = reanchor(m, text)
            new = {"state": a.state}
            if a.state != ORPHANED:
                new.update(doc=doc_id, **capture(text, a.start, a.end))  # the same quote, its new place
            if any(m.get(k) != v for k, v in new.items()):
                m.update(new)
                changed.append(m)
        if changed:
            from tinydb import Query

            with self._db() as db:
                table = db.table("bookmarks")
                for m in changed:
                    table.update({k: m[k] for k in ("state", "doc", "start", "end", "before", "after")},
                                 Query().id == m["id"])
        return marks

    # ------------------------------------------------------------ search history
    def history(self) -> list[str]:
        """Queries searched, oldest first."""
        rows = self._read("history")
        return [r["query"] for r in sorted(rows, key=lambda r: r.get("at", 0))]

    def remember(self, query: str) -> None:
        """Add `query` to the history (never twice in a row; the oldest go past HISTORY)."""
        query = query.strip()
        if not query:
            return
        past = self.history()
        if past and past[-1] == query:
            return
        with self._db() as db:
            table = db.table("history")
            table.insert({"query": query, "at": time.time_ns()})
            rows = sorted(table.all(), key=lambda r: r.get("at", 0))
            if len(rows) > HISTORY:
                table.remove(doc_ids=[r.doc_id for r in rows[:len(rows) - HISTORY]])

    # ------------------------------------------------------------ saved searches
    def saved(self) -> dict[str, str]:
        """Saved searches, name -> query, by name."""
        return dict(sorted((r["name"], r["query"]) for r in self._read("saved")))

    def save(self, name: str, query: str) -> None:
        from tinydb import Query

        with self._db() as db:
            db.table("saved").upsert({"name": name, "query": query}, Query().name == name)


RECORD_FIELDS = ("id", "country", "stance", "target", "support", "cue", "date", "kind", "countries", "summary",
                 "score", "snippet", "text")


def _text(store, doc_id: str) -> str | None:
    from store.errors import FuenteError

    try:
        return store.text(doc_id)
    except FuenteError:
        return None


def _read_only():
    from tinydb.storages import JSONStorage

    class ReadOnly(JSONStorage):
        """Reads the file, never creates or writes it."""

        def __init__(self, path, **kwargs):
            super().__init__(path, access_mode="r", **kwargs)

        def write(self, data) -> None:
            raise OSError("read-only")

    return ReadOnly
