"""Date expressions: every written form, Spanish and English, with and without a publication date."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, strategies as st

from store.dates import DATA_FILE, DateMatch, find_dates

FRI = "2025-12-12"  # a Friday


def one(text, **kw) -> DateMatch:
    found = find_dates(text, **kw)
    assert len(found) == 1, found
    return found[0]


def dates(text, **kw):
    return [d.date for d in find_dates(text, **kw)]


# --- absolute dates -----------------------------------------------------------------------

def test_spanish_day_month_year():
    d = one("El tratado se firmó el 14 de febrero de 2019 en Caracas.")
    assert (d.text, d.date, d.precision, d.relative) == ("14 de febrero de 2019", "2019-02-14", "day", False)


def test_english_month_day_year():
    d = one("The sanctions were imposed on March 5, 2019, by Treasury.")
    assert (d.text, d.date, d.precision) == ("March 5, 2019", "2019-03-05", "day")


def test_english_day_month_year():
    assert dates("Beijing announced a loan on 4 April 2016.") == ["2016-04-04"]


def test_english_day_abbreviated_month_without_year_takes_publication_year():
    assert dates("Officials met on 21 Oct in Havana.", published="2025-12-12") == ["2025-10-21"]


def test_english_ordinal_day_of_month():
    assert dates("It was signed on the 3rd of June, 2021.") == ["2021-06-03"]


def test_spanish_day_month_takes_year_from_publication():
    assert dates("El 3 de marzo el Parlamento votó la ley.", published="2023-05-02") == ["2023-03-03"]


def test_english_day_month_takes_year_from_publication():
    assert dates("On October 21, Maduro spoke.", published="2025-12-12") == ["2025-10-21"]


def test_day_month_after_new_year_goes_back_to_last_year():
    assert dates("El 21 de noviembre hubo una reunión.", published="2026-01-05") == ["2025-11-21"]


def test_day_month_without_publication_takes_preceding_year():
    assert dates("En 2019 hubo protestas. El 30 de abril los militares se alzaron.") == ["2019", "2019-04-30"]


def test_day_month_without_any_year_is_unresolved():
    d = one("El 21 de noviembre hubo una reunión.")
    assert (d.date, d.precision, d.relative) == (None, "none", False)


def test_context_year_stands_for_text_before_the_scan():
    assert dates("On October 21, Maduro spoke.", context_year=2024) == ["2024-10-21"]


def test_spanish_year_anaphora_uses_nearest_preceding_year():
    text = "Vigente desde noviembre de 2025. Este pacto, firmado el 7 de mayo de ese año, sigue."
    assert dates(text) == ["2025-11", "2025-05-07"]


def test_english_year_anaphora():
    assert dates("Talks began in 2018; on May 7 of that year they failed.") == ["2018", "2018-05-07"]


def test_anaphora_without_a_year_is_unresolved():
    assert dates("Firmado el 7 de mayo de ese año.") == [None]


def test_spanish_month_year():
    d = one("Las elecciones se celebraron en julio de 2024.")
    assert (d.text, d.date, d.precision) == ("julio de 2024", "2024-07", "month")


def test_english_month_year():
    assert dates("The embassy closed in November 2025.") == ["2025-11"]


def test_spanish_late_month_keeps_qualifier():
    d = one("A finales de diciembre de 2025, Washington anunció sanciones.")
    assert (d.text, d.date, d.precision, d.qualifier) == ("A finales de diciembre de 2025", "2025-12", "month", "late")


def test_english_late_month_keeps_qualifier():
    d = one("Sanctions followed in late December 2025.")
    assert (d.date, d.qualifier) == ("2025-12", "late")


def test_spanish_early_year():
    d = one("A principios de 2025 se reanudaron las conversaciones.")
    assert (d.date, d.precision, d.qualifier) == ("2025", "year", "early")


def test_english_mid_year_with_hyphen():
    d = one("By mid-2025 the loans had stopped.")
    assert (d.text, d.date, d.qualifier) == ("mid-2025", "2025", "mid")


def test_spanish_since_year():
    d = one("Rusia vende armas a Venezuela desde 2005.")
    assert (d.text, d.date, d.precision, d.qualifier) == ("desde 2005", "2005", "year", "since")


def test_english_since_year():
    d = one("Venezuela has received support from Russia since 2005.")
    assert (d.text, d.date, d.qualifier) == ("since 2005", "2005", "since")


def test_until_qualifier():
    assert one("El acuerdo estará vigente hasta 2030.").qualifier == "until"


def test_spanish_since_month_year():
    d = one("El acuerdo está vigente desde noviembre de 2025.")
    assert (d.date, d.precision, d.qualifier) == ("2025-11", "month", "since")


def test_english_in_year():
    assert dates("The economy shrank in 2024.") == ["2024"]


def test_english_possessive_year():
    assert dates("2025's elections were disputed.") == ["2025"]


def test_english_year_before_noun():
    assert dates("The 2024 election was disputed.") == ["2024"]


def test_iso_date():
    d = one("It happened on 2021-09-30 at noon.")
    assert (d.date, d.precision) == ("2021-09-30", "day")


def test_numeric_date_is_day_first_in_spanish():
    assert dates("La cumbre del 03/04/2022 terminó.", language="es") == ["2022-04-03"]


def test_numeric_date_is_month_first_in_english():
    assert dates("The vote is set for 03/04/2022.", language="en") == ["2022-03-04"]


def test_numeric_date_with_day_over_twelve_is_unambiguous():
    assert dates("The vote is set for 12/28/2022.", language="en") == ["2022-12-28"]
    assert dates("La votación del 28/12/2022.", language="es") == ["2022-12-28"]


def test_impossible_calendar_date_is_dropped():
    assert dates("Fecha 2025-02-30 errónea.") == []


def test_weekday_before_a_full_date_is_part_of_it():
    d = one("Llegó el jueves 11 de diciembre de 2025.")
    assert (d.date, d.relative) == ("2025-12-11", False)


# --- relative dates -----------------------------------------------------------------------

@pytest.mark.parametrize("text, want", [
    ("Putin sostuvo este jueves una conversación.", "2025-12-11"),
    ("Se reunieron el lunes en Moscú.", "2025-12-08"),
    ("Cuba condenó el ataque el pasado martes.", "2025-12-09"),
    ("Cuba condenó el ataque el martes pasado.", "2025-12-09"),
    ("El gobierno anunció ayer nuevas medidas.", "2025-12-11"),
    ("Anteayer llegó el buque.", "2025-12-10"),
    ("Hoy se reúne el consejo.", "2025-12-12"),
    ("Mañana se reunirán los ministros.", "2025-12-13"),
    ("El canciller viajará el próximo lunes.", "2025-12-15"),
    ("Hace tres días llegó la delegación.", "2025-12-09"),
])
def test_spanish_relative_day_resolves_against_publication(text, want):
    d = one(text, published=FRI)
    assert (d.date, d.precision, d.relative) == (want, "day", True)


@pytest.mark.parametrize("text, want", [
    ("Officials met in Havana this Thursday.", "2025-12-11"),
    ("On Tuesday, the ministry issued a statement.", "2025-12-09"),
    ("Officials met in Havana last Thursday.", "2025-12-11"),
    ("Last Friday the talks collapsed.", "2025-12-05"),
    ("Yesterday the embassy reopened.", "2025-12-11"),
    ("The ministry said today it would respond.", "2025-12-12"),
    ("The vote is tomorrow.", "2025-12-13"),
    ("Next Monday the envoy arrives.", "2025-12-15"),
])
def test_english_relative_day_resolves_against_publication(text, want):
    d = one(text, published=FRI)
    assert (d.date, d.relative) == (want, True)


def test_weekday_on_the_publication_day_is_that_day():
    assert dates("El viernes se firmó el acuerdo.", published=FRI) == [FRI]


@pytest.mark.parametrize("text, lang", [("Putin sostuvo este jueves una conversación.", "es"),
                                        ("Officials met on Tuesday.", "en"),
                                        ("El gobierno anunció ayer nuevas medidas.", "es"),
                                        ("Last week the talks resumed.", "en")])
def test_relative_date_without_publication_is_kept_unresolved(text, lang):
    d = one(text, language=lang)
    assert (d.date, d.precision, d.relative) == (None, "none", True)
    assert d.text.strip()


@pytest.mark.parametrize("text, want", [
    ("El mes pasado el FMI aprobó un préstamo.", "2025-11"),
    ("Prices rose sharply last month.", "2025-11"),
    ("The talks resumed earlier this month.", "2025-12"),
])
def test_relative_months_have_month_precision(text, want):
    d = one(text, published=FRI)
    assert (d.date, d.precision, d.relative) == (want, "month", True)


@pytest.mark.parametrize("text, want", [
    ("La semana pasada llegó el buque.", "2025-12-01"),
    ("Last week the talks resumed.", "2025-12-01"),
    ("Two weeks ago a convoy arrived.", "2025-11-24"),
    ("Esta semana el Congreso votó la ley.", "2025-12-08"),
    ("Earlier this week the minister spoke.", "2025-12-08"),
])
def test_relative_weeks_have_week_precision_from_their_monday(text, want):
    d = one(text, published=FRI)  # Friday 12 December 2025
    assert (d.date, d.precision, d.relative) == (want, "week", True)


@pytest.mark.parametrize("text, want", [
    # a date anchored to the last date before it, forward or back
    ("El acuerdo se firmó el 14 de enero de 2026. Un día después, los soldados llegaron.", "2026-01-15"),
    ("The deal was signed on March 3, 2025. Two days later the troops left.", "2025-03-05"),
    ("El tribunal falló el 22 de octubre. Pocas horas después, el gobierno respondió.", "2025-10-22"),
    ("The vote was on Nov. 10. A week earlier the minister had resigned.", "2025-11-03"),
    ("La cumbre fue el 9 de octubre y el alto el fuego llegó al día siguiente.", "2025-10-10"),
    # "after/después de que" introducing a clause: that clause happened before the sentence's date
    ("Francia se retiró el lunes 8 de diciembre, un día después de que Bélgica lo hiciera.", "2025-12-07"),
    ("Spain voted on Dec. 3, two days after Portugal had done so.", "2025-12-01"),
    ("Italy signed on Dec. 5, a day before Greece did.", "2025-12-06"),
])
def test_dates_anchored_to_another_date(text, want):
    got = [d for d in find_dates(text, published=FRI) if d.relative]
    assert got and (got[-1].date, got[-1].precision) == (want, "day")


@pytest.mark.parametrize("text", ["Días después, el gobierno cambió de postura.", "Days later the talks collapsed.",
                                  "Expulsó días atrás a los diplomáticos."])
def test_vague_anchors_give_no_date(text):
    assert [d.date for d in find_dates(text, published=FRI)] == [None]


@pytest.mark.parametrize("text, want", [
    ("Los negociadores se verán este domingo en Ginebra.", "2025-12-14"),
    ("The ministers will meet on Monday in Brussels.", "2025-12-15"),
    ("Los ministros se reunieron este lunes en Bruselas.", "2025-12-08"),
    ("The ministers met on Monday in Brussels.", "2025-12-08"),
])
def test_future_tense_puts_a_weekday_ahead(text, want):
    assert one(text, published=FRI).date == want


@pytest.mark.parametrize("text, want", [
    ("Se declararon zonas de fuego real para el martes 16.", "2025-12-16"),
    ("The talks on Thursday 11 ended without a deal.", "2025-12-11"),
    ("In a statement issued on New Year's Day, the embassy said", "2026-01-01"),
    ("El plazo vence el Día de Acción de Gracias.", "2025-11-27"),
    ("Kyiv had until Thanksgiving to answer.", "2025-11-27"),
])
def test_weekday_with_its_number_and_named_days(text, want):
    assert one(text, published=FRI).date == want


@pytest.mark.parametrize("text, want", [
    ("The bishop preached on Easter Sunday to a full square.", "2026-04-05"),
    ("El obispo predicó el Domingo de Resurrección ante una plaza llena.", "2026-04-05"),
    ("Shops stayed closed on Good Friday.", "2026-04-03"),
    ("Las tiendas cerraron el Viernes Santo.", "2026-04-03"),
    ("La procesión salió el Domingo de Ramos.", "2026-03-29"),
])
def test_movable_feasts_are_computed_from_easter_not_read_as_weekdays(text, want):
    d = one(text, published="2026-04-10")
    assert (d.date, d.precision) == (want, "day")


def test_a_movable_feast_takes_the_publication_year():
    assert one("Pilgrims arrived on Easter Sunday.", published=FRI).date == "2025-04-20"


@pytest.mark.parametrize("text, want", [("El año pasado hubo elecciones.", "2024"),
                                        ("Last year, Russia shipped arms.", "2024"),
                                        ("Este año no hubo elecciones.", "2025")])
def test_relative_years(text, want):
    d = one(text, published=FRI)
    assert (d.date, d.precision, d.relative) == (want, "year", True)


def test_qualifier_on_a_relative_year():
    d = one("Se firmó a mediados del año pasado.", published=FRI)
    assert (d.date, d.qualifier, d.relative) == ("2024", "mid", True)


def test_month_named_with_last_is_the_previous_one():
    assert dates("The deal was signed last November.", published="2025-10-01") == ["2024-11"]


def test_bare_month_takes_the_nearest_past_year():
    assert dates("Las protestas comenzaron en mayo.", published=FRI) == ["2025-05"]


# --- things that are not dates ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Sostuvo dos encuentros en menos de tres semanas.",
    "El sobrevuelo de dos cazabombarderos F/A-18 durante 40 minutos.",
    "Llegaron 2.000 soldados.",
    "Más de 2000 soldados participaron.",
    "Hasta 2000 soldados podrían llegar.",
    "About 2000 troops were sent.",
    "More than 1900 people were detained.",
    "Por la mañana llegó el buque.",
    "Hoy en día las relaciones son estables.",
    "Theresa May said the plan would work.",
    "Protestaron en la Plaza de Mayo.",
    "Trabajan de lunes a viernes.",
    "According to USA Today, talks stalled.",
    "See https://example.com/2025/12/12/story for more.",
])
def test_not_a_date(text):
    assert find_dates(text, published=FRI, language="es") == []


def test_morning_is_not_tomorrow_but_this_morning_is_today():
    assert dates("Esta mañana y por la mañana.", published=FRI) == [FRI]


def test_year_range_gives_both_years():
    assert dates("Entre 2019 y 2021 cayó la producción.") == ["2019", "2021"]


# --- scanning a piece of the text ---------------------------------------------------------

def test_start_and_end_limit_the_scan():
    text = "En 2019 hubo protestas. En 2020 hubo elecciones."
    got = find_dates(text, start=24)
    assert [d.text for d in got] == ["2020"]
    assert all(d.start >= 24 for d in got)


def test_full_stop_after_a_month_name_is_not_part_of_the_date():
    assert [d.text for d in find_dates("Habló el 25 de noviembre. Oct. 21 was calm.")] == ["25 de noviembre", "Oct. 21"]


def test_spans_are_exact_offsets():
    text = "Según Belta, el 25 de noviembre Lukashenko habló; since 2005 and last week."
    for d in find_dates(text, published=FRI):
        assert text[d.start:d.end] == d.text


def test_bad_publication_date_is_ignored():
    assert dates("Ayer llegó.", published="not a date") == [None]


# --- data file and properties -------------------------------------------------------------

def test_data_file_shape():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for key in ("months_es", "months_en", "months_abbrev"):
        assert set(data[key].values()) <= set(range(1, 13))
    assert set(data["weekdays_es"].values()) == set(range(7)) == set(data["weekdays_en"].values())
    assert set(data["qualifiers"]) == {"early", "mid", "late", "since", "until"}
    for phrase, (unit, n) in data["relative"].items():
        assert unit in {"day", "week", "month", "year"} and isinstance(n, int), phrase
    assert all(isinstance(v, int) for v in data["year_anaphora"].values())


@given(st.text(max_size=300))
def test_never_crashes_and_spans_lie_inside_text(text):
    for d in find_dates(text, published="2024-02-29", language="en"):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        assert d.precision in {"year", "month", "week", "day", "none"}


_DATEISH = st.lists(st.sampled_from(
    ["el", "de", "7", "31", "mayo", "May", "2025", "1999", "desde", "since", "a finales de", "mid-", "last",
     "jueves", "Monday", "ayer", "mañana", "la", "12/12/2025", "2025-02-29", ",", ".", "ese año", " ", "hace",
     "tres", "días", "ago", "weeks", "pasado", "próximo", "of", "the", "-", "Oct.", "21st"]), max_size=25)


def _date_words() -> list[str]:
    """Every phrase of the date grammar's word tables, and its first word alone."""
    with open(DATA_FILE, encoding="utf-8") as f:
        data = json.load(f)
    out: set[str] = set()

    def walk(x):
        if isinstance(x, str):
            out.update((x, x.split(" ")[0]))
        elif isinstance(x, dict):
            for k, v in x.items():
                out.update((k, k.split(" ")[0]))
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(data)
    return sorted(w for w in out if w and w != "about")


