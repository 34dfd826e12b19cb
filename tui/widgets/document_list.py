"""Every article: title or file, date, language and counts; Enter opens it in the excerpt pane."""
from __future__ import annotations

from rich.console import Group
from textual.binding import Binding

from ..messages import JumpToSource, Location
from ..paging import Pages
from ..render import line, plural, source_label
from .paged_list import PagedList, Section


class DocumentList(PagedList):
    """A store may hold 100,000 documents: rows are rendered a page at a time."""

    BINDINGS = [Binding("s", "sort", "Sort", tooltip="Sort by file, date or title")]
    SORTS = ("file", "date", "title")
    EMPTY = "The documents are being read…"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.documents: list[dict] = []
        self.counts: dict[str, dict[str, int]] = {}
        self.sort_by = "file"
        self._pending = False

    def load(self, documents: list[dict], counts: dict[str, dict[str, int]], empty: str | None = None) -> None:
        """Take the documents; rows are rendered when the list is first shown. `empty`: what the list
        says when there are none (a period with no article in it)."""
        self.documents = list(documents)
        self.empty_text = empty or "No documents in this store."
        self.counts = counts
        self._pending = True
        if self.is_on_screen:
            self.refresh_list()

    def on_show(self) -> None:
        if self._pending:
            self.refresh_list()

    @property
    def state_label(self) -> str:
        return f"{plural(len(self.documents), 'document')} by {self.sort_by}"

    def refresh_list(self) -> None:
        self._pending = False
        key = {"file": lambda d: d["file"], "date": lambda d: (d.get("published") is None, d.get("published") or ""),
               "title": lambda d: source_label(d).casefold()}[self.sort_by]
        self.documents.sort(key=key)
        docs = self.documents
        self.show_sections([Section(Pages(lambda offset, limit: docs[offset:offset + limit], len(docs)),
                                    noun="document")], getattr(self, "empty_text", None))

    def render_record(self, d: dict) -> Group:
        c = self.counts.get(d["id"], {})
        head = line((d.get("published") or "undated", "cyan"), " ", (d["language"], "magenta"), " ",
                    (f"{plural(c.get('mentions', 0), 'mention')} · {plural(c.get('events', 0), 'event')} · "
                     f"{plural(c.get('claims', 0), 'claim')}", "dim"))
        return Group(line((source_label(d), "bold")), head)

    def action_sort(self) -> None:
        self.sort_by = self.SORTS[(self.SORTS.index(self.sort_by) + 1) % len(self.SORTS)]
        self.refresh_list()

    def chosen(self, record: dict) -> None:
        self.post_message(JumpToSource(Location(record["id"], label="document")))
