"""The search box's query language, parsed into plain data.

    word word        every term, in one passage (any order); `a AND b` says the same
    "exact phrase"   the words side by side, in these forms (case and accents aside)
    "a b"~N          the words within N positions of each other, in any order
    a OR b           either (also `a | b`); binds the units on each side
    -word -"phrase"  leaves out documents that contain it; `NOT word` says the same
    pref*            any word starting with `pref`
    word~1 word~2    the word or one within one (two) edits of it: `sancions~1`
    country:RU lang:es doc:ID   filters (country also takes a name: country:Rusia)
    date:2025-12..2026-01       articles published in that period (also `fecha:`)

`date:` takes a period: `2025-12..2026-01`, `2025-12..`, `..2025-06`, or one date
(`2025`, `2025-12`, `2025-12-05`: all of it). Each bound is a YYYY, YYYY-MM or
YYYY-MM-DD, inclusive at its precision: `..2025-06` holds 2025-06-30, `2025-12..`
holds 2025-12-01. The date is the article's publication date; an undated article is
in no period, and an article dated only to its month or year is in every period that
overlaps it (store.period holds these rules, shared with `fuente export`). Several
`date:` filters all apply. The parser keeps the value as typed: a value that is no
period (`date:2025-13`, `date:soon`, `date:2026..2025`) is the engine's to report,
with no hits, as it does an unknown country.

AND, OR and NOT are operators only in capitals; `and`, `or`, `not` are words.
Nothing here can fail: text that is not valid syntax (an unclosed quote, a lone
`-`, a dangling OR or NOT, `key:` with nothing after it, an unknown `key:`) is read
as plain words. The parser knows nothing about analyzers or the index; the search
engine turns each unit into tantivy clauses.

Plain classes rather than dataclasses: this module is on the path of every
`fuente search`, and `dataclasses` alone costs a fresh process several milliseconds.
"""
from __future__ import annotations

import re

# Quotes users type or paste: straight, curly and angle quotes each close their own kind.
_QUOTES = {'"': '"', "“": "”", "”": "”", "«": "»", "„": "“"}
_SPACE = re.compile(r"\s+")
_FUZZY = re.compile(r"^(.*[^\W_].*?)~([0-9]?)$", re.S)
_SLOP = re.compile(r"~([0-9]{1,3})(?=\s|$)")
MAX_FUZZY = 2  # edits: tantivy's fuzzy queries stop at two, and more finds every short word
MAX_SLOP = 100
_FILTER = re.compile(r"^(country|lang|language|idioma|pais|país|doc|date|fecha)\s*:(.*)$", re.I | re.S)
_FILTER_ALIAS = {"language": "lang", "idioma": "lang", "pais": "country", "país": "country", "fecha": "date"}
# Language names a reader may type after lang: (ISO codes pass through).
_LANG_NAMES = {
    "spanish": "es", "español": "es", "espanol": "es", "castellano": "es", "english": "en", "inglés": "en",
    "ingles": "en", "portuguese": "pt", "portugués": "pt", "portugues": "pt", "french": "fr", "francés": "fr",
    "frances": "fr", "italian": "it", "italiano": "it", "german": "de", "alemán": "de", "aleman": "de",
}


class Term:
    """One unit of a query: a `word`, a quoted `phrase`, a `prefix` (text without the `*`) or a
    `fuzzy` word. `slop` is a phrase's allowed distance between its words, or a fuzzy word's edits."""

    __slots__ = ("text", "kind", "slop")

    def __init__(self, text: str, kind: str = "word", slop: int = 0) -> None:
        self.text, self.kind, self.slop = text, kind, slop

    def _key(self) -> tuple:
        return (self.text, self.kind, self.slop)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Term) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def as_dict(self) -> dict:
        return {"text": self.text, "kind": self.kind, "slop": self.slop}

    def __repr__(self) -> str:
        extra = f", slop={self.slop}" if self.slop else ""
        return f"Term({self.text!r}, {self.kind!r}{extra})"


