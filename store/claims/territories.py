"""Dependent territories and their states (store/data/sovereigns.json): Greenland belongs to Denmark."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_FILE = Path(__file__).resolve().parent.parent / "data" / "sovereigns.json"


@lru_cache(maxsize=1)
def _sovereigns() -> dict[str, str]:
    with open(_FILE, encoding="utf-8") as f:
        return json.load(f)["sovereigns"]


def sovereign(code: str) -> str:
    """The state a dependent territory belongs to (GL -> DK), else the code itself."""
    return _sovereigns().get(code, code)
