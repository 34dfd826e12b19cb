"""Snapshot tests: what the reader sees, at fixed terminal sizes (update with --snapshot-update)."""
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


def test_main_screen_120x40(snap_compare):
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=steady)


def test_help_screen(snap_compare):
    async def run_before(pilot):
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
