"""The sharded store: lazy opening, pages that read only what they need, precomputed counts."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from tinydb import TinyDB

from store import CorruptStore, open_store
from store import build as build_mod
from store import shards as shard_files
from store.build import build_store
from store.storage import OrjsonStorage, live_generation, tables_to_tinydb, write_json

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def sharded(tmp_path_factory) -> Path:
    """The seeds plus a few articles of our own, two documents to a shard."""
    root = tmp_path_factory.mktemp("sharded")
    corpus = root / "c"
    shutil.copytree(SEEDS, corpus)
    (corpus / "x1.txt").write_text("Rusia y China respaldan a Venezuela.\nIrán envió drones a Caracas en 2023.\n")
    (corpus / "x2.txt").write_text("Brazil condemned the government of Venezuela on 4 March 2025.\n")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(shard_files, "SHARD_DOCS", 2)
        mp.setattr(build_mod, "FIRST_BATCH", 2)
        build_store([corpus], root / "s.store")
    return root / "s.store"


def test_tinydb_reads_the_files_we_write(tmp_path):
    path = tmp_path / "t.json"
    write_json(path, tables_to_tinydb({"rows": [{"a": 1}, {"a": 2}], "empty": []}))
    db = TinyDB(path, storage=OrjsonStorage)
    assert [r["a"] for r in db.table("rows").all()] == [1, 2] and db.table("empty").all() == []
    assert db.table("rows").get(doc_id=2)["a"] == 2


def test_store_has_several_shards(sharded):
    assert len(list((live_generation(sharded) / "shards").iterdir())) == 4


def test_opening_reads_only_the_records_file(sharded, tmp_path):
    copy = tmp_path / "copy.store"
    shutil.copytree(sharded, copy)
    gen = live_generation(copy)
    shutil.rmtree(gen / "shards")
    (gen / "documents.json").unlink()
    s = open_store(copy)
    assert s.countries() and s.focus == "VE"


def test_mention_pages_join_up_to_the_full_listing(sharded):
    s = open_store(sharded)
    for code in ("RU", "VE", None):
        pages = [m for off in range(0, 400, 7) for m in s.mentions_page(code, off, 7)]
        assert sorted(map(repr, pages)) == sorted(map(repr, s.mentions(country=code)))
        assert len(pages) == s.counts(code)["mentions"]


def test_claim_pages_join_up_to_the_full_listing(sharded):
    s = open_store(sharded)
    code = next(c["code"] for c in s.countries() if sum(c["stances"].values()) > 3)
    pages = [c for off in range(0, 100, 3) for c in s.claims_page(code, off, 3)]
    assert sorted(c["id"] for c in pages) == sorted(c["id"] for c in s.claims(country=code))


def test_event_pages_are_in_date_order(sharded):
    s = open_store(sharded)
    assert [e["id"] for e in s.events_page("RU", 0, 1000)] == [e["id"] for e in s.events(country="RU")]
    assert s.events_page("RU", 1, 2) == s.events(country="RU")[1:3]


def test_page_past_the_end_is_empty(sharded):
    assert open_store(sharded).mentions_page("RU", 10_000, 10) == []


def test_doc_counts_match_the_records(sharded):
    s = open_store(sharded)
    for kind, rows in (("mentions", s.mentions()), ("events", s.events()), ("relations", s.relations())):
        per_doc = Counter(r["doc"] for r in rows)
        assert {d: c[kind] for d, c in s.doc_counts().items()} == {d["id"]: per_doc[d["id"]] for d in s.documents()}


def test_mentions_carry_the_passage_around_them(sharded):
    s = open_store(sharded)
    for m in s.mentions(country="VE")[:50]:
        p = s.passage_at(m["doc"], m["start"])
        assert p["start"] == m["passage_start"] <= m["start"] < m["end"] <= m["passage_end"] == p["end"]


def test_passage_at_outside_the_text_is_none(sharded):
    s = open_store(sharded)
    doc = s.documents()[0]
    assert s.passage_at(doc["id"], doc["chars"] + 10) is None


def test_documents_keep_corpus_order(sharded):
    names = [d["file"] for d in open_store(sharded).documents()]
    assert names == sorted(names)


def test_broken_shard_file_is_a_corrupt_store(sharded, tmp_path):
    copy = tmp_path / "copy.store"
    shutil.copytree(sharded, copy)
    shard = min((live_generation(copy) / "shards").iterdir())
    (shard / "texts.json").write_bytes(b"{ not json")
    s = open_store(copy)
    with pytest.raises(CorruptStore):
        s.document(s.documents()[0]["id"])
