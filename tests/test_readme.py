"""The README shows the app as it is: its screen capture is what the app draws, its key table
names every key the app binds (and so does the help screen)."""
from __future__ import annotations

import re

from conftest import ROOT, settle
from tui.app import make_app
from tui.screens.help import KEYS
from tui.screens.main import MainScreen
from tui.widgets.country_list import CountryList
from tui.widgets.document_list import DocumentList
from tui.widgets.event_list import EventList
from tui.widgets.excerpt import ExcerptView
from tui.widgets.paged_list import PagedList
from tui.widgets.record_list import RecordList

README = (ROOT / "README.md").read_text(encoding="utf-8")
SHOWN = {"slash": "/", "question_mark": "?", "right_square_bracket": "]", "left_square_bracket": "[",
         "backspace": "Backspace", "alt+left": "Alt+←", "alt+right": "Alt+→", "shift+tab": "Shift+Tab",
         "tab": "Tab", "f1": "F1", "escape": "Esc", "left": "←", "right": "→"}


def cells(app) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip if not seg.control).rstrip() for strip in strips)


async def test_the_screen_capture_is_what_the_app_draws():
    capture = README.split("What a reader sees", 1)[1].split("```text\n", 1)[1].split("\n```", 1)[0]
    size = re.search(r"at (\d+)×(\d+)", README.split("What a reader sees", 1)[1]).groups()
    app = make_app()
    async with app.run_test(size=(int(size[0]), int(size[1]))) as pilot:
        await settle(app, pilot)
        await pilot.press(*"Bra", "enter", "enter", "enter")
        await settle(app, pilot)
        await pilot.pause(0.3)
        assert cells(app) == "\n".join(line.rstrip() for line in capture.splitlines())


def test_every_key_the_app_binds_is_in_the_readme_table_and_in_help():
    table = README.split("| key | does |", 1)[1].split("\n\n", 1)[0]
    keys_column = " ".join(row.split("|")[1] for row in table.splitlines()[1:] if row.startswith("|"))
    help_keys = " ".join(key for _, rows in KEYS for key, _ in rows)
    for cls in (MainScreen, PagedList, RecordList, CountryList, DocumentList, EventList, ExcerptView):
        for binding in cls.BINDINGS:
            for key in binding.key.split(","):
                shown = SHOWN.get(key, key)
                if key in ("enter", "up", "down", "escape") or key.startswith("ctrl"):
                    continue
                assert re.search(rf"(^|[\s·/,]){re.escape(shown)}($|[\s·/,])", keys_column), (cls.__name__, key)
                assert re.search(rf"(^|[\s·/,]){re.escape(shown)}($|[\s·/,])", help_keys), (cls.__name__, key)
