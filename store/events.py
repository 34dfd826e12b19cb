"""Events: dated clauses that report a happening, and the same happening across documents.

How a passage becomes an event (sentences, list items and table rows; boilerplate skipped):
- it holds a date expression (store.dates) and, in the same clause, a cue word of a kind
  of happening (data/event_cues.json: call, agreement, sanctions, military, election,
  visit, meeting, aid, other, statement). The date may be unresolvable ("este jueves" in
  an article without a publication date): the event is kept with date None;
- or it is the article's lede (its first sentence) and reports a specific happening (a
  cue that is not a mere statement) with a verb in the past: news ledes report the news
  of the day, so the event takes the publication date, flagged `approximate`, or None.
Undated sentences elsewhere are not events: that keeps background ("Venezuela has relied
on Russia for years") out of the timeline.

A sentence with several dates is cut into clauses, one per date (ranges such as "desde
2005 hasta 2013" stay one), at the strongest punctuation between them. The kind is the
cue nearest the date, preferring cues outside quotation marks and specific happenings
over statements ("anunció sanciones" is sanctions).

`link_events` groups events of different documents that report the same happening; see
its docstring for the rule.
"""
from __future__ import annotations

import bisect
import hashlib
import json
import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from .dates import dateline_end, fold, past_tense, scan_dates

CUES_FILE = Path(__file__).parent / "data" / "event_cues.json"
_PASSAGE_KINDS = ("sentence", "item", "row")
# a "heading" of two sentences is prose ("X presentó el borrador el 6 de febrero. Entre sus medidas:"
# before a list): a sentence ends after a lower-case word or a number and another begins
_PROSE = re.compile(r"[^\W_A-Z]{3}[.!?]\s+[¿¡\"“«]?[A-ZÁÉÍÓÚÑ]")
_QUOTES = {"“": "”", "«": "»", '"': '"', "‘": "’"}


def _phrase_regex(phrase: str) -> str:
    """A cue phrase as a regex over folded text: whole words, any whitespace, * = any ending."""
    star = phrase.endswith("*")
    body = r"\s+".join(re.escape(w) for w in fold(phrase.rstrip("*")).split())
    return body + (r"\w*" if star else r"(?!\w)")


_PRETERITE = (("uvieron", "uvo"), ("jeron", "jo"), ("yeron", "yó"), ("ieron", "ió"), ("aron", "ó"))


def spanish_forms(phrase: str) -> list[str]:
    """`phrase` with its preterite verbs in both numbers: a cue written in one ("bombardeó",
    "se reunieron", "detuvo") finds the other ("bombardearon", "se reunió", "detuvieron")."""
    forms = [phrase]
    words = phrase.split()
    for i, w in enumerate(words):
        if w.endswith("*"):
            continue
        for plural, singular in _PRETERITE:
            other = (w[: -len(plural)] + singular if w.endswith(plural) else
                     w[: -len(singular)] + plural if w.endswith(singular) and len(w) > len(singular) + 2 else None)
            if other:
                forms.append(" ".join(words[:i] + [other] + words[i + 1:]))
                break
    return forms


class _Cues:
    """Compiled cue patterns per language, built once from the data file (Spanish preterites in
    both numbers: spanish_forms)."""

    def __init__(self, data: dict):
        self.kinds = data["kinds"]
        self.by_lang = {}
        for lang in ("es", "en", None):
            parts = []
            for kind in self.kinds:
                phrases = data["cues"][kind].get(lang, []) if lang else sum(data["cues"][kind].values(), [])
                if lang != "en":
                    phrases = [f for p in phrases for f in (spanish_forms(p) if p in data["cues"][kind].get("es", ())
                                                             else [p])]
                phrases = sorted(set(phrases), key=len, reverse=True)
                parts.append(f"(?P<{kind}>" + "|".join(_phrase_regex(p) for p in phrases) + ")")
            # On folded text: plain lowercase literals, and a word start checked once, run fast.
            self.by_lang[lang] = re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")
        self.not_cues = re.compile(r"(?<!\w)(?:" + "|".join(_phrase_regex(p) for p in data["not_cues"]) + ")")
        self.past = {lang: past_tense(lang) for lang in ("es", "en")}
        self.parenthetical = _parenthetical_pattern(data["participles"])
        self.attributive = re.compile(r"[^\W\d_]\s+(?:" + "|".join(map(re.escape, data["attributive_year"])) + r")\s+$",
                                      re.I)
        # happening words of both languages, one named group per concept ("leave": salida, pulled out)
        self.concepts = re.compile(r"(?<!\w)(?:" + "|".join(
            f"(?P<{name}>" + "|".join(_phrase_regex(p) for p in sorted(set(sum(forms.values(), [])), key=len,
                                                                         reverse=True)) + ")"
            for name, forms in data.get("concepts", {}).items()) + ")")


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    with open(CUES_FILE, encoding="utf-8") as f:
        return _Cues(json.load(f))