@given(st.lists(st.sampled_from(_date_words() + ["7", "31", "2025", ",", ".", "acuerdo", "mayor", "marines"]),
                max_size=12).map(" ".join))
def test_a_date_starts_only_where_the_grammar_looks(text):
    """The date pattern is tried only at the words that can begin a date: no match is lost."""
    from store.dates import _grammar, fold
    g, ft = _grammar(), fold(text)
    looked = {t.start() for t in g.starts.finditer(ft)}
    assert all(p in looked for p in range(len(ft)) if g.pattern.match(ft, p))


@given(_DATEISH.map(" ".join), st.sampled_from([None, "2025-12-12", "2024-02-29"]),
       st.sampled_from([None, "es", "en"]), st.integers(min_value=0, max_value=40))
def test_date_like_soup_never_crashes_and_dates_are_well_formed(text, published, language, start):
    for d in find_dates(text, start=start, published=published, language=language):
        assert start <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        if d.date is not None:
            assert len(d.date) == {"year": 4, "month": 7, "week": 10, "day": 10}[d.precision]
        else:
            assert d.precision == "none"


@given(st.text(max_size=200))
def test_folding_keeps_every_offset(text):
    from store.dates import fold
    assert len(fold(text)) == len(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x2000), max_size=200))
def test_folding_is_the_character_table(text):
    """The fast paths (ASCII lowered at once, only foldable characters replaced) fold exactly as the
    table does, character by character: "Ñandú" -> "nandu", "İ" and "Σ" as the table says."""
    from store.dates import _FOLD, fold
    assert fold(text) == text.translate(_FOLD)
    assert fold("Ñandú ÉL Über") == "nandu el uber"


