"""Country mentions: the gazetteer's data, the matcher's rules, and the public look-ups."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.countries import (DATA_DIR, aliases, all_codes, country_info, find_mentions, fold, lookup)

FORM_KINDS = {"name", "demonym", "capital", "institution", "leader", "code"}


def codes(text: str, language: str | None = None, passages: list[dict] | None = None) -> list[str]:
    return [m["country"] for m in find_mentions(text, passages or [], language)]


def spans(text: str, language: str | None = None) -> list[tuple[str, str]]:
    return [(m["text"], m["country"]) for m in find_mentions(text, [], language)]


# --- data files -----------------------------------------------------------------------------

def test_gazetteer_file_has_the_expected_shape():
    data = json.loads((DATA_DIR / "gazetteer.json").read_text(encoding="utf-8"))
    assert isinstance(data["not_countries"], list) and all(isinstance(p, str) for p in data["not_countries"])
    for e in data["entries"]:
        assert set(e) >= {"code", "name_en", "name_es", "kind", "forms"}
        assert e["kind"] in {"country", "territory", "bloc"}
        assert re.fullmatch(r"[A-Z][A-Z0-9]{1,8}", e["code"])
        assert set(e["forms"]) == {"name", "code", "demonym", "capital", "institution"}
        for forms in e["forms"].values():
            assert all(isinstance(f, str) and f == " ".join(f.split()) and f for f in forms)


def test_curated_file_has_the_expected_shape():
    cur = json.loads((DATA_DIR / "gazetteer_curated.json").read_text(encoding="utf-8"))
    allowed = {"name", "code", "demonym", "demonym_es", "demonym_en", "capital", "institution", "drop", "only_en"}
    for code, spec in cur["countries"].items():
        assert re.fullmatch(r"[A-Z]{2}", code)
        assert set(spec) <= allowed, code
        assert all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in spec.values())
    for code, spec in cur["blocs"].items():
        assert {"name_en", "name_es"} <= set(spec)
        # ISO 3166-1 leaves EU and UN to those bodies; any other two-letter code could be a country's
        assert not re.fullmatch(r"[A-Z]{2}", code) or code in {"EU"}, code
    assert all(isinstance(p, str) for p in cur["not_countries"] + cur["ambiguous"])


def test_leaders_file_has_codes_forms_and_ordered_iso_dates():
    data = json.loads((DATA_DIR / "leaders.json").read_text(encoding="utf-8"))
    known = set(all_codes())
    for person in data["leaders"]:
        assert person["code"] in known, person["name"]
        assert person["forms"] and all(isinstance(f, str) and f.strip() for f in person["forms"])
        for term in person["terms"]:
            start = date.fromisoformat(term["start"])
            assert term["end"] is None or date.fromisoformat(term["end"]) >= start
            assert term["role"]


def test_every_iso_country_and_the_extra_codes_are_present():
    got = set(all_codes())
    assert {"RU", "US", "VE", "BY", "CN", "XK", "PS", "TW", "ZW", "AQ"} <= got
    assert {"EU", "UNO", "NATO", "ALBA", "BRICS", "OPEC", "MERCOSUR", "CELAC", "OAS", "G7", "G20"} <= got
    assert len([c for c in got if len(c) == 2]) >= 250


def test_no_form_belongs_to_two_codes():
    from store.countries import _ACCENTED, _gazetteer
    for key, items in _gazetteer().index.items():
        # a phrase spelt like a form but for its accents ("Jordán") is told apart by them
        assert len({item[0] for item in items if item[3] != _ACCENTED}) == 1, key


def test_an_accented_spanish_name_spelt_like_a_country_is_not_that_country():
    assert codes("la frontera al este del Jordán") == []
    assert codes("Jordan and Egypt", "en") == ["JO", "EG"]


@pytest.mark.parametrize("text,lang", [
    ("Lo dijo el ministro de Defensa, Israel Katz, el lunes.", "es"),
    ("Israel Katz said the strikes would go on.", "en"),
    ("Air traffic was normal, China Airlines said.", "en"),
    ("The minister told France Inter that the talks had failed.", "en"),
])
def test_a_country_name_inside_a_person_or_company_name_is_no_mention(text, lang):
    assert codes(text, lang) == []


@pytest.mark.parametrize("text,lang,expected", [
    ("Israel Defense Forces said", "en", ["IL"]),
    ("Israel Strikes Back At Critics Over Its War", "en", ["IL"]),
    ("Chile Congress approved the bill", "en", ["CL"]),
    ("Israel and Jordan signed", "en", ["IL", "JO"]),
])
def test_a_country_before_an_institution_or_in_a_title_case_headline_stays_a_mention(text, lang, expected):
    assert codes(text, lang) == expected


# --- public look-ups --------------------------------------------------------------------------

def test_country_info_names_in_both_languages():
    assert country_info("RU") == {"code": "RU", "name_en": "Russia", "name_es": "Rusia", "bloc": False,
                                  "kind": "country"}


def test_country_info_marks_blocs():
    assert country_info("EU")["bloc"] is True
    assert country_info("ALBA")["bloc"] is True


def test_country_info_unknown_code_is_none():
    assert country_info("QQ") is None


@pytest.mark.parametrize("term,expected", [
    ("moscú", {"RU"}), ("Russia", {"RU"}), ("sanciones", set()), ("KREMLIN", {"RU"}), ("casa blanca", {"US"}),
    ("Pekin", {"CN"}), ("putin", {"RU"}), ("venezolanas", {"VE"}), ("EE. UU.", {"US"}), ("otan", {"NATO"}),
    ("América Latina", set()), ("", set()),
])
def test_lookup(term, expected):
    assert lookup(term) == expected


def test_lookup_keeps_the_case_of_short_codes():
    assert lookup("US") == {"US"}
    assert lookup("us") == set()


def test_aliases_cover_every_kind_in_both_languages():
    a = aliases("RU")
    assert set(a) == FORM_KINDS
    assert {"Rusia", "Russia"} <= set(a["name"])
    assert {"ruso", "rusas", "Russian"} <= set(a["demonym"])
    assert {"Moscú", "Moscow"} <= set(a["capital"])
    assert "Kremlin" in a["institution"]
    assert "Putin" in a["leader"]


# --- matching rules -----------------------------------------------------------------------------

def test_spans_are_exact_substrings():
    text = "Rusia y EE. UU. discutieron; el Kremlin y la Casa Blanca."
    for m in find_mentions(text, []):
        assert text[m["start"]:m["end"]] == m["text"]
        assert m["form"] in FORM_KINDS


def test_forms_are_reported():
    got = {m["text"]: m["form"] for m in find_mentions("Rusia, Moscú, el Kremlin, ruso, Putin y EE. UU.", [])}
    assert got == {"Rusia": "name", "Moscú": "capital", "Kremlin": "institution", "ruso": "demonym",
                   "Putin": "leader", "EE. UU.": "code"}


@pytest.mark.parametrize("word", ["ruso", "rusa", "rusos", "rusas"])
def test_spanish_demonym_all_genders_and_numbers(word):
    assert codes(f"El gobierno {word} respondió.") == ["RU"]


def test_english_demonym_singular_and_plural():
    assert codes("The Russian envoy met Venezuelans and Belarusians.") == ["RU", "VE", "BY"]


@pytest.mark.parametrize("text, want", [
    ("The Philippine coast guard replied.", ["PH"]),
    ("A Nepali delegation arrived.", ["NP"]),
])
def test_english_adjectives_that_differ_from_the_demonym(text, want):
    assert codes(text) == want


def test_demonym_used_as_adjective_counts():
    assert codes("el presidente ruso y el mandatario venezolano") == ["RU", "VE"]


def test_capitalized_spanish_demonym_starting_a_sentence_counts():
    assert codes("Venezolanos votaron. Rusos también.") == ["VE", "RU"]


def test_capitalized_spanish_demonym_inside_a_name_does_not_count():
    assert codes("Checo Pérez ganó y el Chino Ríos aplaudió.") == []


def test_lowercase_chile_is_the_pepper():
    assert codes("Agregó chile a la salsa. Chile votó en contra.") == ["CL"]


def test_ambiguous_common_words_need_capitals():
    assert codes("roast turkey, jordan almonds") == []
    assert codes("Turkey and Jordan signed.") == ["TR", "JO"]


def test_lowercase_us_is_not_a_country():
    assert codes("Let us go, tell us more.", "en") == []


@pytest.mark.parametrize("form", ["EE. UU.", "EE.UU.", "EEUU", "U.S.", "U.S.A.", "US", "USA"])
def test_united_states_abbreviations(form):
    assert spans(f"Sanciones de {form} contra Caracas.") == [(form, "US"), ("Caracas", "VE")]


def test_roman_numeral_is_not_xi():
    assert codes("En el siglo XI; Xi Jinping viajó; Xi habló.") == ["CN", "CN"]


def test_accents_are_optional():
    assert codes("Mexico, Iran, Peru y Moscu") == ["MX", "IR", "PE", "RU"]


def test_decomposed_accents_match_and_stay_in_the_span():
    text = "Visitó Me\u0301xico."
    assert spans(text) == [("Me\u0301xico", "MX")]


def test_longest_name_wins():
    assert codes("Estados Unidos Mexicanos") == ["MX"]
    assert codes("South Africa, not Africa") == ["ZA"]


def test_the_two_koreas_and_the_two_congos():
    assert codes("Corea del Sur, Corea del Norte, South Korea, North Korea") == ["KR", "KP", "KR", "KP"]
    assert codes("la República Democrática del Congo y la República del Congo") == ["CD", "CG"]


def test_bare_congo_and_korea_are_too_ambiguous():
    assert codes("El Congo y Corea.") == []


def test_guinea_and_its_longer_namesakes():
    text = "Guinea, Guinea-Bissau, Papua New Guinea, Equatorial Guinea, Guinea Ecuatorial"
    assert codes(text) == ["GN", "GW", "PG", "GQ", "GQ"]


def test_niger_is_not_nigeria_and_dominica_is_not_the_dominican_republic():
    assert codes("Niger and Nigeria; Dominica and República Dominicana") == ["NE", "NG", "DM", "DO"]


def test_multiword_names_across_line_breaks_and_odd_blanks():
    assert spans("Estados\nUnidos y Corea \u00a0del\r\n Sur") == [("Estados\nUnidos", "US"),
                                                                  ("Corea \u00a0del\r\n Sur", "KR")]


def test_words_inside_other_words_are_not_mentions():
    assert codes("Perucho, chinero, rusófilo, Irania, Omaní") == ["OM"]


@pytest.mark.parametrize("text", [
    "América Latina", "Latin America", "el Caribe", "Caribbean nations", "South America", "Western Hemisphere",
    "Europe", "Europa", "Africa", "Asia", "Latin American countries", "a South American nation", "Nuevo México",
    "una montaña rusa",
])
def test_regions_and_idioms_are_not_countries(text):
    assert codes(text, "en") == []


def test_america_means_the_united_states_only_in_english():
    assert codes("America First", "en") == ["US"]
    assert codes("toda América", "es") == []


def test_european_union_is_not_europe():
    assert codes("Europa y la Unión Europea (UE)") == ["EU", "EU"]


def test_blocs_are_found_with_their_codes():
    assert codes("La OTAN, la ONU, el ALBA-TCP, la OPEP y el Mercosur") == ["NATO", "UNO", "ALBA", "OPEC", "MERCOSUR"]


@pytest.mark.parametrize("text,code", [
    ("la Casa Blanca", "US"), ("the White House", "US"), ("el Pentágono", "US"), ("el Kremlin", "RU"),
    ("el Elíseo", "FR"), ("Downing Street", "GB"), ("Miraflores", "VE"), ("Itamaraty", "BR"),
    ("el Planalto", "BR"), ("la Casa Rosada", "AR"), ("Zhongnanhai", "CN"),
])
def test_institutions_stand_for_their_country(text, code):
    assert codes(text) == [code]


@pytest.mark.parametrize("text,code", [
    ("Putin", "RU"), ("Lukashenko", "BY"), ("Lula", "BR"), ("Petro", "CO"), ("Sheinbaum", "MX"),
    ("Xi Jinping", "CN"), ("Trump", "US"), ("Díaz-Canel", "CU"), ("Maduro", "VE"), ("Milei", "AR"),
    ("Boric", "CL"), ("Daniel Ortega", "NI"), ("Bukele", "SV"), ("Zelenski", "UA"), ("Erdogan", "TR"),
    ("Modi", "IN"), ("Netanyahu", "IL"), ("Macron", "FR"), ("Starmer", "GB"), ("Merz", "DE"), ("Meloni", "IT"),
    ("Pedro Sánchez", "ES"), ("Jamenei", "IR"), ("Pezeshkian", "IR"), ("Kim Jong Un", "KP"),
])
def test_leaders_count_for_their_country(text, code):
    assert codes(f"Según {text}, la reunión fue útil.") == [code]


def test_common_surnames_alone_are_not_leaders():
    assert codes("Según Sánchez y Ortega, maduro y rubio.") == []


def test_person_named_like_a_country_is_the_person():
    assert codes("Francia Márquez viajó a Francia. Mauricio Macri habló.") == ["CO", "FR", "AR"]


@pytest.mark.parametrize("text,code", [
    ("Pekín", "CN"), ("Beijing", "CN"), ("Minsk", "BY"), ("Washington", "US"), ("La Habana", "CU"),
    ("Nueva Delhi", "IN"), ("Kiev", "UA"), ("Kyiv", "UA"), ("Caracas", "VE"), ("Bruselas", "EU"),
])
def test_capitals_stand_for_their_country(text, code):
    assert codes(text) == [code]


def test_outlet_names_are_not_mentions():
    assert codes("The Washington Post reported it.", "en") == []


# --- passages -----------------------------------------------------------------------------------

def test_boilerplate_passages_are_skipped():
    text = "Rusia habló.\nConsulta más contenido en Rotativo de México: https://www.rotativodemexico.com/\n"
    cut = text.index("\n") + 1
    passages = [{"start": 0, "end": cut - 1, "boilerplate": False},
                {"start": cut, "end": len(text) - 1, "boilerplate": True}]
    assert codes(text, "es", passages) == ["RU"]


def test_boilerplate_found_by_the_segmenter_is_skipped():
    from store.segment import segment
    text = ("Rusia y Venezuela firmaron.\n"
            "Consulta más contenido en Rotativo de México: https://www.rotativodemexico.com/\n")
    passages = [p.as_dict() for p in segment(text, 0)]
    assert codes(text, "es", passages) == ["RU", "VE"]


def test_text_outside_every_passage_is_skipped():
    text = "Rusia. China."
    assert codes(text, "es", [{"start": 7, "end": 13, "boilerplate": False}]) == ["CN"]


def test_empty_text_has_no_mentions():
    assert find_mentions("", []) == []


# --- folding and properties -----------------------------------------------------------------------

def test_fold_maps_back_to_original_offsets():
    text = "A  b\u0301\n\n c"
    f = fold(text)
    assert f.text == "a b c"
    assert [text[f.orig(i)] for i in range(len(f.text))] == ["A", " ", "b", "\n", "c"]


_ALPHABET = st.sampled_from(list("abcUSEéÉ .\n\t\u00a0-'\u0301\u0130ßRusiaChlexMéoKmnEE. UU.") +
                            ["Rusia", "EE. UU.", "Estados", "Unidos", "ruso", "Guinea", "-Bissau", "Corea del"])


@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_property_spans_are_inside_text_and_equal_to_it(text):
    for m in find_mentions(text, [], "es"):
        assert 0 <= m["start"] < m["end"] <= len(text)
        assert text[m["start"]:m["end"]] == m["text"]


@given(st.text(max_size=200), st.sampled_from([None, "es", "en", "fr"]))
def test_property_never_crashes_on_any_text(text, language):
    found = find_mentions(text, [{"start": 0, "end": len(text), "boilerplate": False}], language)
    assert all(text[m["start"]:m["end"]] == m["text"] for m in found)
    assert [m["start"] for m in found] == sorted(m["start"] for m in found)


@given(st.text(max_size=60))
def test_property_lookup_never_crashes(term):
    assert isinstance(lookup(term), set)


def test_seed_documents_against_the_gold():
    """Mention codes per seed vs the reader's gold: all gold countries found, nothing extra, traps avoided."""
    from store.reader import make_document
    from store.segment import segment
    root = Path(__file__).resolve().parent.parent
    gold_path = root.parent / "shared" / "gold" / "seeds.json"
    if not gold_path.exists():
        pytest.skip("shared gold annotation not beside the repository")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["documents"]
    for name, g in gold.items():
        p = root / "seeds" / name
        d = make_document(p.name, p.read_bytes())
        passages = [x.as_dict() for x in segment(d["text"], d["body"])]
        found = find_mentions(d["text"], passages, d["language"])
        got = {m["country"] for m in found if len(m["country"]) == 2}
        assert got == set(g["countries"]), name
        for trap in g["not_countries"]:
            at = d["text"].find(trap["quote"])
            assert not any(m["country"] == trap["code"] and m["start"] < at + len(trap["quote"]) and at < m["end"]
                           for m in found)


