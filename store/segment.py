"""Segmenting a document into passages with exact offsets.

A passage is a sentence of prose, a heading, a list item or a markdown table row
(with its cells). Lines that are boilerplate (photo credits, "read also" links,
promotion of the outlet, share and copyright lines) are kept as passages flagged
`boilerplate`, so later stages can skip them while the text itself stays whole.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

# Boilerplate, by kind of line rather than by the exact words of one outlet.
_BOILERPLATE = re.compile(
    r"""^\W{0,3}(?:
        (?:foto(?:grafía|grafia)?s?|imagen(?:es)?|photo(?:graph)?s?|images?|picture|crédito|credito|credits?|
           cortesía|cortesia|courtesy|fuente\ de\ la\ imagen|source|video|vídeo|ilustración|illustration)
           \s*(?:[:|/–—-]|de\b|by\b)
      | (?:te|le|les|os)\ (?:podría|puede|pueden|podrían|recomendamos|sugerimos)\ (?:interesar|gustar)?
      | (?:lee|lea|leer|ver|mira|mire|escucha|descubre)\ (?:también|además|más|aquí|tambien|mas|aqui)\b
      | (?:también|tambien)\ (?:te\ puede|puedes|le\ puede)\b
      | (?:read|see|watch|listen)\ (?:more|also|next|too)\b
      | (?:related|relacionad[oa]s?|recomendad[oa]s?|recommended|más\ noticias|more\ news|trending|lo\ más\ leído
         |more\ from|more\ on|also\ on|más\ sobre|más\ en|noticias\ relacionadas|otras\ noticias|in\ other\ news)
         (?:\ [^\W\d_]+){0,3}\s*(?::|$)
      | \(?(?:additional\ |with\ )?(?:reporting|writing|editing|compiled|research|fact-checking)\ by\b
      | (?:con\ )?(?:información|informacion|reportería|redacción|redaccion|edición|edicion)\ (?:de|por)\b.{0,80}$
      | (?:newsletter|boletín|boletin)\s*[:|–—-]
      | (?:consulta|consulte|visita|visite|descarga|síguenos|siguenos|suscríbete|suscribete|únete|unete|follow\ us|subscribe|sign\ up|join\ us|download)\b
      | (?:haz|haga|click|clic|pulsa)\ (?:clic|click|aquí|here)\b
      | (?:compartir|comparte|share(?:\ this)?|tweet|publicidad|advertisement|anuncio|sponsored|patrocinado)\b\s*(?::|$)
      | (?:copyright|©|\(c\)|todos\ los\ derechos|all\ rights\ reserved)
      | (?:etiquetas|tags|temas|topics)\s*:
    )""",
    re.I | re.X,
)
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
# Credits and promotion that say so at their end or in their middle, on a short line.
_CREDIT_OR_PROMO = re.compile(
    r"""(?:contributed\ to\ (?:this|the)\ (?:report|story|article)|contribuy(?:ó|o|eron)\ (?:a|con)\ (?:este|esta)
        |(?:our|nuestro|nuestra)\ (?:\w+\ ){0,3}(?:newsletter|boletín|boletin)|in\ your\ inbox|en\ tu\ (?:correo|bandeja))""",
    re.I | re.X)
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*•·▪◦]|\d{1,3}[.)])[ \t]+")
_HEADING_MD = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
_TERMINAL = tuple(".!?…:;\"»”’)")

# Abbreviations after which a period does not end a sentence.
_ABBREV = frozenset(
    "sr sra srta dr dra lic ing prof gral gen col cap tte sgto sto sta mr mrs ms st jr sen rep gov lt "
    "etc vs no nº núm art pág p pp ej aprox admón av avda dpto ud uds vd vds fig vol cf ca approx dept corp "
    "inc ltd co est jan feb mar apr jun jul aug sep sept oct nov dec ene abr ago dic".split())


@dataclass
class Passage:
    """One unit of text: `text[start:end]` of its document."""

    start: int
    end: int
    kind: str  # sentence | heading | item | row | header | meta
    block: int  # index of the paragraph/block it belongs to
    boilerplate: bool = False
    cells: list[tuple[int, int]] = field(default_factory=list)

    def as_dict(self) -> dict:
        d = {"start": self.start, "end": self.end, "kind": self.kind, "block": self.block,
             "boilerplate": self.boilerplate}
        if self.cells:
            d["cells"] = [list(c) for c in self.cells]
        return d


def _lines(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each line from `start`, without its line break."""
    out = []
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        line_end = end - 1 if end > pos and text[end - 1] == "\r" else end
        out.append((pos, line_end))
        pos = n if nl < 0 else nl + 1
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def is_boilerplate(line: str) -> bool:
    """Whether a line is navigation, credit or promotion rather than reporting."""
    s = line.strip()
    if not s:
        return False
    if _BOILERPLATE.match(s):
        return True
    if len(s) < 200 and _CREDIT_OR_PROMO.search(s):
        return True
    urls = _URL.findall(s)
    if urls:
        rest = _URL.sub("", s)
        # A line that is mostly a link, or a short line that carries one, is promotion.
        if len(rest.strip(" :|-–—()[]")) < 20 or len(s) < 160:
            return True
    return False


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Whether prose is hard-wrapped (paragraphs spread over several lines of similar width)."""
    lengths = sorted(e - s for s, e in lines if e > s)
    if len(lengths) < 4:
        return False
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    if not 50 <= p90 <= 100:
        return False
    full = [(s, e) for s, e in lines if e - s >= 0.75 * p90]
    open_lines = sum(1 for s, e in full if not text[s:e].rstrip().endswith(_TERMINAL))
    return open_lines >= 3 and open_lines >= 0.5 * len(full)


_TERMINATOR = re.compile(r"[.!?…]")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end]."""
    spans = []
    s = start
    pos = start
    # Only the sentence-ending marks are looked at (found by the regex engine), not every character.
    while True:
        m = _TERMINATOR.search(text, pos, end)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        j = i + 1
        while j < end and text[j] in ".!?…\"'»”’)]":
            j += 1
        if j >= end:
            break
        if text[j].isspace():
            k = j
            while k < end and text[k].isspace():
                k += 1
            if k < end and _starts_sentence(text[k]) and not _abbrev_before(text, s, i):
                a, b = _strip(text, s, j)
                if b > a:
                    spans.append((a, b))
                s = pos = k
                continue
        elif ch == "." and text[j].isupper() and j + 1 < end and text[j + 1].islower() \
                and i - 3 >= s and text[i - 3:i].isalpha() and text[i - 3:i].islower():
            # "Hemisphere.Nations": a missing space after the full stop.
            a, b = _strip(text, s, i + 1)
            if b > a:
                spans.append((a, b))
            s = pos = j
            continue
        pos = i + 1
    a, b = _strip(text, s, end)
    if b > a:
        spans.append((a, b))
    return spans


def _starts_sentence(ch: str) -> bool:
    return ch.isupper() or ch.isdigit() or ch in "\"'«“‘¿¡([—–-"


def _abbrev_before(text: str, s: int, i: int) -> bool:
    """Whether the period at i closes an abbreviation or an initial (U.S., EE. UU., J.)."""
    if text[i] != ".":
        return False
    k = i
    while k > s and (text[k - 1].isalpha()):
        k -= 1
    word = text[k:i]
    if not word:
        return False
    if len(word) == 1:
        return True  # an initial: "J. Smith", "U.S."
    if word.lower() in _ABBREV:
        return True
    if word.isupper() and len(word) <= 3 and k > s and text[k - 1] in ". ":
        return True  # "EE. UU.", "U.S.A."
    return False


def segment(text: str, body: int = 0) -> list[Passage]:
    """Passages of `text` from offset `body` on (front matter before it is one `meta` passage)."""
    passages: list[Passage] = []
    if body > 0:
        a, b = _strip(text, 0, body)
        if b > a:
            passages.append(Passage(a, b, "meta", 0, boilerplate=True))
    lines = _lines(text, body)
    wrapped = _is_wrapped(text, lines)
    block = 0
    prose: list[tuple[int, int]] = []  # lines of the paragraph being gathered

    def flush() -> None:
        nonlocal block
        if not prose:
            return
        a, b = prose[0][0], prose[-1][1]
        joined = text[a:b]
        if is_boilerplate(joined):
            passages.append(Passage(*_strip(text, a, b), "sentence", block, boilerplate=True))
        elif len(prose) == 1 and _looks_like_heading(joined):
            passages.append(Passage(*_strip(text, a, b), "heading", block))
        else:
            for sa, sb in split_sentences(text, a, b):
                passages.append(Passage(sa, sb, "sentence", block))
        prose.clear()
        block += 1

    in_table = False
    label_list = False  # the list under a boilerplate label ("Related stories") is boilerplate too
    for ls, le in lines:
        a, b = _strip(text, ls, le)
        line = text[a:b]
        if not line:
            flush()
            in_table = False
            continue
        if line.startswith("|") or (in_table and "|" in line):
            flush()
            if _TABLE_SEP.match(line):
                in_table = True
                continue
            kind = "row" if in_table else "header"
            in_table = True
            passages.append(Passage(a, b, kind, block, cells=_cells(text, a, b)))
            continue
        if in_table:
            block += 1
            in_table = False
        if _TABLE_SEP.match(line) and "|" in line:
            continue
        m = _HEADING_MD.match(line)
        if m:
            flush()
            passages.append(Passage(a + m.end(), b, "heading", block))
            block += 1
            continue
        m = _LIST_ITEM.match(line)
        if m:
            flush()
            item_start = a + m.end()  # the line is stripped, so the marker starts at a
            bp = label_list or is_boilerplate(text[item_start:b])
            passages.append(Passage(item_start, b, "item", block, boilerplate=bp))
            continue
        label_list = False
        if is_boilerplate(line):
            flush()
            passages.append(Passage(a, b, "sentence", block, boilerplate=True))
            block += 1
            # "Related coverage:", "Lee también" over a list: the list is its links
            label_list = len(line.split()) <= 6
            continue
        if prose and not wrapped:
            flush()
        prose.append((a, b))
        if not wrapped:
            flush()
    flush()
    return passages


def _looks_like_heading(line: str) -> bool:
    s = line.strip()
    if not s or len(s) > 100 or s.endswith((".", "!", "?", "…", ",", ";")):
        return False
    return len(s.split()) <= 14


def _cells(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Spans of a table row's cells, stripped of padding."""
    cells = []
    pos = a + 1 if text[a] == "|" else a
    while pos <= b:
        bar = text.find("|", pos, b)
        end = b if bar < 0 else bar
        ca, cb = _strip(text, pos, end)
        if bar < 0 and ca == cb:
            break
        cells.append((ca, cb))
        if bar < 0:
            break
        pos = bar + 1
    return cells
