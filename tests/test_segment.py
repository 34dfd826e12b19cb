"""Segmenting: sentences, headings, list items, table rows and boilerplate, with exact offsets."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from store.segment import is_boilerplate, segment, split_sentences


def spans(text, **kw):
    return [(p.kind, text[p.start:p.end], p.boilerplate) for p in segment(text, **kw)]


def test_sentences_split_at_full_stops_but_not_abbreviations():
    text = "El Sr. Pérez llegó a EE. UU. ayer. Luego habló con la prensa. U.S. officials agreed."
    got = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert got == ["El Sr. Pérez llegó a EE. UU. ayer.", "Luego habló con la prensa.", "U.S. officials agreed."]


def test_missing_space_after_full_stop_still_splits():
    text = "In the Western Hemisphere.Nations such as Iran agreed."
    got = [text[a:b] for a, b in split_sentences(text, 0, len(text))]
    assert got == ["In the Western Hemisphere.", "Nations such as Iran agreed."]


def test_table_rows_keep_cells_with_offsets():
    text = "| Country | Position |\n|---|---|\n| Russia | Supportive |\n"
    ps = segment(text)
    assert [p.kind for p in ps] == ["header", "row"]
    row = ps[1]
    assert [text[a:b] for a, b in row.cells] == ["Russia", "Supportive"]


def test_list_items_and_headings():
    got = spans("Key Developments\n- Rusia apoyó a Venezuela.\n- China dudó.\n")
    assert got[0] == ("heading", "Key Developments", False)
    assert got[1] == ("item", "Rusia apoyó a Venezuela.", False)


def test_boilerplate_lines_are_flagged_not_removed():
    text = ("Texto principal sobre Venezuela y sus socios.\nFoto: Cortesía\n"
            "Te podría interesar: «Otro titular» de hoy\nConsulta más contenido en Diario X: https://x.example/\n"
            "Read more: Why oil matters\nFollow us on social media\n")
    got = spans(text)
    assert got[0][2] is False
    assert all(bp for _, _, bp in got[1:])


def test_boilerplate_patterns_are_general():
    for line in ("Fotografía: EFE", "Photo: Reuters", "Lee también: algo", "Read also: x", "Suscríbete a nuestro boletín",
                 "© 2025 Diario", "https://example.org/noticia"):
        assert is_boilerplate(line), line
    for line in ("Rusia anunció sanciones.", "La foto del presidente recorrió el mundo."):
        assert not is_boilerplate(line), line


def test_hard_wrapped_paragraphs_are_joined_so_sentences_span_lines():
    text = ("The agreement between the two governments was signed in the capital of\n"
            "South Africa after a long negotiation that lasted for more than a year and\n"
            "ended on Tuesday with a statement. Officials from both sides welcomed it and\n"
            "said the deal would hold for a decade or more, depending on the parliament.\n\n"
            "A second paragraph starts here and also runs on for quite a long way until\n"
            "it finally ends with a full stop at the end of this line right about here.\n")
    sentences = [t for k, t, _ in spans(text) if k == "sentence"]
    assert sentences[0].startswith("The agreement") and sentences[0].endswith("statement.")
    assert "capital of\nSouth Africa" in sentences[0]


def test_body_offset_skips_front_matter():
    text = "---\ntitle: x\n---\nRusia habló.\n"
    ps = segment(text, body=text.index("Rusia"))
    assert ps[0].kind == "meta" and ps[0].boilerplate
    assert text[ps[1].start:ps[1].end] == "Rusia habló."


@given(st.text(max_size=600))
def test_segment_never_crashes_and_spans_stay_inside(text):
    for p in segment(text):
        assert 0 <= p.start < p.end <= len(text)
        for a, b in p.cells:
            assert p.start <= a <= b <= p.end


@pytest.mark.parametrize("line", [
    "More from Europe: Spain and Portugal agree on a water deal",
    "Related stories",
    "Más sobre Oriente Medio:",
    "(Reporting by Ana Ruiz in Lima and Tom Fox in Quito; Editing by Jo Lee)",
    "Additional reporting by Lea Marsh in Oslo",
    "Con información de agencias.",
    "AP writer Li Wei in Hanoi contributed to this report.",
    "Get the week in Asia in your inbox, from Seoul to Jakarta.",
    "Suscríbete a nuestro boletín semanal desde Quito hasta La Paz.",
    "Newsletter: the Andes, every Friday",
])
def test_credits_promotion_and_link_labels_are_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "More from the minister came a day later, when he spoke to reporters.",
    "Más de 300 personas murieron: fue el peor ataque del año.",
    "Reporters in Lima said the vote was close.",
])
def test_reporting_that_merely_looks_like_a_label_is_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_the_list_under_a_link_label_is_boilerplate_and_the_prose_after_it_is_not():
    text = ("Chile y Perú firmaron.\n\nRelated coverage:\n- Spain recalls its ambassador\n- Brazil votes\n\n"
            "Bolivia respondió al día siguiente.\n")
    kinds = [(text[p.start:p.end], p.boilerplate) for p in segment(text)]
    assert ("Spain recalls its ambassador", True) in kinds and ("Brazil votes", True) in kinds
    assert ("Bolivia respondió al día siguiente.", False) in kinds and ("Chile y Perú firmaron.", False) in kinds


def test_a_list_under_a_heading_of_reporting_stays_content():
    text = "Key points\n- Spain recalls its ambassador\n- Brazil votes\n"
    assert not any(p.boilerplate for p in segment(text))