# --- ranges, days of the month spoken of, months after a noun, tense --------------------------

@pytest.mark.parametrize("text,lang", [
    ("La delegación estará en la capital del 3 al 6 de mayo.", "es"),
    ("Las reuniones serán entre el 3 y el 6 de mayo.", "es"),
    ("The fair runs 3-6 May in the old town.", "en"),
])
def test_a_day_range_is_dated_by_its_first_day_and_spans_the_whole_range(text, lang):
    d = one(text, published="2025-04-20", language=lang)
    assert d.date == "2025-05-03" and d.text.startswith("3") and d.text.endswith(("mayo", "May"))


def test_el_dia_n_is_a_day_of_the_month_last_spoken_of():
    text = "El 2 de marzo empezó la visita. La comitiva se quedó hasta el día 9."
    assert dates(text, published="2025-03-20", language="es") == ["2025-03-02", "2025-03-09"]


def test_el_dia_n_skips_a_month_the_text_only_expects():
    text = "El 2 de marzo empezó. Subirían las tasas el 1 de agosto si no. Todo cambió el día 9."
    assert dates(text, published="2025-03-20", language="es")[-1] == "2025-03-09"


def test_el_dia_n_without_a_month_before_is_no_date():
    assert dates("Se quedó hasta el día 9.", published="2025-03-20", language="es") == []


