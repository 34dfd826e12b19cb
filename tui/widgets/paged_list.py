"""The base of every list in the explorer: sections of rows loaded a page at a time.

Each section is a `Pages` listing under an optional heading. What is not loaded shows as a
row of its own ("… 1,037 more supports"), and the rows come in when the cursor or the
scroll reaches it, so a list is always complete and its counts always true. The keys are
the same in every list: ↑ ↓ j k move (stopping at the ends, never wrapping), g G Home End
go to the first and the very last row (loading the last page when the list is long).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..paging import Gap, Pages
from ..render import plural


def to_content(row) -> Content:
    """A row (a Text, or a Group of one Text a line) as Textual Content, which renders several times
    faster than a Rich renderable; the lists' CSS keeps each line to one line, cut with "…"."""
    if isinstance(row, Content):
        return row
    if isinstance(row, Group):
        return Content("\n").join(to_content(part) for part in row.renderables)
    if isinstance(row, Text):
        return Content.from_rich_text(row)
    return Content(str(row))


@dataclass
class Section:
    """One listing in a list: its rows, the heading above them and the noun its gap counts in."""

    pages: Pages
    heading: Text | None = None
    noun: str = "row"  # "… 1,037 more claims"
    extra: dict = field(default_factory=dict)  # whatever the list wants to keep with the section


