"""Shared fixtures: a small corpus of awkward files, and a store built from the seeds."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Seeded and database-free, so runs are repeatable and leave nothing in the tree (hypothesis keeps a
# unicode cache in its home folder: put that in the temp folder too).
import tempfile  # noqa: E402

from hypothesis import configuration  # noqa: E402

configuration.set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "fuente-hypothesis"))
settings.register_profile("fuente", derandomize=True, database=None, deadline=None)
settings.load_profile("fuente")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """A store freshly built from seeds/ (session-wide: building is the slow part)."""
    from store.build import build_store

    out = tmp_path_factory.mktemp("stores") / "seeds.store"
    build_store([SEEDS], out)
    return out


GENERATED_ARTICLES = 300


@pytest.fixture(scope="session")
def generated_store(tmp_path_factory) -> Path:
    """A store of a few hundred generated articles (bench/search_bench.py's generator, fixed seed):
    long enough lists that every pane pages, a country with claims of every stance."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from search_bench import make_corpus

    from store.build import build_store

    root = tmp_path_factory.mktemp("generated")
    corpus = root / "articles"
    corpus.mkdir()
    make_corpus(GENERATED_ARTICLES, corpus)
    out = root / "generated.store"
    build_store([corpus], out)
    return out


@pytest.fixture()
def awkward_corpus(tmp_path) -> Path:
    """A folder holding every kind of file a real export throws at the indexer."""
    root = tmp_path / "corpus"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "latin1.txt").write_bytes("Bogotá y Asunción firmaron el acuerdo en París.\n".encode("cp1252"))
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (root / "crlf.txt").write_bytes("Rusia y China.\r\nEl Kremlin habló.\r\n".encode("utf-8"))
    (root / "bom.txt").write_bytes("\ufeffIrán anunció sanciones.\n".encode("utf-8"))
    (root / "sub" / "front.md").write_text(
        "---\ntitle: \"Cumbre en Brasilia\"\ndate: 2025-03-04\nurl: https://example.org/a\nlanguage: es\n---\n"
        "# Cumbre\n\nBrasil y Argentina se reunieron el lunes.\n", encoding="utf-8")
    (root / "sub" / "deeper" / "markup.txt").write_text(
        "[bold red]Not bold[/] and [link=https://evil.example]a link[/link] and [@click=app.quit]quit[/].\n"
        "Escape: \x1b[31mred\x1b[0m, OSC 8: \x1b]8;;https://evil.example\x07x\x1b]8;;\x07, "
        "OSC 52: \x1b]52;c;ZXZpbA==\x07 Venezuela.\n", encoding="utf-8")
    (root / "notes.bin").write_bytes(b"\x00\x01")  # not a text suffix: never considered
    return root


@pytest.fixture(autouse=True)
def _user_data_in_tmp(tmp_path, monkeypatch):
    """What the app saves for the user (a copied citation) goes to a temp folder, never to ~."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("FUENTE_CLIPBOARD", "osc52")  # a developer's xclip is not the tests' to fill


def pytest_configure(config):
    # No animations in tests: a snapshot taken mid-animation differs from run to run. Textual reads the
    # setting when it is first imported (the snapshot plugin imports it before this file), so set both.
    os.environ["TEXTUAL_ANIMATIONS"] = "none"
    import textual.constants

    textual.constants.TEXTUAL_ANIMATIONS = "none"


async def settle(app, pilot, seconds: float = 3.0) -> None:
    """Wait until the documents table, read in the background after the first paint, is in."""
    from tui.screens.main import MainScreen

    for _ in range(int(seconds / 0.05)):
        screen = app.screen
        if not isinstance(screen, MainScreen) or getattr(screen, "docs", None):
            break
        await pilot.pause(0.05)
    await app.workers.wait_for_complete()
    await pilot.pause()


def run_without_write_permission(code: str) -> subprocess.CompletedProcess:
    """Run Python `code` as this user but unable to write where its modes forbid it.

    root ignores file modes; rather than another user (who may not reach this checkout:
    a 0700 home, a `mktemp -d` folder), root runs it without CAP_DAC_OVERRIDE and
    CAP_FOWNER, keeping CAP_DAC_READ_SEARCH so the checkout stays readable.
    """
    cmd = [sys.executable, "-c", code]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root without setpriv(1): cannot give up the right to write anywhere")
        drop = "-dac_override,-fowner"
        cmd = ["setpriv", f"--inh-caps={drop}", f"--bounding-set={drop}", "--", *cmd]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
