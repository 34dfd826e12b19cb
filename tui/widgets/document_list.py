"""Every article: title, date, language and counts; Enter opens it in the excerpt pane."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..messages import JumpToSource, Location
from ..render import one_line, plain


class DocumentList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("s", "sort", "Sort", tooltip="Sort by date, title or file"),
    ]
    SORTS = ("file", "date", "title")

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.documents: list[dict] = []
        self.counts: dict[str, dict[str, int]] = {}
        self.sort_by = "file"
        self.shown = 0
        self._pending = False

    def load(self, documents: list[dict], counts: dict[str, dict[str, int]]) -> None:
        """Take the documents; rows are rendered when the list is first shown."""
        self.documents = list(documents)
        self.counts = counts
        self._pending = True
        if self.is_on_screen:
            self.refresh_list()

    def on_show(self) -> None:
        if self._pending:
            self.refresh_list()

    PAGE = 200  # rows rendered at a time: a store may hold 100,000 documents

    def refresh_list(self) -> None:
        self._pending = False
        key = {"file": lambda d: d["file"], "date": lambda d: (d.get("published") is None, d.get("published") or ""),
               "title": lambda d: d["title"].casefold()}[self.sort_by]
        self.documents.sort(key=key)
        self.shown = 0
        self.clear_options()
        self._more()
        if self.documents:
            self.highlighted = 0
        self.border_subtitle = f"{len(self.documents):,} documents by {self.sort_by}"

    def _more(self) -> None:
        """Render the next page of rows, with a last row that brings the rest."""
        if self.option_count and self.get_option_at_index(self.option_count - 1).id == "more":
            self.remove_option("more")
        page = self.documents[self.shown:self.shown + self.PAGE]
        self.add_options([Option(self._row(d), id=d["id"]) for d in page])
        self.shown += len(page)
        left = len(self.documents) - self.shown
        if left > 0:
            self.add_option(Option(Text(f"… {left:,} more: Enter to list them", style="dim italic"), id="more"))

    def _row(self, d: dict) -> Group:
        c = self.counts.get(d["id"], {})
        head = Text.assemble((d.get("published") or "undated", "cyan"), " ", (d["language"], "magenta"), " ",
                             (f"{c.get('mentions', 0)} mentions · {c.get('events', 0)} events · "
                              f"{c.get('claims', 0)} claims", "dim"))
        return Group(plain(one_line(d["title"], 80), style="bold"), head)

    def action_sort(self) -> None:
        self.sort_by = self.SORTS[(self.SORTS.index(self.sort_by) + 1) % len(self.SORTS)]
        self.refresh_list()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id == "more":
            at = self.highlighted
            self._more()
            self.highlighted = at
        elif event.option.id:
            self.post_message(JumpToSource(Location(event.option.id, label="document")))
