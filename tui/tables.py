"""Plain tables for the CLI (Rich on a terminal, tab-separated text in a pipe).

Article text reaches them only as `rich.text.Text`, never as markup, and with
control characters neutralized, so an article cannot style or script the terminal.
"""
from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .safe import neutralize


def _cell(value) -> Text:
    return Text(neutralize("" if value is None else str(value)).replace("\n", " "))


def _emit(columns: list[str], rows: list[list]) -> None:
    if sys.stdout.isatty():
        table = Table(*columns, show_lines=False, header_style="bold")
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
        Console().print(table)
    else:
        print("\t".join(columns))
        for row in rows:
            print("\t".join(neutralize("" if v is None else str(v)).replace("\t", " ").replace("\n", " ")
                            for v in row))


def _stances(row: dict) -> str:
    s = row.get("stances") or {}
    return f"{s.get('supports', 0)} supports / {s.get('opposes', 0)} opposes / {s.get('neutral', 0)} neutral"


def print_countries(store, rows: list[dict]) -> None:
    _emit(["code", "name", "nombre", "mentions", "docs", "stances", "contested"],
          [[r["code"], r["name_en"], r["name_es"], r["mentions"], r["documents"], _stances(r),
            "contested" if r.get("contested") else ""] for r in rows])


def _file(store, doc_id: str) -> str:
    return next((d["file"] for d in store.documents() if d["id"] == doc_id), doc_id)


def print_events(store, rows: list[dict]) -> None:
    _emit(["date", "kind", "countries", "summary", "source"],
          [[r.get("date") or "undated", r.get("kind"), " ".join(r.get("countries", [])), r.get("summary"),
            f"{_file(store, r['doc'])}:{r['start']}-{r['end']}"] for r in rows])


def print_claims(store, rows: list[dict]) -> None:
    _emit(["country", "stance", "support", "quote", "source"],
          [[r["country"], r["stance"], r.get("support") or "", r.get("text"),
            f"{_file(store, r['doc'])}:{r['start']}-{r['end']}"] for r in rows])


def print_hits(store, hits: list[dict]) -> None:
    _emit(["score", "source", "snippet"],
          [[f"{h['score']:.2f}", f"{h.get('file')}:{h['start']}-{h['end']}", h.get("snippet")] for h in hits])
    if not hits:
        print("no passages match: try fewer words", file=sys.stderr)
