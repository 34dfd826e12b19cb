"""Shards: the per-document records of a store, about 512 documents to a folder.

    gen-…/shards/s00000/texts.json     texts      {doc, text}
                        passages.json  passages   (with `countries`, the codes mentioned inside)
                        mentions.json  mentions   (with passage_start/passage_end, the passage around each)
                        events.json    events     (as extracted: without `cluster`, which spans the corpus)
                        relations.json relations  (who backs or opposes whom, every target) and
                                                  `info`: [{"focus": the focus their implicit targets were read for}]

A shard holds documents in the order they were indexed and is written once. The next
build hard-links it into its generation while its documents are unchanged, rewrites it
without the documents that were removed or changed, and recomputes only its relations when
the focus country changes (what a document says with no target named is about the focus). Each shard has a summary row (records.json, table `shards`)
with its per-country counts, so the country table, paging and a country's first claims
toward any target never need to open a shard that holds nothing for them.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .storage import link_or_copy, read_rows, tables_to_tinydb, write_json

SHARD_DOCS = 512  # documents per shard: a shard's files parse in a few tens of milliseconds
FILES = {"texts.json": "texts", "passages.json": "passages", "mentions.json": "mentions", "events.json": "events",
         "relations.json": "relations"}
STANCES = ("supports", "opposes", "neutral")
NAME = re.compile(r"s[0-9]{5,9}")  # what a shard's folder may be called: nothing else is read or written


def shard_name(number: int) -> str:
    return f"s{number:05d}"


def file_paths(name: str) -> list[str]:
    """The paths, relative to a generation, of every file of shard `name` (whatever FILES holds)."""
    return [f"shards/{name}/{filename}" for filename in FILES]


def shard_number(name: str) -> int:
    return int(name[1:])


def summarize(name: str, docs: list[str], passages: int, mentions: list[dict], events: int,
              relations: list[dict] | None, focus: str | None) -> dict:
    """The summary row of a shard: sizes and per-country counts."""
    return {"name": name, "documents": len(docs), "passages": passages, "events": events,
            "mentions": dict(Counter(m["country"] for m in mentions)),
            "doc_countries": dict(Counter(code for code, _ in {(m["country"], m["doc"]) for m in mentions})),
            **relations_summary(relations or [], focus)}


def relations_summary(relations: list[dict], focus: str | None) -> dict:
    """The relations part of a shard's summary (replaced when its relations are recomputed):
    counts per target, actor and stance, and the same per document topic for the relations that
    can stand for a side (store.claims.counts_of)."""
    from .claims import counts_of

    direct, by_topic = counts_of(relations)
    return {"focus": focus, "relations": direct, "by_topic": by_topic}


def write_shard(folder: Path, texts: list[dict], passages: list[dict], mentions: list[dict], events: list[dict],
                relations: list[dict] | None, focus: str | None) -> None:
    """Write one shard's five files into `folder` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    for filename, rows in (("texts.json", texts), ("passages.json", passages), ("mentions.json", mentions),
                           ("events.json", events)):
        write_json(folder / filename, tables_to_tinydb({FILES[filename]: rows}))
    write_relations(folder, relations or [], focus)


def write_relations(folder: Path, relations: list[dict], focus: str | None) -> None:
    write_json(folder / "relations.json", tables_to_tinydb({"relations": relations, "info": [{"focus": focus}]}))


def read(folder: Path, filename: str) -> list[dict]:
    """The rows of one of a shard's files."""
    return read_rows(folder / filename, FILES[filename])


def link_shard(src: Path, dst: Path) -> None:
    """The shard `src` into `dst` unchanged, as hard links."""
    dst.mkdir(parents=True, exist_ok=True)
    for filename in FILES:
        link_or_copy(src / filename, dst / filename)


def filter_shard(src: Path, dst: Path, keep: set[str], summary: dict) -> dict | None:
    """Rewrite shard `src` into `dst` with only the documents in `keep`; its new summary (None if empty)."""
    tables = {f: [r for r in read(src, f) if r["doc"] in keep] for f in FILES}
    docs = [t["doc"] for t in tables["texts.json"]]
    if not docs:
        return None
    write_shard(dst, tables["texts.json"], tables["passages.json"], tables["mentions.json"], tables["events.json"],
                tables["relations.json"], summary.get("focus"))
    return summarize(summary["name"], docs, len(tables["passages.json"]), tables["mentions.json"],
                     len(tables["events.json"]), tables["relations.json"], summary.get("focus"))
