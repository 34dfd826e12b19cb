"""Every list complete, every total true (issue 15, point 1), on a store of a few hundred articles.

What was seen: Russia's claims tab said 1,368 but the list held one page and `G` ended there
with no "more"; search said "100 passages" where there were 686; the mentions tab read 0 in
all-countries mode.
"""
from __future__ import annotations

import pytest
from textual.widgets import Static, TabbedContent

from conftest import settle
from tui.app import make_app
from tui.paging import Gap
from tui.screens.main import short_count
from tui.widgets.claim_list import ClaimList
from tui.widgets.country_list import CountryList
from tui.widgets.event_list import EventList
from tui.widgets.mention_list import MentionList
from tui.widgets.search_results import SearchResults


async def choose(pilot, code: str) -> None:
    await settle(pilot.app, pilot)
    countries = pilot.app.screen.query_one(CountryList)
    countries.focus()
    countries.highlighted = [c["code"] for c in countries.shown].index(code)
    await pilot.press("enter")
    await pilot.pause()


def option_texts(widget) -> list[str]:
    return [" ".join(str(o.prompt).splitlines()) for o in widget.options]


def key(r: dict) -> tuple:
    return r["doc"], r["start"], r["end"]


async def test_claims_show_every_stance_total_and_page_in_to_the_last(generated_store):
    app = make_app(generated_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await choose(pilot, "RU")
        s = app.store
        claims = app.screen.query_one(ClaimList)
        totals = s.stance_counts("RU")
        assert claims.stance_totals == {k: v for k, v in totals.items() if v}
        assert claims.total == s.counts("RU")["claims"] > len(claims.records)
        texts = option_texts(claims)
        for stance, n in totals.items():
            assert any(t.startswith(f"{ {'supports': '▲', 'opposes': '▼', 'neutral': '◆'}[stance]} {stance}")
                       and f"{n:,} claims" in t for t in texts)
        first = claims.sections[0]
        gap = next(e for e in first.pages.entries() if isinstance(e, Gap))
        assert f"… {gap.count:,} more ▲ supports claims" in texts[claims.get_option_index(f"g0:{gap.offset}")]
        # G: the very last claim of the last stance, though it was not loaded.
        await pilot.press("G")
        last = claims.sections[-1]
        stance = last.extra["stance"]
        assert key(claims.current) == key(s.claims_page("RU", totals[stance] - 1, 1, stance=stance)[0])
        # g, then down through the first page: the next page comes in, no row twice, none skipped.
        await pilot.press("g")
        loaded = first.pages.loaded
        for _ in range(loaded + 3):
            await pilot.press("j")
        assert first.pages.loaded > loaded
        expected = s.claims_page("RU", 0, first.pages.loaded, stance="supports")
        assert [key(r) for r in first.pages.rows()] == [key(r) for r in expected]
        assert key(claims.current) == key(expected[loaded + 3])  # as if the rows had been there all along


async def test_scrolling_down_brings_the_next_page_in(generated_store):
    app = make_app(generated_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await choose(pilot, "RU")
        mentions = app.screen.query_one(MentionList)
        await pilot.press("3")
        loaded = mentions.sections[0].pages.loaded
        mentions.scroll_end(animate=False)  # the wheel or the scrollbar, not the cursor
        for _ in range(10):
            await pilot.pause(0.05)
        assert mentions.sections[0].pages.loaded > loaded


async def test_events_page_in_and_G_reaches_the_last_event(generated_store):
    app = make_app(generated_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await choose(pilot, "RU")
        await pilot.press("1")
        events = app.screen.query_one(EventList)
        total = app.store.counts("RU")["events"]
        assert events.total == total > events.sections[0].pages.loaded
        await pilot.press("G")
        last = app.store.events_page("RU", total - 1, 1)[0]
        assert key(last) in {key(r) for r in events.records}
        assert events.current["date"] == max((e.get("date") or "") for e in events.records) or \
            events.current.get("date") is None


async def test_all_countries_mode_lists_every_mention_with_its_total(generated_store):
    app = make_app(generated_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        total = app.store.counts()["mentions"]
        assert app.screen.tab_title("mentions") == f"3 Mentions {short_count(total)}" and total > 0
        mentions = app.screen.query_one(MentionList)
        assert mentions.total == total and mentions.records


async def test_search_says_the_engines_count_and_pages_in_every_hit(generated_store):
    app = make_app(generated_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.clock = lambda: 0.0
        await pilot.press("slash", *"sanciones", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        total = app.store.search_count("sanciones", partial=True)
        assert total > 100
        results = app.screen.query_one(SearchResults)
        assert results.total == total and len(results.records) == 100
        status = str(app.screen.query_one("#status", Static).render())
        assert f"{total:,} passages, best 100 shown for “sanciones”" in status
        assert app.screen.tab_title("results") == f"4 Search {short_count(total)}"
        await pilot.press("G")  # the last page too: the count says what the list holds now
        assert f"{total:,} passages, 200 shown for “sanciones”" in str(app.screen.query_one("#status", Static).render())
        await pilot.press("g")
        # Every hit comes in as the reader goes down, each once.
        while not results.sections[0].pages.complete:
            await pilot.press("pagedown")
        assert f"{total:,} passages for “sanciones”" in str(app.screen.query_one("#status", Static).render())
        keys = [key(h) for h in results.records]
        assert len(keys) == len(set(keys)) == total
        assert set(keys) == {key(h) for h in app.store.search("sanciones", limit=10_000, partial=True)}


def test_the_cli_says_when_it_cuts(generated_store):
    import json
    import subprocess
    import sys

    from conftest import ROOT

    def run(*args):
        return subprocess.run([sys.executable, "-m", "tui", "search", *args, "--store", str(generated_store)],
                              cwd=ROOT, capture_output=True, text=True)
    from store import open_store

    total = open_store(generated_store).search_count("sanciones")
    cut = run("sanciones")
    assert cut.returncode == 0 and cut.stderr.strip() == f"20 of {total:,} passages (use --limit)"
    assert len(cut.stdout.strip().splitlines()) == 21  # the header and 20 hits
    as_json = run("sanciones", "--json", "--limit", "5")
    assert len(json.loads(as_json.stdout)) == 5 and as_json.stderr.strip() == f"5 of {total:,} passages (use --limit)"
    whole = run("sanciones", "--limit", str(total))
    assert whole.stderr == ""
