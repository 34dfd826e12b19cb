"""Layout that fits (issue 15, point 5) and words that agree with their numbers (point 8).

What was seen on a big store: country rows wrapped at every width; at 120×40 a claim took
8-12 lines, each repeating the article's first sentence as its "title"; at 100×30 the
article got 10 rows, 6 of them header; hits showed a raw score but no date or file; the
focused pane was not marked; the search placeholder was cut; "1 passages", "1 events".
"""
from __future__ import annotations

import pytest
from textual.widgets import Input, Static, TabbedContent

from conftest import settle
from tui.app import make_app
from tui.render import noun, plural
from tui.widgets.claim_list import ClaimList
from tui.widgets.country_list import CountryList
from tui.widgets.search_results import SearchResults


def heights(widget) -> list[int]:
    widget._update_lines()
    return [widget._heights[i] for i in range(widget.option_count)]


def row_text(widget, index: int) -> str:
    """An option's text, its lines joined by spaces."""
    return " ".join(str(widget.get_option_at_index(index).prompt).splitlines())


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40), (160, 50)])
async def test_country_rows_never_wrap(generated_store, size):
    app = make_app(generated_store)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        countries = app.screen.query_one(CountryList)
        assert countries.option_count == len(countries.shown) > 10
        assert set(heights(countries)) == {1}
        # What fits shows: the contested flag always, the stance counts from 100 columns on.
        ru = row_text(countries, [c["code"] for c in countries.shown].index("RU"))
        assert "⚑" in ru
        if size[0] >= 100:
            st = app.store.country("RU")["stances"]
            assert f"{st['supports']}▲{st['opposes']}▼{st['neutral']}◆" in ru


