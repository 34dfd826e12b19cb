"""The export: the whole index as one JSON object, schema 1 of INTERFACES.md.

It reads a store through the query API's methods (documents, countries, mentions,
events, claims, focus) and never imports store.api, which calls it.
"""
from __future__ import annotations

DOCUMENT_FIELDS = ("id", "file", "title", "language", "published", "chars", "url")
COUNTRY_FIELDS = ("code", "name_en", "name_es", "bloc", "mentions", "documents", "stances", "contested")
MENTION_FIELDS = ("doc", "country", "start", "end", "text", "form")
EVENT_FIELDS = ("id", "doc", "date", "start", "end", "countries", "kind", "summary", "cluster", "date_text",
                "qualifier")
CLAIM_FIELDS = ("id", "doc", "country", "stance", "start", "end", "text", "support", "target", "cue", "via")
RELATION_FIELDS = ("id", "doc", "actor", "target", "stance", "start", "end", "text", "cue", "support", "implicit")


def _pick(row: dict, fields: tuple[str, ...]) -> dict:
    return {f: row.get(f) for f in fields}


def export(store) -> dict:
    """Schema-1 export of `store`: documents, countries, mentions, events, claims (toward the focus)
    and relations (every position read, whatever its target)."""
    events = sorted(store.events(), key=lambda e: (e["doc"], e["start"], e["end"]))
    return {
        "schema": 1,
        "focus": store.focus,
        "documents": [_pick(d, DOCUMENT_FIELDS) for d in store.documents()],
        "countries": [_pick(c, COUNTRY_FIELDS) for c in store.countries()],
        "mentions": [_pick(m, MENTION_FIELDS) for m in store.mentions()],
        "events": [_pick(e, EVENT_FIELDS) for e in events],
        "claims": [_pick(c, CLAIM_FIELDS) for c in store.claims()],
        "relations": [_pick(r, RELATION_FIELDS) for r in store.relations()],
    }
