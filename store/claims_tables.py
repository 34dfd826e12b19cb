"""Claims from tables: a column of countries beside columns that speak of stance or support."""
from __future__ import annotations



from .claims_prose import _Passage
from .stance_lexicon import _Ctx, _Hit, _Tok, _tokenize


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

