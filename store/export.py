"""The export: the whole index as one JSON object, schema 1 of INTERFACES.md, or as tables
(CSV, Markdown) of one country and a span of dates.

It reads a store through the query API's methods (documents, countries, mentions,
events, claims, focus) and never imports store.api, which calls it.
"""
from __future__ import annotations

import csv
import io
import json
import re

from .period import in_range

DOCUMENT_FIELDS = ("id", "file", "title", "language", "published", "chars", "url")
COUNTRY_FIELDS = ("code", "name_en", "name_es", "bloc", "mentions", "documents", "stances", "contested")
MENTION_FIELDS = ("doc", "country", "start", "end", "text", "form")
EVENT_FIELDS = ("id", "doc", "date", "start", "end", "countries", "kind", "summary", "cluster", "date_text",
                "qualifier")
CLAIM_FIELDS = ("id", "doc", "country", "stance", "start", "end", "text", "support", "target", "cue", "via")
RELATION_FIELDS = ("id", "doc", "actor", "target", "stance", "start", "end", "text", "cue", "support", "implicit")


def _pick(row: dict, fields: tuple[str, ...]) -> dict:
    return {f: row.get(f) for f in fields}


def export(store) -> dict:
    """Schema-1 export of `store`: documents, countries, mentions, events, claims (toward the focus)
    and relations (every position read, whatever its target)."""
    events = sorted(store.events(), key=lambda e: (e["doc"], e["start"], e["end"]))
    return {
        "schema": 1,
        "focus": store.focus,
        "documents": [_pick(d, DOCUMENT_FIELDS) for d in store.documents()],
        "countries": [_pick(c, COUNTRY_FIELDS) for c in store.countries()],
        "mentions": [_pick(m, MENTION_FIELDS) for m in store.mentions()],
        "events": [_pick(e, EVENT_FIELDS) for e in events],
        "claims": [_pick(c, CLAIM_FIELDS) for c in store.claims()],
        "relations": [_pick(r, RELATION_FIELDS) for r in store.relations()],
    }


# ---------------------------------------------------------------- tables: CSV and Markdown
# `fuente export --format csv|md` and the app's `e` write the same tables. Article text is data:
# CSV goes through the csv module (quotes, commas and newlines survive a round trip), and a
# Markdown cell escapes `|`, backslashes and every character Markdown reads as markup, with
# line breaks as <br>.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def cell_text(value) -> str:
    """A value as one cell's plain text: lists joined, mappings as JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def md_cell(value) -> str:
    """A Markdown table cell holding `value` literally."""
    text = _MD_SPECIAL.sub(r"\\\1", cell_text(value))
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def markdown(tables: dict[str, tuple[list[str], list[dict]]], title: str = "") -> str:
    """Each table as a Markdown section: `## name (N rows)` and a pipe table."""
    out = [f"# {md_cell(title)}", ""] if title else []
    for name, (columns, rows) in tables.items():
        out += [f"## {name} ({len(rows)})", "", "| " + " | ".join(columns) + " |",
                "|" + "---|" * len(columns)]
        out += ["| " + " | ".join(md_cell(r.get(c)) for c in columns) + " |" for r in rows]
        out.append("")
    return "\n".join(out)


def csv_text(tables: dict[str, tuple[list[str], list[dict]]]) -> str:
    """The tables one after another in one CSV stream: a row `# table: NAME`, the header, the rows,
    then an empty row (csv.reader gives it as [])."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for name, (columns, rows) in tables.items():
        writer.writerow([f"# table: {name}"])
        writer.writerow(columns)
        writer.writerows([cell_text(r.get(c)) for c in columns] for r in rows)
        writer.writerow([])
    return buf.getvalue()


def read_csv_tables(text: str) -> dict[str, list[dict]]:
    """The tables of `csv_text` back as rows of strings (for scripts and tests)."""
    tables: dict[str, list[dict]] = {}
    name, header = None, None
    for row in csv.reader(io.StringIO(text)):
        if not row:
            name, header = None, None
        elif name is None and len(row) == 1 and row[0].startswith("# table: "):
            name = row[0][len("# table: "):]
            tables[name] = []
        elif name is not None and header is None:
            header = row
        elif name is not None:
            tables[name].append(dict(zip(header, row)))
    return tables


def index_tables(store, country: str | None = None, since: str | None = None,
                 until: str | None = None) -> dict[str, tuple[list[str], list[dict]]]:
    """The whole index as tables (documents, countries, events, claims, relations, mentions), of
    one `country` (a code) and of documents or events dated since..until where given.

    Dates: an event by its own date, everything else by its document's publication date."""
    data = export(store)
    published = {d["id"]: d.get("published") for d in data["documents"]}
    dated = {i for i, p in published.items() if in_range(p, since, until)}
    files = {d["id"]: d["file"] for d in data["documents"]}
    if country:
        data["countries"] = [c for c in data["countries"] if c["code"] == country]
        data["mentions"] = [m for m in data["mentions"] if m["country"] == country]
        data["events"] = [e for e in data["events"] if country in (e.get("countries") or [])]
        data["claims"] = [c for c in data["claims"] if c["country"] == country]
        data["relations"] = [r for r in data["relations"] if country in (r["actor"], r["target"])]
        mentioned = {m["doc"] for m in data["mentions"]}
        data["documents"] = [d for d in data["documents"] if d["id"] in mentioned]
    data["documents"] = [d for d in data["documents"] if d["id"] in dated]
    data["events"] = [e for e in data["events"] if in_range(e.get("date"), since, until)]
    for kind in ("claims", "relations", "mentions"):
        data[kind] = [r for r in data[kind] if r["doc"] in dated]
    for kind in ("events", "claims", "relations", "mentions"):
        for r in data[kind]:
            r["file"], r["published"] = files.get(r["doc"]), published.get(r["doc"])
    fields = {"documents": DOCUMENT_FIELDS, "countries": COUNTRY_FIELDS,
              "events": EVENT_FIELDS + ("file", "published"), "claims": CLAIM_FIELDS + ("file", "published"),
              "relations": RELATION_FIELDS + ("file", "published"), "mentions": MENTION_FIELDS + ("file", "published")}
    return {kind: (list(cols), data[kind]) for kind, cols in fields.items()}
