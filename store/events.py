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

from .dates import fold, past_tense, scan_dates

CUES_FILE = Path(__file__).parent / "data" / "event_cues.json"
_PASSAGE_KINDS = ("sentence", "item", "row")
_QUOTES = {"“": "”", "«": "»", '"': '"', "‘": "’"}


def _phrase_regex(phrase: str) -> str:
    """A cue phrase as a regex over folded text: whole words, any whitespace, * = any ending."""
    star = phrase.endswith("*")
    body = r"\s+".join(re.escape(w) for w in fold(phrase.rstrip("*")).split())
    return body + (r"\w*" if star else r"(?!\w)")


class _Cues:
    """Compiled cue patterns per language, built once from the data file."""

    def __init__(self, data: dict):
        self.kinds = data["kinds"]
        self.by_lang = {}
        for lang in ("es", "en", None):
            parts = []
            for kind in self.kinds:
                phrases = data["cues"][kind].get(lang, []) if lang else sum(data["cues"][kind].values(), [])
                phrases = sorted(set(phrases), key=len, reverse=True)
                parts.append(f"(?P<{kind}>" + "|".join(_phrase_regex(p) for p in phrases) + ")")
            # On folded text: plain lowercase literals, and a word start checked once, run fast.
            self.by_lang[lang] = re.compile(r"(?<!\w)(?:" + "|".join(parts) + ")")
        self.not_cues = re.compile(r"(?<!\w)(?:" + "|".join(_phrase_regex(p) for p in data["not_cues"]) + ")")
        self.past = {lang: past_tense(lang) for lang in ("es", "en")}


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    with open(CUES_FILE, encoding="utf-8") as f:
        return _Cues(json.load(f))


