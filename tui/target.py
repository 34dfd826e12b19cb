"""Whom a stance is toward, in the one place the screens and citations ask.

A claim record names its own `target` (the store lists stances toward any country, the
focus by default: INTERFACES.md); a record without one is toward the store's focus.
"""
from __future__ import annotations


def target_code(store, record: dict | None = None, toward: str | None = None) -> str | None:
    """The code of the country a claim's stance is toward: the record's own, else the target the
    reader chose (`toward`), else the store's focus."""
    return (record or {}).get("target") or toward or getattr(store, "focus", None)


def target_name(store, record: dict | None = None, language: str = "en", toward: str | None = None) -> str | None:
    """That country's name in `language` ("Venezuela"), or its code when the store does not list it."""
    code = target_code(store, record, toward)
    if not code:
        return None
    c = store.country(code) if hasattr(store, "country") else None
    if not c:
        return code
    return c["name_es"] if language == "es" else c["name_en"]
