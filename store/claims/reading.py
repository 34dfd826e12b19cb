"""Reading one passage: who takes which position toward whom.

A passage is a row of units (store.claims.tokens). Cue units are read as small operators
that apply to what follows them in their clause, the way a reader composes a sentence:

    Bolivia condenó  el bombardeo estadounidense  contra Venezuela
    actor   stance-1 act-1 (agent US)             patient VE

"condenó" takes as its argument the next thing in its clause (skipping articles,
adjectives and prepositions): an entity (a country, a person the document ties to one,
"la isla" standing for the passage's topic) or another cue. Each cue turns the value of
its argument into its own value, a map target -> evidence:

* an entity E is {E: +1};
* an act (sanctions, strike, aid) with patient P and agent G is {P: polarity, G: +1}:
  approving G's deed is siding with G;
* a stance or eval multiplies by its polarity (condemning the strike on VE is +1 for VE,
  -1 for US); a neutral one turns everything into neutral evidence;
* stop ("end", "fin de", "lift") turns the deed around; demand ("urged", "pidió") passes it
  on, the one addressed being the deed's agent ("urged China to stop pressuring Taiwan");
* accuse X of Y is against X, and Y is X's deed; label ("called X Y") gives X the quality
  of Y; concern is against the deed it names and neutral alone; a vote follows the
  resolution; "a similar step" repeats the relation just before, "answered in kind" turns
  it back on its author.

Negators count by parity ("declined to rule out force" asserts force), hedges ("largely
symbolic", "se limitó a") make evidence neutral, modals halve it. With nothing after it,
a cue is about the passage's topic (TOPIC, resolved per document by the caller).

Who acts: a noun cue's own agent ("U.S. sanctions", "apoyo ruso", "respaldo de Moscú"),
a passive agent ("by Russia"), the antecedent of a relative ("Rusia, que respalda"), the
subject found walking left past objects and prepositional phrases ("el portavoz de la
cancillería china" is China), the subject of a coordinated verb, a list item's topic
("- Brazil: ..."), the speaker named after a fronted quote, or the one the previous
passages were about (pronouns, offices with no country, Spanish null subjects). Evals
("illegal", "a threat") are the speaker's: the subject of the speech or label verb that
governs them. An act whose agent is known also stands for its agent's relation to its
patient ("the U.S. strike on Venezuela": the US against Venezuela).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Cue, Lexicon
from .territories import sovereign
from .tokens import Unit

TOPIC = "\x00topic"  # the passage's topic country, resolved per document
UNLESS = "\x00topic-unless:"  # the topic, unless it is one of the codes after the colon (a deed's own doers)
COACTOR = "\x00with:"  # acting side by side with a country: support for it when it is the topic
RIVAL = "\x00rival"  # the topic's domestic opponents: "the opposition", "the rebels"
DISCOURSE = "\x00discourse"  # marker: the actor the previous passages spoke of

_BOUNDARY = frozenset(";—–")
_QUOTES = frozenset('"“”«»„')  # quotation marks: a quoted word is read as the word ('the "firm commitment" of')
_CLAUSE_MARKS = _BOUNDARY | frozenset("():.")  # the marks that open, close or end a clause
_SPLITS = frozenset({"contrast", "split", "concession"})  # cues that start a clause of their own
_FUNCTION_LISTS = frozenset({"blockers", "pronouns", "possessives", "relatives", "coordinators", "adverbs",
                             "object_pronouns"})  # the word lists of words that are not content
_MODIFIERS = frozenset({"negator", "modal", "hedge", "contrast", "split", "concession", "rival"})
_OPERATORS = frozenset({"stance", "eval", "act", "relation", "demand", "stop", "accuse", "label", "concern",
                        "vote", "same", "reciprocal"})
WINDOW = 7  # units between a cue and its argument
_ENDED = 1000  # segment offset of a deed being ended: a position of its own, apart from the sentence's


@dataclass
class Evidence:
    """Support, opposition and neutrality of `actor` toward `target` found in one passage."""

    actor: str
    target: str
    pos: float = 0.0
    neg: float = 0.0
    neu: float = 0.0
    start: int = -1
    end: int = -1
    cues: list[tuple[float, int, int]] = field(default_factory=list)  # (weight, start, end) of deciding cues
    kinds: list[str] = field(default_factory=list)
    segment: int = 0  # which side of a "but" in its passage
    support: str | None = None  # a table's support cell, when the evidence is a row

    def add(self, value: float, neutral: float, start: int, end: int, cue: tuple[int, int], kind: str | None):
        self.pos += max(value, 0.0)
        self.neg += max(-value, 0.0)
        self.neu += neutral
        self.start = start if self.start < 0 else min(self.start, start)
        self.end = max(self.end, end)
        self.cues.append((abs(value) + neutral, cue[0], cue[1]))
        if kind and kind not in self.kinds:
            self.kinds.append(kind)


class Value(dict):
    """target -> [signed evidence, neutral evidence]."""

    def put(self, target: str, signed: float, neutral: float = 0.0) -> None:
        cur = self.setdefault(target, [0.0, 0.0])
        cur[0] += signed
        cur[1] += neutral

    def scaled(self, factor: float) -> "Value":
        out = Value()
        for t, (s, n) in self.items():
            out.put(t, s * factor, n * abs(factor))
        return out

    def neutralized(self, factor: float = 1.0) -> "Value":
        out = Value()
        for t, (s, n) in self.items():
            out.put(t, 0.0, (abs(s) + n) * factor)
        return out

    def merge(self, other: "Value") -> None:
        for t, (s, n) in other.items():
            self.put(t, s, n)


@dataclass
class Doc:
    """What the reading of one document shares between its passages."""

    text: str
    folded: str
    lang: str
    lex: Lexicon
    discourse: list[str] | None = None  # actors the last passages were about
    last_head: tuple[list[str], Value] | None = None  # the last relation read, for "a similar step"
    last_act: Value | None = None  # the last deed read, for "los tildó de inaceptables", "the decision"
    last_act_doer: bool = False  # whether that deed's doer was named
    resolution: float = 1.0  # the polarity toward the topic of what votes are cast on
    offices: dict[str, str] = field(default_factory=dict)  # office word -> the country it was last named with

    def __post_init__(self) -> None:
        self.tag = self.lex.tags(self.lang)
        self._w: dict[str | tuple[str, ...], frozenset[str]] = {}

    def w(self, name: str, *more: str) -> frozenset[str]:
        """A word list of the document's language (the union, with `more`)."""
        key = (name, *more) if more else name
        got = self._w.get(key)
        if got is None:
            got = self._w[key] = self.lex.words(name, self.lang).union(*(self.lex.words(m, self.lang) for m in more))
        return got


def note_offices(doc: Doc, units: list[Unit]) -> None:
    """Remember the country each office in `units` is named with ("the Chinese Embassy", "China's
    foreign ministry", "la embajada de China", "el ministerio ruso"), so that the same office named
    bare later ("the embassy said", "el ministerio añadió") stands for that country."""
    n = len(units)
    for k, x in enumerate(units):
        if x.cue is not None or x.code is not None or "offices" not in doc.tag.get(x.word, ()):
            continue
        code = None
        j = k - 1
        while j >= 0 and j >= k - 2 and units[j].code is None and "offices" in doc.tag.get(units[j].word, ()):
            j -= 1  # "the Chinese foreign ministry"
        if j >= 1 and units[j].word in ("'s", "’s") and units[j - 1].code is not None:
            code = units[j - 1].code  # "China's embassy"
        elif j >= 0 and units[j].code is not None and units[j].form != "person" and doc.lang != "es":
            code = units[j].code  # "the Chinese Embassy", "the U.S. embassy"
        elif k + 1 < n and units[k + 1].code is not None and units[k + 1].form == "demonym":
            code = units[k + 1].code  # "la embajada china"
        elif k + 2 < n and "of_preps" in doc.tag.get(units[k + 1].word, ()) and units[k + 2].code is not None \
                and units[k + 2].form != "person":
            code = units[k + 2].code  # "the embassy of China", "la embajada de China"
        if code is not None:
            doc.offices[x.word] = code


