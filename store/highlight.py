"""Text analysis shared by indexing and search, and highlights mapped to exact offsets.

The index sees text through tantivy analyzers (split on non-alphanumerics, lowercase,
optional Snowball stemmer, ASCII folding). Highlighting re-reads a hit's passage in
Python: it finds the words with their offsets in the original text, runs each word
through the same analyzers and marks the ones the query asked for. So `Irán` lights
up for `iran`, `sanciones` for `sanción`, and every span is a slice of the document
text with accents and all.
"""
from __future__ import annotations

import functools
import re
import unicodedata

import tantivy

# Languages with their own stemmed field: ISO 639-1 -> tantivy's Snowball stemmer.
STEMMERS = {"es": "spanish", "en": "english", "pt": "portuguese", "fr": "french", "it": "italian", "de": "german"}

# A word as tantivy's simple tokenizer sees it, plus combining marks, so that a word
# written in decomposed form (e + U+0301) stays one word.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])*")
_BREAKS = re.compile(r"[\n\r\t\f\v]")


def tokenizer_name(lang: str | None = None) -> str:
    """The name a tokenizer is registered under: folding only, or stemming for `lang`."""
    return f"fuente_stem_{lang}" if lang else "fuente_fold"


@functools.cache
def analyzer(lang: str | None = None) -> tantivy.TextAnalyzer:
    """The analyzer for `lang` (a key of STEMMERS) or, with None, folding without stemming.

    The stemmer runs before ASCII folding because Snowball's Spanish rules look at
    accented suffixes (-ción); folding afterwards makes `sanción` and `sancion` meet.
    """
    builder = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple()).filter(tantivy.Filter.lowercase())
    if lang:
        builder = builder.filter(tantivy.Filter.stemmer(STEMMERS[lang]))
    return builder.filter(tantivy.Filter.ascii_fold()).build()


def nfc(text: str) -> str:
    """`text` in composed form (a cheap check first: news text nearly always is)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


@functools.lru_cache(maxsize=100_000)
def analyze(text: str, lang: str | None = None) -> tuple[str, ...]:
    """The index terms of `text`: folded, and stemmed in `lang` when given."""
    return tuple(analyzer(lang).analyze(nfc(text)))


def words(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word) for each word of `text`, offsets into `text` itself."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


def edits_within(a: str, b: str, limit: int) -> bool:
    """Whether `a` becomes `b` in at most `limit` insertions, deletions, substitutions or swaps of
    neighbours (the distance tantivy's fuzzy queries use, with a swap costing one)."""
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b:
        return True
    # An edit takes at most one letter out of the word's set of letters and brings at most one in
    # (a swap neither): words whose letter sets differ by more are too far, found without the table.
    if len(set(a).symmetric_difference(b)) > 2 * limit:
        return False
    # What both start and end with costs nothing: the table is of what lies between.
    n, i = min(len(a), len(b)), 0
    while i < n and a[i] == b[i]:
        i += 1
    j = 0
    while j < n - i and a[-1 - j] == b[-1 - j]:
        j += 1
    a, b = a[i:len(a) - j], b[i:len(b) - j]
    if not a or not b:
        return len(a) + len(b) <= limit
    # The table's cells more than `limit` off its diagonal exceed `limit` anyway: only the band
    # around it is worked out, and every value above `limit` is kept as limit + 1.
    big, m = limit + 1, len(b)
    prev2: list[int] | None = None
    prev = [j if j <= limit else big for j in range(m + 1)]
    for i in range(1, len(a) + 1):
        cur = [big] * (m + 1)
        if i <= limit:
            cur[0] = i
        best, ai = cur[0], a[i - 1]
        for j in range(max(1, i - limit), min(m, i + limit) + 1):
            v = prev[j - 1] + (ai != b[j - 1])
            if prev[j] + 1 < v:
                v = prev[j] + 1
            if cur[j - 1] + 1 < v:
                v = cur[j - 1] + 1
            if prev2 is not None and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1] and prev2[j - 2] + 1 < v:
                v = prev2[j - 2] + 1
            cur[j] = v if v < big else big
            if v < best:
                best = v
        if best > limit:
            return False
        prev2, prev = prev, cur
    return prev[m] <= limit


# A pattern is a tuple of steps; a step is ("f", term) folded form, ("s", lang, term)
# stemmed form in a language, ("p", prefix) folded form starting with prefix, or
# ("z", term, edits) folded form within `edits` of term.
Step = tuple