@pytest.mark.parametrize("text, lang, want", [
    ("Talks on the EU-Israel Association Agreement resumed.", "en", {"EU", "IL"}),
    ("Se congeló el acuerdo UE-Israel Asociación.", "es", {"EU", "IL"}),
    ("Israel Katz spoke to reporters in Jerusalem.", "en", {"IL"}),
])
def test_a_hyphenated_compound_of_two_names_gives_both(text, lang, want):
    # "Israel" before a capitalised word is a first name ("Israel Katz"), but not after "EU-"
    assert {m["country"] for m in find_mentions(text, [], lang)} == want


@pytest.mark.parametrize("text, lang", [
    ("Families travelled home for Chinese New Year.", "en"),
    ("The parade marked Australia Day.", "en"),
    ("Las familias viajaron por el Año Nuevo chino.", "es"),
    ("Según el calendario chino, empieza el año del caballo.", "es"),
    ("The fair closed before German Unity Day.", "en"),
])
def test_a_holiday_or_calendar_name_is_no_country_mention(text, lang):
    assert codes(text, lang) == []


@pytest.mark.parametrize("text, lang, want", [
    ("China marked the New Year with a parade.", "en", ["CN"]),
    ("Taiwan's New Year address was short.", "en", ["TW"]),
    ("Australia said the day would come.", "en", ["AU"]),
    ("China celebró el Año Nuevo con un desfile.", "es", ["CN"]),
])
def test_a_country_beside_a_holiday_is_still_a_mention(text, lang, want):
    assert codes(text, lang) == want
