"""The store on disk: atomic generations, named errors for every kind of broken store."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store import CorruptStore, StoreExists, StoreNotFound, StoreVersionError, open_store
from store.build import build_store
from store.storage import CURRENT, live_generation

ROOT = Path(__file__).resolve().parent.parent


def small_corpus(root: Path, n: int = 2) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"a{i}.txt").write_text(f"Rusia y Venezuela firmaron un acuerdo número {i}.\n", encoding="utf-8")
    return root


def test_rebuild_replaces_the_generation_and_removes_the_old_one(tmp_path):
    corpus = small_corpus(tmp_path / "c")
    out = tmp_path / "s.store"
    build_store([corpus], out)
    first = live_generation(out)
    build_store([corpus], out)
    second = live_generation(out)
    assert first != second and not first.exists()
    assert [p.name for p in out.iterdir() if p.name.startswith("gen-")] == [second.name]


def test_refuses_to_overwrite_something_that_is_not_a_store(tmp_path):
    corpus = small_corpus(tmp_path / "c")
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not lose me")
    with pytest.raises(StoreExists):
        build_store([corpus], precious)
    assert (precious / "thesis.txt").read_text() == "do not lose me"
    afile = tmp_path / "file.json"
    afile.write_text("{}")
    with pytest.raises(StoreExists):
        build_store([corpus], afile)
    assert afile.read_text() == "{}"


def test_missing_store_is_named(tmp_path):
    with pytest.raises(StoreNotFound):
        open_store(tmp_path / "nothing")


def test_truncated_records_are_a_corrupt_store(tmp_path):
    out = tmp_path / "s.store"
    build_store([small_corpus(tmp_path / "c")], out)
    records = live_generation(out) / "records.json"
    records.write_bytes(records.read_bytes()[:50])
    with pytest.raises(CorruptStore):
        open_store(out)


def test_future_schema_is_a_version_error(tmp_path):
    out = tmp_path / "s.store"
    build_store([small_corpus(tmp_path / "c")], out)
    records = live_generation(out) / "records.json"
    data = json.loads(records.read_text())
    data["meta"]["1"]["schema"] = 99
    records.write_text(json.dumps(data))
    with pytest.raises(StoreVersionError):
        open_store(out)


def test_current_pointing_nowhere_is_corrupt(tmp_path):
    out = tmp_path / "s.store"
    build_store([small_corpus(tmp_path / "c")], out)
    (out / CURRENT).write_text("gen-missing\n")
    with pytest.raises(CorruptStore):
        open_store(out)


def test_store_opens_and_searches_from_a_read_only_folder(tmp_path):
    out = tmp_path / "s.store"
    build_store([small_corpus(tmp_path / "c")], out)
    modes = []
    for p in [out, *out.rglob("*")]:
        modes.append((p, p.stat().st_mode))
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        s = open_store(out)
        assert s.search("acuerdo")
        assert len(s.documents()) == 2
    finally:
        for p, mode in reversed(modes):
            p.chmod(mode)


def test_killed_build_leaves_the_previous_store_intact(tmp_path):
    out = tmp_path / "s.store"
    build_store([small_corpus(tmp_path / "small")], out)
    before = open_store(out).export()
    big = tmp_path / "big"
    big.mkdir()
    text = (ROOT / "seeds" / "004_1399b0ddffd7b81b.txt").read_text(encoding="utf-8")
    for i in range(400):
        (big / f"d{i:04d}.txt").write_text(f"{i} {text}", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "tui", "index", str(big), "--out", str(out), "--quiet"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Wait until the new generation is being written, then kill the build mid-way.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len([p for p in out.iterdir() if p.name.startswith("gen-")]) < 2:
        time.sleep(0.02)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert open_store(out).export() == before
    # The next build cleans up what the killed one left behind.
    build_store([small_corpus(tmp_path / "small")], out)
    assert len([p for p in out.iterdir() if p.name.startswith("gen-")]) == 1
