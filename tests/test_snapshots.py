"""Snapshot tests: what the reader sees, at fixed terminal sizes (update with --snapshot-update).

80×24 (one pane at a time), 100×30 (the list beside the middle pane over the article) and
120×40 (three panes) on the seed store, and 120×40 on a store of a few hundred generated
articles, where every list pages and the country rows must fit their columns.
"""
from __future__ import annotations

from textual.widgets import Input

from tui.app import make_app
from tui.widgets.country_list import CountryList


async def steady(pilot) -> None:
    """No blinking cursor, no pending work: the same picture every run."""
    from conftest import settle

    await settle(pilot.app, pilot)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def choose(pilot, code: str) -> None:
    await steady(pilot)
    countries = pilot.app.screen.query_one(CountryList)
    countries.highlighted = [c["code"] for c in countries.shown].index(code)
    await pilot.press("enter")
    await steady(pilot)


def test_main_screen_80x24(snap_compare):
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=steady)


def test_a_claim_read_at_100x30(snap_compare):
    async def run_before(pilot):
        await choose(pilot, "BR")
        await pilot.press("enter")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=run_before)


def test_main_screen_120x40(snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=steady)


def test_help_screen(snap_compare):
    async def run_before(pilot):
        await steady(pilot)
        await pilot.press("question_mark")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_search_results(snap_compare):
    async def run_before(pilot):
        await steady(pilot)
        pilot.app.screen.clock = lambda: 0.0  # the status line shows the query's time: freeze it
        await pilot.press("slash", *"sanciones", "enter")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_contested_country(snap_compare):
    async def run_before(pilot):
        await choose(pilot, "BR")

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)


def test_a_big_country_on_a_generated_store_120x40(snap_compare, generated_store):
    async def run_before(pilot):
        await choose(pilot, "RU")
        await pilot.press("enter")
        await steady(pilot)

    assert snap_compare(make_app(generated_store), terminal_size=(120, 40), run_before=run_before)


def test_events_chart_with_a_bar_chosen_80x24(snap_compare):
    async def run_before(pilot):
        await steady(pilot)
        await pilot.press("1", "right", "right", "right", "right", "right", "right", "right")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_events_chart_and_stance_over_time_120x40(snap_compare):
    async def run_before(pilot):
        await choose(pilot, "RU")
        await pilot.press("2", "right")
        await steady(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=run_before)
