"""Checked provenance: is every indexed document still on disk as it was indexed?"""
from __future__ import annotations

import hashlib
from collections import Counter
from typing import TYPE_CHECKING

from .reader import local_path

if TYPE_CHECKING:
    from .api import Store


def verify(store: "Store") -> dict:
    """Re-read each document's source file and report the ones changed or vanished since indexing.

    Each row names how many claims, events and mentions cite the document, since
    those are the quotes a reader can no longer trust where the file changed.
    """
    claims = Counter(c["doc"] for c in store.claims())
    events = Counter(e["doc"] for e in store.events())
    mentions = Counter(m["doc"] for m in store.mentions())
    rows = []
    for doc in store.documents():
        # An absolute path stays absolute; local_path restores the bytes of names that are not UTF-8.
        path = store.path / local_path(doc.get("path") or "")
        if not doc.get("path") or not path.is_file():
            status = "missing"
        else:
            try:
                status = "ok" if hashlib.sha1(path.read_bytes()).hexdigest() == doc.get("sha1") else "changed"
            except OSError:
                status = "unreadable"
        rows.append({"doc": doc["id"], "file": doc["file"], "path": doc.get("path"), "status": status,
                     "claims": claims[doc["id"]], "events": events[doc["id"]], "mentions": mentions[doc["id"]]})
    return {"documents": rows, "ok": sum(r["status"] == "ok" for r in rows)}