class Passage:
    """One sentence, heading, list item or table cell, read into evidence."""

    def __init__(self, doc: Doc, units: list[Unit], topic: list[str] | None = None) -> None:
        units = [x for x in units if x.word not in _QUOTES]
        self.doc, self.u, self.topic = doc, units, topic
        note_offices(doc, units)
        n = self.n = len(units)
        none: frozenset[str] = frozenset()
        # which word lists each plain unit is in, and which units are entities: looked up once
        self.tags = [doc.tag.get(x.word, none) if x.cue is None and x.code is None else none for x in units]
        anaphors = doc.w("topic_anaphors")
        self.entity = [x.code is not None or x.form == "person" or (x.cue is None and x.word in anaphors)
                       or (x.cue is not None and x.cue.type == "rival") for x in units]
        for k in range(n):  # "las juntas militares de Malí y Níger" names its countries: no anaphor
            if self.entity[k] and units[k].code is None and units[k].form != "person":
                j = self.skip(k + 1, 1, ("adjectives",))
                if self.word(j, "of_preps") and j + 1 < n and units[j + 1].code is not None:
                    self.entity[k] = False
        self.clause = self._clauses()
        self.group = self._groups()
        self.gov: dict[int, int] = {}  # cue index -> the cue that governs it
        self.arg: dict[int, tuple[str, object]] = {}  # cue index -> ("entity", [unit idx]) | ("cue", idx)
        self.objects: set[int] = set()  # entity units taken as what some cue acts on
        self.addressee: dict[int, list[int]] = {}  # act cue -> entity group that is made to do it
        self.addressed: dict[int, list[int]] = {}  # governing cue -> that group ("warned X against...")
        self.cues = [i for i in range(n) if units[i].cue is not None]
        self.pos = {i: self._pos(i) for i in self.cues}
        for i in self.cues:
            if units[i].cue.type in _OPERATORS:
                self._find_arg(i)
        for i in self.cues:  # "calificó de ilegítimas las sanciones", "described X as criminal": both are the label's
            if units[i].cue.type == "label":
                for k in range(i + 1, min(n, i + WINDOW + 3)):
                    if self.clause[k] != self.clause[i]:
                        break
                    c = units[k].cue
                    if c is not None and c.type in ("act", "eval", "concern") and self.arg.get(i) != ("cue", k):
                        if units[i].word.split()[0] in self.doc.w("comparison_words"):
                            # "comparó la ofensiva de Israel con un genocidio": the deed and what it is
                            # likened to are both the comparison's, not one the other's object
                            for j in range(i + 1, k):
                                if self.arg.get(j) == ("cue", k) and units[j].cue.type == "act":
                                    del self.arg[j]
                                    self.gov[k] = i
                        self.gov.setdefault(k, i)
        for i in self.cues:  # "to give money means war": the deed an eval describes is not a deed done
            if units[i].cue.type == "eval" and i not in self.arg:
                k = self._evaluated_deed(i)
                if k is not None:
                    for j in self._joined_acts(k):  # "un bloqueo o un ataque ... amenaza": both deeds
                        self.gov.setdefault(j, i)
        self.actor_cache: dict[int, tuple[list[str] | None, int]] = {}
        self.main_actor: list[str] | None = None
        self._first_act: int | None = None  # the first act of this passage that set the deed spoken of

    # ------------------------------------------------------------------ structure
    def _pos(self, i: int) -> str:
        """A verb cue after an article is a noun ("a U.S. squeeze", "el apoyo")."""
        pos = self.u[i].cue.pos
        if pos == "noun" and self.u[i].cue.type == "relation":
            return "role"
        if pos == "noun" and (self.word(i - 1, "relatives") or self.word(i - 1, "pronouns")
                              or (self.doc.lang == "es" and self.u[i - 1].word in ("lo", "le", "les", "se"))):
            return "verb"  # "la resolución que condena", "they condemn", "lo condena" (not "las sanciones")  # "aliado de EE. UU.", "Caracas's closest allies": the other side, not the doer
        if pos == "verb":
            if self.word(i + 1, "noun_agent_preps"):
                return "noun"  # "support from Moscow", "apoyo por parte de Rusia"
            if i > 0 and self.u[i - 1].word in ("'s", "’s"):
                return "noun"  # "Russia's backing"
            if i > 1 and self.is_entity(i - 1) and self.u[i - 2].cue is not None and self.u[i - 2].cue.pos == "verb":
                return "noun"  # "backs U.S. pressure"
            k = i - 1
            if self.doc.lang != "es" and k >= 0 and self.is_entity(k) and self.u[k].form not in ("demonym", "code") \
                    and self.u[i].word.split()[0].endswith("ed"):
                return pos  # "the European Commission proposed", "the Kremlin backed": a subject and its verb
            if self.doc.lang != "es" and self.word(k, "offices") and (
                    self.u[i].cue.type == "speech" or self.u[i].word.split()[0].endswith("ed")):
                return pos  # "the embassy said", "the ministry warned": an office and its verb
            if k >= 0 and not self.word(k, "determiners") and (
                    self.is_entity(k) or (self.u[k].cue is None and self.u[k].code is None and len(self.u[k].word) > 3
                                          and self.u[k].word.isalpha() and not self._function_word(k))):
                k -= 1  # "a U.S. squeeze", "a Palestinian state", "el firme apoyo"
            if self.word(k, "determiners") and self.u[k].word not in ("that", "this", "these", "those"):
                return "noun"
        return pos

    def _clauses(self) -> list[int]:
        """Clause number of each unit: a new clause after ; : — and at "but", "while", "although";
        an aside in brackets is a clause of its own and the clause goes on after it ("(AES)")."""
        out: list[int] = []
        self.segment = []  # "X provides aid but is cautious": each side of a "but" is a position of its own
        cur = top = seg = 0
        stack: list[int] = []
        aside_end = self._apposition_ends()
        units, n, segment = self.u, len(self.u), self.segment
        for k, u in enumerate(units):
            if k in aside_end:
                seg += 1  # "España, una de las críticas más duras de X, celebró...": a position of its own
            cue, w = u.cue, u.word
            if cue is not None:
                if cue.type in _SPLITS and k > 0 and not (units[k - 1].word == "," and k + 1 < n
                                                          and units[k + 1].word == ","):
                    top += 1  # but "Moscú, en cambio, cerró filas": a parenthesis, the same clause
                    cur = top
                    seg += 1
                segment.append(seg)
                out.append(cur)
                continue
            segment.append(seg)
            if u.code is not None or w not in _CLAUSE_MARKS:
                out.append(cur)  # most units: a word of the clause
                continue
            if w == "(":
                stack.append(cur)
                top += 1
                cur = top
            out.append(cur)
            if w == ")" and stack:
                cur = stack.pop()
            elif w in _BOUNDARY or w == ":":
                top += 1
                cur = top
            elif w == "." and self._sentence_end(k):
                top += 1  # a list item of two sentences: each is a position of its own
                cur = top
                seg += 1
        return out

    def _sentence_end(self, k: int) -> bool:
        """Whether the full stop at k ends a sentence inside the passage: a capital follows, after a
        lowercase word, a mention, a cue or a closing quote (not "Gen. Smith")."""
        if k == 0 or k + 1 >= len(self.u):
            return False
        text, prev, nxt = self.doc.text, self.u[k - 1], self.u[k + 1]
        if not text[nxt.start:nxt.start + 1].isupper() or nxt.start == self.u[k].end:
            return False  # "U.S.": no blank after the stop
        return prev.code is not None or prev.cue is not None or prev.word in ('"', "”", "»", ")") \
            or (len(prev.word) > 2 and text[prev.start:prev.start + 1].islower())

    def _apposition_ends(self) -> set[int]:
        """Where an apposition after a country starts and ends ("Spain, one of the fiercest critics of
        X, welcomed..."): the units after its two commas."""
        u, out = self.u, set()
        openers = self.doc.w("apposition_openers")
        for k in range(1, len(u) - 2):
            if u[k].word == "," and u[k - 1].code is not None and u[k + 1].word in openers:
                close = next((j for j in range(k + 2, min(len(u), k + 14)) if u[j].word in (",", ";", ".")), None)
                if close is not None and u[close].word == ",":
                    out.update((k + 1, close))
        return out

    def _groups(self) -> dict[int, list[int]]:
        """Entities joined by commas and conjunctions share a group: "Rusia, China e Irán", "ni Rusia
        ni China". Two joined by a comma alone are not a list ("Según Washington, Rusia...")."""
        joiners = self.doc.w("connectors", "determiners")
        chains: list[tuple[list[int], bool]] = []
        last = -10
        for k, u in enumerate(self.u):
            if not self.is_entity(k):
                continue
            between = self.u[last + 1:k]
            same_kind = (u.form == "person") == (self.u[last].form == "person") if last >= 0 else False
            if chains and same_kind and len(between) <= 3 and self.clause[k] == self.clause[last] and all(
                    (b.word in joiners and b.cue is None)
                    or (b.cue is not None and b.cue.type == "negator" and b.word in self.doc.w("coordinators"))
                    for b in between):
                chains[-1][0].append(k)
                if any(b.word != "," for b in between if b.word not in self.doc.w("determiners")):
                    chains[-1] = (chains[-1][0], True)
            else:
                chains.append(([k], False))
            last = k
        group: dict[int, list[int]] = {}
        for members, conj in chains:
            if len(members) == 2 and not conj:
                for k in members:
                    group[k] = [k]
            else:
                for k in members:
                    group[k] = members
        return group

    def is_entity(self, k: int) -> bool:
        return self.entity[k]

    def codes(self, g: list[int], role: str = "object") -> list[str]:
        """Countries an entity group stands for: TOPIC for "la isla"; a person the document does not
        tie to a country is the one spoken of as a subject ("Landry replied"), nobody as an object."""
        out: list[str] = []
        for k in g:
            u = self.u[k]
            if u.code is not None:
                out.append(u.code)
            elif u.cue is not None:
                out.append(RIVAL)  # "backed the opposition", "supplied the rebels": against the topic
            elif u.form == "person":
                if role == "subject":
                    if any(self.word(j, "topic_offices") for j in range(max(0, k - 3), k)):
                        out.append(TOPIC)  # "Junta leader Assimi Goita"
                    else:
                        out.extend(self._context() or [])
            else:
                out.append(TOPIC)
        return list(dict.fromkeys(out))

    def word(self, k: int, name: str) -> bool:
        return 0 <= k < self.n and name in self.tags[k]

    def skip(self, k: int, step: int, names=("determiners",)) -> int:
        while 0 <= k < len(self.u) and any(self.word(k, n) for n in names):
            k += step
        return k

    # ------------------------------------------------------------------ arguments
    def _document_content(self, k: int) -> int | None:
        """The cue saying what a document at k says: "la resolución (de la OEA) que condena...",
        "a resolution critical of Caracas", "una declaración según la cual..."."""
        for j in range(k + 1, min(len(self.u), k + 8)):
            if self.clause[j] != self.clause[k]:
                return None
            c = self.u[j].cue
            if c is not None:
                return j if c.type in ("stance", "eval", "act", "demand", "relation") else None
        return None

    def _find_arg(self, i: int) -> None:
        """The next entity group or cue after cue i in its clause, within the window; or the deed
        a pronoun or a noun like "la decisión" points back to ("los tildó de...", "condemned the move")."""
        u, n = self.u, len(self.u)
        t0 = u[i].cue.type
        if t0 in ("stance", "label", "concern") and self.doc.last_act is not None and (
                (self.doc.lang == "es" and self.word(i - 1, "object_pronouns") and self.pos[i] == "verb"
                 and not self.word(i - 2, "of_preps") and not self.word(i - 2, "determiners"))
                or (self.doc.lang != "es" and self.word(i + 1, "object_pronouns"))):
            self.arg[i] = ("deed", self.doc.last_act)
            return
        if t0 in ("accuse", "demand") and self.word(i + 1, "addressed_pronouns"):
            follows = self._cue_after(i + 1)
            if follows is not None and u[follows].cue.type in ("act", "stop", "relation", "stance"):
                # "accuses it of aligning with Russia": the one addressed is the one spoken of
                self.arg[i] = ("cue", follows)
                self.gov.setdefault(follows, i)
                self.addressee[follows] = self.addressed[i] = [i + 1]
                return
        k, steps = i + 1, 0
        window = WINDOW if t0 != "eval" else (3 if u[i].word.split()[-1] in self.doc.w("linking_preps") else 0)
        own = set(self.noun_agent(i) or ()) if self.pos[i] == "noun" else set()
        prep = ""
        in_place = False  # inside "en la votación de la OEA": a place, until another preposition
        stance_verb = t0 == "stance" and self.pos[i] == "verb"
        clause, entity = self.clause[i], self.entity
        while k < n and steps <= window and self.clause[k] == clause:
            x = u[k]
            ent = entity[k]
            if stance_verb and self.word(k, "coactor_preps"):
                return  # "took part alongside NATO", "votó junto a Cuba": who else did it, not its object
            if ent and t0 in ("stance", "relation", "concern") and in_place:
                k, steps = self.group[k][-1] + 1, steps + 1
                continue  # "se abstuvo en la votación de la OEA": where, not toward whom
            if ent and not self.codes(self.group[k]):
                k, steps = self.group[k][-1] + 1, steps + 1
                continue  # a person the document does not place: not what the cue is about
            if ent and self._names_thing(self.group[k][-1]):
                k, steps = self.group[k][-1] + 1, steps + 1
                continue  # "the Lima Group's condemnation": a name, not a country
            if ent and k in own:
                k, steps = self.group[k][-1] + 1, steps + 1
                continue  # "condenas de Cuba": the one condemning, not what is condemned
            if ent and t0 in ("stance", "stop", "act", "demand"):
                pair = self._paired_relation(k)
                if pair is not None:
                    # "suspending the EU-Israel Association Agreement": the tie between the two named
                    rel, members = pair
                    self.arg[i] = ("cue", rel)
                    self.gov.setdefault(rel, i)
                    self.arg.setdefault(rel, ("entity", members))
                    self.objects.update(members)
                    return
            if ent:
                g = self.group[k]
                if t0 == "relation" and not (prep or steps == 0 or self._possessor(g[-1])):
                    return  # "aliados frente a...": a relation's other side comes with "con", "with", "de"
                if t0 == "relation" and self._hyphen_pair(k) is not None:
                    g = list(g) + list(self._hyphen_pair(k))  # "el Acuerdo de Asociación UE-Israel": both sides
                    self.arg[i] = ("entity", g)
                    self.objects.update(g)
                    return
                follows = self._cue_after(g[-1])
                t = u[i].cue.type
                addressing = t in ("demand", "accuse") or (t == "stance" and u[i].cue.polarity < 0
                                                            and self.pos[i] == "verb") \
                    or (t == "stop" and u[i].cue.polarity < 0)  # "allowed Russian troops to cross"
                if addressing and follows is not None and u[follows].cue.type in ("act", "stop", "relation", "stance"):
                    # "urged China to stop...", "acusó a Washington de...", "warned Trump against
                    # threatening...": the one addressed does the deed
                    self.arg[i] = ("cue", follows)
                    self.gov.setdefault(follows, i)
                    self.addressee[follows] = g
                    self.addressed[i] = g
                    self.objects.update(g)
                    return
                head = follows if follows == g[-1] + 1 or self.doc.lang == "es" else next(
                    (j for j in range(g[-1] + 2, min(n, g[-1] + 7)) if u[j].cue is not None), None)
                if head is not None and head != g[-1] + 1 and self._modifiers_before(head - 1) != g[-1]:
                    head = None
                if head is not None and self.pos.get(head) == "noun" and u[head].cue.type == "act" \
                        and self.doc.lang != "es":
                    follows = head
                    self.arg[i] = ("cue", follows)  # "concerned by Chinese actions", "backs U.S. sanctions"
                    self.gov.setdefault(follows, i)
                    self.objects.update(g)
                    return
                if t0 in ("concern", "stance") and self._possessor(g[-1]) and follows is not None \
                        and follows <= g[-1] + 4 and u[follows].cue.type == "act" and self.pos.get(follows) == "noun":
                    # "concern over Israel's military operation", "joined South Africa's case against
                    # Israel": what worries or is joined is the owner's deed, as in "preocupación por la
                    # operación militar de Israel"
                    self.arg[i] = ("cue", follows)
                    self.gov.setdefault(follows, i)
                    self.objects.update(g)
                    return
                if t0 == "demand" and self.pos[i] == "verb" and follows is None and self._called_on(i, g):
                    # "urged Israel to allow access", "pidió a Israel que permita...": the one called on,
                    # not what is called for
                    self.addressed[i] = g
                if self._possessor(g[-1]) and follows is not None and follows <= g[-1] + 4:
                    # "Kyiv's demand", "la postura china": what is backed is the owner's
                    self.arg[i] = ("entity", g)
                    self.gov.setdefault(follows, i)
                    self.objects.update(g)
                    return
                self.arg[i] = ("entity", g)
                self.objects.update(g)
                return
            if x.cue is not None:
                t = x.cue.type
                if t in ("speech",) or (t in _MODIFIERS and t not in ("negator", "modal", "hedge", "rival")):
                    return
                if t == "negator" and x.word in self.doc.w("circumstance_negators"):
                    return  # "prometió apoyo sin desplegar efectivos": a separate circumstance
                if t in _OPERATORS:
                    if t == "eval" and t0 == "stance" and self.word(k - 1, "as_words"):
                        return  # "condemned the elections as fraudulent": the same verdict, not its object
                    if t0 == "relation":
                        return  # "allies in the face of pressure": what a relation is about is not its side
                    if self._coordinated(k) and (self.pos[k] == "verb" or self.pos[k] == self.pos[i]):
                        return  # "condemned X and demanded Y", "condenas de X y críticas de Y": a second one
                    if t0 == "act" and t in ("eval", "concern", "label"):
                        return  # "the exercises escalate tension": what is said of the deed, not its object
                    self.arg[i] = ("cue", k)
                    self.gov.setdefault(k, i)
                    return
            elif x.word == "," and self.pos[i] != "noun" and steps > 2:
                return
            if x.cue is None and x.code is None and self.word(k, "blockers") and not self.word(k, "of_preps"):
                in_place = self.word(k, "place_only_preps")
            if x.cue is None and x.code is None and self.word(k, "circumstantial"):
                return  # "respaldo frente al aumento de presiones": a circumstance, not what is backed
            if x.cue is None and x.code is None and self.word(k, "conditionals"):
                return  # "advirtió de otras medidas si no es liberado": the condition, not what is warned of
            if t0 == "relation" and x.cue is None and x.code is None:
                prep = x.word if self.word(k, "partner_preps") else ("" if not self.word(k, "determiners") else prep)
            elif (self.word(k, "coordinators") or x.word == ",") and self._new_subject(k):
                return  # "mantuvo el veto y Eslovaquia se alineó con Budapest"
            elif t0 == "act" and self.word(k, "coordinators") and self._joined_act_after(k) is not None:
                return  # "a blockade or a Chinese attack": a second deed, not the first one's object
            elif t0 in ("stance", "demand", "vote") and self.word(k, "documents"):
                j = self._document_content(k)
                if j is not None:
                    self.arg[i] = ("cue", j)  # "apoyaron la resolución que condena al gobierno": its content
                    self.gov.setdefault(j, i)
                    return
            elif t0 in ("stance", "label", "concern") and self.word(k, "deed_nouns") and self.doc.last_act is not None \
                    and not self._deed_named(k):
                self.arg[i] = ("deed", self.doc.last_act)
                return
            elif self.word(k, "relatives") and u[i].cue.type not in ("demand", "stance", "label") \
                    and not (t0 == "stop" and u[i].cue.polarity < 0):
                return  # but "no permitirá que nadie ataque": what is allowed follows its "que"
            k, steps = k + 1, steps + 1

    def _paired_relation(self, k: int) -> tuple[int, list[int]] | None:
        """A relation noun named by two countries joined with a hyphen ("the EU-Israel Association
        Agreement", "el acuerdo UE-Mercosur" is not one: the relation must follow): (its cue, both groups)."""
        u, n = self.u, len(self.u)
        g, g2 = self.group[k], self._hyphen_pair(k)
        if g2 is None:
            return None
        for r in range(g2[-1] + 1, min(n, g2[-1] + 3)):
            c = u[r].cue
            if c is not None:
                return (r, list(g) + list(g2)) if c.type == "relation" else None
        return None

    def _hyphen_pair(self, k: int) -> list[int] | None:
        """The entity group joined to entity k's group by a hyphen with no blanks ("EU-Israel")."""
        u, g = self.u, self.group[k]
        j = g[-1] + 1
        if j + 1 >= len(u) or u[j].word not in ("-", "\u2013", "\u2010") or not self.is_entity(j + 1) \
                or u[j].start != u[g[-1]].end or u[j + 1].start != u[j].end:
            return None
        return self.group[j + 1]

    def _called_on(self, i: int, g: list[int]) -> bool:
        """Whether the group g right after demand verb i is the one asked to act: "urged Israel to...",
        "instó a Israel a...", "pidió a Israel que..." (not "pidió la liberación de...")."""
        after = g[-1] + 1
        if self.doc.lang == "es":
            return g[0] - 1 > i and self.word(g[0] - 1, "to_words") and g[0] - 2 <= i \
                and (self.word(after, "to_words") or self.word(after, "relatives"))
        return g[0] == i + 1 and self.word(after, "to_words")

    def _deed_named(self, k: int) -> bool:
        """Whether the deed noun at k says itself what it is ("the decision to impose sanctions")."""
        for j in range(k + 1, min(len(self.u), k + 3)):
            c = self.u[j].cue
            if c is not None:
                return c.type in ("act", "stance", "stop", "relation")
        return False

    def _new_subject(self, k: int) -> bool:
        """Whether an entity group right after unit k is followed by a verb cue: a new clause."""
        j = self.skip(k + 1, 1)
        if j >= len(self.u) or not self.is_entity(j):
            return False
        nxt = self.group[j][-1] + 1
        return nxt < len(self.u) and self.u[nxt].cue is not None and self.pos.get(nxt) == "verb"

    def _cue_after(self, k: int) -> int | None:
        """An operator cue right after unit k (within a few units: "to", "que", "de", "of")."""
        for j in range(k + 1, min(len(self.u), k + 5)):
            if self.clause[j] != self.clause[k]:
                return None
            if self.u[j].cue is not None and self.u[j].cue.type in _OPERATORS:
                return j
            if self.is_entity(j):
                return None
        return None

    def _coordinated(self, k: int) -> bool:
        """Whether cue k starts a second predicate after "y"/"and" (not an infinitive complement
        of a demand before it: "pidió ir más allá y suspender el acuerdo")."""
        j = self.skip(k - 1, -1, ("adverbs",))
        if not (0 <= j and (self.word(j, "coordinators") or self.u[j].word == ",")):
            return False
        w = self.u[k].word.split()[0]
        infinitive = w.endswith(("ar", "er", "ir")) if self.doc.lang == "es" else self.word(j + 1, "to_words")
        if infinitive:
            return not any(self.u[c].cue.type == "demand" for c in self.cues if c < k and self.clause[c] == self.clause[k])
        return True

    def _function_word(self, k: int) -> bool:
        return 0 <= k < self.n and not self.tags[k].isdisjoint(_FUNCTION_LISTS)

    def _gerund_after(self, k: int) -> bool:
        """ "con Rusia posicionándose como aliado": a gerund makes the entity before it its subject."""
        if k + 1 >= len(self.u) or self.u[k + 1].cue is not None:
            return False
        w = self.u[k + 1].word
        return len(w) > 5 and w.endswith(tuple(self.doc.w("gerund_endings")))

    def _names_thing(self, k: int) -> bool:
        """Whether the entity at k is part of a name ("the Paris Declaration", "Moscow Summit")."""
        if self.doc.lang == "es" or k + 1 >= len(self.u):
            return False
        nxt = self.u[k + 1]
        return nxt.code is None and nxt.cue is None and nxt.form is None and nxt.word.isalpha() \
            and self.doc.text[nxt.start:nxt.start + 1].isupper() and not self.word(k + 1, "offices") \
            and not self.word(k + 1, "titles")

    def _possessor(self, k: int) -> bool:
        """Whether entity k owns the noun after it: "Kyiv's demand", "China's actions"."""
        return k + 1 < len(self.u) and self.u[k + 1].word in ("'s", "’s")

    # ------------------------------------------------------------------ who acts
    def eligible(self, g: list[int]) -> bool:
        """Whether an entity group can be a subject: not the object of a preposition."""
        u = self.u
        first = u[g[0]]
        k = g[0] - 1
        if first.form == "demonym" and self.doc.lang == "es":
            steps = 0  # "el gobierno venezolano": look before the noun the demonym follows
            while steps < 2 and k >= 0 and u[k].cue is None and u[k].code is None and u[k].word.isalpha() \
                    and not self.word(k, "blockers") and not self.word(k, "determiners"):
                k, steps = k - 1, steps + 1
        else:
            steps = 0  # "the Chinese foreign ministry", "President Lula": titles and adjectives
            while steps < 3 and k >= 0 and (self.word(k, "offices") or self.word(k, "titles")):
                k, steps = k - 1, steps + 1
            if first.form == "demonym":  # "of immobilised Russian assets": the noun phrase starts earlier
                while steps < 4 and k >= 0 and u[k].cue is None and u[k].code is None and u[k].word.isalpha() \
                        and not self.word(k, "blockers") and not self.word(k, "determiners") \
                        and not self.word(k, "relatives") and not self.word(k, "coordinators"):
                    k, steps = k - 1, steps + 1
        k = self.skip(k, -1)
        if k < 0 or not (self.word(k, "blockers")):
            return True
        if self.word(k, "of_preps") or self.word(k, "agent_preps"):
            noun = self.skip(k - 1, -1, ("determiners", "adjectives"))
            if self.word(noun, "offices") or self.word(noun, "titles") or self.word(noun, "actor_nouns"):
                return True  # "el gobierno de China", "the president of Brazil", "delegations from Japan"
        return False

    def noun_agent(self, i: int) -> list[int] | None:
        """The agent a noun cue names itself: "U.S. sanctions", "apoyo ruso", "support from Moscow",
        "allies like Cuba and Nicaragua"."""
        u, n = self.u, len(self.u)
        cue = u[i].cue
        g = self.listed(i)
        if g:
            return g
        k = i - 1
        if k >= 0 and u[k].word in ("'s", "’s"):
            k -= 1
        k2 = self.skip(k, -1, ("adjectives",))
        for kk in (k, k2):
            if 0 <= kk and self.is_entity(kk) and self.clause[kk] == self.clause[i]:
                return self.group[kk]  # "U.S. sanctions", "Russia's support", "Chinese military actions"
        if self.doc.lang != "es":
            kk = self._modifiers_before(k)
            if kk is not None:
                return self.group[kk]  # "Chinese military and coast guard actions"
        j = i + 1
        if j < n and self.is_entity(j) and u[j].form == "demonym" and self.doc.lang == "es":
            return self.group[j]  # "apoyo ruso", "bombardeos rusos"
        for j in range(i + 1, min(n, i + 6)):
            if self.clause[j] != self.clause[i] or u[j].cue is not None or self.is_entity(j):
                break
            if self.word(j, "patient_preps") and not self.word(j, "agent_preps"):
                break  # "respaldo al gobierno de Maduro": what follows is what is backed
            if self.word(j, "agent_preps") and not (cue.patient_first and self.word(j, "of_preps")):
                g = self.skip(j + 1, 1)
                if g < n and self.is_entity(g):
                    return self.group[g]
                break
            if not (self.word(j, "determiners") or self.word(j, "adjectives") or self.word(j, "coordinators")
                    or (u[j].word.isalpha() and not self._function_word(j) and not self.word(j, "blockers"))):
                break  # "la presión ejercida por EE. UU.", "sanciones económicas y financieras de la CEDEAO"
        return None

    def _modifiers_before(self, k: int) -> int | None:
        """The entity (a demonym or a country used as a modifier) before the plain modifier words that
        end at k ("Chinese military and coast guard | actions"), or None."""
        steps = 0
        while 0 <= k and steps < 5 and self.u[k].cue is None and self.u[k].code is None and self.u[k].word.isalpha() \
                and not self.word(k, "blockers") and not self.word(k, "determiners") and not self._function_word(k) \
                or (0 <= k and self.word(k, "coordinators") and steps):
            k, steps = k - 1, steps + 1
        if steps and 0 <= k and self.is_entity(k) and self.u[k].code is not None and not self._possessor(k):
            return k
        return None

    def listed(self, i: int) -> list[int] | None:
        """The countries a noun cue introduces as examples: "allies like Cuba", "aliados clave como Rusia"."""
        u, n = self.u, len(self.u)
        j = i + 1
        if j < n and u[j].cue is None and u[j].code is None and not self.word(j, "list_intro") and u[j].word.isalpha():
            j += 1
        if self.word(j, "list_intro"):
            g = self.skip(j + 1, 1)
            if g < n and self.is_entity(g):
                return self.group[g]
        return None

    def passive_agent(self, i: int) -> list[int] | None:
        for j in range(i + 1, min(len(self.u), i + 4)):
            if self.word(j, "passive_preps"):
                g = self.skip(j + 1, 1)
                if g < len(self.u) and self.is_entity(g):
                    return self.group[g]
        return None

    def actor_of(self, i: int) -> list[str] | None:
        """Who does what cue i says, as country codes (TOPIC allowed), or None."""
        if i in self.actor_cache:
            return self.actor_cache[i][0]
        got = self._actor(i)
        self.actor_cache[i] = (got, 0)
        return got

    def explicit_actor(self, i: int) -> list[str] | None:
        """Cue i's doer when the text names it (no fallback to topic or context)."""
        return self._actor(i, explicit=True)

    def _actor(self, i: int, explicit: bool = False) -> list[str] | None:
        u = self.u
        cue = u[i].cue
        if i in self.addressee:
            return self.codes(self.addressee[i])
        if self.pos[i] == "noun":
            g = self.noun_agent(i)
            if g:
                return self.codes(g)
        if self.pos[i] == "role" and self.listed(i):
            return self.codes(self.listed(i))
        # "role" nouns (critics of, backers of) describe who they stand beside: the subject or apposition
        if self.pos[i] in ("verb", "phrase"):
            g = self.passive_agent(i)
            if g and u[i].word.endswith(("ed", "do", "da", "dos", "das", "en")):
                return self.codes(g)
        governor = self.gov.get(i)
        if governor is not None and cue.type != "eval":
            return None  # an argument's doer is its governor's business
        # a coordinated verb shares its subject: "condenó el ataque y exigió..."
        if self.pos[i] == "verb" and self._coordinated(i):
            prev = next((c for c in reversed(self.cues) if c < i and self.gov.get(c) is None
                         and self.pos[c] == "verb" and u[c].cue.type not in _MODIFIERS), None)
            if prev is not None and self.clause[prev] >= self.clause[i] - 1:
                got = self.actor_of(prev)
                if got:
                    return got
        if self.pos[i] in ("noun", "role") and cue.type == "act" and self._circumstance(i):
            return None  # "pese a las presiones", "frente a la «injerencia»": a circumstance, nobody's deed here
        g = self.subject(i, explicit)
        if g is not None or explicit:
            return g
        if self.pos[i] == "noun" and cue.type == "act" and any(self.u[k].word == ":" for k in range(i)) \
                and self._responder():
            return self._responder()  # "La respuesta de Washington llegó el lunes: aranceles para X"
        if self.pos[i] in ("noun", "role") and cue.type in ("act", "relation", "stance") and not any(
                self.u[k].cue is not None and self.u[k].cue.type == "negator" and self.clause[k] == self.clause[i]
                for k in range(max(0, i - 4), i)):
            return list(self.topic) if self.topic else None  # "avoids any commitment": the avoiding subject's  # "Son las segundas grandes maniobras", "Este acercamiento"
        return self.fallback(i)

    def _circumstance(self, i: int) -> bool:
        """Whether one of the three words before cue i (quote marks aside) opens a circumstance."""
        seen, k = 0, i - 1
        while k >= 0 and seen < 3:
            if any(ch.isalnum() for ch in self.u[k].word):
                if self.word(k, "circumstantial"):
                    return True
                seen += 1
            k -= 1
        return False

    def subject(self, i: int, explicit: bool = False) -> list[str] | None:
        """Walk left from cue i to its subject: the first eligible entity, person, pronoun or office."""
        u, tags = self.u, self.tags
        ci = self.clause[i]
        noun = self.pos[i] == "noun"
        k = i - 1
        while k >= 0 and self.clause[k] == ci:
            x = u[k]
            if self.entity[k]:
                g = self.group[k]
                k0 = g[0]
                owner_office = self._possessor(g[-1]) and (self.word(g[-1] + 2, "offices") or self.word(g[-1] + 2, "titles"))
                if k0 not in self.objects and (not self._possessor(g[-1]) or owner_office) \
                        and not self.word(g[-1] + 1, "member_nouns") and not self._names_thing(g[-1]) \
                        and (self.eligible(g) or self._gerund_after(g[-1])):
                    return self.codes(g, "subject")
                k = k0 - 1
                continue
            t = tags[k]
            if not t:
                k -= 1  # a plain word: walk on
                continue
            if "relatives" in t and k > 0 and (u[k - 1].cue is not None or self.word(k - 1, "adverbs")):
                k -= 1  # "said that", "dijo que": a complement, not a relative clause
                continue
            if "relatives" in t or "possessive_relatives" in t:
                ante = self.skip(k - 1, -1, ("commas",))
                if 0 <= ante and self.entity[ante]:
                    return self.codes(self.group[ante], "subject")  # "Rusia, que ha respaldado..."
                if 0 <= ante and (self.word(ante, "offices") or self.word(ante, "titles")):
                    return self._office(ante)
                return None  # "la resolución que condena...": not a country's act
            if "patient_verbs" in t and noun:
                return None  # "Malí sufrió sanciones": the subject undergoes the deed
            if "pronouns" in t or self.doc.text[x.start:x.end] in ("él", "Él") or (
                    "possessives" in t and (self.word(k + 1, "offices") or self.word(k + 1, "country_nouns"))):
                return None if explicit else self._context()  # "he said", "his office said", "su país"
            if "offices" in t and not self._office_has_country(k):
                if self.word(k - 1, "possessive_relatives"):
                    k -= 1  # "Szijjártó, cuyo Gobierno amenaza": the antecedent's government
                    continue
                return None if explicit else self._office(k)
            k -= 1
        return None

    def _context(self) -> list[str] | None:
        """Whom a pronoun or a bare office stands for: the list topic, this passage's first actor,
        or the actor the previous passages spoke of."""
        if self.topic:
            return list(self.topic)
        if self.main_actor:
            return list(self.main_actor)
        return list(self.doc.discourse or []) or None

    def _office_has_country(self, k: int) -> bool:
        """Whether the office at k names its country nearby ("the Chinese foreign ministry"), not past
        the verb after it ("the embassy said Taiwan...": what it said)."""
        for j in range(k - 1, max(-1, k - 4), -1):
            if self.u[j].word == "," or self.clause[j] != self.clause[k]:
                break
            if self.u[j].code is not None:
                return True
        for j in range(k + 1, min(len(self.u), k + 4)):
            if self.u[j].cue is not None or self.u[j].word == "," or self.clause[j] != self.clause[k]:
                break
            if self.u[j].code is not None:
                return True
        return False

    def _possessed(self, k: int) -> bool:
        """Whether a possessive opens the noun phrase ending at k ("its left-wing government", "su gobierno")."""
        for j in range(k - 1, max(-1, k - 6), -1):
            x = self.u[j]
            if x.cue is not None or x.code is not None or x.word in (",", ".", ";", ":"):
                return False
            if self.word(j, "possessives"):
                return True
        return False

    def _office(self, k: int) -> list[str] | None:
        """An office or title with no country of its own: the topic, else the one spoken of before."""
        if self.word(k, "topic_offices"):
            return [TOPIC]
        named = self.doc.offices.get(self.u[k].word)
        if named is not None and not self.topic and not self._possessed(k):
            # "the embassy said", after "the Chinese Embassy": the office named before (but "- Japan: the
            # ministry said" is the item's, "its government" the one spoken of)
            return [named]
        return self._context()

    def fallback(self, i: int) -> list[str] | None:
        """No subject in the clause: the list topic, the sentence's first actor, a speaker named after
        a fronted quote ("«...», dijo el ministro ruso"), or the actor the previous passages spoke of."""
        if self.topic:
            return list(self.topic)
        u = self.u
        if self.main_actor:
            return list(self.main_actor)
        for j in range(i + 1, len(u)):
            if u[j].cue is not None and u[j].cue.type == "speech":
                for k in range(j + 1, min(len(u), j + 8)):
                    if self.is_entity(k):
                        return self.codes(self.group[k])
                    if self.word(k, "pronouns"):
                        break
                    if self.word(k, "offices") and not self._office_has_country(k):
                        return self._office(k)
                break
        return list(self.doc.discourse or []) or None

    def speaker(self, i: int) -> list[str] | None:
        """Whose words an eval at i is: the subject of the speech, label or stance verb before it."""
        for j in range(i - 1, -1, -1):
            c = self.u[j].cue
            if c is not None and (c.type in ("speech", "label") or (c.type == "stance" and c.pos == "verb")):
                return self.actor_of(j) if c.type != "speech" else (self._actor(j))
        return self.fallback(i)

    # ------------------------------------------------------------------ values
    def negation(self, i: int) -> int:
        """How many negators stand just before cue i in its clause (parity matters: "declined to rule
        out" asserts); correlatives ("ni Rusia ni China", "neither... nor") count once."""
        n, correlative, concord = 0, False, 0
        lo, g = max(0, i - 6), self.gov.get(i)
        echoed = False  # the n-words after a negated stop echo its "no" ("no permitirá ningún ataque")
        if g is not None and g < i and self.u[g].cue.type == "stop":
            lo = max(lo, g + 1)  # "no levantará las sanciones": the "no" is the stop's, the sanctions stay
            echoed = self.negation(g) % 2 == 1
        for k in range(lo, i):
            if self.word(k, "coordinators") and self.u[k].word not in self.doc.w("correlatives") \
                    and any(self.pos.get(j) == "verb" for j in range(k + 1, i + 1)):
                n, correlative, concord = 0, False, 0  # "no ha emitido ninguna alerta y mantiene su respaldo"
                continue
            if self.u[k].word == "," and self._closes_relative(k):
                n, correlative, concord = 0, False, 0  # "Francia, que niega las acusaciones, advirtió..."
                continue
            c = self.u[k].cue
            if c is not None and c.type == "negator" and self.clause[k] == self.clause[i]:
                if self.u[k].word in self.doc.w("correlatives"):
                    correlative = True
                elif self.u[k].word in self.doc.w("negative_concord"):
                    concord += 1
                else:
                    n += 1
        # "no ha emitido ninguna alerta": Spanish n-words after a "no" repeat its negation
        return n + (concord if not (n or echoed) else 0) + correlative

    def _closes_relative(self, k: int) -> bool:
        """Whether the comma at k closes a relative clause opened after an earlier comma (", que niega
        las acusaciones,", ", which did not attend,"): what is negated inside stays inside."""
        for j in range(k - 1, max(-1, k - 12), -1):
            if self.clause[j] != self.clause[k]:
                return False
            if self.u[j].word == ",":
                return self.word(j + 1, "relatives")
        return False

    def _attributive(self, i: int) -> bool:
        """Whether act verb i is a participle naming a kind of actor ("occupying forces", "invading
        troops"): no deed done to anyone here."""
        return self.pos[i] == "verb" and self.u[i].word.endswith(tuple(self.doc.w("gerund_endings"))) \
            and self.word(i + 1, "actor_nouns")

    def _under_without(self, i: int) -> bool:
        """Whether the nearest negator before cue i, a few words back in its clause, is "sin"/"without"."""
        for k in range(i - 1, max(-1, i - 4), -1):
            if self.clause[k] != self.clause[i]:
                return False
            c = self.u[k].cue
            if c is not None and c.type == "negator":
                return self.u[k].word in self.doc.w("circumstance_negators")
        return False

    def hedged(self, i: int) -> bool:
        """A hedge anywhere in cue i's clause ("support ... is now largely symbolic")."""
        for k in range(max(0, i - 12), min(len(self.u), i + 12)):
            c = self.u[k].cue
            if c is not None and c.type == "hedge" and self.clause[k] == self.clause[i] and self.negation(k) % 2 == 0:
                return True  # "support that has not wavered" stands
        return False

    def modal(self, i: int) -> bool:
        return any(self.u[k].cue is not None and self.u[k].cue.type == "modal" and self.clause[k] == self.clause[i]
                   for k in range(max(0, i - 5), i))

    def _peace_object(self, i: int) -> bool:
        """Whether what cue i backs is a truce or a peace deal ("welcomed the ceasefire deal")."""
        k, steps = i + 1, 0
        while k < len(self.u) and steps < 4 and self.clause[k] == self.clause[i]:
            if self.word(k, "peace_nouns") or any(self.doc.folded.startswith(ph, self.u[k].start)
                                                   for ph in self.doc.w("peace_phrases")):
                return True
            if self.is_entity(k) or (self.u[k].cue is not None and self.u[k].cue.type != "relation"):
                return False
            k, steps = k + 1, steps + 1
        return False

    def _date_word(self, k: int) -> bool:
        """A month or weekday name at unit k ("Aug", "lunes"; English ones capitalized)."""
        from ..dates import month_number, weekday_number

        w = self.u[k].word
        if not (month_number(w) or weekday_number(w) is not None):
            return False
        return self.doc.lang == "es" or self.doc.text[self.u[k].start].isupper()

    def patient(self, i: int) -> list[int] | None:
        """What an act at i is done to: "sanciones contra X", "strikes on X", "sanctioned X", "envió a X";
        for a territorial act ("needs the island", "comprar Groenlandia") only a land."""
        g = self._patient(i)
        if g and self.u[i].cue.territorial and not any(c == TOPIC or sovereign(c) != c for c in self.codes(g)):
            return None
        return g

    def _patient(self, i: int) -> list[int] | None:
        u, n = self.u, len(self.u)
        cue = u[i].cue
        arg = self.arg.get(i)
        if arg is not None and arg[0] == "entity" and self.pos[i] == "verb":
            return arg[1]  # "shipped crude and refined products to Cuba"
        k, steps, prep = i + 1, 0, False
        own = set(self.noun_agent(i) or ()) if self.pos[i] == "noun" and not cue.patient_first else set()
        while k < n and steps <= 5 and self.clause[k] == self.clause[i]:
            if self.is_entity(k) and k in own:
                k, steps, prep = self.group[k][-1] + 1, steps + 1, False
                continue  # "las sanciones de Polonia contra Rusia": the doer, then the patient
            if self.is_entity(k):
                g = self.group[k]
                if u[k].form == "demonym" and self.doc.lang == "es" and steps == 0 and self.pos[i] == "noun" \
                        and not prep:
                    k, steps = g[-1] + 1, steps + 1  # "la ofensiva israelí en Gaza": the doer, then the patient
                    continue
                if prep or self.pos[i] == "verb" or (cue.patient_first and steps <= 2):
                    return g
                return None
            if u[k].cue is not None or (prep and self._date_word(k)):
                return None  # another cue; "imposed on Aug. 8": a date, not whom it was done to
            if not prep and self._joined_act_after(k) is not None:
                return None  # "a blockade or a Chinese attack on Taiwan": the second deed's
            if u[k].word == "," and self.pos[i] == "verb" and steps >= 1:
                for j in range(k + 1, min(n, k + 7)):  # "sanctioned Rosneft and Lukoil, Russia's two biggest..."
                    if self.clause[j] != self.clause[i] or u[j].cue is not None:
                        break
                    if self.is_entity(j) and (self._possessor(j) or u[j].form == "demonym" or self.word(j - 1, "of_preps")):
                        return self.group[j]  # "..., Russia's two biggest", "..., las dos mayores de Rusia"
                return None
            if self.word(k, "patient_preps") or (cue.patient_first and self.word(k, "of_preps")) \
                    or ((cue.kind in ("military", "domestic") or cue.in_patient) and self.word(k, "place_preps")):
                prep = True  # "strikes on X", "la captura de Maduro", "Israel's offensive in Gaza"
            elif not (self.word(k, "determiners") or self.word(k, "adjectives") or u[k].word.isdigit()):
                named = self.doc.text[u[k].start:u[k].start + 1].isupper() or self.word(k, "coordinators")
                if steps > 1 and not prep and not named:
                    return None  # but "blacklisted Rosneft and Lukoil, Russia's two biggest...": names on
            k, steps = k + 1, steps + 1
        return None

    def value(self, i: int, depth: int = 0) -> Value:
        """What cue i says of whom (see the module docstring)."""
        u = self.u
        cue = u[i].cue
        t, p, w = cue.type, cue.polarity, cue.weight
        out = Value()
        if depth > 6:
            return out
        arg = self.arg.get(i)
        inner = None
        if arg is not None:
            kind, x = arg
            if kind == "entity":
                inner = Value()
                for c in self.codes(x):
                    if c == RIVAL:
                        inner.put(TOPIC, -1.0)
                    else:
                        inner.put(c, 1.0)
            elif kind == "deed":
                inner = x
            else:
                inner = self.value(x, depth + 1)
        if t == "act" and cue.kind == "domestic":
            # "la represión en Venezuela", "Venezuela's crackdown": the deed of the government of the place
            doer = self.patient(i) or self.noun_agent(i)
            for c in (self.codes(doer) if doer else [TOPIC]):
                out.put(c, 0.5 * w)
            if out:
                self.doc.last_act, self.doc.last_act_doer = out, True
        elif t == "act":
            pat = self.patient(i)
            targets = self.codes(pat) if pat else ([] if cue.needs_target or self._attributive(i) else [TOPIC])
            agent = self.act_agent(i, called=True)
            if agent is None and cue.kind == "military" and p < 0 and targets and TOPIC not in targets:
                # "los bombardeos sobre Gaza" in a report on Israel; but in a report on Taiwan
                # "pressure on Taiwan" is not Taiwan's own
                agent = [UNLESS + ",".join(sorted(targets))]
            if not pat and targets and agent and TOPIC not in agent:
                # "condenó la agresión israelí" in a report on Israel: a deed with no patient named is
                # done to the topic, unless the topic is the one doing it
                targets = [UNLESS + ",".join(sorted(agent))]
            for c in targets:
                out.put(c, p * w) if p else out.put(c, 0.0, w)
            for c in agent or []:
                if c not in targets:
                    out.put(c, 0.5 * w)
            if out and not (self._first_act is not None and self._first_act < i and any(
                    self.word(k, "relatives") for k in range(self._first_act + 1, i))):
                # the deed a later "el veto", "the move" points back to: not one named in a relative
                # clause after it ("sanciones contra Rusia, que Bruselas quería listas para el
                # aniversario de la invasión")
                self.doc.last_act, self.doc.last_act_doer = out, bool(agent)
                if self._first_act is None:
                    self._first_act = i
            if inner is not None and arg[0] == "cue" and not pat and not cue.territorial:
                sub = u[arg[1]].cue
                if p < 0 and sub.type == "act" and sub.polarity > 0 and self.pos.get(arg[1]) == "noun":
                    out = inner.scaled(-w / 2)  # "que se corte el suministro a Cuba": the help taken away
                else:
                    out = inner.scaled(w / 2)  # "amenaza con frenar el préstamo": the deed intended
        elif t == "stance" and depth > 0 and self.pos[i] == "noun" and p < 0 and inner is None \
                and not self.noun_agent(i) and i in self.gov and self.u[self.gov[i]].cue.type in ("stance", "label") \
                and self.u[self.gov[i]].cue.polarity < 0 and any(self.word(k, "determiners") for k in (i - 1, i - 2)):
            # "rejected the criticism", "calificó de hipócritas las críticas": criticism of no one named,
            # taken up by the one speaking, is criticism of the speaker: nothing toward the topic (a noun
            # after its article: "rechazó las acusaciones y lamentó..." has verbs that read as nouns)
            return out
        elif t in ("stance", "eval", "concern"):
            if depth > 0 and t == "stance" and self.pos[i] == "noun":
                doer = self.noun_agent(i)
                if doer:  # approving someone's support is siding with them
                    for c in self.codes(doer):
                        out.put(c, 0.5 * w)
            if inner is None and t == "eval":
                inner = self.evaluated(i, depth)
            if inner is None and t == "stance" and p < 0 and self.doc.last_act is not None and self.doc.last_act_doer \
                    and any(sv < 0 for sv, _ in self.doc.last_act.values()):
                inner = self.doc.last_act  # "condenas de Cuba" after "la operación militar de EE. UU."
            base = inner if inner is not None else _topic()
            if t == "eval" and self.belonging(i):
                base = self.belonging(i)
            if t == "concern":
                out = base.scaled(-0.6 * w) if arg is not None and arg[0] == "cue" else base.neutralized(w)
            elif t == "eval" and inner is not None and arg is not None and arg[0] == "cue" \
                    and u[arg[1]].cue.type == "eval" and p * u[arg[1]].cue.polarity > 0:
                # "a flagrant violation", "una violación flagrante": a quality that strengthens another
                # of the same sign says it louder, it does not turn it around
                out = base.scaled(w / 2)
            elif p == 0 or (p > 0 and inner is None and self._peace_object(i)):
                # "welcomed the ceasefire", "celebró la tregua": backing a peace between the sides
                # takes neither side
                out = base.neutralized(w)
            else:
                out = base.scaled(p * w)
        elif t == "relation" and inner is None and cue.needs_target and self._signed_as_neutral(i):
            # "signed the declaration as guarantors", "firmaron un texto en el que se erigen en garantes":
            # no partner named, and the part taken is one of neither side
            out = _topic().neutralized(w)
        elif t == "relation":
            base = inner if inner is not None else _topic()
            out = base.scaled(p * w) if p else base.neutralized(w)
        elif t == "demand":
            if inner is not None and arg[0] == "entity" and i in self.addressed:
                out = inner.neutralized(w)  # a call on someone to act, with no deed named: no side
            else:
                out = inner.scaled(w) if inner is not None else _topic().neutralized(0.5 * w)
        elif t == "stop" and p < 0:
            # "allowed the strikes", "permitió el paso de tropas": letting a deed happen goes along with
            # it, softly; with no deed named, no side. Negated ("will not allow anyone to attack X") it is
            # turned around below
            out = inner.scaled(0.5 * w) if inner is not None and arg[0] == "cue" else _topic().neutralized(0.5 * w)
        elif t == "stop" and self._withdrawal(i, inner) is not None:
            out = self._withdrawal(i, inner).scaled(w)
        elif t == "stop":
            # ending a hostile deed backs its patient; pausing help only keeps a distance
            out = Value()
            hostile = any(sv < 0 for sv, _ in (inner or {}).values())
            for c, (sv, nv) in (inner or {}).items():
                if hostile:
                    out.put(c, -sv * w, nv)  # its doer loses, its patient gains
                elif depth == 0 and not (arg and arg[0] == "cue" and u[arg[1]].cue.type == "relation"):
                    out.put(c, 0.0, (abs(sv) + nv) * w)  # "suspendió los envíos": a distance, not hostility
                else:
                    out.put(c, -0.5 * sv * w, nv)  # "alarmed at the cut in supplies": cutting help hurts
        elif t == "accuse":
            out = inner.scaled(-w) if inner is not None else Value()
        elif t == "label":
            out = self.label_value(i, depth)
        elif t == "vote" and inner is not None and arg[0] == "cue" and any(
                self.word(k, "documents") for k in range(i + 1, arg[1])):
            # "voted for a resolution demanding that Israel withdraw": the vote takes the text's side
            out = inner.scaled(p * w) if p else inner.neutralized(w)
        elif t == "vote":
            out = _topic().scaled(p * w * self.doc.resolution) if p else _topic().neutralized(w)
        elif t == "same" and self.doc.last_head is not None:
            out = Value(); out.merge(self.doc.last_head[1].scaled(w))
        elif t == "reciprocal" and self.doc.last_head is not None:
            actors, val = self.doc.last_head
            sign = -1.0 if sum(s for s, _ in val.values()) < 0 else 1.0
            for c in actors:
                out.put(c, sign * w)
        if t in ("stance", "concern", "demand") and p <= 0 and arg is not None and arg[0] == "entity" \
                and self._between(arg[1]):
            # "warned that an escalation between Israel and Iran would be catastrophic", "preocupación
            # por la escalada entre X e Y": a warning about what happens between two takes neither side
            out = inner.neutralized(w)
        if i in self.addressee and TOPIC in out and i in self.gov \
                and u[self.gov[i]].cue.type in ("stance", "accuse"):
            # "criticised Israel for blocking aid", "acusó a Israel de bloquear la ayuda": the deed
            # the one criticised is blamed for is not done to itself when its patient goes unnamed
            doers = self.codes(self.addressee[i])
            if doers and TOPIC not in doers:
                s, nv = out.pop(TOPIC)
                out.put(UNLESS + ",".join(sorted(doers)), s, nv)
        if i in self.addressed and t in ("accuse", "stance"):
            for c in self.codes(self.addressed[i]):
                out.put(c, p * w)  # accusing or warning X is against X
        # modifiers
        if t == "act" and self._under_without(i):
            return Value()  # "recibir a Netanyahu sin que fuera detenido", "aid without troops": a circumstance
        neg = self.negation(i)
        if neg % 2 == 1:
            if cue.if_negated is not None:
                out = _flip_to(out, cue.if_negated * w)
            elif t == "eval":
                out = out.scaled(-0.5)  # "no es Ucrania el obstáculo": a quality denied
            elif t == "stop" and p < 0:
                out = out.scaled(-1.5)  # "no permitirá que nadie ataque a X": the deed refused, for its patient
            elif t == "stop" and any(sv < 0 for sv, _ in (inner or {}).values()):
                out = out.scaled(-0.75)  # "nunca retira la fuerza de la mesa", "won't lift the sanctions": it stays
            elif t in ("stance", "act", "relation", "eval") and p > 0 and arg is not None and arg[0] == "cue" \
                    and any(sv < 0 for sv, _ in out.values()):
                out = out.scaled(-0.5)  # "does not support attempts to change the status quo"
            else:
                # "no condenó", "ninguna alerta": no position either way, said softly (more softly with
                # no one named to criticise: "did not criticise anyone and kept backing X" backs X)
                out = out.neutralized(0.75 if arg is None and p < 0 else 1.0)
        if self.hedged(i):
            out = out.neutralized()
        if self.modal(i):
            # "could become a partner": the writer's guess is no position; "se declaró dispuesta a
            # enviar tropas si se le pedía": a stated one, weaker
            said = any(self.u[k].cue is not None and self.u[k].cue.type in ("speech", "stance", "demand")
                       for k in range(0, i))
            out = out.scaled(0.6) if said else Value()
        return out

    def _signed_as_neutral(self, i: int) -> bool:
        """Whether what relation cue i signs or agrees to is taken up in a neutral part later in its
        clause ("as guarantors", "como mediadores"), with no partner named before it."""
        for k in range(i + 1, min(self.n, i + 4 * WINDOW)):  # the clause bounds it
            if self.clause[k] != self.clause[i] or self.is_entity(k):
                return False
            c = self.u[k].cue
            if c is not None and c.type in ("stance", "relation", "act", "eval"):
                return c.type == "stance" and c.polarity == 0
        return False

    def _withdrawal(self, i: int, inner: Value | None) -> Value | None:
        """A withdrawal someone is called on to make ("demanded Russia's withdrawal from Ukraine",
        "exigió la retirada de las tropas rusas de Ucrania"): against the one withdrawing, for the
        place it is to leave. None when stop cue i is not one, is not demanded or has no doer."""
        u = self.u
        if u[i].word.split()[0] not in self.doc.w("withdrawal_words"):
            return None
        up = self.gov.get(i)
        if i not in self.addressee and (up is None or u[up].cue.type != "demand"):
            return None
        doer = self.codes(self.addressee[i]) if i in self.addressee else None
        if not doer and self.pos[i] == "noun":
            g = self.noun_agent(i)
            doer = self.codes(g) if g else None
        arg = self.arg.get(i)
        if not doer and arg is not None and arg[0] == "cue" and u[arg[1]].cue.type == "act":
            doer = self.act_agent(arg[1], called=True)
        doer = [c for c in doer or [] if c != TOPIC]
        if not doer:
            return None
        out = Value()
        for c in doer:
            out.put(c, -1.0)
        from_last = u[i].word.split()[-1] in self.doc.w("from_preps")
        for k in range(i + 1, min(self.n, i + WINDOW + 3)):
            if self.clause[k] != self.clause[i] or (u[k].cue is not None and u[k].cue.type not in ("act",)):
                break
            if self.is_entity(k):
                prev = self.skip(k - 1, -1)
                codes = [c for c in self.codes(self.group[k]) if c not in doer and c != TOPIC]
                if codes and ((prev == i and from_last) or (prev > i and u[prev].word in self.doc.w("from_preps"))):
                    for c in codes:
                        out.put(c, 1.0)  # the place to be left
                    break
        return out

    def _between(self, g: list[int]) -> bool:
        """Whether group g names two or more countries after "between" / "entre"."""
        k = self.skip(g[0] - 1, -1)
        return self.word(k, "between_preps") and len(set(self.codes(g))) >= 2

    def belonging(self, i: int) -> Value | None:
        """ "X is (an integral) part of Y", "X belongs to Y": for X's state when Y is that state (or X
        itself), against it when Y is another country ("the island should be part of the United States")."""
        if not set(self.u[i].word.split()) & self.doc.w("belonging_words"):
            return None
        owner = next((k for k in range(i + 1, min(len(self.u), i + 5)) if self.is_entity(k)), None)
        if owner is None and i >= 2 and self.u[i - 1].word in ("'s", "’s") and self.is_entity(i - 2):
            owner = i - 2  # "Taiwan is purely China's internal affair"
        if owner is None:
            owner = next((k for k in range(i - 1, max(-1, i - 3), -1)
                          if self.u[k].code is not None and self.u[k].form == "demonym"), None)  # "part of Chinese territory"
        subject = next((k for k in range(i - 1, max(-1, i - WINDOW), -1)
                        if self.is_entity(k) and self.clause[k] == self.clause[i] and k != owner), None)
        inner = self.u[i].inner if owner is None else None  # "an internal Chinese matter"
        if (owner is None and inner is None) or subject is None:
            return None
        v = Value()
        owners = [inner] if inner else self.codes(self.group[owner])
        for c in self.codes(self.group[subject]):
            state = sovereign(c) if c != TOPIC else c
            v.put(c, 1.0 if (c in owners or state in owners) else -1.0)
        return v

    def _evaluated_deed(self, i: int) -> int | None:
        """The act an eval with nothing after it describes, when the act comes first in its clause
        ("a Chinese attack on Taiwan could amount to a survival-threatening situation": past its
        patient and a modal)."""
        k = i - 1
        while k > max(-1, i - WINDOW - 3):
            if self.clause[k] != self.clause[i]:
                return None
            if self.is_entity(k):
                k = self._act_of_patient(k)
                if k is None:
                    return None
            c = self.u[k].cue
            if c is not None and c.type != "modal":
                return k if c.type == "act" else None
            k -= 1
        return None

    def _modifies(self, i: int, k: int) -> bool:
        """Whether eval i is said of the deed noun k right before it ("actions undermining peace",
        "las acciones chinas que socavan la paz"): only its doer, a relative or a comma between."""
        if self.pos.get(k) != "noun" or not 0 < i - k <= 3:
            return False
        return all(self.is_entity(j) or self.word(j, "relatives") or self.u[j].word == ","
                   for j in range(k + 1, i))

    def _joined_acts(self, k: int) -> list[int]:
        """Act k and the acts coordinated before it in its clause ("a blockade or an attack")."""
        out = [k]
        while True:
            j = next((c for c in reversed(self.cues) if c < k), None)
            if j is None or self.u[j].cue.type != "act" or self._joined_act_after(j + 1) != k:
                return out
            out.append(j)
            k = j

    def _joined_act_after(self, k: int) -> int | None:
        """The act joined by the coordinator or comma at k to an act before it ("a blockade | or a
        Chinese attack", "sanciones y un bloqueo"), or None."""
        if not (self.word(k, "coordinators") or (0 <= k < self.n and self.u[k].word == ",")):
            return None
        j = k + 1
        while j < self.n and (self.word(j, "determiners") or self.word(j, "adjectives")
                              or (self.entity[j] and self.u[j].form == "demonym")):
            j += 1
        if j < self.n and self.u[j].cue is not None and self.u[j].cue.type == "act" and self.clause[j] == self.clause[k]:
            return j
        return None

    def _act_of_patient(self, k: int) -> int | None:
        """The act just before entity k whose patient k is ("an attack on | Taiwan"), or None."""
        first = self.group[k][0]
        j = self.skip(first - 1, -1)
        if not self.word(j, "patient_preps"):
            return None
        for a in range(j - 1, max(-1, j - 4), -1):
            c = self.u[a].cue
            if c is not None:
                return a if c.type == "act" and first in (self.patient(a) or ()) else None
            if self.clause[a] != self.clause[k]:
                return None
        return None

    def evaluated(self, i: int, depth: int) -> Value | None:
        """What an eval with nothing after it describes: the entity or deed before it in its clause
        ("Cuba va a caer", "the sales gravely violated...", "Ucrania se comporta de manera hostil")."""
        for k in range(i - 1, max(-1, i - WINDOW), -1):
            if self.clause[k] != self.clause[i]:
                break
            x = self.u[k]
            if self.is_entity(k) and self._act_of_patient(k) is not None:
                k = self._act_of_patient(k)  # "an attack on Taiwan would threaten...": the deed, not its patient
                x = self.u[k]
            if self.is_entity(k):
                v = Value()
                for c in self.codes(self.group[k]):
                    v.put(c, 1.0)
                return v
            if x.cue is not None:
                if x.cue.type == "act":
                    if self.gov.get(k, i) != i and not self._modifies(i, k):
                        return None  # a deed another cue speaks of ("condenó las sanciones y dijo que son ilegales")
                    v = self.value(k, depth + 1)
                    for j in self._joined_acts(k)[1:]:
                        if self.gov.get(j) == i:
                            v.merge(self.value(j, depth + 1))
                    return v
                if x.cue.type in ("speech", "label", "stance", "demand"):
                    break
        return None

    def act_agent(self, i: int, called: bool = False) -> list[str] | None:
        """The doer of an act named as an argument (its own agent, or the one addressed; `called`: also
        the one called on to stop it, for the value of the call)."""
        if i in self.addressee:
            return self.codes(self.addressee[i])
        g = self.noun_agent(i) if self.pos[i] == "noun" else self.passive_agent(i)
        if g:
            return self.codes(g)
        up = self.gov.get(i)
        if called and up is not None and up in self.addressee and self.u[up].cue.type == "stop":
            # "urged China to stop pressuring Taiwan", "pidió a Israel que detenga su ofensiva": the
            # one called on to stop a deed is the one doing it
            return self.codes(self.addressee[up])
        return None

    def label_value(self, i: int, depth: int) -> Value:
        """ "called X Y" / "calificó de Y a X": X takes the quality of Y. Heading its clause, the label is
        the labeler's verdict on X; inside another cue ("ends what it called genocide") it only names
        the deed: its value is the deed's."""
        quality: float | None = None
        deed: Value | None = None  # a deed named as the label ("genocide", "aggression")
        obj: Value | None = None
        arg = self.arg.get(i)
        if arg is not None and arg[0] == "deed":
            obj = arg[1]
        # "calificó de agresión el despliegue", "described as illegal": the quality comes first
        quality_first = self.u[i].word.split()[-1] in self.doc.w("as_words") | {"de"}
        for k in range(i + 1, min(len(self.u), i + WINDOW + 3)):
            if self.clause[k] != self.clause[i]:
                break
            c = self.u[k].cue
            if c is not None and quality is None and c.type in ("eval", "stance", "concern"):
                owned = self.belonging(k) if c.type == "eval" and depth == 0 else None
                if owned:
                    # "called the island's status an internal Chinese matter": whose it is said to be
                    return owned.scaled(self.u[i].cue.weight)
                quality = float(c.polarity) if c.type != "concern" else -0.6
                continue
            if c is not None and c.type == "act":
                v = self.value(k, depth + 1)
                if quality is None and c.polarity < 0 and (obj is not None or quality_first):
                    quality, deed = -1.0, v  # "calificó la operación de agresión"
                elif obj is None:
                    obj = v
                elif deed is None and c.polarity < 0:
                    quality, deed = -1.0, v
                continue
            if quality is None and self.word(k, "likened_crimes") and self.u[i].word.split()[0] in \
                    self.doc.w("comparison_words"):
                quality = -1.0  # "compared X's policies to apartheid", "lo comparó con el Holocausto"
                continue
            if obj is None and self.is_entity(k):
                obj = Value()
                for code in self.codes(self.group[k]):
                    obj.put(code, 1.0)
        if depth > 0:
            return deed if deed is not None else (obj or Value())
        if quality is None:
            return Value()
        if obj is None:
            obj = deed if deed is not None else _topic()
        return obj.scaled(quality * self.u[i].cue.weight) if quality else obj.neutralized()

    # ------------------------------------------------------------------ reading
    def read(self) -> list[Evidence]:
        """Evidence of every actor toward every target in this passage."""
        u = self.u
        found: dict[tuple[str, str, int], Evidence] = {}
        # the passage's first named doer, for the cues whose doer is left unsaid ("Asked whether...,
        # Trump said"): found before any cue falls back on the previous passages
        for i in self.cues:
            if u[i].cue.type in _OPERATORS or u[i].cue.type == "speech":
                if i in self.gov and u[i].cue.type != "eval":
                    continue
                who = self.explicit_actor(i)
                if who and any(a != TOPIC for a in who):
                    self.main_actor = [a for a in who if a != TOPIC]
                    break
        if not self.main_actor and not self.topic:
            self.main_actor = self._lead_subject() or []  # "Beijing pushed back. A spokesman called..."

        seg = 0

        def emit(actor: str, target: str, signed: float, neutral: float, a: int, b: int, cue_span, kind):
            if actor == target or not (signed or neutral):
                return
            ev = found.get((actor, target, seg))
            if ev is None:
                ev = found[(actor, target, seg)] = Evidence(actor, target, segment=seg)
            ev.add(signed, neutral, a, b, cue_span, kind)

        for i in self.cues:
            cue = u[i].cue
            seg = self.segment[i]
            if cue.type == "speech" and i not in self.gov:
                actors = self.explicit_actor(i)
                if actors and len(actors) > 1:  # "Las juntas de Malí, Burkina Faso y Níger anunciaron"
                    start, end = min(u[i].start, self._actor_start(i)), u[i].end
                    for a in actors:
                        for b in actors:
                            if a != b:
                                emit(a, COACTOR + b, 1.0, 0.0, start, end, (u[i].start, u[i].end), None)
            if cue.type not in _OPERATORS:
                continue
            if i in self.gov and cue.type != "eval":
                # an argument; a deed with a named doer still says where the doer stands
                if cue.type in ("stance", "relation") and self.pos[i] == "verb" and self.word(i - 1, "relatives"):
                    own = self.subject(i, explicit=True)  # "la resolución de la OEA que condena al gobierno"
                    if own:
                        for a in own:
                            for t, (sv, nv) in self.value(i).items():
                                emit(a, t, sv, nv, u[i].start, self._chain_end(i), (u[i].start, u[i].end), cue.kind)
                if cue.type == "relation" and i in self.addressee and self.arg.get(i, ("",))[0] == "entity":
                    # "accused Cuba of aligning with Russia": the one accused and its partners side together
                    for a in self.codes(self.addressee[i], "subject"):
                        for t in self.codes(self.arg[i][1]):
                            for x, y in ((a, t), (t, a)):
                                emit(x, y, cue.weight * 0.75, 0.0, u[i].start, self._chain_end(i),
                                     (u[i].start, u[i].end), cue.kind)
                if cue.type == "stance" and cue.polarity and self.pos[i] == "noun":
                    doer = self.noun_agent(i)  # "denounced Russia's support for Maduro": Russia backs Maduro
                    if doer:
                        for a in self.codes(doer):
                            for t, (sv, nv) in self.value(i).items():
                                emit(a, t, sv * 0.75, nv, u[i].start, self._chain_end(i), (u[i].start, u[i].end),
                                     cue.kind)
                up = u[self.gov[i]].cue
                if cue.type == "act" and cue.polarity and not (
                        up.type == "stop" and up.polarity < 0 and self.negation(self.gov[i]) % 2 == 1):
                    # (a deed someone "will not allow" is not done)
                    doer = self.act_agent(i)
                    pat = self.patient(i)
                    if doer is None and cue.kind == "military" and cue.polarity < 0 and pat \
                            and TOPIC not in self.codes(pat):
                        doer = [TOPIC]
                    if doer:
                        for a in doer:
                            for t in (self.codes(pat) if pat else [TOPIC]):
                                emit(a, t, cue.polarity * cue.weight * 0.75, 0.0, u[i].start,
                                     u[pat[-1]].end if pat else u[i].end, (u[i].start, u[i].end), cue.kind)
                continue
            if cue.type == "eval" and i in self.gov:
                continue
            if cue.type == "act" and self.pos[i] == "verb" and self._ended_deed(i):
                seg = self.segment[i] + _ENDED  # "ending a freeze that Berlin imposed": a former position
            actors = self.speaker(i) if cue.type == "eval" or self._reported_modal(i) else self.actor_of(i)
            if not actors:
                continue
            beside, beside_end = self._coactors(i)
            actors = actors + [c for c in beside if c not in actors]
            val = self.value(i)
            # the quote: the clause that holds the cue, from its actor if named earlier, to the end of
            # the clause where what it is about ends ("Putin reafirmó su solidaridad con el pueblo venezolano")
            end = max(self._clause_end(self._chain_end(i)), beside_end)
            start = min(self._clause_start(i), self._actor_start(i))
            for a in actors:
                for t, (s, n) in val.items():
                    if t == a and cue.type == "stance" and not cue.polarity:
                        t = TOPIC  # "Italia se limitó a decir que el papel de Italia...": its reserve is about the topic
                    emit(a, t, s, n, start, end, (u[i].start, u[i].end), cue.kind)
                if cue.type == "relation" and self.arg.get(i, ("",))[0] == "entity":
                    for t in self.codes(self.arg[i][1]):
                        s, n = val.get(t, (0.0, 0.0))
                        emit(t, a, s, n, start, end, (u[i].start, u[i].end), cue.kind)
            partners = []
            if len(actors) > 1 and cue.type != "relation":
                partners = actors  # "Malí, Burkina Faso y Níger anunciaron su retirada": side by side
            elif cue.type == "same" and self.doc.last_head is not None:
                partners = list(dict.fromkeys(actors + self.doc.last_head[0]))  # "Niger followed"
            for a in partners:
                for b in partners:
                    if a != b and not (b in actors and a in actors and cue.type == "same"):
                        emit(a, COACTOR + b, 1.0, 0.0, start, end, (u[i].start, u[i].end), None)
            if val:
                self.doc.last_head = (actors, val)
        if self.main_actor:
            self.doc.discourse = self.main_actor
        elif self.topic:
            self.doc.discourse = list(self.topic)
        return list(found.values())

    def _lead_subject(self) -> list[str] | None:
        """The country a passage opens with as its subject, when no cue names a doer ("Beijing pushed
        back on Friday. A defence ministry spokesman called..."): who its bare offices, pronouns and
        subjectless verbs stand for, here and in the passages after."""
        first = self.skip(0, 1)
        if first < len(self.u) and self.is_entity(first) and self.u[first].code is not None:
            return self.codes(self.group[first])
        return self._responder()

    def _responder(self) -> list[str] | None:
        """Whose response a passage opens with ("La respuesta de Washington llegó el lunes: aranceles
        para...", "The reaction of Beijing came quickly:"): the doer of the deeds it goes on to list."""
        first = self.skip(0, 1)
        if first < len(self.u) and self.u[first].word in self.doc.w("response_nouns"):
            k = self.skip(first + 1, 1)
            if self.word(k, "of_preps"):
                k = self.skip(k + 1, 1)
                if k < len(self.u) and self.is_entity(k) and self.u[k].code is not None:
                    return self.codes(self.group[k])
        elif first < len(self.u) and self.is_entity(first) and self.u[first].code is not None:
            k = self.group[first][-1] + 1  # "Beijing's response came quickly:"
            if k + 1 < len(self.u) and self.u[k].word in ("'s", "’s") and self.u[k + 1].word in self.doc.w("response_nouns"):
                return self.codes(self.group[first])
        return None

    def _reported_modal(self, i: int) -> bool:
        """Whether demand cue i is a modal ("should", "debería") in what a speaker said of a thing
        ("argued that the island should be part of..."): the demand is the speaker's."""
        if self.u[i].cue.type != "demand" or self.u[i].word not in self.doc.w("modal_demands"):
            return False
        k = self.skip(i - 1, -1)
        while k >= 0 and self.clause[k] == self.clause[i] and (self.u[k].code is None and self.u[k].form != "person"):
            if self.word(k, "relatives"):
                return any(self.u[j].cue is not None and self.u[j].cue.type == "speech"
                           for j in range(max(0, k - 4), k))
            k -= 1
        return False

    def _ended_deed(self, i: int) -> bool:
        """Whether act verb i heads a relative clause on the object of a stop cue ("ending a freeze that
        Berlin imposed", "levantó las sanciones que Washington había impuesto")."""
        for k in range(i - 1, max(-1, i - 5), -1):
            if self.clause[k] != self.clause[i]:
                return False
            if self.word(k, "relatives"):
                for j in range(k - 1, max(-1, k - 6), -1):
                    c = self.u[j].cue
                    if self.clause[j] != self.clause[i] or (c is not None and c.type != "act"):
                        return c is not None and c.type == "stop" and self.clause[j] == self.clause[i]
                return False
        return False

    def _coactors(self, i: int) -> tuple[list[str], int]:
        """Who a stance verb says acted beside its subject ("took part, alongside NATO and EU leaders",
        "participó junto a Cuba"), and where that phrase ends (0 when there is none)."""
        if self.u[i].cue.type != "stance" or self.pos[i] != "verb":
            return [], 0
        for k in range(i + 1, min(self.n, i + 12)):  # past its object: "reconoció a X en mayo junto a Y"
            if self.clause[k] != self.clause[i] or self.u[k].cue is not None or self.word(k, "coordinators"):
                return [], 0
            if self.word(k, "coactor_preps"):
                j = self.skip(k + 1, 1, ("determiners", "partner_preps"))
                if j < self.n and self.is_entity(j) and self.clause[j] == self.clause[i]:
                    g = self.group[j]
                    return [c for c in self.codes(g, "subject") if not c.startswith("\x00")], self.u[g[-1]].end
                return [], 0
        return [], 0

    def _clause_start(self, i: int) -> int:
        k = i
        while k > 0 and self.clause[k - 1] == self.clause[i] and self.u[k - 1].word not in (",", ":"):
            k -= 1
        return self.u[k].start

    def _clause_end(self, offset: int) -> int:
        """The end of the clause holding the unit that ends at `offset` (up to a comma or a stop, not the
        period of an abbreviation: "on Aug. 3")."""
        k = next((j for j, x in enumerate(self.u) if x.end >= offset), len(self.u) - 1)
        c = self.clause[k]
        while k + 1 < len(self.u) and self.clause[k + 1] == c and self.u[k + 1].word not in (",", ":") and not (
                self.u[k + 1].word == "." and (k + 2 >= len(self.u) or self._sentence_end(k + 1))):
            k += 1
        return self.u[k].end

    def _chain_end(self, i: int) -> int:
        end = self.u[i].end
        seen = set()
        while i in self.arg and i not in seen:
            seen.add(i)
            kind, x = self.arg[i]
            if kind == "deed":
                break
            if kind == "entity":
                end = max(end, self.u[x[-1]].end)
                break
            end = max(end, self.u[x].end)
            pat = self.patient(x) if self.u[x].cue.type == "act" else None
            if pat:
                end = max(end, self.u[pat[-1]].end)
            i = x
        return end

    def _actor_start(self, i: int) -> int:
        for k in range(i - 1, -1, -1):
            if self.clause[k] != self.clause[i]:
                break
            if self.is_entity(k) and k not in self.objects:
                return self.u[self.group[k][0]].start
        return self.u[i].start


def _topic() -> Value:
    v = Value()
    v.put(TOPIC, 1.0)
    return v


def _flip_to(v: Value, signed: float) -> Value:
    out = Value()
    for t in v:
        out.put(t, signed)
    return out
