"""The query parser: syntax to plain data, and plain words whenever the syntax is not valid."""
from hypothesis import given, settings
from hypothesis import strategies as st

from store.query import ParsedQuery, Term, parse_query


def test_words_are_all_required_groups():
    q = parse_query("sanciones Irán")
    assert q.groups == [[Term("sanciones")], [Term("Irán")]]
    assert q.terms == ["sanciones", "Irán"]


def test_quoted_phrase():
    q = parse_query('"asociación estratégica" acuerdo')
    assert q.phrases == ["asociación estratégica"]
    assert q.terms == ["acuerdo"]


def test_curly_and_angle_quotes_make_phrases():
    q = parse_query("“air defense” «guerra comercial»")
    assert q.phrases == ["air defense", "guerra comercial"]


def test_or_joins_the_units_on_each_side():
    q = parse_query("sanciones OR sanctions Rusia")
    assert q.or_groups == [[Term("sanciones"), Term("sanctions")]]
    assert q.terms == ["Rusia"]


def test_lowercase_or_is_a_word():
    assert parse_query("this or that").terms == ["this", "or", "that"]


def test_dangling_or_is_ignored():
    q = parse_query("OR Kremlin OR")
    assert q.groups == [[Term("Kremlin")]]


def test_minus_excludes_a_word_or_a_phrase():
    q = parse_query('Kremlin -Bielorrusia -"Estados Unidos"')
    assert q.terms == ["Kremlin"]
    assert q.excluded == [Term("Bielorrusia"), Term("Estados Unidos", "phrase")]


def test_hyphen_inside_a_word_is_not_exclusion():
    q = parse_query("ALBA-TCP F/A-18")
    assert q.terms == ["ALBA-TCP", "F/A-18"]
    assert q.excluded == []


def test_lone_minus_is_ignored():
    assert parse_query("Rusia - China").terms == ["Rusia", "China"]


def test_star_makes_a_prefix():
    q = parse_query("sanc* milit")
    assert q.prefixes == ["sanc"]
    assert q.terms == ["milit"]


def test_lone_star_is_ignored():
    assert parse_query("* ** Rusia").groups == [[Term("Rusia")]]


def test_filters():
    q = parse_query("country:RU lang:es doc:001 sanciones")
    assert q.filters == {"country": ["RU"], "lang": ["es"], "doc": ["001"]}
    assert q.terms == ["sanciones"]


def test_language_names_become_codes():
    assert parse_query("lang:Spanish x").filters == {"lang": ["es"]}
    assert parse_query("idioma:inglés x").filters == {"lang": ["en"]}


def test_quoted_filter_value():
    assert parse_query('country:"Reino Unido"').filters == {"country": ["Reino Unido"]}


def test_filter_without_value_is_searched_as_words():
    q = parse_query("country: Rusia")
    assert q.filters == {}
    assert q.terms == ["country", "Rusia"]


def test_unknown_key_stays_a_word():
    q = parse_query("hora:10:30")
    assert q.filters == {}
    assert q.terms == ["hora:10:30"]


def test_unclosed_quote_reads_as_words():
    q = parse_query('"asociación estratégica')
    assert q.terms == ["asociación", "estratégica"]
    assert q.phrases == []


def test_punctuation_only_chunks_are_dropped():
    assert parse_query("¿ ? — …").groups == []


def test_empty_query():
    assert parse_query("   ").empty
    assert not parse_query("lang:es").empty


def test_partial_adds_a_prefix_for_the_word_being_typed():
    q = parse_query("drones misi", partial=True)
    assert q.groups[-1] == [Term("misi"), Term("misi", "prefix")]
    assert q.groups[0] == [Term("drones")]


def test_partial_leaves_a_finished_word_alone():
    q = parse_query("drones ", partial=True)
    assert q.groups == [[Term("drones")]]


def test_not_a_string_gives_an_empty_query():
    assert parse_query(None) == ParsedQuery()  # type: ignore[arg-type]


def test_and_in_capitals_is_an_operator():
    q = parse_query("Irán AND Cuba")
    assert q.terms == ["Irán", "Cuba"]
    assert parse_query("Irán and Cuba").terms == ["Irán", "and", "Cuba"]


def test_not_in_capitals_excludes_the_next_unit():
    assert parse_query("Cuba NOT Irán") == parse_query("Cuba -Irán")
    assert parse_query('Cuba NOT "Estados Unidos"').excluded == [Term("Estados Unidos", "phrase")]
    assert parse_query("Cuba not Irán").terms == ["Cuba", "not", "Irán"]


def test_dangling_not_is_ignored():
    assert parse_query("Cuba NOT") == parse_query("Cuba")
    assert parse_query("NOT").empty


def test_or_and_not_together():
    q = parse_query("sanciones OR sanctions NOT Irán")
    assert q.or_groups == [[Term("sanciones"), Term("sanctions")]]
    assert q.excluded == [Term("Irán")]


def test_fuzzy_words():
    assert parse_query("sancions~1").groups == [[Term("sancions", "fuzzy", 1)]]
    assert parse_query("sancions~2").groups == [[Term("sancions", "fuzzy", 2)]]
    assert parse_query("sancions~").groups == [[Term("sancions", "fuzzy", 1)]]
    assert parse_query("sancions~7").groups == [[Term("sancions", "fuzzy", 2)]]  # tantivy stops at two
    assert parse_query("sancions~0").groups == [[Term("sancions")]]
    assert parse_query("-sancions~1").excluded == [Term("sancions", "fuzzy", 1)]


def test_tilde_that_is_not_fuzzy_stays_a_word():
    assert parse_query("10~20").terms == ["10~20"]
    assert parse_query("~1").terms == ["~1"]


def test_proximity_phrase():
    q = parse_query('"air defense"~3 Rusia')
    assert q.groups == [[Term("air defense", "phrase", 3)], [Term("Rusia")]]
    assert parse_query('"Rusia"~3').groups == [[Term("Rusia", "phrase")]]  # one word has no neighbour
    assert parse_query('"air defense"~').groups == [[Term("air defense", "phrase")]]


QUERY_CHARS = st.text(alphabet=st.sampled_from(list('ab é-*":“”«»|OR()\\/ \t\ncountry:lang:doc:~12NOTAD')),
                      max_size=40)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), QUERY_CHARS), st.booleans())
def test_parser_never_fails_and_keeps_only_searchable_units(text, partial):
    q = parse_query(text, partial=partial)
    for term in [t for g in q.groups for t in g] + q.excluded:
        assert term.kind in ("word", "phrase", "prefix", "fuzzy")
        assert 0 <= term.slop <= (2 if term.kind == "fuzzy" else 100)
        assert any(ch.isalnum() for ch in term.text)
    assert all(g for g in q.groups)
    for key, values in q.filters.items():
        assert key in ("country", "lang", "doc") and values