class Matcher:
    """The words a query highlights, indexed by their first step for a quick scan."""

    def __init__(self) -> None:
        self._first: dict[Step, list[tuple[Step, ...]]] = {}
        self._prefixed: list[tuple[Step, ...]] = []
        self._fuzzy: list[tuple[Step, ...]] = []
        self._secondary: set[tuple[Step, ...]] = set()
        self._folds: set[str] = set()  # every folded term any step asks for
        self._stems: set[tuple[str, str]] = set()
        self._starts: tuple[str, ...] = ()
        self._edits: list[tuple[str, int]] = []  # fuzzy terms and their edits
        self._near: dict[str, bool] = {}  # folded words seen: whether one is within a fuzzy term's edits
        # Per language, each word seen: its forms when some step may use them, else how many terms it makes.
        self._seen: dict[str | None, dict[str, tuple | int]] = {}

    def _add(self, pattern: tuple[Step, ...]) -> None:
        if not pattern:
            return
        self._seen.clear()
        for step in pattern:
            if step[0] == "f":
                self._folds.add(step[1])
            elif step[0] == "s":
                self._stems.add((step[1], step[2]))
            elif step[0] == "p":
                self._starts = (*self._starts, step[1])
            else:
                self._edits.append((step[1], step[2]))
                self._near.clear()
        if pattern[0][0] in "pz":
            bucket = self._prefixed if pattern[0][0] == "p" else self._fuzzy
            if pattern not in bucket:
                bucket.append(pattern)
            return
        bucket = self._first.setdefault(pattern[0], [])
        if pattern not in bucket:
            bucket.append(pattern)

    def add_folded(self, terms: tuple[str, ...], secondary: bool = False) -> None:
        """Highlight this sequence of folded terms (one word, or words side by side).

        `secondary` marks what the reader did not type (another name of a country):
        highlighted, but the snippet centres on what was typed when the passage has it.
        """
        pattern = tuple(("f", t) for t in terms)
        if secondary:
            if any(pattern in bucket for bucket in self._first.values()):
                return
            self._secondary.add(pattern)
        else:
            self._secondary.discard(pattern)
        self._add(pattern)

    def add_stemmed(self, lang: str, terms: tuple[str, ...]) -> None:
        """Highlight this sequence of stems in passages written in `lang`."""
        self._add(tuple(("s", lang, t) for t in terms))

    def add_prefix(self, terms: tuple[str, ...]) -> None:
        """Highlight folded terms side by side whose last one starts with the last given."""
        if terms:
            self._add(tuple(("f", t) for t in terms[:-1]) + (("p", terms[-1]),))

    def add_fuzzy(self, term: str, edits: int) -> None:
        """Highlight words whose folded form is within `edits` of `term`."""
        self._add((("z", term, edits),))

    @staticmethod
    def _step_ok(step: Step, fold: str, stem: str | None, lang: str | None) -> bool:
        if step[0] == "f":
            return fold == step[1]
        if step[0] == "s":
            return step[1] == lang and stem == step[2]
        if step[0] == "p":
            return fold.startswith(step[1])
        return edits_within(fold, step[1], step[2])

    def _useful(self, word: str, lang: str | None) -> tuple | None:
        """The (folded, stemmed) forms of `word` when some step may match one, else None."""
        forms = _forms(word, lang)
        for fold, stem in forms:
            if fold in self._folds or (stem is not None and (lang, stem) in self._stems) \
                    or (self._starts and fold.startswith(self._starts)) \
                    or (self._edits and self._is_near(fold)):
                return forms
        return None

    def _is_near(self, fold: str) -> bool:
        """Whether a folded word is within the edits of some fuzzy term (each word worked out once)."""
        near = self._near.get(fold)
        if near is None:
            near = self._near[fold] = any(edits_within(fold, t, k) for t, k in self._edits)
        return near

    def spans(self, text: str, lang: str | None = None) -> list[tuple[int, int]]:
        """Merged (start, end) spans in `text` that the query matches."""
        return self.find(text, lang)[0]

    def find(self, text: str, lang: str | None = None) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
        """(merged spans, focus): the focus is the first match of a typed word, else the first.

        The passage's terms come from one analyzer call per field when they line up one for
        one with its words (nearly always), else word by word. Only the terms some step may
        match are kept, with their positions, so a pattern of several words still needs them
        side by side.
        """
        stem_lang = lang if lang in STEMMERS else None
        toks = self._tokens(text, stem_lang)
        if toks is None:
            toks = self._tokens_by_word(text, stem_lang)
        return self._scan(toks, stem_lang)

    def _tokens(self, text: str, stem_lang: str | None) -> list | None:
        """The useful tokens of `text` from one analyzer call per field (not one per word), or
        None when the analyzer's terms do not line up one for one with the words found here."""
        if not unicodedata.is_normalized("NFC", text):
            return None
        found = list(_WORD.finditer(text))
        folds = analyzer().analyze(text)
        if len(folds) != len(found):
            return None
        stems: list | None = None
        if stem_lang is not None and any(lang == stem_lang for lang, _ in self._stems):
            stems = analyzer(stem_lang).analyze(text)
            if len(stems) != len(found):
                return None
        wanted, stemmed, starts, edits = self._folds, self._stems, self._starts, self._edits
        useful = {i for i, fold in enumerate(folds) if fold in wanted}
        if stems is not None:
            useful.update(i for i, stem in enumerate(stems) if (stem_lang, stem) in stemmed)
        if starts:
            useful.update(i for i, fold in enumerate(folds) if fold.startswith(starts))
        if edits:
            useful.update(i for i, fold in enumerate(folds) if self._is_near(fold))
        return [(i, found[i].start(), found[i].end(), folds[i], stems[i] if stems is not None else None)
                for i in sorted(useful)]

    def _tokens_by_word(self, text: str, stem_lang: str | None) -> list:
        """The useful tokens of `text`, word by word (each distinct word analyzed once per query)."""
        seen = self._seen.get(stem_lang)
        if seen is None:
            seen = self._seen[stem_lang] = {}
        useful = self._useful
        toks: list[tuple[int, int, int, str, str | None]] = []  # (position, start, end, fold, stem)
        pos = 0
        for m in _WORD.finditer(text):
            word = m.group()
            forms = seen.get(word)
            if forms is None:
                forms = seen[word] = useful(word, stem_lang) or (len(_forms(word, stem_lang)) or 1)
            if forms.__class__ is int:
                pos += forms
                continue
            start, end = m.span()
            for fold, stem in forms:
                toks.append((pos, start, end, fold, stem))
                pos += 1
        return toks

    def _scan(self, toks: list, stem_lang: str | None) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
        """Matches of the query's patterns among the useful tokens (position, start, end, fold, stem)."""
        first, found, focus = self._first, [], None
        for i, (p, start, _end, fold, stem) in enumerate(toks):
            candidates = first.get(("f", fold), ())
            if stem is not None and ("s", stem_lang, stem) in first:
                candidates = [*candidates, *first[("s", stem_lang, stem)]]
            if self._prefixed:
                candidates = [*candidates, *(q for q in self._prefixed if fold.startswith(q[0][1]))]
            if self._fuzzy:
                candidates = [*candidates, *(q for q in self._fuzzy if edits_within(fold, q[0][1], q[0][2]))]
            for pattern in candidates:
                n = len(pattern)
                if n == 1 or (i + n <= len(toks) and toks[i + n - 1][0] == p + n - 1 and all(
                        self._step_ok(step, toks[i + k][3], toks[i + k][4], stem_lang)
                        for k, step in enumerate(pattern))):
                    found.append((start, toks[i + n - 1][2]))
                    if focus is None and pattern not in self._secondary:
                        focus = found[-1]
        merged = merge(found)
        return merged, focus or (merged[0] if merged else None)


