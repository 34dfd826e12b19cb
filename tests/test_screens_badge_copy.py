"""The badge checks the source file (issue 15, point 2) and copying says what happened (point 6).

What was seen: after editing one source file and moving another away, the app (even
restarted) showed "✓ verified" for both; "Citation copied" under a terminal that ignored
OSC 52; citations without a claim's country and stance, an event's date, and a cut title.
"""
from __future__ import annotations

import os
import shutil
import stat

from textual.widgets import Static

from conftest import settle
from tui.app import make_app
from tui.clipboard import copy, data_dir, find_tool
from tui.messages import JumpToSource, Location
from tui.widgets.claim_list import ClaimList
from tui.widgets.country_list import CountryList
from tui.widgets.event_list import EventList
from tui.widgets.excerpt import ExcerptView


def head(app) -> str:
    return str(app.screen.query_one("#excerpt-head", Static).render())


async def test_the_badge_says_what_became_of_the_source_file(tmp_path):
    from store.build import build_store

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {"kept.txt": "Rusia firmó un acuerdo con Venezuela.\n",
             "edited.txt": "Cuba condenó la operación en Venezuela.\n",
             "moved.txt": "China pidió diálogo a Venezuela.\n"}
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path / "s.store"
    build_store([corpus], out)
    (corpus / "edited.txt").write_text("Cuba condenó la operación en Venezuela!\n", encoding="utf-8")  # same size
    shutil.move(corpus / "moved.txt", tmp_path / "moved.txt")

    for session in range(2):  # and again after a restart
        app = make_app(out)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            docs = {d["file"]: d for d in app.store.documents()}
            for name, badge in (("kept.txt", "✓ verified"), ("edited.txt", "⚠ changed since indexing"),
                                ("moved.txt", "✗ source missing")):
                d = docs[name]
                app.screen.post_message(JumpToSource(Location(d["id"], 0, 5, [(0, 5)])))
                await pilot.pause()
                assert badge in head(app), (name, head(app))
                # The passage is still shown, from the store.
                view = app.screen.query_one(ExcerptView)
                assert view.doc["text"] == texts[name]
            assert "✓ verified" not in head(app) and "⚠" not in head(app)  # only the last badge shows


def fake_tool(folder, name: str, sink) -> None:
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\nexec {shutil.which('cat')} > {sink}\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_copy_uses_the_system_clipboard_tool_when_there_is_one(tmp_path):
    sink = tmp_path / "clipboard.txt"
    fake_tool(tmp_path / "bin", "xclip", sink)
    env = {"PATH": str(tmp_path / "bin"), "DISPLAY": ":0", "XDG_DATA_HOME": str(tmp_path / "data")}
    assert find_tool(env)[0].endswith("xclip")
    sent = []
    done = copy("“una cita” — Rusia", sent.append, env)
    assert done.tool == "xclip" and sink.read_text(encoding="utf-8") == "“una cita” — Rusia"
    assert sent == [] and done.notice() == "Citation copied to the clipboard (xclip)"
    # Without a display xclip cannot work: not chosen.
    assert find_tool({"PATH": str(tmp_path / "bin")}) is None


def test_without_a_tool_copy_sends_osc52_and_saves_a_file_and_says_so(tmp_path):
    env = {"PATH": str(tmp_path / "empty"), "XDG_DATA_HOME": str(tmp_path / "data")}
    sent = []
    done = copy("“una cita”", sent.append, env)
    assert sent == ["“una cita”"] and done.tool is None
    assert done.path == data_dir(env) / "last-copied.txt" == tmp_path / "data" / "fuente" / "last-copied.txt"
    assert done.path.read_text(encoding="utf-8") == "“una cita”\n"
    assert "OSC 52" in done.notice() and str(done.path) in done.notice()
    # A tool that fails (no clipboard to reach) falls back the same way.
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "wl-copy").write_text("#!/bin/sh\nexit 1\n", encoding="utf-8")
    os.chmod(fake / "wl-copy", 0o755)
    done = copy("x", sent.append, {"PATH": str(fake), "WAYLAND_DISPLAY": "w", "XDG_DATA_HOME": str(tmp_path / "d")})
    assert done.tool is None and sent[-1] == "x"


async def test_copying_a_claim_and_an_event_cites_all_of_it(tmp_path):
    app = make_app()
    sent = []
    app.copy_to_clipboard = sent.append
    notices = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.notify = lambda message, **kw: notices.append(message)
        countries = app.screen.query_one(CountryList)
        countries.highlighted = [c["code"] for c in countries.shown].index("BR")
        await pilot.press("enter")
        claim = app.screen.query_one(ClaimList).current
        await pilot.press("c")
        doc = app.store.document(claim["doc"])
        cite = sent[-1]
        assert cite.startswith(f"“{' '.join(claim['text'].split())}”")
        assert f"Brazil (BR) {claim['stance']} toward Venezuela" in cite
        assert doc["file"] in cite and f"characters {claim['start']}-{claim['end']}" in cite
        assert "OSC 52" in notices[-1] and "last-copied.txt" in notices[-1]
        saved = tmp_path / "xdg-data" / "fuente" / "last-copied.txt"
        assert saved.read_text(encoding="utf-8").strip() == cite
        await pilot.press("1")
        events = app.screen.query_one(EventList)
        event = next(e for e in events.records if e.get("date"))
        events.select_record(events.records.index(event))
        await pilot.press("c")
        assert f"{event['kind']} of {event['date']}" in sent[-1] and "characters" in sent[-1]


async def test_a_real_title_is_cited_whole(tmp_path):
    from store.build import build_store

    corpus = tmp_path / "c"
    corpus.mkdir()
    title = "Cumbre en Brasilia: " + "los cancilleres de la región discuten la crisis venezolana " * 3
    (corpus / "a.md").write_text(f"---\ntitle: {title.strip()}\nurl: https://example.org/cumbre\n---\n"
                                 "Brasil respalda a Venezuela en la cumbre.\n", encoding="utf-8")
    out = tmp_path / "s.store"
    build_store([corpus], out)
    app = make_app(out)
    sent = []
    app.copy_to_clipboard = sent.append
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("3", "c")
        assert f"«{title.strip()}»" in sent[-1] and "https://example.org/cumbre" in sent[-1]
