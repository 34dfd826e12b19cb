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
    "stop",       # end, halt, lift, fin de: turns the deed after it around; at -1 (allow, permitir) it lets
                  # the deed stand, so a negated one ("will not allow") turns it around
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
    territorial: bool = False  # done only to a land: a territory of another state or "the island"
    in_patient: bool = False  # "in X" after it names its patient ("interference in X")


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


def variants(pattern: str, lang: str) -> list[str]:
    """A pattern as alternatives in the data's own notation (folded, spaces between words), the
    verb lemmas already inflected: what `phrases` enumerates and `expand` turns into a regex."""
    pattern = fold(pattern.strip())
    if not pattern.startswith("~"):
        return [pattern]
    head, *irregular = _top_level_split(pattern[1:])
    m = re.match(r"(se )?([a-z]+\+?)(.*)", head)
    reflexive, verb, tail = m.group(1) or "", m.group(2), m.group(3)
    forms = _es_verb(verb) if lang == "es" and verb.endswith(("ar", "er", "ir")) else _en_verb(verb)
    return [reflexive + f + tail for f in sorted(set(forms))] + irregular


_WORDS = re.compile(r"\w+")
_ENUM_LIMIT = 400


def phrases(pattern: str, lang: str) -> list[tuple[str, ...]] | None:
    """Every word sequence a pattern matches, or None when it is not a short finite list
    (a pattern with ".", "*", "+", "\\w"): those stay regular expressions."""
    out: list[tuple[str, ...]] = []
    for v in variants(pattern, lang):
        strings = _enumerate(v)
        if strings is None:
            return None
        out.extend(tuple(_WORDS.findall(x)) for x in strings)
        if len(out) > _ENUM_LIMIT:
            return None
    return [w for w in dict.fromkeys(out) if w]


def _enumerate(rx: str) -> list[str] | None:
    """The strings of a regex made of literals, groups with "|", "?" and character classes."""
    try:
        got, pos = _seq(rx, 0)
    except _NotFinite:
        return None
    return got if pos == len(rx) else None


class _NotFinite(Exception):
    pass


def _seq(rx: str, i: int) -> tuple[list[str], int]:
    acc = [""]
    while i < len(rx) and rx[i] not in "|)":
        ch = rx[i]
        if ch == "(":
            j = i + 3 if rx.startswith("(?:", i) else i + 1
            branches = []
            while True:
                got, j = _seq(rx, j)
                branches.extend(got)
                if j >= len(rx):
                    raise _NotFinite
                if rx[j] == ")":
                    break
                j += 1  # past "|"
            item, i = branches, j + 1
        elif ch == "[":
            j = rx.index("]", i)
            chars = rx[i + 1:j]
            if "-" in chars[1:-1] or chars.startswith("^") or "\\" in chars:
                raise _NotFinite
            item, i = list(chars), j + 1
        elif ch in ".*+{}^$\\":
            raise _NotFinite
        else:
            item, i = [ch], i + 1
        if i < len(rx) and rx[i] == "?":
            item, i = item + [""], i + 1
        if i < len(rx) and rx[i] in "*+{":
            raise _NotFinite
        acc = [a + b for a in acc for b in item]
        if len(acc) > _ENUM_LIMIT:
            raise _NotFinite
    return acc, i


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
                      bool(e.get("patient_first")), e["patterns"][0], bool(e.get("territorial")),
                      bool(e.get("in_patient")))
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
        self._compiled: dict[str, Scanner] = {}


    def words(self, name: str, lang: str) -> frozenset[str]:
        """A word list (folded; phrases with a space) for `lang`, both languages' when unknown."""
        by_lang = self._words[name]
        if lang not in by_lang:
            by_lang[lang] = frozenset().union(*(v for k, v in by_lang.items() if k in ("es", "en")))
        return by_lang[lang]

    def tags(self, lang: str) -> dict[str, frozenset[str]]:
        """Per folded word, the names of the word lists holding it (for `lang`): one lookup per unit."""
        key = lang if lang in ("es", "en") else "*"
        cache = self.__dict__.setdefault("_tags", {})
        if key not in cache:
            table: dict[str, set[str]] = {}
            for name in self._words:
                for w in self.words(name, lang):
                    table.setdefault(w, set()).add(name)
            cache[key] = {w: frozenset(names) for w, names in table.items()}
        return cache[key]

    def scanner(self, lang: str | None) -> "Scanner":
        """The cue matcher for `lang` (all languages when unknown), built once."""
        key = lang if lang in ("es", "en") else "*"
        if key not in self._compiled:
            self._compiled[key] = Scanner([(elang if elang != "any" else key, cue, pats)
                                           for elang, cue, pats in self.entries
                                           if key == "*" or elang in (key, "any")])
        return self._compiled[key]

    def kind_at(self, folded: str, start: int, end: int,
                words: list[tuple[int, int, str]] | None = None) -> list[tuple[int, str]]:
        """(offset, kind) of the kind words (military, economic...) in folded[start:end] (`words`:
        its words, when the caller has them)."""
        if "_kind_scanner" not in self.__dict__:
            self._kind_scanner = Scanner([("any", Cue("kind", kind=k), pats) for k, pats in self.kinds.items()])
        return [(h.start, h.cue.kind) for h in scan(self._kind_scanner, folded, start, end, words)]


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