@pytest.mark.parametrize("text,lang,expected", [
    ("Tras la cumbre de febrero nada cambió.", "es", ["2025-02"]),
    ("The talks brought back memories of February, when it all began.", "en", ["2025-02"]),
    ("Miles se reunieron en la Plaza de Mayo.", "es", []),
    ("The Fourth of July parade went ahead.", "en", []),
])
def test_a_month_after_de_or_of_is_a_date_after_a_common_noun_only(text, lang, expected):
    assert dates(text, published="2025-06-10", language=lang) == expected


def test_since_a_month_is_in_the_past():
    assert dates("Desde octubre la frontera sigue cerrada.", published="2025-09-02", language="es") == ["2024-10"]
    assert dates("The border has stayed shut since October.", published="2025-09-02", language="en") == ["2024-10"]


def test_a_month_in_a_past_clause_has_begun_by_the_publication_date():
    # a January a few weeks ahead is nearer, but the verb says it is behind
    assert dates("The minister resigned in January.", published="2025-12-20", language="en") == ["2025-01"]


def test_irregular_past_verbs_tell_the_past():
    assert dates("A survey in March found wide support.", published="2025-01-10", language="en") == ["2024-03"]


def test_that_month_is_the_month_last_spoken_of():
    text = "El 3 de marzo empezó todo. Las protestas, que crecieron a finales de ese mes, siguieron."
    d = find_dates(text, published="2025-06-01", language="es")[-1]
    assert (d.date, d.precision, d.qualifier) == ("2025-03", "month", "late")
    assert dates("On May 2 it began. The following month it ended.", published="2025-07-01",
                 language="en") == ["2025-05-02", "2025-06"]


