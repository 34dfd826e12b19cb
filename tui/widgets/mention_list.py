"""Every mention of the chosen country (or of all), as a snippet of its sentence."""
from __future__ import annotations

from rich.console import Group

from ..messages import Location
from ..render import line, snippet, source_label
from .record_list import RecordList


class MentionList(RecordList):
    USES_DOCS = True
    LAZY_ROWS = True  # every mention of every country, with their texts: read when the tab is shown
    EMPTY = "No mentions here."
    NOUN = "mention"
    KIND = "mention"

    def render_record(self, m: dict) -> Group:
        text = self.texts.get(m["doc"], "")
        a, b = m.get("passage_start", m["start"]), m.get("passage_end", m["end"])
        head = line((m["text"], "bold"), f"  {m.get('country', '')}  ",
                    (source_label(self.docs.get(m["doc"]), m["doc"]), "dim"))
        width = max(30, self.scrollable_content_region.width - 2)
        body = snippet(text, a, b, [(m["start"], m["end"])], width=width) if text else line("")
        body.no_wrap, body.overflow = True, "ellipsis"
        return Group(head, body)

    def location(self, m: dict) -> Location:
        a, b = m.get("passage_start", m["start"]), m.get("passage_end", m["end"])
        return Location(m["doc"], a, b, [(m["start"], m["end"])], label=m["text"])
