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

    def load(self, documents: list[dict], counts: dict[str, dict[str, int]]) -> None:
        self.documents = list(documents)
        self.counts = counts
        self.refresh_list()

    def refresh_list(self) -> None:
        key = {"file": lambda d: d["file"], "date": lambda d: (d.get("published") is None, d.get("published") or ""),
               "title": lambda d: d["title"].casefold()}[self.sort_by]
        self.documents.sort(key=key)
        self.set_options([Option(self._row(d), id=d["id"]) for d in self.documents])
        if self.documents:
            self.highlighted = 0
        self.border_subtitle = f"by {self.sort_by}"

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
        if event.option.id:
            self.post_message(JumpToSource(Location(event.option.id, label="document")))
