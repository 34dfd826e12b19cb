"""The hits of one query as a listing the results pane pages through.

The engine re-ranks its best hits for words side by side, and how deep it looks depends
on how many hits are asked for, so the hits 101-200 of a deeper search are not exactly
what follows the first 100 of a shallower one. Later pages are therefore taken from a
deeper ranking as the hits not shown yet, in its order: no hit is shown twice, and once
the list is complete every passage the engine counted is in it.
"""
from __future__ import annotations

from .paging import Pages


def key(hit: dict) -> tuple[str, int]:
    return hit["doc"], hit["start"]


class SearchListing:
    """`pages` lists the hits of `query` (`total` of them), the first page given, the rest fetched."""

    def __init__(self, store, query: str, first: list[dict], total: int, texts: dict[str, str],
                 page: int = 100, period: dict | None = None) -> None:
        self.store, self.query, self.texts = store, query, texts
        self.period = period or {}  # since/until, when the reader narrowed the app to a period
        self.pages = Pages(self.fetch, max(total, len(first)), page=page)
        self.pages.preload(0, first)

    def fetch(self, offset: int, limit: int) -> list[dict]:
        loaded = self.pages.rows()
        shown = {key(h) for h in loaded}
        before = sum(len(rows[:max(0, offset - start)]) for start, rows in self.pages.runs if start < offset)
        after = len(loaded) - before
        ranking = self.store.search(self.query, limit=offset + limit + after, partial=True, **self.period)
        fresh = [h for h in ranking if key(h) not in shown]
        rows = fresh[offset - before:offset - before + limit]
        for h in rows:
            if h["doc"] not in self.texts:
                self.texts[h["doc"]] = self.store.text(h["doc"])
        return rows
