"""Stances toward another country, from the keyboard and the palette: the countries' stance
columns, the claims pane, the header and citations follow the target, and come back."""
from __future__ import annotations

import pytest

from conftest import settle
from store.build import build_store
from tui.app import make_app
from tui.widgets.claim_list import ClaimList
from tui.widgets.country_list import CountryList


@pytest.fixture(scope="module")
def two_targets(tmp_path_factory):
    """A corpus about one country (most positions) with a second country others take sides on."""
    root = tmp_path_factory.mktemp("targets")
    (root / "c").mkdir()
    (root / "c" / "a.txt").write_text(
        "Tensión en torno a Venezuela\n\nBrasil respaldó al gobierno de Venezuela. Cuba apoya a Venezuela. "
        "Estados Unidos sancionó a Venezuela por las elecciones.\n", encoding="utf-8")
    (root / "c" / "b.txt").write_text(
        "La guerra en Ucrania\n\nAlemania apoya a Ucrania con armas. Polonia respalda a Ucrania.\n", encoding="utf-8")
    build_store([root / "c"], root / "s.store")
    return root / "s.store"


def claim_rows(screen) -> list[dict]:
    return [r for r in screen.query_one(ClaimList).records if r]


async def test_t_reads_the_stances_toward_the_chosen_country_and_back(two_targets):
    app = make_app(two_targets)
    async with app.run_test(size=(130, 32)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert screen.store.focus == "VE" and screen.target is None
        assert {r["target"] for r in claim_rows(screen)} == {"VE"}
        await pilot.press(*"Ucr", "enter", "enter")  # the filter, then the one country left
        await settle(app, pilot)
        assert screen.country == "UA"
        await pilot.press("T")
        await settle(app, pilot)
        # toward Ukraine: every country's claims toward it, the chosen country left for all of them
        assert screen.target == "UA" and screen.country is None
        rows = claim_rows(screen)
        assert {(r["country"], r["target"], r["stance"]) for r in rows} == {("DE", "UA", "supports"),
                                                                            ("PL", "UA", "supports")}
        assert app.sub_title.endswith("2 claims toward Ucrania")
        assert "toward Ucrania" in str(screen.query_one("#middle-col").border_subtitle)
        by_code = {c["code"]: c for c in screen.query_one(CountryList).countries}
        assert by_code["DE"]["stances"]["supports"] == 1 and by_code["BR"]["stances"]["supports"] == 0
        # a citation names the target it was read toward
        assert screen.citation_of(rows[0]).count("toward Ukraine") == 1
        await pilot.press("T")  # with no country chosen: back toward the focus
        await settle(app, pilot)
        assert screen.target is None
        assert {r["target"] for r in claim_rows(screen)} == {"VE"}
        assert app.sub_title.endswith("3 claims toward Venezuela")
        by_code = {c["code"]: c for c in screen.query_one(CountryList).countries}
        assert by_code["BR"]["stances"]["supports"] == 1 and by_code["DE"]["stances"]["supports"] == 0


async def test_the_palette_reads_stances_toward_any_country(two_targets):
    app = make_app(two_targets)
    async with app.run_test(size=(130, 32)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Stances toward Ukraine")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.target == "UA"
        assert {r["country"] for r in claim_rows(screen)} == {"DE", "PL"}
