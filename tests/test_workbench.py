"""The analyst's workbench (issue 16): bookmarks and notes that re-anchor truthfully after a
rebuild, search history, saved searches, exports of the list on screen, opening the source.

Every test keeps the user's data in its temp folder (conftest sets XDG_DATA_HOME)."""
from __future__ import annotations

import contextlib
import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, strategies as st
from textual.widgets import Input, TabbedContent

from conftest import settle
from store.build import build_store
from store.export import read_csv_tables
from tui.anchors import EXACT, MOVED, ORPHANED, capture, reanchor
from tui.app import make_app
from tui.cli import main
from tui.messages import Bookmark, JumpToSource, Location
from tui.screens.main import MainScreen
from tui.screens.prompt import ChoiceScreen, PromptScreen
from tui.widgets.bookmark_list import BookmarkList
from tui.widgets.claim_list import ClaimList
from tui.widgets.excerpt import ExcerptView
from tui.workbench import Workbench

# Short articles written for these tests.
ALPHA = ("---\ntitle: Cumbre en Brasilia\ndate: 2025-03-04\nurl: https://example.org/alfa\n---\n"
         "Cumbre en Brasilia\n\nBrasil respaldó al gobierno de Venezuela durante la cumbre regional. "
         "Los cancilleres hablaron de comercio y de energía.\n")
BETA = ("---\ntitle: Sanciones nuevas\ndate: 2025-09-20\n---\n"
        "Sanciones nuevas\n\nEstados Unidos sancionó a Venezuela por las elecciones de julio. "
        "Cuba apoya a Venezuela frente a las sanciones.\n")
GAMMA = ("---\ntitle: Energía en el Caribe\ndate: 2026-01-15\n---\n"
         "Energía en el Caribe\n\nRusia envió crudo a Cuba en enero. China firmó un acuerdo con Venezuela.\n")


def write_corpus(root: Path) -> Path:
    corpus = root / "articles"
    corpus.mkdir(parents=True)
    for name, text in (("alfa.md", ALPHA), ("beta.md", BETA), ("gamma.md", GAMMA)):
        (corpus / name).write_text(text, encoding="utf-8")
    return corpus


@pytest.fixture()
def small_store(tmp_path) -> tuple[Path, Path]:
    corpus = write_corpus(tmp_path)
    out = tmp_path / "small.store"
    build_store([corpus], out)
    return corpus, out