@functools.lru_cache(maxsize=100_000)
def _forms(word: str, lang: str | None) -> tuple[tuple[str, str | None], ...]:
    """(folded, stemmed) index terms of one word as the highlighter compares them."""
    folds = analyze(word)
    stems = analyze(word, lang) if lang else ()
    return tuple((f, stems[i] if i < len(stems) else None) for i, f in enumerate(folds))


def merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, with overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def snippet(text: str, focus: tuple[int, int] | None, width: int = 160) -> tuple[str, int, int]:
    """(snippet, start, end): `text` trimmed to about `width` characters around `focus`.

    `text[start:end]` is what the snippet shows, with line breaks turned into spaces
    (one for one, so offsets inside it still line up) and "…" where it was cut.
    """
    n = len(text)
    if n <= width:
        lo, hi = 0, n
    else:
        first = focus[0] if focus else 0
        lo = max(0, min(first - width // 3, n - width))
        hi = min(n, lo + width)
        if lo > 0:  # start on a word: skip the partial one
            cut = text.find(" ", lo, first if first > lo else hi)
            lo = cut + 1 if cut >= 0 else lo
        if hi < n:
            cut = text.rfind(" ", max(lo, focus[1] if focus else lo), hi)
            hi = cut if cut > lo else hi
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    shown = _BREAKS.sub(" ", text[lo:hi])
    return ("…" if lo > 0 else "") + shown + ("…" if hi < n else ""), lo, hi
