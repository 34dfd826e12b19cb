"""Messages the panes post; the main screen routes them (widgets never call their siblings)."""
from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message


@dataclass
class Location:
    """A place in the corpus: a document, a passage in it and the spans to highlight."""

    doc: str
    start: int | None = None
    end: int | None = None
    highlights: list[tuple[int, int]] = field(default_factory=list)
    label: str = ""
    underline: list[tuple[int, int]] = field(default_factory=list)
    query: str | None = None  # a search: every match of it in the document is marked
    origin: object | None = field(default=None, compare=False, repr=False)  # the list it was opened from
    event: dict | None = field(default=None, compare=False, repr=False)  # the event this is a report of
    reports: list["Location"] = field(default_factory=list, compare=False, repr=False)  # every report of it
    report: int = 0  # which of `reports` this is


class JumpToSource(Message):
    """Open a passage in the excerpt pane, highlighted."""

    def __init__(self, location: Location) -> None:
        super().__init__()
        self.location = location


class CountryChosen(Message):
    """The reader chose a country (or cleared the choice with None)."""

    def __init__(self, code: str | None) -> None:
        super().__init__()
        self.code = code


class TargetChosen(Message):
    """The reader chose whom stances are read toward (None: the store's focus again)."""

    def __init__(self, code: str | None) -> None:
        super().__init__()
        self.code = code


class StepReport(Message):
    """Show the next (+1) or previous (-1) report of the event the article shows."""

    def __init__(self, step: int) -> None:
        super().__init__()
        self.step = step


class CopyCitation(Message):
    """Copy the citation of a claim, event or mention to the clipboard."""

    def __init__(self, record: dict) -> None:
        super().__init__()
        self.record = record


class Bookmark(Message):
    """Bookmark a record (a claim, event, mention, hit or passage); `note`: ask for a note and tags too."""

    def __init__(self, record: dict, kind: str, note: bool = False) -> None:
        super().__init__()
        self.record, self.kind, self.note = record, kind, note


class ExportList(Message):
    """Export the list that posted it (every row of it, loaded or not) to a file."""

    def __init__(self, source) -> None:
        super().__init__()
        self.source = source


class OpenSource(Message):
    """Open a record's document: its URL in the browser, else its file in the pager at the passage."""

    def __init__(self, doc: str, start: int | None = None) -> None:
        super().__init__()
        self.doc, self.start = doc, start


class SaveSearch(Message):
    """Save the query in the search box under a name."""


class StepBar(Message):
    """Choose the next (+1) or previous (-1) bar of the chart above a list; 0: choose none."""

    def __init__(self, chart: str, step: int) -> None:
        super().__init__()
        self.chart, self.step = chart, step
