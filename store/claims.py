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


# ----------------------------------------------------------------------------- prose

class _Passage:
    """One sentence, heading, list item or table cell, tokenized, with its cue hits placed on tokens."""

    def __init__(self, ctx: _Ctx, toks: list[_Tok], hits: list[_Hit], topic: list[int] | None = None) -> None:
        self.ctx, self.toks = ctx, toks
        self.hits = _place(hits, toks)
        self.groups = _groups(ctx, toks)
        self.group_of = {k: g for g in self.groups for k in g}
        self.clause, self.boosts = _clauses(ctx, toks, self.hits)
        self.cues = [h for h in self.hits if h.cue.role in _CUE_ROLES]
        self.cue_tokens = {k for h in self.cues for k in range(h.i, h.j + 1)}
        if topic is None and self.groups and self.groups[0][0] == 0:
            after = self.groups[0][-1] + 1
            if after < len(toks) and toks[after].word in (":", "-", "–", "—"):
                topic = self.groups[0]  # "Brazil: Expressing cautious neutrality..."
        self.topic = topic

    # -- small readers
    def has(self, name: str, k: int) -> bool:
        return 0 <= k < len(self.toks) and not self.toks[k].mention and self.ctx.has(name, (self.toks[k].word,))

    def group(self, k: int) -> list[int]:
        return self.group_of.get(k, [k])

    def countries(self, g) -> list[str]:
        return list(dict.fromkeys(self.toks[k].mention["country"] for k in g if self.toks[k].mention))

    def skip_dets(self, k: int, step: int) -> int:
        while 0 <= k < len(self.toks) and self.has("determiners", k):
            k += step
        return k

    def mention_group_at(self, k: int) -> list[int] | None:
        k = self.skip_dets(k, 1)
        return self.group(k) if k < len(self.toks) and self.toks[k].mention else None

    # -- reading
    def claims(self) -> dict[str, tuple[str, int, int, str | None, str]]:
        """Per country: (stance, start, end, support kinds, deciding cue text)."""
        objects: set[int] = set()  # mentions taken as what a cue acts on: never a later subject
        for m in self.hits:  # "called *Maduro* a dictator": named, not acting
            if m.cue.role == "label":
                objects.update(self.mention_group_at(m.j + 1) or ())
        for h in self.cues:
            self.resolve_agents(h, objects)
            self.resolve_object(h)
            objects.update(k for k in h.partners if k > h.j or self.possessive(k))
            if h.cue.pos != "noun":  # "recognized *Palestine* and criticized...": an object, not the next subject
                objects.update(self.mention_group_at(h.j + 1) or ())
        evidence: dict[str, list[tuple[str, float, _Hit, set[int]]]] = {}
        for h in self.cues:
            for country, stance, weight, used in self.judge(h):
                evidence.setdefault(country, []).append((stance, weight, h, used))
        out = {}
        for country, ev in evidence.items():
            score = dict.fromkeys(STANCES, 0.0)
            for stance, weight, _, _ in ev:
                score[stance] += weight
            ranked = sorted(STANCES, key=lambda s: -score[s])
            best = ranked[0]
            if score[best] < self.ctx.lex.min_weight:
                continue
            if score[ranked[1]] == score[best]:
                best = "neutral"  # evidence pulls both ways as hard: a mixed position
            used = set().union(*(u for _, _, _, u in ev))
            lo, hi = min(self.clause[k] for k in used), max(self.clause[k] for k in used)
            ks = [k for k, c in enumerate(self.clause) if lo <= c <= hi]
            deciding = max((e for e in ev if e[0] == best), key=lambda e: e[1], default=ev[0])[2]
            kinds = self.kinds([e[2] for e in ev if e[0] == best])
            out[country] = (best, self.toks[ks[0]].start, self.toks[ks[-1]].end, ", ".join(kinds) or None,
                            self.ctx.text[deciding.start:deciding.end])
        return out

    def eligible(self, g: list[int]) -> bool:
        """Whether a group can be a subject: not the object of a preposition ("con Maduro", "a Irán")."""
        toks, k = self.toks, g[0] - 1
        first = toks[g[0]].mention
        if first and first.get("form") == "demonym" and self.ctx.lang == "es":
            # "el gobierno venezolano": the demonym follows its noun; look before the noun.
            steps = 0
            while steps < 2 and k >= 0 and toks[k].word.isalpha() and not toks[k].mention \
                    and not self.has("subject_blockers", k) and not self.has("determiners", k):
                k, steps = k - 1, steps + 1
        k = self.skip_dets(k, -1)
        if k < 0:
            return True
        pair = (toks[k - 1].word, toks[k].word) if k > 0 else ()
        if not (self.has("subject_blockers", k) or self.ctx.has("subject_blockers", pair)):
            return True
        noun = self.skip_dets(k - 1, -1)
        if toks[k].word in ("de", "del", "of") and self.has("actor_nouns", noun):
            return True  # "el gobierno de China", "the role of Russia"
        nxt = g[-1] + 1
        return nxt < len(toks) and self.is_gerund(nxt)  # "con Rusia posicionándose como aliado"

    def is_gerund(self, k: int) -> bool:
        w = self.toks[k].word
        return len(w) > 4 and any(w.endswith(s[0]) for s in self.ctx.lex.word_set("gerund_suffixes", self.ctx.lang))

    def after_group(self, j: int, limit: int, preps: str, skip=()) -> tuple[list[int] | None, str]:
        """First mention group after token j in its clause within `limit` tokens, and the preposition
        just before it ('' if none). Stops at another stance cue or a circumstantial word."""
        toks, k, steps, prep = self.toks, j + 1, 0, ""
        while k < len(toks) and steps < limit and self.clause[k] == self.clause[j]:
            if toks[k].mention and k not in skip:
                return self.group(k), prep
            if k in self.cue_tokens or self.has("circumstantial", k):
                return None, ""
            if self.has(preps, k):
                prep = toks[k].word
            elif not self.has("determiners", k):
                prep = ""
            k, steps = k + 1, steps + 1
        return None, ""

    def resolve_object(self, h: _Hit) -> None:
        """The other side of a relation ("ties *with Caracas*") or the target of a directional cue
        ("condemned *U.S.* actions", "sanciones contra ... *Venezuela*"), with the preposition before it."""
        w = self.ctx.lex.windows
        if h.cue.role == "relation":
            g, prep = self.after_group(h.j, w["partner"], "partner_preps", skip=h.agents)
            if g and (prep or g[0] == h.j + 1):
                h.partners, h.prep = h.partners + g, prep
        elif h.cue.role == "directional":
            g, prep = self.after_group(h.j, w["target"], "cooperative_preps", skip=h.agents)
            if g:
                h.partners, h.prep = g, prep

    def noun_agent(self, h: _Hit) -> list[int] | None:
        """The agent a noun cue names itself: "respaldo total de Moscú", "support from Moscow",
        "la presión ejercida por EE. UU.", "apoyo ruso", "U.S. sanctions", "Russia's support"."""
        toks, w, n = self.toks, self.ctx.lex.windows, len(self.toks)
        k, gap = h.j + 1, 0
        while k < n and gap <= w["noun_agent_gap"] and self.clause[k] == self.clause[h.j]:
            t = toks[k]
            if t.mention:  # "apoyo ruso": a Spanish demonym right after its noun
                return self.group(k) if gap == 0 and self.ctx.lang == "es" and t.mention.get("form") == "demonym" else None
            if self.has("agent_preps", k):
                g = self.mention_group_at(k + 1)
                if g:
                    return g
            if not t.word.isalnum() or self.has("circumstantial", k) \
                    or (self.has("subject_blockers", k) and t.word not in ("of", "de", "del")):
                break  # "maniobras cerca de Venezuela": a place, not who acts
            k, gap = k + 1, gap + 1
        k, gap = h.i - 1, 0
        while k >= 0 and gap <= w["prenominal_gap"] and self.clause[k] == self.clause[h.i]:
            t = toks[k]
            if t.mention:
                return self.group(k)
            if t.word == "s" and k > 1 and toks[k - 1].word in ("'", "’"):
                k -= 2  # a possessive: its owner must be a mention ("Russia's support", not "the nation's")
                if k < 0 or not toks[k].mention:
                    return None
                continue
            if not t.word.isalnum() or k in self.cue_tokens or any(
                    self.has(name, k) for name in ("subject_blockers", "connectors", "circumstantial", "agent_preps")):
                return None
            k, gap = k - 1, gap + 1
        return None

    def object_of(self, h: _Hit) -> _Hit | None:
        """The cue whose object this noun cue is: "apoya *las sanciones*", "denunciaron *la injerencia*"."""
        k = self.skip_dets(h.i - 1, -1)
        if k > 1 and self.toks[k].word == "s" and self.toks[k - 1].word in ("'", "’"):
            k -= 2
            steps = 0
            while steps < 3 and k >= 0 and not self.toks[k].mention and k not in self.cue_tokens \
                    and self.toks[k].word.isalpha():
                k, steps = k - 1, steps + 1  # "join the Lima Group's condemnation"
            k = self.skip_dets(k, -1)
        if k >= 0 and self.toks[k].mention:  # "backs *U.S.* pressure", "denounced *Russia's* support"
            k = self.skip_dets(self.group(k)[0] - 1, -1)
        found = next((m for m in self.cues if m.j == k and m is not h), None)
        if found is None and self.has("object_preps", k):  # "se opuso a cualquier intervención"
            found = next((m for m in self.cues if m.j == k - 1 and m is not h and m.cue.pos != "noun"), None)
        return found

    def possessive(self, k: int) -> bool:
        """Whether the mention at k owns what follows: "Venezuela's largest creditor"."""
        t = self.toks
        return k + 2 < len(t) and t[k + 1].word in ("'", "’") and t[k + 2].word == "s"

    def object_cue(self, h: _Hit) -> _Hit | None:
        """The cue that is the object of `h`, if any."""
        return next((m for m in self.cues if m.i > h.j and self.object_of(m) is h), None)

    def resolve_agents(self, h: _Hit, objects: set[int]) -> None:
        """Who does what the cue says: its own phrase first, then an accused party, the topic, the subject."""
        toks, n = self.toks, len(self.toks)
        if h.cue.pos == "noun":
            g = self.noun_agent(h)
            if g and h.cue.role == "relation":
                h.partners = g  # "Caracas's closest allies", "aliados de Caracas": the other side
            elif g:
                h.agents = g
                return
        else:
            for k in range(h.j + 1, min(n, h.j + 3)):  # passive: "backed by Russia", "respaldado por Rusia"
                if self.has("passive_preps", k):
                    g = self.mention_group_at(k + 1)
                    if g:
                        h.agents = g
                        return
        k = h.j + 1  # "allies like Cuba and Nicaragua", "aliados clave como Rusia"
        if k + 1 < n and toks[k].word.isalpha() and not toks[k].mention and not self.has("list_intro", k):
            k += 1
        for span in (1, 2):
            words = tuple(t.word for t in toks[k:k + span])
            if len(words) == span and self.ctx.has("list_intro", words):
                g = self.mention_group_at(k + span)
                if g:
                    h.agents = g
                    return
        governor = self.object_of(h) if h.cue.pos == "noun" else None
        if governor is not None and (h.cue.action or governor.cue.vs_other == "supports"):
            return  # "apoya las sanciones", "blocked military aid": what the subject acts on, not its act
        if h.cue.pos == "noun" and any(self.has("circumstantial", k) for k in (h.i - 2, h.i - 1)):
            return  # "frente a presiones externas": a circumstance, not an act of the subject
        if h.cue.pos == "verb" and self.has("passive_aux", self.skip_dets(h.i - 1, -1)) \
                and self.toks[h.j].word.endswith(("ed", "do", "da", "dos", "das")):
            return  # "the sanctions were extended": the subject undergoes it
        for m in self.hits:  # "Moscú acusó a Washington de preparar una invasión": the accused acts
            if m.cue.role == "accuse" and m.j < h.i and self.clause[m.j] == self.clause[h.i]:
                g = self.mention_group_at(m.j + 1) or (self.mention_group_at(m.j + 2) if self.has("subject_blockers", m.j + 1) else None)
                if g:
                    h.agents = g
                    return
        if self.topic is not None and h.i > self.topic[-1]:
            h.agents = self.topic
            return
        for g in reversed(self.groups):
            if g[-1] >= h.i or g[0] in objects or g[0] in h.partners:
                continue
            if any(self.has("documents", k) for k in range(g[-1] + 1, h.i)) and h.cue.pos != "noun":
                return  # "a resolution critical of Caracas": the resolution is critical, not the group
            rel = next((k for k in range(g[-1] + 1, h.i) if self.has("relatives", k)
                        and not self.has("speech_verbs", k - 1)), None)
            if rel is not None:
                if all(self.toks[k].word == "," for k in range(g[-1] + 1, rel)):
                    h.agents = g  # "Rusia, que ha respaldado...": the group is the antecedent
                ante = rel - 2 if self.toks[rel - 1].word == "," else rel - 1
                m = next((m for m in self.cues if m.j == ante and m is not h), None)
                if m is not None:  # "relaciones bilaterales que combinan afinidad...": the same parties
                    h.agents, h.partners = list(m.agents), list(m.partners)
                return  # "la resolución que condena...": the relative's antecedent is not a country
            if self.eligible(g):
                h.agents = g
                return

    def judge(self, h: _Hit) -> list[tuple[str, str, float, set[int]]]:
        """(country, stance, weight, tokens used) contributed by one cue."""
        focus = self.ctx.focus
        agents = self.countries(h.agents)
        if h.cue.role == "relation":
            side_b = [c for c in self.countries(h.partners) if c not in agents]
            if focus in agents + side_b:
                agents = agents + side_b
            elif agents and side_b:
                return []  # a relation between two others: "China's relationship with the U.S."
            else:
                agents = agents or side_b
        agents = [c for c in agents if c != focus]
        got = self.stance_of(h) if agents else None
        if got is None:
            return []
        stance, weight, used = got
        return [(c, stance, weight, used | set(h.agents) | set(h.partners)) for c in agents]

    def stance_of(self, h: _Hit) -> tuple[str, float, set[int]] | None:
        """The stance a cue gives toward the focus, its weight and the tokens that decided it
        (whoever its agent is): targets, objects, negation, hedges and modals all weigh in."""
        focus, f, w = self.ctx.focus, self.ctx.lex.factors, self.ctx.lex.windows
        stance, weight, used = h.cue.stance, h.cue.weight, {h.i}
        if h.cue.role == "hedge" and self.negated_at(h.i):
            return None  # "has not wavered"
        obj = self.object_cue(h)
        if h.cue.role == "directional":
            targets = self.countries(h.partners)
            if h.cue.needs_target and not (targets and (h.prep == "" or self.ctx.has("supply_preps", (h.prep,)))):
                return None  # "sent warships to the Caribbean": sending is support only to the focus
            if obj is not None and obj.cue.stance == "supports" and not obj.cue.action:
                pass  # "denounced Russia's support", "blocked military aid": against what backs the focus
            elif obj is not None and obj.cue.action:
                if focus not in self.countries(obj.agents):  # "rechazó las sanciones", not "condemned Israel's operation"
                    stance, weight = h.cue.vs_other, weight * f["other_target"]
            elif h.partners and h.prep and self.ctx.has("cooperative_preps", (h.prep,)):
                stance = "supports" if focus in targets else None  # "maniobras conjuntas con Venezuela"
            elif (targets and focus not in targets) or self.rival_after(h) or (not targets and self.acts_on_other(h)):
                stance, weight = h.cue.vs_other, weight * f["other_target"]
            if stance is None:
                return None
        elif h.cue.needs_object:
            got = self.stance_of(obj) if obj is not None else None
            if got is None:
                return None  # "joined the talks": joining says nothing by itself
            stance = got[0]  # "se sumó a las sanciones", "joined the alliance"
        elif h.cue.stance == "supports" and obj is not None and obj.cue.action:
            stance = obj.cue.stance  # "backs U.S. pressure", "apoya las sanciones"
        elif h.cue.stance == "supports" and self.rival_after(h):
            stance = "opposes"  # "backed the opposition leader"
        carried = self.relative_content(h)
        if carried is not None:
            # "apoyaron la resolución que condena al gobierno", "vetaron una resolución que condenaba a Israel"
            against = h.cue.role == "directional" and h.cue.vs_other == "supports"
            stance = {"supports": "opposes", "opposes": "supports"}.get(carried, carried) if against else carried
        same = self.clause[h.i]
        for m in self.hits:
            if self.clause[m.i] != same or m is h:
                continue
            role = m.cue.role
            if role == "modal" and (m.i < h.i or not any(self.has("relatives", k) for k in range(h.j, m.i))):
                weight *= f["modal"]  # "partners such as Mexico could...", but not "...actions that could"
            elif role == "weak" and stance == "supports" and (
                    h.i - 2 <= m.i < h.i or (h.j < m.i <= h.j + w["weak_hedge"]
                                             and any(self.has("copulas", k) for k in range(h.j + 1, m.i)))):
                weight *= f["weak_hedge"]  # "limited arms shipments", "support is limited"
            elif role == "hedge" and stance == "supports" and h.cue.role != "hedge" and not self.negated_at(m.i):
                stance = "neutral"  # "support ... is now largely symbolic", but not "has not wavered"
                used.add(m.i)
        governor = self.object_of(h) if h.cue.pos == "noun" else None
        # "declined to join the condemnation": a negated governor negates its object too
        negated = self.negated(h) or (governor is not None and self.negated(governor))
        if negated and h.cue.role != "hedge":
            # "stopped short of pledging aid", "no respalda"; refusing recognition is opposition
            stance = h.cue.if_negated or "neutral"
        return stance, weight * self.boosts[same], used

    def rival_after(self, h: _Hit) -> bool:
        """Whether what the cue is about is the focus's rival side: "recognized the opposition leader"."""
        return any(m.cue.role == "rival" and h.j < m.i <= h.j + 3 and self.clause[m.i] == self.clause[h.j]
                   for m in self.hits)

    def relative_content(self, h: _Hit) -> str | None:
        """The stance of a relative clause on the cue's object: "backed a resolution *that condemns* X"."""
        if not (h.cue.pos == "verb" and (h.cue.stance == "supports" or h.cue.vs_other == "supports")):
            return None
        for k in range(h.j + 1, min(len(self.toks), h.j + 7)):
            if self.clause[k] != self.clause[h.j] or k in self.cue_tokens or self.toks[k].mention and k == h.j + 1:
                return None
            if self.has("relatives", k) or self.has("documents", k):
                m = next((c for c in self.cues if k < c.i <= k + 6 and self.clause[c.i] == self.clause[k]), None)
                got = self.stance_of(m) if m is not None else None
                if got or self.has("relatives", k):
                    return got[0] if got else None
        return None

    def negated(self, h: _Hit) -> bool:
        """Whether a negator (or a negating cue) stands just before the cue in its clause."""
        w = self.ctx.lex.windows["negator"]
        return any((m.cue.role == "negator" or (m.cue.negates and m is not h)) and h.i - w <= m.i < h.i
                   and self.clause[m.i] == self.clause[h.i] for m in self.hits)

    def negated_at(self, i: int) -> bool:
        return any(m.cue.role == "negator" and i - 3 <= m.i < i and self.clause[m.i] == self.clause[i] for m in self.hits)

    def acts_on_other(self, h: _Hit) -> bool:
        """Whether a cue with no named target answers someone else's action: "condenas de Cuba" after
        "la operación militar de Estados Unidos", "rechazaron la acción", "criticó estas medidas"."""
        mine = set(self.countries(h.agents))
        for m in self.hits:
            if m is h:
                continue
            if m.cue.role == "action" and h.j < m.i <= h.j + self.ctx.lex.windows["target"] \
                    and self.clause[m.i] == self.clause[h.j]:
                return True
            if m.cue.action and m.cue.role in _CUE_ROLES and (not m.agents or set(self.countries(m.agents)) - mine):
                return True
        return False

    def kinds(self, deciding: list[_Hit]) -> list[str]:
        """Kinds of support named near the deciding cues, in the order they appear."""
        spots = [(self.clause[h.i], h.i) for h in deciding]
        found = []
        for m in sorted(self.hits, key=lambda x: x.i):
            if m.cue.kind and any(c == self.clause[m.i] and abs(m.i - i) <= 6 for c, i in spots):
                found.append(m.cue.kind)
        return list(dict.fromkeys(found))


