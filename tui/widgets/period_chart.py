"""A compact chart of records per week, month or year above a list; choosing a bar narrows the list.

Drawn by hand with Rich segments rather than with Textual's Sparkline: the Sparkline scales its
bars from the smallest count to the largest (a month of three events draws like an empty one),
stretches unevenly when there are fewer buckets than columns and has no way to show a chosen bar;
plotext needs eight rows or more for its axes, and the pane has four. Here a bar's height is its
count over the largest (zero is blank, one is never blank), every bucket has the same width, and the
chosen one stands on a lit column (its bar keeps its shape and colour), its count and period written
under the chart. A stance chart draws both directions in half cells, the finest step Unicode has for
a bar hanging down, so supports and opposes are on one scale.

Two kinds: `events` (one series, bars upward) and `stances` (supports upward, opposes downward,
neutral claims as marks on the middle line).
"""
from __future__ import annotations

from rich.text import Text
from textual.events import Click
from textual.message import Message
from textual.widget import Widget

from ..render import plural
from ..timeline import Bucket, Histogram

UP = " ▁▂▃▄▅▆▇█"  # eighths, from the bottom of a cell
UP_HALVES = " ▄█"  # halves, from the bottom: a stance chart's supports, on the scale of its opposes
DOWN = " ▀█"  # halves, from the top (Unicode's upper eighth ▔ has no 2/8…7/8 to go with it)
STYLE = {"events": "cyan", "supports": "green", "opposes": "red", "neutral": "yellow", "chosen": "bold on grey30"}


def bar_cells(value: int, peak: int, rows: int, steps: str) -> list[str]:
    """The cells of one bar, nearest the baseline first: `value` of `peak` over `rows` cells of
    len(steps) - 1 levels each; never blank for a value above zero."""
    levels = len(steps) - 1
    if value <= 0 or peak <= 0:
        return [" "] * rows
    filled = max(1, round(value / peak * rows * levels))
    cells = []
    for _ in range(rows):
        part = min(levels, filled)
        cells.append(steps[part])
        filled -= part
    return cells


