"""Every key path of the explorer, driven as a reader drives it."""
from __future__ import annotations

from textual.widgets import TabbedContent

from tui.app import make_app
from tui.widgets.claim_list import ClaimList
from tui.widgets.country_list import CountryList
from tui.widgets.document_list import DocumentList
from tui.widgets.event_list import EventList
from tui.widgets.excerpt import ExcerptView
from tui.widgets.mention_list import MentionList


async def ready(app, pilot):
    from conftest import settle

    await settle(app, pilot)  # the documents table loads off the UI thread, after the first paint
    return app.screen


async def test_tab_moves_pane_to_pane_and_back():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(app, pilot)
        assert isinstance(app.focused, CountryList)
        await pilot.press("tab")
        assert isinstance(app.focused, EventList)
        await pilot.press("tab")
        assert isinstance(app.focused, ExcerptView)
        await pilot.press("tab")
        assert isinstance(app.focused, CountryList)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, ExcerptView)


async def test_digits_switch_the_middle_pane():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        middle = screen.query_one("#middle", TabbedContent)
        for key, tab, widget in (("2", "claims", ClaimList), ("3", "mentions", MentionList),
                                 ("1", "events", EventList)):
            await pilot.press(key)
            assert middle.active == tab and isinstance(app.focused, widget)


async def test_d_toggles_documents_and_enter_opens_one():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("d")
        docs = screen.query_one(DocumentList)
        assert app.focused is docs and len(docs.documents) == 5
        await pilot.press("s")  # by date: the dated article first
        assert docs.sort_by == "date" and docs.documents[0]["published"] == "2025-12-12"
        await pilot.press("enter")
        view = screen.query_one(ExcerptView)
        assert view.doc["id"] == docs.documents[0]["id"] and app.focused is view
        await pilot.press("d")
        assert isinstance(app.focused, CountryList)


async def test_typing_filters_countries_and_escape_clears():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        countries = screen.query_one(CountryList)
        await pilot.press(*"rus")  # "s" is the sort key, but once the filter is open every letter types
        assert [c["code"] for c in countries.shown] == ["RU", "BY"]  # Rusia, Bielorrusia
        await pilot.press("backspace", "backspace", "backspace")
        await pilot.press(*"xyzq")
        assert countries.shown == []
        await pilot.press("escape")
        assert len(countries.shown) == len(countries.countries) and app.focused is countries
        await pilot.press(*"bra", "enter")
        assert app.focused is countries and [c["code"] for c in countries.shown] == ["BR"]
        await pilot.press("enter")
        assert screen.country == "BR"


async def test_sort_and_language_toggles():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        countries = screen.query_one(CountryList)
        counts = [c["mentions"] for c in countries.shown]
        assert counts == sorted(counts, reverse=True)
        await pilot.press("s")
        names = [countries.name_of(c).casefold() for c in countries.shown]
        assert names == sorted(names)
        assert countries.language == "es"
        await pilot.press("L")
        assert countries.language == "en" and countries.name_of(countries.country("US") if hasattr(
            countries, "country") else next(c for c in countries.countries if c["code"] == "US")) == "United States"


async def test_c_copies_a_citation_of_the_chosen_claim():
    app = make_app()
    copied = []
    app.copy_to_clipboard = copied.append
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        countries = screen.query_one(CountryList)
        countries.highlighted = [c["code"] for c in countries.shown].index("BR")
        await pilot.press("enter")
        claim = screen.query_one(ClaimList).current
        await pilot.press("c")
        assert copied and claim["text"].split()[0] in copied[0]
        assert f"characters {claim['start']}-{claim['end']}" in copied[0]


async def test_forward_after_back():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("d", "enter")
        first = screen.query_one(ExcerptView).doc["id"]
        await pilot.press("d", "d", "down", "enter")
        second = screen.query_one(ExcerptView).doc["id"]
        assert first != second
        await pilot.press("alt+left")
        assert screen.query_one(ExcerptView).doc["id"] == first
        await pilot.press("alt+right")
        assert screen.query_one(ExcerptView).doc["id"] == second


async def test_events_filter_by_kind_and_country():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        events = screen.query_one(EventList)
        everything = events.total
        await pilot.press("1", "t")
        assert events.kind is not None and all(r["kind"] == events.kind for r in events.records)
        assert events.total == events.kind_counts[events.kind]
        countries = screen.query_one(CountryList)
        countries.focus()
        countries.highlighted = [c["code"] for c in countries.shown].index("BY")
        await pilot.press("enter", "1")
        assert events.kind is None or events.kind in events.kind_counts
        assert all("BY" in r["countries"] for r in events.records) and events.total < everything


async def test_one_pane_at_a_time_at_80_columns():
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(app, pilot)
        assert screen.has_class("layout-1") and screen.has_class("show-left")
        assert screen.query_one("#middle-col").display is False or not screen.query_one("#right").display
        await pilot.press("tab")
        assert screen.has_class("show-middle") and isinstance(app.focused, EventList)
        await pilot.press("enter")
        assert screen.has_class("show-excerpt") and isinstance(app.focused, ExcerptView)


async def test_palette_goes_to_a_country():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await ready(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Country: Belarus")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.country == "BY"


async def test_enter_on_a_hit_then_backspace_returns_to_the_hits_and_esc_too():
    from tui.widgets.search_results import SearchResults

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("slash", *"Lukashenko", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(SearchResults)
        assert app.focused is results and results.records
        await pilot.press("enter")
        assert isinstance(app.focused, ExcerptView)
        await pilot.press("backspace")
        assert app.focused is results
        await pilot.press("enter", "escape")
        assert app.focused is results