def test_a_weekday_with_day_and_month_picks_the_year_that_agrees():
    # 20 November is a Thursday in 2025, not in 2024: the weekday overrides the past clause's guess
    assert dates("Les ha dado de plazo hasta el jueves 20 de noviembre.", published="2025-11-15",
                 language="es") == ["2025-11-20"]


@pytest.mark.parametrize("text,lang", [("Las protestas de octubre y noviembre crecieron.", "es"),
                                       ("The talks in October and November failed.", "en")])
def test_two_months_in_one_phrase_give_both(text, lang):
    assert dates(text, published="2025-12-10", language=lang) == ["2025-10", "2025-11"]


@given(_DATEISH.map(" ".join) | st.text(max_size=200))
def test_the_fast_scan_finds_exactly_what_the_whole_pattern_finds(text):
    from store.dates import _Scan, _grammar, fold
    folded = fold(text)
    whole = [(m.start(), m.end(), m.lastgroup) for m in _grammar().pattern.finditer(folded)]
    fast = [(m.start(), m.end(), m.lastgroup) for m in _Scan(text, folded, None, "es", None).matches(0, len(text))]
    assert fast == whole


@pytest.mark.parametrize("text, lang, want", [
    # the happening a mid-sentence "a day before the X" introduces was dated earlier: the phrase dates its
    # own clause from that day, not the happening from the clause
    ("The exercises, held on Monday and Tuesday, drew protests. Seoul, whose envoy had spoken two days "
     "before the exercises began, said nothing more.", "en", "2025-12-06"),
    ("Las maniobras se celebraron el lunes 8 de diciembre. Lima, cuyo canciller habló un día antes de las "
     "maniobras, guardó silencio.", "es", "2025-12-07"),
    ("The summit opened on Dec. 2 in Quito. Bolivia, whose minister had resigned three days after the "
     "summit opened, sent no one.", "en", "2025-12-05"),
])
def test_a_clause_phrase_anchored_to_a_happening_dated_before(text, lang, want):
    got = [d for d in find_dates(text, published=FRI, language=lang) if d.relative]
    assert (got[-1].date, got[-1].precision) == (want, "day")


