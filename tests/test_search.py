"""The search engine: index build, matching rules, ranking, hits and opening an index."""
from __future__ import annotations

import json
import shutil
import stat
import tempfile
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import search
from store.errors import CorruptStore, StoreExists, StoreVersionError
from store.reader import make_document
from store.search import MANIFEST, SearchIndex, build_index
from store.segment import segment

ROOT = Path(__file__).resolve().parent.parent


class FakeCountries:
    """A few countries with their forms by kind, standing in for store.countries."""

    TABLE = {
        "RU": {"name": ["Rusia", "Russia"], "capital": ["Moscú", "Moscow"], "institution": ["Kremlin"],
               "demonym": ["ruso", "Russian"], "code": ["RU"]},
        "US": {"name": ["Estados Unidos", "United States"], "capital": ["Washington"],
               "demonym": ["estadounidense"], "code": ["US"]},
        "IR": {"name": ["Irán", "Iran"], "capital": ["Teherán", "Tehran"]},
    }

    def _key(self, text):
        text = unicodedata.normalize("NFKD", text.lower())
        return " ".join("".join(c for c in text if not unicodedata.combining(c)).split())

    def _forms(self, code):
        return [f for forms in self.TABLE[code].values() for f in forms]

    def lookup(self, term):
        return {code for code in self.TABLE if self._key(term) in map(self._key, self._forms(code))}

    def aliases(self, code):
        return self.TABLE.get(code, {})

    def mentioned(self, text):
        words = f" {self._key(text)} ".replace(",", " ").replace(".", " ")
        return sorted(code for code in self.TABLE
                      if any(f" {self._key(n)} " in words for n in self._forms(code) if not n.isupper()))


COUNTRIES = FakeCountries()

CORPUS = {
    "a_es.txt": "Washington anunció sanciones contra Irán por su programa de drones y misiles.\n"
                "El acuerdo de asociación estratégica entre Moscú y Caracas entró en vigor.\n"
                "Foto: Cortesía\n"
                "La sanción más reciente afecta a dos bancos. Los aviones F/A-18 sobrevolaron la costa.\n",
    "b_es.txt": "Rusia se ha consolidado como un aliado visible del gobierno.\n"
                "La asociación con otros países fue estratégica, según el ministro de Bielorrusia.\n",
    "c_en.txt": "Beijing has condemned the strikes and called for restraint.\n"
                "The outright condemnation came from several capitals.\n"
                "Russia's deputy foreign minister met officials in Moscow last week.\n",
    "d_en.txt": "The United States imposed new sanctions on Tehran after the missile test.\n"
                "An official told us the talks would go on.\n"
                "Analysts expect the Kremlin to respond with a statement on Friday morning.\n",
    "e_en.txt": "Official statements from the Kremlin were brief. " + "Long passages keep going " * 12
                + "until the word apple appears near the end of this sentence.\n",
}


def _build(folder: Path, corpus: dict[str, str]) -> tuple[Path, dict[str, dict]]:
    docs, passages = [], []
    for name, text in corpus.items():
        doc = make_document(name, text.encode("utf-8"))
        docs.append(doc)
        for i, p in enumerate(segment(doc["text"], doc["body"])):
            d = dict(p.as_dict(), doc=doc["id"], id=f"{doc['id']}:{i}")
            d["countries"] = COUNTRIES.mentioned(doc["text"][d["start"]:d["end"]])
            passages.append(d)
    build_index(folder / "index", docs, passages)
    return folder / "index", {d["file"]: d for d in docs}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("search"), CORPUS)


@pytest.fixture(scope="module")
def index(built):
    return SearchIndex(built[0], countries=COUNTRIES)


@pytest.fixture(scope="module")
def docs(built):
    return built[1]


def texts(hits, docs):
    """The passage text of each hit."""
    return [docs[h["file"]]["text"][h["start"]:h["end"]] for h in hits]


def marked(hits, docs):
    """The highlighted words of all hits."""
    return [docs[h["file"]]["text"][s:e] for h in hits for s, e in h["highlights"]]


# -- matching ---------------------------------------------------------------------


def test_accents_do_not_matter(index, docs):
    assert "Irán" in marked(index.search("iran"), docs)


def test_case_does_not_matter(index, docs):
    assert "Kremlin" in marked(index.search("KREMLIN"), docs)


def test_spanish_singular_finds_plural(index, docs):
    assert "sanciones" in marked(index.search("sanción"), docs)


def test_english_stem_finds_derived_forms(index, docs):
    assert {"condemned", "condemnation"} <= set(marked(index.search("condemn"), docs))


def test_typed_form_ranks_above_its_inflection(index, docs):
    hits = index.search("sanción")
    assert "sanción" in texts(hits, docs)[0]


