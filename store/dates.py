"""Date expressions in Spanish and English news text, normalized to the precision written.

`find_dates` scans a text once with one compiled pattern and returns a `DateMatch` per
expression: "7 de mayo de 2025" -> 2025-05-07 (day), "a finales de diciembre de 2025"
-> 2025-12 (month, qualifier 'late'), "since 2005" -> 2005 (year, qualifier 'since'),
"este jueves" -> the Thursday on or before the publication date (relative).

How a date without a year gets one:
- "de ese año" / "that year" (anaphora): the nearest explicit year before it in the text;
- "21 de noviembre", "in November": the year that puts the date nearest the publication
  date (news reports recent events; HeidelTime does the same for news), else the nearest
  explicit year before it, else `context_year`, else the date is None;
- "ayer", "este jueves", "last week": resolved against `published`, None without it.
  A weekday is the most recent such day on or before the publication date ("pasado"/"last"
  means strictly before, "próximo"/"next" strictly after). A week is reported at month
  precision (the month holding most of that week): the schema has no week precision.
- "a week earlier", "dos meses después", "el día 21": from the story's own time, the last date
  that is not an aside (a date in a relative clause, or one qualified since/until, is dated but
  anchors nothing: data/date_words.json "background").

Bare four-digit numbers are years only in a date context (a preposition or qualifier
before them, or "2025's"), never after a quantity word ("más de 2000") nor before a
counted noun ("2000 soldados"). Words live in data/date_words.json.

Matching runs on a folded copy of the text (lowercase, no accents, one character for
one, so offsets carry over); English month and weekday names must still be capitalized
in the original ("May" is a month, "may" a verb).
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).parent / "data" / "date_words.json"


@dataclass
class DateMatch:
    """One date expression: `text[start:end]`, its normalized date and how precise it is."""

    start: int
    end: int
    text: str
    date: str | None  # 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'; None when it cannot be resolved
    precision: str  # 'year' | 'month' | 'day' | 'none'
    qualifier: str | None = None  # 'early' | 'mid' | 'late' | 'since' | 'until' | None
    relative: bool = False  # written relative to the article's own date
    year_guessed: bool = False  # its year is no more than the last one the text named (an undated text)
    aside: bool = False  # in a relative clause or since/until: background, not the story's own time


def _fold_table() -> dict[int, str]:
    table = {}
    for cp in list(range(0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        low = ch.lower()
        if len(low) != 1:
            continue  # folding must keep every offset: one character for one
        base = unicodedata.normalize("NFD", low)[0]
        if base != ch:
            table[cp] = base
    return table


_FOLD = _fold_table()
_FOLD_CHARS = {chr(cp): base for cp, base in _FOLD.items()}
_FOLDABLE = re.compile("[" + "".join(re.escape(ch) for ch in _FOLD_CHARS) + "]")


def _fold_char(m: re.Match) -> str:
    return _FOLD_CHARS[m.group()]


def fold(text: str) -> str:
    """Lowercase without accents, one character for one, so offsets into the folded text hold.

    The same as `text.translate(_FOLD)`, faster: ASCII text is lowered at once, other text has
    only its foldable characters replaced (str.translate looks up every character of a text that
    is not all ASCII)."""
    if text.isascii():
        return text.lower()
    return _FOLDABLE.sub(_fold_char, text)


def _alt(words) -> str:
    """An alternation of folded phrases, longest first (so 'a finales de' beats 'finales de')."""
    parts = sorted({fold(w) for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts) + ")"


def _key(phrase: str) -> str:
    return re.sub(r"\s+", " ", fold(phrase))


class _Grammar:
    """Compiled patterns and lookup tables, built once from the data file."""

    def __init__(self, data: dict):
        self.data = data
        self.months = {_key(k): v for k in ("months_es", "months_en", "months_abbrev") for k, v in data[k].items()}
        self.weekdays = {_key(k): v for k, v in {**data["weekdays_es"], **data["weekdays_en"]}.items()}
        # English names and all abbreviations count only when capitalized: "may", "march", "sun" are words.
        self.capitalized = {_key(k) for k in (*data["months_en"], *data["months_abbrev"], *data["weekdays_en"])}
        self.relative = {_key(k): v for k, v in data["relative"].items()}
        self.anaphora = {_key(k): v for k, v in data["year_anaphora"].items()}
        self.month_anaphora = {_key(k): v for k, v in data["month_anaphora"].items() if k != "about"}
        ago = data["ago"]
        self.units = {_key(k): v for k, v in ago["units"].items()}
        self.numbers = {_key(k): v for k, v in ago["numbers"].items()}
        self.quantity = {_key(w) for w in data["quantity_words"]}
        self.not_count = {_key(w) for w in data["not_count_nouns"]}
        self.not_after_manana = {_key(w) for w in data["not_after_manana"]}
        self.es_weekdays = {_key(k) for k in data["weekdays_es"]}
        off = data["offsets"]
        self.anchor_ignore = frozenset(_key(w) for w in off["anchor_ignore"])
        self.off_units = {_key(k): v for k, v in off["units"].items()}
        self.month_units = {_key(k): v for k, v in off["month_units"].items()}
        self.off_dir = {}
        for name in ("own_after", "own_before", "clause_after", "clause_before"):
            for w in off[name]:
                self.off_dir[_key(w)] = name
        self.fixed = {_key(k): v for k, v in off["fixed_own"].items()}
        self.unsure = {_key(k) for k in off["unsure"]}
        self.holidays = {_key(k): v for k, v in data["holidays"].items() if k != "about"}
        # (not the movable feasts' words: "Ramos", "Santo", "Palm" are names as often as a day's)
        self.holiday_words = {w for k, v in self.holidays.items() if not v.startswith("easter")
                              for w in re.findall(r"[^\W\d_]{2,}", k)}
        bg = data["background"]
        self.bg_qualifiers = frozenset(bg["qualifiers"])
        self.bg_pronoun = re.compile(r"(?<!\w)" + _alt(bg["pronouns"]) + r"(?!\w)")
        self.bg_after_comma = re.compile(r",\s*" + _alt(bg["after_comma"]) + r"(?!\w)")
        self.bg_restrictive = re.compile(r"(?<!\w)" + _alt(bg["determiners"]) + r"\s+(?:[^\W\d_]+\s+){0,2}?"
                                         r"(?P<noun>[^\W\d_]{3,})\s+" + _alt(bg["restrictive"]) + r"(?!\w)")
        self.bg_not_nouns = frozenset(_key(w) for w in bg["not_nouns"])
        fm = data["future_markers"]
        self.future_words = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in fm["words"]) + r")(?!\w)")
        self.future_endings = tuple(fm["es_endings"])

        digits = r"(?:19\d\d|20\d\d|2100)"
        year_core = r"(?<![\w/.,])(?<!\d-)" + digits
        year = year_core + r"(?!\w|[.,/:-]\d)"
        day = r"(?<![\w/.,-])(?:[12]\d|3[01]|0?[1-9])(?:º|°|\.º|st|nd|rd|th|er|ro)?(?!\d)"
        day_in_range = r"(?<![\w/.,])(?<!\D-)" + day[len(r"(?<![\w/.,-])"):]  # "3-6 May": its second day
        month = ("(?:" + _alt([*data["months_es"], *data["months_en"]]) + "|" + _alt(data["months_abbrev"])
                 + r"\.?)(?!\w)")
        wday = _alt([*data["weekdays_es"], *data["weekdays_en"]]) + r"(?!\w)"
        anaph = _alt(data["year_anaphora"])
        relyear = _alt([k for k, v in data["relative"].items() if v[0] == "year"])
        # Each alternative crosses a run of spaces once: no nested \s quantifiers to backtrack over.
        yearpart = (rf"(?:(?:,?\s+|\s+(?:de|del|of)\s+)(?P<@y>{year})"
                    rf"|\s+(?:(?:de|del|of)\s+)?(?P<@an>{anaph})(?!\w)"
                    rf"|\s+(?:(?:de|del|of)\s+)?(?P<@ry>{relyear})(?!\w))?")
        num = r"\d{1,2}"
        wp = data["week_parts"]
        self.week_parts = {_key(k): v for k, v in wp["week"].items()}
        self.weekend_parts = {_key(k): v for k, v in wp["weekend"].items()}
        ago_num = _alt(ago["numbers"]) + r"|\d{1,3}"
        branches = {
            "iso": rf"(?P<iso_y>{year_core})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?![\d/]|[-.]\d)",
            "num": rf"(?<![\w/.,-])(?P<num_a>{num})(?P<num_s>[/.-])(?P<num_b>{num})(?P=num_s)"
                   rf"(?P<num_y>{digits})(?!\w|[.,/:-]\d)",
            "ymd": rf"(?P<ymd_y>{year_core})/(?P<ymd_m>{num})/(?P<ymd_d>{num})(?![\d/])",
            # "del 2 al 4 de abril", "2-4 April": a range, dated by its first day
            "dmy": rf"(?:(?P<dmy_w>{wday}),?\s+)?(?:(?P<dmy_r>{day})(?:\s+(?:al|a|y|to|and)\s+(?:el\s+)?|\s?[-–]\s?))?"
                   rf"(?P<dmy_d>{day_in_range})\s+(?:de\s+|of\s+)?(?P<dmy_m>{month})"
                   + yearpart.replace("@", "dmy_"),
            "wdn": rf"(?P<wdn_w>{wday})\s+(?P<wdn_d>{day})(?!\s+(?:de\s+|of\s+)?{month})(?![\d:.,]\d)",
            "mdy": rf"(?:(?P<mdy_w>{wday}),?\s+)?(?P<mdy_m>{month})\s+(?P<mdy_d>{day})"
                   + yearpart.replace("@", "mdy_") + r"(?![:.]?\d)",
            "my": rf"(?P<my_m>{month})"
                  rf"(?:(?:\s+(?:de|del|of)\s+|,?\s+)(?P<my_y>{year})|\s+(?:(?:de|del|of)\s+)?(?P<my_an>{anaph})(?!\w)"
                  rf"|\s+(?:(?:de|del|of)\s+)?(?P<my_ry>{relyear})(?!\w))",
            "mon": rf"(?P<mon_m>{month})",
            "dd": rf"(?P<dd_w>dia)\s+(?P<dd_d>{day})(?!\s+(?:de\s+)?{month}|[\d:.,/]\d|\s+de\s+(?:19|20)\d\d)",
            "year": rf"(?P<year_y>{year})(?P<year_s>['’]s\b)?",
            "hol": rf"(?<!\w)(?P<hol_w>{_alt([k for k in data['holidays'] if k != 'about'])})(?!\w)",
            "wd": rf"(?P<wd_w>{wday})",
            "ago": rf"(?<!\w)(?:hace\s+(?P<ago_n>{ago_num})\s+(?P<ago_u>{_alt(ago['units'])})"
                   rf"|(?P<ago_n2>{ago_num})\s+(?P<ago_u2>{_alt(ago['units'])})\s+ago)(?!\w)",
            "off": rf"(?<!\w)(?P<off_n>{ago_num}|unos|unas|pocos|pocas)\s+"
                   rf"(?P<off_u>{_alt([*off['units'], *off['month_units']])})"
                   rf"(?:\s+(?:mas|más))?\s+(?P<off_d>{_alt(list(self.off_dir))})(?!\w)",
            # (before "fix": "the day before yesterday" is two days back, not "the day before")
            "wk": rf"(?<!\w)(?P<wk_w>{_alt([*wp['week'], *wp['weekend']])})(?!\w)"
                  rf"(?!\s+(?:{_alt([*data['relative_suffixes']['past'], *data['relative_suffixes']['next']])})(?!\w))"
                  rf"(?![\s,(]+(?:(?:of|on|de|del|el|the)\s+)?(?:\d|{month}\s+\d))",  # "the weekend of April 5": that date
            "rel": rf"(?<!\w)(?P<rel_w>{_alt(data['relative'])})(?!\w)",
            "fix": rf"(?<!\w)(?P<fix_w>{_alt([*off['fixed_own'], *off['unsure']])})(?!\w)",
            "an": rf"(?<!\w)(?P<an_w>{anaph})(?!\w)",
            "man": rf"(?<!\w)(?P<man_w>{_alt([k for k in data['month_anaphora'] if k != 'about'])})(?!\w)",
        }
        # Matched against the folded text. Every date starts a word: failing fast inside words is most of the speed.
        self.pattern = re.compile(r"(?<!\w)(?:" + "|".join(f"(?P<{k}>{v})" for k, v in branches.items()) + ")")
        # Where a date may start: a digit, or a whole word that begins one of the phrases above (every
        # phrase's first word is a whole word: "a" starts "a week ago", not "acuerdo"). The big pattern
        # is tried only there (a superset of its match starts: the same matches, found faster).
        first = {"hace", "dia", "unos", "unas", "pocos", "pocas"}
        for table in (data["months_es"], data["months_en"], data["months_abbrev"], data["weekdays_es"],
                      data["weekdays_en"], data["relative"], data["year_anaphora"], data["month_anaphora"],
                      off["fixed_own"], off["unsure"], data["holidays"], ago["numbers"], wp["week"], wp["weekend"]):
            first |= {_key(k).split(" ")[0] for k in table if k != "about"}
        self.starts = re.compile(r"(?<!\w)(?:\d|(?:" + "|".join(sorted(map(re.escape, first), key=len, reverse=True))
                                 + r")(?!\w))")

        q = data["qualifiers"]
        space_q = {k: [w for w in v if not w.endswith("-")] for k, v in q.items()}
        hyphen_q = {k: [w for w in v if w.endswith("-")] for k, v in q.items()}
        rp = data["relative_prefixes"]
        preps = data["prepositions_es"] + data["prepositions_en"]
        before = [rf"(?P<q_{k}>{_alt(v)})\s+" for k, v in space_q.items()]
        before += [rf"(?P<qh_{k}>{_alt(v)})" for k, v in hyphen_q.items() if v]
        before += [rf"(?P<r_{k}>{_alt(v)})\s+" for k, v in rp.items()]
        before += [rf"(?P<prep>{_alt(preps)})\s+", rf"(?P<join>{_alt(data['range_joiners'])})\s*"]
        # Searched in the few characters before a candidate: the leftmost phrase ending
        # right before it is the longest one, so "a finales de" wins over "de".
        self.before = re.compile(r"(?<!\w)(?:" + "|".join(before) + r")\Z")
        rs = data["relative_suffixes"]
        self.after_rel = re.compile(r"\s+(?:(?P<past>" + _alt(rs["past"]) + r")|(?P<next>" + _alt(rs["next"])
                                    + r"))(?!\w)")
        # "el miércoles de la semana pasada", "on Tuesday last week": that weekday of the week before
        self.after_week = re.compile(r"\s+(?:" + _alt(rs["last_week"]) + r")(?!\w)")
        self.next_word = re.compile(r"\s+([^\W\d_]+)")
        self.ordinal_words = frozenset(_key(w) for w in data["ordinal_days"]["words"])
        self.after_in_clause = re.compile(r"(?<!\w)" + _alt(data["past_markers"]["in_clause"]) + r"(?!\w)")
        self.since = re.compile(r"(?<!\w)(?:" + _alt(data["past_markers"]["words"]) + r")\s+(?:(?:el|the)\s+)?\Z")
        self.prev_word = re.compile(r"([^\W\d_]+)[\s,]*\Z")
        nr = data["night_ranges"]
        self.night_before = re.compile(r"(?<!\w)(?:" + _alt(nr["before"]) + r")\s+(?:(?:the|el)\s+)?\Z")
        self.night_join = re.compile(r"\s*(?:" + _alt(nr["joiners"]) + r")\s*(?:(?:the|el)\s+)?\Z")


@lru_cache(maxsize=4)
def past_tense(lang: str) -> re.Pattern:
    """A pattern for a verb in the past in `lang` ("anunció", "han firmado", "signed", "met"), from the
    data file: what says a clause reports something done."""
    spec = _grammar().data["past"][lang if lang in ("es", "en") else "en"]
    endings = "|".join(re.escape(e) for e in spec["endings"])
    words = "|".join(re.escape(w) for w in spec["words"])
    aux = "|".join(re.escape(a) for a in spec["auxiliaries"])
    if lang == "en":  # lowercase -ed words only: "United" is a name, not a verb
        return re.compile(rf"(?<!\w)(?:[a-z]+(?:{endings})|(?i:{words})|(?i:{aux})\s+(?:been\s+)?[a-z]+)(?!\w)")
    return re.compile(rf"(?<!\w)(?:\w+(?:{endings})|{words}|(?:{aux})\s+\w+(?:ado|ido|to|cho))(?!\w)", re.I)


def month_number(word: str) -> int | None:
    """The month a name or abbreviation names, in either language and any case ("mar", "Sept", "enero")."""
    return _grammar().months.get(_key(word).rstrip("."))


def weekday_number(word: str) -> int | None:
    """The weekday (Monday 0) a name in either language names, in any case ("jueves", "Thursday")."""
    return _grammar().weekdays.get(_key(word))


_DATELINE_DASH = re.compile(r"\s*\.?\s*[-—–]*\s*")
_AGENCY = re.compile(r"\s*\((?:[A-Z][\w-]*[ /]?){1,3}\)")  # "(EFE)", "(Europa Press)", "(AFP/Reuters)"


def dateline_end(text: str, end: int) -> int | None:
    """Where the story starts when the date ending at `end` is a wire dateline's, followed by its
    agency ("Lima, 12 mar (EFE).- ", "LIMA, March 12 (Reuters) - "); None when it is not one."""
    m = _AGENCY.match(text, end)
    return None if m is None else _DATELINE_DASH.match(text, m.end()).end()


def holiday_word(word: str) -> bool:
    """Whether a word is one of a holiday's name ("New Year's Day", "Nochebuena"): a day, not a name."""
    return _key(word) in _grammar().holiday_words


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    with open(DATA_FILE, encoding="utf-8") as f:
        return _Grammar(json.load(f))


