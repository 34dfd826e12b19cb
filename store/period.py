"""Periods of time a reader narrows the corpus to: `2025-12..2026-01`, `2025-12`, `..2025-06`, `2025-12..`.

Each bound has the precision it is written with (YYYY, YYYY-MM or YYYY-MM-DD) and is inclusive at
that precision: `..2025-06` holds 2025-06-30, `2025-12..` holds 2025-12-01, `2025` the whole year.
A date compared against a period has a precision of its own too ("2025-11" for an event of "November"):
it is in the period when its own span and the period's overlap no less than a date's first day can say,
which is the rule `in_range` implements by comparing each at the shorter of the two precisions.

What is dated by what: an event by its own date; an article, and everything read from it (its
mentions, its claims, its search passages), by its publication date. Nothing undated is in a period.
"""
from __future__ import annotations

import re
from datetime import date as _date

from .errors import InputError

_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
SEPARATOR = ".."


def is_date(value: str) -> bool:
    """Whether `value` is a real YYYY, YYYY-MM or YYYY-MM-DD ("2025-13", "2025-02-30" are not)."""
    if not _DATE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        _date(*parts[:3])
    except ValueError:
        return False
    return True


def check_date(value: str | None, option: str) -> str | None:
    """`value` if it is a date as periods compare them; InputError (one line, naming `option`) if not."""
    if value is None:
        return None
    if not is_date(value):
        raise InputError(f"{option} {value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def check_bounds(since: str | None, until: str | None, names: tuple[str, str] = ("--since", "--until")
                 ) -> tuple[str | None, str | None]:
    """Both bounds checked, and in order: InputError naming the options when not."""
    since, until = check_date(since, names[0]), check_date(until, names[1])
    if since and until and since[:len(until)] > until:
        raise InputError(f"{names[0]} {since} is after {names[1]} {until}")
    return since, until


def parse_period(text: str) -> tuple[str | None, str | None]:
    """(since, until) of a period as a reader types it; InputError with the accepted forms if it is none.

    An empty text is no period at all: (None, None)."""
    text = text.strip()
    if not text:
        return None, None
    if SEPARATOR in text:
        since, _, until = text.partition(SEPARATOR)
        since, until = since.strip() or None, until.strip() or None
        if since is None and until is None:
            raise InputError(f"{text!r} is not a period: give 2025-12..2026-01, 2025-12, ..2025-06 or 2025-12..")
    else:
        since = until = text
    for value in (since, until):
        if value is not None and not is_date(value):
            raise InputError(f"{value!r} is not a date: give YYYY, YYYY-MM or YYYY-MM-DD "
                             f"(a period: 2025-12..2026-01, 2025-12, ..2025-06, 2025-12..)")
    return check_bounds(since, until, ("the start", "the end"))


def in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Whether a date of any precision ("2025", "2025-11", "2025-11-03") falls within since..until
    (inclusive, each of any precision too); an unknown date is in range only when no bound is given."""
    if since is None and until is None:
        return True
    if not date:
        return False
    if since is not None and date < since[:len(date)] or until is not None and date[:len(until)] > until:
        return False
    return True


def period_label(since: str | None, until: str | None) -> str:
    """A period as the screens and tables name it: "2025-12 – 2026-01", "2025-12", "since 2025-12",
    "until 2025-06"; empty for no period."""
    if since and until:
        return since if since == until else f"{since} – {until}"
    if since:
        return f"since {since}"
    return f"until {until}" if until else ""


def period_text(since: str | None, until: str | None) -> str:
    """A period in the syntax `parse_period` reads back."""
    if since and since == until:
        return since
    return f"{since or ''}{SEPARATOR}{until or ''}" if since or until else ""


# ---------------------------------------------------------------- days, for the search index
# The search index keeps a passage's publication date as the days it covers (date.toordinal), so
# a period is one range of whole numbers: a date is in it when one of its days is, which is the
# overlap `in_range` decides on strings.

def first_day(value: str) -> _date:
    """The first day a date covers: 2025 -> 2025-01-01, 2025-12 -> 2025-12-01."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return _date(*parts[:3])


def last_day(value: str) -> _date:
    """The last day a date covers: 2025 -> 2025-12-31, 2024-02 -> 2024-02-29."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return _date(*parts)
    if len(parts) == 1 or parts[1] == 12:
        return _date(parts[0], 12, 31)
    return _date.fromordinal(_date(parts[0], parts[1] + 1, 1).toordinal() - 1)


def days(value: str | None) -> range:
    """The ordinals of every day a date covers (one for a day, a month's or a year's for a shorter
    date); empty when `value` is missing or no date."""
    if not value or not is_date(value):
        return range(0)
    return range(first_day(value).toordinal(), last_day(value).toordinal() + 1)


def period_days(since: str | None, until: str | None) -> tuple[int, int]:
    """The ordinals of the first and last day of a checked period; an open end reaches the calendar's."""
    lo = first_day(since).toordinal() if since is not None else _date.min.toordinal()
    hi = last_day(until).toordinal() if until is not None else _date.max.toordinal()
    return lo, hi
