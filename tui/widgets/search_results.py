"""Search hits: document, date, snippet with the matches marked."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text

from ..messages import Location
from ..render import one_line, plain
from .record_list import RecordList


class SearchResults(RecordList):
    EMPTY = "Type to search: words, \"phrases\", a OR b, -word, pref*, country:RU"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.docs: dict[str, dict] = {}
        self.query_text = ""

    def render_record(self, h: dict) -> Group:
        doc = self.docs.get(h["doc"], {})
        head = Text.assemble((one_line(doc.get("title") or h.get("file"), 70), "bold"), "  ",
                             (doc.get("published") or "", "cyan"), "  ", (f"{h['score']:.1f}", "dim"))
        marks = [tuple(x) for x in h.get("highlights") or []]
        text = self.texts.get(h["doc"])
        if text is not None:
            from ..render import snippet

            body = snippet(text, h["start"], h["end"], marks)
        else:
            body = plain(one_line(h.get("snippet"), 200))
        return Group(head, body)

    def location(self, h: dict) -> Location:
        marks = [tuple(x) for x in h.get("highlights") or []]
        return Location(h["doc"], h["start"], h["end"], marks or [(h["start"], h["end"])], label=h.get("snippet", ""),
                        query=self.query_text or None)
