"""Search by publication date (`date:`, `since` / `until`, `fuente search --since/--until`), and
fuzzy and proximity queries, over a small store built from articles written for these tests."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import open_store
from store.build import build_store
from store.errors import InputError
from store.highlight import edits_within
from store.period import in_range
from store.reader import make_document
from store.search import SearchIndex, build_index
from store.segment import segment

ROOT = Path(__file__).resolve().parent.parent

# Every article says "corredor" or "corridor"; each is dated a different way, one not at all.
ARTICLES = {
    "alfa.md": """\
        ---
        title: "Corredor de gas en debate"
        date: 2025-11-28
        language: es
        ---
        La ministra Dubrovska recibió a una delegación en Minsk para hablar del corredor de gas.
        Los técnicos revisaron el trazado del corredor durante toda la tarde.
        """,
    "beta.txt": """\
        MINSK, 3 de diciembre de 2025 (EFE) — El gobierno anunció otra ronda de conversaciones sobre el corredor.
        La reunión terminó sin acuerdo y con una nueva cita para el mes siguiente.
        """,
    "gamma.md": """\
        ---
        title: "Year-end note on the corridor"
        date: 2025-12-31
        language: en
        ---
        The corridor talks closed the year with a short statement from both delegations.
        """,
    "delta.txt": """\
        fecha: 2026-01-01
        El año empezó con el corredor otra vez en la agenda de los ministros.
        """,
    "epsilon.txt": """\
        WASHINGTON, June 30, 2025 (AP) - Officials said the corridor plan would need more study before any vote.
        The pipeline deal was then signed by both energy ministers after a long night.
        """,
    "zeta.txt": """\
        Una nota sin fecha sobre el corredor, escrita para probar que nada sin fecha entra en un periodo.
        """,
}
PUBLISHED = {"alfa.md": "2025-11-28", "beta.txt": "2025-12-03", "gamma.md": "2025-12-31",
             "delta.txt": "2026-01-01", "epsilon.txt": "2025-06-30", "zeta.txt": None}
EVERY = "corredor OR corridor"


@pytest.fixture(scope="module")
def dated_store(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("dated")
    corpus = root / "articles"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(textwrap.dedent(text), encoding="utf-8")
    out = root / "dated.store"
    build_store([corpus], out)
    return out


@pytest.fixture(scope="module")
def store(dated_store):
    return open_store(dated_store)


def files(hits) -> set[str]:
    return {h["file"] for h in hits}


def test_the_articles_are_dated_as_written(store):
    assert {d["file"]: d["published"] for d in store.documents()} == PUBLISHED


# -- date: ---------------------------------------------------------------------------


@pytest.mark.parametrize("period, expected", [
    ("2025-12..2026-01", {"beta.txt", "gamma.md", "delta.txt"}),
    ("2025-12", {"beta.txt", "gamma.md"}),
    ("..2025-06", {"epsilon.txt"}),  # ends on 2025-06-30, inclusive
    ("2026-01..", {"delta.txt"}),  # starts on 2026-01-01, inclusive
    ("2025-12..", {"beta.txt", "gamma.md", "delta.txt"}),
    ("2025", {"alfa.md", "beta.txt", "gamma.md", "epsilon.txt"}),  # 2025-12-31 is in 2025
    ("2025-12-03", {"beta.txt"}),
    ("2025-11-28..2025-12-03", {"alfa.md", "beta.txt"}),
    ("2025-07..2025-11", {"alfa.md"}),
    ("2024", set()),
    ("..2030", {"alfa.md", "beta.txt", "gamma.md", "delta.txt", "epsilon.txt"}),  # never the undated one
])
def test_a_date_filter_selects_the_articles_published_then(store, period, expected):
    hits = store.search(f"{EVERY} date:{period}", limit=100)
    assert files(hits) == expected and not hits.notes
    # The same with no words: every passage of those articles.
    assert files(store.search(f"date:{period}", limit=100)) == expected
    assert expected == {f for f, p in PUBLISHED.items() if in_range(p, *_bounds(period))}


def _bounds(period: str) -> tuple[str | None, str | None]:
    if ".." not in period:
        return period, period
    since, until = period.split("..")
    return since or None, until or None


def test_a_date_filter_counts_what_it_finds(store):
    assert store.search_count("corredor date:2025-12") == len(store.search("corredor date:2025-12", limit=100))
    assert store.index.count("date:2025-12..2026-01", documents=True) == 3


def test_every_date_filter_applies(store):
    assert files(store.search(f"{EVERY} date:2025 date:2025-12..", limit=100)) == {"beta.txt", "gamma.md"}
    assert store.search(f"{EVERY} date:2025-06 fecha:2026") == []


def test_a_date_filter_goes_with_words_exclusions_and_other_filters(store):
    assert files(store.search("corredor -Minsk date:2025-11..2026", limit=100)) == {"delta.txt"}
    assert files(store.search("corridor lang:en date:..2025-12-30", limit=100)) == {"epsilon.txt"}


@pytest.mark.parametrize("query, says", [
    ("corredor date:2025-13", "'2025-13' is not a date"),
    ("corredor date:2025-02-30", "'2025-02-30' is not a date"),
    ("corredor date:soon", "'soon' is not a date"),
    ("corredor date:2026..2025", "after"),
    ("date:2025..2026..2027", "not a date"),
])
def test_a_malformed_date_says_why_and_finds_nothing(store, query, says):
    hits = store.search(query)
    assert hits == [] and len(hits.notes) == 1 and says in hits.notes[0]
    assert hits.notes[0].startswith("date:")
    assert store.search_count(query) == 0 and store.index.notes(query) == hits.notes


# -- since / until ------------------------------------------------------------------


def test_since_and_until_keep_the_articles_published_then(store):
    assert files(store.search(EVERY, limit=100, since="2025-12")) == {"beta.txt", "gamma.md", "delta.txt"}
    assert files(store.search(EVERY, limit=100, until="2025-06")) == {"epsilon.txt"}
    assert files(store.search(EVERY, limit=100, since="2025-11-28", until="2025-12-03")) == {"alfa.md", "beta.txt"}
    assert store.search_count(EVERY, since="2026") == len(store.search(EVERY, limit=100, since="2026")) > 0


def test_since_and_until_meet_a_date_filter_in_the_days_both_allow(store):
    assert files(store.search(f"{EVERY} date:2025-12", limit=100, since="2025-12-15")) == {"gamma.md"}
    assert files(store.search(f"{EVERY} date:2025", limit=100, until="2025-11")) == {"alfa.md", "epsilon.txt"}
    assert store.search(f"{EVERY} date:2025-06", since="2026") == []


@pytest.mark.parametrize("since, until, says", [
    ("2025-13", None, "since '2025-13' is not a date"),
    (None, "2025-02-30", "until '2025-02-30' is not a date"),
    ("soon", None, "not a date"),
    ("2026", "2025", "since 2026 is after until 2025"),
])
def test_a_bad_since_or_until_is_an_input_error(store, since, until, says):
    with pytest.raises(InputError, match=says):
        store.search(EVERY, since=since, until=until)
    with pytest.raises(InputError, match=says):
        store.search_count(EVERY, since=since, until=until)


# -- dates of a month or a year -------------------------------------------------------


def test_an_article_dated_to_its_month_or_year_is_in_every_period_that_overlaps_it(tmp_path):
    docs, passages = [], []
    for name, published in (("month.txt", "2025-12"), ("year.txt", "2024"), ("day.txt", "2025-12-20"),
                            ("none.txt", None)):
        doc = make_document(name, f"Un corredor de prueba en {name}.\n".encode("utf-8"))
        doc["published"] = published
        docs.append(doc)
        for i, p in enumerate(segment(doc["text"], doc["body"])):
            passages.append(dict(p.as_dict(), doc=doc["id"], id=f"{doc['id']}:{i}", countries=[]))
    build_index(tmp_path / "index", docs, passages)
    index = SearchIndex(tmp_path / "index", countries=False)

    def found(period):
        return files(index.search(f"corredor date:{period}", limit=10))

    assert found("2025-12-15") == {"month.txt"}
    assert found("..2025-12-01") == {"month.txt", "year.txt"}
    assert found("2025-12-31..") == {"month.txt"}
    assert found("2025-12-20") == {"month.txt", "day.txt"}
    assert found("2024-06") == {"year.txt"}
    assert found("2026") == set() and found("2025-01..2025-11") == set()


# -- fuzzy and proximity ----------------------------------------------------------------


def test_a_misspelt_name_is_found_within_its_edits(store):
    assert store.search("Dubrovskya") == []
    hits = store.search("Dubrovskya~1")  # one letter too many
    assert files(hits) == {"alfa.md"}
    text = store.text(hits[0]["doc"])
    assert [text[s:e] for s, e in hits[0]["highlights"]] == ["Dubrovska"]
    assert files(store.search("Dubrosvka~1")) == {"alfa.md"}  # two letters swapped: one edit
    assert store.search("Dubrosvkya~1") == [] and files(store.search("Dubrosvkya~2")) == {"alfa.md"}
    assert files(store.search("Dubrovskya~1 date:2025-11")) == {"alfa.md"}
    assert store.search("Dubrovskya~1 date:2025-12") == []


def optimal_alignment(a: str, b: str) -> int:
    """Edits from `a` to `b` (insert, delete, substitute, swap neighbours), by the whole table."""
    d = [[i + j if i == 0 or j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[-1][-1]


WORDISH = st.text(alphabet="abcñ", max_size=9)


@settings(max_examples=1500)
@given(WORDISH, WORDISH, st.integers(0, 3))
def test_a_fuzzy_word_is_highlighted_exactly_within_its_edits(a, b, limit):
    assert edits_within(a, b, limit) == (optimal_alignment(a, b) <= limit)


def test_words_within_n_positions_in_either_order(store):
    # "pipeline deal was then signed": three words between the two.
    assert store.search('"pipeline signed"') == []
    assert store.search('"pipeline signed"~2') == []
    hits = store.search('"pipeline signed"~3')
    assert files(hits) == {"epsilon.txt"}
    text = store.text(hits[0]["doc"])
    assert sorted(text[s:e] for s, e in hits[0]["highlights"]) == ["pipeline", "signed"]
    assert files(store.search('"signed pipeline"~5')) == {"epsilon.txt"}
    assert store.search('"pipeline signed"~3 date:2026') == []


# -- the command line -------------------------------------------------------------------


def fuente(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=ROOT, capture_output=True, text=True,
                          encoding="utf-8")


def cli_files(run: subprocess.CompletedProcess) -> set[str]:
    assert run.returncode == 0, run.stderr
    return {h["file"] for h in json.loads(run.stdout)}


def test_cli_since_and_until(dated_store):
    s = str(dated_store)
    assert cli_files(fuente("search", EVERY, "--store", s, "--since", "2025-12", "--json")) == \
        {"beta.txt", "gamma.md", "delta.txt"}
    assert cli_files(fuente("search", "--until=2025-06", EVERY, "--store", s, "--json")) == {"epsilon.txt"}
    assert cli_files(fuente("search", EVERY, "date:2025-12", "--since", "2025-12-15", "--store", s, "--json")) == \
        {"gamma.md"}
    # A query starting with "-" still needs no "--" beside the new options.
    assert cli_files(fuente("search", "-Minsk", "corredor", "--since", "2025-11", "--store", s, "--json")) == \
        {"delta.txt"}


def test_cli_json_hits_keep_their_shape_with_dates(dated_store):
    plain = json.loads(fuente("search", "corridor", "--store", str(dated_store), "--json").stdout)
    dated = json.loads(fuente("search", "corridor", "--since", "2025", "--store", str(dated_store), "--json").stdout)
    assert dated and {tuple(sorted(h)) for h in dated} == {tuple(sorted(h)) for h in plain}


def test_cli_says_how_many_a_dated_search_has_when_cut(dated_store):
    run = fuente("search", EVERY, "--store", str(dated_store), "--since", "2025-12", "--limit", "1")
    assert run.returncode == 0
    total = open_store(dated_store).search_count(EVERY, since="2025-12")
    assert f"1 of {total:,} passages" in run.stderr


@pytest.mark.parametrize("args, says", [
    (["--since", "2025-13"], "--since '2025-13' is not a date"),
    (["--until", "2025-02-30"], "--until '2025-02-30' is not a date"),
    (["--since", "soon"], "--since 'soon' is not a date"),
    (["--since", "2026", "--until", "2025"], "--since 2026 is after --until 2025"),
    (["date:2025-13"], "date:2025-13: '2025-13' is not a date"),
    (["date:2026..2025"], "date:2026..2025"),
])
def test_cli_bad_dates_are_one_clear_line(dated_store, args, says):
    run = fuente("search", "corredor", *args, "--store", str(dated_store), "--json")
    assert run.returncode != 0 and run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fuente: ") and says in lines[0], run.stderr