class Scanner:
    """Cue phrases as word sequences looked up word by word, the longest first.

    Almost every pattern is a short finite list of word sequences (inflected verbs, optional
    endings, small alternations): those go into a table keyed by their first word, so a word
    costs one dictionary lookup. The few that are not (a wildcard, an unbounded repeat) stay
    regular expressions tried at the words their first letter allows. Between the words of a
    phrase any blanks, quotes or hyphens may stand ("fully stands up" for).
    """

    def __init__(self, entries: list[tuple[str, Cue, list[str]]]) -> None:
        self.table: dict[str, list[tuple[tuple[str, ...], Cue, int]]] = {}
        regexes: dict[str, list[tuple[str, Cue]]] = {}
        for order, (lang, cue, pats) in enumerate(entries):
            for p in pats:
                seqs = phrases(p, lang)
                if seqs is None:
                    rx = expand(p, lang)
                    for first in _first_letters(rx) or set("abcdefghijklmnopqrstuvwxyz"):
                        regexes.setdefault(first, []).append((rx, cue))
                    continue
                for words in seqs:
                    self.table.setdefault(words[0], []).append((words, cue, order))
        for cands in self.table.values():
            # more words first; for the same words a noun before a verb ("the capture of Maduro")
            cands.sort(key=lambda c: (-len(c[0]), c[1].pos != "noun", c[2]))
        self.regexes = {}
        for first, alts in regexes.items():
            alts.sort(key=lambda pc: (-pc[0].count(_GAP), pc[1].pos != "noun", -len(pc[0])))
            rx = "(?:" + "|".join(f"(?P<g{n}>{p})" for n, (p, _) in enumerate(alts)) + r")(?!\w)"
            self.regexes[first] = (re.compile(rx), [c for _, c in alts])


_GAP_CHARS = frozenset(" \t\n\r\"'“”«»‘’-–—\u00a0")


def scan(scanner: Scanner, folded: str, a: int, b: int,
         words: list[tuple[int, int, str]] | None = None) -> list[Hit]:
    """Cue hits in folded[a:b]: at each word, the longest phrase starting there. `words` may give
    the (start, end, word) of its words, when the caller has them already: words only (starting
    with a letter, digit or "_"), no marks, since quote marks and dashes between the words of a
    phrase are gaps."""
    if words is None:
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(folded, a, b)]
    out: list[Hit] = []
    table, regexes = scanner.table, scanner.regexes
    i, n = 0, len(words)
    while i < n:
        s, e, w = words[i]
        best = None
        for seq, cue, _ in table.get(w, ()):
            k = len(seq)
            if best is not None and k <= best[0]:
                break
            if i + k > n:
                continue
            ok = True
            for j in range(1, k):
                if words[i + j][2] != seq[j] or not _gap(folded, words[i + j - 1][1], words[i + j][0]):
                    ok = False
                    break
            if ok:
                best = (k, cue)
                break
        entry = regexes.get(w[0])
        if entry is not None:
            m = entry[0].match(folded, s, b)
            if m and (best is None or m.end() > words[i + best[0] - 1][1]):
                end = m.end()
                out.append(Hit(s, end, entry[1][int(m.lastgroup[1:])]))
                while i < n and words[i][0] < end:
                    i += 1
                continue
        if best is not None and best[1].type == "modal" and i + 1 < n and words[i + 1][2][:1].isdigit():
            i += 1  # "May 2": the month, not the modal
        elif best is not None:
            out.append(Hit(s, words[i + best[0] - 1][1], best[1]))
            i += best[0]
        else:
            i += 1
    return out


def _gap(text: str, a: int, b: int) -> bool:
    return b - a <= 4 and all(ch in _GAP_CHARS for ch in text[a:b]) and a < b


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon of store/data/stance_cues.json, compiled once per process."""
    with open(DATA, encoding="utf-8") as f:
        return Lexicon(json.load(f))
