"""A Rich progress bar for long builds: on a terminal only, quiet in pipes."""
from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn, \
    TimeRemainingColumn


class BuildProgress:
    """Context manager whose `update(stage, done, total)` drives one bar per stage."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Progress | None = None
        self._tasks: dict[str, int] = {}

    def __enter__(self) -> "BuildProgress":
        if self.enabled:
            self._progress = Progress(
                TextColumn("{task.description:<14}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False)
            self._progress.start()
        return self

    def update(self, stage: str, done: int, total: int) -> None:
        if not self._progress:
            return
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._progress.add_task(stage, total=total or None, rate="")
        t = self._progress.tasks[task]
        rate = f"{done / t.elapsed:,.0f}/s" if t.elapsed and done else ""
        self._progress.update(task, completed=done, total=total or None, rate=rate)

    def __exit__(self, *exc) -> None:
        if self._progress:
            self._progress.stop()
