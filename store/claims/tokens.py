"""A passage as a row of units: words, punctuation, country mentions, people and cue phrases.

A unit is one word or mark, or a longer span read as one thing: a country mention ("Estados
Unidos"), a person the document ties to a country ("Sergei Lavrov"), or a cue phrase
("closed ranks with"). The reader walks units, so a multi-word name or cue is one step.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Cue, Hit

_TOKEN = re.compile(r"['’]s\b|\w+|[^\w\s]")


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    word: str                # folded text
    code: str | None = None  # the country a mention or person stands for
    form: str | None = None  # mention form (name, demonym, capital, institution, leader, code) or "person"
    cue: Cue | None = None

    @property
    def is_actor(self) -> bool:
        return self.code is not None


def units(folded: str, a: int, b: int, mentions: list[dict], people: list[tuple[int, int, str]],
          hits: list[Hit]) -> list[Unit]:
    """The units of folded[a:b]. Mentions come first, then people, then cues; words fill the rest."""
    spans: list[tuple[int, int, int, object]] = []  # start, end, priority, payload
    for m in mentions:
        if a <= m["start"] and m["end"] <= b:
            spans.append((m["start"], m["end"], 0, m))
    for s, e, code in people:
        if a <= s and e <= b:
            spans.append((s, e, 1, code))
    for h in hits:
        if a <= h.start and h.end <= b:
            spans.append((h.start, h.end, 2, h))
    spans.sort(key=lambda x: (x[0], x[2], -x[1]))
    out: list[Unit] = []
    pos = a
    taken_to = a
    for s, e, prio, payload in spans:
        if s < taken_to:
            continue  # overlaps a unit already placed (a cue inside a mention, a name inside a longer one)
        for t in _TOKEN.finditer(folded, pos, s):
            out.append(Unit(t.start(), t.end(), t.group()))
        if prio == 0:
            out.append(Unit(s, e, folded[s:e], payload["country"], payload.get("form")))
        elif prio == 1:
            out.append(Unit(s, e, folded[s:e], payload, "person"))
        else:
            out.append(Unit(s, e, folded[s:e], cue=payload.cue))
        pos = taken_to = e
    for t in _TOKEN.finditer(folded, pos, b):
        out.append(Unit(t.start(), t.end(), t.group()))
    return out
