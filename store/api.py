"""The query API: what the app, the CLI and scripts read a store through.

    from store import open_store
    s = open_store()                  # the bundled seed store
    s.search("sanciones", limit=10)
    s.countries(); s.events(country="RU"); s.claims(country="BR"); s.document(doc_id)
    s.claims(country="BR", toward="UA")   # stances toward another target than the focus
    s.relations(actor="RU")               # every position read, whatever its target

Records are plain dicts with the field names of the export JSON. Opening reads
records.json only (meta, the country table, the shard and event-page summaries): a
few kilobytes at any corpus size. Everything else is read when first asked for, one
shard file at a time (see store.storage for the layout). The `*_page` methods and
`doc_counts` are the cheap calls for a screen: they read only what one page needs.

A Store holds its generation (a shared lock, see storage.hold_generation) until it is
closed or collected, so a rebuild of the same store never removes what it is reading;
`rebuilt()` says when a newer generation is live. Opening never writes to the store.
"""
from __future__ import annotations

import os
import re
import shlex
import threading
import weakref
from bisect import bisect_right
from collections import Counter, OrderedDict
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from .errors import CorruptStore, DocumentNotFound, InputError, StoreVersionError
from .period import in_range
from .shards import NAME as SHARD_NAME, STANCES
from .storage import CURRENT, PAGE_NAME, check_meta, hold_generation, newest_meta, read_rows, read_tables

BUNDLED = Path(__file__).parent / "data" / "seeds.store"
CACHED_FILES = 24  # shard and event-page files kept parsed (a few MB each at most)

# The fields every record needs, with their types: a row without them is a broken store,
# reported as such when its file is first read, not a KeyError somewhere in the app later.
FIELDS = {
    "documents": {"id": str, "file": str, "title": str, "language": str, "chars": int, "shard": str},
    "texts": {"doc": str, "text": str},
    "passages": {"doc": str, "start": int, "end": int},
    "mentions": {"doc": str, "country": str, "start": int, "end": int, "text": str},
    "relations": {"doc": str, "actor": str, "target": str, "stance": str, "start": int, "end": int},
    "events": {"id": str, "doc": str, "start": int, "end": int, "countries": list},
    "countries": {"code": str, "name_en": str, "name_es": str, "mentions": int, "documents": int},
    "shards": {"name": str, "mentions": dict, "claims": dict, "relations": dict, "by_topic": dict},
    "event_pages": {"name": str, "events": int, "countries": dict},
}
# Names that become paths: each must match its own pattern, so no record leads outside the store.
NAMES = {"shards": ("name", SHARD_NAME), "event_pages": ("name", PAGE_NAME), "documents": ("shard", SHARD_NAME)}
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def open_store(path: str | Path | None = None) -> "Store":
    """Open the store at `path` (the bundled seed store when None), read-only."""
    return Store(Path(path) if path is not None else BUNDLED)


