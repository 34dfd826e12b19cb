"""What reaches stdout and stderr, whatever the input: text as data, one clear line per problem.

Stdout is neutralized in a pipe as on a terminal (`fuente show x | cat` in a terminal
would otherwise obey an article's escapes); `show --raw` and `--json` stay exact. Damaged
UTF-8, paths past PATH_MAX, arguments that are not UTF-8 and numbers of any size give a
document, a skip or one line, never a traceback.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.build import build_store

ROOT = Path(__file__).resolve().parent.parent
# Window title, clipboard (OSC 52), clear screen, a device-status request (its reply is typed into
# the shell), an OSC 8 link, a C1 CSI and a bidi override.
INJECT = ("Venezuela \x1b]0;TITLE\x07 \x1b]52;c;ZXZpbA==\x07 \x1b[2J \x1b[6n "
          "\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x9b31m \u202eRusia apoya a Venezuela.\n")
OBEYED = ("\x1b", "\x07", "\x9b", "\u202e")


def fuente(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, capture_output=True, **kw)


@pytest.fixture(scope="module")
def inject_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("inject")
    (root / "c").mkdir()
    (root / "c" / "inject.txt").write_text(INJECT, encoding="utf-8")
    build_store([root / "c"], root / "s.store")
    return root / "s.store"


@pytest.mark.parametrize("command", [["show", "inject.txt"], ["search", "Venezuela"], ["claims"], ["events"],
                                     ["countries"], ["verify"], ["show", "inject.txt:0-40"]])
def test_a_pipe_carries_no_escapes(inject_store, command):
    run = fuente(*command, "--store", str(inject_store))
    out = run.stdout.decode("utf-8")
    assert run.returncode == 0, run.stderr
    for ch in OBEYED:
        assert ch not in out, (command, repr(ch))
    if command[0] == "show":
        assert "␛]52;c;ZXZpbA==␇" in out  # shown, not obeyed


def test_raw_show_is_the_text_exactly(inject_store):
    run = fuente("show", "inject.txt", "--store", str(inject_store), "--raw")
    assert run.stdout.decode("utf-8") == INJECT


def test_json_stays_exact_and_harmless(inject_store):
    run = fuente("export", "--store", str(inject_store))
    assert "\x1b" not in run.stdout.decode() and "\x9b" not in run.stdout.decode()  # escaped, as JSON allows
    (doc,) = json.loads(run.stdout)["documents"]
    assert doc["chars"] == len(INJECT)
    claims = json.loads(fuente("claims", "--json", "--store", str(inject_store)).stdout)
    assert all(c["citation"]["quote"] == INJECT[c["start"]:c["end"]] for c in claims)


def test_an_error_naming_hostile_input_is_one_harmless_line(inject_store):
    run = fuente("show", "\x1b]52;c;ZXZpbA==\x07x", "--store", str(inject_store))
    err = run.stderr.decode()
    assert run.returncode == 1 and len(err.splitlines()) == 1 and "\x1b" not in err and "\x07" not in err


# ---------------------------------------------------------------- input
def test_utf8_with_a_stray_byte_and_few_accents_stays_utf8(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "u.txt").write_bytes("El “Venezuela” dijo Caracas ".encode() + b"\xff" + b" fin.\n")
    build_store([tmp_path / "c"], tmp_path / "s.store")
    out = fuente("show", "u.txt", "--store", str(tmp_path / "s.store")).stdout.decode("utf-8")
    assert out == "El “Venezuela” dijo Caracas \ufffd fin.\n"  # not "â\x80\x9cVenezuela"


def test_bytes_cp1252_leaves_undefined_become_replacement_characters_not_controls():
    from store.reader import decode

    text, encoding = decode("Asunción ".encode("cp1252") + b"\x81\x9d fin")
    assert text == "Asunción \ufffd\ufffd fin" and encoding.startswith("cp1252")


def test_a_file_below_a_path_longer_than_path_max_is_a_reported_skip(tmp_path):
    root = tmp_path / "c"
    root.mkdir()
    (root / "ok.txt").write_text("Rusia apoya a Venezuela.\n")
    limit = os.pathconf("/", "PC_PATH_MAX")
    deep = os.open(root, os.O_RDONLY)
    depth = 0
    try:  # made through folder descriptors: the path itself is too long for any call that takes one
        while len(os.fsencode(root)) + depth * 201 <= limit + 400:
            os.mkdir("d" * 200, dir_fd=deep)
            nxt = os.open("d" * 200, os.O_RDONLY, dir_fd=deep)
            os.close(deep)
            deep, depth = nxt, depth + 1
        fd = os.open("deep.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=deep)
        os.write(fd, b"Rusia apoya a Venezuela.\n")
        os.close(fd)
    finally:
        os.close(deep)
    run = fuente("index", str(root), "--out", str(tmp_path / "s.store"))
    err = run.stderr.decode()
    assert run.returncode == 0, err
    assert "indexed 1 document " in err and "skipped 1 (paths longer than the system allows: 1)" in err
    assert sum(line.startswith("warning: skipped") and "path too long" in line for line in err.splitlines()) == 1
    subprocess.run(["rm", "-rf", str(root)], check=False)  # shutil.rmtree cannot reach that deep either


# ---------------------------------------------------------------- arguments
def test_arguments_that_are_not_utf8_are_one_clear_line(tmp_path):
    never = os.fsencode(tmp_path / "never.store")
    for args in ([b"search", b"vene\xffzuela"], [b"show", b"\xff"], [b"claims", b"--country", b"\xff"],
                 [b"index", b"seeds", b"--out", never, b"--focus", b"\xff"]):
        run = subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, capture_output=True)
        err = run.stderr.decode()
        assert run.returncode == 1 and len(err.splitlines()) == 1, (args, err)
        assert "is not text" in err and "\\xff" in err and "internal error" not in err
    assert not (tmp_path / "never.store").exists()


def test_the_api_refuses_a_query_with_a_lone_surrogate():
    from store import open_store
    from store.errors import InputError

    with pytest.raises(InputError, match="not text"):
        open_store().search("vene\udcffzuela")


def test_huge_numbers_mean_all_and_negative_ones_are_one_line(tmp_path):
    run = fuente("search", "Venezuela", "--limit", "99999999999999999999", "--json")
    assert run.returncode == 0 and len(json.loads(run.stdout)) > 20
    run = fuente("index", "seeds", "--out", str(tmp_path / "huge.store"), "--max-bytes", "9" * 30, "--quiet")
    assert run.returncode == 0, run.stderr
    never = str(tmp_path / "never.store")
    for args in (["search", "x", "--limit", "-1"], ["search", "x", "--limit", "lots"],
                 ["index", "seeds", "--out", never, "--max-bytes", "-5"], ["nonsense"]):
        run = fuente(*args)
        err = run.stderr.decode()
        assert run.returncode == 2 and len(err.splitlines()) == 1 and err.startswith("fuente: "), (args, err)
    assert not Path(never).exists()
