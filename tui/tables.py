"""Plain tables for the CLI (Rich on a terminal, tab-separated text in a pipe).

Article text reaches them only as `rich.text.Text`, never as markup, and with
control characters neutralized, so an article cannot style or script the terminal.
In a pipe each row stays one line: tabs and newlines inside a value become spaces.
"""
from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .safe import neutralize


def _plain(value) -> str:
    return neutralize("" if value is None else str(value)).replace("\t", " ").replace("\n", " ")


def _emit(columns: list[str], rows: list[list]) -> None:
    if sys.stdout.isatty():
        table = Table(*columns, show_lines=False, header_style="bold")
        for row in rows:
            table.add_row(*(Text(_plain(v)) for v in row))
        # Cells are Text already; no highlighting of numbers or URLs inside article text.
        Console(highlight=False, emoji=False).print(table)
    else:
        print("\t".join(columns))
        for row in rows:
            print("\t".join(_plain(v) for v in row))


def _stances(row: dict) -> str:
    s = row.get("stances") or {}
    return f"{s.get('supports', 0)} supports / {s.get('opposes', 0)} opposes / {s.get('neutral', 0)} neutral"


def print_countries(store, rows: list[dict]) -> None:
    _emit(["code", "name", "nombre", "mentions", "docs", "stances", "contested"],
          [[r["code"], r["name_en"], r["name_es"], r["mentions"], r["documents"], _stances(r),
            "contested" if r.get("contested") else ""] for r in rows])


def _files(store) -> dict[str, str]:
    """Document id -> file name, built once per table (a lookup per row would be quadratic)."""
    return {d["id"]: d["file"] for d in store.documents()}


def _source(files: dict[str, str], r: dict) -> str:
    return f"{files.get(r['doc'], r['doc'])}:{r['start']}-{r['end']}"


def print_events(store, rows: list[dict]) -> None:
    files = _files(store)
    _emit(["date", "kind", "countries", "summary", "source"],
          [[r.get("date") or "undated", r.get("kind"), " ".join(r.get("countries", [])), r.get("summary"),
            _source(files, r)] for r in rows])


def print_claims(store, rows: list[dict]) -> None:
    files = _files(store)
    published = store.published
    _emit(["country", "stance", "toward", "support", "quote", "source", "published"],
          [[r["country"], r["stance"], r.get("target") or "", r.get("support") or "", r.get("text"), _source(files, r),
            published.get(r["doc"]) or ""] for r in rows])


def print_hits(store, hits: list[dict]) -> None:
    _emit(["score", "source", "snippet"],
          [[f"{h['score']:.2f}", f"{h.get('file')}:{h['start']}-{h['end']}", h.get("snippet")] for h in hits])
    if not hits:
        print("no passages match: try fewer words", file=sys.stderr)
