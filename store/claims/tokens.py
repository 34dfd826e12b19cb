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
_PHRASE_WORD = re.compile(r"[^\s\"“”«»\-–—]+")  # a cue phrase's words, without the quotes and dashes between them


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    word: str                # folded text
    code: str | None = None  # the country a mention or person stands for
    form: str | None = None  # mention form (name, demonym, capital, institution, leader, code) or "person"
    cue: Cue | None = None
    inner: str | None = None  # for a cue: the country of a demonym it swallowed ("an internal Chinese matter")

    @property
    def is_actor(self) -> bool:
        return self.code is not None


def tokenize(folded: str) -> list[tuple[int, int, str]]:
    """Every word and mark of a folded text, once per document: (start, end, text)."""
    return [(t.start(), t.end(), t.group()) for t in _TOKEN.finditer(folded)]


def units(folded: str, tokens: list[tuple[int, int, str]], mentions: list[dict],
          people: list[tuple[int, int, str]], hits: list[Hit]) -> list[Unit]:
    """The units of one passage from its `tokens` (a slice of `tokenize`): mentions first, then
    people, then cues; the other tokens fill the rest."""
    spans: list[tuple[int, int, int, object]] = []  # start, end, priority, payload
    spans.extend((m["start"], m["end"], 0, m) for m in mentions)
    spans.extend((s, e, 1, code) for s, e, code in people)
    spans.extend((h.start, h.end, 2, h) for h in hits)
    spans.sort(key=lambda x: (x[0], x[2], -x[1]))
    out: list[Unit] = []
    i, n = 0, len(tokens)
    taken_to = -1
    for s, e, prio, payload in spans:
        if s < taken_to:
            if prio == 0 and out and out[-1].cue is not None and payload.get("form") == "demonym":
                out[-1].inner = payload["country"]  # whose "internal ... matter" it is
            continue  # overlaps a unit already placed (a cue inside a mention, a name inside a longer one)
        while i < n and tokens[i][0] < s:
            t = tokens[i]
            out.append(Unit(t[0], t[1], t[2]))
            i += 1
        if prio == 0:
            out.append(Unit(s, e, folded[s:e], payload["country"], payload.get("form")))
        elif prio == 1:
            out.append(Unit(s, e, folded[s:e], payload, "person"))
        else:
            # the cue's words with single blanks: quotes and dashes between them are gaps ('"inalienable part" of')
            out.append(Unit(s, e, " ".join(_PHRASE_WORD.findall(folded, s, e)) or folded[s:e], cue=payload.cue))
        taken_to = e
        while i < n and tokens[i][0] < e:
            i += 1
    out.extend(Unit(t[0], t[1], t[2]) for t in tokens[i:])
    return out
