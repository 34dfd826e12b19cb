"""Time views: the date-range syntax as the app reads it, what each record is dated by, the per-period charts,
and the app narrowing every pane to a range or to one bar of a chart."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from conftest import settle
from store import open_store
from store.errors import InputError
from store.period import check_bounds, in_range, is_date, parse_period, period_label, period_text
from tui.app import make_app
from tui.timeline import histogram
from tui.widgets.claim_list import ClaimList
from tui.widgets.country_list import CountryList
from tui.widgets.document_list import DocumentList
from tui.widgets.event_list import EventList
from tui.widgets.mention_list import MentionList
from tui.widgets.period_chart import DOWN, UP, UP_HALVES, PeriodChart, bar_cells


# ---------------------------------------------------------------- the syntax, as the app shows it again
# (its forms, errors and inclusive bounds are tests/test_period.py's)
@pytest.mark.parametrize("period", [("2025-12", "2026-01"), ("2025-12", "2025-12"), (None, "2025-06"),
                                    ("2025-12", None), ("2025-12-01", "2025-12"), (None, None)])
def test_the_prompt_shows_a_period_in_the_syntax_it_reads_back(period):
    assert parse_period(period_text(*period)) == period


@given(st.text(max_size=30))
def test_what_a_reader_types_is_a_period_or_one_input_error(text):
    try:
        since, until = parse_period(text)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    for bound in (since, until):
        assert bound is None or is_date(bound)
    assert not (since and until) or since[:len(until)] <= until


def test_bounds_come_in_order_and_are_named_as_the_screens_say_them():
    assert check_bounds("2025-12", "2025") == ("2025-12", "2025")  # December is in 2025
    with pytest.raises(InputError, match="after"):
        check_bounds("2026-01", "2025-12")
    assert period_label("2025-12", "2026-01") == "2025-12 – 2026-01"
    assert period_label(None, "2025-06") == "until 2025-06" and period_label("2025", "2025") == "2025"


# ---------------------------------------------------------------- the charts
def test_a_month_chart_counts_every_month_between_and_sets_coarse_dates_apart():
    rows = [{"date": d} for d in ("2025-11-03", "2025-11-20", "2026-01", "2025", None, "2026-01-31")]
    h = histogram(rows, lambda r: r["date"], width=40)
    assert h.unit == "month"
    assert [(b.key, b.total) for b in h.buckets] == [("2025-11", 2), ("2025-12", 0), ("2026-01", 2)]
    assert (h.undated, h.coarse) == (1, 1)  # "2025" fits no month: counted apart, never guessed into one
    assert h.buckets[1].label == "Dec 2025" and (h.buckets[1].since, h.buckets[1].until) == ("2025-12", "2025-12")


def test_a_few_weeks_of_days_are_charted_by_week_from_monday():
    rows = [{"date": d} for d in ("2025-12-03", "2025-12-07", "2025-12-08", "2025-12-24")]
    h = histogram(rows, lambda r: r["date"], width=40)
    assert h.unit == "week"
    assert [(b.key, b.total) for b in h.buckets] == [("2025-12-01", 2), ("2025-12-08", 1), ("2025-12-15", 0),
                                                     ("2025-12-22", 1)]
    assert h.buckets[0].until == "2025-12-07"


def test_more_months_than_columns_are_charted_by_year():
    rows = [{"date": f"{y}-06-01"} for y in range(1990, 2026)]
    h = histogram(rows, lambda r: r["date"], width=20)
    assert h.unit == "year" and len(h.buckets) == 36 and all(b.total == 1 for b in h.buckets)


def test_series_are_counted_per_bucket():
    rows = [("2025-11", "supports"), ("2025-11", "opposes"), ("2025-11", "supports"), ("2025-12", "neutral")]
    h = histogram(rows, lambda r: r[0], width=40, series=lambda r: r[1])
    assert h.buckets[0].counts == {"supports": 2, "opposes": 1} and h.buckets[1].counts == {"neutral": 1}


@given(st.integers(0, 500), st.integers(1, 500), st.integers(1, 4))
def test_a_bar_is_blank_only_for_zero_and_full_only_at_the_peak(value, peak, rows):
    value = min(value, peak)
    for steps in (UP, UP_HALVES, DOWN):
        cells = bar_cells(value, peak, rows, steps)
        assert len(cells) == rows
        assert (cells == [" "] * rows) == (value == 0)
        if value == peak:
            assert cells == [steps[-1]] * rows
    # a stance chart's supports (up) and opposes (down) of one count fill as many half cells
    half = {" ": 0, "▄": 1, "▀": 1, "█": 2}
    up, down = bar_cells(value, peak, rows, UP_HALVES), bar_cells(value, peak, rows, DOWN)
    assert sum(map(half.get, up)) == sum(map(half.get, down))


# ---------------------------------------------------------------- the store and the CLI
def test_every_kind_of_record_follows_a_period_in_the_store():
    s = open_store()
    since, until = "2025-12", "2026-01"
    dated = {d["id"] for d in s.documents() if in_range(d.get("published"), since, until)}
    assert dated and len(dated) < len(s.documents())
    assert {d["id"] for d in s.documents(since, until)} == dated
    assert s.events(since=since, until=until) == [e for e in s.events() if in_range(e.get("date"), since, until)]
    claims = [c for c in s.claims() if c["doc"] in dated]
    assert claims and s.claims(since=since, until=until) == claims
    mentions = s.mentions(since=since, until=until)
    assert mentions and {m["doc"] for m in mentions} <= dated
    counts = s.counts(since=since, until=until)
    events = s.events(since=since, until=until)
    assert counts == {"mentions": len(mentions), "claims": len(claims), "events": len(events)}
    stances = s.stance_counts(since=since, until=until)
    assert sum(stances.values()) == len(claims)
    rows = s.countries(since=since, until=until)
    assert sum(r["mentions"] for r in rows) == len(mentions)
    assert all(r["mentions"] > 0 for r in rows)
    # the paged calls the panes use give the same rows, a page at a time
    paged = s.claims_page(None, 0, 3, stance="supports", since=since, until=until)
    assert paged == [c for c in claims if c["stance"] == "supports"][:3]
    assert s.events_page(None, 1, 2, since=since, until=until) == s.events(since=since, until=until)[1:3]
    assert s.mentions_page(None, 2, 5, since=since, until=until) == mentions[2:7]


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    from tui.cli import main

    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_tables_take_a_period(capsys):
    code, out, _ = run_cli(capsys, "events", "--since", "2025-12", "--until", "2025-12", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and all(in_range(e["date"], "2025-12", "2025-12") for e in rows)
    code, out, _ = run_cli(capsys, "claims", "--since", "2025-12-12", "--json")
    s = open_store()
    dated = {d["id"] for d in s.documents("2025-12-12", None)}
    assert code == 0 and {c["doc"] for c in json.loads(out)} <= dated


@pytest.mark.parametrize("argv, says", [
    (("events", "--since", "2025-13"), "--since '2025-13' is not a date"),
    (("claims", "--since", "2026", "--until", "2025"), "--since 2026 is after --until 2025"),
])
def test_cli_refuses_a_bad_period_in_one_line(capsys, argv, says):
    code, out, err = run_cli(capsys, *argv)
    assert code != 0 and out == ""
    assert says in err and len(err.strip().splitlines()) == 1


def test_claims_by_date_put_the_oldest_article_first_and_undated_last(capsys):
    code, out, _ = run_cli(capsys, "claims", "--sort", "date", "--json")
    s = open_store()
    published = {d["id"]: d.get("published") for d in s.documents()}
    dates = [published[c["doc"]] for c in json.loads(out)]
    dated = [d for d in dates if d]
    assert code == 0 and dated == sorted(dated) and dates == dated + [None] * (len(dates) - len(dated))


# ---------------------------------------------------------------- the app


def rows_of(widget) -> list[dict]:
    for s in widget.sections:  # every page in: the whole list is what is checked
        while not s.pages.complete:
            gap = next(g for g in s.pages.entries() if not isinstance(g, tuple))
            s.pages.load(gap.offset)
    return [r for s in widget.sections for r in s.pages.rows()]


async def set_period(pilot, text: str) -> None:
    await pilot.press("P")
    await pilot.pause()
    box = pilot.app.screen.query_one("Input")
    box.value = text
    await pilot.press("enter")
    await settle(pilot.app, pilot)


async def test_a_period_narrows_every_pane_and_the_header_says_it():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen, s = app.screen, app.screen.store
        before = len(rows_of(screen.query_one(EventList)))
        await set_period(pilot, "2025-12")
        assert (screen.since, screen.until) == ("2025-12", "2025-12")
        assert app.sub_title.startswith("2025-12 · ")
        dated = {d["id"] for d in s.documents("2025-12", "2025-12")}
        events = rows_of(screen.query_one(EventList))
        assert events and len(events) < before and all(in_range(e["date"], "2025-12", "2025-12") for e in events)
        claims = rows_of(screen.query_one(ClaimList))
        assert claims and {c["doc"] for c in claims} <= dated
        assert {m["doc"] for m in rows_of(screen.query_one(MentionList))} <= dated
        assert {d["id"] for d in screen.query_one(DocumentList).documents} == dated
        shown = {c["code"]: c["mentions"] for c in screen.query_one(CountryList).countries}
        assert shown == {c["code"]: c["mentions"] for c in s.countries(since="2025-12", until="2025-12")}
        await set_period(pilot, "2025-13")  # refused in one line: the period stays
        assert (screen.since, screen.until) == ("2025-12", "2025-12")
        await set_period(pilot, "")  # every date again
        assert (screen.since, screen.until) == (None, None) and not app.sub_title.startswith("2025")
        assert len(rows_of(screen.query_one(EventList))) == before
        assert len(screen.query_one(DocumentList).documents) == len(s.documents())


async def test_choosing_a_bar_narrows_the_events_to_its_month():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("1")
        await settle(app, pilot)
        chart = screen.query_one("#event-chart", PeriodChart)
        assert chart.histogram is not None and chart.histogram.unit == "month"
        every = len(rows_of(screen.query_one(EventList)))
        busiest = max(range(len(chart.histogram.buckets)), key=lambda i: chart.histogram.buckets[i].total)
        await pilot.press(*["right"] * (busiest + 1))
        await settle(app, pilot)
        bar = chart.chosen
        assert bar is chart.histogram.buckets[busiest] and bar.total > 0
        events = rows_of(screen.query_one(EventList))
        assert len(events) == bar.total and all(e["date"].startswith(bar.key) for e in events)
        assert f"of {bar.label}" in str(screen.query_one("#middle-col").border_subtitle)
        await pilot.press("escape")
        await settle(app, pilot)
        assert chart.chosen is None and len(rows_of(screen.query_one(EventList))) == every


async def test_stance_over_time_opens_its_claims_and_claims_sort_by_date():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("2")
        await settle(app, pilot)
        chart = screen.query_one("#claim-chart", PeriodChart)
        h = chart.histogram
        assert h is not None and h.undated > 0 and sum(b.total for b in h.buckets) + h.undated == len(
            rows_of(screen.query_one(ClaimList)))
        await pilot.press("s")
        await settle(app, pilot)
        claims = screen.query_one(ClaimList)
        assert claims.sort_by == "date" and "by article date" in str(screen.query_one("#middle-col").border_subtitle)
        for section in claims.sections:  # within each stance, the dated article first
            published = [screen.docs[c["doc"]].get("published") for c in section.pages.rows()]
            assert published == sorted(published, key=lambda p: (p is None, p or ""))
        await pilot.press("right")
        await settle(app, pilot)
        bar = chart.chosen
        rows = rows_of(claims)
        assert bar is not None and len(rows) == bar.total
        assert {c["stance"] for c in rows} == {k for k, n in bar.counts.items() if n}
        assert all(bar.since <= screen.docs[c["doc"]]["published"] <= bar.until for c in rows)


async def test_hits_sort_by_date_follow_the_period_and_an_empty_period_says_why():
    from tui.widgets.search_results import SearchResults

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("slash", *"venezuela", "enter")
        await settle(app, pilot)
        every = rows_of(screen.query_one(SearchResults))
        assert len(every) > 5
        await pilot.press("s")  # by date: the same hits, the dated article's first
        await settle(app, pilot)
        by_date = rows_of(screen.query_one(SearchResults))
        published = [screen.docs[h["doc"]].get("published") for h in by_date]
        assert sorted((h["doc"], h["start"]) for h in by_date) == sorted((h["doc"], h["start"]) for h in every)
        assert published == sorted(published, key=lambda p: (p is None, p or "")) and published[0]
        assert "by article date" in str(screen.query_one("#middle-col").border_subtitle)
        await pilot.press("s")  # best first again
        await settle(app, pilot)
        await set_period(pilot, "2025-12")
        hits = rows_of(screen.query_one(SearchResults))
        dated = {d["id"] for d in screen.store.documents("2025-12", "2025-12")}
        assert hits and len(hits) < len(every) and {h["doc"] for h in hits} <= dated
        await pilot.press("s")  # by date, still in the period
        await settle(app, pilot)
        assert {h["doc"] for h in rows_of(screen.query_one(SearchResults))} <= dated
        await set_period(pilot, "2030")
        assert not rows_of(screen.query_one(DocumentList)) and not rows_of(screen.query_one(CountryList))
        assert "No countries in 2030" in str(screen.query_one(CountryList).get_option_at_index(0).prompt)


async def test_the_events_chart_counts_the_kind_the_list_shows():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("1")
        await settle(app, pilot)
        chart = screen.query_one("#event-chart", PeriodChart)
        every = sum(b.total for b in chart.histogram.buckets)
        await pilot.press("t")  # the most common kind
        await settle(app, pilot)
        kind = screen.query_one(EventList).kind
        counted = sum(b.total for b in chart.histogram.buckets) + chart.histogram.coarse + chart.histogram.undated
        assert kind and counted == screen.store.event_kinds()[kind]
        assert sum(b.total for b in chart.histogram.buckets) < every
        assert all((e.get("kind") or "other") == kind for b in chart.histogram.buckets for e in b.rows)
