"""First paint: Fuente on a store against a minimal Textual app with the same widgets, in one run.

    python bench/first_paint.py [--store STORE] [--runs 7]

Each run is a fresh Python process, timed from its first line (before any import)
to the first screen painted and idle, headless at 120x40. The two apps run in turn,
after one warm-up each; prints the medians and the median ratio of the pairs. A
benchmark prints figures; nothing here is a test.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = r'''
import time
t0 = time.perf_counter()
import asyncio, sys
sys.path.insert(0, {root!r})
kind, store = sys.argv[1], sys.argv[2] or None

def minimal_app():
    from textual.app import App
    from textual.containers import Horizontal, Vertical, VerticalScroll
    from textual.widgets import Footer, Header, Input, OptionList, Static, TabbedContent, TabPane

    class Minimal(App):
        def compose(self):
            yield Header()
            with Horizontal():
                with TabbedContent():
                    with TabPane("Countries"):
                        yield OptionList(*[f"country {{i}}" for i in range(20)])
                    with TabPane("Documents"):
                        yield OptionList()
                with Vertical():
                    yield Input()
                    with TabbedContent():
                        for name in ("Events", "Claims", "Mentions", "Search"):
                            with TabPane(name):
                                yield OptionList()
                with VerticalScroll():
                    yield Static("excerpt")
            yield Static()
            yield Footer()
    return Minimal()

async def main():
    if kind == "minimal":
        app = minimal_app()
    else:
        from tui.app import make_app
        app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        print(time.perf_counter() - t0)

asyncio.run(main())
'''


# Both apps run with bytecode caches, as an installed app does: with PYTHONDONTWRITEBYTECODE set (as
# in some shells here) Fuente's own modules would be compiled from source on every run and the
# minimal app's (all Textual, cached in site-packages) would not. The caches go to a temp folder,
# never into the tree.
ENV = dict(os.environ, PYTHONPYCACHEPREFIX=os.path.join(tempfile.gettempdir(), "fuente-bench-pycache"))
ENV.pop("PYTHONDONTWRITEBYTECODE", None)


def run_once(kind: str, store: str) -> float:
    code = PROBE.format(root=str(ROOT))
    out = subprocess.run([sys.executable, "-c", code, kind, store], capture_output=True, text=True, check=True,
                         env=ENV)
    return float(out.stdout.strip().splitlines()[-1])


def run(kind: str, store: str, runs: int) -> list[float]:
    return [run_once(kind, store) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", default="", help="store to open (default: the bundled seed store)")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # Alternated, one of each in turn, so a machine whose load drifts weighs on both alike;
    # the ratio quoted is the median of the pairs' ratios.
    run_once("minimal", "")
    run_once("fuente", args.store)  # warm-up: file caches
    minimal, fuente = [], []
    for _ in range(args.runs):
        minimal.append(run_once("minimal", ""))
        fuente.append(run_once("fuente", args.store))
    m, f = statistics.median(minimal), statistics.median(fuente)
    ratio = statistics.median(b / a for a, b in zip(minimal, fuente))
    print(f"minimal Textual app, same widgets: median {m * 1000:.0f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in minimal)})")
    print(f"fuente on {args.store or 'the bundled seed store'}: median {f * 1000:.0f} ms  "
          f"(runs: {', '.join(f'{t * 1000:.0f}' for t in fuente)})")
    print(f"ratio: {ratio:.2f}x (median of {args.runs} alternated pairs; ratio of medians {f / m:.2f}x)")


if __name__ == "__main__":
    main()
