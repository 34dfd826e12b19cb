"""Tables and lists: rows of countries with what they did, items under a heading, vote tallies.

* A markdown table with a column of countries (in any position): each row's other cells
  are read as prose whose topic is the row's country ("| Spain | Arms embargo decree |");
  a row whose cells name no stance or deed takes its column header's meaning ("What it
  put on the table", "Contribution", "Apoyo" are support). A table without a country
  column (a timeline) is read row by row as sentences.
* A list item "Against: United States, Israel, ..." (a vote word, a colon, countries):
  each country voted that way, on what the document's votes are about.
* A heading or lead-in ending with a colon that holds a position and no country
  ("THOSE CONDEMNING THE STRIKES:") gives that position to each list item below it that
  is essentially a country ("-- Russia", "- Cuba y Nicaragua").
"""
from __future__ import annotations

from typing import Callable

from .reading import TOPIC, UNLESS, Doc, Evidence, Passage, Value
from .tokens import Unit

Units = Callable[[int, int], list[Unit]]


def table_evidence(doc: Doc, passages: list[dict], units_of: Units) -> tuple[list[tuple[dict, list[Evidence]]], set[int]]:
    """Evidence from table rows, and the start offsets of the rows handled (skipped as prose)."""
    out: list[tuple[dict, list[Evidence]]] = []
    handled: set[int] = set()
    for table in _tables(passages):
        header = table[0] if table[0]["kind"] == "header" else None
        rows = [p for p in table if p["kind"] == "row" and p.get("cells")]
        if not rows:
            continue
        heads = [doc.folded[a:b] for a, b in header["cells"]] if header and header.get("cells") else []
        width = max(len(r["cells"]) for r in rows)
        cell_units = [[units_of(*r["cells"][c]) if c < len(r["cells"]) else [] for c in range(width)] for r in rows]
        counts = [sum(1 for row in cell_units if _country_cell(row[c])) for c in range(width)]
        named = {c for c in range(min(width, len(heads))) if doc.lex.header["country"].search(heads[c])}
        best = max(range(width), key=lambda c: (counts[c], c in named, -c))
        if counts[best] == 0 or counts[best] * 2 < len(rows):
            continue  # a timeline or a table of something else: its rows are read as sentences
        support = {c for c in range(len(heads)) if c != best and doc.lex.header["support"].search(heads[c])}
        # with no column of stances, a column of contributions says the stance itself
        contributions = set() if any(c != best and doc.lex.header["stance"].search(heads[c])
                                     for c in range(len(heads))) else support
        for r, row in zip(rows, cell_units):
            countries = list(dict.fromkeys(u.code for u in row[best] if u.code))
            if not countries:
                continue
            handled.add(r["start"])
            found: dict[tuple[str, str], Evidence] = {}
            for c in range(len(row)):
                if c == best or not row[c]:
                    continue
                for ev in Passage(doc, row[c], topic=countries).read():
                    if ev.actor in countries:
                        _keep(found, ev)
                if c in contributions and _contribution(row[c]) and not any(
                        ev.actor in countries and ev.neg > ev.pos for ev in found.values()):
                    # "Political backing, no troops": a column of contributions, and this row affirms one;
                    # what it leaves out is a limit, not neutrality
                    a, b = r["cells"][c]
                    for code in countries:
                        limits = sum(e.neu for (who, t), e in found.items() if who == code and _unnamed(t))
                        ev = found.setdefault((code, TOPIC), Evidence(code, TOPIC))
                        ev.add(1.0 + limits, 0.0, a, b, (header["cells"][c][0], header["cells"][c][1]), None)
                elif c in support and not any(ev.actor in countries for ev in found.values()):
                    a, b = r["cells"][c]
                    if not doc.lex.empty_cell.match(doc.folded[a:b]):
                        for code in countries:
                            ev = found.setdefault((code, TOPIC), Evidence(code, TOPIC))
                            ev.add(1.0, 0.0, a, b, (header["cells"][c][0], header["cells"][c][1]), None)
            cell = next((doc.text[a:b].strip() for c in sorted(support) if c < len(r["cells"])
                         for a, b in [r["cells"][c]] if b > a and not doc.lex.empty_cell.match(doc.folded[a:b])), None)
            for ev in found.values():
                ev.start, ev.end = r["start"], r["end"]  # a row is quoted whole
                ev.support = cell
            out.append((r, list(found.values())))
    return out, handled


