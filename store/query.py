"""The search box's query language, parsed into plain data.

    word word        every term, in one passage (any order)
    "exact phrase"   the words side by side, in these forms (case and accents aside)
    a OR b           either (also `a | b`); binds the units on each side
    -word -"phrase"  leaves out documents that contain it
    pref*            any word starting with `pref`
    country:RU lang:es doc:ID   filters (country also takes a name: country:Rusia)

Nothing here can fail: text that is not valid syntax (an unclosed quote, a lone
`-`, a dangling OR, `key:` with nothing after it, an unknown `key:`) is read as
plain words. The parser knows nothing about analyzers or the index; the search
engine turns each unit into tantivy clauses.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Quotes users type or paste: straight, curly and angle quotes each close their own kind.
_QUOTES = {'"': '"', "“": "”", "”": "”", "«": "»", "„": "“"}
_SPACE = re.compile(r"\s+")
_FILTER = re.compile(r"^(country|lang|language|idioma|pais|país|doc)\s*:(.*)$", re.I | re.S)
_FILTER_ALIAS = {"language": "lang", "idioma": "lang", "pais": "country", "país": "country"}
# Language names a reader may type after lang: (ISO codes pass through).
_LANG_NAMES = {
    "spanish": "es", "español": "es", "espanol": "es", "castellano": "es", "english": "en", "inglés": "en",
    "ingles": "en", "portuguese": "pt", "portugués": "pt", "portugues": "pt", "french": "fr", "francés": "fr",
    "frances": "fr", "italian": "it", "italiano": "it", "german": "de", "alemán": "de", "aleman": "de",
}


@dataclass(frozen=True)
class Term:
    """One unit of a query: a `word`, a quoted `phrase` or a `prefix` (text without the `*`)."""

    text: str
    kind: str = "word"


@dataclass
class ParsedQuery:
    """A query as data: every group must match (a group matches when any of its terms does).

    `excluded` terms leave out whole documents; `filters` maps country/lang/doc to the
    values asked for (lang and doc values are alternatives, country values all apply).
    """

    groups: list[list[Term]] = field(default_factory=list)
    excluded: list[Term] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)

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


def _lex(text: str) -> list[tuple[str, str, bool]]:
    """(raw, kind, quoted) chunks: `phrase` for a closed quote, else whitespace-separated words."""
    out: list[tuple[str, str, bool]] = []
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
                out.append((head + text[j + 1:close], "phrase", True))
                i = close + 1
                continue
            # Unclosed or mid-word quote: the quote character is dropped, the rest are words.
            text = text[:j] + " " + text[j + 1:]
            continue
        out.append((text[i:j], "word", False))
        i = j
    return out


def _unit(raw: str, kind: str) -> Term | None:
    """A Term from a chunk, or None when it carries no word character."""
    if kind == "phrase":
        words = _SPACE.sub(" ", raw).strip()
        if not _has_word(words):
            return None
        return Term(words, "phrase")
    word = raw.lstrip("+")
    if word.endswith("*") and _has_word(word.rstrip("*")):
        return Term(word.rstrip("*"), "prefix")
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
    last_group_open = False  # whether the previous chunk produced a group OR may extend
    for raw, kind, quoted in _lex(text):
        if not quoted and raw in ("OR", "|", "||"):
            pending_or = last_group_open
            continue
        negative = raw.startswith("-") and len(raw) > 1
        body = raw[1:] if negative else raw
        fm = _FILTER.match(body)
        if fm and not negative:
            if _filter(fm.group(1), fm.group(2), parsed):
                pending_or = last_group_open = False
                continue
            body = (fm.group(1) + " " + fm.group(2)).strip()  # empty filter: its words are searched
        unit = _unit(body, kind)
        if unit is None:
            continue
        if negative:
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