async def test_claims_take_two_lines_and_name_their_source_by_file_when_the_title_is_a_sentence(generated_store):
    app = make_app(generated_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        countries = app.screen.query_one(CountryList)
        countries.highlighted = [c["code"] for c in countries.shown].index("RU")
        await pilot.press("enter")
        claims = app.screen.query_one(ClaimList)
        rows = [i for i, o in enumerate(claims.options) if o.id and o.id.startswith("r")]
        assert {heights(claims)[i] for i in rows} == {2}
        for i in rows[:20]:
            record = claims._record(claims.get_option_at_index(i).id)
            doc = app.screen.docs[record["doc"]]
            source = row_text(claims, i).split(" — ", 1)[1]
            if doc.get("title_source") == "sentence":
                assert source.startswith(doc["file"]) and doc["title"][:20] not in source


async def test_the_article_gets_most_of_the_height_at_100x30():
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("tab", "enter")
        excerpt, middle = app.screen.query_one("#excerpt"), app.screen.query_one("#middle-col")
        assert excerpt.size.height > middle.size.height
        head = app.screen.query_one("#excerpt-head", Static)
        assert head.outer_size.height <= 5 and excerpt.size.height - head.outer_size.height >= 10


async def test_search_rows_show_date_and_file():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"sanciones", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        results = app.screen.query_one(SearchResults)
        for i, o in enumerate(results.options):
            hit = results._record(o.id)
            doc = app.screen.docs[hit["doc"]]
            first_line = row_text(results, i).split(" ")[0:3]
            assert (doc.get("published") or "undated") in first_line and hit["file"] in first_line


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40)])
async def test_the_focused_pane_is_marked_and_the_placeholder_fits(size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        for _ in range(3):
            pane = app.screen._pane_of(app.focused)
            node = {"left": "#left", "middle": "#middle-col", "excerpt": "#excerpt"}[pane]
            for name in ("#left", "#middle-col", "#excerpt"):
                widget = app.screen.query_one(name)
                if widget.display and widget.parent.display:
                    assert (widget.styles.border_top[0] == "heavy") == (name == node), (name, node)
            await pilot.press("tab")
        await pilot.press("slash")
        box = app.screen.query_one("#search", Input)
        assert 0 < len(box.placeholder) <= box.content_region.width


async def test_a_store_of_one_of_everything_speaks_in_the_singular(tmp_path):
    from store.build import build_store

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("El 7 de mayo de 2025 Rusia firmó un acuerdo con Venezuela.\n", encoding="utf-8")
    out = tmp_path / "one.store"
    build_store([corpus], out)
    app = make_app(out)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        sub = app.sub_title
        assert "1 document ·" in sub and " 1 event" in sub and "1 documents" not in sub
        await pilot.press("slash", *"acuerdo")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "1 passage for “acuerdo”" in str(app.screen.query_one("#status", Static).render())
        await pilot.press("escape", "d")
        docs = app.screen.query_one("#document-list")
        assert "1 document by file" in str(app.screen.query_one("#left", TabbedContent).border_title)
        counts = row_text(docs, 0)
        assert "1 event" in counts and "1 events" not in counts


def test_plural():
    assert [plural(n, "passage") for n in (0, 1, 2, 1440)] == ["0 passages", "1 passage", "2 passages",
                                                                "1,440 passages"]
    assert (noun(1, "match"), noun(3, "match"), noun(2, "country"), noun(2, "more claim")) == \
        ("match", "matches", "countries", "more claims")


def test_a_tab_gives_a_big_count_in_thousands_and_a_small_one_exactly():
    from tui.screens.main import short_count

    assert [short_count(n) for n in (0, 1, 9_999, 10_000, 13_073, 1_250_000)] == \
        ["0", "1", "9,999", "10k", "13k", "1,250k"]


def test_tab_labels_give_up_counts_then_names_but_never_a_tab():
    from tui.screens.main import tab_labels

    counts = {"events": "15", "claims": "101", "mentions": "13k", "results": None, "bookmarks": "2 ✗"}
    wide = tab_labels(counts, "claims", 200)
    assert wide == {"events": "1 Events 15", "claims": "2 Claims 101", "mentions": "3 Mentions 13k",
                    "results": "4 Search", "bookmarks": "5 Bookmarks 2 ✗"}
    assert tab_labels(counts, "claims", 60)["events"] == "1 Events" and tab_labels(counts, "claims", 60)["claims"] == "2 Claims 101"
    narrow = tab_labels(counts, "claims", 37)
    assert narrow == {"events": "1·15", "claims": "2 Claims 101", "mentions": "3·13k", "results": "4", "bookmarks": "5·2 ✗"}
    assert set(tab_labels(counts, "claims", 10).values()) == {"1·15", "2·101", "3·13k", "4", "5·2 ✗"}


@pytest.mark.parametrize("width", [120, 130, 160, 200])
async def test_all_five_list_tabs_show_at_every_three_pane_width(width):
    app = make_app()
    async with app.run_test(size=(width, 32)) as pilot:
        await settle(app, pilot)
        for key in ("1", "2", "3"):
            app.screen.action_middle({"1": "events", "2": "claims", "3": "mentions"}[key])
            await settle(app, pilot)
            middle = app.screen.query_one("#middle", TabbedContent)
            bar = middle.query_one("ContentTabs")
            tabs = list(bar.query("ContentTab"))
            assert len(tabs) == 5
            assert all(bar.region.x <= t.region.x and t.region.right <= bar.region.right for t in tabs), width
            if width >= 130:  # room for the active tab's whole label beside the others' keys
                assert str(middle.get_tab(middle.active).label) == app.screen.tab_title(middle.active)


@pytest.mark.parametrize("keys", [("tab", "1"), ("tab", "2"), ("tab", "5"), ("B", "r", "a", "enter", "enter", "enter")])
async def test_the_footer_offers_the_bookmark_key_and_keeps_quit_whole_at_80_columns(keys):
    from test_readme import cells

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        footer = cells(app).splitlines()[-1]
        assert "b Bookmark" in footer and "q Quit" in footer, footer