def test_a_clause_phrase_whose_happening_was_not_dated_keeps_the_sentence_date():
    # "Peru" is an actor, found anywhere: it does not make the first sentence the anchor
    text = "Chile closed its border on Monday to flights from Peru. The move came a day after Peru recalled its envoy."
    got = [d for d in find_dates(text, published=FRI, language="en") if d.relative]
    assert got[-1].date == "2025-12-07"  # as before: a day before the article's latest day (Monday the 8th)


@pytest.mark.parametrize("text, lang", [
    ("Bolivia, que compraba gas desde un acuerdo firmado en marzo de 2004, no recibe nada desde la huelga de mayo.",
     "es"),
    ("Bolivia, which had bought gas since an accord signed in March 2004, has received nothing since the strike in "
     "May.", "en"),
])
def test_a_month_whose_year_an_undated_text_only_implies_says_so(text, lang):
    year, month = find_dates(text, language=lang)
    assert (year.date, year.year_guessed) == ("2004-03", False)
    assert (month.date, month.year_guessed) == ("2004-05", True)
    # with a publication date the year is the publication's, not a guess
    assert not find_dates(text, published=FRI, language=lang)[-1].year_guessed


def test_a_lowercase_month_abbreviation_is_a_date_only_in_a_wire_dateline():
    pub = "2025-12-14"
    assert one("Quito, 12 dic (EFE).- El gobierno anunció sanciones.", published=pub).date == "2025-12-12"
    assert one("Santiago, 3 dic (Europa Press) - El gobierno anunció sanciones.", published=pub).date == "2025-12-03"
    assert find_dates("Se vio el 12 mar en calma desde la costa.", published=pub) == []


@pytest.mark.parametrize("text, want, said", [
    ("El miércoles de la semana pasada, Perú cerró la frontera.", "2025-12-03", "miércoles de la semana pasada"),
    ("Peru closed the border on Tuesday last week.", "2025-12-02", "Tuesday last week"),
    ("Perú cerró la frontera el lunes de la semana anterior.", "2025-12-01", "lunes de la semana anterior"),
])
def test_a_weekday_of_last_week_is_that_day_of_the_week_before(text, want, said):
    d = one(text, published=FRI)  # Friday 12 December: last week ran from 1 to 7 December
    assert (d.date, d.text) == (want, said)


@pytest.mark.parametrize("text, want", [
    ("A finales del mes pasado, Perú cerró la frontera.", "2025-11"),
    ("Perú cerró la frontera a principios del mes pasado.", "2025-11"),
    ("Peru closed the border the day before yesterday.", "2025-12-10"),
    ("El cierre del último jueves dejó a miles de viajeros en la frontera.", "2025-12-11"),
])
def test_relative_phrases_of_wire_copy(text, want):
    assert one(text, published=FRI).date == want


def test_days_later_with_no_day_told_before_is_no_date():
    # "two days later" counts from a day the story told, never forward from the article's own date
    assert one("Two days later, Peru closed the border.", published=FRI).date is None
    assert one("Dos días después, Perú cerró la frontera.", published=FRI).date is None
    assert dates("Peru shut its embassy on December 1. Two days later, it closed the border.",
                 published=FRI) == ["2025-12-01", "2025-12-03"]
    assert one("Hours later, Peru closed the border.", published=FRI).date == FRI


@pytest.mark.parametrize("text, want", [
    ("Shelling hit the port overnight from March 31 to April 1.", "2025-04-01"),
    ("Los bombardeos alcanzaron el puerto en la noche del 31 de marzo al 1 de abril.", "2025-04-01"),
    ("Sirens sounded on the night of 12 to 13 May.", "2025-05-13"),
    ("Sonaron las sirenas la noche del 12 al 13 de mayo.", "2025-05-13"),
])
def test_a_night_between_two_days_is_dated_by_the_later_day(text, want):
    d = one(text, published="2025-05-20")
    assert (d.date, d.precision) == (want, "day")


@pytest.mark.parametrize("text, want", [
    ("The talks ran from March 31 to April 1.", "2025-03-31"),
    ("Las conversaciones fueron del 12 al 13 de mayo.", "2025-05-12"),
])
def test_a_range_of_days_without_a_night_keeps_its_first_day(text, want):
    assert dates(text, published="2025-05-20")[0] == want


TUE = "2025-04-22"  # a Tuesday


@pytest.mark.parametrize("text", ["Earlier in the week, the envoy left the talks.",
                                  "A principios de la semana, el enviado abandonó las negociaciones."])