def test_all_words_must_be_in_one_passage(index, docs):
    hits = index.search("drones misiles")
    assert len(hits) == 1 and "drones y misiles" in texts(hits, docs)[0]
    assert index.search("drones Bielorrusia") == []


def test_phrase_needs_the_words_side_by_side(index, docs):
    hits = index.search('"asociación estratégica"')
    assert [h["file"] for h in hits] == ["a_es.txt"]
    assert marked(hits, docs) == ["asociación estratégica"]


def test_adjacent_words_rank_above_scattered_ones(index, docs):
    hits = index.search("asociación estratégica")
    assert [h["file"] for h in hits] == ["a_es.txt", "b_es.txt"]


def test_or_finds_either(index):
    files = {h["file"] for h in index.search("condemned OR sanciones")}
    assert files == {"a_es.txt", "c_en.txt"}


def test_minus_leaves_out_whole_documents(index):
    assert "b_es.txt" in {h["file"] for h in index.search("Rusia")}
    files = {h["file"] for h in index.search("gobierno -Bielorrusia")}
    assert "b_es.txt" not in files  # its Bielorrusia is in another passage


def test_exclusion_leaves_out_the_word_and_its_inflections(index):
    files = {h["file"] for h in index.search("Rusia OR aviones -sanción")}
    assert "a_es.txt" not in files  # it has "sanción" and "sanciones"
    assert "b_es.txt" in files


def test_exclusion_leaves_out_the_word_not_the_other_names_of_its_country(index, docs):
    # Kremlin is an institution of Russia, as Moscú is its capital: the exclusion is the word only.
    hits = index.search("Moscú -Kremlin")
    assert "entre Moscú y Caracas" in " ".join(texts(hits, docs))
    assert not {"d_en.txt", "e_en.txt"} & {h["file"] for h in hits}
    assert index.count("Moscú -Kremlin") == len(index.search("Moscú -Kremlin", limit=100))


def test_not_and_and_in_capitals_are_operators(index):
    assert {h["file"] for h in index.search("gobierno NOT Bielorrusia")} == set()
    assert [h["file"] for h in index.search("drones AND misiles")] == ["a_es.txt"]
    assert index.search("drones and misiles") == []  # lowercase: a word, and no passage has it


def test_excluded_phrase_leaves_out_documents(index):
    files = {h["file"] for h in index.search('statement -"Friday morning"')}
    assert files == {"e_en.txt"}


def test_fuzzy_word_finds_and_highlights_near_spellings(index, docs):
    hits = index.search("Krenlin~1")
    assert {h["file"] for h in hits} == {"d_en.txt", "e_en.txt"}
    assert set(marked(hits, docs)) == {"Kremlin"}
    assert index.search("Krenlim~1") == [] and index.search("Krenlim~2")


def test_proximity_finds_words_within_n_positions(index, docs):
    assert index.search('"Kremlin respond"') == []
    hits = index.search('"Kremlin respond"~2')
    assert [h["file"] for h in hits] == ["d_en.txt"]
    assert set(marked(hits, docs)) == {"Kremlin", "respond"}


def test_unknown_country_filter_says_why_and_finds_nothing(index):
    hits = index.search("country:Narnia sanciones")
    assert hits == [] and "unknown country 'Narnia'" in hits.notes[0]
    assert index.count("country:Narnia") == 0
    assert index.search("country:Russia")  # a name in English, resolved to RU


def test_count_of_documents(index):
    assert index.count("statement", documents=True) == 2
    assert index.count("Russia", documents=True) == 5  # its names, capital and institutions too


def test_hits_carry_the_title(index):
    assert index.search("Kremlin")[0]["title"]


def test_prefix_matches_word_starts(index, docs):
    words = set(marked(index.search("sanc*"), docs))
    assert {"sanciones", "sanción", "sanctions"} <= words


def test_token_with_punctuation(index, docs):
    hits = index.search("F/A-18")
    assert marked(hits, docs) == ["F/A-18"]


def test_no_match_gives_no_hits(index):
    assert index.search("xyzzy") == []


def test_boilerplate_is_found_but_ranks_below_reporting_and_names_no_country(tmp_path):
    corpus = {"credit.txt": "Foto: sanciones en Moscú\nOtra frase sin nada.\n",
              "report.txt": "Las sanciones contra Rusia se anunciaron hoy en una larga rueda de prensa.\n"}
    path, docs = _build(tmp_path, corpus)
    index = SearchIndex(path, countries=COUNTRIES)
    hits = index.search("sanciones")
    assert [(h["file"], h["boilerplate"]) for h in hits] == [("report.txt", False), ("credit.txt", True)]
    assert hits[1]["score"] < hits[0]["score"]
    assert "credit.txt" not in {h["file"] for h in index.search("country:RU")}


