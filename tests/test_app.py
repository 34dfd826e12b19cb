"""Pilot tests: the app driven from the keyboard, asserting on focus, panes, excerpt and screens."""
from __future__ import annotations

from textual.widgets import Input, Static, TabbedContent

from tui.app import make_app
from tui.screens.error import ErrorScreen
from tui.screens.help import HelpScreen
from tui.screens.main import MainScreen
from tui.widgets.claim_list import ClaimList
from tui.widgets.country_list import CountryList
from tui.widgets.excerpt import ExcerptView
from tui.widgets.search_results import SearchResults


async def choose_country(pilot, code: str) -> None:
    countries = pilot.app.screen.query_one(CountryList)
    countries.focus()
    countries.highlighted = [c["code"] for c in countries.shown].index(code)
    await pilot.press("enter")
    await pilot.pause()


def excerpt_text(app) -> str:
    view = app.screen.query_one(ExcerptView)
    return "\n".join(str(s.render()) for s in view.query(".block"))


async def test_opens_on_the_bundled_store_with_countries_focused():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        countries = app.screen.query_one(CountryList)
        assert app.focused is countries
        assert {"VE", "RU", "BR"} <= {c["code"] for c in countries.shown}
        assert "5 documents" in app.sub_title


async def test_contested_brazil_shows_disagreeing_claims_and_enter_shows_the_passage():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_country(pilot, "BR")
        claims = app.screen.query_one(ClaimList)
        assert app.screen.query_one("#middle", TabbedContent).active == "claims"
        assert app.focused is claims
        stances = {c["stance"] for c in claims.records}
        assert len(stances) >= 2 and all(c["country"] == "BR" for c in claims.records)
        record = claims.records[0]
        await pilot.press("enter")
        await pilot.pause()
        view = app.screen.query_one(ExcerptView)
        assert app.focused is view
        assert view.doc["id"] == record["doc"]
        assert (view.location.start, view.location.end) == (record["start"], record["end"])
        assert view.verified == "ok"
        head = str(app.screen.query_one("#excerpt-head", Static).render())
        assert "✓ verified" in head


async def test_search_as_you_type_then_enter_opens_the_match_and_n_steps():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"Lukashenko")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(SearchResults)
        assert results.records and results.records[0]["file"].startswith("001_")
        await pilot.press("enter")  # to the results
        assert app.focused is results
        await pilot.press("enter")  # open the hit
        await pilot.pause()
        view = app.screen.query_one(ExcerptView)
        assert view.doc["file"].startswith("001_") and view.matches
        # Every match in the article is marked; the current one is the first inside the chosen passage.
        assert len(view.matches) >= 3
        current = view.matches[view.match_index]
        assert view.location.start <= current[0] < view.location.end
        before = view.match_index
        await pilot.press("n")
        assert view.match_index == (before + 1) % len(view.matches)
        await pilot.press("N")
        assert view.match_index == before


async def test_backspace_returns_to_the_previous_place():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await choose_country(pilot, "RU")
        claims = app.screen.query_one(ClaimList)
        await pilot.press("enter")
        first = app.screen.query_one(ExcerptView).location
        claims.focus()
        claims.select_record(len(claims.records) - 1)
        await pilot.press("enter")
        second = app.screen.query_one(ExcerptView).location
        assert (first.doc, first.start) != (second.doc, second.start)
        await pilot.press("backspace")
        back = app.screen.query_one(ExcerptView).location
        assert (back.doc, back.start) == (first.doc, first.start)


async def test_escape_from_search_returns_focus():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        countries = app.screen.query_one(CountryList)
        await pilot.press("slash")
        await pilot.press("escape")
        assert app.focused is countries


async def test_help_screen_lists_keys():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


async def test_article_markup_and_escapes_render_literally(tmp_path, awkward_corpus):
    from store.build import build_store

    out = tmp_path / "awk.store"
    build_store([awkward_corpus], out)
    app = make_app(out)
    async with app.run_test(size=(120, 40)) as pilot:
        from tui.messages import JumpToSource, Location

        doc = next(d for d in app.store.documents() if d["file"].endswith("markup.txt"))
        app.screen.post_message(JumpToSource(Location(doc["id"])))
        await pilot.pause()
        shown = excerpt_text(app)
        assert "[bold red]Not bold[/]" in shown
        assert "[link=https://evil.example]a link[/link]" in shown
        assert "\x1b" not in shown and "␛" in shown


async def test_broken_store_shows_the_error_screen(tmp_path):
    app = make_app(tmp_path / "missing.store")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert "no store" in str(app.screen.query_one("#error-box", Static).render())
