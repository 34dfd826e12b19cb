"""Builds and readers at once, builds stopped by signals or a full disk, builds that fail.

A reader keeps the generation it opened while a writer rebuilds the store; a build stopped
by SIGINT, SIGTERM or SIGHUP says so in one line, stops its workers and leaves the store as
it was; a full disk is named; a refused or failed build leaves nothing behind; opening a
store never writes to it.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from store import open_store
from store.build import build_store
from store.errors import NoSpace, StoreExists

from conftest import run_without_write_permission

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "004_1399b0ddffd7b81b.txt"


def corpus(folder: Path, n: int, word: str = "Rusia") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{word}{i:03d}.txt").write_text(f"{word} respalda a Venezuela, nota {i}.\n", encoding="utf-8")
    return folder


def gens(store: Path) -> list[str]:
    return sorted(p.name for p in store.iterdir() if p.name.startswith("gen-"))


def fingerprint(folder: Path) -> dict[str, tuple]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, hashlib.sha1(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()} | {
        str(p.relative_to(folder)): "dir" for p in folder.rglob("*") if p.is_dir()}


# ---------------------------------------------------------------- readers outlive writers
def test_a_reader_keeps_its_generation_across_rebuilds(tmp_path):
    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "a", 3)], out)
    reader = open_store(out)
    ids = [d["id"] for d in reader.documents()]
    build_store([corpus(tmp_path / "b", 2, "China")], out)
    build_store([corpus(tmp_path / "b", 2, "China")], out, update=False)
    assert reader.rebuilt()
    assert [reader.document(d)["text"] for d in ids]  # every text still there: nothing removed under it
    assert reader.generation.name in gens(out)
    reader.close()
    build_store([corpus(tmp_path / "b", 2, "China")], out, update=False)
    assert reader.generation.name not in gens(out) and len(gens(out)) == 1  # let go of, then removed


def test_a_reader_in_another_process_holds_its_generation(tmp_path):
    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "a", 3)], out)
    held = gens(out)[0]
    code = "import sys, time; from store import open_store; s = open_store(sys.argv[1]); print('open', flush=True); " \
           "sys.stdin.read(); print(len(s.documents()), s.document(s.documents()[0]['id'])['chars'])"
    reader = subprocess.Popen([sys.executable, "-c", code, str(out)], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "open"
    build_store([corpus(tmp_path / "b", 2, "China")], out)
    assert held in gens(out)
    out_text, _ = reader.communicate("", timeout=60)
    assert reader.returncode == 0 and out_text.split()[0] == "3"
    build_store([corpus(tmp_path / "b", 2, "China")], out, update=False)
    assert held not in gens(out)


async def test_the_app_offers_to_reload_a_rebuilt_store(tmp_path):
    from tui.app import RELOAD_OFFER, make_app
    from tui.messages import JumpToSource, Location
    from tui.screens.error import ErrorScreen
    from tui.screens.main import MainScreen

    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "a", 2)], out)
    app = make_app(out)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = app.store
        build_store([corpus(tmp_path / "a", 4)], out)  # two more documents
        for doc in first.documents():  # what is on screen still opens: no "texts.json is missing"
            app.screen.post_message(JumpToSource(Location(doc["id"])))
            await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        app.look_at_store()
        await pilot.pause()
        assert [n.message for n in app._notifications] == [RELOAD_OFFER]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and not isinstance(app.screen, ErrorScreen)
        assert app.store is not first and len(app.store.documents()) == 4


async def test_a_store_rebuilt_while_its_error_is_shown_is_offered_too(tmp_path):
    from tui.app import RELOAD_OFFER, make_app
    from tui.screens.error import ErrorScreen
    from tui.screens.main import MainScreen

    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "a", 2)], out)
    (out / "CURRENT").write_bytes(b"\xff\xfe")
    app = make_app(out)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        build_store([corpus(tmp_path / "a", 2)], out, update=False)  # what its advice says to do
        app.look_at_store()
        await pilot.pause()
        assert [n.message for n in app._notifications] == [RELOAD_OFFER]
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and len(app.store.documents()) == 2


async def test_r_is_a_letter_until_a_reload_is_offered(tmp_path):
    from tui.app import make_app
    from tui.widgets.country_list import CountryList

    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "a", 2)], out)
    app = make_app(out)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.look_at_store()  # nothing rebuilt: no offer
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one(CountryList).filter_text == "r"
        assert not app.reload_offered


# ---------------------------------------------------------------- signals
def big_corpus(folder: Path, n: int = 400) -> Path:
    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"d{i:04d}.txt").write_text(f"{i} {text}", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    return big_corpus(tmp_path_factory.mktemp("big") / "c")


def session_alive(sid: int) -> list[int]:
    """Processes still alive in session `sid` (the build and any worker it left)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == sid and fields[0] != "Z":
                alive.append(int(entry.name))
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to find the build's workers")
@pytest.mark.parametrize("sig, to_group, code", [
    (signal.SIGINT, True, 130),    # Ctrl-C in a terminal: the whole process group
    (signal.SIGTERM, False, 143),  # kill PID
    (signal.SIGTERM, True, 143),   # a service manager stopping the group
    (signal.SIGHUP, True, 129),    # the terminal closed
])
def test_a_signal_during_a_build_is_one_line_and_leaves_the_store_as_it_was(tmp_path, big, sig, to_group, code):
    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "small", 3)], out)
    before = open_store(out).export()
    proc = subprocess.Popen([sys.executable, "-m", "tui", "index", str(big), "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(gens(out)) < 2:  # the new generation is being written
        time.sleep(0.02)
    time.sleep(0.5)
    assert proc.poll() is None, "the build ended before it could be interrupted: make the corpus larger"
    (os.killpg if to_group else os.kill)(proc.pid, sig)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        pytest.fail("the build hung after the signal")
    err = err.decode("utf-8", "replace")
    lines = [line for line in err.splitlines() if line.strip() and "━" not in line]
    assert proc.returncode == code, err
    assert lines == [f"fuente: interrupted by {signal.Signals(sig).name}: the previous store is unchanged"], err
    assert "Traceback" not in err
    assert open_store(out).export() == before
    assert len(gens(out)) == 1  # the partial generation is gone
    time.sleep(0.2)
    assert session_alive(proc.pid) == []  # no worker left behind


def test_an_interrupted_first_build_leaves_nothing(tmp_path, big):
    out = tmp_path / "new" / "s.store"
    proc = subprocess.Popen([sys.executable, "-m", "tui", "index", str(big), "--out", str(out)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (out.exists() and gens(out)):
        time.sleep(0.02)
    time.sleep(0.5)
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143
    assert err.decode().strip().endswith("interrupted by SIGTERM: no store was written")
    assert not (tmp_path / "new").exists()


def test_a_signal_while_the_new_generation_is_made_live_waits_for_it(tmp_path, monkeypatch):
    """The switch to the new generation is never cut in half: the signal is taken after it."""
    from store import storage
    from store.errors import BuildInterrupted

    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "a", 2)], out)
    real = storage._fsync_dir
    sent = []

    def fsync_then_signal(path):
        real(path)
        if path == out and not sent:  # right after CURRENT was replaced
            sent.append(1)
            os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(storage, "_fsync_dir", fsync_then_signal)
    with pytest.raises(BuildInterrupted) as caught:
        build_store([corpus(tmp_path / "a", 3)], out)
    assert caught.value.committed
    assert len(open_store(out).documents()) == 3 and len(gens(out)) == 1


# ---------------------------------------------------------------- a full disk
def test_a_full_disk_is_named_and_the_previous_store_is_unchanged(tmp_path, monkeypatch):
    from store import storage

    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "a", 3)], out)
    before = open_store(out).export()
    real = storage.write_json
    calls = []

    def fill_up(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real(path, data)

    monkeypatch.setattr(storage, "write_json", fill_up)
    monkeypatch.setattr("store.shards.write_json", fill_up)
    with pytest.raises(NoSpace) as caught:
        build_store([corpus(tmp_path / "b", 3, "China")], out, workers=1)
    assert str(caught.value).startswith("no space left on /")
    assert str(caught.value).endswith(": the previous store is unchanged")
    assert open_store(out).export() == before and len(gens(out)) == 1


FILL = r'''
import os, subprocess, sys
mount, small, big = sys.argv[1:4]
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1200k", "fuente-full", mount], check=True)
def fuente(*args):
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True)
first = fuente("index", small, "--out", mount + "/s.store", "--quiet")
before = fuente("export", "--store", mount + "/s.store").stdout
run = fuente("index", big, "--out", mount + "/s.store")
after = fuente("export", "--store", mount + "/s.store").stdout
gens = [p for p in os.listdir(mount + "/s.store") if p.startswith("gen-")]
print(first.returncode, run.returncode, before == after and bool(before), len(gens))
print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "")
'''


def test_a_small_file_system_filled_up_by_a_build(tmp_path, big):
    """A real full disk: a 1.2 MB tmpfs mounted in a private namespace (skipped where none can be)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("no unshare(1): cannot mount a small file system to fill")
    probe = subprocess.run([unshare, "--user", "--map-root-user", "--mount", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"cannot make a mount namespace here ({probe.stderr.decode().strip()[:80]})")
    mount = tmp_path / "mnt"
    mount.mkdir()
    run = subprocess.run([unshare, "--user", "--map-root-user", "--mount", sys.executable, "-c", FILL, str(mount),
                          str(corpus(tmp_path / "small", 3)), str(big)], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    if run.returncode != 0 and "mount" in run.stderr:
        pytest.skip(f"cannot mount a tmpfs here: {run.stderr.strip().splitlines()[-1][:120]}")
    assert run.returncode == 0, run.stderr[-800:]
    codes, last = run.stdout.strip().splitlines()
    assert codes == "0 1 True 1", (codes, last)
    assert last == f"fuente: no space left on {mount}: the previous store is unchanged"


# ---------------------------------------------------------------- refused and failed builds
def test_a_refused_out_folder_is_left_as_it_was(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n")
    before = fingerprint(folder)
    with pytest.raises(StoreExists):
        build_store([corpus(tmp_path / "a", 2)], folder)
    assert fingerprint(folder) == before  # not even a lock file


def test_a_failed_first_build_leaves_nothing(tmp_path):
    from store.errors import InputError

    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "image.txt").write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "deep" / "er" / "s.store"
    with pytest.raises(InputError):
        build_store([junk], out)
    assert not (tmp_path / "deep").exists()
    existing = tmp_path / "empty"
    existing.mkdir()
    with pytest.raises(InputError):
        build_store([junk], existing)
    assert list(existing.iterdir()) == []  # the folder was the user's: it stays, empty


def test_opening_and_reading_never_write_even_without_tantivys_lock_file(tmp_path):
    from tui.cli import main

    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "a", 3)], out)
    for lock in out.rglob(".tantivy-meta.lock"):
        lock.unlink()
    before = fingerprint(out)
    for command in (["search", "Rusia"], ["show", "Rusia000.txt"], ["export"], ["verify"], ["claims", "--json"]):
        main([*command, "--store", str(out)])
    assert fingerprint(out) == before


def test_a_store_in_a_read_only_folder_opens_searches_and_verifies(tmp_path):
    out = tmp_path / "s.store"
    build_store([corpus(tmp_path / "a", 3)], out)
    modes = []
    for p in [out, *out.rglob("*")]:
        modes.append((p, p.stat().st_mode))
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        probe = run_without_write_permission(f"open({str(out / 'probe')!r}, 'w')")
        assert probe.returncode != 0, "the reader could still write: the test would prove nothing"
        run = run_without_write_permission(textwrap.dedent(f"""
            from store import open_store
            from store.verify import verify
            s = open_store({str(out)!r})
            print(len(s.search("Rusia")), verify(s)["store"]["ok"])
        """))
        assert run.returncode == 0, run.stderr[-500:]
        assert run.stdout.split() == ["3", "True"]
    finally:
        for p, mode in reversed(modes):
            p.chmod(mode)
