"""A broken store is repaired by the command its error advises, and an update trusts nothing it reuses.

Every damage of test_hardening_stores, and a few that only `verify` can see (a text edited
to the same length, a truncated search segment), is reported with "rebuild it with: …";
running exactly that command, from another folder, gives back the whole store. A plain
update repairs the damage too: it checks the digests of what it would reuse and builds
anew when anything differs, saying why. Crafted names cannot lead outside the store.
"""
from __future__ import annotations

import hashlib
import os
import shlex
import shutil
from pathlib import Path

import orjson
import pytest

import test_hardening_stores as damaged
from tui.cli import main


@pytest.fixture(scope="module")
def corpus_and_stores(tmp_path_factory) -> tuple[Path, Path, Path]:
    from store.build import build_store

    root = tmp_path_factory.mktemp("repair")
    corpus = damaged.write_corpus(root / "c", damaged.CORPUS)
    build_store([corpus], root / "good.store")
    build_store([damaged.write_corpus(root / "o", damaged.OTHER)], root / "other.store")
    return corpus, root / "good.store", root / "other.store"


def export(store: Path, capsys) -> dict:
    assert main(["export", "--store", str(store)]) == 0
    out, _ = capsys.readouterr()
    return orjson.loads(out)


# ---------------------------------------------------------------- more ways to break a store
def same_length_edit(store: Path, other: Path) -> None:
    path = damaged.holding(store, "texts")
    raw = path.read_bytes()
    assert b"Venezuela" in raw
    path.write_bytes(raw.replace(b"Venezuela", b"Xenezuela", 1))


def truncated_segment(store: Path, other: Path) -> None:
    search = damaged.generation(store) / "search"
    biggest = max((f for f in search.iterdir() if f.suffix == ".store"), key=lambda f: f.stat().st_size)
    biggest.write_bytes(biggest.read_bytes()[:100])


def shard_named_outside(store: Path, other: Path) -> None:
    outside = store.parent / "outside_shard"
    shutil.copytree(damaged.holding(store, "texts").parent, outside)
    name = "../../../outside_shard"
    damaged.edit(store, "shards", lambda d: damaged.first_row("shards")(d).__setitem__("name", name))
    damaged.edit(store, "documents", lambda d: [r.__setitem__("shard", name) for r in d["documents"].values()])


def page_named_outside(store: Path, other: Path) -> None:
    damaged.edit(store, "event_pages",
                 lambda d: damaged.first_row("event_pages")(d).__setitem__("name", "../../../../etc/passwd"))


MORE = {"same-length edit of a stored text": same_length_edit, "truncated search segment": truncated_segment,
        "a shard named outside the store": shard_named_outside,
        "an event page named outside the store": page_named_outside}
BREAKERS = {**damaged.BREAKERS, **MORE}


@pytest.fixture()
def broken(corpus_and_stores, tmp_path, request) -> Path:
    _, good, other = corpus_and_stores
    store = tmp_path / "s.store"
    shutil.copytree(good, store, symlinks=True)
    BREAKERS[request.param](store, other)
    return store


def advice(store: Path, capsys) -> list[str]:
    """The command the first error about `store` (or its verify report) says to run."""
    for command in [*damaged.COMMANDS, ["verify"]]:
        main([*command, "--store", str(store)])
        out, err = capsys.readouterr()
        for line in (err + out).splitlines():
            if "rebuild it with: " in line:
                return shlex.split(line.split("rebuild it with: ", 1)[1])
    raise AssertionError("no command reported the damage")


@pytest.mark.parametrize("broken", list(BREAKERS), indirect=True)
def test_the_advised_command_repairs_the_store(broken, corpus_and_stores, capsys, tmp_path, monkeypatch):
    corpus, good, _ = corpus_and_stores
    args = advice(broken, capsys)
    assert args[:2] == ["fuente", "index"] and args[-3:] == ["--out", str(broken.resolve()), "--rebuild"], args
    assert args[2:-3] == [str(corpus)]  # the sources, as absolute paths
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the advice must work from any folder
    assert main(args[1:]) == 0, capsys.readouterr().err
    capsys.readouterr()
    assert export(broken, capsys) == export(good, capsys)
    assert main(["verify", "--store", str(broken)]) == 0, capsys.readouterr().out
    capsys.readouterr()


# Damage an update would reuse: the plain update (no --rebuild) must notice it and build anew.
REUSED = ["truncated texts", "truncated mentions", "mention beyond its text", "texts of another build",
          "mentions of another build", "documents of another build", "search index of another build",
          "missing search index", "same-length edit of a stored text", "truncated search segment",
          "a shard named outside the store"]


@pytest.mark.parametrize("broken", REUSED, indirect=True)
def test_an_update_checks_what_it_reuses_and_builds_anew(broken, corpus_and_stores, capsys):
    from store.build import build_store

    corpus, good, _ = corpus_and_stores
    report = build_store([corpus], broken)
    assert report.note and "built anew" in report.note, report.note
    assert export(broken, capsys) == export(good, capsys)


def test_an_update_of_a_whole_store_reuses_it_without_a_note(corpus_and_stores, tmp_path):
    from store.build import build_store
    from store.storage import live_generation, read_rows

    corpus, good, _ = corpus_and_stores
    store = tmp_path / "s.store"
    shutil.copytree(good, store, symlinks=True)
    report = build_store([corpus], store)
    assert report.note is None
    assert read_rows(live_generation(store) / "records.json", "meta")[0]["updated"]["reused"] == 2


