"""Search hits, best first (or by date, s): date, file and title, then the passage with the matches marked."""
from __future__ import annotations

from rich.console import Group
from textual.binding import Binding
from textual.message import Message

from ..messages import Location
from ..paging import Pages
from ..render import line, one_line, snippet, source_label
from .record_list import RecordList


class SearchResults(RecordList):
    BINDINGS = [Binding("s", "sort", "Sort", tooltip="Best first or by the article's date")]
    USES_DOCS = True
    sort_by = "relevance"  # or "date": the article's publication date, oldest first, undated last

    class Resort(Message):
        """The reader asked for the other order (the screen lists the hits again in it)."""

    def action_sort(self) -> None:
        self.sort_by = "date" if self.sort_by == "relevance" else "relevance"
        self.post_message(self.Resort())

    EMPTY = "Type to search: words, \"phrases\", a OR b, -word, pref*, country:RU"
    NOUN = "passage"
    KIND = "hit"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.query_text = ""

    def show_hits(self, query: str, pages: Pages, empty: str | None = None) -> None:
        self.query_text = query
        self.show(pages, empty)

    def render_record(self, h: dict) -> Group:
        doc = self.docs.get(h["doc"], {})
        label = source_label(doc, h.get("file", ""))
        head = line((doc.get("published") or "undated", "cyan"), "  ", (h.get("file") or "", "magenta"),
                    *((("  ", ""), (label, "bold")) if label != h.get("file") else ()))
        marks = [tuple(x) for x in h.get("highlights") or []]
        text = self.texts.get(h["doc"])
        if text is not None:
            body = snippet(text, h["start"], h["end"], marks, width=max(30, self.scrollable_content_region.width - 2))
            body.no_wrap, body.overflow = True, "ellipsis"
        else:
            body = line(one_line(h.get("snippet")))
        return Group(head, body)

    def location(self, h: dict) -> Location:
        marks = [tuple(x) for x in h.get("highlights") or []]
        return Location(h["doc"], h["start"], h["end"], marks or [(h["start"], h["end"])], label=h.get("snippet", ""),
                        query=self.query_text or None)
