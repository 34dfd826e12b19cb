"""The excerpt pane: a whole article, its passage highlighted, matches marked, n/N to step."""
from __future__ import annotations

import bisect

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from ..messages import Location
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
        self.verified: bool | None = None
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

    def show(self, doc: dict, location: Location | None, verified: bool | None = None) -> None:
        """Display `doc`, highlighting `location`, and scroll to it (or to where the reader last was)."""
        same_doc = self.doc is not None and self.doc["id"] == doc["id"]
        if self.doc is not None and not same_doc:
            self.scroll_memory[self.doc["id"]] = self.scroll_y
        self.location = location
        self.verified = verified
        self.matches = sorted(set(location.highlights)) if location else []
        if not same_doc:
            self.doc = doc
            self.blocks = self._split(doc["text"])
            self.block_starts = [a for a, _ in self.blocks]
            self.query(".block").remove()
            self.block_widgets = [Static(classes="block") for _ in self.blocks]
            self.mount_all(self.block_widgets)
        self._render_head()
        self._render_blocks()
        # Start on the first match inside the passage: that is what the reader chose.
        first = next((i for i, (a, _) in enumerate(self.matches) if location and location.start is not None
                      and a >= location.start), 0)
        self.match_index = first if self.matches else -1
        if location and location.start is not None:
            self.call_after_refresh(self._scroll_to_offset, location.start)
        elif not same_doc:
            y = self.scroll_memory.get(doc["id"], 0)
            self.call_after_refresh(self.scroll_to, y=y, animate=False)

    def _render_head(self) -> None:
        d = self.doc
        head = Text()
        head.append(same_length(d["title"]) + "\n", style="bold")
        head.append(same_length(f"{d.get('published') or 'undated'} · {d['language']} · {d['file']}"), style="dim")
        if d.get("url"):
            head.append(f" · {same_length(d['url'])}", style="dim underline")
        loc = self.location
        if loc and loc.start is not None:
            head.append(f"\npassage {loc.start}-{loc.end}", style="cyan")
            if self.verified is True:
                head.append("  ✓ verified", style="bold green")
            elif self.verified is False:
                head.append("  ✗ quote not found at these offsets", style="bold red")
            if self.matches:
                head.append(f"  {len(self.matches)} match{'es' if len(self.matches) != 1 else ''} · n/N to step",
                            style="dim")
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

    def _scroll_to_offset(self, offset: int) -> None:
        self.scroll_to_widget(self.block_widgets[self._block_of(offset)], animate=False, center=True)

    def watch_match_index(self, old: int, new: int) -> None:
        if self.doc is None or not (0 <= new < len(self.matches)):
            return
        self._render_blocks()
        self._scroll_to_offset(self.matches[new][0])

    def action_next_match(self) -> None:
        if self.matches:
            self.match_index = (self.match_index + 1) % len(self.matches)

    def action_previous_match(self) -> None:
        if self.matches:
            self.match_index = (self.match_index - 1) % len(self.matches)
