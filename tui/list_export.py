"""`e`: the list on screen, every row of it (loaded or not), to a Markdown, CSV or JSON file with
full citations, in the user data folder's exports/ (named in the notice).

Each row is the citation `c` copies (tui.citation): the quote from the store, the document's
title, date, file, URL and offsets, a claim's country, stance and target, an event's date, kind
and countries; a bookmark adds its state, note and tags. The files are written with the writers
of `fuente export` (store.export): CSV through the csv module, Markdown cells escaped.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

from store.errors import FuenteError
from store.export import csv_text, markdown

from .citation import citation_fields, citation_text
from .clipboard import data_dir
from .paging import Gap

FORMATS = {"md": "Markdown", "csv": "CSV", "json": "JSON"}
COLUMNS = ["kind", "quote", "title", "date", "url", "file", "doc", "start", "end",
           "country", "country_name", "stance", "target", "support",
           "event_date", "event_kind", "countries", "state", "note", "tags", "citation"]
CORE = set(COLUMNS[:9]) | {"citation"}
MAX_ROWS = 100_000  # a list longer than this is the whole index: `fuente export` is the tool for it


def all_rows(widget) -> list[dict]:
    """Every row of a paged list, fetching the pages not loaded yet (up to MAX_ROWS)."""
    out = []
    for section in widget.sections:
        pages = section.pages
        while not pages.complete and pages.loaded < MAX_ROWS:
            gap = next((e for e in pages.entries() if isinstance(e, Gap)), None)
            if gap is None or not pages.load(gap.offset):
                break
        out += pages.rows()
    return out[:MAX_ROWS]


def cite(store, record: dict, by_code: dict, target: str | None, docs: dict) -> dict:
    """The export row of one record (a claim, event, mention, hit or bookmark)."""
    bookmark = "quote" in record and "state" in record
    base = dict(record.get("record") or {}, doc=record["doc"], start=record["start"], end=record["end"]) \
        if bookmark else record
    doc = docs.get(base["doc"])
    if doc is None:
        try:
            doc = store.document(base["doc"])
        except FuenteError:  # an orphan's document may be gone: cite what the bookmark kept
            doc = {"id": base["doc"], "file": record.get("file"), "title": record.get("title")}
        docs[base["doc"]] = doc
    if bookmark and record.get("state") == "orphaned":
        quote = record.get("quote")
    else:
        text = doc.get("text")
        quote = text[base["start"]:base["end"]] if text is not None else record.get("quote")
    own_target = (record.get("record") or {}).get("target") if bookmark else record.get("target")
    fields = citation_fields(base, doc, quote, by_code, own_target or target)
    if bookmark:
        fields.update(kind=record.get("kind") or fields["kind"], state=record.get("state"),
                      note=record.get("note") or "", tags=list(record.get("tags") or []))
    fields["citation"] = citation_text(fields)
    return fields


def export_file(kind: str, fmt: str, now: float | None = None, root: Path | None = None) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    folder = (root or data_dir()) / "exports"
    path = folder / f"fuente-{kind}-{stamp}.{fmt}"
    n = 2
    while path.exists():
        path = folder / f"fuente-{kind}-{stamp}-{n}.{fmt}"
        n += 1
    return path


def write(rows: list[dict], kind: str, fmt: str, title: str, path: Path) -> Path:
    """Write citation rows as `fmt` ("md", "csv", "json") to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # The citation's own columns always; a kind's extra ones (stance, event kind, note…) when any row has them.
    columns = [c for c in COLUMNS if c in CORE or any(r.get(c) not in (None, "", []) for r in rows)]
    if fmt == "json":
        body = json.dumps({"schema": 1, "kind": kind, "title": title, "rows": rows}, ensure_ascii=False, indent=1)
    elif fmt == "csv":
        # One table: csv_text's "# table:" row names it, then the header and the rows.
        body = csv_text({kind: (columns, rows)})
    else:
        body = markdown({kind: (columns, rows)}, title=title)
    path.write_text(body + ("" if body.endswith("\n") else "\n"), encoding="utf-8", newline="")
    return path
