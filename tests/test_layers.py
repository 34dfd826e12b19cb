"""Two rooms, one door: the store never imports the UI."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_importing_the_store_loads_no_ui_module():
    code = ("import sys, store, store.build, store.api, store.search, store.countries, store.events, store.claims;"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'tui')];"
            "print(','.join(bad)); sys.exit(1 if bad else 0)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, f"store imported: {run.stdout} {run.stderr}"


def test_import_linter_contract_holds():
    run = subprocess.run([sys.executable, "-m", "importlinter.cli", "--config", "pyproject.toml"], cwd=ROOT,
                         capture_output=True, text=True)
    if "No module named importlinter.cli" in run.stderr:
        run = subprocess.run(["lint-imports", "--config", "pyproject.toml"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
