"""The relation lexicon: cue words as data (store/data/stance_cues.json), compiled once per process.

Every cue has a *type* that says how it combines with what follows it in its clause (see
store.claims.reading), a *polarity* (+1 backs, -1 works against, 0 neutral) and a weight.
Patterns are written in folded form (lowercase, no accents: the scan runs over `fold(text)`,
one character for one, so offsets carry over) and may use a small morphology:

* ``~condenar``, ``~apoyar``, ``~rechazar``: a Spanish verb in -ar/-er/-ir and its finite,
  participle and gerund forms (spelling changes before -e handled: critiqu-e, rechac-e);
* ``~condemn``, ``~oppose``, ``~supply``, ``~ban+``: an English verb with -s, -ed and -ing
  (final -e dropped, -y to -ies/-ied, ``+`` doubles the last consonant); irregular forms
  follow a bar: ``~send|sent``;
* anything else is a regular expression over folded words (``sancion(es)?``), spaces
  standing for any run of blanks.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..dates import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "stance_cues.json"
_WORD = re.compile(r"\w+")

# Types a cue can have (what each does is in store.claims.reading).
TYPES = frozenset({
    "stance",     # an attitude toward what follows: backs, condemns, welcomes, keeps its distance
    "eval",       # a quality said of something: illegal, a threat, hostile; its author is the speaker
    "act",        # a deed done to someone: sanctions, strikes, aid, arms sales (polarity toward the patient)
    "relation",   # a bond between two sides, both ways: ally, ties, closed ranks with
    "demand",     # urge, call for, pedir: passes on what is demanded; the one addressed does it
    "stop",       # end, halt, lift, fin de: turns the deed after it around
    "accuse",     # accuse X of Y: against X, and Y is X's deed
    "label",      # called X Y, calificó de: the label's quality applies to X
    "speech",     # said, dijo: the speaker of what follows
    "concern",    # worried by, preocupación: against the deed after it, neutral alone
    "same",       # followed suit, a similar step: the position of the relation just before
    "reciprocal", # answered in kind: the same deed back to its author
    "vote",       # voted in favour / against / abstained
    "negator", "modal", "hedge", "contrast", "split", "concession", "rival",
})
_ES = {"ar": "a an o aron ar ado ada ados adas ando aba aban ara aran aria arian e en ara aran amos aremos",
       "er": "e en io ieron er ido ida idos idas iendo ia ian era eran eria erian a an iera ieran emos",
       "ir": "e en io ieron ir ido ida idos idas iendo ia ian ira iran iria irian a an iera ieran imos"}
_GAP = r"[\s\"'“”«»‘’]+"  # between the words of a phrase: blanks, and quotes ("fully stands up" for)
_SOFT = {"c": "qu", "g": "gu", "z": "c"}  # -ar stems before an ending in e: critiqu-e, pagu-e, rechac-e


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry as the reader uses it."""

    type: str
    polarity: int = 0
    weight: float = 1.0
    pos: str = "verb"          # verb | noun | adj | phrase: how its own agent and object are found
    kind: str | None = None    # kind of support or action named (military, economic, diplomatic...)
    needs_target: bool = False  # counts only when its receiver is named ("sent to X")
    if_negated: int | None = None  # polarity when negated, if not neutral ("refused to recognize")
    patient_first: bool = False  # the entity right after the cue is its patient, not its agent
    text: str = ""             # the pattern, for tests and tools


def _es_verb(lemma: str) -> list[str]:
    stem, end = lemma[:-2], lemma[-2:]
    out = []
    for e in _ES[end].split():
        s = stem
        if end == "ar" and e[0] == "e" and stem[-1:] in _SOFT:
            s = stem[:-1] + _SOFT[stem[-1]]
        out.append(s + e)
    return out


def _en_verb(lemma: str) -> list[str]:
    double = lemma.endswith("+")
    w = lemma.rstrip("+")
    if double:
        return [w, w + "s", w + w[-1] + "ed", w + w[-1] + "ing"]
    if w.endswith("e"):
        return [w, w + "s", w + "d", w[:-1] + "ing"]
    if len(w) > 2 and w.endswith("y") and w[-2] not in "aeiou":
        return [w, w[:-1] + "ies", w[:-1] + "ied", w + "ing"]
    if w.endswith(("s", "sh", "ch", "x", "z")):
        return [w, w + "es", w + "ed", w + "ing"]
    return [w, w + "s", w + "ed", w + "ing"]


def expand(pattern: str, lang: str) -> str:
    """A pattern of the data file as a regular expression over folded text."""
    pattern = fold(pattern.strip())
    if not pattern.startswith("~"):
        return pattern.replace(" ", _GAP)
    head, *irregular = _top_level_split(pattern[1:])
    m = re.match(r"(se )?([a-z]+\+?)(.*)", head)
    reflexive, verb, tail = m.group(1) or "", m.group(2), m.group(3)
    if lang == "es" and verb.endswith(("ar", "er", "ir")):
        forms = _es_verb(verb)
    else:
        forms = _en_verb(verb)
    alt = "(?:" + "|".join(sorted(set(forms), key=len, reverse=True)) + ")"
    main = (reflexive + "\x00" + tail).replace(" ", _GAP).replace("\x00", alt)
    if not irregular:
        return main
    return "(?:" + "|".join([main] + [i.replace(" ", _GAP) for i in irregular]) + ")"


def _top_level_split(s: str) -> list[str]:
    """Split at the bars outside parentheses: "~send|sent", "~cortar (lazos|relaciones)"."""
    out, depth, cur = [], 0, ""
    for ch in s:
        depth += ch == "("
        depth -= ch == ")"
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