class PeriodChart(Widget):
    """`show(histogram)` draws it; `step(±1)` moves the chosen bar (posting Chosen); `clear()` unchooses."""

    DEFAULT_CSS = """
    PeriodChart { height: 1; padding: 0 1; }  /* the screen gives it its rows (fit) */
    """

    class Chosen(Message):
        """A bar was chosen (`bucket`), or none (`bucket` is None)."""

        def __init__(self, chart: "PeriodChart", bucket: Bucket | None) -> None:
            super().__init__()
            self.chart, self.bucket = chart, bucket

        @property
        def control(self) -> "PeriodChart":
            return self.chart

    def __init__(self, kind: str = "events", noun: str = "event", **kwargs) -> None:
        super().__init__(**kwargs)
        self.kind, self.noun = kind, noun
        self.histogram: Histogram | None = None
        self.cursor: int | None = None
        self.note = ""  # what the chart counts by ("by article date"), said under it
        self.rows = 4  # what the screen gives it (fit), when there is something to chart

    # ---------------------------------------------------------------- state
    def show(self, histogram: Histogram | None, keep: str | None = None) -> None:
        """Draw `histogram`; the bar whose key is `keep` stays chosen when it is still there."""
        self.histogram = histogram
        keys = [b.key for b in histogram.buckets] if histogram else []
        self.cursor = keys.index(keep) if keep in keys else None
        self._set_height()
        self.refresh(layout=True)

    @property
    def chosen(self) -> Bucket | None:
        if self.histogram is None or self.cursor is None:
            return None
        return self.histogram.buckets[self.cursor]

    def step(self, step: int) -> None:
        """Choose the next bar (or the previous one): from none, the first (or the last)."""
        buckets = self.histogram.buckets if self.histogram else []
        if not buckets:
            self.app.bell()
            return
        if self.cursor is None:
            at = 0 if step > 0 else len(buckets) - 1
        else:
            at = max(0, min(len(buckets) - 1, self.cursor + step))
        self.choose(at)

    def choose(self, at: int | None) -> None:
        if at == self.cursor:
            return
        self.cursor = at
        self.refresh()
        self.post_message(self.Chosen(self, self.chosen))

    def clear(self) -> bool:
        """Choose no bar; whether one was chosen."""
        if self.cursor is None:
            return False
        self.choose(None)
        return True

    # ---------------------------------------------------------------- drawing
    def _geometry(self, width: int) -> tuple[int, int, int]:
        """(first bucket shown, how many, cells per bucket) for `width` columns, the chosen bar in view."""
        n = len(self.histogram.buckets)
        cell = max(1, min(4, width // max(1, n)))
        shown = min(n, width // cell)
        first = 0
        if self.cursor is not None and shown < n:
            first = max(0, min(n - shown, self.cursor - shown // 2))
        return first, shown, cell

    def _bar_rows(self, height: int) -> int:
        return max(1, height - 1) if self.kind == "events" else max(1, (height - 2) // 2)

    def fit(self, rows: int) -> None:
        """Take `rows` rows of the pane (the screen gives fewer when the pane is short): at two, a stance
        chart is one row of marks, ▲ where supports lead, ▼ where opposes do, ◆ where neither does."""
        self.rows = rows
        self._set_height()

    def _set_height(self) -> None:
        """The rows it takes: what the screen gave it, or one for a line saying there is nothing to chart."""
        keys = self.histogram.buckets if self.histogram else []
        rows = self.rows if keys else 1
        if self.styles.height is None or self.styles.height.value != rows:
            self.styles.height = rows

    def render(self) -> Text:
        return self.draw(max(1, self.content_region.width or self.size.width), self.size.height)

    def draw(self, width: int, height: int) -> Text:
        """The chart in `width` columns and `height` rows (the last one its caption)."""
        h = self.histogram
        if h is None:
            return Text("")
        if not h.buckets:
            what = "Stance over time" if self.kind == "stances" else "Over time"
            apart = self._apart()
            return Text(f"{what}: " + (apart or f"no {self.noun}s"),
                        style="dim", no_wrap=True, overflow="ellipsis")
        first, shown, cell = self._geometry(width)
        buckets = h.buckets[first:first + shown]
        rows = self._bar_rows(height)
        lines: list[Text] = []
        if self.kind == "events":
            peak = h.peak
            columns = [bar_cells(b.total, peak, rows, UP) for b in buckets]
            for r in reversed(range(rows)):
                lines.append(self._line(buckets, first, cell, [c[r] for c in columns], "events"))
        elif height <= 2:
            lines.append(self._line(buckets, first, cell, [self._lead(b) for b in buckets], "neutral", styles={
                "▲": STYLE["supports"], "▼": STYLE["opposes"], "◆": STYLE["neutral"]}))
        else:
            peak = max((max(b.counts.get("supports", 0), b.counts.get("opposes", 0)) for b in h.buckets), default=0)
            up = [bar_cells(b.counts.get("supports", 0), peak, rows, UP_HALVES) for b in buckets]
            down = [bar_cells(b.counts.get("opposes", 0), peak, rows, DOWN) for b in buckets]
            for r in reversed(range(rows)):
                lines.append(self._line(buckets, first, cell, [c[r] for c in up], "supports"))
            lines.append(self._baseline(buckets, first, cell))
            for r in range(rows):
                lines.append(self._line(buckets, first, cell, [c[r] for c in down], "opposes"))
        lines.append(self._caption(buckets, first, width))
        return Text("\n").join(lines)

    @staticmethod
    def _lead(b: Bucket) -> str:
        up, down = b.counts.get("supports", 0), b.counts.get("opposes", 0)
        return "▲" if up > down else "▼" if down > up else "◆" if b.total else " "

    def _line(self, buckets: list[Bucket], first: int, cell: int, marks: list[str], series: str,
              fill: str = " ", styles: dict[str, str] | None = None) -> Text:
        line = Text(no_wrap=True, overflow="crop")
        bar = cell - 1 if cell >= 3 else cell  # a gap between wide bars
        for i, mark in enumerate(marks):
            chosen = " " + STYLE["chosen"] if first + i == self.cursor else ""
            style = (styles or {}).get(mark, STYLE[series]) + chosen
            line.append(mark * bar, style)  # a blank cell of the chosen column is lit too
            if bar < cell:
                line.append(fill, "dim" if fill != " " else "")
        return line

    def _baseline(self, buckets: list[Bucket], first: int, cell: int) -> Text:
        """The middle line of a stance chart: a ◆ where a period has neutral claims."""
        line = Text(no_wrap=True, overflow="crop")
        bar = cell - 1 if cell >= 3 else cell
        for i, b in enumerate(buckets):
            chosen = " " + STYLE["chosen"] if first + i == self.cursor else ""
            if b.counts.get("neutral"):
                left = (bar - 1) // 2
                line.append("─" * left, "dim" + chosen)
                line.append("◆", STYLE["neutral"] + chosen)
                line.append("─" * (bar - 1 - left), "dim" + chosen)
            else:
                line.append("─" * bar, "dim" + chosen)
            if bar < cell:
                line.append("─", "dim")
        return line

    def _apart(self) -> str:
        h = self.histogram
        parts = []
        if h.coarse:
            parts.append(f"{h.coarse:,} by {'year' if h.unit == 'month' else 'month or year'} only")
        if h.undated:
            parts.append(f"{h.undated:,} undated")
        return " · ".join(parts)

    def _caption(self, buckets: list[Bucket], first: int, width: int) -> Text:
        chosen = self.chosen
        if chosen is not None:
            if self.kind == "stances":
                c = chosen.counts
                what = (f"▲ {c.get('supports', 0)} ◆ {c.get('neutral', 0)} ▼ {c.get('opposes', 0)}")
                text = f"{chosen.label}: {plural(chosen.total, self.noun)} {what} · Esc: all"
            else:
                text = f"{chosen.label}: {plural(chosen.total, self.noun)} · ←→ · Esc: all"
        else:
            span = (buckets[0].label if len(buckets) == 1 else
                    f"{buckets[0].label} – {buckets[-1].label} by {self.unit_word}")
            text = span + (f", {self.note}" if self.note else "")
        apart = self._apart()
        text += (f" · {apart}" if apart and chosen is None else "") + (" · ←→ a bar" if chosen is None else "")
        return Text(text, style="dim", no_wrap=True, overflow="ellipsis")

    @property
    def unit_word(self) -> str:
        return self.histogram.unit if self.histogram else "month"

    def on_click(self, event: Click) -> None:
        h = self.histogram
        if not h or not h.buckets:
            return
        width = max(1, self.content_region.width)
        first, shown, cell = self._geometry(width)
        x = event.x - (self.content_region.x - self.region.x)
        if 0 <= x < shown * cell:
            self.choose(first + x // cell)
