"""The command line, as scripts use it: exact JSON, one-line errors, nothing lost."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def fuente(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8")


def one_clear_line(run: subprocess.CompletedProcess) -> str:
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("fuente: "), run.stderr
    assert "Traceback" not in run.stderr
    return lines[0]


def build_awkward(tmp_path: Path, corpus: Path) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path / "awk.store"
    return out, fuente("index", str(corpus), "--out", str(out))


def test_index_handles_every_awkward_file(tmp_path, awkward_corpus):
    out, run = build_awkward(tmp_path, awkward_corpus)
    assert run.returncode == 0, run.stderr
    warnings = [l for l in run.stderr.splitlines() if l.startswith("warning:")]
    assert len(warnings) == 1 and "binary.txt" in warnings[0]
    export = json.loads(fuente("export", "--store", str(out), "--format", "json").stdout)
    files = {d["file"] for d in export["documents"]}
    assert files == {"latin1.txt", "empty.txt", "crlf.txt", "bom.txt", "sub/front.md", "sub/deeper/markup.txt"}
    front = next(d for d in export["documents"] if d["file"] == "sub/front.md")
    assert (front["title"], front["published"], front["language"]) == ("Cumbre en Brasilia", "2025-03-04", "es")
    # Every offset slices the original file, decoded as the reader decodes it.
    from store.reader import decode

    texts = {d["id"]: decode((awkward_corpus / d["file"]).read_bytes())[0] for d in export["documents"]}
    for row in export["mentions"] + export["claims"] + export["events"]:
        text = texts[row["doc"]]
        assert 0 <= row["start"] < row["end"] <= len(text)
        if row.get("text") is not None:
            assert text[row["start"]:row["end"]] == row["text"]
    assert {"BR", "AR"} <= {m["country"] for m in export["mentions"] if m["doc"] == front["id"]}


def test_show_prints_markup_and_escapes_literally_and_harmlessly(tmp_path, awkward_corpus):
    out, _ = build_awkward(tmp_path, awkward_corpus)
    run = fuente("show", "markup.txt", "--store", str(out))
    assert run.returncode == 0
    assert "[bold red]Not bold[/]" in run.stdout  # markup is text
    # Piped too, escapes are shown, not sent: `show x | cat` in a terminal would obey them.
    assert "\x1b" not in run.stdout and "\x07" not in run.stdout and "␛[31m" in run.stdout
    raw = fuente("show", "markup.txt", "--store", str(out), "--raw")
    assert "\x1b[31m" in raw.stdout  # the exact text, when asked for


def test_show_passage_slices_exactly():
    export = json.loads(fuente("export").stdout)
    m = export["mentions"][0]
    doc = next(d for d in export["documents"] if d["id"] == m["doc"])
    run = fuente("show", f"{doc['id']}:{m['start']}-{m['end']}")
    assert run.stdout.rstrip("\n") == m["text"]


def test_export_has_the_schema_1_shape():
    export = json.loads(fuente("export", "--format", "json").stdout)
    assert export["schema"] == 1
    assert set(export) >= {"documents", "countries", "mentions", "events", "claims"}
    assert set(export["documents"][0]) >= {"id", "file", "title", "language", "published", "chars"}
    c = export["countries"][0]
    assert set(c) >= {"code", "name_en", "name_es", "mentions", "documents", "stances", "contested"}
    assert set(c["stances"]) == {"supports", "opposes", "neutral"}
    assert all(set(m) >= {"doc", "country", "start", "end", "text"} for m in export["mentions"])
    assert all(set(e) >= {"id", "doc", "date", "start", "end", "countries", "kind", "summary", "cluster"}
               for e in export["events"])
    assert all(c["stance"] in {"supports", "opposes", "neutral"} for c in export["claims"])


def test_search_json_hits_have_the_interface_fields():
    hits = json.loads(fuente("search", "sanciones", "--json", "--limit", "3").stdout)
    assert 0 < len(hits) <= 3
    assert all(set(h) >= {"doc", "file", "start", "end", "score", "snippet"} for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_with_broken_syntax_is_plain_words_not_an_error():
    for q in ['"unclosed', "OR", "-", "country:", "((", "*"]:
        run = fuente("search", q, "--json")
        assert run.returncode == 0, (q, run.stderr)
        json.loads(run.stdout)


def test_tables_print_and_filter_by_country():
    run = fuente("claims", "--country", "br", "--json")
    rows = json.loads(run.stdout)
    assert rows and all(r["country"] == "BR" for r in rows)
    assert all(r["citation"]["file"] and r["citation"]["quote"] == r["text"] for r in rows)
    assert fuente("countries").returncode == 0
    assert fuente("events", "--country", "RU").returncode == 0


@pytest.mark.parametrize("args, says", [
    (("export", "--store", "/nonexistent/store"), "no store"),
    (("index", "/nonexistent/folder", "--out", "/tmp/x"), "no such file"),
    (("show", "no-such-doc"), "no document"),
    (("show", "000:5-1"), "outside"),
])
def test_bad_input_is_one_clear_line(args, says):
    assert says in one_clear_line(fuente(*args))


def test_broken_stores_are_one_clear_line(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Rusia.")
    out = tmp_path / "s.store"
    assert fuente("index", str(corpus), "--out", str(out), "--quiet").returncode == 0
    gen = next(p for p in out.iterdir() if p.name.startswith("gen-"))
    records = gen / "records.json"
    good = records.read_bytes()
    records.write_bytes(good[: len(good) // 2])
    assert "not valid JSON" in one_clear_line(fuente("countries", "--store", str(out)))
    data = json.loads(good)
    data["meta"]["1"]["schema"] = 7
    records.write_text(json.dumps(data))
    assert "schema 7" in one_clear_line(fuente("countries", "--store", str(out)))


def test_verify_reports_changed_and_vanished_files(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Rusia respalda a Venezuela.")
    (corpus / "b.txt").write_text("China duda.")
    out = tmp_path / "s.store"
    fuente("index", str(corpus), "--out", str(out), "--quiet")
    assert fuente("verify", "--store", str(out)).returncode == 0
    (corpus / "a.txt").write_text("Otro texto.")
    (corpus / "b.txt").unlink()
    run = fuente("verify", "--store", str(out), "--json")
    assert run.returncode == 1
    status = {r["file"]: r["status"] for r in json.loads(run.stdout)["documents"]}
    assert status == {"a.txt": "changed", "b.txt": "missing"}


def test_search_query_may_start_with_a_minus():
    run = fuente("search", "-Irán", "--json")
    # nothing asked for but an exclusion: one line that says so, and a failing exit
    assert run.returncode != 0 and run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        "fuente: nothing to search for: -word only leaves documents out; add a word to find"]
    with_minus = json.loads(fuente("search", "sanciones", "-Irán", "--json", "--limit", "50").stdout)
    plain = json.loads(fuente("search", "sanciones", "--json", "--limit", "50").stdout)
    iran_docs = {h["doc"] for h in json.loads(fuente("search", "Irán", "--json", "--limit", "100").stdout)}
    assert with_minus and not {h["doc"] for h in with_minus} & iran_docs
    assert len(with_minus) < len(plain)
    assert json.loads(fuente("search", "--json", "--", "sanciones", "-Irán", "--limit", "50").stdout) == []  # after --, all words
    assert json.loads(fuente("search", "--limit", "50", "--json", "--", "sanciones -Irán").stdout) == with_minus


def test_and_in_capitals_is_not_searched_as_a_word():
    both = json.loads(fuente("search", "Irán AND Cuba", "--json").stdout)
    assert both == json.loads(fuente("search", "Irán Cuba", "--json").stdout)
    assert both


def test_search_hits_carry_the_documents_title():
    hits = json.loads(fuente("search", "sanciones", "--json", "--limit", "3").stdout)
    export = json.loads(fuente("export").stdout)
    titles = {d["id"]: d["title"] for d in export["documents"]}
    assert all(h["title"] == titles[h["doc"]] for h in hits)


def test_country_option_takes_a_name_in_either_language():
    by_code = json.loads(fuente("claims", "--country", "RU", "--json").stdout)
    assert by_code
    assert json.loads(fuente("claims", "--country", "Russia", "--json").stdout) == by_code
    assert json.loads(fuente("claims", "--country", "rusia", "--json").stdout) == by_code


def test_claims_toward_another_target_name_it_and_take_a_name():
    focus = json.loads(fuente("claims", "--json").stdout)
    toward = json.loads(fuente("claims", "--toward", "Estados Unidos", "--json").stdout)
    assert focus and toward and toward != focus
    assert {c["target"] for c in focus} == {"VE"} and {c["target"] for c in toward} == {"US"}
    assert json.loads(fuente("claims", "--toward", "us", "--json").stdout) == toward
    table = fuente("claims", "--toward", "US").stdout.splitlines()
    assert table[0].split("\t")[:3] == ["country", "stance", "toward"]
    assert all(line.split("\t")[2] == "US" for line in table[1:])


def test_countries_toward_another_target_count_the_stances_toward_it():
    rows = {r["code"]: r for r in json.loads(fuente("countries", "--toward", "US", "--json").stdout)}
    claims = json.loads(fuente("claims", "--toward", "US", "--json").stdout)
    for code, row in rows.items():
        mine = [c for c in claims if c["country"] == code]
        assert sum(row["stances"].values()) == len(mine), code


def test_index_focus_takes_a_name(tmp_path):
    out = tmp_path / "s.store"
    run = fuente("index", str(ROOT / "seeds"), "--out", str(out), "--focus", "Rusia", "--quiet")
    assert run.returncode == 0, run.stderr
    claims = json.loads(fuente("claims", "--store", str(out), "--json").stdout)
    assert claims and {c["target"] for c in claims} == {"RU"}


@pytest.mark.parametrize("args", [("claims", "--country", "ZZ"), ("countries", "--country", "Rusai", "--json"),
                                  ("events", "--country", "Narnia"), ("search", "country:ZZ sanciones", "--json"),
                                  ("claims", "--toward", "Atlantis"), ("countries", "--toward", "Rusai")])
def test_unknown_country_is_one_line_with_close_matches(args):
    line = one_clear_line(fuente(*args))
    assert "unknown country" in line
    if "Rusai" in args:
        assert "Russia" in line and "(RU)" in line


def test_search_json_loads_neither_the_ui_nor_the_whole_store():
    code = ("import sys; from tui.cli import main; rc = main(['search', 'sanciones -Irán', '--json']);"
            "bad = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich', 'tinydb', 'orjson'});"
            "print(','.join(bad), file=sys.stderr); sys.exit(rc)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stderr.strip() == ""
    assert json.loads(run.stdout)
