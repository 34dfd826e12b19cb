"""Building a store: the pipeline, top to bottom.

read files → segment into passages → find countries → find dates and events →
find claims → link events across documents and sum up stances → build the
search index → write the store atomically. Each stage is a pure function over
plain data in its own module; this one only runs them in order.
"""
from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import claims as claims_stage
from . import countries as countries_stage
from . import events as events_stage
from . import search as search_stage
from .errors import InputError
from .reader import DEFAULT_MAX_BYTES, Skipped, discover, read_sources
from .segment import segment
from .storage import SCHEMA, Generation

Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    """What a build did: counts, files passed over and where the time went."""

    store: str
    documents: int = 0
    passages: int = 0
    mentions: int = 0
    events: int = 0
    claims: int = 0
    countries: int = 0
    focus: str | None = None
    skipped: list[Skipped] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _timed(report: BuildReport, stage: str, started: float) -> float:
    now = time.perf_counter()
    report.seconds[stage] = report.seconds.get(stage, 0.0) + now - started
    return now


def extract(doc: dict) -> tuple[list[dict], list[dict], list[dict]]:
    """Passages, mentions and events of one document (the per-document stages)."""
    passages = [dict(p.as_dict(), doc=doc["id"], id=f"{doc['id']}:{i}")
                for i, p in enumerate(segment(doc["text"], doc["body"]))]
    mentions = countries_stage.find_mentions(doc["text"], passages, doc["language"])
    for m in mentions:
        m["doc"] = doc["id"]
    events = events_stage.find_events(doc, passages, mentions)
    return passages, mentions, events


def build_store(inputs: Iterable[str | Path], out: str | Path, *, follow_links: bool = False,
                max_bytes: int = DEFAULT_MAX_BYTES, focus: str | None = None,
                progress: Progress | None = None) -> BuildReport:
    """Index the text files under `inputs` into a store at `out` and make it live.

    Raises InputError for a missing input and StoreExists when `out` holds
    something else; the store at `out`, if any, stays as it was on any failure.
    """
    inputs = [Path(p) for p in inputs]
    report = BuildReport(store=str(out))
    t = time.perf_counter()
    try:
        found = discover(inputs, follow_links=follow_links)
    except FileNotFoundError as exc:
        raise InputError(f"no such file or folder: {exc.args[0]}") from exc
    report.skipped.extend(found.skipped)
    t = _timed(report, "discover", t)

    generation = Generation(Path(out))
    try:
        docs: list[dict] = []
        passages: list[dict] = []
        mentions: list[dict] = []
        events: list[dict] = []
        total = len(found.sources)
        for i, doc in enumerate(read_sources(found.sources, max_bytes, report.skipped)):
            # Relative to the store, so a store and its corpus can move together (and the bundled one works anywhere).
            doc["path"] = os.path.relpath(os.path.abspath(doc["path"]), os.path.abspath(out))
            t = _timed(report, "read", t)
            p, m, e = extract(doc)
            t = _timed(report, "extract", t)
            docs.append(doc)
            passages.extend(p)
            mentions.extend(m)
            events.extend(e)
            if progress:
                progress("reading", i + 1, total)
        # Documents that failed to read do not call progress; finish the bar.
        if progress:
            progress("reading", total, total)

        by_doc: dict[str, list[dict]] = defaultdict(list)
        for m in mentions:
            by_doc[m["doc"]].append(m)
        counts = Counter(m["country"] for m in mentions)
        report.focus = focus or claims_stage.focus_country(dict(counts))
        claims: list[dict] = []
        if report.focus:
            pass_by_doc: dict[str, list[dict]] = defaultdict(list)
            for p in passages:
                pass_by_doc[p["doc"]].append(p)
            for doc in docs:
                claims.extend(claims_stage.find_claims(doc, pass_by_doc[doc["id"]], by_doc[doc["id"]], report.focus))
        events_stage.link_events(events)
        t = _timed(report, "claims+links", t)

        countries = country_table(mentions, claims)
        _attach_countries(passages, by_doc)
        if progress:
            progress("search index", 0, 1)
        search_stage.build_index(generation.path / "search", docs, passages)
        if progress:
            progress("search index", 1, 1)
        t = _timed(report, "search index", t)

        meta = {
            "schema": SCHEMA,
            "built": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "sources": [str(p) for p in inputs],
            "focus": report.focus,
            "counts": {"documents": len(docs), "passages": len(passages), "mentions": len(mentions),
                       "events": len(events), "claims": len(claims), "countries": len(countries)},
            "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        }
        doc_rows = [{k: v for k, v in d.items() if k != "text"} for d in docs]
        generation.write_tables("records.json", {"meta": [meta], "documents": doc_rows, "countries": countries,
                                                 "events": events, "claims": claims})
        generation.write_tables("mentions.json", {"mentions": mentions})
        generation.write_tables("passages.json", {"passages": passages})
        generation.write_tables("texts.json", {"texts": [{"doc": d["id"], "text": d["text"]} for d in docs]})
        generation.commit()
        _timed(report, "write", t)
    except BaseException:
        generation.abort()
        raise
    report.documents, report.passages, report.mentions = len(docs), len(passages), len(mentions)
    report.events, report.claims, report.countries = len(events), len(claims), len(countries)
    return report


def _attach_countries(passages: list[dict], mentions_by_doc: dict[str, list[dict]]) -> None:
    """Give each passage the codes of the countries mentioned inside it (for search filters)."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for p in passages:
        by_doc[p["doc"]].append(p)
    for doc_id, ps in by_doc.items():
        ms = mentions_by_doc.get(doc_id, [])
        for p in ps:
            p["countries"] = sorted({m["country"] for m in ms if p["start"] <= m["start"] and m["end"] <= p["end"]})


def country_table(mentions: list[dict], claims: list[dict]) -> list[dict]:
    """One row per country or bloc mentioned: names, counts and what the sources say of its stance."""
    mention_count = Counter(m["country"] for m in mentions)
    doc_count = Counter(code for code, _ in {(m["country"], m["doc"]) for m in mentions})
    summary = claims_stage.stance_summary(claims)
    rows = []
    for code in sorted(mention_count, key=lambda c: (-mention_count[c], c)):
        info = countries_stage.country_info(code) or {"code": code, "name_en": code, "name_es": code, "bloc": False}
        s = summary.get(code, {"stances": {"supports": 0, "opposes": 0, "neutral": 0}, "contested": False})
        rows.append({"code": code, "name_en": info["name_en"], "name_es": info["name_es"],
                     "bloc": bool(info.get("bloc")), "mentions": mention_count[code], "documents": doc_count[code],
                     "stances": s["stances"], "contested": s["contested"]})
    return rows
