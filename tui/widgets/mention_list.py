"""Every mention of the chosen country, as a snippet of its sentence."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ..messages import Location
from ..render import one_line, snippet
from .record_list import RecordList


class MentionList(RecordList):
    EMPTY = "Choose a country to list its mentions."

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.titles: dict[str, str] = {}

    def render_record(self, m: dict) -> Group:
        text = self.texts.get(m["doc"], "")
        a, b = m.get("passage_start", m["start"]), m.get("passage_end", m["end"])
        head = Text.assemble((m["text"], "bold"), f"  {m.get('form') or ''}  ",
                             (one_line(self.titles.get(m["doc"], m["doc"]), 60), "dim"))
        return Group(head, snippet(text, a, b, [(m["start"], m["end"])]) if text else Text(""))

    def location(self, m: dict) -> Location:
        a, b = m.get("passage_start", m["start"]), m.get("passage_end", m["end"])
        return Location(m["doc"], a, b, [(m["start"], m["end"])], label=m["text"])
