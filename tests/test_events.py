"""Events: dated happenings in a document, and the same happening linked across documents."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from store.events import CUES_FILE, find_events, link_events
from store.segment import segment

KINDS = {"call", "agreement", "sanctions", "military", "statement", "meeting", "visit", "election", "aid", "other"}
KEYS = {"id", "doc", "date", "start", "end", "countries", "kind", "summary", "date_text", "qualifier"}


def doc_of(text, lang="es", published=None, doc_id="d1"):
    return {"id": doc_id, "text": text, "language": lang, "published": published, "body": 0}


def passages_of(text, doc_id="d1"):
    return [dict(p.as_dict(), doc=doc_id) for p in segment(text, 0)]


def mentions_of(text, names):
    """Hand-made mentions: every occurrence of each name in `names` ({name: code})."""
    out = []
    for name, code in names.items():
        at = text.find(name)
        while at >= 0:
            out.append({"country": code, "start": at, "end": at + len(name)})
            at = text.find(name, at + 1)
    return out


def events(text, lang="es", published=None, names=None, doc_id="d1"):
    return find_events(doc_of(text, lang, published, doc_id), passages_of(text, doc_id),
                       mentions_of(text, names or {}))


def quote(text, ev):
    return text[ev["start"]:ev["end"]]


# --- finding events -----------------------------------------------------------------------

def test_spanish_dated_agreement():
    text = "Introducción sin fechas aquí. Rusia y Cuba firmaron un tratado el 3 de marzo de 2024 en Moscú."
    (ev,) = events(text, names={"Rusia": "RU", "Cuba": "CU"})
    assert (ev["kind"], ev["date"], ev["countries"]) == ("agreement", "2024-03-03", ["CU", "RU"])
    assert quote(text, ev).startswith("Rusia y Cuba firmaron")
    assert ev["date_text"] == "3 de marzo de 2024"


@pytest.mark.parametrize("text, lang", [
    ("Cuba inició el 4 de mayo de 2025 unas maniobras frente a la costa.", "es"),
    ("Cuba began live-fire drills off the coast on May 4, 2025.", "en"),
])
def test_drills_are_a_military_event(text, lang):
    (ev,) = events(text, lang, names={"Cuba": "CU"})
    assert ev["kind"] == "military" and ev["date"] == "2025-05-04"


def test_english_dated_sanctions():
    text = "Background first. The United States imposed sanctions on Iran on March 5, 2019."
    (ev,) = events(text, "en", names={"United States": "US", "Iran": "IR"})
    assert (ev["kind"], ev["date"], ev["countries"]) == ("sanctions", "2019-03-05", ["IR", "US"])


def test_event_has_every_field_and_an_exact_span():
    text = "Nada. Brasil convocó elecciones en octubre de 2026."
    (ev,) = events(text, names={"Brasil": "BR"})
    assert KEYS <= set(ev)
    assert 0 <= ev["start"] < ev["end"] <= len(text)
    assert ev["kind"] in KINDS and ev["doc"] == "d1"


def test_dated_phrase_without_a_happening_is_not_an_event():
    assert events("Hola. La cifra de 2015, muy alta.") == []
    assert events("Hola. Enero de 2026: cronología.") == []


def test_dated_clause_with_a_past_verb_is_an_event_even_without_a_cue():
    (ev,) = events("Hola. La economía venezolana creció en 2024 más de lo previsto.")
    assert (ev["kind"], ev["date"]) == ("other", "2024")


def test_counts_and_durations_are_not_dated_events():
    text = "Hola. Las tropas, 2.000 soldados, llegaron durante 40 minutos en dos F/A-18."
    assert events(text, published="2025-12-12") == []


def test_undated_happening_outside_the_lede_is_not_an_event():
    text = "Hola a todos. Rusia firmó un acuerdo con Cuba."
    assert events(text, published="2025-12-12") == []


def test_lede_happening_takes_the_publication_date_as_approximate():
    text = "Putin mantuvo una conversación telefónica con Maduro. Luego hubo más."
    (ev,) = events(text, published="2025-12-12")
    assert (ev["kind"], ev["date"], ev["approximate"], ev["date_text"]) == ("call", "2025-12-12", True, None)


def test_lede_happening_without_publication_date_has_no_date():
    text = "Putin held a phone call with Maduro. More later."
    (ev,) = events(text, "en")
    assert (ev["kind"], ev["date"]) == ("call", None)


def test_lede_with_only_a_statement_is_not_an_event():
    assert events("El ministro dijo que todo está bien. Nada más.", published="2025-12-12") == []


def test_lede_in_present_tense_is_not_an_event():
    assert events("Putin y Maduro hablan por teléfono de la alianza.", published="2025-12-12") == []


def test_relative_date_without_publication_gives_an_undated_event():
    text = "El presidente ruso sostuvo este jueves una conversación telefónica con Maduro."
    (ev,) = events(text)
    assert (ev["kind"], ev["date"], ev["date_text"], ev["relative"]) == ("call", None, "este jueves", True)


def test_relative_date_resolves_with_publication():
    text = "Officials said the talks with Cuba were held on Tuesday in Havana."
    (ev,) = events(text, "en", published="2025-12-12")
    assert (ev["date"], ev["kind"]) == ("2025-12-09", "meeting")


def test_boilerplate_is_skipped():
    text = "Hola.\nTe podría interesar: Rusia firmó un acuerdo el 3 de marzo de 2024\n"
    assert events(text) == []


def test_two_dates_in_a_sentence_give_two_clauses():
    text = ("Hola. El acuerdo, firmado el 7 de mayo de 2025, entró en vigor en noviembre de 2025.")
    evs = events(text)
    assert [(e["date"], quote(text, e)) for e in evs] == [
        ("2025-05-07", "El acuerdo, firmado el 7 de mayo de 2025,"),
        ("2025-11", "entró en vigor en noviembre de 2025.")]


def test_a_range_stays_one_event():
    text = "Hi. Russian troops were deployed from 2019 to 2021 in Syria."
    (ev,) = events(text, "en")
    assert (ev["date"], ev["kind"]) == ("2019", "military")


def test_specific_happening_beats_the_statement_announcing_it():
    text = "Hola. A finales de diciembre de 2025, Washington anunció sanciones contra Irán."
    (ev,) = events(text)
    assert (ev["kind"], ev["date"], ev["qualifier"]) == ("sanctions", "2025-12", "late")


def test_cues_inside_quotes_give_way_to_the_reporting_verb():
    text = 'Hola. El 25 de noviembre Lukashenko indicó: "Acordamos reunirnos pronto".'
    (ev,) = events(text)
    assert ev["kind"] == "statement"


def test_according_to_is_not_an_agreement():
    text = "Hola. De acuerdo con la prensa, el 3 de marzo de 2024 la economía creció."
    assert [e["kind"] for e in events(text)] == ["other"]


def test_countries_come_from_the_previous_sentence_when_the_clause_names_none():
    text = "Rusia y Venezuela hablaron de todo. Ambos firmaron un pacto el 3 de marzo de 2024."
    evs = [e for e in events(text, names={"Rusia": "RU", "Venezuela": "VE"}) if e["date"]]
    assert evs[0]["countries"] == ["RU", "VE"] and evs[0]["countries_inferred"]


def test_ids_are_stable_and_distinct():
    text = "Hola. Rusia firmó un acuerdo el 3 de marzo de 2024. Cuba condenó el ataque el 5 de marzo de 2024."
    first, again = events(text), events(text)
    assert [e["id"] for e in first] == [e["id"] for e in again]
    assert len({e["id"] for e in first}) == len(first) == 2


def test_empty_inputs():
    assert find_events(doc_of(""), [], []) == []


_PIECES = st.sampled_from(list("abc ,.\n\"“”«»0123456789") + [
    " el 3 de marzo de 2024 ", " firmó un acuerdo ", " sanciones ", " this Tuesday ", " ayer ", " since 2005 ",
    " Putin mantuvo una conversación telefónica ", ";", " y ", "Te podría interesar: "])


@given(st.lists(_PIECES, max_size=40).map("".join), st.sampled_from([None, "2025-12-12"]))
def test_never_crashes_and_spans_lie_inside_text(text, published):
    for ev in events(text, published=published):
        assert 0 <= ev["start"] < ev["end"] <= len(text)
        assert ev["kind"] in KINDS


# --- linking across documents -------------------------------------------------------------

def ev(doc, date, kind="agreement", countries=("RU", "VE"), summary="Rusia y Venezuela firmaron un acuerdo "
       "de asociación estratégica", approximate=False, start=0):
    precision = {4: "year", 7: "month", 10: "day"}.get(len(date or ""), "none")
    return {"id": f"{doc}-{start}-{kind}", "doc": doc, "date": date, "start": start, "end": start + 10,
            "countries": list(countries), "kind": kind, "summary": summary, "precision": precision,
            "approximate": approximate}


def test_same_happening_in_two_documents_shares_a_cluster():
    a, b = ev("A", "2025-11"), ev("B", "2025-11")
    link_events([a, b])
    assert a["cluster"] == b["cluster"]


def test_a_word_opening_a_sentence_after_a_dateline_is_not_a_shared_name():
    # "The" after "CITY, Country -" opens the sentence: it says nothing of the happening
    a = ev("A", "2025-03", "statement", summary="CARACAS, Venezuela - The talks ended without a deal, officials reported")
    b = ev("B", "2025-03", "statement", summary="MOSCOW - The envoys travelled home")
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_a_precise_date_inside_a_vaguer_one_links():
    a, b = ev("A", "2025-11-21"), ev("B", "2025-11")
    link_events([a, b])
    assert a["cluster"] == b["cluster"]


def test_undated_report_links_on_close_wording():
    s1 = "Vladímir Putin mantuvo una conversación telefónica con Nicolás Maduro"
    s2 = "Putin sostuvo este jueves una conversación telefónica con el mandatario Nicolás Maduro"
    a = ev("A", "2025-12-12", "call", summary=s1, approximate=True)
    b = ev("B", None, "call", summary=s2)
    link_events([a, b])
    assert a["cluster"] == b["cluster"]


def test_two_undated_reports_of_different_weekdays_stay_apart():
    s1 = "Maduro denunció este lunes la agresión de Estados Unidos contra Venezuela"
    s2 = "Maduro denunció este jueves la agresión de Estados Unidos contra Venezuela"
    a, b = ev("A", None, "statement", ("US", "VE"), s1), ev("B", None, "statement", ("US", "VE"), s2)
    a["date_text"], b["date_text"] = "este lunes", "este jueves"
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_article_date_links_to_the_day_before():
    s = "Putin held a phone call with Maduro about the Caribbean"
    a = ev("A", "2025-12-12", "call", summary=s, approximate=True)
    b = ev("B", "2025-12-11", "call", summary=s)
    link_events([a, b])
    assert a["cluster"] == b["cluster"]


def test_sanctions_months_apart_stay_apart():
    s = "Washington anunció sanciones contra entidades de Irán y Venezuela"
    a = ev("A", "2025-03", "sanctions", ("US", "VE"), s)
    b = ev("B", "2025-12", "sanctions", ("US", "VE"), s)
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_a_vague_year_does_not_chain_two_different_months():
    s = "Washington anunció sanciones contra entidades de Irán y Venezuela"
    a = ev("A", "2025-03", "sanctions", ("US", "VE"), s)
    b = ev("B", "2025-12", "sanctions", ("US", "VE"), s)
    c = ev("C", "2025", "sanctions", ("US", "VE"), s)
    link_events([a, b, c])
    assert a["cluster"] != b["cluster"]


def test_different_kinds_stay_apart():
    a, b = ev("A", "2025-11", "agreement"), ev("B", "2025-11", "meeting")
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_disjoint_countries_stay_apart():
    a = ev("A", "2025-11", countries=("RU", "VE"), summary="firmaron un acuerdo energético")
    b = ev("B", "2025-11", countries=("CN", "BR"), summary="firmaron un acuerdo energético")
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_events_of_one_document_are_not_merged():
    a, b = ev("A", "2025-11", start=0), ev("A", "2025-11", start=50)
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_every_event_gets_a_cluster_and_ids_do_not_depend_on_order():
    evs = [ev("A", "2025-11"), ev("B", "2025-11"), ev("C", "2024-01", "military", ("US",), "ataque aéreo")]
    link_events(evs)
    first = {e["id"]: e["cluster"] for e in evs}
    shuffled = [dict(e) for e in evs]
    random.Random(3).shuffle(shuffled)
    link_events(shuffled)
    assert {e["id"]: e["cluster"] for e in shuffled} == first
    assert all(first.values()) and len(set(first.values())) == 2


def test_linking_nothing_is_fine():
    link_events([])


# --- data file and the seed gold ----------------------------------------------------------

def test_cue_file_shape():
    data = json.loads(CUES_FILE.read_text(encoding="utf-8"))
    assert set(data["kinds"]) == KINDS and set(data["cues"]) == KINDS
    for kind, by_lang in data["cues"].items():
        assert by_lang.get("es") and by_lang.get("en"), kind
        assert all(isinstance(p, str) and p.strip() == p and p for ps in by_lang.values() for p in ps)
    assert all(isinstance(p, str) for p in data["not_cues"])
    words = json.loads((CUES_FILE.parent / "date_words.json").read_text(encoding="utf-8"))
    assert set(words["past"]) == {"es", "en"}


GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "gold" / "seeds.json"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.skipif(not GOLD.exists(), reason="gold annotation not available")
def test_seed_gold_events_are_found_dated_and_linked():
    from store.reader import make_document
    try:
        from store.countries import find_mentions
    except ImportError:  # pragma: no cover - the countries stage is built in parallel
        find_mentions = None
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    found, dated, n, n_dated, all_events, texts = 0, 0, 0, 0, [], {}
    for fname, g in gold["documents"].items():
        d = make_document(fname, (SEEDS / fname).read_bytes())
        ps = [dict(p.as_dict(), doc=d["id"]) for p in segment(d["text"], d["body"])]
        ms = find_mentions(d["text"], ps, d["language"]) if find_mentions else []
        evs = find_events(d, ps, ms)
        all_events += evs
        texts[fname] = (d, evs)
        for ge in g["events"]:
            at = d["text"].index(ge["quote"])
            hits = [e for e in evs if e["start"] < at + len(ge["quote"]) and at < e["end"]]
            n += 1
            found += bool(hits)
            if hits and ge.get("date_scored", True):
                n_dated += 1
                dated += any(e["date"] == ge["date"] for e in hits)
    assert found / n >= 0.9 and dated / n_dated >= 0.9
    link_events(all_events)
    for group in gold["same_event_across_documents"]:
        clusters = []
        for fname, q in group["in"]:
            d, evs = texts[fname]
            at = d["text"].index(q)
            clusters.append({e["cluster"] for e in evs if e["start"] < at + len(q) and at < e["end"]})
        assert set.intersection(*clusters), group["what"]


def test_reports_in_two_languages_link_on_the_day_countries_and_a_shared_name():
    a = ev("A", "2025-03-04", "military", ("ML",), "el derribo de un dron maliense cerca de Tessalit")
    b = ev("B", "2025-03-04", "military", ("DZ", "ML"), "Algeria said it downed a Malian drone near Tessalit")
    link_events([a, b])
    assert a["cluster"] == b["cluster"]


def test_a_shared_figure_links_across_languages():
    a = ev("A", "2025-06-11", "other", (), "donde 142 países votaron a favor de la resolución")
    b = ev("B", "2025-06-11", "statement", ("UNO", "US"), "The resolution passed with 142 votes in favour")
    link_events([a, b])
    assert a["cluster"] == b["cluster"]


def test_a_loose_date_without_a_shared_name_or_figure_does_not_link():
    a = ev("A", "2025-06", "statement", ("UA",), "la delegación habló en junio")
    b = ev("B", "2025-06-11", "statement", ("UA",), "the delegation spoke on Wednesday")
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_the_strongest_match_wins_over_the_first_found():
    # B has two events on the day; A's report matches the second far better
    a = ev("A", "2025-06-11", "statement", ("PH",), "Teodoro said the ministry was watching", start=0)
    b1 = ev("B", "2025-06-11", "statement", ("PH",), "Manila said it was watching the straits", start=0)
    b2 = ev("B", "2025-06-11", "statement", ("PH",), "Defence Secretary Gilberto Teodoro said the ministry was "
            "watching", start=100)
    link_events([a, b1, b2])
    assert a["cluster"] == b2["cluster"] != b1["cluster"]


def test_an_undated_member_takes_the_cluster_date_marked_inferred():
    s = "Vladímir Putin mantuvo una conversación telefónica con Nicolás Maduro sobre Kalashnikov"
    a, b = ev("A", "2025-12-11", "call", summary=s), ev("B", None, "call", summary=s)
    link_events([a, b])
    assert a["cluster"] == b["cluster"]
    assert (b["date"], b["date_inferred"]) == ("2025-12-11", True) and "date_inferred" not in a


def test_a_day_and_month_without_a_year_links_to_that_day():
    a = ev("A", "2026-02-14", "other", ("PE",), "el buque atracó en el Callao el 14 de febrero")
    b = ev("B", None, "other", ("PE", "CL"), "the tanker docked in Peru on February 14")
    b["date_text"] = "February 14"
    link_events([a, b])
    assert a["cluster"] == b["cluster"] and (b["date"], b["date_inferred"]) == ("2026-02-14", True)


def test_a_day_and_month_without_a_year_never_links_to_another_day():
    a = ev("A", "2026-02-14", "other", ("PE",), "el buque atracó en el Callao el 14 de febrero")
    b = ev("B", None, "other", ("PE",), "the tanker docked in Callao on February 15")
    b["date_text"] = "February 15"
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_an_undated_weekday_links_only_to_a_day_of_that_weekday():
    s1, s2 = "Ortega y Lula hablaron de Petrobras", "Ortega and Lula spoke about Petrobras"
    sunday = ev("A", "2025-11-23", "call", ("BR", "NI"), s1)
    b = ev("B", None, "call", ("BR", "NI"), s2)
    b["date_text"] = "on Sunday"
    link_events([sunday, b])
    assert sunday["cluster"] == b["cluster"]
    monday = ev("A", "2025-11-24", "call", ("BR", "NI"), s1)
    c = ev("B", None, "call", ("BR", "NI"), s2)
    c["date_text"] = "on Sunday"
    link_events([monday, c])
    assert monday["cluster"] != c["cluster"]


def test_an_undated_report_takes_even_an_article_date_marked_approximate():
    s = "Vladímir Putin conversó por teléfono con Nicolás Maduro sobre Kalashnikov"
    a = ev("A", "2025-12-12", "call", summary=s, approximate=True)
    b = ev("B", None, "call", summary=s)
    link_events([a, b])
    assert (b["date"], b["date_inferred"], b["approximate"]) == ("2025-12-12", True, True)


def test_a_spanish_preterite_cue_finds_the_other_number():
    from store.events import spanish_forms

    assert spanish_forms("bombardeó") == ["bombardeó", "bombardearon"]
    assert spanish_forms("se reunieron") == ["se reunieron", "se reunió"]
    assert spanish_forms("detuvo") == ["detuvo", "detuvieron"]
    assert spanish_forms("acuerdo*") == ["acuerdo*"] and spanish_forms("tropas") == ["tropas"]
    # both numbers are events of the same kind
    one = events("El 3 de mayo de 2025 Rusia bombardeó la ciudad.", names={"Rusia": "RU"})
    many = events("El 3 de mayo de 2025 Rusia y Bielorrusia bombardearon la ciudad.",
                  names={"Rusia": "RU", "Bielorrusia": "BY"})
    assert [e["kind"] for e in one] == [e["kind"] for e in many] == ["military"]


def test_a_date_said_again_after_a_comma_dates_its_clause_once():
    # undated article, no year: the holiday gives no day, the day and month said again after it does
    found = events("The ministry had given the rebels until Christmas, Dec. 25, to lay down their arms.",
                   lang="en", names={})
    assert len(found) == 1 and found[0]["date_text"] == "Dec. 25"
    dated = events("The ministry had given the rebels until Christmas, Dec. 25, to lay down their arms.",
                   lang="en", published="2026-12-01", names={})
    assert len(dated) == 1 and dated[0]["date"] == "2026-12-25"


def test_an_amount_reads_the_same_in_both_languages():
    from store.events import _amounts

    assert _amounts("a loan of 45 billion euros") == _amounts("un préstamo de 45.000 millones de euros") \
        == _amounts("45 mil millones") == _amounts("$45bn") == {"=4.5e+10"}
    assert _amounts("2,5 millones de barriles") == _amounts("2.5 million barrels") == {"=2.5e+06"}
    assert _amounts("un billón de dólares") == set() and _amounts("1 billón") == {"=1e+12"}  # a Spanish billón
    assert _amounts("30 soldiers") == set()


def test_an_amount_links_two_reports_in_two_languages():
    a = ev("A", "2026-04-03", "agreement", ("AR", "IMF"),
           "Argentina and the IMF agreed on Friday to a loan of 20 billion dollars")
    b = ev("B", "2026-04", "agreement", ("AR",), "el préstamo de 20.000 millones de dólares acordado en abril")
    link_events([a, b])
    assert a.get("cluster") and a["cluster"] == b.get("cluster")


def test_names_past_a_cut_summary_still_count_for_linking():
    from store.events import find_events

    long = ("Los ministros de Defensa reunidos en la capital el 9 de junio de 2026 acordaron, tras dos jornadas "
            "de debate sobre presupuestos, cuotas y plazos que nadie quiso precisar ante la prensa, un plan "
            "común de vigilancia costera que llevará el nombre de Operación Albatros.")
    doc = doc_of(long, "es", "2026-06-10")
    found = find_events(doc, passages_of(long), mentions_of(long, {}))
    assert found and found[0]["summary"].endswith("…") and "albatros" in found[0]["link_terms"]


def test_a_statement_of_the_same_day_wins_over_drills_of_that_week():
    # B's lede dates this week's drills and names the speaker; its later sentence is the statement itself
    a = ev("A", "2026-03-04", "statement", ("CL", "PE"), "The Peruvian consulate in Arica rebuked deputy Ana Quispe "
           "for her remarks, saying in a statement that the border is settled", start=0)
    b1 = ev("B", "2026-03-02", "military", ("CL", "PE"), "ARICA, Chile - The Peruvian consulate has accused deputy "
            "Ana Quispe of meddling after she criticised this week's naval drills", start=0)
    b1["precision"] = "week"
    b2 = ev("B", "2026-03-04", "statement", ("CL", "PE"), "In a statement issued on Wednesday, the consulate said the "
            "border was settled and warned against provocations", start=300)
    link_events([a, b1, b2])
    assert a["cluster"] == b2["cluster"] != b1["cluster"]


@pytest.mark.parametrize("s1, s2", [
    ("The Department of Foreign Affairs said it was following developments", "the Foreign Ministry said the drills "
     "raised tension"),
    ("El Ministerio de Defensa dijo que seguía de cerca la situación", "el portavoz del Ministerio de Defensa "
     "afirmó que las maniobras eran legítimas"),
])
def test_offices_and_titles_are_not_names_two_reports_share(s1, s2):
    a = ev("A", "2026-03-04", "statement", ("PE",), s1, approximate=True)
    b = ev("B", "2026-03-03", "statement", ("CL", "PE"), s2)
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_a_month_without_a_year_links_inside_that_month_only():
    s1 = "la detención de Ramiro Quispe por agentes chilenos"
    s2 = "since Chilean agents detained Ramiro Quispe in March"
    a = ev("A", "2026-03-04", "other", ("CL", "PE"), s1)
    b = ev("B", None, "other", ("CL", "PE"), s2)
    b["date_text"] = "March"
    link_events([a, b])
    assert a["cluster"] == b["cluster"] and (b["date"], b["date_inferred"]) == ("2026-03-04", True)
    c = ev("C", None, "other", ("CL", "PE"), s2.replace("March", "April"))
    c["date_text"] = "April"
    link_events([a, c])
    assert a["cluster"] != c["cluster"]


def test_a_year_an_undated_article_only_implies_gives_way_to_the_cluster():
    # "an accord signed in March 2004 ... since the strike in May": 2004-05 is a guess, May is what is said
    a = ev("A", "2026-05-04", "other", ("BO", "CL"), "la huelga de Evaristo Mamani en las minas de Oruro")
    b = ev("B", "2004-05", "other", ("BO", "CL"), "nothing since the strike Evaristo Mamani led in Oruro in May")
    b["date_text"], b["year_guessed"] = "May", True
    link_events([a, b])
    assert a["cluster"] == b["cluster"] and (b["date"], b["date_inferred"]) == ("2026-05-04", True)


@pytest.mark.parametrize("text, lang, want", [
    ("Días después de la detención de Ramiro Quispe por agentes chilenos, el 4 de marzo de 2026, el ministro "
     "escribió que no habría acuerdo.", "es", "2026-03-04"),
    ("Days after the arrest of Ramiro Quispe by Chilean agents on March 4, 2026, the minister wrote that there "
     "would be no deal.", "en", "2026-03-04"),
])
def test_a_vague_offset_takes_the_date_its_anchor_is_given(text, lang, want):
    (e,) = events(text, lang, names={"chilenos": "CL", "Chilean": "CL"})
    assert (e["kind"], e["date"]) == ("other", want)
    assert quote(text, e).startswith(("Días después de la detención", "Days after the arrest"))


@pytest.mark.parametrize("text, lang, names", [
    ("Tras cerrar la embajada peruana en marzo de 2019 y forzar la salida de la misión Atalaya, concluida en "
     "junio de ese año, el gobierno boliviano buscó apoyo en Brasilia.", "es",
     {"peruana": "PE", "boliviano": "BO", "Brasilia": "BR"}),
    ("After closing the Peruvian embassy in March 2019, the government forced out the Atalaya mission, which "
     "was wound down in June that year, and the Bolivian cabinet turned to Brasilia.", "en",
     {"Peruvian": "PE", "Bolivian": "BO", "Brasilia": "BR"}),
])
def test_a_participial_phrase_dates_the_noun_phrase_before_it(text, lang, names):
    # "X, concluida en junio de ese año, ...": June dates the mission, not the clause after the comma
    evs = events(text, lang, names=names)
    june = next(e for e in evs if e["date"] == "2019-06")
    assert "Atalaya" in quote(text, june)
    assert "Brasilia" not in quote(text, june) and "PE" in june["countries"] and "BR" not in june["countries"]


def test_a_participial_phrase_of_the_only_date_keeps_its_sentence():
    text = "The vote came as the storm, which flooded Arica on Tuesday, reached the coast of Peru."
    (e,) = events(text, "en", published="2026-02-12", names={"Peru": "PE"})
    assert quote(text, e).endswith("coast of Peru.") and e["date"] == "2026-02-10"


@pytest.mark.parametrize("s1, d1, s2, d2", [
    ("forzar la retirada de la misión de observadores, concluida en junio de ese año", "2019-06",
     "the observers finally pulled out of Peru in June 2019", "2019-06"),
    ("Los dos gobiernos abandonaron formalmente el bloque andino el 29 de enero", "2026-01-29",
     "despite the January break with the Andean bloc, the ministers offered food aid", "2026-01"),
])
def test_one_happening_told_in_other_words_in_two_languages_links(s1, d1, s2, d2):
    # no shared name or figure: "retirada" / "pulled out", "abandonaron" / "break with" name one happening
    a = ev("A", d1, "other", ("PE",), s1)
    b = ev("B", d2, "aid" if "aid" in s2 else "other", ("PE", "BO"), s2)
    link_events([a, b])
    assert a["cluster"] == b["cluster"]


@pytest.mark.parametrize("s2", [
    "the observers were welcomed back in Peru in June 2019",  # no withdrawal: another happening
    "the observers pulled out of Chile in June 2019",  # the same words, no country shared
])
def test_other_words_of_another_happening_or_place_do_not_link(s2):
    a = ev("A", "2019-06", "other", ("PE",), "forzar la retirada de la misión de observadores, concluida en junio")
    b = ev("B", "2019-06", "other", ("CL",) if "Chile" in s2 else ("PE",), s2)
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


@pytest.mark.parametrize("s1, s2", [
    ("Peru's premier, who in his New Year's Day address spoke of sovereignty, flew to Lima", "A poll in January "
     "found that most of Peru's voters want a new New Year's Day holiday"),
    ("Chile’s navy escorted the ferry on Christmas Eve", "Chile’s president spoke of pensions at Christmas"),
])
def test_possessive_countries_and_holidays_are_not_shared_names(s1, s2):
    a = ev("A", "2026-01-08", "other", ("PE",), s1)
    b = ev("B", "2026-01", "other", ("PE",), s2)
    link_events([a, b])
    assert a["cluster"] != b["cluster"]


def test_a_name_in_the_possessive_is_the_same_name():
    a = ev("A", "2026-03", "other", ("PE",), "los milicianos de Ramiro Quispe tomaron el puente de Desaguadero")
    b = ev("B", "2026-03", "other", ("PE",), "Quispe's militia seized the border bridge in March")
    link_events([a, b])
    assert a["cluster"] == b["cluster"]


@pytest.mark.parametrize("text, lang", [
    ("Quito, 12 mar (EFE).- El gobierno peruano expulsó este miércoles al embajador chileno.", "es"),
    ("QUITO, March 12 (Reuters) - Peru's government expelled the Chilean ambassador on Wednesday.", "en"),
])
def test_a_wire_dateline_dates_no_clause_of_its_own(text, lang):
    (e,) = events(text, lang, published="2025-03-14", names={"peruano": "PE", "Peru": "PE"})
    assert e["date"] == "2025-03-12" and quote(text, e).startswith(("El gobierno", "Peru's government"))


def test_a_wire_dateline_gives_the_lede_of_an_undated_article_its_day_and_month():
    # no year is known, but "12 mar" still links the report to one dated 12 March
    text = "Quito, 12 mar (EFE).- El gobierno peruano expulsó al embajador chileno tras la crisis fronteriza."
    (e,) = events(text, "es", names={"peruano": "PE", "chileno": "CL"})
    assert e["date_text"] == "12 mar"
    other = ev("B", "2025-03-12", "other", ("CL", "PE"), "Peru expelled the Chilean ambassador on Wednesday")
    link_events([e, other])
    assert e["cluster"] == other["cluster"] and e["date"] == "2025-03-12"


@pytest.mark.parametrize("text, lang, day", [
    ("Sin fecha aquí. El martes, Lima denunció el tratado de límites de 1998 con sus vecinos.", "es", "2025-12-09"),
    ("No date here. On Tuesday, Lima scrapped the border treaty of 1998 with its neighbours.", "en", "2025-12-09"),
])
def test_a_fronted_day_dates_the_clause_whose_year_names_a_thing(text, lang, day):
    evs = events(text, lang, published="2025-12-12")
    dated = {ev["date"]: quote(text, ev) for ev in evs}
    assert day in dated and ("tratado" in dated[day] or "treaty" in dated[day])
    assert "1998" in dated  # the treaty's own year still dates the treaty


def test_a_fronted_day_does_not_take_a_clause_with_a_date_of_its_own():
    text = "Sin fecha aquí. El martes, Lima firmó un acuerdo en 1998 con sus vecinos."
    evs = events(text, "es", published="2025-12-12")
    assert all(ev["date"] != "2025-12-09" or "acuerdo" not in quote(text, ev) for ev in evs)


@pytest.mark.parametrize("text, lang, word", [
    ("Sin fecha aquí. Los ministros no aprobaron el lunes el paquete, que querían listo para la cumbre de "
     "Viena, este jueves 18 de diciembre.", "es", "cumbre"),
    ("No date here. The ministers failed on Monday to pass the package, which they wanted ready for the "
     "Vienna summit, on Thursday, Dec. 18.", "en", "summit"),
])
def test_a_date_set_off_at_the_clause_end_dates_the_phrase_before_it(text, lang, word):
    evs = events(text, lang, published="2025-12-15")
    assert any(ev["date"] == "2025-12-18" and word in quote(text, ev) for ev in evs)


@pytest.mark.parametrize("text, lang", [
    ("Lo que traía el plan\n\nEl Gobierno publicó el texto el 9 de marzo de 2025. Sus puntos:\n\n"
     "- un alto el fuego en toda la frontera;\n- un canje de presos.\n", "es"),
    ("What the plan held\n\nThe government published the text on March 9, 2025. Its points:\n\n"
     "- a ceasefire along the whole border;\n- a prisoner swap.\n", "en"),
])
def test_a_dated_sentence_before_a_list_is_an_event_even_when_set_as_a_heading(text, lang):
    heads = [p for p in passages_of(text) if "2025" in text[p["start"]:p["end"]]]
    assert heads and heads[0]["kind"] == "heading"  # how the segmenter sets such a line
    assert any(ev["date"] == "2025-03-09" for ev in events(text, lang))


def test_a_one_line_heading_is_still_no_event():
    text = "Marzo de 2025: el plan\n\nSin fechas en este párrafo de texto corrido.\n"
    assert events(text, "es") == []


@pytest.mark.parametrize("text, lang, main", [
    ('Sin fecha aquí. "No cederemos", dijo el canciller de Chile, cuyo país firmó el pacto en marzo.', "es",
     "dijo el canciller"),
    ('No date here. "We will not yield," said the foreign minister of Chile, whose country signed the pact '
     'in March.', "en", "said the foreign minister"),
])
def test_a_reaction_whose_only_date_is_in_a_relative_clause_is_dated_as_a_reaction(text, lang, main):
    evs = events(text, lang, published="2025-12-12", names={"Chile": "CL"})
    reaction = [ev for ev in evs if main in quote(text, ev) and "marzo" not in quote(text, ev)
                and "March" not in quote(text, ev)]
    assert reaction and reaction[0]["date"] == "2025-12-12" and reaction[0]["approximate"]
    assert any(ev["date"] == "2025-03" for ev in evs)  # the relative clause keeps its month


def test_a_main_clause_with_its_own_date_gets_no_reaction_event():
    text = 'Sin fecha aquí. "No cederemos", dijo el lunes el canciller, cuyo país firmó el pacto en marzo.'
    evs = events(text, "es", published="2025-12-12")
    assert not any(ev["approximate"] for ev in evs)
