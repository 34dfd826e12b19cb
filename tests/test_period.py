"""Periods of dates (store.period) and the query language's `date:` filter: forms, inclusive
bounds at every precision, and malformed values that are reported, never raised."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from store.errors import InputError
from store.period import days, in_range, is_date, last_day, parse_period, period_days
from store.query import parse_query


def precision(day: date, parts: int) -> str:
    """`day` written to `parts` parts: 1 -> YYYY, 2 -> YYYY-MM, 3 -> YYYY-MM-DD."""
    return "-".join(day.isoformat().split("-")[:parts])


DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
PARTS = st.sampled_from([1, 2, 3])


# -- forms --------------------------------------------------------------------------


@pytest.mark.parametrize("text, period", [
    ("2025-12..2026-01", ("2025-12", "2026-01")),
    ("2025-12", ("2025-12", "2025-12")),
    ("..2025-06", (None, "2025-06")),
    ("2025-12..", ("2025-12", None)),
    ("2025", ("2025", "2025")),
    ("2025-12-05", ("2025-12-05", "2025-12-05")),
    ("2025..2025-03-15", ("2025", "2025-03-15")),
    ("2025-12..2025", ("2025-12", "2025")),  # December 2025: its start is within the year it ends in
])
def test_each_form_gives_its_bounds(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text, says", [
    ("2025-13", "'2025-13' is not a date"),
    ("2025-02-30", "'2025-02-30' is not a date"),
    ("soon", "'soon' is not a date"),
    ("2026..2025", "after"),
    ("2025-12-02..2025-12-01", "after"),
    ("..", "not a period"),
    ("2025..2026..2027", "not a date"),
    ("25-12", "not a date"),
])
def test_a_malformed_period_is_one_clear_message(text, says):
    with pytest.raises(InputError, match=says) as caught:
        parse_period(text)
    assert "\n" not in str(caught.value)


def test_the_last_day_of_each_precision():
    assert last_day("2024-02") == date(2024, 2, 29) and last_day("2023-02") == date(2023, 2, 28)
    assert last_day("2025-12") == date(2025, 12, 31) and last_day("2025") == date(2025, 12, 31)
    assert last_day("9999-12") == date(9999, 12, 31)
    assert len(days("2024")) == 366 and len(days("2025-06")) == 30 and len(days("2025-06-30")) == 1
    assert not days(None) and not days("") and not days("2025-13")


# -- inclusive at every precision -----------------------------------------------------


@settings(max_examples=400)
@given(DAYS, DAYS, PARTS, PARTS)
def test_a_period_holds_both_of_its_ends_at_any_precision(a, b, since_parts, until_parts):
    a, b = min(a, b), max(a, b)
    since, until = precision(a, since_parts), precision(b, until_parts)
    assert parse_period(f"{since}..{until}") == (since, until)
    lo, hi = period_days(since, until)
    # The first day the start names and the last day the end names are in; the days just outside are not.
    assert lo == days(since)[0] and hi == days(until)[-1]
    for inside in (date.fromordinal(lo), date.fromordinal(hi), a, b):
        assert in_range(inside.isoformat(), since, until)
    for outside in (date.fromordinal(lo) - timedelta(days=1), date.fromordinal(hi) + timedelta(days=1)):
        assert not in_range(outside.isoformat(), since, until)


@settings(max_examples=400)
@given(DAYS, PARTS, st.one_of(st.none(), DAYS), PARTS, st.one_of(st.none(), DAYS), PARTS)
def test_a_date_is_in_a_period_when_their_days_overlap(day, parts, a, a_parts, b, b_parts):
    # What the index does (a range over the days a date covers) and what the export does (compare
    # the strings at the shorter precision) agree, whatever the precisions.
    value = precision(day, parts)
    since = precision(a, a_parts) if a else None
    until = precision(b, b_parts) if b else None
    assume(not (since and until and days(since)[0] > days(until)[-1]))
    lo, hi = period_days(since, until)
    overlaps = days(value)[0] <= hi and lo <= days(value)[-1]
    assert in_range(value, since, until) == overlaps


def test_an_undated_record_is_in_no_period():
    assert not in_range(None, "2025", None) and not in_range("", None, "2025")
    assert in_range(None, None, None)


# -- the parser -----------------------------------------------------------------------


def test_date_filters_are_kept_as_typed():
    q = parse_query("corredor date:2025-12..2026-01 fecha:2025")
    assert q.terms == ["corredor"] and q.filters == {"date": ["2025-12..2026-01", "2025"]}
    assert parse_query("DATE:2025-13").filters == {"date": ["2025-13"]}  # the engine says why it is none


def test_an_empty_date_filter_is_read_as_words():
    assert parse_query("date:").terms == ["date"]
    assert parse_query("date:..").filters == {}


DATE_TEXT = st.text(alphabet=st.sampled_from(list("0123456789-.. :abT~*\"")), max_size=24)


@settings(max_examples=400)
@given(DATE_TEXT, st.sampled_from(["date:", "fecha:", "DATE:", "-date:", "x date:"]))
def test_parsing_any_date_text_never_raises(value, key):
    q = parse_query(key + value)
    for value in q.filters.get("date", []):
        try:
            since, until = parse_period(value)
        except InputError:
            continue  # reported by the engine as a note
        assert since is None or is_date(since)
        assert until is None or is_date(until)
