"""Listings read a page at a time: runs of loaded rows, with the rows between them counted.

A pane never holds a whole listing of a large store (a country's claims can run to hundreds of
thousands), yet it must never pretend the part it holds is all there is. `Pages` keeps the
rows fetched so far as runs (offset, rows) and reports what lies between them as `Gap`s, so a
screen can say "… 1,037 more" and fetch exactly that part when the reader gets there.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable, Iterator

PAGE = 100  # rows fetched at a time


@dataclass(frozen=True)
class Gap:
    """`count` rows from `offset` on that are not loaded yet."""

    offset: int
    count: int


class Pages:
    """The rows of one listing of `total` rows, fetched with `fetch(offset, limit)` when asked for."""

    def __init__(self, fetch: Callable[[int, int], list], total: int, page: int = PAGE) -> None:
        self.fetch = fetch
        self.total = max(0, total)
        self.page = max(1, page)
        self.runs: list[tuple[int, list]] = []  # sorted, disjoint, never adjacent (adjacent runs merge)

    # ---------------------------------------------------------------- state
    @property
    def loaded(self) -> int:
        return sum(len(rows) for _, rows in self.runs)

    @property
    def complete(self) -> bool:
        return self.loaded >= self.total

    def rows(self) -> list:
        """Every loaded row, in listing order."""
        return [row for _, rows in self.runs for row in rows]

    def row(self, offset: int):
        """The loaded row at `offset`, or None."""
        i = bisect_right([start for start, _ in self.runs], offset) - 1
        if i < 0:
            return None
        start, rows = self.runs[i]
        return rows[offset - start] if offset - start < len(rows) else None

    def entries(self) -> Iterator[tuple[int, object] | Gap]:
        """(offset, row) for each loaded row and a Gap for each stretch not loaded, in order."""
        at = 0
        for start, rows in self.runs:
            if start > at:
                yield Gap(at, start - at)
            for i, row in enumerate(rows):
                yield start + i, row
            at = start + len(rows)
        if at < self.total:
            yield Gap(at, self.total - at)

    # ---------------------------------------------------------------- loading
    def first(self) -> int:
        """Load the first page (if it is not); how many rows came in."""
        return self.load(0)

    def last(self) -> int:
        """Load the last page (if it is not), leaving a gap before it when the listing is long."""
        return self.load(self.total, backwards=True)

    def load(self, offset: int, backwards: bool = False) -> int:
        """Load up to a page of the rows not loaded yet from `offset` on (`backwards`: the page
        that ends just before `offset`), never past a loaded run; how many came in."""
        gap = self.gap_at(offset - 1 if backwards else offset)
        if gap is None:
            return 0
        if backwards:
            end = min(offset, gap.offset + gap.count)
            start = max(gap.offset, end - self.page)
        else:
            start = max(offset, gap.offset)
            end = min(gap.offset + gap.count, start + self.page)
        got = list(self.fetch(start, end - start))[:end - start]
        if len(got) < end - start:
            # The listing ends sooner than its total said (a summary out of step with its
            # rows): end it there rather than keep a gap that can never be filled.
            self.total = start + len(got)
            self.runs = [(s, r[:self.total - s]) for s, r in self.runs if s < self.total]
        if got:
            self._insert(start, got)
        return len(got)

    def preload(self, offset: int, rows: list) -> None:
        """Take rows fetched already (a search's first page comes from a worker)."""
        rows = list(rows)[:max(0, self.total - offset)]
        if rows:
            self._insert(offset, rows)

    def gap_at(self, offset: int) -> Gap | None:
        """The gap that holds row `offset`, or None when that row is loaded or outside the listing."""
        if not 0 <= offset < self.total:
            return None
        for entry in self.entries():
            if isinstance(entry, Gap) and entry.offset <= offset < entry.offset + entry.count:
                return entry
        return None

    def _insert(self, start: int, rows: list) -> None:
        runs = sorted(self.runs + [(start, rows)], key=lambda run: run[0])
        merged: list[tuple[int, list]] = []
        for s, r in runs:
            if merged and merged[-1][0] + len(merged[-1][1]) >= s:
                ps, pr = merged[-1]
                merged[-1] = (ps, pr + r[ps + len(pr) - s:])
            else:
                merged.append((s, list(r)))
        self.runs = merged
