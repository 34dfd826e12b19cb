"""The stance lexicon and the token-level helpers the claims stage reads sentences and tables with.

The cues live in `store/data/stance_cues.json`; this module compiles them once per process,
scans text for them, and splits a passage into tokens, coordinated country groups and clauses.
"""
from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


STANCES = ("supports", "opposes", "neutral")
_DATA = Path(__file__).parent / "data" / "stance_cues.json"
_TOKEN = re.compile(r"\w+|[^\w\s]")
_WORD = re.compile(r"\w+")
_CUE_ROLES = frozenset({"cue", "relation", "directional", "hedge"})


@dataclass(frozen=True)
class _Cue:
    role: str
    stance: str | None = None
    weight: float = 0.0
    pos: str = "phrase"
    kind: str | None = None
    vs_other: str | None = None
    action: bool = False  # an act against someone (sanctions, strikes): what a condemnation answers
    negates: bool = False  # also negates the cue after it ("evitó condenar", "avoided backing")
    needs_target: bool = False  # a claim only when the focus is named as the receiver ("sent arms to")
    needs_object: bool = False  # takes the stance of its object cue ("joined the sanctions")
    if_negated: str | None = None  # the stance when negated, if not neutral ("refused to recognize")


@dataclass
class _Tok:
    start: int
    end: int
    word: str  # lowercase, accents removed
    mention: dict | None = None


@dataclass
class _Hit:
    start: int
    end: int
    cue: _Cue
    i: int = -1  # first and last token
    j: int = -1
    agents: list[int] = field(default_factory=list)  # token indices of the agent mentions
    partners: list[int] = field(default_factory=list)  # the other side of a relation, or the target
    prep: str = ""  # the preposition before `partners`


def _plain(s: str) -> str:
    """Lowercase without accents: word lists are compared in this form."""
    return "".join(c for c in unicodedata.normalize("NFD", s.lower()) if not unicodedata.combining(c))


class _Lexicon:
    """The cue data, compiled: one alternation per language, word sets for the rules."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.min_weight = float(data["min_weight"])
        self.factors = data["factors"]
        self.windows = data["windows"]
        self._entries: list[tuple[str, _Cue, list[str]]] = []
        for e in data["cues"]:
            cue = _Cue(e["role"], e["stance"], float(e["weight"]), e.get("pos", "phrase"), e.get("kind"),
                       e.get("vs_other"), action=bool(e.get("action")), negates=bool(e.get("negates")),
                       needs_target=bool(e.get("needs_target")), needs_object=bool(e.get("needs_object")),
                       if_negated=e.get("if_negated"))
            self._entries.append((e["lang"], cue, e["patterns"]))
        for e in data["modifiers"]:
            self._entries.append((e["lang"], _Cue(e["role"]), e["patterns"]))
        for kind, pats in data["kinds"].items():
            self._entries.append(("any", _Cue("kind", kind=kind), pats))
        self.words = {name: {lang: self._phrases(v) for lang, v in by_lang.items()}
                      for name, by_lang in data["words"].items() if isinstance(by_lang, dict)}
        t = data["table"]
        self.header = {k: re.compile(r"\b(?:" + "|".join(t[k]) + r")\b", re.I) for k in ("country", "stance", "support")}
        self.empty_cell = re.compile(r"^\W*(?:" + "|".join(t["empty_cells"]) + r")\W*$", re.I)
        self._compiled: dict[str, dict[str, tuple[re.Pattern, list[_Cue]]]] = {}

    @staticmethod
    def _phrases(spec: str) -> frozenset[tuple[str, ...]]:
        """Space-separated entries; the words of a phrase are joined by "_" ("such_as")."""
        return frozenset(tuple(_plain(w) for w in entry.split("_")) for entry in spec.split())

    def word_set(self, name: str, lang: str) -> frozenset[tuple[str, ...]]:
        """A word list for `lang`; every language's words together when `lang` is unknown."""
        by_lang = self.words[name]
        if lang not in by_lang:
            by_lang[lang] = frozenset().union(*(v for k, v in by_lang.items() if k in ("es", "en")))
        return by_lang[lang]

    def scanner(self, lang: str | None) -> dict[str, tuple[re.Pattern, list[_Cue]]]:
        """For each first letter, one compiled alternation of the patterns for `lang` that start
        with it (all languages when `lang` is unknown). Dispatching on the first letter of each
        word keeps the scan to a handful of alternatives per word instead of several hundred."""
        key = lang if lang in ("es", "en") else "*"
        if key not in self._compiled:
            by_first: dict[str, list[tuple[str, _Cue]]] = {}
            for elang, cue, pats in self._entries:
                if key == "*" or elang in (key, "any"):
                    for p in pats:
                        by_first.setdefault(_plain(p[0]), []).append((p, cue))
            table = {}
            for first, alts in by_first.items():
                # Longer patterns first, so "largely symbolic" wins over "symbolic" and "no reconoce" over "no".
                alts.sort(key=lambda pc: -len(pc[0]))
                rx = "(?:" + "|".join(f"(?P<g{n}>{p})" for n, (p, _) in enumerate(alts)) + r")(?!\w)"
                table[first] = (re.compile(rx, re.I), [c for _, c in alts])
            self._compiled[key] = table
        return self._compiled[key]