class PagedList(OptionList):
    """`show_sections(sections)` fills it; subclasses render rows (`render_record`) and act on
    Enter (`chosen`)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]
    EMPTY = "Nothing here."
    USES_DOCS = False  # whether rows name their document (rendered again once the documents are read)
    LAZY_ROWS = False  # whether even the first page waits until the list is shown (rendering always does)

    class Changed(Message):
        """What the list holds changed (rows came in, a filter or sort changed)."""

        def __init__(self, paged_list: "PagedList") -> None:
            super().__init__()
            self.paged_list = paged_list

        @property
        def control(self) -> "PagedList":
            return self.paged_list

    class Failed(Message):
        """Reading rows found the store broken (the screen shows why and how to rebuild it)."""

        def __init__(self, error: Exception) -> None:
            super().__init__()
            self.error = error

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.sections: list[Section] = []
        self.empty_text: str | None = None
        self._made: dict[tuple[int, int], Option] = {}  # options kept between rebuilds: rendered once
        self._rebuilding = False
        self._deferred = False

    # ---------------------------------------------------------------- what subclasses give
    def render_record(self, record: dict):
        raise NotImplementedError

    def chosen(self, record: dict) -> None:
        """Enter on a row."""

    def gap_text(self, section: Section, gap: Gap) -> Text:
        return Text(f"… {plural(gap.count, 'more ' + section.noun)} · scroll or Enter to list them",
                    style="dim italic")

    # ---------------------------------------------------------------- filling
    def show_sections(self, sections: list[Section], empty: str | None = None, defer: bool = False) -> None:
        """Replace the list with `sections`, each with its first page loaded; cursor on the first row.

        `defer` leaves the rendering for when the list is shown (or asked for its rows)."""
        self.sections = sections
        self.empty_text = empty
        self._made = {}
        if not self.LAZY_ROWS:
            self._load_first()
        if defer or self._hidden():
            # A list in a tab not shown is rendered when it is first shown: the first screen
            # paints sooner, and a country chosen renders only the pane the reader looks at.
            self._deferred = True
            self.post_message(self.Changed(self))
            return
        self._deferred = True
        self.build()

    def _load_first(self) -> None:
        for s in self.sections:
            if not s.pages.runs:
                self._safely(s.pages.first)

    def _safely(self, load, *args, **kwargs) -> int:
        """Run a page load; a broken store is reported (Failed), never raised into the key handler."""
        from store.errors import FuenteError

        try:
            return load(*args, **kwargs)
        except FuenteError as exc:
            self.post_message(self.Failed(exc))
            return 0

    def _hidden(self) -> bool:
        node = self
        while node is not None and node is not self.screen:
            if not node.display:
                return True
            node = node.parent
        return False

    def on_show(self) -> None:
        self.build()
        super().on_show()

    def build(self) -> None:
        """Render the rows now if they were left for when the list is shown."""
        if self._deferred:
            self._deferred = False
            self._load_first()
            self._rebuild()
            first = self._first_row()
            if first is not None:
                self.highlighted = first

    def rerender(self) -> None:
        """Render every row again (what they show has changed), keeping the cursor where it is."""
        self._made = {}
        if self._deferred:
            return  # rendered anew when shown
        at = self.highlighted
        key = self._key_at(at) if at is not None else None
        self._rebuild(keep=key)

    def group_of(self, record: dict) -> str | None:
        """The heading a row files under within its section (a month): None for no headings."""
        return None

    def hides(self, record: dict, shown: set) -> bool:
        """Whether a row is left out as the same as one shown already (`shown` is the list's to keep)."""
        return False

    def _build_options(self) -> list[Option]:
        options: list[Option] = []
        shown: set = set()
        for si, s in enumerate(self.sections):
            if s.heading is not None:
                options.append(Option(to_content(s.heading), disabled=True))
            last = object()
            for entry in s.pages.entries():
                if isinstance(entry, Gap):
                    options.append(Option(to_content(self.gap_text(s, entry)), id=f"g{si}:{entry.offset}"))
                else:
                    offset, record = entry
                    if self.hides(record, shown):
                        continue
                    group = self.group_of(record)
                    if group is not None and group != last:
                        options.append(Option(Content.styled(group, "bold underline"), disabled=True))
                        last = group
                    option = self._made.get((si, offset))
                    if option is None:
                        option = self._made[(si, offset)] = Option(to_content(self.render_record(record)),
                                                                   id=f"r{si}:{offset}")
                    options.append(option)
        if not any(o.id for o in options):
            options.append(Option(Content.styled(self.empty_text or self.EMPTY, "dim italic"), disabled=True))
        return options

    def _rebuild(self, keep: str | None = None, scroll_y: float | None = None) -> None:
        self._rebuilding = True
        try:
            self.set_options(self._build_options())
            if keep is not None:
                try:
                    self.highlighted = self.get_option_index(keep)
                except Exception:  # the row went away: the nearest row stays highlighted
                    self.highlighted = self._first_row()
            if scroll_y is not None:
                self.scroll_to(y=scroll_y, animate=False, immediate=True)
        finally:
            self._rebuilding = False
        self.post_message(self.Changed(self))

    def _key_at(self, index: int | None) -> str | None:
        if index is None or not 0 <= index < self.option_count:
            return None
        return self.get_option_at_index(index).id

    def _first_row(self) -> int | None:
        return next((i for i, o in enumerate(self.options) if o.id and o.id.startswith("r")), None)

    def _fill(self, gap_id: str, backwards: bool, by_scroll: bool = False) -> None:
        """Load the rows a gap row stands for, next to where the reader comes from."""
        si, offset = (int(x) for x in gap_id[1:].split(":"))
        pages = self.sections[si].pages
        gap = pages.gap_at(offset)
        if gap is None:
            return
        if backwards:
            self._safely(pages.load, gap.offset + gap.count, backwards=True)
            target = f"r{si}:{gap.offset + gap.count - 1}"
        else:
            self._safely(pages.load, gap.offset)
            target = f"r{si}:{gap.offset}"
        if by_scroll:  # the cursor stays on its row, the view where it was scrolled to
            self._rebuild(keep=self._key_at(self.highlighted), scroll_y=self.scroll_y)
        else:
            self._rebuild(keep=target)

    # ---------------------------------------------------------------- the cursor
    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(new)
        if self._rebuilding:
            return
        key = self._key_at(new)
        if key and key.startswith("g"):
            # Reaching the "… N more" row brings those rows in: from above, the ones after the
            # rows already shown; from below, the ones just before.
            self.call_later(self._fill_at_cursor, key, old is not None and new is not None and old > new)

    def _fill_at_cursor(self, key: str, backwards: bool) -> None:
        if self._key_at(self.highlighted) == key:
            self._fill(key, backwards)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._rebuilding or new <= old:
            return
        # Scrolling down (the wheel, the scrollbar) to a "… N more" row brings its rows in too.
        self.call_later(self._fill_visible)

    def _fill_visible(self) -> None:
        lines = self._lines
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        seen = {lines[y][0] for y in range(top, min(len(lines), top + height))}
        for index in sorted(seen):
            key = self._key_at(index)
            if key and key.startswith("g") and index != self.highlighted:
                self._fill(key, backwards=False, by_scroll=True)
                return

    def _move(self, index: int, backwards: bool) -> None:
        key = self._key_at(index)
        if key and key.startswith("g"):
            self._fill(key, backwards)  # the rows come in now and the cursor lands on the nearest
        else:
            self.highlighted = index

    def action_cursor_down(self) -> None:
        """Down, stopping at the last row (no wrap to the top)."""
        self.build()
        start = -1 if self.highlighted is None else self.highlighted
        index = next((i for i in range(start + 1, self.option_count) if not self.options[i].disabled), None)
        if index is not None:
            self._move(index, backwards=False)

    def action_cursor_up(self) -> None:
        """Up, stopping at the first row (no wrap to the bottom)."""
        self.build()
        start = self.option_count if self.highlighted is None else self.highlighted
        index = next((i for i in range(start - 1, -1, -1) if not self.options[i].disabled), None)
        if index is not None:
            self._move(index, backwards=True)

    def action_page_down(self) -> None:
        """A page down, stopping at rows not loaded yet to bring them in (never jumping past them)."""
        self.build()
        before = self.highlighted
        super().action_page_down()
        self._stop_at_gap(before, self.highlighted)

    def action_page_up(self) -> None:
        """A page up, likewise."""
        self.build()
        before = self.highlighted
        super().action_page_up()
        self._stop_at_gap(before, self.highlighted)

    def _stop_at_gap(self, before: int | None, after: int | None) -> None:
        if before is None or after is None or before == after:
            return
        passed = range(before + 1, after + 1) if after > before else range(before - 1, after - 1, -1)
        gap = next((i for i in passed if (self._key_at(i) or "").startswith("g")), None)
        if gap is not None:
            self._fill(self._key_at(gap), backwards=after < before)

    def action_first(self) -> None:
        """The very first row (a page is always loaded there)."""
        self.build()
        first = self._first_row()
        if first is not None:
            self._rebuilding = True
            self.highlighted = first
            self._rebuilding = False

    def action_last(self) -> None:
        """The very last row, loading the last page of a long list first."""
        self.build()
        for si in range(len(self.sections) - 1, -1, -1):
            pages = self.sections[si].pages
            if pages.total:
                if not pages.complete:
                    self._safely(pages.last)
                    self._rebuild()
                rows = [i for i, o in enumerate(self.options) if o.id and o.id.startswith(f"r{si}:")]
                if rows:
                    self._rebuilding = True
                    try:
                        self.highlighted = rows[-1]
                    finally:
                        self._rebuilding = False
                return

    # ---------------------------------------------------------------- records
    @property
    def records(self) -> list[dict]:
        """Every loaded row, in the order shown (the first page of a list not shown yet comes in)."""
        if self._deferred:
            self._load_first()
        return [r for s in self.sections for r in s.pages.rows()]

    def _record(self, key: str | None):
        if not key or not key.startswith("r"):
            return None
        si, offset = (int(x) for x in key[1:].split(":"))
        return self.sections[si].pages.row(offset) if si < len(self.sections) else None

    @property
    def current(self) -> dict | None:
        self.build()
        return self._record(self._key_at(self.highlighted))

    def select_record(self, index: int) -> None:
        """Move the cursor to the `index`-th loaded row."""
        self.build()
        keys = [o.id for o in self.options if o.id and o.id.startswith("r")]
        self._rebuilding = True
        try:
            self.highlighted = self.get_option_index(keys[index])
        finally:
            self._rebuilding = False

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        key = event.option.id or ""
        if key.startswith("g"):
            self._fill(key, backwards=False)
        elif (record := self._record(key)) is not None:
            self.chosen(record)