class ParsedQuery:
    """A query as data: every group must match (a group matches when any of its terms does).

    `excluded` terms leave out whole documents; `filters` maps country/lang/doc/date to the
    values asked for (lang and doc values are alternatives, country and date values all apply).
    """

    __slots__ = ("groups", "excluded", "filters")

    def __init__(self, groups: list[list[Term]] | None = None, excluded: list[Term] | None = None,
                 filters: dict[str, list[str]] | None = None) -> None:
        self.groups: list[list[Term]] = groups if groups is not None else []
        self.excluded: list[Term] = excluded if excluded is not None else []
        self.filters: dict[str, list[str]] = filters if filters is not None else {}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ParsedQuery) and (self.groups, self.excluded, self.filters) == (
            other.groups, other.excluded, other.filters)

    def as_dict(self) -> dict:
        """The query as JSON-ready data."""
        return {"groups": [[t.as_dict() for t in g] for g in self.groups],
                "excluded": [t.as_dict() for t in self.excluded], "filters": self.filters}

    def __repr__(self) -> str:
        return f"ParsedQuery(groups={self.groups!r}, excluded={self.excluded!r}, filters={self.filters!r})"

    @property
    def terms(self) -> list[str]:
        """Required single words."""
        return [g[0].text for g in self.groups if len(g) == 1 and g[0].kind == "word"]

    @property
    def phrases(self) -> list[str]:
        """Required quoted phrases."""
        return [g[0].text for g in self.groups if len(g) == 1 and g[0].kind == "phrase"]

    @property
    def prefixes(self) -> list[str]:
        """Required prefixes (without the `*`)."""
        return [g[0].text for g in self.groups if len(g) == 1 and g[0].kind == "prefix"]

    @property
    def or_groups(self) -> list[list[Term]]:
        """Groups of alternatives written with OR."""
        return [g for g in self.groups if len(g) > 1]

    @property
    def empty(self) -> bool:
        """Whether the query asks for nothing at all (no terms and no filters)."""
        return not self.groups and not self.filters


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _lex(text: str) -> list[tuple[str, str, bool, int]]:
    """(raw, kind, quoted, slop) chunks: `phrase` for a closed quote (with the N of a `~N` right
    after it), else whitespace-separated words."""
    out: list[tuple[str, str, bool, int]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        # A quote opens a phrase only at the start of a chunk, or after `-` / `key:`.
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        if j < n and text[j] in _QUOTES:
            head = text[i:j]
            close = text.find(_QUOTES[text[j]], j + 1)
            if close < 0 and text[j] in "“„":
                close = text.find('"', j + 1)  # a curly opener closed by a straight quote
            if (head in ("", "-") or _FILTER.match(head)) and close > j:
                slop = 0
                m = _SLOP.match(text, close + 1)
                if m:
                    slop = min(int(m.group(1)), MAX_SLOP)
                    close = m.end() - 1
                out.append((head + text[j + 1:close - (len(m.group()) if m else 0)], "phrase", True, slop))
                i = close + 1
                continue
            # Unclosed or mid-word quote: the quote character is dropped, the rest are words.
            text = text[:j] + " " + text[j + 1:]
            continue
        out.append((text[i:j], "word", False, 0))
        i = j
    return out


def _unit(raw: str, kind: str, slop: int = 0) -> Term | None:
    """A Term from a chunk, or None when it carries no word character."""
    if kind == "phrase":
        words = _SPACE.sub(" ", raw).strip()
        if not _has_word(words):
            return None
        # Words within N of each other: one word has no neighbour to be near.
        return Term(words, "phrase", slop if slop and len(words.split()) > 1 else 0)
    word = raw.lstrip("+")
    if word.endswith("*") and _has_word(word.rstrip("*")):
        return Term(word.rstrip("*"), "prefix")
    fuzzy = _FUZZY.match(word)
    if fuzzy and _has_word(fuzzy.group(1)) and not fuzzy.group(1).endswith("~"):
        edits = min(int(fuzzy.group(2) or 1), MAX_FUZZY)
        return Term(fuzzy.group(1), "fuzzy", edits) if edits else Term(fuzzy.group(1), "word")
    return Term(word, "word") if _has_word(word) else None


def _filter(key: str, value: str, parsed: ParsedQuery) -> bool:
    """Add a filter; False when the value is empty (the chunk is then read as words)."""
    key = _FILTER_ALIAS.get(key.lower(), key.lower())
    value = value.strip()
    if not value or not _has_word(value):
        return False
    if key == "lang":
        value = _LANG_NAMES.get(value.lower(), value.lower())
    parsed.filters.setdefault(key, [])
    if value not in parsed.filters[key]:
        parsed.filters[key].append(value)
    return True


def parse_query(text: str, partial: bool = False) -> ParsedQuery:
    """Parse a search-box query; never raises.

    With `partial` (results while typing), a last bare word that is still being typed
    (no space after it) also matches as a prefix.
    """
    parsed = ParsedQuery()
    if not isinstance(text, str):
        return parsed
    pending_or = False
    pending_not = False  # a NOT before the next unit
    last_group_open = False  # whether the previous chunk produced a group OR may extend
    for raw, kind, quoted, slop in _lex(text):
        if not quoted and raw in ("OR", "|", "||"):
            pending_or = last_group_open and not pending_not
            continue
        if not quoted and raw in ("AND", "&&"):
            pending_or = False  # `a OR AND b`: the AND wins, as it was typed last
            continue
        if not quoted and raw == "NOT":
            pending_not, pending_or = True, False
            continue
        negative = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negative else raw
        negative = negative or pending_not
        fm = _FILTER.match(body)
        if fm and not negative:
            if _filter(fm.group(1), fm.group(2), parsed):
                pending_or = last_group_open = False
                continue
            body = (fm.group(1) + " " + fm.group(2)).strip()  # empty filter: its words are searched
        unit = _unit(body, kind, slop)
        if unit is None:
            continue
        pending_not = False
        if negative:
            if unit not in parsed.excluded:
                parsed.excluded.append(unit)
            pending_or = last_group_open = False
            continue
        if pending_or and parsed.groups:
            if unit not in parsed.groups[-1]:
                parsed.groups[-1].append(unit)
        else:
            parsed.groups.append([unit])
        pending_or = False
        last_group_open = True
    if partial and text and not text[-1].isspace() and parsed.groups:
        last = parsed.groups[-1]
        tail = last[-1]
        if tail.kind == "word" and text.rstrip().endswith(tail.text) and tail.text.isalnum():
            last.append(Term(tail.text, "prefix"))
    return parsed
