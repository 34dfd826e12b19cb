"""A list of records (events, claims, mentions, hits) where Enter jumps to the source passage."""
from __future__ import annotations

from textual.binding import Binding

from ..citation import kind_of
from ..messages import Bookmark, CopyCitation, ExportList, JumpToSource, Location, OpenSource, SaveSearch
from ..paging import Pages
from .paged_list import PagedList, Section


class RecordList(PagedList):
    """Base of the middle panes: `show(pages)` fills it; Enter posts JumpToSource, c CopyCitation."""

    BINDINGS = [
        Binding("c", "copy", "Copy citation", tooltip="Copy the quote with its source, date and offsets"),
        Binding("b", "bookmark", "Bookmark", tooltip="Bookmark this row's passage"),
        Binding("a", "note", "Note", show=False, tooltip="Bookmark it with a note and tags"),
        Binding("e", "export", "Export", show=False, tooltip="Export this list with full citations"),
        Binding("o", "open_source", "Open source", show=False, tooltip="Its URL in the browser, else the file in $PAGER"),
        Binding("S", "save_search", "Save search", show=False, tooltip="Save the query in the search box by name"),
    ]
    NOUN = "row"
    KIND: str | None = None  # what a bookmark of a row is: "claim", "event", "mention", "hit"

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

    def bookmark_record(self, record: dict) -> dict:
        """The record as bookmarked: its fields, with the span Enter opens."""
        loc = self.location(record)
        return dict(record, start=loc.start, end=loc.end)

    def action_bookmark(self, note: bool = False) -> None:
        record = self.current
        if record is None:
            self.notify("Nothing here to bookmark.", timeout=2)
            return
        self.post_message(Bookmark(self.bookmark_record(record), self.KIND or kind_of(record), note=note))

    def action_note(self) -> None:
        self.action_bookmark(note=True)

    def action_export(self) -> None:
        self.post_message(ExportList(self))

    def action_open_source(self) -> None:
        record = self.current
        if record is None:
            self.notify("Nothing here to open.", timeout=2)
            return
        self.post_message(OpenSource(record["doc"], self.location(record).start))

    def action_save_search(self) -> None:
        self.post_message(SaveSearch())