# ----------------------------------------------------------------------------- tables

def _table_claims(ctx: _Ctx, passages: list[dict], inside) -> list[tuple]:
    """Claims from table rows: a column of countries, columns of stance and of support."""
    out = []
    for table in _tables(passages):
        header = table[0] if table[0]["kind"] == "header" else None
        rows = [p for p in table if p["kind"] == "row" and p.get("cells")]
        if not rows:
            continue
        heads = [ctx.text[a:b] for a, b in header["cells"]] if header and header.get("cells") else []
        width = max(len(r["cells"]) for r in rows)
        cell_ms = [[inside(*r["cells"][c])[1] if c < len(r["cells"]) else [] for c in range(width)] for r in rows]
        counts = [sum(1 for row in cell_ms if row[c]) for c in range(width)]
        named = [c for c in range(min(width, len(heads))) if ctx.lex.header["country"].search(heads[c])]
        best = max(range(width), key=lambda c: (counts[c], c in named, -c))
        if counts[best] == 0 or counts[best] * 2 < len(rows):
            continue  # not a table of countries
        stance_cols = [c for c in range(len(heads)) if c != best and ctx.lex.header["stance"].search(heads[c])]
        support_cols = [c for c in range(len(heads)) if c != best and c not in stance_cols
                        and ctx.lex.header["support"].search(heads[c])]
        if heads and not stance_cols and not support_cols:
            continue  # a table of countries about something else (population, GDP...)
        for r, row in zip(rows, cell_ms):
            countries = [m for m in row[best] if m["country"] != ctx.focus]
            if not countries:
                continue
            cells = r["cells"]
            verdict = _row_stance(ctx, cells, stance_cols, [c for c in range(len(cells)) if c != best], inside)
            if verdict is None:
                verdict = _header_stance(ctx, cells, support_cols, header, inside)
            if verdict is None:
                continue
            stance, cue = verdict
            support = next((ctx.text[slice(*cells[c])] for c in support_cols
                            if c < len(cells) and cells[c][1] > cells[c][0]
                            and not ctx.lex.empty_cell.match(ctx.text[slice(*cells[c])])), None)
            for code in dict.fromkeys(m["country"] for m in countries):
                out.append((code, stance, r["start"], r["end"], support, cue))
    return out


