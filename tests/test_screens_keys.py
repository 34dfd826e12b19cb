"""Keys never surprise (issue 15, point 3) and state is always visible (point 4).

What was seen: typing "qat" for Qatar quit at once; `j`, `g` and `G` started a filter in the
countries list although help calls them moves; help did not scroll at 80×24; lists wrapped
silently at their ends; after leaving a country the status still described it; the event
kind filter showed nowhere; "Source 1 of 2 · Enter again" with the focus in the article.
"""
from __future__ import annotations

import io

from textual.widgets import Input, Static, TabbedContent

from conftest import settle
from tui.app import make_app
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.claim_list import ClaimList
from tui.widgets.country_list import CountryList
from tui.widgets.document_list import DocumentList
from tui.widgets.event_list import EventList
from tui.widgets.excerpt import ExcerptView


def status(app) -> str:
    return str(app.screen.query_one("#status", Static).render())


async def test_once_the_filter_is_open_every_key_types_and_q_never_quits():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        countries = app.screen.query_one(CountryList)
        await pilot.press("f", *"qat")
        assert app.is_running and isinstance(app.screen, MainScreen)
        assert countries.filter_text == "qat" and countries.shown == []
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        # A letter that is no key starts the filter; keys typed right after it are text too.
        await pilot.press("b", "q", "s", "1", "d", "question_mark")
        assert app.is_running and isinstance(app.screen, MainScreen)
        assert countries.filter_text == "bqs1d?" and countries.sort_by == "mentions"
        assert app.screen.query_one("#left", TabbedContent).active == "countries"


async def test_q_in_the_search_box_is_a_letter():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"iraq")
        assert app.is_running and app.screen.query_one("#search", Input).value == "iraq"


async def test_j_k_g_G_move_in_every_list_and_never_filter():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        countries = app.screen.query_one(CountryList)
        await pilot.press("j", "j", "k")
        assert countries.highlighted == 1 and countries.filter_text == ""
        await pilot.press("G")
        assert countries.current == countries.shown[-1]
        await pilot.press("g")
        assert countries.current == countries.shown[0]
        for keys, widget in ((("d",), DocumentList), (("1",), EventList), (("2",), ClaimList)):
            await pilot.press(*keys)
            lst = app.screen.query_one(widget)
            assert app.focused is lst
            await pilot.press("G")
            last = lst.current
            assert last == lst.records[-1] or (widget is EventList and last in lst.records)
            await pilot.press("j")  # at the last row: stays (no wrap to the top)
            assert lst.current == last
            await pilot.press("g")
            assert lst.current == lst.records[0]
            await pilot.press("k")  # at the first row: stays
            assert lst.current == lst.records[0]
        assert countries.filter_text == ""


async def test_help_scrolls_at_80x24_and_shows_the_filters_in_force():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("1", "t")
        kind = app.screen.query_one(EventList).kind
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y > 0
        await pilot.press("j", "j")
        assert box.scroll_y == 2
        await pilot.press("G")
        assert box.scroll_y == box.max_scroll_y
        await pilot.press("g")
        assert box.scroll_y == 0
        from rich.console import Console

        console = Console(width=200, record=True, file=io.StringIO())
        console.print(app.screen.table)
        text = console.export_text()
        assert f"kind: {kind}" in text and "by mentions" in text and "Spanish names" in text
        assert "] / [" in text and "g / G" in text


async def test_the_status_follows_the_focus_and_forgets_a_country_left():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        countries = app.screen.query_one(CountryList)
        countries.highlighted = [c["code"] for c in countries.shown].index("RU")
        await pilot.press("enter")
        assert "Rusia (RU)" in status(app) and "claims" in status(app)
        await pilot.press("enter")
        assert isinstance(app.focused, ExcerptView) and "passage" in status(app) and "✓ verified" in status(app)
        await pilot.press("shift+tab", "shift+tab")  # back to the countries
        assert isinstance(app.focused, CountryList)
        countries.highlighted = [c["code"] for c in countries.shown].index("VE")
        await pilot.pause()
        assert "Venezuela (VE)" in status(app) and "Rusia" not in status(app)
        await pilot.press("escape")  # leave Russia: all countries again
        assert app.screen.country is None
        await pilot.press("tab")
        assert "All countries" in status(app) and "Rusia" not in status(app)
        assert str(app.screen.query_one("#middle-col").border_title) == "All countries"


async def test_the_event_kind_filter_shows_in_the_pane_title():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("1")
        col = app.screen.query_one("#middle-col")
        assert "all kinds" in str(col.border_subtitle)
        await pilot.press("t")
        events = app.screen.query_one(EventList)
        n = events.kind_counts[events.kind]
        assert f"kind: {events.kind} ({n} event{'s' if n != 1 else ''})" in str(col.border_subtitle)
        assert events.total == n


async def test_keys_typed_in_one_burst_after_f_are_text_and_never_quit():
    from textual import events as textual_events

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        countries = app.screen.query_one(CountryList)
        for ch in "fqat":  # no pause between the keys: pasted, or typed over a slow link
            app.post_message(textual_events.Key(ch, ch))
        await settle(app, pilot)
        assert app.is_running and isinstance(app.screen, MainScreen)
        assert countries.filter_text == "qat"


async def choose_a_reported_event(app, pilot) -> tuple[EventList, dict]:
    """The events pane, with the first event several sources report selected."""
    await settle(app, pilot)
    await pilot.press("1")
    events = app.screen.query_one(EventList)
    event = next(e for e in events.records if e.get("sources", 1) > 1)
    events.select_record(events.records.index(event))
    return events, event


def excerpt_head(app) -> str:
    return str(app.screen.query_one("#excerpt-head", Static).render())


async def test_brackets_step_the_reports_from_the_list_too():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        events, _ = await choose_a_reported_event(app, pilot)
        await pilot.press("enter", "escape")  # read it, then back to the list
        await settle(app, pilot)
        assert app.focused is events
        head = lambda: excerpt_head(app)  # noqa: E731
        assert "report 1 of" in head()
        await pilot.press("right_square_bracket")
        await settle(app, pilot)
        assert "report 2 of" in head()


async def test_an_event_many_sources_report_steps_report_by_report_from_the_article():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        events, event = await choose_a_reported_event(app, pilot)
        n = event["sources"]
        await pilot.press("enter")
        view = app.screen.query_one(ExcerptView)
        head = lambda: excerpt_head(app)  # noqa: E731
        assert app.focused is view
        assert f"report 1 of {n} of this event · ] next" in head()
        seen = {(view.doc["id"], view.location.start)}
        for k in range(2, n + 1):
            await pilot.press("right_square_bracket")
            assert app.focused is view and f"report {k} of {n}" in head()
            seen.add((view.doc["id"], view.location.start))
        assert "(the last)" in head() and "] next" not in head() and len(seen) == n
        await pilot.press("right_square_bracket")  # past the last: stays, and says so
        assert f"report {n} of {n}" in head()
        await pilot.press("left_square_bracket")
        assert f"report {n - 1} of {n}" in head()


async def test_n_and_N_count_matches_and_say_when_they_wrap():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"Lukashenko", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        view = app.screen.query_one(ExcerptView)
        head = lambda: str(app.screen.query_one("#excerpt-head", Static).render())  # noqa: E731
        n = len(view.matches)
        assert f"match {view.match_index + 1}/{n}" in head()
        for _ in range(n - view.match_index - 1):
            await pilot.press("n")
        assert f"match {n}/{n}" in head() and "wrapped" not in head()
        await pilot.press("n")
        assert f"match 1/{n}" in head() and "(wrapped)" in head()
