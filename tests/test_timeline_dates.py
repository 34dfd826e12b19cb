"""The timeline says how each date was reached: a report with no date of its own shows with the
date of another report of the same happening, marked inferred, and once with its sources."""
from __future__ import annotations

from conftest import settle
from test_readme import cells
from store.build import build_store
from tui.app import make_app
from tui.widgets.event_list import EventList, date_note


def test_a_date_note_names_where_the_date_came_from():
    assert date_note({"date": "2026-03-08", "date_inferred": True}) == "date inferred · "
    assert date_note({"date": "2026-03-08", "approximate": True}) == "article's date · "
    assert date_note({"date": "2026-03-08"}) == "" and date_note({"date": None}) == ""


async def test_an_undated_report_shows_once_with_the_clusters_date_marked_inferred(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.md").write_text(
        "---\ntitle: Ataque en Járkov\ndate: 2026-03-10\n---\nEl 8 de marzo de 2026, fuerzas de Rusia "
        "bombardearon la ciudad de Járkov, en Ucrania, y dejaron 12 muertos según el alcalde Ihor Terejov.\n",
        encoding="utf-8")
    (tmp_path / "c" / "b.txt").write_text(
        "Kharkiv strike\n\nRussian forces bombed the Ukrainian city of Kharkiv, leaving 12 dead, "
        "mayor Ihor Terekhov said.\n", encoding="utf-8")
    build_store([tmp_path / "c"], tmp_path / "s.store")
    app = make_app(tmp_path / "s.store")
    async with app.run_test(size=(130, 32)) as pilot:
        await settle(app, pilot)
        await pilot.press("1")
        await settle(app, pilot)
        timeline = app.screen.query_one(EventList)
        shown = [r for r in timeline.records if r]
        members = [e for e in shown if e.get("cluster")]
        assert len(members) == 2 and {e["date"] for e in members} == {"2026-03-08"}
        assert [e.get("date_inferred", False) for e in members].count(True) == 1
        screen_text = cells(app)
        assert screen_text.count("2 sources") == 1 and screen_text.count("2026-03-08") == 1  # shown once
        inferred = next(e for e in members if e.get("date_inferred"))
        assert "date inferred" in str(timeline.render_record(inferred).renderables[1])
