"""Counts in words, agreeing with their nouns (no Rich: the CLI's fast paths use it)."""
from __future__ import annotations

IRREGULAR = {"country": "countries"}


def noun(n: int, word: str) -> str:
    """`word` (its last word, in a phrase) in the plural unless `n` is 1: "claim", "claims"."""
    if n == 1:
        return word
    head, _, last = word.rpartition(" ")
    many = IRREGULAR.get(last) or (last + "es" if last.endswith(("s", "x", "ch", "sh")) else last + "s")
    return f"{head} {many}" if head else many


def plural(n: int, word: str) -> str:
    """A count and its noun, the noun agreeing: "1 passage", "1,440 passages", "0 events"."""
    return f"{n:,} {noun(n, word)}"