def _easter(year: int) -> date:
    """Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _fmt(y: int, m: int | None = None, d: int | None = None) -> str | None:
    if not 1 <= y <= 9999:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _parse_published(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except (TypeError, ValueError):
        return None


def _nearest_year(month: int, day: int | None, pub: date, tense: str | None = None) -> int:
    """The year that puts month/day nearest the publication date, the past weighing less; a clause
    in the past puts it on or before the publication date (a few days' slack), one in the future
    after it ("A poll in January found...", "the summit will open on March 3")."""
    best, gap = pub.year, None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cand = date(y, month, day or 15)
        except ValueError:
            cand = date(y, month, 28)
        g = (cand - pub).days
        if tense == "past" and (g > 2 if day else (y, month) > (pub.year, pub.month)):
            continue  # a month in the past has begun by the publication date
        if tense == "future" and (g < 0 if day else (y, month) < (pub.year, pub.month)):
            continue
        g = 2 * g if g > 0 else -g  # news reports the past more than it announces the future
        if gap is None or g < gap:
            best, gap = y, g
    return best


def _week_month(anchor: date) -> str:
    """A week reported as the month holding most of it (its Thursday)."""
    thursday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=3)
    return _fmt(thursday.year, thursday.month)


def _shift_month(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


class _Scan:
    """One pass over a text: matches on the folded text, the last explicit year seen, the last date's end."""

    def __init__(self, text: str, folded: str, pub: date | None, language: str | None, context_year: int | None):
        self.g = _grammar()
        self.text, self.ft, self.pub = text, folded, pub
        self.language = (language or "")[:2].lower()
        self.prev_year = context_year
        self.guessed = False  # whether the date being resolved took its year from the text around it
        self.last_end = -100
        self.last_was_month = False  # whether the last date was a month (so "y noviembre" is one too)
        self.prev_day: date | None = None  # the last date to the day, and where it ended: what anchors "a day later"
        self.prev_day_end = -100
        self.days: list[tuple[int, date]] = []  # every date to the day so far (start, day): what "before the X" finds
        self.prev_month: tuple[int, int] | None = None  # the month last spoken of: what "el día 17" is in
        self.prev_month_end = -100
        self.last_month: tuple[int, int] | None = None  # the month of the last date, an aside's included
        self.past = past_tense(self.language)
        self.ref: date | None = None  # without a publication date: the latest full date the text states

    def prefix(self, s: int):
        """(kind, words, start) of the qualifier, relative word or preposition right before s."""
        window = self.ft[max(0, s - 40):s]
        m = self.g.before.search(window)
        if not m:
            return None, "", s
        return m.lastgroup, _key(m.group(m.lastgroup)), s - (len(window) - m.start())

    def prev_word(self, s: int, span: int = 30) -> str:
        m = self.g.prev_word.search(self.ft, max(0, s - span), s)
        return m.group(1) if m else ""

    def cased(self, m, group: str) -> bool:
        """English month/weekday names and abbreviations count only when capitalized."""
        a = m.start(group)
        if a < 0:
            return True
        return _key(m.group(group).rstrip(".")) not in self.g.capitalized or self.text[a].isupper()

    def year_for(self, month: int, day: int | None, s: int = -1, e: int = -1) -> int | None:
        ref = self.pub or self.ref
        if ref:
            tense = self.tense(s, e) if s >= 0 else None
            if tense == "past" and not self.pub:
                tense = None  # the latest date a text states is only a lower bound of when it was written
            return _nearest_year(month, day, ref, tense)
        self.guessed = self.prev_year is not None
        return self.prev_year

    @staticmethod
    def agreeing_year(y: int, month: int, day: int, weekday: int) -> int:
        """"el jueves 27 de noviembre": of the year guessed and its neighbours, the one where that day is
        that weekday (the guess when none or it already agrees)."""
        for cand in (y, y + 1, y - 1):
            try:
                if date(cand, month, day).weekday() == weekday:
                    return cand
            except ValueError:
                continue
        return y

    def tense(self, s: int, e: int) -> str | None:
        """'past', 'future' or None: how the clause around s..e speaks, from its verbs; a timeline
        table row ("| Jan. 7 | Trump refuses...") tells the past."""
        line = self.text.rfind("\n", 0, s) + 1
        if self.text.startswith("|", line) or self.text[line:s].lstrip().startswith("|"):
            return "past"
        if self.future(s, e):
            return "future"
        if self.g.since.search(self.ft, max(0, s - 14), s):
            return "past"  # "desde enero", "since March": a time already begun
        clause = max(0, s - 80)
        for mark in _CLAUSE_END.finditer(self.ft, clause, s):
            clause = mark.end()
        if self.g.after_in_clause.search(self.ft, clause, s):
            return "past"  # "tras las maniobras de abril": what came before the clause's own time
        # the sentence around the date (at most a few lines of it) says how it speaks
        lo, hi = max(0, s - 160), min(len(self.text), e + 160)
        for mark in _SENTENCE_END.finditer(self.text, lo, s):
            lo = mark.end()
        end = _SENTENCE_END.search(self.text, e, hi)
        around = self.text[lo:end.start() if end else hi]
        if self.past.search(around):
            return "past"
        return None

    def year_part(self, m, p: str):
        """(year, relative) of a branch's optional year: explicit, anaphoric or relative; (None, None) if absent."""
        if m.group(p + "y"):
            return int(m.group(p + "y")), False
        if m.group(p + "an"):
            off = self.g.anaphora[_key(m.group(p + "an"))]
            return (self.prev_year + off if self.prev_year else None), False
        if m.group(p + "ry"):
            off = self.g.relative[_key(m.group(p + "ry"))][1]
            return (self.pub.year + off if self.pub else None), True
        return None, None

    def title_case_inside_sentence(self, s: int) -> bool:
        """A capitalized relative word inside a sentence is a name ("USA Today", "Rusia Hoy")."""
        if not self.text[s].isupper():
            return False
        k = s - 1
        while k >= 0 and self.text[k] in " \t":
            k -= 1
        return k >= 0 and self.text[k] not in ".!?:;\"“”«»¿¡\n\r(—–-'‘’*#|>"

    def counted(self, e: int) -> bool:
        """Whether the number ending at e counts things: "2000 soldados", "2025 troops"."""
        nxt = self.g.next_word.match(self.text, e)
        if not nxt:
            return False
        w = nxt.group(1)
        return w.islower() and len(w) >= 5 and w.endswith("s") and fold(w) not in self.g.not_count

    def matches(self, start: int, end: int):
        """What `pattern.finditer` would give, trying the pattern only where a date may start."""
        pattern, ft, pos = self.g.pattern, self.ft, start
        for t in self.g.starts.finditer(ft, start, end):
            p = t.start()
            if p < pos:
                continue
            m = pattern.match(ft, p, end)
            if m is not None:
                pos = max(m.end(), p + 1)
                yield m

    def scan(self, start: int, end: int, only: frozenset | None = None) -> list[DateMatch]:
        """The dates of text[start:end], in order (with `only`, just those of these branches)."""
        out = []
        for m in self.matches(start, end):
            if only is not None and m.lastgroup not in only or out and m.start() < out[-1].end:
                continue  # (inside the date before, which took words after its match: "martes de la semana pasada")
            dm = self.resolve(m, start)
            if dm is not None:
                out.append(dm)
                if len(out) > 1 and self.night(out[-2], dm):
                    first = out.pop(-2)
                    if self.days and self.days[-1][0] == first.start:
                        self.days.pop()  # the night is dated by the morning after, as one day
                    out[-1] = DateMatch(first.start, dm.end, self.text[first.start:dm.end], dm.date, "day",
                                        dm.qualifier, dm.relative, dm.year_guessed)
                self.last_end = dm.end
                self.last_was_month = dm.precision == "month"
                aside = out[-1].aside = dm.date is not None and self.aside(dm)
                if dm.date and len(dm.date) >= 7:
                    self.last_month = int(dm.date[:4]), int(dm.date[5:7])  # aside or not: "hasta el día 17"
                if dm.date and len(dm.date) >= 7 and not self.in_table(dm.start) and not aside \
                        and not self.future(dm.start, dm.end):  # a month the story is in, not one it expects
                    self.prev_month, self.prev_month_end = (int(dm.date[:4]), int(dm.date[5:7])), dm.end
                if dm.precision == "day" and dm.date and not self.in_table(dm.start):
                    # a table's dates are an aside: "a week earlier" counts from the story's own dates
                    if not aside:
                        self.prev_day, self.prev_day_end = date.fromisoformat(dm.date), dm.end
                    self.days.append((dm.start, date.fromisoformat(dm.date)))
        return out

    def aside(self, dm: DateMatch) -> bool:
        """Whether a date is an aside of the story rather than the point its narrative has reached: inside
        a relative clause ("Washington, which on Oct. 22 blacklisted...", "a freeze that Merz imposed on
        Aug. 8") or qualified since/until ("in force since Oct. 10"). Such a date anchors no "a week
        earlier" nor "el día 21" (data: background)."""
        g = self.g
        if dm.qualifier in g.bg_qualifiers:
            return True
        s = dm.start
        lo = max(0, s - 150)
        for mark in _CLAUSE_END.finditer(self.ft, lo, s):
            lo = mark.start()  # (the comma itself kept: ", que" opens a relative clause)
        if g.bg_pronoun.search(self.ft, lo, s) or g.bg_after_comma.match(self.ft, lo, s):
            return True
        r = g.bg_restrictive.search(self.ft, lo, s)
        return bool(r) and r.group("noun") not in g.bg_not_nouns \
            and not self.past.fullmatch(self.text, r.start("noun"), r.end("noun"))

    def night(self, a: DateMatch, b: DateMatch) -> bool:
        """Whether two days name one night ("overnight from March 31 to April 1", "la noche del 31 de
        marzo al 1 de abril"): the second the day after the first, joined to it, the first after a night."""
        if a.precision != "day" or b.precision != "day" or not a.date or not b.date or b.start - a.end > 12:
            return False
        if (date.fromisoformat(b.date) - date.fromisoformat(a.date)).days != 1:
            return False
        return bool(self.g.night_join.fullmatch(self.ft, a.end, b.start)
                    and self.g.night_before.search(self.ft, max(0, a.start - 40), a.start))

    def resolve(self, m, lo: int) -> DateMatch | None:
        s, e = m.start(), m.end()
        kind, self.pword, ps = self.prefix(s)
        if kind == "join" and s - self.last_end > 12:
            kind = None  # "y", "to" join a range only right after another date
        qualifier = kind.split("_", 1)[1] if kind and kind.startswith(("q_", "qh_")) else None
        self.ps, self.end, self.guessed = ps, None, False
        res = getattr(self, "_" + m.lastgroup)(m, kind)
        if res is None:
            return None
        date_s, precision, relative, explicit_year, include_prefix = res
        if explicit_year is not None:
            self.prev_year = explicit_year
        if (qualifier or include_prefix) and kind not in (None, "prep", "join") and ps >= lo:
            s = ps
        if self.end is not None:
            e = self.end
        if date_s is None:
            precision = "none"
        return DateMatch(s, e, self.text[s:e], date_s, precision, qualifier, relative,
                         self.guessed and date_s is not None)

    # One handler per branch, returning (date, precision, relative, explicit year, span takes the prefix).
    def _iso(self, m, kind):
        y = int(m["iso_y"])
        ds = _fmt(y, int(m["iso_m"]), int(m["iso_d"]))
        return (ds, "day", False, y, False) if ds else None

    def _ymd(self, m, kind):
        y = int(m["ymd_y"])
        ds = _fmt(y, int(m["ymd_m"]), int(m["ymd_d"]))
        return (ds, "day", False, y, False) if ds else None

    def _num(self, m, kind):
        a, b, y = int(m["num_a"]), int(m["num_b"]), int(m["num_y"])
        if a > 12 or (b <= 12 and self.language != "en"):
            d, mo = a, b  # day first, as written outside the US
        else:
            mo, d = a, b
        ds = _fmt(y, mo, d)
        return (ds, "day", False, y, False) if ds else None

    def _dmy(self, m, kind):
        return self._day_month(m, "dmy_")

    def _mdy(self, m, kind):
        return self._day_month(m, "mdy_")

    def _day_month(self, m, p):
        if not self.cased(m, p + "w") or not (self.cased(m, p + "m") or _AGENCY.match(self.text, m.end())):
            return None  # (a wire dateline abbreviates in lowercase: "Lima, 12 mar (EFE).-")
        mo = self.g.months[_key(m[p + "m"].rstrip("."))]
        d = int(re.match(r"\d+", m[p + "d"]).group())
        if p == "dmy_" and m["dmy_r"]:
            r = int(re.match(r"\d+", m["dmy_r"]).group())
            if not (d == r + 1 and self.g.night_before.search(self.ft, max(0, m.start() - 40), m.start())):
                d = min(d, r)  # (but "la noche del 12 al 13 de mayo" is dated by the morning after)
        y, rel = self.year_part(m, p)
        if rel is None:
            y = self.year_for(mo, d, m.start(), m.end())
            if y and m[p + "w"]:
                y = self.agreeing_year(y, mo, d, self.g.weekdays[_key(m[p + "w"])])
            return (_fmt(y, mo, d) if y else None), "day", False, None, False
        explicit = y if m[p + "y"] else None
        return (_fmt(y, mo, d) if y else None), "day", rel, explicit, False

    def _dd(self, m, kind):
        # "permaneció allí hasta el día 17": a day of the month the text is speaking of; right after
        # a date ("desde el 3 de marzo hasta el día 17"), that date's month, an aside's too
        joined = 0 <= m.start() - self.last_end <= 30 and not _STOP.search(self.text, self.last_end, m.start())
        month = self.last_month if joined else self.prev_month or self.last_month
        if not kind or not (kind == "prep" or kind.startswith("q_")) or month is None \
                or self.pword.rsplit(" ", 1)[-1] not in ("el", "del", "al"):
            return None
        y, mo = month
        try:
            return date(y, mo, int(re.match(r"\d+", m["dd_d"]).group())).isoformat(), "day", False, None, False
        except ValueError:
            return None

    def _my(self, m, kind):
        if not self.cased(m, "my_m"):
            return None
        mo = self.g.months[_key(m["my_m"].rstrip("."))]
        y, rel = self.year_part(m, "my_")
        explicit = y if m["my_y"] else None
        return (_fmt(y, mo) if y else None), "month", bool(rel), explicit, False

    def _mon(self, m, kind):
        if not self.cased(m, "mon_m"):
            return None
        mo = self.g.months[_key(m["mon_m"].rstrip("."))]
        suffix = self.g.after_rel.match(self.ft, m.end())
        if kind in ("r_past", "r_next", "r_this") or suffix:
            mode = suffix.lastgroup if suffix else kind[2:]
            if suffix:
                self.end = suffix.end()
            if not self.pub:
                return None, "none", True, None, True
            y = self.pub.year
            if mode == "past":
                y = y if mo < self.pub.month else y - 1
            elif mode == "next":
                y = y if mo > self.pub.month else y + 1
            return _fmt(y, mo), "month", True, None, True
        # A bare month name needs a date context ("en noviembre", "in late May"); after
        # "de", "the" or "of" it is more often a name ("Plaza de Mayo") or a noun.
        # Joined to the date just before ("en octubre y noviembre", "in October and November"),
        # it is a second month of the same phrase.
        if kind is None or (kind == "join" and not self.last_was_month) \
                or (kind == "prep" and self.pword in _WEAK_BEFORE_MONTH and not self.month_of_a_noun(m.start())):
            return None
        y = self.year_for(mo, None, m.start(), m.end())
        return (_fmt(y, mo) if y else None), "month", False, None, False

    def month_of_a_noun(self, s: int) -> bool:
        """"la ruptura de enero", "memories of August": a month after "de"/"of" following a common noun;
        after a name ("Plaza de Mayo", "Fourth of July") or with a capital in Spanish it is a name."""
        if self.pword not in ("de", "del", "of") or (self.language == "es" and not self.text[s].islower()):
            return False
        if self.text[max(0, self.ps - 3):self.ps].rstrip().endswith(_CLOSING_QUOTES):
            return True  # a quoted name, then its month: 'las maniobras "Escudo Norte" de abril'
        prev = self.g.prev_word.search(self.text, max(0, s - 40), self.ps)
        return bool(prev) and prev.group(1).islower() and _key(prev.group(1)) not in self.g.ordinal_words

    def _year(self, m, kind):
        y = int(m["year_y"])
        if not m["year_s"]:
            if kind is None or self.prev_word(self.ps) in self.g.quantity or self.counted(m.end()):
                return None  # a number, not a year: "más de 2000", "2000 soldados", "F/A-18"
        return _fmt(y), "year", False, y, False

    def _wd(self, m, kind):
        if not self.cased(m, "wd_w"):
            return None
        word = _key(m["wd_w"])
        suffix = self.g.after_rel.match(self.ft, m.end()) or self.g.after_week.match(self.ft, m.end())
        mode = ("last_week" if suffix.re is self.g.after_week else suffix.lastgroup) if suffix else \
            (kind[2:] if kind and kind.startswith("r_") else None)
        if suffix:
            self.end = suffix.end()
        if self.prev_word(m.start(), 20) in _ANY_DAY:
            return None  # "a Tuesday", "cada lunes": any such day, not one date
        if word in self.g.es_weekdays and not mode:
            # Spanish weekdays need a determiner: "el jueves", "este jueves"; "de lunes a viernes" is not a date.
            if kind in (None, "join") or (kind == "prep" and self.pword not in ("el", "del", "al")):
                return None
        if not self.pub:
            return None, "none", True, None, True
        wd = self.g.weekdays[word]
        if mode == "last_week":
            day = self.pub - timedelta(days=self.pub.weekday() + 7 - wd)
        elif mode == "next":
            day = self.pub + timedelta(days=(wd - self.pub.weekday()) % 7 or 7)
        elif mode in (None, "this") and self.future(m.start(), m.end()):
            day = self.pub + timedelta(days=(wd - self.pub.weekday()) % 7)  # "se verán este domingo": ahead
        else:
            back = (self.pub.weekday() - wd) % 7
            if mode == "past" and back == 0:
                back = 7
            day = self.pub - timedelta(days=back)
        return day.isoformat(), "day", True, None, True

    def _ago(self, m, kind):
        n_word = _key(m["ago_n"] or m["ago_n2"])
        unit = self.g.units[_key(m["ago_u"] or m["ago_u2"])]
        n = int(n_word) if n_word.isdigit() else self.g.numbers.get(n_word)
        if n is None or not self.pub:
            return None, "none", True, None, False
        return self._shift(unit, -n) + (True, None, False)

    def _shift(self, unit: str, n: int):
        p = self.pub
        if unit == "day":
            return (p + timedelta(days=n)).isoformat(), "day"
        if unit == "week":  # a week: its Monday, at week precision (Monday to Sunday)
            monday = p + timedelta(days=7 * n) - timedelta(days=p.weekday())
            return monday.isoformat(), "week"
        if unit == "month":
            return _fmt(*_shift_month(p, n)), "month"
        return _fmt(p.year + n), "year"

    def _wk(self, m, kind):
        """ "earlier in the week": the publication's week; "over the weekend", "el fin de semana pasado":
        a weekend, the last one or the next one as the phrase or the tense says, as the week that holds it."""
        phrase = _key(m["wk_w"])
        s = m.start()
        if self.title_case_inside_sentence(s) or self.prev_word(s, 20) in _ANY_DAY:
            return None  # "every weekend", "cada fin de semana"
        if not self.pub:
            return None, "none", True, None, False
        if phrase in self.g.week_parts:
            return self._shift("week", self.g.week_parts[phrase]) + (True, None, False)
        n, p = self.g.weekend_parts[phrase], self.pub
        sat = p - timedelta(days=(p.weekday() - 5) % 7)  # the Saturday on or before the publication
        in_weekend = p.weekday() >= 5
        if n < 0 and in_weekend:
            sat -= timedelta(days=7)  # "last weekend", read on a Sunday: the one before
        elif n > 0 or (n == 0 and not in_weekend and self.future(s, m.end())):
            sat += timedelta(days=7)
        # a weekend is two days: said at week precision, its week (Monday to Sunday) holds both
        return (sat - timedelta(days=5)).isoformat(), "week", True, None, False

    def _rel(self, m, kind):
        phrase = _key(m["rel_w"])
        s = m.start()
        if self.title_case_inside_sentence(s):
            return None
        if phrase == "manana" and self.prev_word(s, 20) in self.g.not_after_manana:
            return None  # "la mañana", "por la mañana": the morning, not tomorrow
        if phrase == "hoy" and _NOWADAYS.match(self.ft, m.end()):
            return None  # "hoy en día": nowadays
        unit, n = self.g.relative[phrase]
        if not self.pub:
            return None, "none", True, None, False
        return self._shift(unit, n) + (True, None, False)

    # -- anchored to another date: "un día después", "a week earlier", "tres días después de que..."
    def _same_sentence(self, s: int) -> bool:
        """Whether the last date to the day stands in the sentence that holds position s."""
        if self.prev_day is None or self.prev_day_end < 0:
            return False
        return not re.search(r"[.!?](?:\s|$)", self.text[self.prev_day_end:s])

    def _sentence_initial(self, s: int) -> bool:
        """Whether nothing but punctuation or a conjunction comes before s in its sentence, or in what
        follows a colon ("Alemania e Italia: un día después de que...": a label, then the sentence)."""
        k = s
        while k > 0 and self.text[k - 1] not in ".!?\n:":
            k -= 1
        before = fold(self.text[k:s]).strip(" \t,;:-–—\"'“”«»")
        return before in ("", "y", "e", "and", "but", "pero", "so")

    def _anchored(self, s: int, n: int, direction: str, e: int = -1):
        """A date n days from its anchor, or None (no anchor)."""
        own = direction.startswith("own")
        after = direction.endswith("after")
        if not own and self._same_sentence(s):
            base, sign = self.prev_day, -1 if after else 1  # "X el lunes, un día después de que Y": Y the Sunday
        elif not own and not self._sentence_initial(s):
            told = self._told_before(e) if e >= 0 else None
            if told is not None:
                # "X had pledged a day before the drills began", the drills dated earlier in the text:
                # the phrase dates X, from the day the text gave its anchor
                return (told + timedelta(days=n if after else -n)).isoformat(), "day", True, None, False
            base, sign = self.prev_day or self.pub, -1 if after else 1  # "The move came a day after Y"
        else:
            base, sign = self.prev_day or self.pub, 1 if after else -1  # "Un día después, ...", "a week earlier"
            told = self._told_before(e) if not own and e >= 0 else None
            if told is not None:
                base = told  # "Two days after the drone was downed, X": from the day the downing was dated
            if after and n and self.prev_day is None:
                base = None  # "two days later" told of no earlier day: not days after the article's own
        if base is None:
            return None, "none", True, None, False
        return (base + timedelta(days=sign * n)).isoformat(), "day", True, None, False

    def _told_before(self, e: int) -> date | None:
        """The day of the happening a clause phrase ends at e introduces ("before the drills began",
        "después de la votación"), when an earlier sentence of the text dated it: the first day of the
        latest sentence with a day that names one of the clause's first lower-case words."""
        clause = _CLAUSE_WORDS.match(self.ft, e)
        # common nouns and verbs name the happening; names ("Mali", "Washington") are its actors, found anywhere
        words = [w.group() for w in _WORDS.finditer(self.ft, e, clause.end())
                 if self.text[w.start()].islower() and w.group() not in self.g.anchor_ignore][:2]
        if not words or not self.days:
            return None
        # the very word first ("the drone" is the drone, not "drones" told of later), then its stem
        exact = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
        stem = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w[:5]) for w in words) + ")")
        sentences = []
        for start, _ in reversed(self.days[-_ANCHOR_LOOKBACK:]):
            lo = max((m.end() for m in _SENTENCE_END.finditer(self.text, max(0, start - 300), start)), default=0)
            if any(lo == x for x, _ in sentences):
                continue
            end = _SENTENCE_END.search(self.text, start)
            sentences.append((lo, end.start() if end else len(self.ft)))
        for said in (exact, stem):
            for lo, hi in sentences:
                if said.search(self.ft, lo, hi):
                    return next(d for st, d in self.days if st >= lo)
        return None

    def _off(self, m, kind):
        n_word = _key(m["off_n"])
        n = int(n_word) if n_word.isdigit() else self.g.numbers.get(n_word)
        if _key(m["off_u"]) in self.g.month_units:
            return self._months_from(m.start(), n, self.g.off_dir[_key(m["off_d"])])
        unit = self.g.off_units[_key(m["off_u"])]
        if n is None:  # "unos días después", "pocas horas después"
            if unit == 0:
                n = 1
            else:
                return None, "none", True, None, False
        return self._anchored(m.start(), n * unit, self.g.off_dir[_key(m["off_d"])], m.end())

    def _months_from(self, s: int, n: int | None, direction: str):
        """ "two months after a mutiny", "tres meses después": n months from the month last spoken of, the
        way `_anchored` counts days (a clause phrase in mid-sentence dates its clause before or after
        the sentence's date; one that opens its sentence, or an own phrase, counts on from it)."""
        if n is None:
            return None  # "unos meses después": no month to give, and not a date phrase before
        if self.prev_month is None:
            return None, "none", True, None, False
        after = direction.endswith("after")
        same = not re.search(r"[.!?](?:\s|$)", self.text[max(0, self.prev_month_end):s])
        if direction.startswith("clause") and (same or not self._sentence_initial(s)):
            n = -n if after else n  # "in August, two months after Y": Y in June
        elif not after:
            n = -n  # "Two months earlier, ...", "Tres meses antes de la cumbre, ..."
        return _fmt(*_shift_month(date(*self.prev_month, 1), n)), "month", True, None, False

    def _fix(self, m, kind):
        phrase = _key(m["fix_w"])
        if phrase in self.g.unsure:
            return None, "none", True, None, False
        n = self.g.fixed[phrase]
        return self._anchored(m.start(), abs(n), "own_after" if n >= 0 else "own_before")

    def _hol(self, m, kind):
        spec = self.g.holidays[_key(m["hol_w"])]
        year = self.pub.year if self.pub else self.prev_year
        if year is None:
            return None, "none", True, None, False
        if spec == "thanksgiving":  # the fourth Thursday of November
            first = date(year, 11, 1)
            day = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        elif spec.startswith("easter"):  # "easter-2": Good Friday; the nearest such day to the publication
            shift = int(spec[6:] or 0)
            day = _easter(year) + timedelta(days=shift)
            if self.pub and (day - self.pub).days > 200:
                day = _easter(year - 1) + timedelta(days=shift)
        else:
            mo, d = (int(x) for x in spec.split("-"))
            day = date(year, mo, d)
            if self.pub and (day - self.pub).days > 200:
                day = date(year - 1, mo, d)  # "on New Year's Day" read in early January
            elif self.pub and (self.pub - day).days > 200 and mo == 1:
                day = date(year + 1, mo, d)
        return day.isoformat(), "day", True, None, False

    def _wdn(self, m, kind):
        """ "el martes 30", "Thursday 27": the day of that number nearest the publication date that
        falls on that weekday."""
        if not self.cased(m, "wdn_w"):
            return None
        wd = self.g.weekdays[_key(m["wdn_w"])]
        d = int(re.match(r"\d+", m["wdn_d"]).group())
        ref = self.pub or self.prev_day
        if ref is None:
            return None, "none", True, None, False
        best = None
        for k in range(-3, 4):
            y, mo = _shift_month(ref, k)
            try:
                cand = date(y, mo, d)
            except ValueError:
                continue
            if cand.weekday() == wd and (best is None or abs((cand - ref).days) < abs((best - ref).days)):
                best = cand
        return (best.isoformat() if best else None), "day", True, None, False

    def in_table(self, s: int) -> bool:
        line = self.text.rfind("\n", 0, s) + 1
        return self.text[line:s].lstrip().startswith("|")

    def future(self, s: int, e: int) -> bool:
        """Whether the words around a weekday speak of what is to come ("se verán este domingo")."""
        lo = max(0, s - 45)
        window = self.ft[lo:min(len(self.ft), e + 12)]
        if self.g.future_words.search(window):
            return True
        words = re.findall(r"[^\W\d_]+", self.text[lo:min(len(self.text), e + 12)])
        return any(len(w) > 4 and w.endswith(self.g.future_endings) for w in words)

    def _man(self, m, kind):
        # "a finales de ese mes", "the following month": the month the text is speaking of, moved
        if self.prev_month is None:
            return None
        y, mo = _shift_month(date(*self.prev_month, 1), self.g.month_anaphora[_key(m["man_w"])])
        return _fmt(y, mo), "month", False, None, False

    def _an(self, m, kind):
        off = self.g.anaphora[_key(m["an_w"])]
        y = self.prev_year + off if self.prev_year else None
        return (_fmt(y) if y else None), "year", False, None, False


