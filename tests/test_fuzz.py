"""Seeded fuzzing of every stage a hostile article passes through.

Reading arbitrary bytes, segmenting, dates, countries, events, claims, the query
parser and search over a small index: never an exception, every span inside its
text (and equal to its quote), every output JSON-serializable by orjson. The
hypothesis profile of conftest.py is derandomized, so a run is repeatable; a few
thousand cases in all, well under a minute on two cores.
"""
from __future__ import annotations

import orjson
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from store.claims import find_relations
from store.countries import find_mentions
from store.dates import find_dates
from store.events import find_events
from store.query import parse_query
from store.reader import NotText, make_document
from store.segment import segment

FAST = dict(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Pieces of news prose, markup and hostile bytes; texts are random sequences of them
# and of random characters, so the fuzzing reaches the grammars and not only their edges.
FRAGMENTS = [
    "Rusia", "Venezuela", "Estados Unidos", "EE.UU.", "Brasil", "China", "Irán", "Kremlin", "Moscú", "Caracas",
    "Maduro", "Lula", "the United States", "Russia", "Brazil's", "venezolano", "UE", "ALBA", "OTAN", "Washington",
    " respalda ", " condenó ", " rechaza ", " no apoya ", " supports ", " opposed ", " calls for dialogue ",
    " sanciones ", " sanctions ", " acuerdo ", " firmaron ", " signed ", " cumbre ", " elecciones ",
    "el 3 de marzo de 2025", "March 3, 2025", "12/11/2025", "2025-02-30", "este jueves", "last week",
    "a finales de 2024", "en 1999", "hace dos años", "mid-2023", "del 1 al 5 de mayo", "31 de febrero",
    ". ", ".\n", "\n\n", "\r\n", "\t", "|", " | ", "|---|---|\n", "# ", "## ", "- ", "* ", "1. ", "> ",
    "«", "»", "“", "”", '"', "(", ")", ":", ";", "…", "¿", "?", "¡", "!", "—", "Sr.", "Dr.", "etc.",
    "[bold]", "[/]", "[@click=app.quit]", "\x1b[31m", "\x1b]8;;https://x\x07", "\x1b]52;c;eA==\x07",
    "\x9b", "\u202e", "\ufeff", "\u2028", "\x00", "\ufffd", "İ", "ß", "ﬁ", "Ⅻ", "١٢", "🇻🇪", "e\u0301",
    "---\ntitle: x\ndate: 2025-01-01\n---\n", "date 2025-12-12 ", "http://example.org/a?b=c",
]
PROSE = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=80).map("".join)
LANGS = st.sampled_from(["es", "en", "pt", "und", "", None])
PUBLISHED = st.one_of(st.none(), st.sampled_from(["2025-12-12", "2024-02-29", "1999-01-01", "2025-02-30", "x"]),
                      st.text(max_size=12))


def inside(text: str, start, end) -> None:
    assert isinstance(start, int) and isinstance(end, int), (start, end)
    assert 0 <= start < end <= len(text), (start, end, len(text))


def passages_of(text: str, body: int = 0) -> list[dict]:
    return [dict(p.as_dict(), doc="d", id=f"d:{i}") for i, p in enumerate(segment(text, body))]


# ---------------------------------------------------------------- reading
@settings(max_examples=800, **FAST)
@given(st.one_of(st.binary(max_size=600), PROSE.map(lambda s: s.encode("utf-8", "surrogatepass")),
                 PROSE.map(lambda s: s.encode("cp1252", "replace")), PROSE.map(lambda s: s.encode("utf-16"))))
def test_reading_any_bytes(data):
    try:
        doc = make_document("x.txt", data, "/tmp/x.txt")
    except NotText:
        return
    assert 0 <= doc["body"] <= len(doc["text"]) == doc["chars"]
    assert doc["published"] is None or len(doc["published"]) == 10
    orjson.dumps(doc)


@settings(max_examples=200, **FAST)
@given(st.binary(min_size=1, max_size=30), st.binary(max_size=200))
def test_reading_any_file_name(name, data):
    import os

    try:
        doc = make_document(os.fsdecode(name), data, "/x/" + os.fsdecode(name))
    except NotText:
        return
    orjson.dumps(doc)
    assert doc["title"] and doc["file"]


# ---------------------------------------------------------------- segmenting
@settings(max_examples=700, **FAST)
@given(PROSE, st.integers(min_value=0, max_value=60))
def test_segmenting(text, body):
    body = min(body, len(text))
    last_end = 0
    for p in passages_of(text, body):
        inside(text, p["start"], p["end"])
        assert p["start"] >= last_end or p["kind"] == "meta"  # passages do not overlap
        last_end = p["end"]
        for a, b in p.get("cells", []):
            assert p["start"] <= a <= b <= p["end"]
    orjson.dumps(passages_of(text, body))


# ---------------------------------------------------------------- dates
@settings(max_examples=1000, **FAST)
@given(PROSE, st.integers(-5, 80), st.one_of(st.none(), st.integers(-5, 400)), PUBLISHED, LANGS,
       st.one_of(st.none(), st.integers(-10, 3000)))
