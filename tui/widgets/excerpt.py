"""The excerpt pane: a whole article, its passage highlighted, matches marked, n/N to step."""
from __future__ import annotations

import bisect

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from ..messages import Bookmark, Location, OpenSource, StepReport
from ..render import line, plural, source_label
from ..safe import same_length

PASSAGE = "on #2b3a55"
MATCH = "bold black on #e5c07b"
CURRENT = "bold black on #ff8c42"
UNDERLINE = "underline"
MAX_BLOCKS = 1500


class ExcerptView(VerticalScroll):
    """Shows one document; `show(doc, location)` highlights and scrolls to the passage."""

    BINDINGS = [
        Binding("n", "next_match", "Next match", tooltip="Next highlighted match in this article"),
        Binding("N", "previous_match", "Prev match", show=False),
        Binding("right_square_bracket", "report(1)", "Next report", show=False,
                tooltip="The next source reporting the same event"),
        Binding("left_square_bracket", "report(-1)", "Prev report", show=False),
        Binding("b", "bookmark", "Bookmark", tooltip="Bookmark the passage shown"),
        Binding("a", "note", "Note", show=False, tooltip="Bookmark the passage with a note and tags"),
        Binding("o", "open_source", "Open source", show=False, tooltip="Its URL in the browser, else the file in $PAGER"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]
    match_index: reactive[int] = reactive(-1)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.doc: dict | None = None
        self.location: Location | None = None
        self.blocks: list[tuple[int, int]] = []
        self.block_starts: list[int] = []
        self.matches: list[tuple[int, int]] = []
        self.verified: str | None = None  # BADGES key: what the source check found
        self.wrapped = False
        self.scroll_memory: dict[str, float] = {}
        self.block_widgets: list[Static] = []

    def compose(self):
        yield Static(Text("Choose a document, a claim, an event or a search hit to read its source here.",
                          style="dim italic"), id="excerpt-head")

    # ---------------------------------------------------------------- building
    def _split(self, text: str) -> list[tuple[int, int]]:
        """Blocks of the text to render as separate widgets (lines; grouped when there are very many)."""
        spans, pos = [], 0
        while pos < len(text):
            nl = text.find("\n", pos)
            end = len(text) if nl < 0 else nl + 1
            spans.append((pos, end))
            pos = end
        if len(spans) > MAX_BLOCKS:
            per = -(-len(spans) // MAX_BLOCKS)
            spans = [(spans[i][0], spans[min(i + per, len(spans)) - 1][1]) for i in range(0, len(spans), per)]
        return spans or [(0, 0)]

    def show(self, doc: dict, location: Location | None, verified: str | None = None) -> None:
        """Display `doc`, highlighting `location`, and scroll to it (or to where the reader last was).

        `verified` is what checking the source found (a BADGES key), shown in the header.
        """
        same_doc = self.doc is not None and self.doc["id"] == doc["id"]
        if self.doc is not None and not same_doc:
            self.scroll_memory[self.doc["id"]] = self.scroll_y
        self.location = location
        self.verified = verified
        self.wrapped = False
        self.matches = sorted(set(location.highlights)) if location else []
        if not same_doc:
            self.doc = doc
            self.blocks = self._split(doc["text"])
            self.block_starts = [a for a, _ in self.blocks]
            self.query(".block").remove()
            self.block_widgets = [Static(classes="block") for _ in self.blocks]
            self.mount_all(self.block_widgets)
        # Start on the first match inside the passage: that is what the reader chose.
        first = next((i for i, (a, _) in enumerate(self.matches) if location and location.start is not None
                      and a >= location.start), 0)
        self.set_reactive(ExcerptView.match_index, first if self.matches else -1)
        self._render_head()
        self._render_blocks()
        if location and location.start is not None:
            self.call_after_refresh(self._scroll_to_offset, location.start)
        elif not same_doc:
            y = self.scroll_memory.get(doc["id"], 0)
            self.call_after_refresh(self.scroll_to, y=y, animate=False)

    BADGES = {
        "ok": ("✓ verified", "bold green"),
        "changed": ("⚠ changed since indexing", "bold yellow"),
        "missing": ("✗ source missing", "bold red"),
        "unreadable": ("✗ source unreadable", "bold red"),
        "offsets": ("✗ quote not found at these offsets", "bold red"),
        "refused": ("? source not checked (outside the indexed folders)", "bold yellow"),
    }

    def _render_head(self) -> None:
        d = self.doc
        label = source_label(d)
        head = Text()
        head.append_text(line((label, "bold")))
        meta = [d.get("published") or "undated", d["language"]]
        if label != d["file"]:
            meta.append(d["file"])
        head.append("\n")
        head.append_text(line((" · ".join(meta), "dim"), *(((" · " + d["url"], "dim underline"),) if d.get("url") else ())))
        loc = self.location
        status = Text()
        if loc and loc.start is not None:
            status.append(f"passage {loc.start:,}-{loc.end:,}", style="cyan")
        if self.verified in self.BADGES:
            text, style = self.BADGES[self.verified]
            status.append(("  " if status else "") + text, style=style)
        if len(self.matches) > 1 or (self.matches and loc and loc.query):
            status.append(f"  match {self.match_index + 1}/{len(self.matches)} · n/N", style="dim")
            if self.wrapped:
                status.append(" (wrapped)", style="bold")
        if loc and len(loc.reports) > 1:
            n, k = len(loc.reports), loc.report + 1
            status.append(f"\nreport {k} of {n} of this event", style="green")
            status.append(" · ] next" if k < n else " (the last)", style="dim")
            if k > 1:
                status.append(" · [ previous", style="dim")
        if status:
            head.append("\n")
            head.append_text(status)
        self.query_one("#excerpt-head", Static).update(head)

    def _render_blocks(self) -> None:
        text = self.doc["text"]
        loc = self.location
        current = self.matches[self.match_index] if 0 <= self.match_index < len(self.matches) else None
        for i, (a, b) in enumerate(self.blocks):
            piece = Text(same_length(text[a:b].rstrip("\n")))
            if loc and loc.start is not None and loc.start < b and a < loc.end:
                piece.stylize(PASSAGE, max(loc.start, a) - a, min(loc.end, b) - a)
            for s, e in (loc.underline if loc else []):
                if s < b and a < e:
                    piece.stylize(UNDERLINE, max(s, a) - a, min(e, b) - a)
            for s, e in self.matches:
                if s < b and a < e:
                    piece.stylize(CURRENT if (s, e) == current else MATCH, max(s, a) - a, min(e, b) - a)
            self.block_widgets[i].update(piece)

    # ---------------------------------------------------------------- moving
    def _block_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.block_starts, offset) - 1)

    def _scroll_to_offset(self, offset: int, tries: int = 8) -> None:
        block = self.block_widgets[self._block_of(offset)]
        if not block.virtual_region.height and tries:
            # Blocks just mounted have no place yet under a busy machine: try after the next frame.
            self.call_after_refresh(self._scroll_to_offset, offset, tries - 1)
            return
        self.scroll_to_widget(block, animate=False, center=True)

    def watch_match_index(self, old: int, new: int) -> None:
        if self.doc is None or not (0 <= new < len(self.matches)):
            return
        self._render_head()
        self._render_blocks()
        self._scroll_to_offset(self.matches[new][0])

    def _step(self, step: int) -> None:
        if not self.matches:
            self.notify("No matches marked in this article.", timeout=2)
            return
        n = len(self.matches)
        target = self.match_index + step
        # Going past the last match (or before the first) wraps, and says so.
        self.wrapped = not 0 <= target < n
        if self.wrapped:
            self.notify(f"{'Last' if step > 0 else 'First'} match passed: back to the "
                        f"{'first' if step > 0 else 'last'} ({plural(n, 'match')})", timeout=2)
        if target % n == self.match_index:
            self._render_head()
        self.match_index = target % n

    def action_next_match(self) -> None:
        self._step(1)

    def action_previous_match(self) -> None:
        self._step(-1)

    def action_report(self, step: int) -> None:
        loc = self.location
        if not loc or len(loc.reports) < 2:
            self.notify("This passage is not one of several reports of an event.", timeout=2)
            return
        target = loc.report + step
        if not 0 <= target < len(loc.reports):
            self.notify(f"{'Last' if step > 0 else 'First'} report of this event "
                        f"({plural(len(loc.reports), 'report')})", timeout=2)
            return
        self.post_message(StepReport(step))

    # ---------------------------------------------------------------- the workbench
    def action_bookmark(self, note: bool = False) -> None:
        loc = self.location
        if self.doc is None or loc is None or loc.start is None:
            self.notify("Open a passage first: Enter on a claim, event, mention or hit.", timeout=3)
            return
        record = {"doc": self.doc["id"], "start": loc.start, "end": loc.end}
        self.post_message(Bookmark(record, "passage", note=note))

    def action_note(self) -> None:
        self.action_bookmark(note=True)

    def action_open_source(self) -> None:
        if self.doc is None:
            self.notify("No article open.", timeout=2)
            return
        self.post_message(OpenSource(self.doc["id"], self.location.start if self.location else None))