def _quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside quotation marks within text[start:end]: reported speech and names of things."""
    spans = []
    m = _OPENING.search(text, start, end)
    while m is not None:
        i = m.start()
        j = text.find(_QUOTES[text[i]], i + 1, end)
        if j < 0:  # a quotation running on past the sentence
            spans.append((i, end))
            break
        spans.append((i, j + 1))
        m = _OPENING.search(text, j + 1, end)
    return spans


_OPENING = re.compile("[" + re.escape("".join(_QUOTES)) + "]")
_JOIN = re.compile(r"(?i)\s*(?:,|y|e|o|and|or|to|a|al|hasta|until|through|-|–|—|/)?\s*(?:el|la|the)?\s*")


_APPOSITION = re.compile(r"\s*,\s*")
# the anchor's words, then at most a comma and a short word ("el", "on") before its date
_TO_ANCHOR_DATE = re.compile(r"[^,;:.!?()\[\]—–\n]+(?:,\s*(?:[^\W\d_]{1,3}\s+)?)?")


def _group_dates(text: str, dates: list) -> list[list]:
    """Date expressions next to each other ("desde 2005 hasta 2013", "May 5 and 7") form one group;
    a date anchored to the one before it ("el 18 de diciembre, tres días después de que...") dates
    a clause of its own, unless it only says that date again in full after a comma.
    """
    groups: list[list] = []
    for d in dates:
        last = groups[-1][-1] if groups else None
        if last is not None and not d.relative and (
                (not last.relative and d.start - last.end <= 16 and _JOIN.fullmatch(text, last.end, d.start))
                # a date said again in full after a comma: "this Thursday, Nov. 27", "el domingo, 23 de marzo"
                or _APPOSITION.fullmatch(text, last.end, d.start)
                # "Días después de la captura de X, el 3 de enero, ...", "Days after the vote on May 3, ...":
                # a date no day can be given ("days after") whose anchor the next date dates
                or (last.date is None and last.relative and d.date and d.start - last.end <= 120
                    and _TO_ANCHOR_DATE.fullmatch(text, last.end, d.start) and text.startswith(",", d.end))):
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups


_WORDS_AFTER = re.compile(r"[^\W\d_]")
_ONLY_DETERMINER = re.compile(r"\s*(?:[^\W\d_]{1,4}\s+)?")  # "este", "el", "on": before a date
_STRONG_BREAK = re.compile(r"[;:.!?()\[\]—–\n]")


def _attributive_year(text: str, d) -> bool:
    """Whether a date is a bare year after "de"/"of" and a word: what names a thing, not a time."""
    return d.precision == "year" and not d.qualifier and not d.relative and \
        _cues().attributive.search(text, max(0, d.start - 30), d.start) is not None


_SPLIT_CLASSES = (r";", r":", r"[—–]|\s-\s", r",", r"(?i)\s(?:y|e|and|but|pero|mientras|while)\s")


def _cut(text: str, a: int, b: int) -> int:
    """Where to cut text[a:b] between two dated clauses: the last of the strongest punctuation."""
    for pat in _SPLIT_CLASSES:
        found = list(re.finditer(pat, text[a:b]))
        if found:
            return a + found[-1].end()
    mid = (a + b) // 2
    sp = text.rfind(" ", a, mid + 1)
    return sp + 1 if sp > a else mid


# A participial or relative phrase set off by commas keeps its date with the noun before it:
# "la operación X, concluida en agosto de ese año, ...", "the mission, which ended in 2022, ...".
def _parenthetical_pattern(words: dict[str, list[str]]) -> re.Pattern:
    """The opening of such a phrase, up to the date (data/event_cues.json "participles"): a relative
    ("que", "which was"), a regular participle ("concluida", "ended") or an irregular one ("held")."""
    def alt(*names: str) -> str:
        return "|".join(re.escape(w) for n in names for w in words[n])
    return re.compile(
        rf",\s*(?:(?:{alt('relatives_es')})\s+(?:se\s+)?[^\W\d_]+"
        rf"|(?:{alt('relatives_en')})\s+(?:(?:{alt('auxiliaries_en')})\s+)*[^\W\d_]+"
        rf"|[^\W\d_]+(?:ad|id)[oa]s?|[^\W\d_]{{3,}}ed|(?:{alt('irregular_en', 'irregular_es')}))"
        r"(?:\s+[^\W\d_]+){0,3}\s*$", re.I)


_CLOSE = re.compile(r"[^,;:.!?()\n]{0,24},")


_CLAUSE_JOIN = re.compile(r"(?i)[,;:]\s*|\s(?:y|e|and|but|pero)\s+(?=[^\W\d_]+(?:ar|er|ir|ed)\b)")


def _noun_phrase_start(text: str, a: int, b: int) -> int | None:
    """Where the clause holding the noun phrase that ends at b begins, after a: the last punctuation,
    or a conjunction before a verb ("... y forzar la salida de X"), not one inside a noun phrase
    ("sanciones económicas y financieras")."""
    found = list(_CLAUSE_JOIN.finditer(text, a, b))
    return found[-1].end() if found else None


def _parenthetical(text: str, lo: int, start: int, end: int, hi: int) -> tuple[int, int] | None:
    """(opening comma, closing comma) of a comma-set participial phrase holding the date text[start:end]."""
    head = text[max(lo, start - 60):start]
    m = _cues().parenthetical.search(head)
    if m is None:
        return None
    close = _CLOSE.match(text, end, hi)
    if close is None:
        return None
    return start - len(head) + m.start(), close.end() - 1


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _pick_cue(cues: list[tuple[int, int, str]], anchor: tuple[int, int] | None, quotes, specific_only=False):
    """The cue that names the happening: outside quotes, specific over 'statement', nearest the date."""
    best, best_key = None, None
    for c in cues:
        if specific_only and c[2] == "statement":
            continue
        inside = any(q0 <= c[0] < q1 for q0, q1 in quotes)
        dist = 0 if anchor is None else max(anchor[0] - c[1], c[0] - anchor[1], 0)
        key = (inside, c[2] == "statement", dist, c[0])
        if best_key is None or key < best_key:
            best, best_key = c, key
    return best


def _summary(text: str, a: int, b: int, limit: int = 160) -> str:
    s = " ".join(text[a:b].split())
    if len(s) <= limit:
        return s
    cut = s.rfind(" ", 0, limit - 1)
    return s[:cut if cut > 40 else limit - 1].rstrip(" ,;:") + "…"


def _event(doc: dict, a: int, b: int, kind: str, countries: set, inferred: bool, dm, approximate=False) -> dict:
    text = doc["text"]
    ident = hashlib.sha1(f"{doc['id']}:{a}:{b}".encode()).hexdigest()[:16]
    ev = {
        "id": ident, "doc": doc["id"], "date": None, "start": a, "end": b, "countries": sorted(countries),
        "kind": kind, "summary": _summary(text, a, b), "date_text": None, "qualifier": None,
        "precision": "none", "relative": False, "approximate": approximate,
    }
    if inferred:
        ev["countries_inferred"] = True
    if dm is not None:
        ev.update(date=dm.date, date_text=dm.text, qualifier=dm.qualifier, precision=dm.precision,
                  relative=dm.relative)
        if dm.year_guessed:
            ev["year_guessed"] = True  # "in January" in an undated text: the year is the last one it named
    elif approximate and doc.get("published"):
        ev.update(date=doc["published"][:10], precision="day", relative=True)
    if ev["summary"].endswith("…"):
        # the summary is cut: the names and figures of the whole clause still count for linking
        _, names, figures, _ = _tokens(" ".join(text[a:b].split()), ev["date_text"])
        ev["link_terms"] = sorted(names | figures)
    return ev


def _in(items: list, starts: list[int], a: int, b: int) -> list:
    """Items whose span lies inside [a, b), from a list sorted by start."""
    i = bisect.bisect_left(starts, a)
    out = []
    while i < len(items) and starts[i] < b:
        if items[i][1] <= b:
            out.append(items[i])
        i += 1
    return out


def _eventful(text: str, a: int, b: int, dates: list, cue, past) -> bool:
    """Whether a dated clause tells of a happening: it names one (a cue), or it has a verb besides its
    date ("atracó en La Habana el pasado 9 de enero", "Britain recognized... on Sept. 21"); a date in
    a bare phrase ("el tratado de 2015", a heading "Enero de 2026") is not one."""
    if cue is not None:
        return True
    if past is not None and past.search(text, a, b):
        return True
    words = len(re.findall(r"[^\W\d_]{3,}", text[a:b]))
    return words >= 4


def find_events(doc: dict, passages: list[dict], mentions: list[dict],
                relations: list[dict] | None = None, folded: str | None = None) -> list[dict]:
    """Events reported in one document, in text order.

    `doc` needs id, text, language and published (body optional); `passages` are the
    segmenter's dicts; `mentions` are {"country", "start", "end"} (may be empty). Each
    event: id (stable, from doc id and span), doc, date, start, end, countries (codes
    mentioned in the span, sorted), kind, summary, date_text, qualifier, plus precision,
    relative and approximate (date taken from the publication date). `folded` is
    `fold(text)`, when the caller has it.
    """
    text = doc.get("text") or ""
    body = doc.get("body") or 0
    lang = (doc.get("language") or "")[:2].lower()
    cues_db = _cues()
    cand = sorted((p for p in passages if not p.get("boilerplate") and p["end"] > body
                   and 0 <= p["start"] < p["end"] <= len(text)
                   and (p.get("kind") in _PASSAGE_KINDS or p.get("kind") == "heading"
                        and _PROSE.search(text, p["start"], p["end"]))), key=lambda p: p["start"])
    if not cand:
        return []
    lo = min(p["start"] for p in cand)
    folded = fold(text) if folded is None else folded
    dates = scan_dates(text, folded, lo, None, doc.get("published"), lang)
    date_spans = [(d.start, d.end, d) for d in dates]
    date_starts = [d.start for d in dates]
    blocked = [(m.start(), m.end()) for m in cues_db.not_cues.finditer(folded, lo)]
    cue_list = []
    for m in cues_db.by_lang.get(lang, cues_db.by_lang[None]).finditer(folded, lo):
        if not any(s <= m.start() < e for s, e in blocked):
            cue_list.append((m.start(), m.end(), m.lastgroup))
    cue_starts = [c[0] for c in cue_list]
    ments = sorted((m["start"], m["end"], m["country"]) for m in mentions)
    ment_starts = [m[0] for m in ments]
    past = cues_db.past.get(lang)
    lede = next((p for p in cand if p["kind"] == "sentence"), None)
    # passages where a country takes a position (store.claims): passage start -> the actors
    said: dict[int, list[str]] = {}
    p_starts = [p["start"] for p in cand]
    for r in relations or ():
        i = bisect.bisect_right(p_starts, r["start"]) - 1
        if i >= 0 and cand[i]["start"] <= r["start"] < cand[i]["end"]:
            actors = said.setdefault(cand[i]["start"], [])
            if r["actor"] not in actors:
                actors.append(r["actor"])

    def countries_at(idx: int, a: int, b: int) -> tuple[set, bool]:
        own = {m[2] for m in _in(ments, ment_starts, a, b)}
        if own:
            return own, False
        # a clause of a longer sentence: the countries of its sentence up to it ("tras expulsar al
        # embajador francés en enero y forzar la salida de la misión, concluida en agosto"); "ambos
        # mandatarios", "the deal": the countries are in the sentences just before
        for k in (idx, idx - 1, idx - 2):
            if k >= 0:
                prev = {m[2] for m in _in(ments, ment_starts, cand[k]["start"], b if k == idx else cand[k]["end"])}
                if prev:
                    return prev, True
        return set(), False

    events = []
    for idx, p in enumerate(cand):
        ps, pe = p["start"], p["end"]
        in_dates = [x[2] for x in _in(date_spans, date_starts, ps, pe)]
        story = dateline_end(text, in_dates[0].end) if len(in_dates) > 1 else None
        if story is not None:
            # "Lima, 12 mar (EFE).- ... este domingo": the filing day dates no clause of the story
            in_dates, ps = in_dates[1:], story
        in_cues = _in(cue_list, cue_starts, ps, pe)
        if not in_cues and not in_dates:
            continue
        quotes = _quoted(text, ps, pe)
        if in_dates:
            groups = _group_dates(text, in_dates)
            bounds = [ps] + [_cut(text, groups[i][-1].end, groups[i + 1][0].start) for i in range(len(groups) - 1)]
            bounds.append(pe)
            for gi, grp in enumerate(groups):
                # a date in a participial phrase dates the noun phrase before it, not the clause after
                par = _parenthetical(text, groups[gi - 1][-1].end if gi else ps, grp[0].start, grp[-1].end, bounds[gi + 1])
                if par is not None and len(groups) > 1:  # (a sentence of one date stays one clause)
                    start = _noun_phrase_start(text, groups[gi - 1][-1].end, par[0]) if gi else None
                    if start is not None:
                        bounds[gi] = start
                    bounds[gi + 1] = par[1] if gi + 1 == len(groups) else \
                        max(bounds[gi + 1], _cut(text, par[1], groups[gi + 1][0].start))
            for gi in range(1, len(groups)):
                # "...listo para el aniversario de la invasión, este martes 24 de febrero.": a date set
                # off after a comma at the clause's end dates the noun phrase before it, not nothing
                grp = groups[gi]
                if _ONLY_DETERMINER.fullmatch(text, bounds[gi], grp[0].start) \
                        and not _WORDS_AFTER.search(text, grp[-1].end, bounds[gi + 1]):
                    comma = text.rfind(",", groups[gi - 1][-1].end, bounds[gi] - 1)
                    if comma >= 0:
                        bounds[gi] = comma + 1
            for gi, grp in enumerate(groups):
                a, b = _trim(text, bounds[gi], bounds[gi + 1])
                # the date of the group that gives one; failing that, one that names a day and month
                # or a weekday ("until Thanksgiving, Nov. 27" in an undated article), for linking
                dm = next((d for d in grp if d.date), None) or \
                    next((d for d in grp if any(x is not None for x in _partial_date(d.text))), grp[0])
                cue = _pick_cue([c for c in in_cues if a <= c[0] < b], (grp[0].start, grp[-1].end), quotes)
                if b > a and gi + 1 < len(groups) and not _eventful(text, a, b, grp, cue, past) \
                        and grp[-1].date and all(_attributive_year(text, d) for d in groups[gi + 1]) \
                        and not _STRONG_BREAK.search(text, grp[-1].end, groups[gi + 1][0].start):
                    # "El jueves, Bamako denunció el acuerdo de paz de 2015": the fronted day dates the
                    # clause after it, whose year only names which accord (that clause keeps its year too)
                    b = _trim(text, a, bounds[gi + 2])[1]
                    cue = _pick_cue([c for c in in_cues if a <= c[0] < b], (grp[0].start, grp[-1].end), quotes)
                if b <= a or not _eventful(text, a, b, grp, cue, past):
                    continue
                cs, inferred = countries_at(idx, a, b)
                events.append(_event(doc, a, b, cue[2] if cue else "other", cs, inferred, dm))
            main = text.rfind(",", ps, in_dates[0].start)
            if main > ps and doc.get("published") and past is not None and all(d.aside for d in in_dates) \
                    and past.search(text, ps, main) and (p["start"] in said or _quoted(text, ps, main)):
                # '"...", dijo el ministro, cuyo Gobierno frena el préstamo acordado en diciembre': the
                # date is the relative clause's; the reaction itself is undated, dated as one is
                cue = _pick_cue([c for c in in_cues if c[0] < main], None, _quoted(text, ps, main))
                if cue is not None:
                    cs, inferred = countries_at(idx, ps, main)
                    events.append(_event(doc, ps, main, cue[2], cs | set(said.get(p["start"], ())), inferred,
                                         None, approximate=True))
        elif past is not None and (p is lede or (doc.get("published") and p["start"] in said)) \
                and past.search(text, ps, pe):
            # the lede reports the news of the day; so does a reaction or statement with no date of
            # its own ("María Zajárova calificó de «alarmante»..."): dated by the article, approximately
            # (an article without a date gives it none: an undated reaction is no point on a timeline)
            cue = _pick_cue(in_cues, None, quotes, specific_only=p is lede)
            if cue is not None:
                cs, inferred = countries_at(idx, ps, pe)
                actors = said.get(p["start"], [])
                cs = set(cs) | set(actors)
                ev = _event(doc, ps, pe, cue[2], cs, inferred, None, approximate=True)
                ev["countries"] = list(dict.fromkeys([a for a in actors if a in cs] + sorted(cs)))
                events.append(ev)
    return events


# --- the same happening across documents -------------------------------------------------

_LINK_IGNORE = frozenset(
    "para sobre entre como pero desde hasta este esta estos estas that with from this have been their which were "
    "will also more than after said dijo segun donde cuando tras ante durante ambos both there they them "
    "otros otras todo toda todos todas tambien sido habia esto eso when while where into over "
    "under about pais paises country countries gobierno government presidente president "
    # offices and titles, capitalized in every report of every happening: they name no one happening
    "ministry ministerio minister ministro ministra foreign exteriores affairs asuntos office oficina "
    "secretary secretario secretaria spokesman spokeswoman spokesperson portavoz vocero embassy embajada "
    "senator senador senadora defense defence defensa council consejo "
    # capitalized only when they open a sentence
    "the and but for its his her our these those los las una unos unas del por con sus ese esa".split())  # folded
_OPENERS = frozenset(".!?:;-–—\"«“(")
_WORD = re.compile(r"[^\W\d_]{4,}")
_NAME = re.compile(r"(?<![\w.])[^\W\d_][^\W_]*(?:[-’'][^\W_]+)*")
_POSSESSIVE = re.compile(r"[’']s?$")
_NUMBER = re.compile(r"(?<![\d.,])\d[\d.,]*\d(?![\d])")
_GENERIC = frozenset({"other", "statement"})  # kinds that say little of what happened
# An amount with its scale word reads the same in both languages once multiplied out: "90 billion",
# "90.000 millones", "90 mil millones" and "$90bn" are one figure. (A Spanish "billón" is 10^12.)
_SCALES = {"mil millones": 1e9, "millones": 1e6, "millón": 1e6, "millon": 1e6, "billones": 1e12, "billón": 1e12,
           "billon": 1e12, "mil": 1e3, "billion": 1e9, "billions": 1e9, "bn": 1e9, "million": 1e6,
           "millions": 1e6, "mn": 1e6, "trillion": 1e12, "thousand": 1e3}
_AMOUNT = re.compile(r"(?<![\d.,])(\d[\d.,]*)\s*(" + "|".join(sorted(map(re.escape, _SCALES), key=len, reverse=True))
                     + r")(?!\w)", re.I)


def _number(digits: str) -> float | None:
    """'90.000' and '90,000' (three digits after the mark: thousands), '1,6' and '1.6' (a decimal)."""
    parts = re.split(r"[.,]", digits)
    if len(parts) > 1 and all(len(p) == 3 for p in parts[1:]):
        return float("".join(parts))
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    try:
        return float(digits)
    except ValueError:
        return None


def _amounts(text: str) -> set[str]:
    out = set()
    for m in _AMOUNT.finditer(text):
        n = _number(m.group(1))
        if n:
            out.add(f"={n * _SCALES[m.group(2).lower()]:.3g}")
    return out


def _tokens(summary: str, date_text: str | None) -> tuple[frozenset, frozenset, frozenset, frozenset]:
    """(content stems, names, figures, first word) of an event's text. Stems are 6-letter prefixes (a
    stand-in for stemming within a language); names (capitalized words inside the sentence: "Pituffik",
    "Wagner", not a country's forms nor a month or weekday) and figures ("165", "1,6") read the same in
    Spanish and English, so they link across languages. A capitalized first word may be a name or just
    the first word: it counts only when the other side has it as a name."""
    stems, names, first = set(), set(), set()
    for w in _WORD.findall(summary):
        f = fold(w)
        if f not in _LINK_IGNORE:
            stems.add(f[:6])
    for k, m in enumerate(_NAME.finditer(summary)):
        w = _POSSESSIVE.sub("", m.group())  # "China's" is China, a country and no shared name
        if len(w) < 3 or not w[0].isupper():
            continue
        f = fold(w)
        if f in _LINK_IGNORE or not _is_name(w, f):
            continue
        # a word opening a sentence, also after a dateline's dash ("MANILA, Philippines - The...")
        opens = not k or summary[:m.start()].rstrip()[-1:] in _OPENERS
        (first if opens else names).add(f)
    own = set(_NUMBER.findall(date_text or ""))
    figures = {n for n in _NUMBER.findall(summary)
               if n not in own and not (len(n) == 4 and n[:2] in ("19", "20"))
               and len(n.replace(",", "").replace(".", "")) >= 2} | _amounts(summary)
    return frozenset(stems), frozenset(names), frozenset(figures), frozenset(first)


@lru_cache(maxsize=65536)
def _concepts(summary: str) -> frozenset:
    """The happenings (data/event_cues.json 'concepts') an event's text names in either language."""
    return frozenset(m.lastgroup for m in _cues().concepts.finditer(fold(summary)))


@lru_cache(maxsize=65536)
def _is_name(word: str, folded: str) -> bool:
    from . import countries  # the gazetteer: its forms are the event's countries already
    from .dates import holiday_word, month_number, weekday_number
    return not (month_number(folded) or weekday_number(folded) is not None or holiday_word(folded)
                or countries.lookup(word))


_TOLERANCE_DAYS = 3  # an event dated only by its article happened on that day or a few days before


def _span(ev: dict) -> tuple[date, date] | None:
    """The days an event's date covers: a day, its week, its month or its year."""
    d, precision = ev.get("date"), ev.get("precision")
    if not d:
        return None
    try:
        if len(d) == 10:
            day = date.fromisoformat(d)
            if precision == "week":
                return day, day + timedelta(days=6)
            if ev.get("approximate"):
                return day - timedelta(days=_TOLERANCE_DAYS), day
            return day, day
        if len(d) == 7:
            first = date(int(d[:4]), int(d[5:7]), 1)
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        return date(int(d[:4]), 1, 1), date(int(d[:4]), 12, 31)
    except ValueError:
        return None


class _Facts:
    """What linking compares of one event, computed once."""
    __slots__ = ("doc", "kind", "specific", "span", "approximate", "weekday", "day_month", "month", "countries",
                 "stems", "names", "figures", "first", "width", "concepts")

    def __init__(self, ev: dict) -> None:
        self.doc, self.kind = ev["doc"], ev["kind"]
        self.specific = self.kind not in _GENERIC
        self.span = _span(ev)
        self.approximate = bool(ev.get("approximate"))
        # an undated event may still say its weekday ("este jueves", "on Sunday"), its day and month
        # ("January 9", "el 9 de enero") or its month ("in January") when no year can be told
        self.weekday, self.day_month, self.month = None, None, None
        if self.span is not None and ev.get("year_guessed") and len(ev["date"]) >= 7:
            # a year an undated text only implies ("signed in October 2000 ... in January") links as no year
            lo = self.span[0]
            self.month, self.day_month = lo.month, ((lo.month, lo.day) if len(ev["date"]) == 10 else None)
            self.span = None
        elif self.span is None and ev.get("date_text"):
            self.weekday, self.day_month, self.month = _partial_date(ev["date_text"])
        self.countries = frozenset(ev.get("countries") or ())
        self.stems, self.names, self.figures, self.first = _tokens(ev.get("summary") or "", ev.get("date_text"))
        self.concepts = _concepts(ev.get("summary") or "")
        more = ev.get("link_terms")  # the names and figures of a clause longer than its summary
        if more:
            self.names |= {t for t in more if not t[0].isdigit() and t[0] != "="}
            self.figures |= {t for t in more if t[0].isdigit() or t[0] == "="}
        self.width = (self.span[1] - self.span[0]).days if self.span else None


_DAY_MONTH = re.compile(r"(\d{1,2})\D{1,6}([^\W\d_]{3,})|([^\W\d_]{3,})\.?\s+(\d{1,2})\b")


@lru_cache(maxsize=4096)
def _partial_date(date_text: str) -> tuple[int | None, tuple[int, int] | None, int | None]:
    """(weekday, (month, day), month) that a date with no year says, each None when it does not."""
    from .dates import month_number, weekday_number

    words = re.findall(r"[^\W\d_]+", date_text)
    weekday = next((weekday_number(w) for w in words if weekday_number(w) is not None), None)
    day_month = None
    for m in _DAY_MONTH.finditer(date_text):
        day, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        month = month_number(word)
        if month and 1 <= int(day) <= 31:
            day_month = (month, int(day))
            break
    months = {month_number(w) for w in words if len(w) >= 3} - {None}
    return weekday, day_month, (day_month[0] if day_month else months.pop() if len(months) == 1 else None)


def _date_score(a: _Facts, b: _Facts) -> float | None:
    """How much two events' dates say they are one happening; None when they say it is not."""
    sa, sb = a.span, b.span
    if sa is None or sb is None:
        if sa is None and sb is None:
            # both unresolved: "este lunes" and "este jueves" are different days whatever the year
            if a.weekday is not None and b.weekday is not None and a.weekday != b.weekday:
                return None
            if a.day_month and b.day_month:
                return 3 if a.day_month == b.day_month else None
            if a.month and b.month and a.month != b.month:
                return None
            return -2
        dated, bare = (a, b) if sa is not None else (b, a)
        if dated.width == 0:
            day = dated.span[0]
            if bare.day_month:  # "January 9" beside 2026-01-09: the same day, the year aside
                return 3 if bare.day_month == (day.month, day.day) else None
            if bare.weekday is not None:  # "on Sunday" beside a Sunday: maybe that day
                return 1 if bare.weekday == day.weekday() else None
        if bare.month and dated.width <= 31:
            lo, hi = dated.span  # "in January" beside a day or a month: inside that month, the year aside
            return 1 if bare.month in (lo.month, hi.month) else None
        return -1
    if sa[1] < sb[0] or sb[1] < sa[0]:
        return None
    loose = a.approximate or b.approximate  # a date that is only the article's says less
    if sa == sb:
        if a.width == 0:
            return 3  # the same day
        return 1 if loose else 2 if a.width <= 31 else 1  # the same week or month; the same year
    wide, narrow = (a, b) if a.width >= b.width else (b, a)
    if narrow.span[0] < wide.span[0] or narrow.span[1] > wide.span[1]:
        return 1 if loose else None  # overlapping, not inside
    score = 2 if wide.width <= 7 else 1 if wide.width <= 31 else 0  # inside a few days, a month, a year
    return score - 1 if loose else score


_LINK_AT = 4  # the evidence two reports need to count as one happening


def _compatible(a: _Facts, b: _Facts, df: Counter) -> float:
    """How strongly two events of different documents look like one happening (0 = not).

    Evidence adds up: the dates (the same day counts most; a day inside a month little; a missing date
    counts against), the countries (shared ones for, none shared against), the kind (the same specific
    kind for; two different specific kinds rule it out), and the words (names and figures shared across
    languages, the rarer the stronger; word stems within one)."""
    if a.doc == b.doc:
        return 0
    same_kind = a.kind == b.kind and a.specific
    if a.kind != b.kind and a.specific and b.specific:
        return 0
    score = dated = _date_score(a, b)
    if score is None:
        return 0
    if same_kind:
        score += 1
    elif a.kind != b.kind and "statement" in (a.kind, b.kind) and "other" not in (a.kind, b.kind):
        score -= 1  # what someone said of a happening is mostly not the happening: a reaction to drills
    elif a.kind == b.kind == "statement":
        score += 1  # two statements of one day (one speaker, one text) rather than a statement and a drill
    shared = len(a.countries & b.countries)
    if a.countries and b.countries:
        score += min(2, shared) if shared else -1
    names = (a.names & b.names) | (a.first & b.names) | (a.names & b.first)
    figures = bool(a.figures & b.figures)
    # the same happening told in other words ("la salida de las tropas", "the troops pulled out"),
    # across languages too, where no stem is shared: it stands in for a specific kind where a report's
    # kind is generic (two reports of one specific kind already say what happened); among shared countries
    concept = not same_kind and bool(a.concepts & b.concepts) and (shared or not (a.countries and b.countries))
    if score + 2 * concept + (min(2, len(names)) + 1 if names else 0) + figures + 1.5 < _LINK_AT:
        return 0  # short of the mark whatever words they share (checked before the costliest part)
    stems = a.stems & b.stems
    if names:
        stems = stems - {n[:6] for n in names}
    if dated < 3 and not names and not figures and len(stems) < 3 and not (same_kind and shared >= 2) \
            and not concept:
        # a loose date (a day in a month, a missing one) needs more than a country: shared names,
        # figures or wording, the same specific kind between the same two countries, or the same concept
        return 0
    if concept:
        score += 2
    if names:
        score += min(2, len(names)) + (1 if any(df[n] <= 3 for n in names) else 0)
    score += figures + min(1.5, 0.5 * len(stems))
    return score if score >= _LINK_AT else 0


# Candidates are found through an inverted index, not by comparing all pairs: an event is filed
# under the days, months and year its date covers and under its rarest names, each crossed with
# its countries; it looks candidates up by its own date (or, undated, by its names). Only the latest
# clusters under a key are scanned, so a corpus of a million events links in one pass.
_SCAN_LIMIT = 20
_KEY_NAMES = 4


def _block_keys(f: _Facts, df: Counter) -> tuple[set, set]:
    """(keys to file the event under, keys to look candidates up by)."""
    span = f.span
    put_slots, get_slots = set(), set()
    if span is not None:
        lo, hi = span
        n = f.width
        if n <= 7:
            days = {"d" + (lo + timedelta(days=k)).isoformat() for k in range(n + 1)}
            put_slots |= days
            get_slots |= days
        put_slots |= {"m" + lo.isoformat()[:7], "m" + hi.isoformat()[:7], "y" + str(lo.year), "y" + str(hi.year)}
        if 7 < n <= 31:
            get_slots.add("m" + lo.isoformat()[:7])
        elif n > 31:
            get_slots.add("y" + str(lo.year))
    names = sorted(f.names, key=lambda w: (df[w], w))[:_KEY_NAMES]
    put_slots |= {"n" + w for w in names}
    if span is not None and f.width == 0:
        # for the reports that give a day and month, or a weekday, but no year
        put_slots |= {f"md{span[0].month}-{span[0].day}", f"wd{span[0].weekday()}"}
    if span is None:
        get_slots |= {"n" + w for w in names}
        if f.day_month:
            get_slots.add(f"md{f.day_month[0]}-{f.day_month[1]}")
        elif f.weekday is not None:
            get_slots.add(f"wd{f.weekday}")
    # crossed with each country and rare name; "0" holds the events with no country, "*" every event
    # (looked up by those with none)
    countries, rare = sorted(f.countries), ["n" + w for w in names]
    put_groups = (countries or ["0"]) + rare + ["*"]
    get_groups = countries + rare + ["0"] if countries else ["*"]
    return ({(slot, c) for slot in put_slots for c in put_groups},
            {(slot, c) for slot in get_slots for c in get_groups})


# A newcomer is checked against at most this many members of a cluster: the first ones
# (the most precise dates, since events come most precise first) and the latest ones.
# Real clusters are a few reports of one happening, so this is every member; a wire story
# copied into thousands of articles would otherwise make linking quadratic.
_CHECK_FIRST = 4
_CHECK_LAST = 2


def _sample(members: list[dict]) -> list[dict]:
    if len(members) <= _CHECK_FIRST + _CHECK_LAST:
        return members
    return members[:_CHECK_FIRST] + members[-_CHECK_LAST:]


def link_events(events: list[dict]) -> None:
    """Give every event a `cluster`; events of different documents reporting one happening share it.

    Two events match when the evidence of `_compatible` adds up: their dates (equal, one inside
    the other, within a few days when one is only the article's date; a missing date weighs
    against), their countries, their kinds and their names, figures and words, in either
    language. Candidate pairs come from an index by date and country (by name when undated) and
    are merged best first, so the strongest match of a report wins over the first one found. A
    cluster holds at most one event per document and every pair of members must match (in very
    large clusters, a fixed sample of them), so two sanctions packages months apart never chain
    through a vague "2025". An undated member of a cluster with a dated one takes the cluster's
    most precise date, marked `date_inferred`; so does one whose year its undated article only implied
    (`year_guessed`: such a date links by its month and day, the year aside). The cluster id is derived from its members' ids.
    """
    facts = {id(ev): _Facts(ev) for ev in events}
    df = Counter(w for f in facts.values() for w in f.names)
    precision_rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    # (a year an undated article only implies sorts with the undated: they look candidates up by name)
    order = sorted(events, key=lambda e: (4 if e.get("year_guessed") else precision_rank.get(e.get("precision"), 4),
                                          bool(e.get("approximate")),
                                          e["doc"], e["start"], e["id"]))
    fs = [facts[id(ev)] for ev in order]
    # candidate pairs: each event against the latest events filed under the keys it looks up
    index: dict[tuple, list[int]] = {}
    pairs: dict[tuple[int, int], float] = {}
    for i, f in enumerate(fs):
        put, get = _block_keys(f, df)
        seen: set[int] = set()  # the latest events under each key, each once (pairs are sorted below)
        for key in get:
            got = index.get(key)
            if got:
                seen.update(got[-_SCAN_LIMIT:])
        for k in seen:
            g = fs[k]
            if g.doc != f.doc and (g.kind == f.kind or not g.specific or not f.specific):
                pairs[k, i] = _compatible(g, f, df)
        for key in put:
            lst = index.setdefault(key, [])
            if not lst or lst[-1] != i:
                lst.append(i)

    def pair_score(x: int, y: int) -> float:
        key = (x, y) if x < y else (y, x)
        if key not in pairs:
            pairs[key] = _compatible(fs[key[0]], fs[key[1]], df)
        return pairs[key]

    # best first: the strongest pair merges its two clusters when every member pair matches
    owner = list(range(len(order)))
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(order))}
    docs: dict[int, set] = {i: {f.doc} for i, f in enumerate(fs)}
    for (k, i), score in sorted([(p, sc) for p, sc in pairs.items() if sc], key=lambda x: (-x[1], x[0])):
        a, b = owner[k], owner[i]
        if a == b or docs[a] & docs[b]:
            continue
        if all(pair_score(x, y) for x in _sample(clusters[a]) for y in _sample(clusters[b])):
            if len(clusters[a]) < len(clusters[b]):
                a, b = b, a
            for x in clusters[b]:
                owner[x] = a
            clusters[a].extend(clusters.pop(b))
            docs[a] |= docs.pop(b)
    clusters = [[order[x] for x in sorted(members)] for members in clusters.values()]
    for members in clusters:
        cid = "c" + hashlib.sha1("|".join(sorted(m["id"] for m in members)).encode()).hexdigest()[:15]
        for m in members:
            m["cluster"] = cid
        # the most precise date of the cluster, one an article's own words give before one it only bears
        # (and before one whose year an undated article only implies, which gives way to it)
        dated = min((m for m in members if m.get("date")), default=None,
                    key=lambda m: (bool(m.get("year_guessed")), bool(m.get("approximate")), -len(m["date"]),
                                   m["doc"], m["start"]))
        if dated is not None:
            for m in members:
                if not m.get("date") or (m.get("year_guessed") and not dated.get("year_guessed")):
                    m.update(date=dated["date"], precision=dated.get("precision"), date_inferred=True,
                             approximate=bool(dated.get("approximate")))

