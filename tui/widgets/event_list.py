"""The timeline: events by date, grouped by month, each with its sources."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.binding import Binding

from ..render import one_line, plain
from .record_list import RecordList

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


class EventList(RecordList):
    """Events sorted by date (undated last), under month headings; a clustered happening shows once."""

    BINDINGS = [Binding("t", "next_kind", "Kind filter", tooltip="Show only one kind of event (cycles)")]
    EMPTY = "No events for this choice."

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.all_rows: list[dict] = []
        self.kind: str | None = None
        self._turns: dict[str, int] = {}

    def load(self, rows: list[dict], empty: str | None = None) -> None:
        """All timeline rows for the current country; the kind filter applies on top."""
        self.all_rows = rows
        if self.kind and not any(r.get("kind") == self.kind for r in rows):
            self.kind = None
        self._apply(empty)

    def _apply(self, empty: str | None = None) -> None:
        rows = [r for r in self.all_rows if self.kind is None or r.get("kind") == self.kind]
        self.show(rows, empty=empty)
        self.border_subtitle = f"kind: {self.kind} · t to change" if self.kind else "t: filter by kind"

    def action_next_kind(self) -> None:
        kinds = sorted({r.get("kind") or "other" for r in self.all_rows})
        if not kinds:
            return
        order = [None, *kinds]
        self.kind = order[(order.index(self.kind) + 1) % len(order)] if self.kind in order else None
        self._apply()

    def location(self, e: dict):
        """A clustered event opens its sources in turn: each Enter shows the next report of it."""
        members = e.get("members") or [e]
        turn = self._turns.get(e["id"], 0) % len(members)
        self._turns[e["id"]] = turn + 1
        m = members[turn]
        loc = super().location(m)
        if len(members) > 1:
            self.notify(f"Source {turn + 1} of {len(members)} for this event · Enter again for the next",
                        timeout=3)
        return loc

    def group_of(self, e: dict) -> str:
        date = e.get("date")
        if not date:
            return "Undated"
        if len(date) == 4:
            return date
        return f"{MONTHS[int(date[5:7]) - 1]} {date[:4]}"

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
