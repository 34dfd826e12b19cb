"""Bookmarks and notes of this store: the anchored ones, then the orphaned ones apart.

Each row says how its quote was found again (✓ exact, ↪ moved, ✗ orphaned: a word as well as a
symbol). Enter on an anchored one opens its passage; an orphan has no passage to open, so Enter
says so and shows its old quote, never other text in its place.
"""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ..anchors import MARK, ORPHANED
from ..messages import Bookmark, JumpToSource, Location, OpenSource
from ..paging import Pages
from ..render import line, one_line, plural
from .paged_list import Section
from .record_list import RecordList

STYLE = {"exact": "bold green", "moved": "bold yellow", "orphaned": "bold red"}


class BookmarkList(RecordList):
    BINDINGS = [Binding("x", "remove", "Remove", tooltip="Remove this bookmark and its note")]
    EMPTY = "No bookmarks yet: b on a claim, event, mention, hit or passage; a adds a note."
    NOUN = "bookmark"

    class Remove(Message):
        """Remove a bookmark (the screen asks the workbench)."""

        def __init__(self, mark: dict) -> None:
            super().__init__()
            self.mark = mark

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.marks: list[dict] = []

    def show_marks(self, marks: list[dict]) -> None:
        self.marks = marks
        anchored = [m for m in marks if m.get("state") != ORPHANED]
        orphaned = [m for m in marks if m.get("state") == ORPHANED]
        sections = []
        for rows, heading in ((anchored, None), (orphaned, "✗ orphaned: the quote is no longer in the text")):
            if rows:
                title = Text(f"{heading} · {plural(len(rows), 'bookmark')}" if heading else
                             f"Bookmarks · {plural(len(rows), 'bookmark')}", style="bold underline")
                sections.append(Section(Pages(lambda o, n, rows=rows: rows[o:o + n], len(rows),
                                              page=max(1, len(rows))), heading=title, noun="bookmark"))
        self.show_sections(sections)

    def render_record(self, m: dict) -> Group:
        state = m.get("state", "exact")
        head = line((MARK.get(state, state), STYLE.get(state, "")), " ", (m.get("kind") or "passage", "magenta"),
                    " ", f"“{one_line(m.get('quote'))}”")
        where = [("  — ", "dim"), (m.get("file") or m.get("doc") or "", "dim"),
                 (f" · {m.get('start'):,}-{m.get('end'):,}", "dim")]
        rows = [head, line(*where)]
        if m.get("note") or m.get("tags"):
            tags = " ".join(f"#{t}" for t in m.get("tags") or [])
            rows.append(line(("  ✎ ", "cyan"), (one_line(m.get("note")), "italic"), (f" {tags}" if tags else "", "cyan")))
        return Group(*rows)

    def location(self, m: dict) -> Location:
        return Location(m["doc"], m["start"], m["end"], [(m["start"], m["end"])], label=m.get("quote") or "")

    def chosen(self, m: dict) -> None:
        if m.get("state") == ORPHANED:
            quote = Text(f"Orphaned: “{one_line(m.get('quote'), 120)}” is no longer in "
                         f"{m.get('file') or m.get('doc')}; nothing is shown in its place.")
            self.notify(quote.plain, severity="warning", timeout=6, markup=False)
            return
        self.post_message(JumpToSource(self.location(m)))

    def bookmark_record(self, m: dict) -> dict:
        return m

    def action_bookmark(self, note: bool = False) -> None:
        if self.current is None:
            self.notify("No bookmark here.", timeout=2)
        elif note:  # a: edit this bookmark's note and tags
            self.post_message(Bookmark(self.current, "bookmark", note=True))
        else:
            self.notify("This is a bookmark already (x removes it, a edits its note).", timeout=3)

    def action_open_source(self) -> None:
        m = self.current
        if m is not None:
            self.post_message(OpenSource(m["doc"], None if m.get("state") == ORPHANED else m["start"]))

    def action_remove(self) -> None:
        if self.current is not None:
            self.post_message(self.Remove(self.current))