def test_early_in_the_week_is_the_publications_week(text):
    d = one(text, published=TUE)
    assert (d.date, d.precision, d.relative) == ("2025-04-21", "week", True)


def test_early_in_last_week_keeps_the_week_before():
    d = one("A principios de la semana pasada, el enviado se fue.", published=TUE)
    assert (d.date, d.precision, d.qualifier) == ("2025-04-14", "week", "early")


@pytest.mark.parametrize("text, want", [
    ("Over the weekend, the militia seized two villages.", "2025-04-14"),
    ("This past weekend the militia seized two villages.", "2025-04-14"),
    ("La milicia tomó dos aldeas el fin de semana pasado.", "2025-04-14"),
    ("Durante el fin de semana, la milicia tomó dos aldeas.", "2025-04-14"),
    ("The militia will hold a parade this weekend.", "2025-04-21"),
    ("La milicia celebrará un desfile el próximo fin de semana.", "2025-04-21"),
])
def test_a_weekend_is_the_week_that_holds_it_the_tense_choosing_which(text, want):
    """Two days, no one of them said: the week (its Monday, at week precision) that holds the weekend."""
    d = one(text, published=TUE)
    assert (d.date, d.precision, d.relative) == (want, "week", True)


def test_last_weekend_read_on_a_sunday_is_the_one_before():
    assert one("Last weekend the militia seized a village.", published="2025-04-27").date == "2025-04-14"


@pytest.mark.parametrize("text", ["The market opens every weekend.", "El mercado abre cada fin de semana."])
def test_every_weekend_is_no_date(text):
    assert find_dates(text, published=TUE) == []


@pytest.mark.parametrize("text", [
    "The tanker was seized on April 10. On April 11, envoys met in Oman. "
    "Two days after the tanker was seized, the navy closed the strait.",
    "El petrolero fue incautado el 10 de abril. El 11 de abril, los enviados se reunieron en Omán. "
    "Dos días después de la incautación del petrolero, la armada cerró el estrecho.",
    "El petrolero fue incautado el 10 de abril. El 11 de abril, los enviados se reunieron en Omán. "
    "La armada cerró el estrecho dos días después del incautamiento del petrolero.",
])
def test_a_phrase_after_a_named_happening_counts_from_the_day_the_text_gave_it(text):
    assert dates(text, published=TUE)[-1] == "2025-04-12"


@pytest.mark.parametrize("text", ["The militia struck on the weekend of April 5.",
                                  "La milicia atacó el fin de semana del 5 de abril.",
                                  "La milicia atacó el fin de semana, el 5 de abril."])
def test_a_weekend_given_its_date_is_that_date(text):
    assert dates(text, published=TUE) == ["2025-04-05"]


# -- an aside does not move the story's own time: relative clauses and since/until dates
def last(text, **kw):
    return find_dates(text, **kw)[-1]


@pytest.mark.parametrize("text, want", [
    # a relative clause: its date is background, "a week earlier" counts from the main clause's day
    ("Parliament on Tuesday passed the bill, reversing a ban that the court imposed on March 3. "
     "The cabinet had approved it a week earlier.", "2025-12-02"),
    ("The fund paid out on Wednesday. Its donor, which on Oct. 14 froze its grants, said nothing. "
     "The board had met a day earlier.", "2025-12-09"),
    ("El Senado aprobó la ley este martes, tras un veto que el juez dictó el 3 de marzo. "
     "El Gobierno la había presentado una semana antes.", "2025-12-02"),
    ("La cumbre terminó el miércoles. El anfitrión, cuyo ministro dimitió el 14 de octubre, calló. "
     "Los negociadores se habían reunido un día antes.", "2025-12-09"),
    # a since-date is where a state began, not the point the story has reached
    ("The truce held on Tuesday, in force since Oct. 10. A day later the talks resumed.", "2025-12-10"),
])
def test_an_aside_does_not_anchor_a_relative_offset(text, want):
    assert last(text, published=FRI, language="es" if " el " in text else "en").date == want


@pytest.mark.parametrize("text, want", [
    ("La respuesta llegó el 17 de enero de 2026: cuotas a partir del 1 de febrero. El giro llegó el día 21.",
     "2026-01-21"),
    ("La visita empezó el 10 de marzo de 2024, con tarifas vigentes hasta el 30 de abril. Terminó el día 14.",
     "2024-03-14"),
])
def test_a_since_or_until_date_does_not_set_the_month_of_el_dia(text, want):
    assert last(text, language="es").date == want


def test_a_reported_that_clause_still_anchors():
    text = "The minister said that on Tuesday the army withdrew. A day later the border reopened."
    assert last(text, published=FRI, language="en").date == "2025-12-10"