_FULL_DATES = frozenset({"iso", "num", "ymd", "dmy", "mdy", "my", "year"})  # the branches that give a day or a year
_SENTENCE_END = re.compile(r"[.!?;]\s|\n")
_STOP = re.compile(r"[.!?;:]")
_CLAUSE_END = re.compile(r"[.!?;]\s|[\n,:()\u2014\u2013]")
_CLAUSE_WORDS = re.compile(r"[^,;:.!?()\n]{0,60}")  # the words a clause phrase introduces, up to punctuation
_WORDS = re.compile(r"[a-z\u00f1]{4,}")  # words of the folded text
_ANCHOR_LOOKBACK = 12  # how many earlier dates "before the drills began" looks at
_WEAK_BEFORE_MONTH = frozenset("de del al el the of a la entre between for para from by year ano".split())
_CLOSING_QUOTES = ("”", "»", '"', "’", "'")
_ANY_DAY = frozenset("a every each cada los todos any one un".split())
_NOWADAYS = re.compile(r"\s+(?:en\s+)?dia\b")


def find_dates(text: str, start: int = 0, end: int | None = None, published: str | None = None,
               language: str | None = None, context_year: int | None = None) -> list[DateMatch]:
    """Date expressions in text[start:end], in order, each with its normalized date.

    `published` ('YYYY-MM-DD') resolves relative dates and gives dates without a year
    their year; `language` ('es'/'en') decides 12/11/2025 (day first unless English);
    `context_year` stands for the last explicit year before `start` when scanning a
    piece of a longer text. Never raises on odd input; every span lies inside the text.
    """
    if not isinstance(text, str) or not text:
        return []
    return scan_dates(text, fold(text), start, end, published, language, context_year)


def scan_dates(text: str, folded: str, start: int = 0, end: int | None = None, published: str | None = None,
               language: str | None = None, context_year: int | None = None) -> list[DateMatch]:
    """`find_dates` for a caller that already holds `fold(text)` (the events stage does)."""
    n = len(text)
    start = max(0, min(start or 0, n))
    end = n if end is None else max(start, min(end, n))
    scan = _Scan(text, folded, _parse_published(published), language, context_year)
    if scan.pub is None:
        # without a publication date, a year-less "10 de octubre" takes its year from the latest full
        # date the text gives (a first pass, with nothing relative resolved)
        full = [d for d in _Scan(text, folded, None, language, context_year).scan(0, n, _FULL_DATES)
                if d.precision == "day" and d.date and not d.relative]
        if full:
            scan.ref = max(date.fromisoformat(d.date) for d in full)
    return scan.scan(start, end)