def test_finding_dates(text, start, end, published, language, context_year):
    for m in find_dates(text, start, end, published=published, language=language, context_year=context_year):
        inside(text, m.start, m.end)
        assert text[m.start:m.end] == m.text
        assert m.precision in {"year", "month", "day", "none"}
        assert m.date is None or isinstance(m.date, str)
        orjson.dumps(m)


# ---------------------------------------------------------------- countries, events, claims
@settings(max_examples=600, **FAST)
@given(PROSE, LANGS)
def test_finding_countries(text, language):
    mentions = find_mentions(text, passages_of(text), language)
    for m in mentions:
        inside(text, m["start"], m["end"])
        assert text[m["start"]:m["end"]] == m["text"]
    assert [m["start"] for m in mentions] == sorted(m["start"] for m in mentions)
    orjson.dumps(mentions)


@settings(max_examples=600, **FAST)
@given(PROSE, LANGS, PUBLISHED, st.sampled_from(["VE", "RU", "US", "XX", ""]))
def test_events_and_claims_of_one_document(text, language, published, focus):
    passages = passages_of(text)
    mentions = find_mentions(text, passages, language)
    for m in mentions:
        m["doc"] = "d"
    doc = {"id": "d", "text": text, "language": language, "published": published, "body": 0}
    events = find_events(doc, passages, mentions)
    claims = find_relations(doc, passages, mentions, focus or None).relations
    for row in events + claims:
        inside(text, row["start"], row["end"])
        if row.get("text") is not None:
            assert text[row["start"]:row["end"]] == row["text"]
    for c in claims:
        assert c["stance"] in {"supports", "opposes", "neutral"} and c["actor"] != c["target"]
    orjson.dumps({"events": events, "claims": claims})


@settings(max_examples=25, **FAST)
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8), st.integers(200, 2000), LANGS)
def test_long_repetitive_documents(pieces, times, language):
    # Scraped pages repeat: a table of 2,000 rows, a line of 2,000 links, 2,000 dates in a row.
    text = "".join(pieces) * times
    passages = passages_of(text)
    mentions = find_mentions(text, passages, language)
    for m in mentions:
        m["doc"] = "d"
    doc = {"id": "d", "text": text, "language": language, "published": "2025-01-01", "body": 0}
    rows = find_events(doc, passages, mentions) + find_relations(doc, passages, mentions, "VE").relations
    for row in rows + mentions + passages:
        inside(text, row["start"], row["end"])
    orjson.dumps(rows)


# ---------------------------------------------------------------- queries and search
QUERY = st.lists(st.one_of(st.sampled_from(['"', "OR", "|", "-", "*", "country:", "lang:", "doc:", "country:RU",
                                            "lang:es", "(", ")", ":", "  ", "Rusia", "sanción*", "\x00", "[/]",
                                            '"acuerdo firmado"', "-Irán", "país:Brasil", "\\", "AND", "NOT", "~", "~2",
                                            "sancion~1", '"air defense"~3', "country:Narnia"]),
                           st.text(max_size=5)), max_size=12).map(" ".join)


@settings(max_examples=1000, **FAST)
@given(st.one_of(QUERY, st.text(max_size=60)), st.booleans())
def test_parsing_any_query(query, partial):
    parsed = parse_query(query, partial=partial)
    orjson.dumps(parsed.as_dict())
    for group in parsed.groups:
        assert group and all(t.text for t in group)


TEXTS = [
    "Rusia respalda al gobierno de Venezuela. El Kremlin firmó un acuerdo el 3 de marzo de 2025.\n",
    "Brazil and China called for dialogue in Venezuela. The United States imposed sanctions last week.\n",
    "| País | Postura |\n|---|---|\n| Irán | apoya |\n| Colombia | rechaza |\n",
    "Las sanciones contra Venezuela [bold]no[/] cesan \x1b[31m hoy\x1b[0m. Cuba condenó las sanciones.\n",
]


@pytest.fixture(scope="module")
def opened(tmp_path_factory):
    """A small search index built straight from the stages (no store around it)."""
    from store.search import SearchIndex, build_index

    docs, passages = [], []
    for i, text in enumerate(TEXTS):
        doc = make_document(f"{i}.txt", text.encode())
        ps = [dict(p, id=f"{doc['id']}:{k}", doc=doc["id"]) for k, p in enumerate(passages_of(doc["text"]))]
        mentions = find_mentions(doc["text"], ps, doc["language"])
        for p in ps:
            p["countries"] = sorted({m["country"] for m in mentions if p["start"] <= m["start"] < p["end"]})
        docs.append(doc)
        passages.extend(ps)
    path = tmp_path_factory.mktemp("fuzz") / "search"
    build_index(path, docs, passages)
    return SearchIndex(path), {d["id"]: d["text"] for d in docs}


@settings(max_examples=400, **FAST)
@given(st.one_of(QUERY, st.text(max_size=40)), st.integers(-3, 30), st.booleans())
def test_searching_any_query(opened, query, limit, partial):
    index, texts = opened
    hits = index.search(query, limit=limit, partial=partial)
    assert len(hits) <= max(limit, 0)
    for h in hits:
        text = texts[h["doc"]]
        inside(text, h["start"], h["end"])
        for a, b in h.get("highlights") or []:
            inside(text, a, b)
        assert isinstance(h["snippet"], str)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    orjson.dumps(hits)
