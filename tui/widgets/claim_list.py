"""Claims about the chosen country, grouped by stance so disagreeing sources sit side by side."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ..render import STANCE_MARK, one_line, plain, stance
from .record_list import RecordList

ORDER = {"supports": 0, "neutral": 1, "opposes": 2}


class ClaimList(RecordList):
    EMPTY = "No stance claims for this country."

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.titles: dict[str, str] = {}
        self.stance_counts: dict[str, int] = {}

    def group_of(self, c: dict) -> str:
        n = self.stance_counts.get(c["stance"], 0)
        return f"{STANCE_MARK.get(c['stance'], c['stance'])} · {n} claim{'s' if n != 1 else ''}"

    def show(self, records, texts=None, empty=None) -> None:
        self.stance_counts = {}
        for c in records:
            self.stance_counts[c["stance"]] = self.stance_counts.get(c["stance"], 0) + 1
        super().show(records, texts, empty)

    def render_record(self, c: dict) -> Group:
        head = Text.assemble(stance(c["stance"]), " ", (c["country"], "bold"))
        if c.get("support"):
            head.append(f"  {one_line(c['support'], 60)}", style="italic")
        source = Text(f"  — {one_line(self.titles.get(c['doc'], c['doc']), 70)}", style="dim")
        return Group(head, plain(one_line(c.get("text"), 240)), source)

    @staticmethod
    def grouped(claims: list[dict]) -> list[dict]:
        return sorted(claims, key=lambda c: (ORDER.get(c["stance"], 3), c["doc"], c["start"]))