def exports(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "xdg-data" / "fuente" / "exports"
    return sorted(folder.iterdir(), key=lambda p: p.stat().st_mtime_ns) if folder.exists() else []


# ---------------------------------------------------------------- anchors, alone
def test_reanchor_exact_moved_and_orphaned():
    text = "Uno dijo: Brasil apoya. Otro dijo: Brasil apoya. Fin."
    mark = capture(text, 35, 47)  # the second "Brasil apoya"
    assert reanchor(mark, text).state == EXACT
    moved = reanchor(mark, "Prefacio. " + text)
    assert (moved.state, moved.start) == (MOVED, 45)  # the occurrence whose context matches, not the first
    assert reanchor(mark, "Nadie apoya a nadie.").state == ORPHANED
    assert reanchor(mark, None).state == ORPHANED


def test_reanchor_prefers_the_nearest_when_contexts_tie():
    text = "x Brasil apoya x " * 3
    mark = {"quote": "Brasil apoya", "start": 19, "end": 31, "before": "", "after": ""}
    # occurrences at 4, 21 and 38 after two characters were added: the one nearest the old 19
    assert reanchor(mark, "  " + text) == (MOVED, 21, 33)


@given(st.text(max_size=80), st.text(max_size=80), st.data())
def test_a_reanchored_quote_is_always_the_quote_or_orphaned(old, new, data):
    if not old:
        return
    start = data.draw(st.integers(0, len(old) - 1))
    end = data.draw(st.integers(start + 1, len(old)))
    a = reanchor(capture(old, start, end), new)
    if a.state == ORPHANED:
        assert (a.start, a.end) == (start, end)  # the old place kept, nothing attached
    else:
        assert new[a.start:a.end] == old[start:end]


# ---------------------------------------------------------------- b, a, the pane, Enter
async def test_bookmark_a_claim_add_a_note_and_jump_to_it(tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("2")  # the claims
        claim = screen.query_one(ClaimList).current
        await pilot.press("b")
        await pilot.pause()
        marks = screen.workbench.bookmarks()
        assert len(marks) == 1 and marks[0]["kind"] == "claim" and marks[0]["quote"] == claim["text"]
        # a on the next claim: a note and tags; [bold] in a note is text
        await pilot.press("j", "a")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"ver [bold]fuente", "tab", *"#cuba, energía")
        await pilot.press("enter")
        await pilot.pause()
        noted = screen.workbench.bookmarks()[1]
        assert (noted["note"], noted["tags"]) == ("ver [bold]fuente", ["cuba", "energía"])
        # a, then Esc: nothing changes, the screen is as it was
        await pilot.press("a", *"lost")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and screen.workbench.bookmarks()[1]["note"] == "ver [bold]fuente"
        # the pane lists both, exact; Enter opens the passage, highlighted
        await pilot.press("5")
        await pilot.pause()
        assert screen.query_one("#middle", TabbedContent).active == "bookmarks"
        pane = screen.query_one(BookmarkList)
        assert [m["state"] for m in pane.marks] == [EXACT, EXACT]
        await pilot.press("enter")
        await pilot.pause()
        view = screen.query_one(ExcerptView)
        assert app.focused is view
        assert (view.location.start, view.location.end) == (marks[0]["start"], marks[0]["end"])
        assert view.location.highlights == [(marks[0]["start"], marks[0]["end"])]
        # b in the article bookmarks the passage shown: already there
        await pilot.press("b")
        await pilot.pause()
        assert len(screen.workbench.bookmarks()) == 2
    # the store is never written: the bookmarks live in the data folder
    assert Workbench(None).path.is_relative_to(tmp_path / "xdg-data")


async def test_x_removes_a_bookmark_and_a_broken_data_file_is_one_notice(tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press("2", "b", "5")
        await pilot.pause()
        assert len(screen.query_one(BookmarkList).marks) == 1
        await pilot.press("x")
        await pilot.pause()
        assert screen.query_one(BookmarkList).marks == [] and screen.workbench.bookmarks() == []
        screen.workbench.path.write_text("{not json", encoding="utf-8")
        await pilot.press("2", "b")
        await pilot.pause()
        assert app.is_running and screen.query_one(BookmarkList).marks == []
        assert any(n.message.startswith("not bookmarked:") for n in app._notifications)


async def test_bookmarks_are_read_after_the_first_paint(tmp_path):
    Workbench(None).save("x", "iran")
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert not screen.workbench_ready  # the first screen does not wait for user data
        await settle(app, pilot)
        assert screen.workbench_ready


# ---------------------------------------------------------------- re-anchoring after a rebuild
async def test_bookmarks_reanchor_after_the_source_changed_and_the_store_was_rebuilt(small_store):
    corpus, out = small_store
    moving = "Los cancilleres hablaron de comercio y de energía."
    going = "Cuba apoya a Venezuela frente a las sanciones."
    staying = "China firmó un acuerdo con Venezuela."
    from store import open_store

    wb = Workbench(out)
    with open_store(out) as s:
        by_file = {d["file"]: d for d in s.documents()}
        for name, quote in (("alfa.md", moving), ("beta.md", going), ("gamma.md", staying)):
            doc = s.document(by_file[name]["id"])
            start = doc["text"].index(quote)
            wb.add({"doc": doc["id"], "start": start, "end": start + len(quote)}, doc, doc["text"], "passage")
    old = {m["quote"]: m for m in wb.bookmarks()}
    # alfa: a paragraph inserted before the quote; beta: the quote rewritten away
    (corpus / "alfa.md").write_text(ALPHA.replace("Cumbre en Brasilia\n\n", "Cumbre en Brasilia\n\nUna nota previa "
                                                  "sobre la agenda del día.\n\n", 1), encoding="utf-8")
    (corpus / "beta.md").write_text(BETA.replace(going, "La Habana guardó silencio."), encoding="utf-8")
    assert main(["index", str(corpus), "--out", str(out), "--rebuild", "--quiet"]) == 0
    app = make_app(out)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        pane = app.screen.query_one(BookmarkList)
        state = {m["quote"]: m for m in pane.marks}
        assert state[staying]["state"] == EXACT
        assert state[moving]["state"] == MOVED and state[moving]["start"] > old[moving]["start"]
        assert state[going]["state"] == ORPHANED and state[going]["start"] == old[going]["start"]
        text = app.screen.store.text(state[moving]["doc"])
        assert text[state[moving]["start"]:state[moving]["end"]] == moving
        # orphans are shown apart, under their own heading, with the old quote
        await pilot.press("5")
        await pilot.pause()
        labels = [getattr(o.prompt, "plain", str(o.prompt)) for o in pane.options]
        heading = next(i for i, x in enumerate(labels) if x.startswith("✗ orphaned: the quote is no longer"))
        orphan = next(i for i, x in enumerate(labels) if going in x)
        assert heading < orphan and labels[orphan].startswith("✗ orphaned passage")
        assert all(going not in x for x in labels[:heading])
        # Enter on an orphan opens nothing
        pane.select_record(len(pane.marks) - 1)
        before = app.screen.query_one(ExcerptView).location
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(ExcerptView).location is before
    # the moved offsets are saved
    assert {m["quote"]: m["state"] for m in Workbench(out).bookmarks()} == {staying: EXACT, moving: MOVED,
                                                                             going: ORPHANED}


async def test_a_rebuild_while_open_reanchors_on_reload(small_store):
    corpus, out = small_store
    quote = "Rusia envió crudo a Cuba en enero."
    app = make_app(out)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        doc = next(d for d in screen.store.documents() if d["file"] == "gamma.md")
        text = screen.store.text(doc["id"])
        start = text.index(quote)
        screen.post_message(Bookmark({"doc": doc["id"], "start": start, "end": start + len(quote)}, "passage"))
        await pilot.pause()
        (corpus / "gamma.md").write_text(GAMMA.replace(quote, "Nada llegó por mar."), encoding="utf-8")
        build_store([corpus], out, update=False)
        app.look_at_store()
        await pilot.press("r")
        await settle(app, pilot)
        assert app.screen is not screen
        assert [m["state"] for m in app.screen.query_one(BookmarkList).marks] == [ORPHANED]


# ---------------------------------------------------------------- history and saved searches
async def test_up_and_down_in_the_search_box_walk_the_history():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        for query in ("iran", "rusia", "rusia"):
            await pilot.press("slash", "ctrl+a", "ctrl+k", *query, "enter")
            await pilot.pause()
        await pilot.press("slash", "ctrl+a", "ctrl+k", *"chi")
        box = app.screen.query_one("#search", Input)
        await pilot.press("up")
        assert box.value == "rusia"
        await pilot.press("up")
        assert box.value == "iran"
        await pilot.press("up")  # the oldest: stays
        assert box.value == "iran"
        await pilot.press("down")
        assert box.value == "rusia"
        await pilot.press("down")  # past the newest: what was being typed
        assert box.value == "chi"
    assert Workbench(None).history() == ["iran", "rusia"]  # no consecutive duplicates, persisted
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", "up")
        assert app.screen.query_one("#search", Input).value == "rusia"


def test_the_history_is_bounded():
    wb = Workbench(None)
    for n in range(105):
        wb.remember(f"q{n}")
    past = wb.history()
    assert len(past) == 100 and past[0] == "q5" and past[-1] == "q104"


async def test_save_a_search_and_run_it_from_the_palette_and_the_cli(capsys):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"sanciones", "enter")
        await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"castigos", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
    assert Workbench(None).saved() == {"castigos": "sanciones"}
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Saved search: castigos")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert screen.query_one("#search", Input).value == "sanciones"
        assert screen.query_one("#middle", TabbedContent).active == "results"
        assert screen.query_one("#search-results").records
    capsys.readouterr()
    assert main(["search", "--saved", "castigos", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all("doc" in h for h in hits)
    assert main(["search", "--saved", "nada"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "'nada'" in err and "castigos" in err


# ---------------------------------------------------------------- e: export the list on screen
async def export_with_keys(app, pilot, fmt_index: int) -> None:
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ChoiceScreen)
    await pilot.press(*["down"] * fmt_index, "enter")
    await pilot.pause()


async def test_export_each_list_and_read_it_back(tmp_path):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        await pilot.press(*"Bra", "enter", "enter")  # Brazil's claims
        await settle(app, pilot)
        claims = [r for r in screen.query_one(ClaimList).records]
        await export_with_keys(app, pilot, 1)  # CSV
        [path] = exports(tmp_path)
        rows = read_csv_tables(path.read_text(encoding="utf-8"))["claims"]
        assert len(rows) == len(claims)
        assert {(r["country"], r["stance"], r["target"]) for r in rows} == \
            {("BR", c["stance"], "VE") for c in claims}
        assert all(r["file"] and r["start"] and r["quote"] and "characters" in r["citation"] for r in rows)
        # the events list, as JSON
        await pilot.press("1")
        await export_with_keys(app, pilot, 2)
        path = exports(tmp_path)[-1]
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["kind"] == "events" and len(data["rows"]) == screen.query_one("#event-list").total
        assert all(r["kind"] == "event" and "event_date" in r for r in data["rows"])
        # search hits, as Markdown: one table row per hit, pipes escaped
        await pilot.press("slash", *"sanciones", "enter")
        await settle(app, pilot)
        total = screen.query_one("#search-results").total
        await export_with_keys(app, pilot, 0)
        path = exports(tmp_path)[-1]
        assert path.name.startswith("fuente-hits-") and path.suffix == ".md"
        lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("| ")]
        assert len(lines) == total + 1  # the header, then the hits
        # bookmarks
        await pilot.press("b", "5")
        await pilot.pause()
        await export_with_keys(app, pilot, 1)
        rows = read_csv_tables(exports(tmp_path)[-1].read_text(encoding="utf-8"))["bookmarks"]
        assert len(rows) == 1 and rows[0]["state"] == "exact" and rows[0]["kind"] == "hit"
        # Esc in the format choice exports nothing
        n = len(exports(tmp_path))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert len(exports(tmp_path)) == n and app.screen is screen
        # the mentions of the country chosen (Brazil), as JSON
        await pilot.press("3")
        await pilot.pause()
        await export_with_keys(app, pilot, 2)
        data = json.loads(exports(tmp_path)[-1].read_text(encoding="utf-8"))
        assert data["kind"] == "mentions" and len(data["rows"]) == screen.query_one("#mention-list").total
        assert {r["country"] for r in data["rows"]} == {"BR"}


def test_markdown_cells_keep_article_text_literal():
    from store.export import md_cell

    assert md_cell("a | b\n[bold]*x*") == r"a \| b<br>\[bold\]\*x\*"


# ---------------------------------------------------------------- fuente export csv | md
def test_cli_export_csv_and_md_by_country_and_dates(small_store, capsys):
    _, out = small_store
    assert main(["export", "--store", str(out), "--format", "csv", "--country", "Cuba",
                 "--since", "2025-06", "--until", "2025-12-31"]) == 0
    tables = read_csv_tables(capsys.readouterr().out)
    assert set(tables) == {"documents", "countries", "events", "claims", "relations", "mentions"}
    assert [d["file"] for d in tables["documents"]] == ["beta.md"]
    assert [c["code"] for c in tables["countries"]] == ["CU"]
    assert tables["mentions"] and {m["country"] for m in tables["mentions"]} == {"CU"}
    assert {m["file"] for m in tables["mentions"]} == {"beta.md"}
    assert all(c["country"] == "CU" for c in tables["claims"])
    assert main(["export", "--store", str(out), "--format", "md", "--since", "2026"]) == 0
    md = capsys.readouterr().out
    docs = md.split("## documents", 1)[1].split("## ", 1)[0]
    assert "gamma.md" in docs and "alfa.md" not in docs and "beta.md" not in docs
    # every table row has as many cells as its header
    for section in md.split("\n## ")[1:]:
        rows = [x for x in section.splitlines() if x.startswith("|")]
        widths = {len(x.replace(r"\|", "").split("|")) for x in rows}
        assert len(widths) == 1


@pytest.mark.parametrize("args, words", [
    (["--format", "csv", "--since", "March"], "--since"),
    (["--format", "md", "--since", "2025-13"], "not a date"),
    (["--format", "md", "--until", "2025-02-30"], "not a date"),
    (["--format", "md", "--country", "Narnia"], "Narnia"),
    (["--format", "csv", "--since", "2026", "--until", "2025"], "after"),
    (["--format", "json", "--country", "CU"], "csv and md"),
])
def test_cli_export_bad_input_is_one_line(args, words, capsys):
    assert main(["export", *args]) != 0
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err


def test_cli_export_json_stays_schema_1(capsys):
    assert main(["export", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == 1 and {"documents", "countries", "mentions", "events", "claims"} <= set(data)


# ---------------------------------------------------------------- o: open the source
async def test_o_opens_the_url_in_the_browser_else_the_file_in_the_pager(small_store, monkeypatch):
    _, out = small_store
    opened, ran = [], []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    monkeypatch.setattr("subprocess.run", lambda cmd, **kw: ran.append(cmd) or subprocess.CompletedProcess(cmd, 0))
    monkeypatch.setenv("PAGER", "less -R")
    app = make_app(out)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
        screen = app.screen
        docs = {d["file"]: d for d in screen.store.documents()}
        text = screen.store.text(docs["beta.md"]["id"])
        start = text.index("Cuba apoya")
        screen.post_message(JumpToSource(Location(docs["beta.md"]["id"], start, start + 10)))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert ran and ran[0][:2] == ["less", "-R"]
        assert ran[0][2] == f"+{text.count(chr(10), 0, start) + 1}" and ran[0][3].endswith("beta.md")
        screen.post_message(JumpToSource(Location(docs["alfa.md"]["id"], 0, 5)))
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        assert opened == ["https://example.org/alfa"]
