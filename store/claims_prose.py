"""Claims from prose: who takes which stance toward the focus in one sentence, heading or list item."""
from __future__ import annotations



from .stance_lexicon import _CUE_ROLES, STANCES, _Ctx, _Hit, _Tok, _clauses, _groups, _place


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


