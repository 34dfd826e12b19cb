"""The app on hostile articles: text is never markup and never reaches the terminal as control codes.

Titles, front matter, file names and the store's own folder name carry Rich/Textual
markup ([bold], [link=…], [@click=…]), ANSI/CSI sequences, OSC 8 links and OSC 52
clipboard writes. Each pane must show them literally; the tests read what reaches
the screen: the characters of every cell, and the terminal stream Textual would write.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.app import make_app
from tui.messages import JumpToSource, Location

# Markup and escapes first: labels are cut to a width, and what is cut off cannot be tested.
EVIL = ("[@click=app.quit]Q[/] \x1b[31mR\x1b[0m \x1b]52;c;eA==\x07 \x9b31m [bold red]B[/] "
        "[link=https://evil.example]L[/link] \x1b]8;;https://evil.example\x07O\x1b]8;;\x07")
CONTROL = ("\x1b", "\x07", "\x9b")


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    from store.build import build_store

    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "c"
    corpus.mkdir()
    (corpus / "front.md").write_text(
        f"---\ntitle: {EVIL}\n---\nBrasil respalda a Venezuela. Rusia apoya al gobierno de Venezuela.\n",
        encoding="utf-8")
    (corpus / "[bold]named[@click=app.quit].txt").write_text(
        f"{EVIL}\nChina respalda a Venezuela.\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(corpus), b"esc\x1b]52;c;ZXZpbA==\x07\xff.txt"), "w") as f:
        f.write("Irán respalda al gobierno de Venezuela.\n")
    store = root / "hostile.store"
    build_store([corpus], store)
    return store


def cells(app) -> str:
    """Every character on the screen, line by line (styles aside)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip if not seg.control) for strip in strips)


def terminal(app) -> str:
    """What Textual would write to the terminal to draw the screen."""
    return app.screen._compositor.render_update(full=True).render_segments(app.console)


def assert_harmless(app) -> None:
    shown = cells(app)
    for ch in CONTROL:
        assert ch not in shown, f"{ch!r} reached the screen"
    stream = terminal(app)
    assert "\x1b]52" not in stream and "\x1b]8;;https://evil" not in stream


from conftest import settle  # noqa: E402


async def test_document_list_shows_markup_titles_literally(hostile_store):
    app = make_app(hostile_store)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert "[@click=app.quit]Q[/]" in cells(app)
        assert_harmless(app)


async def test_excerpt_head_and_text_are_harmless_for_every_document(hostile_store):
    app = make_app(hostile_store)
    async with app.run_test(size=(160, 50)) as pilot:
        for doc in app.store.documents():
            app.screen.post_message(JumpToSource(Location(doc["id"])))
            await pilot.pause()
            assert_harmless(app)


@pytest.mark.parametrize("pane", ["claims", "mentions", "results"])
async def test_list_panes_show_titles_harmlessly(hostile_store, pane):
    from textual.widgets import Input, TabbedContent

    from tui.widgets.country_list import CountryList

    app = make_app(hostile_store)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        if pane == "results":
            await pilot.press("slash")
            app.screen.query_one("#search", Input).value = "Venezuela"
            await app.workers.wait_for_complete()
        else:
            # Brazil's claim quotes the front-matter article; Venezuela is mentioned in every document.
            countries = app.screen.query_one(CountryList)
            countries.highlighted = [c["code"] for c in countries.shown].index("BR" if pane == "claims" else "VE")
            countries.focus()
            await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#middle", TabbedContent).active = pane
        await pilot.pause()
        assert "[@click=app.quit]Q[/]" in cells(app)
        assert_harmless(app)


async def test_header_shows_the_store_name_harmlessly(hostile_store, tmp_path):
    import shutil

    store = tmp_path / "[b]store\x1b[31m.store"
    shutil.copytree(hostile_store, store, symlinks=True)
    app = make_app(store)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        assert "[b]store" in cells(app).splitlines()[0]
        assert_harmless(app)


async def test_command_palette_lists_markup_titles_literally(hostile_store):
    app = make_app(hostile_store)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Document")
        await pilot.pause(0.3)
        shown = cells(app)
        assert "[@click=app.quit]Q[/]" in shown
        assert_harmless(app)
