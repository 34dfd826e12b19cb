"""Stance claims: what a document says each country's position is toward the focus country.

A claim is a country, a stance (`supports`, `opposes`, `neutral`), the kind of support when the
text gives one, and the exact span that says it. Claims come from two places:

* tables whose rows are countries and whose columns speak of position or support, in any order and
  in Spanish or English (`| Russia | Supportive | Military aid |`);
* sentences, headings and list items, read with a lexicon of stance cues
  (`store/data/stance_cues.json`) and a few rules of who does what to whom: the agent of a cue is
  found from the cue's own phrase ("respaldo *de Moscú*", "*U.S.* sanctions", "allies *like Cuba*"),
  then from the sentence subject, then from a list item's topic ("Brazil: ..."); a coordinated list
  shares its cue ("Rusia y Bielorrusia ... aliados"); negation ("stopped short of pledging aid") and
  hedges ("largely symbolic") turn support into neutrality; condemning someone else's action against
  the focus is support for the focus, condemning the focus is opposition.

Each country gets at most one claim per passage: the stance with the most weighted evidence.
Everything is pure over plain data; patterns are compiled once per process.
"""
from __future__ import annotations

import hashlib
from bisect import bisect_right


from .claims_prose import _Passage
from .claims_tables import _table_claims
from .stance_lexicon import STANCES, _Ctx, _Hit, _lexicon, _scan, _tokenize, load_cues

__all__ = ["find_claims", "stance_summary", "focus_country", "load_cues", "STANCES"]


# ----------------------------------------------------------------------------- public API

def find_claims(doc: dict, passages: list[dict], mentions: list[dict], focus: str) -> list[dict]:
    """Stance claims of `doc` about countries other than `focus`, sorted by start.

    Each claim: {"id", "doc", "country", "stance", "start", "end", "text", "support", "cue"} with
    `text == doc["text"][start:end]`: a table row, a list item, or the clauses of a sentence that
    carry the claim. `support` is the table's support/action cell, else the kinds of support named
    ("military, diplomatic") or None; `cue` is the words that decided the stance.
    """
    text = doc["text"]
    lang = doc.get("language")
    lex = _lexicon()
    table = lex.scanner(lang)
    ms = sorted((m for m in mentions if 0 <= m["start"] < m["end"] <= len(text)), key=lambda m: (m["start"], -m["end"]))
    m_starts = [m["start"] for m in ms]
    live = [p for p in passages if not p.get("boilerplate")]
    # Only passages that name a country (and table rows) can hold a claim: scan just those.
    hits = []
    for p in live:
        a, b = p["start"], p["end"]
        if p["kind"] in ("row", "header") or bisect_right(m_starts, b - 1) > bisect_right(m_starts, a - 1):
            hits.extend(_scan(table, text, a, b))
    hits.sort(key=lambda h: h.start)
    hit_starts = [h.start for h in hits]

    def inside(a: int, b: int) -> tuple[list[_Hit], list[dict]]:
        hs = [h for h in hits[bisect_right(hit_starts, a - 1):bisect_right(hit_starts, b - 1)] if h.end <= b]
        mm = [m for m in ms[bisect_right(m_starts, a - 1):bisect_right(m_starts, b - 1)] if m["end"] <= b]
        return hs, mm

    ctx = _Ctx(text, lang or "", focus, lex)
    found: list[tuple[str, str, int, int, str | None, str]] = []
    found += _table_claims(ctx, live, inside)
    for p in live:
        if p["kind"] in ("row", "header", "meta"):
            continue
        p_hits, p_ms = inside(p["start"], p["end"])
        if not p_ms or all(m["country"] == focus for m in p_ms) or not p_hits:
            continue
        toks = _tokenize(text, p["start"], p["end"], p_ms)
        passage = _Passage(ctx, toks, [_Hit(h.start, h.end, h.cue) for h in p_hits])
        for country, (stance, a, b, support, cue) in passage.claims().items():
            found.append((country, stance, a, b, support, cue))
    doc_id = doc["id"]
    out = []
    for country, stance, a, b, support, cue in found:
        key = f"{doc_id}|{country}|{a}|{b}".encode()
        out.append({"id": hashlib.blake2b(key, digest_size=8).hexdigest(), "doc": doc_id, "country": country,
                    "stance": stance, "start": a, "end": b, "text": text[a:b], "support": support, "cue": cue})
    out.sort(key=lambda c: (c["start"], c["end"], c["country"]))
    return out


def stance_summary(claims: list[dict]) -> dict[str, dict]:
    """Per country: counts of each stance and whether the corpus contests it.

    Contested rule: a country is contested when it is said both to support and to oppose the
    focus, or when at least two claims disagree and the largest stance holds less than 75% of
    them (so one hedged "largely symbolic" beside nine plain "supports" does not flag a country,
    but four beside nine does).
    """
    out: dict[str, dict] = {}
    for c in claims:
        entry = out.setdefault(c["country"], {"stances": dict.fromkeys(STANCES, 0), "contested": False})
        entry["stances"][c["stance"]] += 1
    for entry in out.values():
        n = entry["stances"]
        total = sum(n.values())
        split = total >= 2 and max(n.values()) / total < 0.75
        entry["contested"] = (n["supports"] > 0 and n["opposes"] > 0) or split
    return out


def focus_country(mention_counts: dict[str, int]) -> str | None:
    """The most-mentioned country that is not a bloc (ties broken by code), or None."""
    from .countries import country_info  # imported here: the gazetteer loads only when asked

    def is_bloc(code: str) -> bool:
        info = country_info(code)
        return bool(info["bloc"]) if info else not (len(code) == 2 and code.isalpha() and code.isupper())

    ranked = sorted((c for c, n in mention_counts.items() if n > 0 and not is_bloc(c)),
                    key=lambda c: (-mention_counts[c], c))
    return ranked[0] if ranked else None

