"""The timeline: events by date, grouped by month; a happening several sources report shows once."""
from __future__ import annotations

from typing import Callable

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ..messages import Location, StepBar
from ..paging import Gap, Pages
from ..render import line, one_line, plural
from .paged_list import Section
from .record_list import RecordList

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def month_of(e: dict) -> str:
    date = e.get("date")
    if not date:
        return "Undated"
    if len(date) == 4:
        return date
    return f"{MONTHS[int(date[5:7]) - 1]} {date[:4]}"


def date_note(e: dict) -> str:
    """How an event's date was reached when its own words give none: from another report of the
    same happening ("date inferred"), or the article's own date ("article's date")."""
    if not e.get("date"):
        return ""
    if e.get("date_inferred"):
        return "date inferred · "
    return "article's date · " if e.get("approximate") else ""


class EventList(RecordList):
    """Events sorted by date (undated last) under month headings, all of them or of one kind (t)."""

    BINDINGS = [Binding("t", "next_kind", "Kind", tooltip="Show only one kind of event (cycles through them)"),
                Binding("right", "bar(1)", "Next bar", show=False, tooltip="The chart: the next week, month or year"),
                Binding("left", "bar(-1)", "Previous bar", show=False, tooltip="The chart: the previous one"),
                Binding("escape", "bar(0)", "Every period", show=False, tooltip="The chart: no bar, every date")]
    EMPTY = "No events for this choice."
    NOUN = "event"
    KIND = "event"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind: str | None = None
        self._source: Callable[[str | None], Pages] | None = None
        self._kinds: Callable[[], dict[str, int]] | None = None
        self._kind_counts: dict[str, int] | None = None
        self._empty: str | None = None

    def load(self, source: Callable[[str | None], Pages], kinds: Callable[[], dict[str, int]],
             empty: str | None = None) -> None:
        """`source(kind)` gives the events (of one kind, or all for None); `kinds()` how many of each."""
        self._source, self._kinds, self._kind_counts, self._empty = source, kinds, None, empty
        if self.kind is not None and not self.kind_counts.get(self.kind):
            self.kind = None
        self._apply()

    @property
    def kind_counts(self) -> dict[str, int]:
        if self._kind_counts is None:
            self._kind_counts = self._kinds() if self._kinds else {}
        return self._kind_counts

    def _apply(self) -> None:
        if self._source is None:
            return
        self.show(self._source(self.kind), empty=self._empty)

    def action_next_kind(self) -> None:
        order = [None, *self.kind_counts]
        if len(order) == 1:
            self.notify("No events to filter here.", timeout=2)
            return
        self.kind = order[(order.index(self.kind) + 1) % len(order)] if self.kind in order else None
        self._apply()
        self.post_message(self.KindChanged(self.kind))

    class KindChanged(Message):
        """The kind shown changed (the chart above counts that kind only)."""

        def __init__(self, kind: str | None) -> None:
            super().__init__()
            self.kind = kind

    @property
    def filter_label(self) -> str:
        """The kind filter as the pane title shows it."""
        if self.kind is None:
            return f"all kinds · t: one kind ({len(self.kind_counts)})" if self._kind_counts else "all kinds · t: one kind"
        return f"kind: {self.kind} ({plural(self.kind_counts.get(self.kind, 0), 'event')}) · t: next kind"

    def action_bar(self, step: int) -> None:
        self.post_message(StepBar("events", step))

    # ---------------------------------------------------------------- rows
    def group_of(self, e: dict) -> str:
        return month_of(e)

    def hides(self, e: dict, shown: set) -> bool:
        # A happening several documents report shows once, at its first report in date order;
        # the article steps through the others (] and [).
        cluster = e.get("cluster")
        if not cluster or e.get("sources", 1) < 2:
            return False
        if cluster in shown:
            return True
        shown.add(cluster)
        return False

    def gap_text(self, section: Section, gap: Gap) -> Text:
        return Text(f"… {plural(gap.count, 'more event')} · scroll or Enter to list them", style="dim italic")

    def render_record(self, e: dict) -> Group:
        n = e.get("sources", 1)
        head = line((f"{e.get('date') or 'undated':<10} ", "bold cyan"), (f"{e.get('kind') or 'event'} ", "magenta"),
                    (" ".join(e.get("countries", [])), "bold"))
        summary = line((f"{plural(n, 'source')} · " if n > 1 else "", "green"), (date_note(e), "italic cyan"),
                       (one_line(e.get("summary") or e.get("text")), "dim" if not e.get("date") else ""))
        return Group(head, summary)

    def location(self, e: dict) -> Location:
        return Location(e["doc"], e["start"], e["end"], [(e["start"], e["end"])], label=e.get("text") or "",
                        event=e)
