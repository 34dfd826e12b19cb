"""Hostile input folders: link loops, FIFOs, huge files, odd names, deep trees, odd encodings.

Nothing may crash, hang, lie or lose data: every file is indexed or skipped with a
reason, names that are not UTF-8 survive the trip to JSON and back to the disk, and
what reaches a terminal cannot drive it.
"""
from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import orjson
import pytest
from hypothesis import given, strategies as st

from store.reader import (NotText, Skipped, decode, discover, display_name, local_path, make_document,
                          portable_path, read_sources, summarize_skipped)

ROOT = Path(__file__).resolve().parent.parent
NOT_UTF8 = b"informe_\xff\xfe_caf\xe9.txt"  # a Latin-1 era name: not valid UTF-8
ARTICLE = "Rusia y Venezuela firmaron un acuerdo en Caracas. Brazil and China called for dialogue.\n"


@contextmanager
def no_hang(seconds: int = 20):
    """Turn a hang (a FIFO read, an endless walk) into a failure instead of a stuck test run."""
    def fail(*_):
        raise AssertionError(f"still running after {seconds}s: it hangs")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def rels(found) -> list[str]:
    return [s.rel for s in found.sources]


def reasons(found) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in found.skipped}


# ---------------------------------------------------------------- links
def test_a_link_loop_is_walked_once_with_or_without_following(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text(ARTICLE)
    (tmp_path / "a" / "b" / "back").symlink_to(tmp_path / "a")  # a -> b -> back -> a -> …
    with no_hang():
        followed = discover([tmp_path], follow_links=True)
        not_followed = discover([tmp_path])
    assert rels(followed) == rels(not_followed) == ["a/b/x.txt"]
    assert "link loop" in reasons(followed)["back"]
    assert "--follow-links" in reasons(not_followed)["back"]


def test_a_link_to_a_folder_outside_is_followed_only_when_asked(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text(ARTICLE)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "near.txt").write_text(ARTICLE)
    (corpus / "elsewhere").symlink_to(outside)
    (corpus / "one.txt").symlink_to(outside / "far.txt")
    found = discover([corpus])
    assert rels(found) == ["near.txt"]
    assert {r for r in reasons(found).values()} == {"link to a folder (use --follow-links)",
                                                    "link to a file (use --follow-links)"}
    found = discover([corpus], follow_links=True)
    # The same file reached through two links is indexed once, under the first name found.
    assert rels(found) == ["near.txt", "one.txt"]
    assert "same file as one.txt" in reasons(found)["far.txt"]


def test_a_dangling_link_is_reported_not_raised(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    for follow in (False, True):
        found = discover([tmp_path], follow_links=follow)
        assert rels(found) == [] and "broken link" in reasons(found)["gone.txt"]


# ---------------------------------------------------------------- things that are not files
def test_a_fifo_is_never_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever: nobody writes
    (tmp_path / "ok.txt").write_text(ARTICLE)
    with no_hang():
        found = discover([tmp_path], follow_links=True)
        docs = list(read_sources(found.sources))
    assert [d["file"] for d in docs] == ["ok.txt"]
    assert reasons(found)["pipe.txt"] == "not a regular file (FIFO)"


def test_a_fifo_swapped_in_after_the_walk_is_refused_without_blocking(tmp_path):
    target = tmp_path / "late.txt"
    target.write_text(ARTICLE)
    found = discover([tmp_path])
    target.unlink()
    os.mkfifo(target)
    skipped: list[Skipped] = []
    with no_hang():
        assert list(read_sources(found.sources, skipped=skipped)) == []
    assert skipped[0].kind == "special" and "FIFO" in skipped[0].reason


def test_a_fifo_given_by_name_is_refused(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with no_hang():
        found = discover([tmp_path / "pipe.txt"])
    assert rels(found) == [] and found.skipped[0].kind == "special"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_an_unreadable_file_and_folder_are_reported(tmp_path):
    (tmp_path / "secret.txt").write_text(ARTICLE)
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "x.txt").write_text(ARTICLE)
    (tmp_path / "locked").chmod(0)
    try:
        found = discover([tmp_path])
        skipped: list[Skipped] = []
        assert list(read_sources(found.sources, skipped=skipped)) == []
        assert {s.kind for s in skipped + found.skipped} == {"unreadable"}
    finally:
        (tmp_path / "locked").chmod(0o755)


def test_a_file_that_vanishes_before_reading_is_skipped(tmp_path):
    (tmp_path / "brief.txt").write_text(ARTICLE)
    found = discover([tmp_path])
    (tmp_path / "brief.txt").unlink()
    skipped: list[Skipped] = []
    assert list(read_sources(found.sources, skipped=skipped)) == []
    assert skipped[0].kind == "unreadable" and "No such file" in skipped[0].reason


# ---------------------------------------------------------------- size
def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    with open(tmp_path / "dump.txt", "wb") as f:
        f.truncate(300_000_000)  # sparse: 300 MB on paper, nothing on disk
    skipped: list[Skipped] = []
    docs = list(read_sources(discover([tmp_path]).sources, max_bytes=20_000_000, skipped=skipped))
    assert docs == []
    assert skipped[0].kind == "too-large"
    assert "300,000,000 bytes" in skipped[0].reason and "--max-bytes" in skipped[0].reason


def test_max_bytes_is_a_limit_not_a_guess(tmp_path):
    (tmp_path / "a.txt").write_text("x" * 100)
    assert len(list(read_sources(discover([tmp_path]).sources, max_bytes=100))) == 1
    assert list(read_sources(discover([tmp_path]).sources, max_bytes=99)) == []


# ---------------------------------------------------------------- names
def odd_names(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name in ("con espacios.txt", "new\nline.txt", "100% real.txt", "esc\x1b[31mred.txt"):
        (root / name).write_text(ARTICLE, encoding="utf-8")
    with open(os.path.join(os.fsencode(root), NOT_UTF8), "wb") as f:
        f.write(ARTICLE.encode())
    return root


def test_odd_file_names_are_indexed_under_json_safe_names(tmp_path):
    docs = list(read_sources(discover([odd_names(tmp_path / "c")]).sources))
    files = sorted(d["file"] for d in docs)
    assert files == sorted(["con espacios.txt", "new\nline.txt", "100% real.txt", "esc\x1b[31mred.txt",
                            "informe_\\xff\\xfe_caf\\xe9.txt"])
    for d in docs:
        orjson.dumps({k: v for k, v in d.items()})  # lone surrogates would raise here


def test_a_stored_path_finds_the_file_again_whatever_its_name(tmp_path):
    docs = list(read_sources(discover([odd_names(tmp_path / "c")]).sources))
    for d in docs:
        assert Path(local_path(d["path"])).read_bytes() == ARTICLE.encode()


def test_ids_of_undecodable_names_differ_and_are_stable(tmp_path):
    a = make_document(os.fsdecode(b"a\xff.txt"), b"Texto.")
    b = make_document(os.fsdecode(b"a\xfe.txt"), b"Texto.")
    assert a["id"] != b["id"] and a["file"] != b["file"]
    assert a["id"] == make_document(os.fsdecode(b"a\xff.txt"), b"Texto.")["id"]
    assert make_document("plain.txt", b"x")["id"] == make_document("plain.txt", b"x")["id"]


@given(st.binary(max_size=40))
def test_portable_path_round_trips_any_file_name(raw):
    name = os.fsdecode(raw)
    stored = portable_path(name)
    orjson.dumps(stored)
    assert local_path(stored) == name
    orjson.dumps(display_name(name))


def test_ordinary_paths_are_stored_as_written():
    for path in ("../../seeds/000_6c145a66fcd5894b.txt", "/home/ana/artículos/día 1.md"):
        assert portable_path(path) == path == local_path(path)


def test_skipped_paths_are_always_json_safe():
    s = Skipped(os.fsdecode(b"/x/\xff.txt"), "why", "binary")
    assert s.path == "/x/\\xff.txt"
    orjson.dumps(s.__dict__)


# ---------------------------------------------------------------- shapes of trees
def test_an_empty_file_is_indexed_with_its_name_as_title(tmp_path):
    (tmp_path / "vacío.txt").write_bytes(b"")
    (doc,) = read_sources(discover([tmp_path]).sources)
    assert (doc["title"], doc["chars"], doc["text"]) == ("vacío", 0, "")


def remove_deep(top: Path) -> None:
    """Remove a tree of any depth (shutil.rmtree, like os.walk, recurses once per level)."""
    stack = [(os.fspath(top), False)]
    while stack:
        path, emptied = stack.pop()
        if emptied:
            os.rmdir(path)
            continue
        stack.append((path, True))
        with os.scandir(path) as entries:
            for e in entries:
                if e.is_dir(follow_symlinks=False):
                    stack.append((e.path, False))
                else:
                    os.unlink(e.path)


def test_a_tree_deeper_than_the_recursion_limit_is_walked(tmp_path):
    depth = 1100  # os.walk in Python 3.11 recurses once per level; the limit is 1000
    path = tmp_path / "tree"
    os.mkdir(path)
    try:
        for _ in range(depth):
            path = path / "d"
            os.mkdir(path)
        (path / "deep.txt").write_text(ARTICLE)
        (tmp_path / "tree" / "d" / "shallow.txt").write_text(ARTICLE)
        found = discover([tmp_path / "tree"])
        assert rels(found) == ["d/shallow.txt", "d/" * depth + "deep.txt"]
    finally:
        remove_deep(tmp_path / "tree")  # pytest's own clean-up could not


def test_overlapping_inputs_index_each_file_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text(ARTICLE)
    found = discover([tmp_path, tmp_path / "sub"])
    assert rels(found) == ["sub/x.txt"] and [s.kind for s in found.skipped] == ["duplicate"]


def test_hidden_files_and_other_suffixes_are_not_considered(tmp_path):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text(ARTICLE)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "Nota.TXT").write_text(ARTICLE)
    found = discover([tmp_path])
    assert rels(found) == ["Nota.TXT"] and found.skipped == []


def test_the_summary_counts_skipped_files_by_reason():
    skipped = [Skipped("a", "x", "link"), Skipped("b", "x", "link"), Skipped("c", "x", "too-large"),
               Skipped("d", "x", "binary")]
    line = summarize_skipped(skipped)
    assert line == ("skipped 4 (links not followed, use --follow-links: 2; over --max-bytes: 1; "
                    "binary, not text: 1)")
    assert summarize_skipped([]) == "skipped 0"


# ---------------------------------------------------------------- encodings and metadata
def test_utf8_with_one_damaged_byte_keeps_its_accents():
    data = "Bogotá, Asunción y Brasília: acuerdo histórico en São Paulo.".encode() + b"\xff" + b" fin."
    text, encoding = decode(data)
    assert "Asunción" in text and "São Paulo" in text and "\ufffd" in text
    assert encoding.startswith("utf-8")


def test_windows_1252_is_not_mistaken_for_damaged_utf8():
    text, encoding = decode("Bogotá y Asunción firmaron; “cita” — señal.".encode("cp1252"))
    assert encoding == "cp1252" and "Asunción" in text


def test_utf16_without_a_bom_is_text_not_binary():
    for codec in ("utf-16-le", "utf-16-be"):
        text, encoding = decode("Irán y Rusia firmaron un acuerdo.\n".encode(codec))
        assert (text, encoding) == ("Irán y Rusia firmaron un acuerdo.\n", codec)


def test_binary_data_is_still_refused():
    with pytest.raises(NotText):
        decode(bytes(range(256)) * 8)


def test_front_matter_cannot_smuggle_nonsense_into_metadata():
    raw = ("---\ntitle: " + "T" * 5000 + "\ndate: 2025-02-30\nlanguage: [bold]\nurl: javascript alert(1)\n---\n"
           "El gobierno de Venezuela anunció que las sanciones de los países no son legales.\n").encode()
    doc = make_document("a.md", raw)
    assert len(doc["title"]) <= 300 and doc["title"].endswith("…")
    assert doc["published"] is None  # February has no 30th
    assert doc["language"] == "es"  # detected, not "[b"
    assert doc["url"] is None


def test_front_matter_language_region_codes_are_kept():
    doc = make_document("a.md", b"---\nlanguage: en-GB\n---\nTexto.\n")
    assert doc["language"] == "en"


# ---------------------------------------------------------------- the command line
def fuente(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, capture_output=True, **kw)


def hostile_folder(root: Path) -> Path:
    """Every case of the issue in one folder."""
    odd_names(root)
    (root / "vacío.txt").write_bytes(b"")
    (root / "front.md").write_text("---\ntitle: \"[bold]Cumbre[/] \x1b]52;c;ZXZpbA==\x07\"\n---\nBrasil.\n")
    os.mkfifo(root / "pipe.txt")
    (root / "dangling.txt").symlink_to(root / "nowhere")
    (root / "loop").mkdir()
    (root / "loop" / "up").symlink_to(root)
    with open(root / "dump.txt", "wb") as f:
        f.truncate(300_000_000)
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    deep = root
    for _ in range(200):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(ARTICLE)
    return root


def test_index_of_a_hostile_folder_summarizes_without_a_traceback(tmp_path):
    corpus = hostile_folder(tmp_path / "corpus")
    out = tmp_path / "s.store"
    with no_hang(120):
        run = fuente("index", str(corpus), "--out", str(out))
    err = run.stderr.decode("utf-8", "replace")
    assert run.returncode == 0, err
    assert "Traceback" not in err and "internal error" not in err
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 5  # pipe, dangling, loop/up, dump, image
    for name in ("pipe.txt", "dangling.txt", "up", "dump.txt", "image.txt"):
        assert any(name in w for w in warnings), name
    assert "\x1b" not in err  # a file name cannot colour the terminal through a warning
    assert "indexed 8 documents" in err and "skipped 5" in err
    export = json.loads(fuente("export", "--store", str(out)).stdout)
    files = {d["file"] for d in export["documents"]}
    assert "informe_\\xff\\xfe_caf\\xe9.txt" in files and "new\nline.txt" in files
    assert "[bold]Cumbre[/] \x1b]52;c;ZXZpbA==\x07" in {d["title"] for d in export["documents"]}  # JSON is exact


def test_a_folder_with_nothing_readable_leaves_the_previous_store_as_it_was(tmp_path):
    from store import open_store

    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(ARTICLE)
    out = tmp_path / "s.store"
    assert fuente("index", str(good), "--out", str(out), "--quiet").returncode == 0
    before = open_store(out).export()
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "image.txt").write_bytes(bytes(range(256)) * 4)
    run = fuente("index", str(junk), "--out", str(out))
    assert run.returncode != 0 and b"binary" in run.stderr and b"Traceback" not in run.stderr
    assert open_store(out).export() == before


def test_verify_rereads_a_file_whose_name_is_not_utf8(tmp_path):
    corpus = odd_names(tmp_path / "c")
    out = tmp_path / "s.store"
    assert fuente("index", str(corpus), "--out", str(out), "--quiet").returncode == 0
    run = fuente("verify", "--store", str(out), "--json")
    rows = {r["file"]: r["status"] for r in json.loads(run.stdout)["documents"]}
    assert rows["informe_\\xff\\xfe_caf\\xe9.txt"] == "ok", rows
    assert run.returncode == 0


def test_reindexing_odd_names_updates_the_store(tmp_path):
    corpus = odd_names(tmp_path / "c")
    out = tmp_path / "s.store"
    assert fuente("index", str(corpus), "--out", str(out), "--quiet").returncode == 0
    (corpus / "new.txt").write_text(ARTICLE.replace("Caracas", "Bogotá"))
    run = fuente("index", str(corpus), "--out", str(out), "--quiet")
    assert run.returncode == 0, run.stderr.decode()
    files = {d["file"] for d in json.loads(fuente("export", "--store", str(out)).stdout)["documents"]}
    assert "informe_\\xff\\xfe_caf\\xe9.txt" in files and "new.txt" in files


def on_a_terminal(*args: str) -> str:
    """What `fuente ARGS` writes to stdout when stdout is a terminal (a pseudo-terminal here)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "tui", *args], cwd=ROOT, stdout=slave,
                            stderr=subprocess.DEVNULL, env=dict(os.environ, COLUMNS="200"))
    os.close(slave)
    chunks = []
    with no_hang(60):
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def escape_store(tmp_path_factory) -> Path:
    from store.build import build_store

    root = tmp_path_factory.mktemp("escapes")
    corpus = root / "c"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        "Brasil [bold red]apoya[/] a Venezuela \x1b[31mhoy\x1b[0m, dijo \x1b]52;c;ZXZpbA==\x07 el canciller.\n"
        "Rusia \x9b2J respalda a Venezuela [@click=app.quit]sin reservas[/].\n"
        "Fuente: \x1b]8;;https://evil.example\x07la agencia\x1b]8;;\x07.\n", encoding="utf-8")
    build_store([corpus], root / "s.store")
    return root / "s.store"


def assert_harmless(shown: str) -> None:
    for seq in ("\x1b]8;;https://evil", "\x1b]52", "\x07", "\x1b[31mhoy", "\x9b", "\u009b"):
        assert seq not in shown, repr(seq)


def test_show_on_a_terminal_neutralizes_escapes(escape_store):
    shown = on_a_terminal("show", "evil.txt", "--store", str(escape_store))
    assert_harmless(shown)
    assert "[bold red]apoya[/]" in shown and "␛]52;c;ZXZpbA==␇" in shown


@pytest.mark.parametrize("command", ["claims", "events", "countries"])
def test_tables_on_a_terminal_neutralize_escapes(escape_store, command):
    shown = on_a_terminal(command, "--store", str(escape_store))
    assert_harmless(shown)


def test_search_table_on_a_terminal_neutralizes_escapes(escape_store):
    shown = on_a_terminal("search", "Venezuela", "--store", str(escape_store))
    assert_harmless(shown)
    assert "apoya" in shown


def test_json_output_stays_exact_in_a_pipe(escape_store):
    run = fuente("claims", "--store", str(escape_store), "--json")
    quotes = [r["text"] for r in json.loads(run.stdout)]
    assert any("[bold red]apoya[/]" in q for q in quotes) and any("\x9b2J" in q for q in quotes)


def test_tables_in_a_pipe_keep_one_row_per_line(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "t.txt").write_text("Venezuela vive una crisis.\n"
                                          "Brasil apoya a Venezuela\tcon firmeza,\r dijo\x0b el canciller.\n")
    from store.build import build_store

    build_store([tmp_path / "c"], tmp_path / "s.store")
    run = fuente("claims", "--store", str(tmp_path / "s.store"))
    lines = run.stdout.decode().splitlines()
    columns = lines[0].count("\t")  # the header's: a tab inside a quote must not add a column
    assert len(lines) >= 2 and columns >= 4 and all(line.count("\t") == columns for line in lines)
    assert "\r" not in run.stdout.decode() and "\x0b" not in run.stdout.decode()


# ---------------------------------------------------------------- tui/safe.py
def test_neutralize_shows_escapes_and_keeps_lines():
    from tui.safe import neutralize

    assert neutralize("a\x1b[31mb\x07\r\nc\td\re") == "a␛[31mb␇\nc\td␍e"
    assert neutralize("\x9b2J \u202eevil \u2028next") == "\\x9b2J \\u202eevil \nnext"


def test_same_length_keeps_offsets():
    from tui.safe import same_length

    text = "a\x1b]52;c;eA==\x07 \x9b \u202e\r\n\u2028z"
    shown = same_length(text)
    assert len(shown) == len(text) and shown[-1] == "z" and "\x1b" not in shown and "\x9b" not in shown


@given(st.text(max_size=200))
def test_nothing_a_terminal_obeys_survives_neutralize(text):
    from tui.safe import neutralize, same_length

    for shown in (neutralize(text), same_length(text)):
        assert not any((ord(ch) < 32 and ch not in "\t\n") or 0x7F <= ord(ch) <= 0x9F
                       or 0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 for ch in shown)
    assert len(same_length(text)) == len(text)


@given(st.recursive(st.text(max_size=30) | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                                max_size=4), max_leaves=12))
def test_json_for_terminal_is_the_same_json(data):
    from tui.safe import json_for_terminal

    shown = json_for_terminal(json.dumps(data, ensure_ascii=False, indent=1))
    assert json.loads(shown) == data
    assert not any(0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E for ch in shown)


# ---------------------------------------------------------------- concurrent builds
def small(root: Path, word: str, n: int = 40) -> Path:
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"{word}{i:03d}.txt").write_text(f"{word.capitalize()} respalda a Venezuela, nota {i}.\n")
    return root


def test_a_build_started_while_another_creates_the_store_is_not_refused(tmp_path):
    import threading

    from store import open_store
    from store.build import build_store

    a, b = small(tmp_path / "a", "rusia"), small(tmp_path / "b", "china")
    out = tmp_path / "s.store"
    paused, resume, errors = threading.Event(), threading.Event(), []

    def hold(*_):  # the first build stops once its generation exists and it starts reading
        if not paused.is_set():
            paused.set()
            resume.wait(30)

    def first():
        try:
            build_store([a], out, workers=1, progress=hold)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            paused.set()

    thread = threading.Thread(target=first)
    thread.start()
    paused.wait(30)
    try:
        build_store([b], out, workers=1)
    finally:
        resume.set()
        thread.join()
    assert not errors
    assert len(open_store(out).documents()) == 40


# Racy without the store lock (S1 of the hardening report): passes or fails by timing until then.
@pytest.mark.parametrize("existing", [False, True], ids=["new store", "existing store"])
def test_two_concurrent_builds_leave_one_whole_store(tmp_path, existing):
    from store import open_store
    from store.build import build_store

    a, b = small(tmp_path / "a", "rusia"), small(tmp_path / "b", "china")
    build_store([a], tmp_path / "a.store")
    build_store([b], tmp_path / "b.store")
    wanted = [open_store(tmp_path / name).export() for name in ("a.store", "b.store")]
    out = tmp_path / "s.store"
    if existing:
        build_store([b], out)
    procs = [subprocess.Popen([sys.executable, "-m", "tui", "index", str(src), "--out", str(out), "--quiet"],
                              cwd=ROOT, stderr=subprocess.PIPE) for src in (a, b)]
    with no_hang(120):
        errors = [p.communicate()[1].decode() for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    assert open_store(out).export() in wanted