class Lexicon:
    """The cue data compiled per language, and the word lists the reader consults."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.entries: list[tuple[str, Cue, list[str]]] = []
        for e in data["cues"]:
            if e["type"] not in TYPES:
                raise ValueError(f"unknown cue type {e['type']!r} in {DATA.name}")
            cue = Cue(e["type"], int(e.get("polarity", 0)), float(e.get("weight", 1.0)), e.get("pos", "verb"),
                      e.get("kind"), bool(e.get("needs_target")), e.get("if_negated"),
                      bool(e.get("patient_first")), e["patterns"][0])
            for lang in e["lang"].split(","):
                self.entries.append((lang.strip(), cue, e["patterns"]))
        self.kinds = {k: [fold(p) for p in v] for k, v in data.get("kinds", {}).items()}
        self._words = {name: {lang: frozenset(fold(w).replace("_", " ") for w in spec.split())
                              for lang, spec in by_lang.items()}
                       for name, by_lang in data["words"].items() if isinstance(by_lang, dict)}
        t = data["table"]
        self.header = {k: re.compile(r"\b(?:" + "|".join(fold(p) for p in t[k]) + r")\b")
                       for k in ("country", "stance", "support", "measure")}
        self.empty_cell = re.compile(r"^\W*(?:" + "|".join(fold(p) for p in t["empty_cells"]) + r")\W*$")
        self._compiled: dict[str, dict[str, tuple[re.Pattern, list[Cue]]]] = {}
        kinds_alt = [(fold(p), k) for k, pats in data.get("kinds", {}).items() for p in pats]
        self.kind_rx = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<k{n}>{p.replace(' ', r'[ ]+')})"
                                                            for n, (p, _) in enumerate(kinds_alt)) + r")(?!\w)")
        self._kind_of = [k for _, k in kinds_alt]

    def words(self, name: str, lang: str) -> frozenset[str]:
        """A word list (folded; phrases with a space) for `lang`, both languages' when unknown."""
        by_lang = self._words[name]
        if lang not in by_lang:
            by_lang[lang] = frozenset().union(*(v for k, v in by_lang.items() if k in ("es", "en")))
        return by_lang[lang]

    def scanner(self, lang: str | None) -> dict[str, tuple[re.Pattern, list[Cue]]]:
        """Per first letter, one alternation of the patterns for `lang` (all when unknown),
        longest first, so each word start tries a handful of patterns, not hundreds."""
        key = lang if lang in ("es", "en") else "*"
        if key not in self._compiled:
            by_first: dict[str, list[tuple[str, Cue]]] = {}
            for elang, cue, pats in self.entries:
                if key != "*" and elang not in (key, "any"):
                    continue
                for p in pats:
                    rx = expand(p, elang if elang != "any" else key)
                    for first in _first_letters(rx):
                        by_first.setdefault(first, []).append((rx, cue))
            table = {}
            for first, alts in by_first.items():
                # Python takes the first alternative that matches, not the longest: try patterns
                # of more words first ("se sumaran a la lista" before "se sumaran a").
                # A noun entry before a verb entry of the same words: "the capture of Maduro" keeps the
                # noun's reading ("of X" is its patient); "captured" still reaches the verb's forms.
                alts.sort(key=lambda pc: (-pc[0].count(_GAP), pc[1].pos != "noun", -len(pc[0])))
                rx = "(?:" + "|".join(f"(?P<g{n}>{p})" for n, (p, _) in enumerate(alts)) + r")(?!\w)"
                table[first] = (re.compile(rx), [c for _, c in alts])
            self._compiled[key] = table
        return self._compiled[key]

    def kind_at(self, folded: str, start: int, end: int) -> list[tuple[int, str]]:
        """(offset, kind) of the kind words (military, economic...) in folded[start:end]."""
        return [(m.start(), self._kind_of[int(m.lastgroup[1:])]) for m in self.kind_rx.finditer(folded, start, end)]


def _first_letters(rx: str) -> set[str]:
    """The letters a pattern can start with: its first literal, each branch of a leading group,
    and, when that group is optional ("(military )?commitment"), what comes after it too."""
    if not rx:
        return set()
    if rx[0] != "(":
        return {rx[0]} if rx[0].isalnum() else set()
    depth, i = 0, 0
    for i, ch in enumerate(rx):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            break
    inner = rx[3:i] if rx.startswith("(?:") else rx[1:i]
    out: set[str] = set()
    for branch in _top_level_split(inner):
        out |= _first_letters(branch)
    rest = rx[i + 1:]
    if rest[:1] in ("?", "*"):
        out |= _first_letters(rest[1:])
    return out


@dataclass(slots=True)
class Hit:
    """A cue found in the text: folded[start:end] matched `cue`."""

    start: int
    end: int
    cue: Cue


def scan(table: dict[str, tuple[re.Pattern, list[Cue]]], folded: str, a: int, b: int) -> list[Hit]:
    """Cue hits in folded[a:b]: at each word start, the longest pattern that ends a word."""
    out: list[Hit] = []
    free = a
    for w in _WORD.finditer(folded, a, b):
        s = w.start()
        if s < free:
            continue
        entry = table.get(folded[s])
        if entry is not None:
            m = entry[0].match(folded, s, b)
            if m:
                out.append(Hit(s, m.end(), entry[1][int(m.lastgroup[1:])]))
                free = m.end()
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of store/data/stance_cues.json, compiled once per process."""
    with open(DATA, encoding="utf-8") as f:
        return Lexicon(json.load(f))
