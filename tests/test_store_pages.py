"""The query API's paging and totals: every row of a listing reachable a page at a time, the
totals the screens show equal to what the pages hold, and the source check of a document."""
from __future__ import annotations

import os
import shutil

import pytest

from store import open_store
from store.build import build_store


def _all(page, size=97, **kwargs):
    rows, offset = [], 0
    while True:
        got = page(offset=offset, limit=size, **kwargs)
        rows += got
        if len(got) < size:
            return rows
        offset += size


@pytest.fixture(scope="module")
def store(generated_store):
    return open_store(generated_store)


def test_claim_pages_of_one_stance_add_up_to_the_stance_counts(store):
    code = "RU"
    counts = store.stance_counts(code)
    assert counts == {k: v for k, v in (store.country(code)["stances"]).items()}
    assert sum(counts.values()) == store.counts(code)["claims"] > 200
    for stance, n in counts.items():
        rows = _all(store.claims_page, country=code, stance=stance)
        assert len(rows) == n and all(r["stance"] == stance and r["country"] == code for r in rows)
        assert len({(r["doc"], r["start"]) for r in rows}) == n
    everything = store.stance_counts()
    assert sum(everything.values()) == store.counts()["claims"]


def test_event_pages_of_one_kind_add_up_to_the_kind_counts(store):
    kinds = store.event_kinds("RU")
    assert sum(kinds.values()) == store.counts("RU")["events"]
    assert list(kinds.values()) == sorted(kinds.values(), reverse=True)
    for kind, n in kinds.items():
        rows = _all(store.events_page, country="RU", kind=kind)
        assert len(rows) == n and all(r["kind"] == kind and "RU" in r["countries"] for r in rows)
    dates = [(e.get("date") is None, e.get("date") or "") for e in _all(store.events_page, country="RU")]
    assert dates == sorted(dates)


def test_a_cluster_lists_every_report_of_the_happening(store):
    events = store.events()
    clustered = max(events, key=lambda e: e.get("sources", 1))
    members = store.cluster(clustered)
    assert len(members) > 2
    assert {e["id"] for e in members} == {e["id"] for e in events if e.get("cluster") == clustered["cluster"]}
    assert clustered["sources"] == len({e["doc"] for e in members})


def test_search_count_is_every_passage_search_ranks(store):
    for query, partial in (("sanciones", False), ("sanc", True), ("support -China", False),
                           ("country:RU sanciones", False)):
        n = store.search_count(query, partial=partial)
        assert n == len(store.search(query, limit=100_000, partial=partial))
    assert store.search_count("sanciones") > 100  # more than the app's first page


def test_source_status_follows_the_file(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in (("a.txt", "Rusia y Venezuela firmaron un acuerdo.\n"),
                       ("b.txt", "Cuba condenó la operación.\n"), ("c.txt", "China pidió diálogo.\n")):
        (corpus / name).write_text(text, encoding="utf-8")
    out = tmp_path / "s.store"
    build_store([corpus], out)
    s = open_store(out)
    ids = {d["file"]: d["id"] for d in s.documents()}
    assert {s.source_status(i) for i in ids.values()} == {"ok"}
    # Same size, a different word: the time changed, so the hash is checked.
    (corpus / "a.txt").write_text("Rusia y Venezuela firmaron un tratado.\n", encoding="utf-8")
    assert os.path.getsize(corpus / "a.txt") == next(d["bytes"] for d in s.documents() if d["file"] == "a.txt")
    shutil.move(corpus / "b.txt", tmp_path / "b.txt")
    # Touched but the same bytes: still as indexed.
    os.utime(corpus / "c.txt", ns=(1, 1))
    fresh = open_store(out)  # a new session sees the same
    for store_ in (s, fresh):
        assert store_.source_status(ids["a.txt"]) == "changed"
        assert store_.source_status(ids["b.txt"]) == "missing"
        assert store_.source_status(ids["c.txt"]) == "ok"
    shutil.move(tmp_path / "b.txt", corpus / "b.txt")
    assert s.source_status(ids["b.txt"]) == "ok"
