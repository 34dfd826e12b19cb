"""A list of records (events, claims, mentions, hits) where Enter jumps to the source passage."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..messages import CopyCitation, JumpToSource, Location


class RecordList(OptionList):
    """Base of the middle panes: `show(records)` fills it; Enter posts JumpToSource."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("c", "copy", "Copy citation", tooltip="Copy the quote with its document, date and offsets"),
    ]
    EMPTY = "Nothing here."

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.records: list[dict] = []
        self.texts: dict[str, str] = {}

    def render_record(self, record: dict) -> Group | Text:
        raise NotImplementedError

    def location(self, record: dict) -> Location:
        return Location(record["doc"], record["start"], record["end"], [(record["start"], record["end"])],
                        label=record.get("text") or "")

    def show(self, records: list[dict], texts: dict[str, str] | None = None, empty: str | None = None) -> None:
        """Replace the list with `records`; `texts` maps doc ids to text for snippets."""
        self.records = records
        self.texts = texts or {}
        options = [Option(self.render_record(r), id=str(i)) for i, r in enumerate(records)]
        if not options:
            options = [Option(Text(empty or self.EMPTY, style="dim italic"), disabled=True)]
        self.set_options(options)
        if records:
            self.highlighted = 0

    @property
    def current(self) -> dict | None:
        if self.highlighted is None or not self.records or self.highlighted >= len(self.records):
            return None
        return self.records[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        record = self.current
        if record is not None:
            self.post_message(JumpToSource(self.location(record)))

    def action_copy(self) -> None:
        if self.current is not None:
            self.post_message(CopyCitation(self.current))

    def action_first(self) -> None:
        if self.records:
            self.highlighted = 0

    def action_last(self) -> None:
        if self.records:
            self.highlighted = len(self.records) - 1