def _scan(table: dict[str, tuple[re.Pattern, list[_Cue]]], text: str, a: int, b: int) -> list[_Hit]:
    """Cue hits in text[a:b]: at each word start, the longest listed pattern that ends a word."""
    out: list[_Hit] = []
    free = a
    for w in _WORD.finditer(text, a, b):
        s = w.start()
        if s < free:
            continue
        entry = table.get(_plain(text[s]))
        if entry is not None:
            m = entry[0].match(text, s, b)
            if m:
                out.append(_Hit(s, m.end(), entry[1][int(m.lastgroup[1:])]))
                free = m.end()
    return out


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    with open(_DATA, encoding="utf-8") as f:
        return _Lexicon(json.load(f))


def load_cues() -> dict:
    """The stance lexicon as stored in `store/data/stance_cues.json` (for tests and tools)."""
    return _lexicon().data


# ----------------------------------------------------------------------------- shared helpers

@dataclass
class _Ctx:
    text: str
    lang: str
    focus: str
    lex: _Lexicon

    def has(self, name: str, words: tuple[str, ...]) -> bool:
        return words in self.lex.word_set(name, self.lang)


def _tokenize(text: str, a: int, b: int, mentions: list[dict]) -> list[_Tok]:
    """Word and punctuation tokens of text[a:b]; each mention is one token."""
    toks: list[_Tok] = []
    pos = a
    for m in mentions:
        s, e = max(m["start"], a), min(m["end"], b)
        if s < pos or s >= e:
            continue  # overlapping mentions: the first (longest) wins
        toks.extend(_Tok(x.start(), x.end(), _plain(x.group())) for x in _TOKEN.finditer(text, pos, s))
        toks.append(_Tok(s, e, _plain(text[s:e]), m))
        pos = e
    toks.extend(_Tok(x.start(), x.end(), _plain(x.group())) for x in _TOKEN.finditer(text, pos, b))
    return toks


def _place(hits: list[_Hit], toks: list[_Tok]) -> list[_Hit]:
    """Give each hit its token range; drop hits that fall inside a mention."""
    starts = [t.start for t in toks]
    kept = []
    for h in hits:
        i = bisect_right(starts, h.start) - 1
        j = bisect_right(starts, h.end - 1) - 1
        if i < 0 or any(toks[k].mention for k in range(i, j + 1)):
            continue
        h.i, h.j = i, j
        kept.append(h)
    return kept


def _groups(ctx: _Ctx, toks: list[_Tok]) -> list[list[int]]:
    """Mentions joined by commas and conjunctions form one group: "Rusia y Bielorrusia"."""
    groups: list[list[int]] = []
    joins: list[bool] = []  # whether the last join of each group had a conjunction
    for k, t in enumerate(toks):
        if not t.mention:
            continue
        if groups:
            last = groups[-1][-1]
            between = toks[last + 1:k]
            if len(between) <= 3 and all(ctx.has("connectors", (x.word,)) for x in between):
                groups[-1].append(k)
                joins[-1] = any(x.word != "," for x in between if x.word not in ("el", "la", "los", "las", "the"))
                continue
        groups.append([k])
        joins.append(True)
    out = []
    for g, conj in zip(groups, joins):
        # "Cuba, Nicaragua y Bolivia" is a list; "Según Washington, Rusia..." is not.
        out.extend([g] if conj else [[k] for k in g])
    return out


def _clauses(ctx: _Ctx, toks: list[_Tok], hits: list[_Hit]) -> tuple[list[int], list[float]]:
    """Clause number of each token and the weight of each clause (after "but": more)."""
    starts = {h.i: h.cue.role for h in hits if h.cue.role in ("contrast", "split", "concession")}
    factor = {"contrast": ctx.lex.factors["contrast"], "concession": ctx.lex.factors["concession"], "split": 1.0}
    clause, boosts, cur = [], [1.0], 0
    for k, t in enumerate(toks):
        role = starts.get(k)
        if role and k > 0:
            cur += 1
            boosts.append(factor[role])
        elif role:
            boosts[0] = factor[role]
        clause.append(cur)
        if t.word in (";", ":", "—", "–", "(", ")") and not t.mention:
            cur += 1
            boosts.append(1.0)
    return clause, boosts


