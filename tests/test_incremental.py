"""Updating a store in place of a rebuild: the result always equals a full build of the same files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from store import open_store
from store import build as build_mod
from store import shards as shard_files
from store.build import build_store
from store.storage import live_generation, read_rows

ARTICLES = {
    "a.txt": "Rusia apoya al gobierno de Venezuela.\nEl 7 de mayo de 2025 Rusia y Venezuela firmaron un acuerdo "
             "de cooperación militar en Moscú.\n",
    "b.txt": "On May 7, 2025 Russia and Venezuela signed a military cooperation agreement in Moscow.\n"
             "Brazil condemned the government of Venezuela.\n",
    "c.txt": "Brasil respalda a Venezuela en la cumbre.\nChina anunció sanciones contra Venezuela el 3 de marzo "
             "de 2024.\n",
    "d.md": "# Caracas\n\nCuba y Venezuela renovaron su alianza.\nIrán envió drones a Venezuela en 2023.\n",
    "e.txt": "Colombia pidió diálogo entre el gobierno de Venezuela y la oposición.\n",
}


@pytest.fixture(autouse=True)
def small_shards(monkeypatch):
    """Two documents to a shard, so updates keep, rewrite, drop and add shards."""
    monkeypatch.setattr(shard_files, "SHARD_DOCS", 2)
    monkeypatch.setattr(build_mod, "FIRST_BATCH", 1)


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def assert_same_as_full_build(corpus: Path, store: Path, tmp_path: Path) -> None:
    full = tmp_path / "full.store"
    build_store([corpus], full, update=False)
    assert open_store(store).export() == open_store(full).export()


def updated(tmp_path: Path, before: dict[str, str], change) -> tuple[Path, Path, dict]:
    corpus = write(tmp_path / "c", before)
    store = tmp_path / "s.store"
    build_store([corpus], store)
    change(corpus)
    build_store([corpus], store)
    return corpus, store, read_rows(live_generation(store) / "records.json", "meta")[0]


def test_adding_files_reads_only_them(tmp_path):
    more = {"f.txt": "Rusia y Venezuela firmaron un acuerdo de cooperación militar el 7 de mayo de 2025.\n",
            "g.txt": "Argentina condenó al gobierno de Venezuela.\n"}
    first = dict(list(ARTICLES.items())[:3])
    corpus, store, meta = updated(tmp_path, first, lambda c: write(c, more))
    assert meta["updated"] == {"reused": 3, "read": 2, "removed": 0}
    assert_same_as_full_build(corpus, store, tmp_path)


def test_changed_file_is_read_again(tmp_path):
    def change(c: Path) -> None:
        (c / "c.txt").write_text("Brasil condenó al gobierno de Venezuela.\n", encoding="utf-8")

    corpus, store, meta = updated(tmp_path, ARTICLES, change)
    assert meta["updated"] == {"reused": 4, "read": 1, "removed": 1}
    assert_same_as_full_build(corpus, store, tmp_path)


def test_removed_file_leaves_the_store(tmp_path):
    corpus, store, meta = updated(tmp_path, ARTICLES, lambda c: (c / "a.txt").unlink())
    assert meta["updated"]["removed"] == 1
    assert "a.txt" not in {d["file"] for d in open_store(store).documents()}
    assert_same_as_full_build(corpus, store, tmp_path)


def test_removed_file_leaves_the_search_index(tmp_path):
    corpus, store, _ = updated(tmp_path, ARTICLES, lambda c: (c / "d.md").unlink())
    s = open_store(store)
    assert not s.search("drones") and s.search("cumbre")
    manifest = s.index.manifest
    assert manifest["entries"] == open_store(tmp_path / "s.store").index._searcher.num_docs
    assert manifest["entries"] == manifest["passages"] + manifest["documents"]  # one entry per document


def test_new_file_is_searchable_after_an_update(tmp_path):
    corpus, store, _ = updated(tmp_path, ARTICLES, lambda c: write(c, {"h.txt": "Un petrolero zarpó de Maracaibo.\n"}))
    assert [h["file"] for h in open_store(store).search("petrolero")] == ["h.txt"]


def test_event_reported_by_a_new_file_joins_the_old_cluster(tmp_path):
    same = {"f.txt": "El 7 de mayo de 2025 Rusia y Venezuela firmaron en Moscú un acuerdo de cooperación militar.\n"}
    corpus, store, _ = updated(tmp_path, ARTICLES, lambda c: write(c, same))
    events = [e for e in open_store(store).events() if e["date"] == "2025-05-07" and e["kind"] == "agreement"]
    assert len({e["doc"] for e in events}) >= 2
    assert_same_as_full_build(corpus, store, tmp_path)


def test_focus_moving_recomputes_every_claim(tmp_path):
    cuba = {f"z{i}.txt": f"Cuba y Cuba. Rusia apoya al gobierno de Cuba. México respalda a Cuba ({i}).\n"
            for i in range(8)}
    corpus = write(tmp_path / "c", ARTICLES)
    store = tmp_path / "s.store"
    assert build_store([corpus], store).focus == "VE"
    write(corpus, cuba)
    assert build_store([corpus], store).focus == "CU"
    assert {c["country"] for c in open_store(store).claims()} - {"CU"}
    assert_same_as_full_build(corpus, store, tmp_path)


def test_contested_flag_follows_the_update(tmp_path):
    opposes = {f"o{i}.txt": f"Brasil condenó al gobierno de Venezuela por la represión ({i}).\n" for i in range(3)}
    corpus, store, _ = updated(tmp_path, ARTICLES, lambda c: write(c, opposes))
    assert_same_as_full_build(corpus, store, tmp_path)


def test_unchanged_shards_are_hard_links_to_the_previous_generation(tmp_path):
    corpus = write(tmp_path / "c", ARTICLES)
    store = tmp_path / "s.store"
    build_store([corpus], store)
    old = live_generation(store)
    first = min((old / "shards").iterdir())
    inode = (first / "texts.json").stat().st_ino
    write(corpus, {"zz.txt": "Perú llamó a consultas a su embajador en Caracas.\n"})
    build_store([corpus], store)
    new = live_generation(store)
    assert new != old and (new / "shards" / first.name / "texts.json").stat().st_ino == inode


def test_update_without_changes_reads_nothing(tmp_path):
    corpus, store, meta = updated(tmp_path, ARTICLES, lambda c: None)
    assert meta["updated"] == {"reused": len(ARTICLES), "read": 0, "removed": 0}


def test_store_from_another_pipeline_is_rebuilt(tmp_path, monkeypatch):
    corpus = write(tmp_path / "c", ARTICLES)
    store = tmp_path / "s.store"
    build_store([corpus], store)
    monkeypatch.setattr(build_mod, "PIPELINE", build_mod.PIPELINE + 1)
    build_store([corpus], store)
    meta = read_rows(live_generation(store) / "records.json", "meta")[0]
    assert meta["updated"]["read"] == len(ARTICLES)


def test_parallel_build_equals_one_process(tmp_path):
    corpus = write(tmp_path / "c", ARTICLES)
    build_store([corpus], tmp_path / "one.store", workers=1)
    build_store([corpus], tmp_path / "two.store", workers=2)
    assert open_store(tmp_path / "one.store").export() == open_store(tmp_path / "two.store").export()


def test_moved_corpus_keeps_paths_right(tmp_path):
    corpus = write(tmp_path / "c", ARTICLES)
    store = tmp_path / "s.store"
    build_store([corpus], store)
    moved = tmp_path / "moved"
    os.rename(corpus, moved)
    build_store([moved], store)
    doc = open_store(store).documents()[0]
    assert (store / doc["path"]).resolve() == (moved / doc["file"]).resolve()


def test_a_first_batch_read_before_the_focus_is_known_is_read_once(tmp_path, monkeypatch):
    """A corpus's first batch is read with no focus yet (FIRST_BATCH, here 1 file): its relations
    for the focus found after are given from what the first reading kept, not from the text again,
    and are those a build told the focus would store."""
    from store import claims as claims_stage

    corpus = write(tmp_path / "c", ARTICLES)
    reads = []
    real = claims_stage.find_relations
    monkeypatch.setattr(claims_stage, "find_relations", lambda doc, *a, **k: reads.append(doc["id"]) or real(doc, *a, **k))
    assert build_store([corpus], tmp_path / "guessed.store", workers=1).focus == "VE"
    assert len(reads) == len(ARTICLES) == len(set(reads))
    build_store([corpus], tmp_path / "told.store", workers=1, focus="VE")
    assert open_store(tmp_path / "guessed.store").export() == open_store(tmp_path / "told.store").export()
