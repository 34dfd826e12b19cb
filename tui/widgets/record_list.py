"""A list of records (events, claims, mentions, hits) where Enter jumps to the source passage."""
from __future__ import annotations

from textual.binding import Binding

from ..messages import CopyCitation, JumpToSource, Location
from ..paging import Pages
from .paged_list import PagedList, Section


class RecordList(PagedList):
    """Base of the middle panes: `show(pages)` fills it; Enter posts JumpToSource, c CopyCitation."""

    BINDINGS = [
        Binding("c", "copy", "Copy citation", tooltip="Copy the quote with its source, date and offsets"),
    ]
    NOUN = "row"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.texts: dict[str, str] = {}  # doc id -> text, for snippets (filled as pages come in)
        self.docs: dict[str, dict] = {}  # doc id -> document record, once the documents are read

    def show(self, pages: Pages, empty: str | None = None) -> None:
        """Replace the list with one listing."""
        self.show_sections([Section(pages, noun=self.NOUN)], empty)

    @property
    def total(self) -> int:
        """How many rows the list has in all, loaded or not."""
        return sum(s.pages.total for s in self.sections)

    def location(self, record: dict) -> Location:
        return Location(record["doc"], record["start"], record["end"], [(record["start"], record["end"])],
                        label=record.get("text") or "")

    def chosen(self, record: dict) -> None:
        self.post_message(JumpToSource(self.location(record)))

    def action_copy(self) -> None:
        if self.current is not None:
            self.post_message(CopyCitation(self.current))
