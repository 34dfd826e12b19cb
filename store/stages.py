"""The per-document stages, in pipeline order: what one file becomes before it meets the corpus.

    segment → find countries → read relations (who backs or opposes whom) → find dates and events → annotate

A thin runner over the stage modules, shared by the builder (store.build) and its worker
processes (store.parallel), so neither has to reach into the other. Each stage stays a
pure function in its own module.
"""
from __future__ import annotations

from bisect import bisect_right

from . import claims as claims_stage
from . import countries as countries_stage
from . import events as events_stage
from .dates import fold
from .segment import segment


def extract(doc: dict, focus: str | None = None,
            keep: bool = False) -> tuple[list[dict], list[dict], list[dict], "claims_stage.Reading"]:
    """Passages, mentions, events and relations of one document.

    Relations need the corpus's focus only for what a document says with no target named
    (see store.parallel). They come before events: a statement with no date of its own
    ("X condemned...") is an event of the article's day when a country is its actor. With `keep`,
    the reading keeps what its relations were given from (for another focus, later)."""
    passages = [dict(p.as_dict(), doc=doc["id"], id=f"{doc['id']}:{i}")
                for i, p in enumerate(segment(doc["text"], doc["body"]))]
    mentions = countries_stage.find_mentions(doc["text"], passages, doc["language"])
    for m in mentions:
        m["doc"] = doc["id"]
    folded = fold(doc["text"])  # the claims and events stages read the same folded text
    reading = claims_stage.find_relations(doc, passages, mentions, focus, folded, keep)
    events = events_stage.find_events(doc, passages, mentions, reading.relations, folded)
    return passages, mentions, events, reading


def annotate(passages: list[dict], mentions: list[dict]) -> None:
    """Countries on each passage (for search filters); each mention's passage bounds (for snippets)."""
    starts = [p["start"] for p in passages]
    for m in mentions:
        # The passage starting last at or before the mention, when it reaches the mention's end.
        i = bisect_right(starts, m["start"]) - 1
        if i >= 0 and passages[i]["end"] >= m["end"]:
            m["passage_start"], m["passage_end"] = passages[i]["start"], passages[i]["end"]
    ordered = sorted(mentions, key=lambda m: m["start"])
    m_starts = [m["start"] for m in ordered]
    for p in passages:
        lo, hi = bisect_right(m_starts, p["start"] - 1), bisect_right(m_starts, p["end"] - 1)
        p["countries"] = sorted({m["country"] for m in ordered[lo:hi] if m["end"] <= p["end"]})


def warm_up() -> None:
    """Run every stage once on a small text, so the gazetteer and the cue lexicons are loaded
    (before the builder forks its workers, which then share them)."""
    text = "Rusia y Venezuela firmaron un acuerdo el 7 de mayo de 2025. Brasil apoyó a Venezuela.\n"
    doc = {"id": "warm", "text": text, "body": 0, "language": "es", "published": None, "file": "warm.txt"}
    extract(doc, "VE")