@pytest.mark.parametrize("text, lang", [
    ("El ejército cerró la frontera el 3 de noviembre. Francia y Bélgica: un día después de que París diera "
     "la alarma, ambos gobiernos evacuaron a su personal.", "es"),
    ("Troops shut the border on Nov. 3. Britain and Spain: a day after London raised the alarm, both told "
     "citizens to leave.", "en"),
])
def test_a_label_and_colon_do_not_stop_an_offset_opening_its_sentence(text, lang):
    assert last(text, published="2025-11-08", language=lang).date == "2025-11-04"


@pytest.mark.parametrize("text, lang, want", [
    ('Son los segundos ejercicios del año, tras las maniobras "Escudo Norte" de abril.', "es", "2025-04"),
    ("Llegan tras la cumbre de abril.", "es", "2025-04"),
    ("The drills come after the 'Northern Shield' of April.", "en", "2025-04"),
    ("They are the second drills this year, following talks in April.", "en", "2025-04"),
    ("The summit will take place after the vote in April.", "en", "2026-04"),  # the future wins
])
def test_a_month_after_tras_or_after_lies_before_the_clause_time(text, lang, want):
    assert last(text, published="2025-12-29", language=lang).date == want


def test_a_month_after_a_quoted_name_is_a_date():
    assert one('tras los ejercicios "Mar Abierto" de marzo', published="2025-12-29", language="es").date == "2025-03"
    assert find_dates("la Plaza de Mayo", published="2025-12-29", language="es") == []


@pytest.mark.parametrize("text, lang, want", [
    ("The founder died in a crash in August 2023, two months after a failed mutiny.", "en", "2023-06"),
    ("El fundador murió en agosto de 2023, dos meses después de un motín fallido.", "es", "2023-06"),
    ("The accord was signed in March 2021. Three months later, the rebels broke it.", "en", "2021-06"),
    ("El acuerdo se firmó en marzo de 2021. Tres meses después, los rebeldes lo rompieron.", "es", "2021-06"),
    ("The vote was held on May 5, 2022. A month earlier, the leader had resigned.", "en", "2022-04"),
    ("La votación fue el 5 de mayo de 2022. Un mes antes, el líder había dimitido.", "es", "2022-04"),
])
def test_months_from_the_month_last_spoken_of(text, lang, want):
    d = last(text, language=lang)
    assert (d.date, d.precision) == (want, "month")


def test_a_vague_number_of_months_is_no_date():
    assert find_dates("Unos meses después, todo cambió.", language="es") == []


@pytest.mark.parametrize("text, lang, want", [
    # the anchor's very word ("the ship") before a stem match told later ("ships")
    ("The navy says the ship entered its waters on May 4, 2025. It says other ships had entered on Jan. 9, "
     "2025. Three days after the ship was seized, the envoys met in Rome.", "en", "2025-05-07"),
    ("La Armada dice que el buque entró en sus aguas el 4 de mayo de 2025. Dice que otros buques entraron el "
     "9 de enero de 2025. Tres días después de que el buque fuera apresado, los enviados se reunieron.", "es",
     "2025-05-07"),
])
def test_an_anchor_prefers_the_sentence_with_its_very_word(text, lang, want):
    assert last(text, published="2025-05-20", language=lang).date == want


@pytest.mark.parametrize("text, lang", [
    ("The drone crossed the border overnight from May 3 to May 4, 2025. Police said it was seized later. "
     "Two days after the drone crossed, the envoys met.", "en"),
    ("El dron cruzó la frontera la noche del 3 al 4 de mayo de 2025. La policía dijo que fue incautado. "
     "Dos días después de que el dron cruzara, los enviados se reunieron.", "es"),
])
def test_a_night_anchors_as_the_morning_after(text, lang):
    assert last(text, published="2025-05-20", language=lang).date == "2025-05-06"


@pytest.mark.parametrize("text, want", [
    ("Las tropas permanecieron allí desde el 3 de marzo de 2024 hasta el día 17.", "2024-03-17"),
    ("El 2 de febrero de 2024 llegaron. Desde el 3 de marzo de 2024 y hasta el día 17, patrullaron.", "2024-03-17"),
])
def test_el_dia_right_after_a_since_date_takes_its_month(text, want):
    assert last(text, language="es").date == want


@pytest.mark.parametrize("text, lang, aside", [
    ("The talks failed, with the news that on Monday the army withdrew.", "en", False),
    ("Fracasó la tregua, con la noticia de que el lunes se retiró el ejército.", "es", False),
    ("Fracasó la tregua, tanto más que el lunes se retiró el ejército.", "es", False),
    ("The talks failed over a plan that the army drew up on Monday.", "en", True),
    ("Fracasó la tregua por un plan que el ejército trazó el lunes.", "es", True),
])
def test_a_noun_complement_is_no_relative_clause(text, lang, aside):
    assert last(text, published=FRI, language=lang).aside is aside
