"""The events chart at 80 columns, drawn by Textual's Sparkline and by Fuente's PeriodChart, side by side.

    .venv/bin/python bench/chart_compare.py                 # the bundled seed store
    .venv/bin/python bench/chart_compare.py --store STORE   # any store

Both draw the same counts (events per week, month or year, as tui.timeline buckets them) in the
same rows at 76 columns (an 80-column pane less its border and padding). Under each it prints what
a reader can check: whether an empty period is blank, whether the smallest non-empty one is not,
how many columns each period gets, and how long a render takes. A script that prints figures and
pictures, not a test.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.text import Text  # noqa: E402
from textual.renderables.sparkline import Sparkline  # noqa: E402

from store import open_store  # noqa: E402
from tui.timeline import histogram  # noqa: E402
from tui.widgets.period_chart import PeriodChart  # noqa: E402

WIDTH, ROWS = 76, 3


def lines_of(console: Console, renderable) -> list[str]:
    with console.capture() as cap:
        console.print(renderable)
    return cap.get().rstrip("\n").split("\n")


def columns_per_bucket(line: str, n: int) -> str:
    return f"{len(line) / max(1, n):.1f} columns a period on average"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path)
    args = ap.parse_args()
    store = open_store(args.store)
    h = histogram(store.events(), lambda e: e.get("date"), WIDTH)
    counts = [b.total for b in h.buckets]
    console = Console(width=WIDTH, color_system=None, legacy_windows=False)
    print(f"{store.name}: {len(counts)} periods by {h.unit}, counts {counts}")
    if not counts:
        return
    zero = counts.index(0) if 0 in counts else None
    smallest = min(range(len(counts)), key=lambda i: counts[i] or 10**9)

    t = time.perf_counter()
    for _ in range(200):
        spark = lines_of(console, Sparkline(counts, width=WIDTH, height=ROWS))
    spark_ms = (time.perf_counter() - t) / 200 * 1000
    chart = PeriodChart("events")
    chart.show(h)
    t = time.perf_counter()
    for _ in range(200):
        ours = lines_of(console, chart.draw(WIDTH, ROWS + 1))
    ours_ms = (time.perf_counter() - t) / 200 * 1000

    def column(lines: list[str], i: int, n: int) -> str:
        """The cells of period `i`'s first column, bottom row first."""
        x = int(i * len(lines[0]) / n) if lines is spark else i * (len(lines[-2]) // n)
        return "".join(line[x] if x < len(line) else " " for line in reversed(lines))

    for name, lines, ms, bars in (("Textual Sparkline", spark, spark_ms, spark),
                                  ("Fuente PeriodChart", ours, ours_ms, ours[:-1])):
        print(f"\n== {name} ({ms:.2f} ms a render)")
        for line in lines:
            print("  " + line)
        if zero is not None:
            print(f"  an empty period ({h.buckets[zero].label}) draws {column(bars, zero, len(counts))!r}")
        print(f"  the smallest non-empty ({h.buckets[smallest].label}, {counts[smallest]}) draws "
              f"{column(bars, smallest, len(counts))!r} · {columns_per_bucket(bars[0], len(counts))}")
    print(Text("\nSparkline scales from the smallest count to the largest and stretches periods to the width; "
               "PeriodChart scales from zero, gives each period the same columns and writes the chosen one's count."))


if __name__ == "__main__":
    main()
