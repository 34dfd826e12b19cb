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

    def group_of(self, record: dict) -> str | None:
        """The heading a record files under (None: no headings)."""
        return None

    def show(self, records: list[dict], texts: dict[str, str] | None = None, empty: str | None = None) -> None:
        """Replace the list with `records`; `texts` maps doc ids to text for snippets.

        Records that share a group (a month, a stance) are listed under one disabled heading.
        """
        self.records = records
        self.texts = texts or {}
        options: list[Option] = []
        last = object()
        for i, r in enumerate(records):
            group = self.group_of(r)
            if group is not None and group != last:
                options.append(Option(Text(group, style="bold underline"), disabled=True))
                last = group
            options.append(Option(self.render_record(r), id=str(i)))
        if not options:
            options = [Option(Text(empty or self.EMPTY, style="dim italic"), disabled=True)]
        self.set_options(options)
        if records:
            self.highlighted = next(i for i, o in enumerate(options) if not o.disabled)

    def select_record(self, index: int) -> None:
        """Move the cursor to the record at `index` of `records`."""
        self.highlighted = self.get_option_index(str(index))

    @property
    def current(self) -> dict | None:
        if self.highlighted is None or not self.records:
            return None
        option = self.get_option_at_index(self.highlighted)
        return None if option.id is None else self.records[int(option.id)]

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
            self.select_record(0)

    def action_last(self) -> None:
        if self.records:
            self.select_record(len(self.records) - 1)
