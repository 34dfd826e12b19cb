"""The timeline: events by date, grouped by month, each with its sources."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ..render import one_line, plain
from .record_list import RecordList


class EventList(RecordList):
    """Events sorted by date (undated last); a clustered happening shows once with its source count."""

    EMPTY = "No dated events for this choice."

    def render_record(self, e: dict) -> Group:
        head = Text()
        head.append(f"{e.get('date') or 'undated':<10} ", style="bold cyan")
        head.append(f"{e.get('kind') or 'event'} ", style="magenta")
        head.append(" ".join(e.get("countries", [])), style="bold")
        n = e.get("sources", 1)
        if n > 1:
            head.append(f"  reported by {n} sources", style="green")
        return Group(head, plain(one_line(e.get("summary") or e.get("text"), 200), style="dim" if not e.get("date") else ""))

    @staticmethod
    def timeline(events: list[dict]) -> list[dict]:
        """One row per cluster (the earliest-dated member), with `sources` = how many documents report it."""
        by_cluster: dict[str, list[dict]] = {}
        for e in events:
            by_cluster.setdefault(e.get("cluster") or e["id"], []).append(e)
        rows = []
        for members in by_cluster.values():
            members.sort(key=lambda e: (e.get("date") is None, -len(e.get("date") or ""), e["doc"], e["start"]))
            lead = dict(members[0], sources=len({m["doc"] for m in members}), members=members)
            rows.append(lead)
        rows.sort(key=lambda e: (e.get("date") is None, e.get("date") or "", e["doc"], e["start"]))
        return rows