class Store:
    """A read-only view of one store folder (safe to share between threads)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._deferred: list[tuple[str, list, str]] = []
        self.meta: dict = {}
        self._lease: int | None = None
        with self._rebuild_hint():
            self.generation, self._lease = hold_generation(self.path)
            if self._lease is not None:
                self._release = weakref.finalize(self, os.close, self._lease)
            data = read_tables(self.generation / "records.json")
            meta = list(data.get("meta", {}).values())
            self.meta = check_meta(meta[0] if meta else None, self.path)
            for name in ("countries", "shards", "event_pages"):
                if name not in data:
                    raise CorruptStore(f"table {name!r} is missing from records.json")
            self._countries: list[dict] = list(data["countries"].values())
            self._shards: list[dict] = list(data["shards"].values())
            self._pages: list[dict] = list(data["event_pages"].values())
            for table, rows in (("countries", self._countries), ("shards", self._shards),
                                ("event_pages", self._pages)):
                self._check(table, rows, "records.json")
            self._shard_names = {s["name"] for s in self._shards}
        self._cache: OrderedDict[tuple[str, str], list[dict]] = OrderedDict()
        self._source_status: dict[str, tuple[tuple[int, int] | None, str]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        """Let go of the generation: a later build may remove it. Reading after this is not allowed."""
        if self._lease is not None:
            self._release()
            self._lease = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def rebuilt(self) -> bool:
        """Whether a build has made another generation live since this store was opened."""
        try:
            return (self.path / CURRENT).read_text(encoding="utf-8").strip() != self.generation.name
        except (OSError, UnicodeDecodeError):
            return False

    def roots(self) -> list[str]:
        """The folders and files this store was built from, as absolute paths where they are now."""
        roots = self.meta.get("roots")
        if not isinstance(roots, list) or not all(isinstance(r, str) for r in roots):
            return []
        return self._absolute(roots)

    def _absolute(self, roots: list[str]) -> list[str]:
        from .reader import local_path

        return [os.path.normpath(os.path.join(os.path.abspath(self.path), local_path(r))) for r in roots]

    def rebuild_command(self) -> str:
        """The command that builds this store anew from its sources, with absolute paths (any folder)."""
        from .reader import display_name

        meta = self.meta or newest_meta(self.path)  # a broken CURRENT or meta: the last build's sources
        roots = meta.get("roots")
        roots = roots if isinstance(roots, list) and all(isinstance(r, str) for r in roots) else []
        given = [s for s in meta.get("sources", []) if isinstance(s, str)]
        # Where the corpus is now: beside the store as it was (they moved together), else where it
        # was at build time (the store alone was copied), else as recorded.
        sources = [r if os.path.exists(r) or len(given) != len(roots) or not os.path.exists(g) else g
                   for r, g in zip(self._absolute(roots), given or [""] * len(roots))]
        sources = [display_name(s) for s in sources] or given
        shown = " ".join(shlex.quote(s) for s in sources) or "FOLDER"
        return f"fuente index {shown} --out {shlex.quote(display_name(os.path.abspath(self.path)))} --rebuild"

    @contextmanager
    def _rebuild_hint(self):
        """Name the store in a CorruptStore and say how to get a whole one back."""
        try:
            yield
        except (CorruptStore, StoreVersionError) as exc:
            message = str(exc)
            if str(self.path) not in message:
                message = f"{self.path}: {message}"
            if "fuente index" not in message:
                message += f"; rebuild it with: {self.rebuild_command()}"
            raise type(exc)(message) from exc

    def _check(self, table: str, rows: list, where: str, chars: dict[str, int] | None = None) -> None:
        """Raise CorruptStore unless every row of `table` has its fields and offsets inside its text.

        A shard's mentions, claims and passages are checked against the texts of the same
        shard (`chars`). Rows that need the documents table (events, texts) are checked
        against it as soon as it is read, and no sooner: the app reads it in the background,
        so neither its first screen nor a country's first claims wait for a 100,000-row table.
        """
        fields = FIELDS.get(table, {})
        spans = "start" in fields
        if chars is None and (spans or table == "texts"):
            if "_documents" in self.__dict__:
                chars = self._chars
            else:
                self._deferred.append((table, rows, where))
        for n, row in enumerate(rows, 1):
            if not isinstance(row, dict):
                raise CorruptStore(f"{where}: {table} row {n} is a {type(row).__name__}, not a record")
            for key, kind in fields.items():
                if not isinstance(row.get(key), kind):
                    raise CorruptStore(f"{where}: {table} row {n} has no valid {key!r}")
            if table in NAMES:
                key, pattern = NAMES[table]
                if not pattern.fullmatch(row[key]) or table == "documents" and row[key] not in self._shard_names:
                    raise CorruptStore(f"{where}: {table} row {n} names {key} {row[key][:40]!r}, "
                                       f"which is not one of the store's")
            if spans and not 0 <= row["start"] < row["end"]:
                raise CorruptStore(f"{where}: {table} row {n} has offsets {row['start']}-{row['end']}")
            if chars is None:
                continue
            size = chars.get(row["doc"])
            if size is None:
                raise CorruptStore(f"{where}: {table} row {n} belongs to document {row['doc']!r}, "
                                   f"which this store does not list (a file from another build?)")
            if spans and not 0 <= row["start"] < row["end"] <= size:
                raise CorruptStore(f"{where}: {table} row {n} has offsets {row['start']}-{row['end']} "
                                   f"outside its document (0-{size})")
            if table == "texts" and len(row["text"]) != size:
                raise CorruptStore(f"{where}: the text of document {row['doc']} is not the one indexed")

    def check(self, quick: bool = False) -> None:
        """Read every part of the store once: whatever is broken is raised now, not mid-session.

        `quick` opens only the search index (which must come from the same build as the
        records), for an app that must open fast at any size; everything else is checked
        when it is first read.
        """
        self.index
        if quick:
            return
        self._documents
        for s in self._shards:
            for kind in ("texts", "passages", "mentions", "relations"):
                self._shard(s["name"], kind)
        for p in self._pages:
            self._rows("events", f"{p['name']}.json", "events")

    # ------------------------------------------------------------ plumbing
    def _rows(self, folder: str, filename: str, table: str, chars: dict[str, int] | None = None) -> list[dict]:
        """Rows of one store file, parsed once and kept among the last few used."""
        key = (folder, filename)
        with self._lock:
            rows = self._cache.get(key)
            if rows is not None:
                self._cache.move_to_end(key)
                return rows
        with self._rebuild_hint():
            rows = read_rows(self.generation / folder / filename, table)
            self._check(table, rows, f"{folder}/{filename}", chars)
        with self._lock:
            self._cache[key] = rows
            while len(self._cache) > CACHED_FILES:
                self._cache.popitem(last=False)
        return rows

    def _shard(self, shard: str, kind: str) -> list[dict]:
        chars = None
        if kind != "texts" and (f"shards/{shard}", f"{kind}.json") not in self._cache:
            chars = {t["doc"]: len(t["text"]) for t in self._shard(shard, "texts")}
        return self._rows(f"shards/{shard}", f"{kind}.json", kind, chars)

    def _ranked(self, rows: list[dict]) -> list[dict]:
        """Rows in corpus order (by document), each document's own rows in their order."""
        rank = self._rank
        return sorted(rows, key=lambda r: rank.get(r["doc"], -1))

    def _gather(self, kind: str, country: str | None, doc: str | None) -> list[dict]:
        """Every mention or claim, optionally of one country or document, in corpus order."""
        if doc is not None:
            row = self._documents_by_id.get(doc)
            shards = [row["shard"]] if row else []
        else:
            shards = [s["name"] for s in self._shards if country is None or s[kind].get(country)]
        out = [dict(r) for name in shards for r in self._shard(name, kind)
               if (country is None or r["country"] == country) and (doc is None or r["doc"] == doc)]
        return out if doc is not None else self._ranked(out)

    def _page(self, kind: str, country: str | None, offset: int, limit: int) -> list[dict]:
        """Rows `offset`… of a per-shard listing (mentions), reading only the shards the page needs."""
        out: list[dict] = []
        skip = max(0, offset)
        for s in self._shards:
            if len(out) >= limit:
                break
            n = sum(s[kind].values()) if country is None else s[kind].get(country, 0)
            if skip >= n:
                skip -= n
                continue
            rows = [r for r in self._shard(s["name"], kind) if country is None or r["country"] == country]
            out += [dict(r) for r in rows[skip:skip + limit - len(out)]]
            skip = 0
        return out

    @property
    def name(self) -> str:
        return "seeds (bundled)" if self.path.resolve() == BUNDLED.resolve() else self.path.name

    @property
    def focus(self) -> str | None:
        return self.meta.get("focus")

    # ------------------------------------------------------------ documents
    @cached_property
    def _documents(self) -> list[dict]:
        with self._rebuild_hint():
            rows = read_rows(self.generation / "documents.json", "documents")
            self._check("documents", rows, "documents.json")
            self.__dict__["_documents"] = rows
            deferred, self._deferred = self._deferred, []
            for table, earlier, where in deferred:  # rows read before the documents were
                self._check(table, earlier, where)
        return rows

    @cached_property
    def _chars(self) -> dict[str, int]:
        return {d["id"]: d["chars"] for d in self._documents}

    @cached_property
    def _documents_by_id(self) -> dict[str, dict]:
        return {d["id"]: d for d in self._documents}

    @cached_property
    def _rank(self) -> dict[str, int]:
        return {d["id"]: i for i, d in enumerate(self._documents)}

    def documents(self, since: str | None = None, until: str | None = None) -> list[dict]:
        """Every document's record (without its text), in corpus order; of those published
        since..until when given (see store.period)."""
        dated = self._dated(since, until)
        return list(self._documents) if dated is None else [d for d in self._documents if d["id"] in dated]

    # ------------------------------------------------------------ periods
    @cached_property
    def published(self) -> dict[str, str | None]:
        """Each document's publication date (YYYY[-MM[-DD]], or None), by id: what claims, mentions
        and hits are dated and sorted by."""
        return {d["id"]: d.get("published") for d in self._documents}

    def by_article_date(self, rows: list[dict]) -> list[dict]:
        """Records (with "doc") by their article's publication date, oldest first, undated last;
        their order among equals kept."""
        published = self.published
        return sorted(rows, key=lambda r: (not published.get(r["doc"]), published.get(r["doc"]) or ""))

    def _dated(self, since: str | None, until: str | None) -> frozenset[str] | None:
        """The ids of the documents published since..until; None when no bound is given."""
        if since is None and until is None:
            return None
        with self._lock:
            cache = self.__dict__.setdefault("_dated_docs", {})
            got = cache.get((since, until))
        if got is None:
            got = frozenset(d for d, p in self.published.items() if in_range(p, since, until))
            with self._lock:
                cache[(since, until)] = got
        return got

    def _in_period(self, kind: str, code: str | None, toward: str | None, since: str | None,
                   until: str | None) -> list[dict]:
        """Every event, claim or mention (of one country) of the period, in listing order: what the
        paged calls slice when a period is set (the shard summaries count the whole corpus only)."""
        key = (kind, code, self.target(toward) if kind == "claims" else None, since, until)
        with self._lock:
            cache = self.__dict__.setdefault("_period_rows", OrderedDict())
            rows = cache.get(key)
            if rows is not None:
                cache.move_to_end(key)
                return rows
        if kind == "events":
            rows = self.events(code, since=since, until=until)
        else:  # only the shards that hold an article of the period are read
            dated = self._dated(since, until) or frozenset()
            shards = {self._documents_by_id[d]["shard"] for d in dated}
            target = self.target(toward)
            if kind == "claims":
                got = [c for s in self._shards if s["name"] in shards for c in self._claims_of(s["name"], target)
                       if c["doc"] in dated and (code is None or c["country"] == code)] if target else []
            else:
                got = [dict(m) for s in self._shards
                       if s["name"] in shards and (code is None or s["mentions"].get(code))
                       for m in self._shard(s["name"], "mentions")
                       if m["doc"] in dated and (code is None or m["country"] == code)]
            rows = self._ranked(got)
        with self._lock:
            cache[key] = rows
            while len(cache) > 12:
                cache.popitem(last=False)
        return rows

    def doc_counts(self) -> dict[str, dict[str, int]]:
        """Per document id: {"mentions": n, "events": n, "claims": n}, precomputed at build time."""
        return {d["id"]: d.get("counts", {}) for d in self._documents}

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

    def _text(self, doc_id: str) -> str | None:
        row = self._documents_by_id.get(doc_id)
        if row is None:
            return None
        return next((t["text"] for t in self._shard(row["shard"], "texts") if t["doc"] == doc_id), None)

    def document(self, doc_id: str) -> dict:
        """One document's record with its full `text`."""
        doc_id = self.resolve(doc_id)
        text = self._text(doc_id)
        if text is None:
            with self._rebuild_hint():
                raise CorruptStore(f"the text of document {doc_id} is missing")
        return dict(self._documents_by_id[doc_id], text=text)

    def text(self, doc_id: str) -> str:
        """A document's text. Shards already read answer first: the rows just listed come from
        them, so showing their snippets never waits for the whole documents table."""
        with self._lock:
            cached = [rows for (folder, name), rows in self._cache.items()
                      if folder.startswith("shards/") and name == "texts.json"]
        for rows in cached:
            for t in rows:
                if t["doc"] == doc_id:
                    return t["text"]
        return self.document(doc_id)["text"]

    def passages(self, doc: str | None = None) -> list[dict]:
        """Passages of one document (or of all, which at scale is large: prefer `passage_at`)."""
        if doc is not None:
            row = self._documents_by_id.get(doc)
            return [p for p in self._shard(row["shard"], "passages") if p["doc"] == doc] if row else []
        return self._ranked([p for s in self._shards for p in self._shard(s["name"], "passages")])

    def passage_at(self, doc: str, offset: int) -> dict | None:
        """The passage of `doc` that holds character `offset`, or None."""
        ps = self.passages(doc)
        i = bisect_right([p["start"] for p in ps], offset) - 1
        return dict(ps[i]) if 0 <= i and offset < ps[i]["end"] else None

    # ------------------------------------------------------------ tables
    def countries(self, toward: str | None = None, since: str | None = None, until: str | None = None) -> list[dict]:
        """Countries and blocs, most mentioned first, with stance counts and `contested` toward the
        target (the focus unless `toward`); with a period, only those its articles mention, counted in them."""
        rows = [dict(c) for c in self._countries]
        if since is not None or until is not None:
            return self._countries_in_period(rows, toward, since, until)
        if self.target(toward) == self.focus:
            return rows
        other = self.stances(toward)
        for r in rows:
            r.update(other.get(r["code"]) or {"stances": {"supports": 0, "opposes": 0, "neutral": 0},
                                              "contested": False})
        return rows

    def _countries_in_period(self, rows: list[dict], toward: str | None, since: str | None,
                             until: str | None) -> list[dict]:
        from .claims import stance_summary

        mentions = self._in_period("mentions", None, None, since, until)
        counted = Counter(m["country"] for m in mentions)
        docs: dict[str, set] = {}
        for m in mentions:
            docs.setdefault(m["country"], set()).add(m["doc"])
        total: dict[str, list[int]] = {}
        for c in self._in_period("claims", None, toward, since, until) if self.target(toward) else ():
            total.setdefault(c["country"], [0, 0, 0])[STANCES.index(c["stance"])] += 1
        stances = stance_summary(total)
        out = []
        for r in rows:
            if counted.get(r["code"]):
                r.update(mentions=counted[r["code"]], documents=len(docs[r["code"]]))
                r.update(stances.get(r["code"]) or {"stances": {"supports": 0, "opposes": 0, "neutral": 0},
                                                    "contested": False})
                out.append(r)
        return sorted(out, key=lambda r: -r["mentions"])  # stable: the store's order among equals

    def country(self, code: str) -> dict | None:
        code = code.upper()
        return next((dict(c) for c in self._countries if c["code"] == code), None)

    def counts(self, country: str | None = None, toward: str | None = None, since: str | None = None,
               until: str | None = None) -> dict[str, int]:
        """How many mentions, claims and events the store has (for one country, in a period): page totals."""
        target = self.target(toward)
        if since is not None or until is not None:
            code = country.upper() if country else None
            return {kind: len(self._in_period(kind, code, toward, since, until)) if kind != "claims" or target else 0
                    for kind in ("mentions", "claims", "events")}
        if country is None:
            totals = self.meta.get("counts", {})
            out = {k: totals.get(k, 0) for k in ("mentions", "claims", "events")}
            if target != self.focus:
                out["claims"] = sum(sum(map(sum, self._toward_counts(s, target).values())) for s in self._shards)
            return out
        code = country.upper()
        return {"mentions": sum(s["mentions"].get(code, 0) for s in self._shards),
                "claims": sum(sum(self._toward_counts(s, target).get(code, ())) for s in self._shards) if target else 0,
                "events": sum(p["countries"].get(code, 0) for p in self._pages)}

    def mentions(self, country: str | None = None, doc: str | None = None, since: str | None = None,
                 until: str | None = None) -> list[dict]:
        """Mentions in corpus order, each with the bounds of its passage (passage_start/passage_end);
        of the articles published since..until when given."""
        code = country.upper() if country else None
        if doc is None and (since is not None or until is not None):
            return [dict(m) for m in self._in_period("mentions", code, None, since, until)]
        rows = self._gather("mentions", code, doc)
        dated = self._dated(since, until)
        return rows if dated is None else [m for m in rows if m["doc"] in dated]

    def mentions_page(self, country: str | None = None, offset: int = 0, limit: int = 200,
                      since: str | None = None, until: str | None = None) -> list[dict]:
        """`limit` mentions from `offset` (in indexing order), reading only the shards they are in."""
        code = country.upper() if country else None
        if since is not None or until is not None:
            return [dict(m) for m in self._in_period("mentions", code, None, since, until)[max(0, offset):][:limit]]
        return self._page("mentions", code, offset, limit)

    # ------------------------------------------------------------ relations and claims
    def target(self, toward: str | None = None) -> str | None:
        """The country stances are read toward: `toward` (a code) or the store's focus."""
        return toward.upper() if toward else self.focus

    def rival(self, toward: str | None = None) -> str | None:
        """The country in the sharpest conflict with the target (backing it is opposing the target)."""
        target = self.target(toward)
        if target is None:
            return None
        if target == self.focus and "rival" in self.meta:
            return self.meta["rival"]
        with self._lock:
            cache = self.__dict__.setdefault("_rivals", {})
        if target not in cache:
            from .claims import adversary, merge_counts

            direct: dict = {}
            for s in self._shards:
                merge_counts(direct, s["relations"])
            cache[target] = adversary(direct, target)
        return cache[target]

    def _toward_counts(self, shard: dict, target: str) -> dict[str, list[int]]:
        """Per actor, [supports, opposes, neutral] of one shard's claims toward `target`."""
        if target == self.focus:
            return {a: [n.get(k, 0) for k in ("supports", "opposes", "neutral")]
                    for a, n in shard.get("stances", {}).items()}
        from .claims import counts_toward

        return counts_toward(shard["relations"], shard["by_topic"], target, self.rival(target))

    def stances(self, toward: str | None = None) -> dict[str, dict]:
        """Per country: stance counts toward the target and `contested` (what the country table
        holds for the focus, computed for any other target from the shard summaries)."""
        from .claims import stance_summary

        target = self.target(toward)
        total: dict[str, list[int]] = {}
        for s in self._shards:
            for a, c in (self._toward_counts(s, target) if target else {}).items():
                cur = total.setdefault(a, [0, 0, 0])
                for k in range(3):
                    cur[k] += c[k]
        return stance_summary(total)

    def relations(self, actor: str | None = None, target: str | None = None, doc: str | None = None) -> list[dict]:
        """Every relation read (who backs, opposes or keeps a distance from whom), in corpus order."""
        a, t = (actor.upper() if actor else None), (target.upper() if target else None)
        if doc is not None:
            row = self._documents_by_id.get(doc)
            shards = [row["shard"]] if row else []
        else:
            shards = [s["name"] for s in self._shards
                      if (t is None or t in s["relations"]) and (a is None or any(a in x for x in s["relations"].values()))]
        out = [dict(r) for name in shards for r in self._shard(name, "relations")
               if (a is None or r["actor"] == a) and (t is None or r["target"] == t) and (doc is None or r["doc"] == doc)]
        return out if doc is not None else self._ranked(out)

    def _claims_of(self, shard: str, target: str) -> list[dict]:
        from .claims import claims_toward

        return claims_toward(self._shard(shard, "relations"), target, self.rival(target))

    def claims(self, country: str | None = None, doc: str | None = None, toward: str | None = None,
               since: str | None = None, until: str | None = None) -> list[dict]:
        """Claims toward the target (the focus unless `toward`), of one country or document, in corpus
        order; of the articles published since..until when given (a claim is dated by its article)."""
        target = self.target(toward)
        if target is None:
            return []
        if since is not None or until is not None:
            if doc is None:
                return [dict(c) for c in self._in_period("claims", country.upper() if country else None, toward,
                                                         since, until)]
            dated = self._dated(since, until)
            return [c for c in self.claims(country, doc, toward) if c["doc"] in dated]
        code = country.upper() if country else None
        if doc is not None:
            row = self._documents_by_id.get(doc)
            shards = [row["shard"]] if row else []
        else:
            shards = [s["name"] for s in self._shards
                      if (lambda c: c.get(code) if code else c)(self._toward_counts(s, target))]
        out = [c for name in shards for c in self._claims_of(name, target)
               if (code is None or c["country"] == code) and (doc is None or c["doc"] == doc)]
        return out if doc is not None else self._ranked(out)

    def claims_page(self, country: str | None = None, offset: int = 0, limit: int = 200,
                    toward: str | None = None, stance: str | None = None, since: str | None = None,
                    until: str | None = None) -> list[dict]:
        """`limit` claims from `offset` (in indexing order, of one `stance` if given) toward the target,
        reading only the shards they are in."""
        target = self.target(toward)
        code = country.upper() if country else None
        if since is not None or until is not None:
            rows = [c for c in self._in_period("claims", code, toward, since, until)
                    if stance is None or c["stance"] == stance]
            return [dict(c) for c in rows[max(0, offset):][:limit]]
        column = STANCES.index(stance) if stance else None
        out: list[dict] = []
        skip = max(0, offset)
        for s in self._shards if target else []:
            if len(out) >= limit:
                break
            counts = self._toward_counts(s, target)
            picked = counts.values() if code is None else [counts.get(code, [0, 0, 0])]
            n = sum(sum(c) if column is None else c[column] for c in picked)
            if skip >= n:
                skip -= n
                continue
            rows = [c for c in self._claims_of(s["name"], target)
                    if (code is None or c["country"] == code) and (stance is None or c["stance"] == stance)]
            out += rows[skip:skip + limit - len(out)]
            skip = 0
        return out

    def stance_counts(self, country: str | None = None, toward: str | None = None, since: str | None = None,
                      until: str | None = None) -> dict[str, int]:
        """How many claims (of one country) toward the target take each stance: from the shard
        summaries, no shard read (with a period, from its claims)."""
        target = self.target(toward)
        code = country.upper() if country else None
        if since is not None or until is not None:
            got = Counter(c["stance"] for c in self._in_period("claims", code, toward, since, until)) if target else {}
            return {st: got.get(st, 0) for st in STANCES}
        total = [0, 0, 0]
        for s in self._shards if target else []:
            counts = self._toward_counts(s, target)
            for c in (counts.values() if code is None else [counts.get(code, [0, 0, 0])]):
                for k in range(3):
                    total[k] += c[k]
        out = dict(zip(STANCES, total))
        return out

    def events(self, country: str | None = None, doc: str | None = None, since: str | None = None,
               until: str | None = None) -> list[dict]:
        """Events sorted by date (undated last), optionally for one country or document, or dated
        since..until (an event by its own date, at its own precision: see store.period)."""
        code = country.upper() if country else None
        rows = [dict(e) for p in self._pages if code is None or p["countries"].get(code)
                for e in self._rows("events", f"{p['name']}.json", "events")
                if (code is None or code in e.get("countries", [])) and (doc is None or e["doc"] == doc)
                and in_range(e.get("date"), since, until)]
        # Stored in this order already; sorting again costs one pass and keeps the promise.
        rows.sort(key=lambda e: (e.get("date") is None, e.get("date") or "", e["doc"], e["start"]))
        return rows

    def _event_page(self, p: dict) -> list[dict]:
        return self._rows("events", f"{p['name']}.json", "events")

    def _kinds_in(self, p: dict, code: str | None) -> dict[str, int]:
        """Events per kind on event page `p` (of one country): its summary, or the page itself
        for a store built before summaries held kinds."""
        if "kinds" in p:
            return p["kinds"] if code is None else (p.get("country_kinds") or {}).get(code, {})
        if code is not None and not p["countries"].get(code):
            return {}
        return dict(Counter(e.get("kind") or "other" for e in self._event_page(p)
                            if code is None or code in e.get("countries", [])))

    def event_kinds(self, country: str | None = None, since: str | None = None, until: str | None = None
                    ) -> dict[str, int]:
        """How many events (of one country, in a period) there are of each kind, most common first."""
        code = country.upper() if country else None
        total: Counter = Counter()
        if since is not None or until is not None:
            total.update(e.get("kind") or "other" for e in self._in_period("events", code, None, since, until))
        for p in self._pages if since is None and until is None else ():
            total.update(self._kinds_in(p, code))
        return dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))

    def events_page(self, country: str | None = None, offset: int = 0, limit: int = 200,
                    kind: str | None = None, since: str | None = None, until: str | None = None) -> list[dict]:
        """`limit` events from `offset` in date order (undated last), of one `kind` if given,
        reading only the pages needed."""
        code = country.upper() if country else None
        if since is not None or until is not None:
            rows = [e for e in self._in_period("events", code, None, since, until)
                    if kind is None or (e.get("kind") or "other") == kind]
            return [dict(e) for e in rows[max(0, offset):][:limit]]
        out: list[dict] = []
        skip = max(0, offset)
        for p in self._pages:
            if len(out) >= limit:
                break
            if kind is not None:
                n = self._kinds_in(p, code).get(kind, 0)
            else:
                n = p["events"] if code is None else p["countries"].get(code, 0)
            if skip >= n:
                skip -= n
                continue
            rows = [e for e in self._event_page(p) if (code is None or code in e.get("countries", []))
                    and (kind is None or (e.get("kind") or "other") == kind)]
            out += [dict(e) for e in rows[skip:skip + limit - len(out)]]
            skip = 0
        return out

    def cluster(self, event: dict) -> list[dict]:
        """Every event reporting the same happening as `event` (itself included), by document order.

        Reads only the pages its cluster is on when the store lists them (`cluster_pages`).
        """
        cid = event.get("cluster")
        if not cid:
            return [dict(event)]
        names = set(event.get("cluster_pages") or (p["name"] for p in self._pages))
        rows = [dict(e) for p in self._pages if p["name"] in names for e in self._event_page(p)
                if e.get("cluster") == cid]
        return sorted(rows, key=lambda e: (e.get("date") is None, -len(e.get("date") or ""), e["doc"], e["start"]))

    # ------------------------------------------------------------ search
    @cached_property
    def index(self):
        from .search import SearchIndex

        with self._rebuild_hint():
            index = SearchIndex(self.generation / "search")
            build = self.meta.get("build")
            if build and index.manifest.get("build") != build:
                raise CorruptStore("the search index comes from another build of the store")
        return index

    def search(self, query: str, limit: int = 20, partial: bool = False, since: str | None = None,
               until: str | None = None) -> list[dict]:
        """Ranked passages for `query` (the syntax of INTERFACES.md), best first.

        `partial=True` is for a query still being typed: its last word also matches as a prefix.
        `since` / `until` (YYYY, YYYY-MM or YYYY-MM-DD, inclusive at their precision) keep the
        passages of articles published then; with a `date:` in the query, both apply.
        Raises InputError for a query that is not text (a lone surrogate, as from bytes that
        were not UTF-8) or a bad `since` / `until` (no date, or since after until), and
        CorruptStore when the index fails to read. A `date:` or `country:` that names nothing
        gives no hits and says why in the result's `notes`.
        """
        bad = _LONE_SURROGATE.search(query)
        if bad:
            byte = ord(bad.group())
            shown = f"\\x{byte - 0xDC00:02x}" if 0xDC80 <= byte <= 0xDCFF else f"U+{byte:04X}"
            raise InputError(f"the query is not text: {shown} at character {bad.start() + 1} is not UTF-8")
        index = self.index
        with self._rebuild_hint():
            try:
                return index.search(query, limit=limit, partial=partial, since=since, until=until)
            except (ValueError, OSError) as exc:  # tantivy's own errors: a damaged segment file
                raise CorruptStore(f"the search index cannot be read ({str(exc)[:160]})") from exc

    def search_count(self, query: str, partial: bool = False, since: str | None = None,
                     until: str | None = None) -> int:
        """How many passages `query` matches in all (what `search` ranks), however few it returns."""
        return self.index.count(query, partial=partial, since=since, until=until)

    # ------------------------------------------------------------ provenance
    def verify_span(self, record: dict) -> bool:
        """Whether a mention/claim/event's quote still stands at its offsets in the store's text."""
        doc = record.get("doc")
        text = self._text(doc) if isinstance(doc, str) else None
        if text is None:
            return False
        start, end = record.get("start"), record.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            return False
        quote = record.get("text")
        return quote is None or text[start:end] == quote

    def source_status(self, doc_id: str) -> str:
        """Whether a document's source file is still as indexed: "ok", "changed", "missing" or
        "unreadable", or "refused" outside the folders it was built from (store.verify.source_status:
        size, modification time, then hash).

        A file is hashed once per change of its size or time, however often it is asked about.
        """
        from .verify import source_path, source_status

        doc = self._documents_by_id[self.resolve(doc_id)]
        path = source_path(self.path, doc)
        try:
            st = os.stat(path) if path is not None else None
            signature = (st.st_size, st.st_mtime_ns) if st else None
        except OSError:
            signature = None
        cached = self._source_status.get(doc["id"])
        if signature is not None and cached is not None and cached[0] == signature:
            return cached[1]
        status, _ = source_status(self.path, doc, self.roots())
        self._source_status[doc["id"]] = (signature, status)
        return status

    def export(self) -> dict:
        """The whole index as one JSON-ready object (schema 1 of INTERFACES.md)."""
        from .export import export

        return export(self)
