"""Relations and stance claims: who backs, works against or keeps a neutral distance from whom.

A *relation* is a directed position found in one passage: an actor country, a target
country, a stance (supports / opposes / neutral), the exact span that says it, the words
that decided it and the kinds of support or action named. Every relation is kept,
whatever its target, so stances toward any country can be listed without a rebuild. A
*claim* (schema 1 of INTERFACES.md) is a relation toward the corpus's focus country, with
`country` = the actor.

The stage reads each passage with store.claims.reading (cues as operators over their
clause), lists and tables with store.claims.tables, and ties quoted people to their
countries with store.claims.actors. What a passage says with no target named ("Canadá
prometió apoyo") is about the document's topic: the country others act on most in it
(see `document_topic`), which is also how the corpus's focus is found: the country most
documents are about, not the one mentioned most.

Pure over plain data; the lexicon (store/data/stance_cues.json) compiles once per process.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from ..dates import fold
from .actors import people
from .lexicon import lexicon, scan
from .reading import COACTOR, TOPIC, UNLESS, Doc, Evidence, Passage, note_offices
from .tables import item_countries, lead_in, table_evidence, vote_item
from .territories import sovereign
from .tokens import tokenize, units as make_units

__all__ = ["find_relations", "relations_for", "Found", "Reading", "claims_toward", "counts_toward", "counts_of", "merge_counts", "adversary", "stance_summary", "focus_country", "topic_scores",
           "sovereign", "STANCES", "lexicon"]

STANCES = ("supports", "opposes", "neutral")
_CLEAR_TOPIC = 4.0  # a raw topic score below this (a line or two) does not outweigh the corpus's focus
_STOP_NAMES = ("the el la los las in on at after before since from for with by of de del en a un una "
               "monday tuesday wednesday thursday friday saturday sunday lunes martes miercoles jueves viernes "
               "sabado domingo january february march april may june july august september october november "
               "december enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
               "diciembre new nuevo nueva said dijo este esta this that when while but pero y and")
_STOP_WORDS = frozenset(fold(w) for w in _STOP_NAMES.split())


def _is_bloc(code: str) -> bool:
    from ..countries import country_info  # the gazetteer loads only when asked

    info = country_info(code)
    return bool(info["bloc"]) if info else not (len(code) == 2 and code.isalpha() and code.isupper())


# ----------------------------------------------------------------------------- reading a document

@dataclass
class Found:
    """What a document's passages say, before the corpus's focus is known: enough to give its
    relations for any focus (`relations_for`) without reading the text again."""

    evidence: list[tuple[int, list[Evidence]]]  # (passage start, the evidence read in it)
    scores: dict[str, float]  # see `topic_scores`
    strength: float
    named: set[str]  # the states the document names


@dataclass
class Reading:
    """What the claims stage finds in one document."""

    relations: list[dict]
    topics: dict[str, float]  # how much the document is about each country, its best at 1.0
    topic: str | None  # the country what it says with no target named is about
    found: Found | None = None  # what they were given from, when the caller asked to keep it


def find_relations(doc: dict, passages: list[dict], mentions: list[dict], focus: str | None = None,
                   folded: str | None = None, keep: bool = False) -> Reading:
    """Every relation `doc` states (sorted by start), and what the document is about.

    Each relation: {"id", "doc", "actor", "target", "stance", "start", "end", "text", "cue",
    "support", "implicit"} with text == doc["text"][start:end]; `cue` is the words that
    decided the stance, `support` the kinds of support or action named (or None), `implicit`
    whether the target was not named (it is then the document's topic). The topic is `focus`
    (the corpus's focus country) when the document names it, else the country the document
    is most about (see `topic_scores`). `folded` is `fold(doc["text"])`, when the caller has it;
    with `keep`, the reading keeps what it found, to give the relations for another focus later.
    """
    text = doc["text"]
    lang = doc.get("language") or ""
    lex = lexicon()
    folded = fold(text) if folded is None else folded
    table = lex.scanner(lang)
    ms = sorted((m for m in mentions if 0 <= m["start"] < m["end"] <= len(text)), key=lambda m: (m["start"], -m["end"]))
    live = [p for p in passages if not p.get("boilerplate") and p.get("kind") != "meta"]
    d = Doc(text, folded, lang, lex)
    m_starts = [m["start"] for m in ms]

    def mentions_in(a: int, b: int) -> list[dict]:
        return [m for m in ms[bisect_right(m_starts, a - 1):bisect_right(m_starts, b - 1)] if m["end"] <= b]

    titles = d.w("titles", "offices")
    topics = _list_topics(d, live, mentions_in)
    spans = {(p["start"], p["end"]): topics[p["start"]] for p in live if p["start"] in topics}
    ppl = people(text, folded, ms, titles, _STOP_WORDS | d.w("not_name_words"),
                 spans)
    p_starts = [p[0] for p in ppl]

    tokens = tokenize(folded)
    t_starts = [t[0] for t in tokens]

    def units_of(a: int, b: int):
        toks = tokens[bisect_right(t_starts, a - 1):bisect_right(t_starts, b - 1)]
        toks = [t for t in toks if t[1] <= b]
        words = [t for t in toks if t[2][0].isalnum() or t[2][0] == "_"]
        hits = scan(table, folded, a, b, words)
        who = [p for p in ppl[bisect_right(p_starts, a - 1):bisect_right(p_starts, b - 1)] if p[1] <= b]
        return make_units(folded, toks, mentions_in(a, b), who, hits)

    found: list[tuple[dict, list[Evidence]]] = []
    rows, handled = table_evidence(d, live, units_of)
    found += rows
    pending = None  # the position a lead-in gives the list items under it
    for p in live:
        if p["start"] in handled or p["kind"] == "header":
            continue
        us = units_of(p["start"], p["end"])
        if not us:
            continue
        if p["kind"] == "item":
            votes = vote_item(d, us)
            if votes is not None:
                found.append((p, votes))
                continue
            codes = item_countries(us) if pending is not None else None
            if codes:
                evs = []
                for c in codes:
                    ev = Evidence(c, "")
                    for t, (s, n) in pending.items():
                        ev2 = Evidence(c, t)
                        ev2.add(s, n, p["start"], p["end"], (p["start"], p["end"]), None)
                        evs.append(ev2)
                found.append((p, evs))
                continue
        elif pending is not None and p["kind"] != "item":
            pending = None
        lead = lead_in(d, us) if p["kind"] in ("heading", "sentence", "item") else None
        if lead:
            pending = lead
            continue
        topic = topics.get(p["start"])
        if not any(u.cue is not None for u in us):
            _carry_discourse(d, us, topic)  # nothing to read, but "Beijing pushed back." names who speaks next
            continue
        found.append((p, Passage(d, us, topic=topic).read()))
    scores, strength = topic_scores(live, found, ms)
    got = Found([(p["start"], evs) for p, evs in found], scores, strength, {sovereign(m["country"]) for m in ms})
    words = [t for t in tokens if t[2][0].isalnum() or t[2][0] == "_"]
    reading = relations_for(doc, got, focus, folded, words)
    if keep:
        reading.found = got
    return reading


def relations_for(doc: dict, found: Found, focus: str | None, folded: str | None = None,
                  words: list[tuple[int, int, str]] | None = None) -> Reading:
    """The relations of a document read before (`find_relations(..., keep=True).found`), for `focus`:
    the same as reading it again for that focus. `doc` needs id and text."""
    if focus is not None and (focus in found.named or found.strength < _CLEAR_TOPIC):
        topic = focus  # the document names the focus, or says too little to be about anything else
    else:
        topic = max(found.scores, key=lambda c: (found.scores[c], c)) if found.scores else None
    if folded is None:
        folded = fold(doc["text"])
    if words is None:
        words = [t for t in tokenize(folded) if t[2][0].isalnum() or t[2][0] == "_"]
    return Reading(_relations(doc, found.evidence, topic, focus, folded, words), found.scores, topic)


def _carry_discourse(d: Doc, us: list, topic: list[str] | None) -> None:
    """What a passage without cues leaves for the next one to refer to: its list topic, or the
    passages and the country it opens with."""
    note_offices(d, us)
    if topic:
        d.discourse = list(topic)
        return
    determiners = d.w("determiners")
    first = next((u for u in us if not (u.cue is None and u.code is None and u.word in determiners)), None)
    if first is not None and first.code is not None:
        d.discourse = [first.code]


def _list_topics(d: Doc, passages: list[dict], mentions_in) -> dict[int, list[str]]:
    """Passage start -> the countries it is listed under: "- Brazil: ...", "EGYPT: President ...",
    and the sentences after such a lead in the same paragraph."""
    out: dict[int, list[str]] = {}
    block, codes, item = None, None, False
    for p in passages:
        if p["kind"] in ("row", "header"):
            continue
        if p["block"] != block or (item and p["kind"] != "item"):
            # a list item holds its own sentences: the paragraph after the list is no longer under it
            block, codes = p["block"], None
        ms = mentions_in(p["start"], min(p["end"], p["start"] + 80))
        lead = _lead_countries(d, p, ms)
        if lead:
            codes, item = lead, p["kind"] == "item"
        if codes:
            out[p["start"]] = codes
    return out


def _lead_countries(d: Doc, p: dict, ms: list[dict]) -> list[str] | None:
    """The countries before a colon or dash at the start of a passage, if nothing else is there."""
    if not ms:
        return None
    text = d.folded
    pos = p["start"]
    codes = []
    for m in ms:
        gap = text[pos:m["start"]].strip(" \t-–—*•")
        if gap and gap not in (",", "y", "e", "and", "&", "el", "la", "los", "las", "the") and not (
                gap.endswith((",", " y", " e", " and")) and len(gap) < 6):
            break
        codes.append(m["country"])
        pos = m["end"]
        rest = text[pos:pos + 3].lstrip()
        if rest[:1] in (":", "–", "—") or (p["kind"] == "item" and rest[:1] == "-"):
            return list(dict.fromkeys(codes))
    return None


def topic_scores(passages: list[dict], found: list[tuple[dict, list[Evidence]]],
                 mentions: list[dict]) -> tuple[dict[str, float], float]:
    """How much a document is about each country, scaled so its best is 1.0 (and the best's raw score).

    A country is what a document is about when others take positions toward it: each time it
    is a named target counts one, each time it acts counts against it by half (the US acting
    on Greenland makes Greenland the subject), each mention a half and each mention in the
    title or first passage two more. A territory counts for its state (Greenland for
    Denmark); blocs are never topics. The corpus's focus is the country with the highest sum
    over its documents (`focus_country`), so one long article cannot outvote many.
    """
    score: Counter = Counter()
    for _, evs in found:
        for ev in evs:
            if ev.target and not ev.target.startswith("\x00"):
                score[sovereign(ev.target)] += 1.0
            if not ev.actor.startswith("\x00"):
                score[sovereign(ev.actor)] -= 0.5
    first = passages[0] if passages else None
    for m in mentions:
        code = sovereign(m["country"])
        score[code] += 0.5
        if first is not None and first["start"] <= m["start"] < first["end"]:
            score[code] += 2.0
    named = {sovereign(m["country"]) for m in mentions}
    kept = {c: s for c, s in score.items() if c in named and not _is_bloc(c)}
    best = max(kept.values(), default=0.0)
    if best <= 0:
        return {}, 0.0
    return {c: round(s / best, 4) for c, s in sorted(kept.items(), key=lambda x: -x[1])[:8] if s > 0}, best


def _relations(doc: dict, found: list[tuple[int, list[Evidence]]], topic: str | None,
               focus: str | None, folded: str, words: list[tuple[int, int, str]] | None = None) -> list[dict]:
    text = doc["text"]
    doc_id = doc["id"]
    min_weight = float(lexicon().data["min_weight"])
    merged: dict[tuple, Evidence] = {}
    named: set[tuple] = set()  # keys with a target the text names
    for p, evs in found:
        for ev in evs:
            actor = topic if ev.actor == TOPIC else ev.actor
            unnamed = ev.target == TOPIC or ev.target.startswith(UNLESS)
            if ev.target.startswith(UNLESS) and topic in ev.target[len(UNLESS):].split(","):
                continue  # the topic's own deed, with no one named as done to
            target = topic if unnamed else ev.target
            if unnamed and actor == topic and focus and focus != actor:
                target = focus  # a document about the actor itself: its unnamed target is the corpus's focus
            if target is None:
                continue  # no target named, and no topic to stand for it (a text naming only blocs)
            if target.startswith(COACTOR):  # side by side with the topic is support for it, else nothing
                target = target[len(COACTOR):]
                target = topic if target == TOPIC else target
                if target != topic:
                    continue
            implicit = unnamed
            if not actor or not target or actor == target or actor.startswith("\x00") or target.startswith("\x00"):
                continue
            key = (p, ev.segment, actor, target)
            if not implicit:
                named.add(key)
            cur = merged.get(key)
            if cur is None:
                merged[key] = Evidence(actor, target, ev.pos, ev.neg, ev.neu, ev.start, ev.end, list(ev.cues),
                                       list(ev.kinds), ev.segment, ev.support)
            else:
                cur.pos, cur.neg, cur.neu = cur.pos + ev.pos, cur.neg + ev.neg, cur.neu + ev.neu
                cur.start, cur.end = min(cur.start, ev.start), max(cur.end, ev.end)
                cur.cues += ev.cues
                cur.kinds += [k for k in ev.kinds if k not in cur.kinds]
    out = []
    spots = _kind_spots(folded, [(ev.start, ev.end) for ev in merged.values()], words)
    spot_starts = [x for x, _ in spots]
    toward_topic = {(k[0], k[2]) for k in merged if k[3] == topic}  # (passage, actor) with a position on the topic
    for key, ev in merged.items():
        passage, _, actor, target = key
        stance = _decide(ev, min_weight)
        if stance is None:
            continue
        a, b = _trim(text, ev.start, ev.end)
        if not 0 <= a < b <= len(text):
            continue
        _, cs, ce = max(ev.cues, key=lambda c: c[0])
        ident = hashlib.blake2b(f"{doc_id}|{actor}|{target}|{a}|{b}".encode(), digest_size=8).hexdigest()
        # `side`: whether this position may stand for one toward the topic through the topic's rival
        # (store.claims.claims_toward): not humanitarian help, and no direct one in the same passage
        side = "humanitarian" not in ev.kinds and (passage, actor) not in toward_topic
        out.append({"id": ident, "doc": doc_id, "actor": actor, "target": target, "stance": stance,
                    "start": a, "end": b, "text": text[a:b], "cue": text[cs:ce],
                    "support": ev.support or _kinds(spots, spot_starts, a, b, ev.kinds), "implicit": key not in named, "topic": topic,
                    "side": side})
    out.sort(key=lambda r: (r["start"], r["end"], r["actor"], r["target"]))
    return out


def _kind_spots(folded: str, spans: list[tuple[int, int]], words: list[tuple[int, int, str]] | None) -> list[tuple[int, str]]:
    """(offset, kind) of the kind words inside `spans` (the relations' evidence), read once per stretch
    of overlapping spans rather than over the whole document."""
    lex = lexicon()
    out: list[tuple[int, str]] = []
    starts = [w[0] for w in words] if words is not None else None
    lo = hi = -1
    for a, b in sorted(spans) + [(len(folded) + 1, len(folded) + 1)]:
        if a <= hi:
            hi = max(hi, b)
            continue
        if hi > lo:
            part = words[bisect_right(starts, lo - 1):bisect_right(starts, hi - 1)] if words is not None else None
            out += lex.kind_at(folded, lo, hi, part)
        lo, hi = a, b
    return out


def _kinds(spots: list[tuple[int, str]], starts: list[int], a: int, b: int, seen: list[str]) -> str | None:
    """The kinds of support or action a relation's span names ("military, economic"), or None;
    `spots` are the document's kind words, found once."""
    lo, hi = bisect_right(starts, a - 1), bisect_right(starts, b - 1)
    kinds = list(dict.fromkeys([k for k in seen if k not in ("domestic",)] + [k for _, k in spots[lo:hi]]))
    return ", ".join(kinds) or None


def _decide(ev: Evidence, min_weight: float) -> str | None:
    """The stance the evidence of one passage gives: the sign that outweighs neutrality, else neutral."""
    net = ev.pos - ev.neg
    if abs(net) >= 0.5 * min_weight and abs(net) > ev.neu:
        return "supports" if net > 0 else "opposes"
    if ev.neu >= 0.5 * min_weight or (ev.pos > 0 and ev.neg > 0):
        return "neutral"
    return None


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (text[a].isspace() or text[a] in ",;:—–-"):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:—–-"):
        b -= 1
    return a, b


# ----------------------------------------------------------------------------- views over relations

# Counts are [supports, opposes, neutral]; a summary maps target -> actor -> counts.
Counts = dict[str, dict[str, list[int]]]


def counts_of(relations: list[dict]) -> tuple[Counts, dict[str, Counts]]:
    """(counts per target and actor, the same per document topic for relations that can stand for
    a side) of a list of relations: what a shard's summary keeps (store.shards)."""
    direct: Counts = {}
    by_topic: dict[str, Counts] = {}
    for r in relations:
        k = STANCES.index(r["stance"])
        direct.setdefault(r["target"], {}).setdefault(r["actor"], [0, 0, 0])[k] += 1
        if r.get("side") and r.get("topic"):
            by_topic.setdefault(r["topic"], {}).setdefault(r["target"], {}).setdefault(r["actor"], [0, 0, 0])[k] += 1
    return direct, by_topic


def adversary(direct: Counts, target: str) -> str | None:
    """The country locked in the sharpest hostility with `target`: opposing relations between
    the two, those of `target` itself counting double (the deeds that define a conflict:
    Israel's strikes on Gaza, Russia's on Ukraine). At least three, and a fifth of the whole."""
    hostility: Counter = Counter()
    for t, actors in direct.items():
        for a, (_, opp, _) in actors.items():
            if not opp:
                continue
            a, t2 = sovereign(a), sovereign(t)
            if t2 == target and a != target:
                hostility[a] += opp
            elif a == target and t2 != target:
                hostility[t2] += 2 * opp
    ranked = sorted((c for c in hostility if not _is_bloc(c)), key=lambda c: (-hostility[c], c))
    total = sum(v for c, v in hostility.items() if not _is_bloc(c))  # a bloc echoes its members: no side of its own
    if not ranked or hostility[ranked[0]] < 3 or hostility[ranked[0]] < 0.2 * total:
        return None
    return ranked[0]


_INVERSE = {"supports": "opposes", "opposes": "supports", "neutral": "neutral"}


def _toward(r: dict, target: str) -> bool:
    return r["target"] == target or (sovereign(r["target"]) == target and r["actor"] != target)


def _via(r: dict, target: str, rival: str | None) -> bool:
    return rival is not None and bool(r.get("side")) and r.get("topic") == target \
        and sovereign(r["target"]) == rival and r["actor"] not in (target, rival)


def claims_toward(relations: list[dict], target: str, rival: str | None = None) -> list[dict]:
    """Schema-1 claims toward `target` (`country` = the actor): relations toward it or a territory of
    it, and, in documents about `target`, positions toward its `rival` turned around, since backing
    the rival is opposing the target (`via` names the rival). What counts as a side is decided when
    a relation is read (`side`: not humanitarian help, and no direct position of the same actor in
    the same passage), so these claims and `counts_toward` always agree."""
    out = []
    for r in relations:
        if _toward(r, target):
            out.append(dict(r, country=r["actor"]))
        elif _via(r, target, rival):
            ident = hashlib.blake2b(f"{r['id']}>{target}".encode(), digest_size=8).hexdigest()
            out.append(dict(r, id=ident, country=r["actor"], target=target, stance=_INVERSE[r["stance"]], via=rival))
    return out


def counts_toward(direct: Counts, by_topic: dict[str, Counts], target: str, rival: str | None) -> dict[str, list[int]]:
    """Per actor, [supports, opposes, neutral] of its claims toward `target` (as `claims_toward` lists them)."""
    out: dict[str, list[int]] = {}
    for t, actors in direct.items():
        if t != target and sovereign(t) != target:
            continue
        for a, c in actors.items():
            if t != target and a == target:
                continue
            cur = out.setdefault(a, [0, 0, 0])
            for k in range(3):
                cur[k] += c[k]
    if rival is not None:
        for t, actors in by_topic.get(target, {}).items():
            if sovereign(t) != rival:
                continue
            for a, (sup, opp, neu) in actors.items():
                if a in (target, rival):
                    continue
                cur = out.setdefault(a, [0, 0, 0])
                cur[0] += opp
                cur[1] += sup
                cur[2] += neu
    return out


def merge_counts(into: Counts, more: Counts) -> Counts:
    for t, actors in more.items():
        dst = into.setdefault(t, {})
        for a, c in actors.items():
            cur = dst.setdefault(a, [0, 0, 0])
            for k in range(3):
                cur[k] += c[k]
    return into


def stance_summary(counts: dict[str, list[int]]) -> dict[str, dict]:
    """Per country: its stance counts toward the target and whether the corpus contests it.

    Contested: said both to support and to oppose the target, or at least two claims
    disagree and the largest stance holds less than 75% of them.
    """
    out: dict[str, dict] = {}
    for code, c in counts.items():
        n = dict(zip(STANCES, c))
        total = sum(c)
        split = total >= 2 and max(c) / total < 0.75
        out[code] = {"stances": n, "contested": (n["supports"] > 0 and n["opposes"] > 0) or split}
    return out


def focus_country(topics: dict[str, float], mention_counts: dict[str, int]) -> str | None:
    """The country the corpus is about: the highest sum of `topic_scores` over its documents
    (ties: the most mentioned), else the most mentioned country."""
    ranked = sorted((c for c, n in topics.items() if n > 0 and not _is_bloc(c)),
                    key=lambda c: (-topics[c], -mention_counts.get(c, 0), c))
    if ranked:
        return ranked[0]
    ranked = sorted((c for c, n in mention_counts.items() if n > 0 and not _is_bloc(c)),
                    key=lambda c: (-mention_counts[c], c))
    return ranked[0] if ranked else None