def test_every_passage_is_indexed_table_headers_and_front_matter_too(tmp_path):
    corpus = {"table.md": "| País | Sanciones |\n|---|---|\n| Rusia | sí |\n",
              "front.md": "---\ntitle: Cumbre de invierno\n---\nEl texto habla de otra cosa.\n"}
    path, docs = _build(tmp_path, corpus)
    index = SearchIndex(path, countries=False)
    assert [h["kind"] for h in index.search("sanciones")] == ["header"]
    assert [h["file"] for h in index.search("invierno")] == ["front.md"]


# -- countries --------------------------------------------------------------------


def test_country_name_finds_other_languages_and_capital(index, docs):
    found = " ".join(texts(index.search("Russia", limit=20), docs))
    assert "Rusia se ha consolidado" in found
    assert "entre Moscú y Caracas" in found


def test_typed_country_name_ranks_above_its_aliases(index, docs):
    hits = index.search("Russia")
    assert "Russia's" in texts(hits, docs)[0]


def test_two_word_country_name_finds_its_translation(index, docs):
    assert "United States" in " ".join(texts(index.search("Estados Unidos"), docs))


def test_country_codes_are_not_expanded_into_words(index, docs):
    assert "us" not in {w.lower() for w in marked(index.search("United States", limit=50), docs)}


def test_without_countries_names_match_only_themselves(built):
    plain = SearchIndex(built[0], countries=False)
    assert {h["file"] for h in plain.search("Russia")} == {"c_en.txt"}


def test_country_filter_takes_a_code_or_a_name(index):
    by_code = {(h["file"], h["start"]) for h in index.search("country:IR")}
    assert by_code and by_code == {(h["file"], h["start"]) for h in index.search("country:Irán")}


# -- filters ----------------------------------------------------------------------


def test_lang_filter(index):
    assert {h["language"] for h in index.search("Russia")} == {"en", "es"}
    assert {h["language"] for h in index.search("Russia lang:es")} == {"es"}
    assert index.search("statement lang:es") == []


def test_doc_filter_takes_an_id_prefix_or_a_file_name(index, docs):
    assert {h["file"] for h in index.search("doc:c_en.txt")} == {"c_en.txt"}
    prefix = docs["d_en.txt"]["id"][:6]
    assert {h["file"] for h in index.search(f"doc:{prefix}")} == {"d_en.txt"}


def test_limit_applies_after_exclusion(tmp_path, docs):
    # Twenty short passages rank first (more than the first look checks) but their
    # documents are left out; the two long ones must still fill the limit.
    corpus = {f"bad{i:02d}.txt": "Apple pie.\nBanana bread.\n" for i in range(20)}
    corpus["good1.txt"] = "A long sentence that mentions an apple somewhere in the middle of many words.\n"
    corpus["good2.txt"] = "Another long sentence where the apple shows up after quite a few other words.\n"
    path, _ = _build(tmp_path, corpus)
    hits = SearchIndex(path, countries=False).search("apple -banana", limit=2)
    assert {h["file"] for h in hits} == {"good1.txt", "good2.txt"}


def test_exclusion_asks_for_documents_in_slices(tmp_path, monkeypatch):
    corpus = {f"bad{i:02d}.txt": "Apple pie.\nBanana bread.\n" for i in range(5)}
    corpus["good.txt"] = "A long sentence that mentions an apple somewhere in the middle of many words.\n"
    path, _ = _build(tmp_path, corpus)
    monkeypatch.setattr(search, "AGG_SLICE", 2)
    index = SearchIndex(path, countries=False)
    assert index.count("apple -banana") == 1
    assert [h["file"] for h in index.search("apple -banana", limit=1)] == ["good.txt"]


def test_count_leaves_out_excluded_documents(index):
    assert index.count("statement") == 2
    assert index.count("statement -restraint") == 2
    assert index.count("statement -Friday") == 1


def test_partial_word_matches_as_prefix(index):
    assert index.search("drones misi") == []
    assert len(index.search("drones misi", partial=True)) == 1


# -- hits -------------------------------------------------------------------------


def test_hit_fields(index):
    hit = index.search("Kremlin")[0]
    assert set(hit) >= {"doc", "file", "start", "end", "score", "snippet", "highlights", "passage", "language"}
    assert isinstance(hit["score"], float)


def test_hit_offsets_are_the_passage(index, docs):
    for hit in index.search("Russia", limit=50):
        text = docs[hit["file"]]["text"]
        assert hit["passage"].startswith(hit["doc"])
        for s, e in hit["highlights"]:
            assert hit["start"] <= s < e <= hit["end"] <= len(text)


def test_long_passage_snippet_is_trimmed_around_the_match(index, docs):
    hit = index.search("apple")[0]
    assert len(hit["snippet"]) <= 165
    assert hit["snippet"].startswith("…") and "apple" in hit["snippet"]
    text = docs[hit["file"]]["text"]
    assert text[hit["snippet_start"]:hit["snippet_end"]] in hit["snippet"]