def _country_cell(units: list[Unit]) -> bool:
    """Whether a cell names a country and little else ("Spain", "United States (observer)"), not a
    sentence that mentions one ("Trump visits Nuuk and says...": a timeline's event column)."""
    return any(u.code for u in units) and not any(u.cue is not None and u.cue.pos == "verb" for u in units) \
        and sum(1 for u in units if u.code is None and u.word.isalpha()) <= 3


def _unnamed(target: str) -> bool:
    return target == TOPIC or target.startswith(UNLESS)


def _contribution(units: list[Unit]) -> bool:
    """Whether a cell of a support column affirms something: an item (between commas or semicolons)
    with words and no negator, and no neutral cue anywhere in the cell ("Lead role in monitoring")."""
    if any(u.cue is not None and u.cue.type == "stance" and u.cue.polarity == 0 for u in units):
        return False
    item: list[Unit] = []
    for u in units + [None]:
        if u is None or u.word in (",", ";"):
            if item and not any(x.cue is not None and x.cue.type == "negator" for x in item) \
                    and any(ch.isalpha() for x in item for ch in x.word):
                return True
            item = []
        else:
            item.append(u)
    return False


def _keep(found: dict, ev: Evidence) -> None:
    cur = found.get((ev.actor, ev.target))
    if cur is None:
        ev.segment = 0  # a row is one position
        found[(ev.actor, ev.target)] = ev
    else:
        cur.pos, cur.neg, cur.neu = cur.pos + ev.pos, cur.neg + ev.neg, cur.neu + ev.neu
        cur.cues += ev.cues
        cur.kinds += [k for k in ev.kinds if k not in cur.kinds]


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


def vote_item(doc: Doc, units: list[Unit]) -> list[Evidence] | None:
    """ "Against: United States, Israel, ..." as evidence, or None when the item is not a tally."""
    colon = next((k for k, u in enumerate(units) if u.word == ":"), None)
    if colon is None or colon == 0 or colon > 4:
        return None
    label = " ".join(u.word for u in units[:colon] if u.word.isalpha())
    polarity = None
    for name, p in (("vote_for", 1), ("vote_against", -1), ("vote_abstain", 0)):
        if label in doc.w(name):
            polarity = p
    if polarity is None:
        return None
    out = []
    for u in units[colon + 1:]:
        if u.code and not any(e.actor == u.code for e in out):
            ev = Evidence(u.code, TOPIC)
            if polarity:
                ev.add(polarity * doc.resolution * 2.0, 0.0, units[0].start, units[-1].end,
                       (units[0].start, units[colon].start), None)
            else:
                ev.add(0.0, 2.0, units[0].start, units[-1].end, (units[0].start, units[colon].start), None)
            out.append(ev)
    return out


def lead_in(doc: Doc, units: list[Unit]) -> Value | None:
    """The position a lead-in ending with a colon gives the items under it ("THOSE CONDEMNING:")."""
    if not units or units[-1].word != ":" or any(u.code for u in units):
        return None
    p = Passage(doc, units, topic=["\x00item"])
    val = Value()
    for ev in p.read():
        if ev.actor == "\x00item":
            val.put(ev.target, ev.pos - ev.neg, ev.neu)
    return val or None


def item_countries(units: list[Unit]) -> list[str] | None:
    """The countries of a list item that is essentially a list of countries ("-- Russia")."""
    words = [u for u in units if u.word.isalnum() or u.code]
    codes = [u.code for u in words if u.code]
    if not codes or len(words) - len(codes) > max(2, len(codes)):
        return None
    return list(dict.fromkeys(codes))
