"""Citations of what the app shows: a quote and everything needed to find it again.

`citation_fields` is the record (JSON for scripts: `fuente claims --json`), `citation_text`
the line the app copies. A claim carries its country, stance and target; an event its date,
kind and countries; every citation the document's full title, date, URL, file and offsets.
"""
from __future__ import annotations

from urllib.parse import urlparse

from .safe import same_length


def kind_of(record: dict) -> str:
    if "stance" in record:
        return "claim"
    if "summary" in record or "kind" in record:
        return "event"
    if "snippet" in record or "score" in record:
        return "hit"
    if "country" in record:
        return "mention"
    return "passage"


def citation_fields(record: dict, doc: dict, quote: str, countries: dict[str, dict] | None = None,
                    target: str | None = None) -> dict:
    """Everything a citation of `record` (a claim, event, mention or hit in `doc`) holds."""
    countries = countries or {}

    def name(code: str | None) -> str | None:
        c = countries.get(code or "")
        return c["name_en"] if c else code

    url = doc.get("url")
    out = {"kind": kind_of(record), "quote": quote, "title": doc.get("title"), "title_source": doc.get("title_source"),
           "file": doc.get("file"),
           "date": doc.get("published"), "url": url, "outlet": urlparse(url).hostname if url else None,
           "doc": doc.get("id", record.get("doc")), "start": record["start"], "end": record["end"]}
    if out["kind"] == "claim":
        out.update(country=record["country"], country_name=name(record["country"]), stance=record["stance"],
                   target=target, target_name=name(target), support=record.get("support"))
    elif out["kind"] == "event":
        out.update(event_date=record.get("date"), event_kind=record.get("kind"),
                   countries=list(record.get("countries") or []))
    elif out["kind"] == "mention":
        out.update(country=record.get("country"), country_name=name(record.get("country")))
    return out


def citation_text(f: dict) -> str:
    """One line: “quote” — what it is. Title, date, outlet or URL, file, offsets."""
    quote = " ".join(same_length(f.get("quote") or "").split())
    what = ""
    if f["kind"] == "claim":
        what = f"{f['country_name']} ({f['country']}) {f['stance']}"
        if f.get("target_name"):
            what += f" toward {f['target_name']}"
        if f.get("support"):
            what += f" ({' '.join(same_length(f['support']).split())})"
    elif f["kind"] == "event":
        what = f"{f.get('event_kind') or 'event'} of {f.get('event_date') or 'an unknown date'}"
        if f.get("countries"):
            what += f" ({', '.join(f['countries'])})"
    elif f["kind"] == "mention" and f.get("country"):
        what = f"mention of {f['country_name']} ({f['country']})"
    source = []
    # A title made of the article's first sentence (cut at 120 characters) is no title: the file
    # name identifies the source then.
    if f.get("title") and f.get("title_source") not in ("sentence", "file"):
        source.append(f"«{' '.join(same_length(f['title']).split())}»")
    source.append(f.get("date") or "undated")
    if f.get("url"):
        source.append(same_length(f["url"]))
    source.append(same_length(f.get("file") or ""))
    source.append(f"characters {f['start']}-{f['end']}")
    return f"“{quote}” — {what + '. ' if what else ''}{', '.join(source)}"