def test_snippet_centres_on_the_typed_word_over_an_alias(tmp_path):
    text = ("Rusia abrió la sesión " + "con un largo discurso sobre comercio, energía y transporte " * 4
            + "antes de que Moscú anunciara el acuerdo.\n")
    path, _ = _build(tmp_path, {"long.txt": text})
    hit = SearchIndex(path, countries=COUNTRIES).search("Moscú")[0]
    assert "Moscú" in hit["snippet"] and "Rusia" not in hit["snippet"]
    assert [text[s:e] for s, e in hit["highlights"]] == ["Rusia", "Moscú"]


def test_decomposed_accents_are_found_and_highlighted(tmp_path):
    text = "Sanciones contra Ira\u0301n.\r\nOtra línea.\r\n"
    path, docs = _build(tmp_path, {"nfd.txt": text})
    hits = SearchIndex(path, countries=False).search("irán")
    assert [text[s:e] for s, e in hits[0]["highlights"]] == ["Ira\u0301n"]


@settings(max_examples=60)
@given(st.text(alphabet=st.sampled_from(list('sancioesRuiá "-*:|OR')) | st.characters(), max_size=30))
def test_search_never_fails_and_spans_stay_in_the_text(index, docs, query):
    for hit in index.search(query, limit=5):
        text = docs[hit["file"]]["text"]
        assert 0 <= hit["start"] < hit["end"] <= len(text)
        assert all(hit["start"] <= s < e <= hit["end"] for s, e in hit["highlights"])


# -- building and opening ---------------------------------------------------------


def test_build_refuses_a_folder_with_files(tmp_path):
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "keep.txt").write_text("x")
    with pytest.raises(StoreExists):
        build_index(tmp_path / "index", [], [])


def test_build_rejects_a_passage_of_an_unknown_document(tmp_path):
    with pytest.raises(ValueError):
        build_index(tmp_path / "index", [], [{"id": "x", "doc": "nope", "start": 0, "end": 1, "kind": "sentence"}])
    assert not (tmp_path / "index").exists()


def test_missing_index_is_corrupt(tmp_path):
    with pytest.raises(CorruptStore):
        SearchIndex(tmp_path / "nothing")


def test_damaged_manifest_is_corrupt(tmp_path, built):
    copy = tmp_path / "index"
    shutil.copytree(built[0], copy)
    (copy / MANIFEST).write_text("{not json")
    with pytest.raises(CorruptStore):
        SearchIndex(copy)


def test_missing_tantivy_metadata_is_corrupt(tmp_path, built):
    copy = tmp_path / "index"
    shutil.copytree(built[0], copy)
    (copy / "meta.json").unlink()
    with pytest.raises(CorruptStore):
        SearchIndex(copy)


def test_newer_index_version_is_refused(tmp_path, built):
    copy = tmp_path / "index"
    shutil.copytree(built[0], copy)
    manifest = json.loads((copy / MANIFEST).read_text())
    (copy / MANIFEST).write_text(json.dumps(dict(manifest, version=99)))
    with pytest.raises(StoreVersionError):
        SearchIndex(copy)


def test_opens_and_searches_a_read_only_folder(built):
    from conftest import run_without_write_permission

    # Run as this user, unable to write (root gives up that right): no other user, who might not
    # reach the checkout (a 0700 home, a `mktemp -d` folder), is needed.
    folder = Path(tempfile.mkdtemp(prefix="fuente-ro-"))
    try:
        shutil.copytree(built[0], folder / "index")
        for p in [folder, folder / "index", *(folder / "index").iterdir()]:
            p.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH | (p.is_dir() and 0o111))
        assert run_without_write_permission(f"open({str(folder / 'index' / 'x')!r}, 'w')").returncode != 0
        code = textwrap.dedent(f"""
            from store.search import SearchIndex
            hits = SearchIndex({str(folder / 'index')!r}, countries=False).search('Kremlin')
            print(len(hits))
        """)
        run = run_without_write_permission(code)
        assert run.returncode == 0, run.stderr[-500:]
        assert run.stdout.strip() == "2"
    finally:
        for p in [folder, *folder.rglob("*")]:
            p.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("query", ["statement -Friday", "gobierno -Bielorrusia", "official -restraint",
                                   "sanciones OR statement -Tehran", "Kremlin -Bielorrusia"])
def test_exclusion_among_few_documents_equals_the_ranking_walk(index, monkeypatch, query):
    direct = index.search(query, limit=50)
    monkeypatch.setattr(search, "DOC_FILTER_MAX", 0)  # never few enough: walk the ranking instead
    walked = index.search(query, limit=50)
    assert [(h["file"], h["start"]) for h in direct] == [(h["file"], h["start"]) for h in walked]