def test_rebuild_ignores_the_previous_generation(corpus_and_stores, tmp_path, capsys):
    from store.storage import live_generation, read_rows

    corpus, good, _ = corpus_and_stores
    store = tmp_path / "s.store"
    shutil.copytree(good, store, symlinks=True)
    assert main(["index", str(corpus), "--out", str(store), "--rebuild", "--quiet"]) == 0
    assert read_rows(live_generation(store) / "records.json", "meta")[0]["updated"] == \
        {"reused": 0, "read": 2, "removed": 0}


def test_verify_sees_a_same_length_edit_of_a_stored_text(corpus_and_stores, tmp_path, capsys):
    _, good, other = corpus_and_stores
    store = tmp_path / "s.store"
    shutil.copytree(good, store, symlinks=True)
    same_length_edit(store, other)
    assert main(["verify", "--store", str(store), "--json"]) == 1
    report = orjson.loads(capsys.readouterr().out)
    assert report["store"]["ok"] is False
    assert [r["stored"] for r in report["documents"]].count("changed") == 1
    assert any("not the text indexed" in p for p in report["store"]["problems"])


# ---------------------------------------------------------------- nothing outside the store
def fingerprint(folder: Path) -> dict[str, tuple]:
    return {str(p.relative_to(folder)): (p.stat().st_mtime_ns, hashlib.sha1(p.read_bytes()).hexdigest())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_shard_named_outside_is_neither_read_nor_written(corpus_and_stores, tmp_path, capsys):
    corpus, good, other = corpus_and_stores
    store = tmp_path / "s.store"
    shutil.copytree(good, store, symlinks=True)
    shard_named_outside(store, other)
    outside = tmp_path / "outside_shard"
    before = fingerprint(outside)
    assert main(["show", "a.txt", "--store", str(store)]) == 1
    err = capsys.readouterr().err
    assert "not one of the store's" in err and len(err.splitlines()) == 1
    assert main(["index", str(corpus), "--out", str(store), "--quiet"]) == 0
    assert fingerprint(outside) == before  # the update wrote nothing there
    assert "not shards" in capsys.readouterr().err  # and said why it built anew


def test_verify_reads_no_file_outside_the_indexed_folders(corpus_and_stores, tmp_path, capsys, monkeypatch):
    _, good, _ = corpus_and_stores
    store = tmp_path / "s.store"
    shutil.copytree(good, store, symlinks=True)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the store to read\n")
    paths = [str(secret), os.path.relpath(secret, store)]  # absolute, and ../ out of the store
    damaged.edit(store, "documents", lambda d: [r.__setitem__("path", p) for r, p in zip(d["documents"].values(),
                                                                                            paths)])
    opened: list[str] = []
    real_open = os.open

    def spy(path, *args, **kwargs):
        opened.append(os.path.abspath(os.fsdecode(path)))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    assert main(["verify", "--store", str(store), "--json"]) == 1
    rows = orjson.loads(capsys.readouterr().out)["documents"]
    assert [r["status"] for r in rows] == ["refused", "refused"]
    assert all("outside the folders" in r["reason"] for r in rows)
    assert str(secret) not in opened


def test_verify_reads_a_swapped_in_giant_file_no_further_than_its_recorded_size(tmp_path):
    import subprocess
    import sys
    import textwrap

    from store.build import build_store

    corpus = damaged.write_corpus(tmp_path / "c", damaged.CORPUS)
    store = tmp_path / "s.store"
    build_store([corpus], store)
    with open(corpus / "a.txt", "r+b") as f:
        f.truncate(6_000_000_000)  # sparse: 6 GB on paper, read whole it would take 6 GB of memory
    same_size = corpus / "b.txt"
    same_size.write_bytes(b"x" * same_size.stat().st_size)  # same size, other bytes: read to its size only
    code = textwrap.dedent(f"""
        import json, resource, sys
        from store import open_store
        from store.verify import verify
        rows = verify(open_store({str(store)!r}))["documents"]
        print(json.dumps([{{r["file"]: r["status"]}} for r in rows]))
        # kilobytes: this program's own peak (VmHWM), not ru_maxrss, which on Linux keeps the peak of the
        # process it was started from (a test run that has grown large)
        try:
            peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
        except OSError:
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(peak)
    """)
    run = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parent.parent,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-500:]
    statuses, peak = run.stdout.splitlines()
    assert orjson.loads(statuses) == [{"a.txt": "changed"}, {"b.txt": "changed"}]
    assert int(peak) < 400_000, f"verify used {int(peak) // 1000} MB"


def test_crafted_current_cannot_name_a_folder_outside(corpus_and_stores, tmp_path, capsys):
    _, good, _ = corpus_and_stores
    store = tmp_path / "s.store"
    shutil.copytree(good, store, symlinks=True)
    for name in (b"gen-../../../etc\n", b"../gen-x\n", b"/etc\n"):
        (store / "CURRENT").write_bytes(name)
        assert main(["export", "--store", str(store)]) == 1
        assert "does not name a generation" in capsys.readouterr().err
