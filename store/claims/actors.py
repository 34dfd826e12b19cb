"""People a document ties to a country: "Foreign Minister Sergei Lavrov", "el canciller ruso, Serguéi Lavrov".

The gazetteer knows heads of state and a few officials (store/data/leaders.json); news
quotes many more people, and says once who they are: a title and a country next to the
name ("Japanese Prime Minister Sanae Takaichi", "Greenland's premier, Jens-Frederik
Nielsen", "Andriy Yusov, a spokesman for Ukraine's military intelligence"). Every later
mention of the full name or the surname then stands for that country. A name with a title
and no country is still a person (an actor the reader resolves from context).
"""
from __future__ import annotations

import re

from ..dates import fold

_CAP = r"[A-ZÁÉÍÓÚÑÜÇÀÈÒÂÊÎÔÛØÅÆ][\w'’\-]+"
_PARTICLE = r"(?:de|da|del|van|von|der|den|al|bin|ibn|el|dos|das|du|le|la|di|ben|ould|abu)"
_NAME = re.compile(rf"(?<![\w'’\-]){_CAP}(?:[ \t]+(?:(?:{_PARTICLE}[ \t]+){{1,2}}|al-)?{_CAP}){{1,5}}")
_WORD = re.compile(r"[\w'’]+|[^\w\s]")
_GLUE = frozenset("de del of the el la los las y and".split())  # words a title and its country may share


def people(text: str, folded: str, mentions: list[dict], titles: frozenset[str], stop: frozenset[str],
           topics: dict[tuple[int, int], list[str]] | None = None) -> list[tuple[int, int, str | None]]:
    """(start, end, country or None) of each name of a person in `text`, mentions excluded.

    `titles` are folded title words (minister, presidente...); `stop` folded capitalized words
    that are not names (months, weekdays, articles); `topics` maps a passage's (start, end) to
    the list topic it sits under, which a name with no country of its own takes.
    """
    ms = sorted((m["start"], m["end"], m["country"]) for m in mentions)
    covered = _Covered(ms)
    found: list[tuple[int, int]] = []
    for m in _NAME.finditer(text):
        s, e = m.start(), m.end()
        words = m.group().split()
        # peel titles and non-name words off the front: "Foreign Minister Sergei Lavrov"
        while words and (fold(words[0]) in titles or fold(words[0]) in stop
                         or covered.overlaps(s, s + len(words[0]))):  # "Greenlandic Prime Minister Jens-Frederik..."
            s = text.index(words[0], s) + len(words[0])
            while s < e and text[s].isspace():
                s += 1
            words = words[1:]
        if len(words) < 2 or covered.overlaps(s, e) or any(fold(w) in stop for w in words):
            continue  # "Seven European leaders", "Supreme Court": not a person
        found.append((s, e))
    links: dict[str, str] = {}  # folded full name or surname -> country
    for s, e in found:
        code = _country_near(text, folded, s, e, ms, titles)
        if code is None and topics:
            code = _topic_at(topics, s)
        if code:
            full = fold(text[s:e])
            links.setdefault(full, code)
            surname = full.split()[-1]
            if len(surname) >= 4:
                links.setdefault(surname, code)
    out = [(s, e, links.get(fold(text[s:e]))) for s, e in found]
    if links:
        surnames = {k for k in links if " " not in k}
        named = {(s, e) for s, e in found}
        for w in re.finditer(r"(?<![\w'’\-])[A-ZÁÉÍÓÚÑ][\w’'\-]{3,}", text):
            key = fold(w.group())
            if key in surnames and not covered.overlaps(w.start(), w.end()) \
                    and not any(a <= w.start() < b for a, b in named):
                out.append((w.start(), w.end(), links[key]))
    out.sort()
    return out


def _country_near(text: str, folded: str, s: int, e: int, ms: list[tuple[int, int, str]],
                  titles: frozenset[str]) -> str | None:
    """The country a title next to the name names: before it ("Russian Foreign Minister X",
    "el canciller ruso, X") or in an apposition after it ("X, Russia's foreign minister")."""
    lo = max(0, s - 70)
    before = [(a, b, c) for a, b, c in ms if lo <= a and b <= s]
    for a, b, c in reversed(before):
        gap = folded[b:s]
        words = [w for w in _WORD.findall(gap) if w not in (",", "'s", "’s", "-")]
        if len(words) <= 5 and any(w in titles for w in words) and all(w in titles or w in _GLUE for w in words):
            return c  # "Russian Foreign Minister X", "el canciller ruso, X", "la primera ministra nipona, X"
        if not words and folded[b:s].strip() in ("", "'s", "’s", ","):
            return c  # "Russia's Lavrov", "el portavoz de la cancillería china, Guo Jiakun"
        break
    hi = min(len(text), e + 60)
    after = [(a, b, c) for a, b, c in ms if e <= a and b <= hi]
    if after and text[e:e + 2].startswith(","):
        a, b, c = after[0]
        gap = folded[e:a]
        words = [w for w in _WORD.findall(gap) if w not in (",",)]
        if len(words) <= 6 and any(w in titles for w in words) and "." not in gap:
            return c
    return None


def _topic_at(topics: dict[tuple[int, int], list[str]], pos: int) -> str | None:
    """The single country of the list item holding `pos`, if any."""
    for (start, end), codes in topics.items():
        if start <= pos < end:
            return codes[0] if len(codes) == 1 else None
    return None


class _Covered:
    def __init__(self, spans):
        self.spans = spans
        self.starts = [a for a, _, _ in spans]

    def overlaps(self, s: int, e: int) -> bool:
        from bisect import bisect_left
        i = bisect_left(self.starts, e)
        for a, b, _ in self.spans[max(0, i - 3):i]:
            if a < e and s < b:
                return True
        return False