def _quoted(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans inside quotation marks within text[start:end]: reported speech and names of things."""
    spans, i = [], start
    while i < end:
        close = _QUOTES.get(text[i])
        if close:
            j = text.find(close, i + 1, end)
            if j < 0:  # a quotation running on past the sentence
                spans.append((i, end))
                break
            spans.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return spans


_JOIN = re.compile(r"(?i)\s*(?:,|y|e|o|and|or|to|a|al|hasta|until|through|-|–|—|/)?\s*(?:el|la|the)?\s*")


def _group_dates(text: str, dates: list) -> list[list]:
    """Date expressions next to each other ("desde 2005 hasta 2013", "May 5 and 7") form one group;
    a date anchored to the one before it ("el 18 de diciembre, tres días después de que...") dates
    a clause of its own."""
    groups: list[list] = []
    for d in dates:
        if groups and not d.relative and not groups[-1][-1].relative and d.start - groups[-1][-1].end <= 16 \
                and _JOIN.fullmatch(text, groups[-1][-1].end, d.start):
            groups[-1].append(d)
        else:
            groups.append([d])
    return groups


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
    elif approximate and doc.get("published"):
        ev.update(date=doc["published"][:10], precision="day", relative=True)
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
                relations: list[dict] | None = None) -> list[dict]:
    """Events reported in one document, in text order.

    `doc` needs id, text, language and published (body optional); `passages` are the
    segmenter's dicts; `mentions` are {"country", "start", "end"} (may be empty). Each
    event: id (stable, from doc id and span), doc, date, start, end, countries (codes
    mentioned in the span, sorted), kind, summary, date_text, qualifier, plus precision,
    relative and approximate (date taken from the publication date).
    """
    text = doc.get("text") or ""
    body = doc.get("body") or 0
    lang = (doc.get("language") or "")[:2].lower()
    cues_db = _cues()
    cand = sorted((p for p in passages if not p.get("boilerplate") and p.get("kind") in _PASSAGE_KINDS
                   and p["end"] > body and 0 <= p["start"] < p["end"] <= len(text)), key=lambda p: p["start"])
    if not cand:
        return []
    lo = min(p["start"] for p in cand)
    folded = fold(text)
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
        # "ambos mandatarios", "the deal": the countries are in the sentences just before
        for k in (idx - 1, idx - 2):
            if k >= 0:
                prev = {m[2] for m in _in(ments, ment_starts, cand[k]["start"], cand[k]["end"])}
                if prev:
                    return prev, True
        return set(), False

    events = []
    for idx, p in enumerate(cand):
        ps, pe = p["start"], p["end"]
        in_dates = [x[2] for x in _in(date_spans, date_starts, ps, pe)]
        in_cues = _in(cue_list, cue_starts, ps, pe)
        if not in_cues and not in_dates:
            continue
        quotes = _quoted(text, ps, pe)
        if in_dates:
            groups = _group_dates(text, in_dates)
            bounds = [ps] + [_cut(text, groups[i][-1].end, groups[i + 1][0].start) for i in range(len(groups) - 1)]
            bounds.append(pe)
            for gi, grp in enumerate(groups):
                a, b = _trim(text, bounds[gi], bounds[gi + 1])
                dm = next((d for d in grp if d.date), grp[0])
                cue = _pick_cue([c for c in in_cues if a <= c[0] < b], (grp[0].start, grp[-1].end), quotes)
                if b <= a or not _eventful(text, a, b, grp, cue, past):
                    continue
                cs, inferred = countries_at(idx, a, b)
                events.append(_event(doc, a, b, cue[2] if cue else "other", cs, inferred, dm))
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
    "under about pais paises country countries gobierno government presidente president".split())  # folded
_WORD = re.compile(r"[^\W\d_]{4,}")


def _tokens(summary: str) -> tuple[frozenset, frozenset]:
    """(content stems, name stems) of an event's text: 6-letter prefixes stand in for stemming."""
    words = _WORD.findall(summary)
    stems, names = set(), set()
    for i, w in enumerate(words):
        f = fold(w)
        if f in _LINK_IGNORE:
            continue
        stems.add(f[:6])
        if i > 0 and w[0].isupper():
            names.add(f[:6])
    return frozenset(stems), frozenset(names)


_TOLERANCE_DAYS = 3


def _date_fit(a: dict, b: dict) -> str:
    """'same' | 'near' | 'loose' | 'open' (a date missing) | 'conflict'."""
    da, db = a.get("date"), b.get("date")
    if not da and not db:
        # both unresolved: "este lunes" and "este jueves" are different days whatever the year
        wa, wb = a["_dw"], b["_dw"]
        return "open" if not wa or not wb or wa == wb else "conflict"
    if not da or not db:
        return "open"
    if da == db:
        return "same"
    short, long_ = sorted((da, db), key=len)
    if long_.startswith(short):
        return "near" if len(long_) - len(short) <= 3 else "loose"
    if len(da) == len(db) == 10 and (a.get("approximate") or b.get("approximate")):
        gap = abs((date.fromisoformat(da) - date.fromisoformat(db)).days)
        if gap <= _TOLERANCE_DAYS:
            return "near"
    return "conflict"


_NEED = {"same": 1, "near": 2, "loose": 3, "open": 4}


def _compatible(a: dict, b: dict) -> int:
    """How strongly two events of different documents look like one happening (0 = not)."""
    if a["doc"] == b["doc"] or a["kind"] != b["kind"]:
        return 0
    ta, tb = a["_tok"], b["_tok"]
    shared = len(ta[0] & tb[0])
    if not shared:
        return 0
    fit = _date_fit(a, b)
    if fit == "conflict":
        return 0
    ca, cb = set(a["countries"]), set(b["countries"])
    if ca and cb and not ca & cb:
        # different countries: only near-identical wording says it is the same happening
        small = min(len(ta[0]), len(tb[0])) or 1
        return shared if shared >= 5 and shared / small >= 0.3 and len(ta[1] & tb[1]) >= 2 else 0
    need = _NEED[fit] + (0 if ca and cb else 1)
    return shared if shared >= need else 0


# Candidates are found through an inverted index, not by comparing all pairs: an event is
# filed under its rarest words shared with other events of its kind, crossed with its
# month, year or nothing. Only the latest clusters under a key are scanned, so a corpus of
# a million events links in one pass.
_SCAN_LIMIT = 30
_KEY_WORDS = 6


def _block_keys(ev: dict, df: Counter) -> tuple[set, set]:
    """(keys to file the event's cluster under, keys to look candidates up by)."""
    kind, d = ev["kind"], ev.get("date") or ""
    words = sorted((w for w in ev["_tok"][0] if df[kind, w] > 1), key=lambda w: (df[kind, w], w))[:_KEY_WORDS]
    months = {d[:7]} if len(d) >= 7 else set()
    if len(d) == 10 and ev.get("approximate"):  # a few days' tolerance may cross a month's edge
        day = date.fromisoformat(d)
        months |= {(day + timedelta(days=k)).isoformat()[:7] for k in (-_TOLERANCE_DAYS, _TOLERANCE_DAYS)}
    slots = {"m" + m for m in months} | ({"y" + d[:4]} if d else set()) | {"*"}
    put = {(kind, w, slot) for w in words for slot in slots}
    # Events come most precise first, so a month looks among months, a year among its
    # months and years, and an undated event among everything of its kind.
    want = {"m" + m for m in months} if months else ({"y" + d[:4]} if d else {"*"})
    return put, {(kind, w, slot) for w in words for slot in want}


# A newcomer is checked against at most this many members of a cluster: the first ones
# (the most precise dates, since events come most precise first) and the latest ones.
# Real clusters are a few reports of one happening, so this is every member; a wire story
# copied into thousands of articles would otherwise make linking quadratic.
_CHECK_FIRST = 8
_CHECK_LAST = 4


def _sample(members: list[dict]) -> list[dict]:
    if len(members) <= _CHECK_FIRST + _CHECK_LAST:
        return members
    return members[:_CHECK_FIRST] + members[-_CHECK_LAST:]


def link_events(events: list[dict]) -> None:
    """Give every event a `cluster`; events of different documents reporting one happening share it.

    Two events match when they are of the same kind, from different documents, their
    dates are compatible (equal; one inside the other, like 2025-11 and 2025-11-21; within
    a few days when one is only the article date; or one missing), their countries overlap
    and their words overlap (more shared words are needed the looser the date fit and when
    a side has no countries). A cluster holds at most one event per document and a newcomer
    must match every member (in very large clusters, a fixed sample of them), so two
    sanctions packages months apart never chain through a vague "2025". The cluster id is
    derived from its members' ids.
    """
    for ev in events:
        ev["_tok"] = _tokens(ev.get("summary") or "")
        ev["_dw"] = fold(ev.get("date_text") or "").split()[-1:]  # "jueves" of "este jueves"
    df = Counter((ev["kind"], w) for ev in events for w in ev["_tok"][0])
    precision_rank = {"day": 0, "month": 1, "year": 2}
    order = sorted(events, key=lambda e: (precision_rank.get(e.get("precision"), 3), e["doc"], e["start"], e["id"]))
    clusters: list[list[dict]] = []
    docs: list[set] = []
    index: dict[tuple, list[int]] = {}
    for ev in order:
        put, get = _block_keys(ev, df)
        seen, best, best_score = set(), None, 0
        for key in sorted(get):  # sorted: the same input links the same way in every run
            for ci in index.get(key, [])[-_SCAN_LIMIT:]:
                if ci in seen or ev["doc"] in docs[ci]:
                    continue
                seen.add(ci)
                scores = [_compatible(ev, m) for m in _sample(clusters[ci])]
                if all(scores) and sum(scores) > best_score:
                    best, best_score = ci, sum(scores)
        if best is None:
            best = len(clusters)
            clusters.append([])
            docs.append(set())
        clusters[best].append(ev)
        docs[best].add(ev["doc"])
        for key in put:
            lst = index.setdefault(key, [])
            if not lst or lst[-1] != best:
                lst.append(best)
    for members in clusters:
        cid = "c" + hashlib.sha1("|".join(sorted(m["id"] for m in members)).encode()).hexdigest()[:15]
        for m in members:
            m["cluster"] = cid
    for ev in events:
        ev.pop("_tok", None)
        ev.pop("_dw", None)

