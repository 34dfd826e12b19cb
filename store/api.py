"""The query API: what the app, the CLI and scripts read a store through.

    from store import open_store
    s = open_store()                  # the bundled seed store
    s.search("sanciones", limit=10)
    s.countries(); s.events(country="RU"); s.claims(country="BR"); s.document(doc_id)

Records are plain dicts with the field names of the export JSON. Opening is
cheap: each record file is read the first time something needs it.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path

from .errors import CorruptStore, DocumentNotFound
from .storage import check_meta, live_generation, open_db

BUNDLED = Path(__file__).parent / "data" / "seeds.store"


def open_store(path: str | Path | None = None) -> "Store":
    """Open the store at `path` (the bundled seed store when None), read-only."""
    return Store(Path(path) if path is not None else BUNDLED)


class Store:
    """A read-only view of one store folder."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.generation = live_generation(self.path)
        self._dbs: dict = {}
        meta = self._table("records.json", "meta")
        self.meta = check_meta(meta[0] if meta else None, self.path)

    # ------------------------------------------------------------ plumbing
    def _table(self, filename: str, name: str) -> list[dict]:
        db = self._dbs.get(filename)
        if db is None:
            db = self._dbs[filename] = open_db(self.generation / filename)
        data = db.storage.read() or {}
        if name not in data:
            raise CorruptStore(f"{self.path}: table {name!r} is missing from {filename}")
        # TinyDB keeps rows keyed by id in insertion order; plain dicts are what callers want.
        return list(db.table(name).all())

    @property
    def name(self) -> str:
        return "seeds (bundled)" if self.path.resolve() == BUNDLED.resolve() else self.path.name

    @property
    def focus(self) -> str | None:
        return self.meta.get("focus")

    # ------------------------------------------------------------ documents
    @cached_property
    def _documents(self) -> list[dict]:
        return [dict(d) for d in self._table("records.json", "documents")]

    @cached_property
    def _documents_by_id(self) -> dict[str, dict]:
        return {d["id"]: d for d in self._documents}

    @cached_property
    def _texts(self) -> dict[str, str]:
        return {t["doc"]: t["text"] for t in self._table("texts.json", "texts")}

    def documents(self) -> list[dict]:
        """Every document's record (without its text), in indexing order."""
        return list(self._documents)

    def resolve(self, ref: str) -> str:
        """A document id from an id, an id prefix or a file name."""
        if ref in self._documents_by_id:
            return ref
        matches = [d["id"] for d in self._documents if d["id"].startswith(ref) or d["file"] == ref
                   or Path(d["file"]).name == ref]
        if not matches:  # a file name's beginning, as people type it: "001"
            matches = [d["id"] for d in self._documents if Path(d["file"]).name.startswith(ref)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise DocumentNotFound(f"no document {ref!r} in {self.name}")
        raise DocumentNotFound(f"{ref!r} names {len(matches)} documents; give more of the id")

    def document(self, doc_id: str) -> dict:
        """One document's record with its full `text`."""
        doc_id = self.resolve(doc_id)
        text = self._texts.get(doc_id)
        if text is None:
            raise CorruptStore(f"{self.path}: the text of document {doc_id} is missing")
        return dict(self._documents_by_id[doc_id], text=text)

    def text(self, doc_id: str) -> str:
        return self.document(doc_id)["text"]

    def passages(self, doc: str | None = None) -> list[dict]:
        rows = self._table("passages.json", "passages")
        return [p for p in rows if doc is None or p["doc"] == doc]

    # ------------------------------------------------------------ tables
    def countries(self) -> list[dict]:
        """Countries and blocs, most mentioned first, with stance counts and `contested`."""
        return [dict(c) for c in self._table("records.json", "countries")]

    def country(self, code: str) -> dict | None:
        code = code.upper()
        return next((c for c in self.countries() if c["code"] == code), None)

    def mentions(self, country: str | None = None, doc: str | None = None) -> list[dict]:
        rows = self._table("mentions.json", "mentions")
        return [dict(m) for m in rows if (country is None or m["country"] == country.upper())
                and (doc is None or m["doc"] == doc)]

    def events(self, country: str | None = None, doc: str | None = None) -> list[dict]:
        """Events sorted by date (undated last), optionally for one country or document."""
        rows = [dict(e) for e in self._table("records.json", "events")
                if (country is None or country.upper() in e.get("countries", []))
                and (doc is None or e["doc"] == doc)]
        rows.sort(key=lambda e: (e.get("date") is None, e.get("date") or "", e["doc"], e["start"]))
        return rows

    def claims(self, country: str | None = None, doc: str | None = None) -> list[dict]:
        return [dict(c) for c in self._table("records.json", "claims")
                if (country is None or c["country"] == country.upper()) and (doc is None or c["doc"] == doc)]

    # ------------------------------------------------------------ search
    @cached_property
    def index(self):
        from .search import SearchIndex

        return SearchIndex(self.generation / "search")

    def search(self, query: str, limit: int = 20, partial: bool = False) -> list[dict]:
        """Ranked passages for `query` (the syntax of INTERFACES.md), best first.

        `partial=True` is for a query still being typed: its last word also matches as a prefix.
        """
        return self.index.search(query, limit=limit, partial=partial)

    # ------------------------------------------------------------ provenance
    def verify_span(self, record: dict) -> bool:
        """Whether a mention/claim/event's quote still stands at its offsets in the store's text."""
        text = self._texts.get(record.get("doc", ""))
        if text is None:
            return False
        start, end = record.get("start"), record.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            return False
        quote = record.get("text")
        return quote is None or text[start:end] == quote

    def export(self) -> dict:
        """The whole index as one JSON-ready object (schema 1 of INTERFACES.md)."""
        from .export import export

        return export(self)