def _tables(passages: list[dict]) -> list[list[dict]]:
    tables: list[list[dict]] = []
    prev = None
    for p in passages:
        if p["kind"] in ("header", "row"):
            if prev is not None and prev["kind"] in ("header", "row") and prev["block"] == p["block"] \
                    and p["kind"] == "row":
                tables[-1].append(p)
            else:
                tables.append([p])
        prev = p
    return tables


def _row_stance(ctx: _Ctx, cells, stance_cols, other_cols, inside) -> tuple[str, str] | None:
    """The stance a row gives: its stance cells first, then any other cell."""
    for cols in (stance_cols, [c for c in other_cols if c not in stance_cols]):
        for c in cols:
            if c >= len(cells) or cells[c][1] <= cells[c][0]:
                continue
            got = _cell_stance(ctx, *cells[c], inside)
            if got:
                return got
    return None


def _cell_stance(ctx: _Ctx, a: int, b: int, inside) -> tuple[str, str] | None:
    hits, ms = inside(a, b)
    if not hits:
        return None
    toks = _tokenize(ctx.text, a, b, ms)
    if not toks:
        return None
    # The row's country is the agent of every cue in the cell: a placeholder token stands for it.
    agent = _Tok(a, a, "", {"country": "\x00row", "start": a, "end": a})
    got = _Passage(ctx, [agent] + toks, [_Hit(h.start, h.end, h.cue) for h in hits], topic=[0]).claims().get("\x00row")
    return (got[0], ctx.text[a:b]) if got else None


def _header_stance(ctx: _Ctx, cells, support_cols, header, inside) -> tuple[str, str] | None:
    """A row with no stance words under a header that names one ("Military Support Type")."""
    for c in support_cols:
        if c >= len(cells) or c >= len(header["cells"]):
            continue
        cell = ctx.text[slice(*cells[c])]
        if not cell.strip() or ctx.lex.empty_cell.match(cell):
            continue
        got = _cell_stance(ctx, *header["cells"][c], inside)
        if got:
            return got[0], cell
    return None
