"""Reading files: decoding, metadata, language, ids."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, strategies as st

from store.reader import NotText, decode, discover, make_document


def test_utf8_bom_is_kept_so_offsets_match_a_plain_utf8_read():
    text, enc = decode(codecs.BOM_UTF8 + "Irán".encode())
    assert text == "\ufeffIrán" and enc == "utf-8"


def test_windows_1252_file_is_decoded_not_dropped():
    text, enc = decode("Bogotá “cita”".encode("cp1252"))
    assert text == "Bogotá “cita”" and enc == "cp1252"


def test_latin1_bytes_undefined_in_cp1252_still_decode():
    text, _ = decode(b"caf\xe9 \x81")
    assert text.startswith("café")


def test_utf16_with_bom_decodes():
    text, enc = decode("Hola México".encode("utf-16"))
    assert text == "Hola México" and enc == "utf-16"


def test_binary_is_refused():
    try:
        decode(b"\x00\x01\x02PNG")
    except NotText:
        return
    raise AssertionError("binary data was decoded")


def test_crlf_is_kept():
    doc = make_document("a.txt", b"Uno.\r\nDos.\r\n")
    assert doc["text"] == "Uno.\r\nDos.\r\n"


def test_front_matter_gives_title_date_url_language_and_body_start():
    raw = b"---\ntitle: 'Cumbre'\ndate: 2025-03-04\nurl: https://x.org\nlanguage: en\n---\nBody here.\n"
    doc = make_document("a.md", raw)
    assert (doc["title"], doc["published"], doc["url"], doc["language"]) == ("Cumbre", "2025-03-04", "https://x.org", "en")
    assert doc["text"][doc["body"]:].startswith("Body here.")


def test_leading_date_marker_sets_published_and_body():
    doc = make_document("a.txt", " date 2025-12-12 En un contexto de tensión, Rusia habló.".encode())
    assert doc["published"] == "2025-12-12"
    assert doc["text"][doc["body"]:].startswith("En un contexto")


def test_title_from_first_line_when_no_metadata():
    doc = make_document("a.txt", "Primera línea del artículo. Y más texto.\nSegunda.".encode())
    assert doc["title"] == "Primera línea del artículo."
    assert doc["title_source"] == "sentence"  # the first sentence of a paragraph: no title of its own


def test_where_a_title_came_from():
    cases = {"---\ntitle: Cumbre\n---\nTexto.\n": "meta", "# Cumbre en Brasilia\n\nTexto. Más.\n": "line",
             "Cumbre en Brasilia\nTexto.\n": "line", "| Brasil | apoya |\n| Rusia | apoya |\n": "sentence",
             "": "file"}
    for text, source in cases.items():
        assert make_document("a.txt", text.encode())["title_source"] == source, text


def test_language_detected_per_document():
    es = make_document("a.txt", "El gobierno de Venezuela anunció que las sanciones de los países no son legales.".encode())
    en = make_document("b.txt", b"The government of Venezuela said that the sanctions of the countries are not legal.")
    assert (es["language"], en["language"]) == ("es", "en")


def test_id_depends_on_name_and_content_and_is_stable():
    a = make_document("a.txt", b"Texto.")
    assert a["id"] == make_document("a.txt", b"Texto.")["id"]
    assert a["id"] != make_document("b.txt", b"Texto.")["id"]
    assert a["id"] != make_document("a.txt", b"Texto!")["id"]


def test_discover_walks_recursively_and_skips_hidden_and_other_suffixes(awkward_corpus):
    (awkward_corpus / ".hidden.txt").write_text("x")
    found = discover([awkward_corpus])
    names = [s.rel for s in found.sources]
    assert "sub/front.md" in names and "sub/deeper/markup.txt" in names
    assert ".hidden.txt" not in names and "notes.bin" not in names
    assert names == sorted(names, key=lambda n: (n.count("/") > 0, n)) or len(set(names)) == len(names)


def test_symlink_loop_is_not_followed_forever(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("Rusia.")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    found = discover([tmp_path], follow_links=True)
    assert [s.rel for s in found.sources] == ["a/x.txt"]
    found = discover([tmp_path], follow_links=False)
    assert any("link" in s.reason for s in found.skipped)


@given(st.binary(max_size=400))
def test_make_document_never_crashes_on_bytes(data):
    try:
        doc = make_document("x.txt", data)
    except NotText:
        return
    assert 0 <= doc["body"] <= len(doc["text"])


@pytest.mark.parametrize("text, published", [
    ("12 de diciembre de 2025\nRusia respaldó a Venezuela el jueves.", "2025-12-12"),
    ("Publicado el 3 de enero de 2026, 10:45\nEstados Unidos anunció sanciones.", "2026-01-03"),
    ("CARACAS, 12 de diciembre de 2025 (EFE) — El presidente habló.", "2025-12-12"),
    ("WASHINGTON, December 12, 2025 (AP) - The president said", "2025-12-12"),
    ("Updated: Dec 12, 2025 4:30 PM\nText of the article.", "2025-12-12"),
])
def test_publication_date_written_at_the_top_is_found(text, published):
    assert make_document("a.txt", text.encode())["published"] == published


@pytest.mark.parametrize("text", [
    "Tras la operación militar de Estados Unidos en Venezuela este 3 de enero de 2026, medios reportaron.",
    "El acuerdo firmado el 7 de mayo de 2025 entró en vigor.",
    "KYIV, March 14 (Reuters) - Ukraine said it needs air defense.",  # no year: not a date to trust
])
def test_a_date_in_the_reporting_is_not_the_publication_date(text):
    assert make_document("a.txt", text.encode())["published"] is None
