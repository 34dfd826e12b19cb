"""Anchors that tell the truth: where a bookmarked quote stands in a document's text now.

A bookmark keeps its quote, the offsets it had, and about 30 characters on either side. Against
the current text it is `exact` (the quote still at its offsets), `moved` (found elsewhere: the
occurrence whose surroundings match the kept context best, the nearest to the old offsets on a
tie) or `orphaned` (not in the text, or the document is gone). An orphan is never attached to
other text: a reader sees its old quote under its own heading.
"""
from __future__ import annotations

from typing import NamedTuple

CONTEXT = 30  # characters kept on either side of a quote
EXACT, MOVED, ORPHANED = "exact", "moved", "orphaned"
MARK = {EXACT: "✓ exact", MOVED: "↪ moved", ORPHANED: "✗ orphaned"}


class Anchor(NamedTuple):
    """Where a quote stands now: its state and offsets (the old ones for an orphan)."""

    state: str
    start: int
    end: int


def capture(text: str, start: int, end: int) -> dict:
    """The quote `text[start:end]` with the context kept to find it again."""
    return {"start": start, "end": end, "quote": text[start:end],
            "before": text[max(0, start - CONTEXT):start], "after": text[end:end + CONTEXT]}


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def occurrences(text: str, quote: str) -> list[int]:
    """Every offset where `quote` starts in `text` (overlapping ones included)."""
    out, at = [], text.find(quote)
    while at >= 0:
        out.append(at)
        at = text.find(quote, at + 1)
    return out


def reanchor(mark: dict, text: str | None) -> Anchor:
    """Where bookmark `mark` (quote, start, end, before, after) stands in `text` (None: document gone)."""
    quote, start, end = mark.get("quote") or "", int(mark.get("start", 0)), int(mark.get("end", 0))
    if text is None or not quote:
        return Anchor(ORPHANED, start, end)
    if text[start:end] == quote:
        return Anchor(EXACT, start, end)
    found = occurrences(text, quote)
    if not found:
        return Anchor(ORPHANED, start, end)
    before, after = mark.get("before") or "", mark.get("after") or ""

    def fit(at: int) -> tuple[int, int]:
        context = (_common_suffix(text[max(0, at - len(before)):at], before)
                   + _common_prefix(text[at + len(quote):at + len(quote) + len(after)], after))
        return -context, abs(at - start)

    best = min(found, key=fit)
    return Anchor(MOVED, best, best + len(quote))
