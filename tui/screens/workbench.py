"""The workbench on the explorer: bookmarks and notes, search history, saved searches, exports and
opening the source. A mixin of MainScreen, kept apart so the screen stays a router.

User data is read after the first paint (with the documents table), in a worker: the bookmarks
are re-anchored there against the store's current text.
"""
from __future__ import annotations

from textual import work
from textual.message import Message
from textual.widgets import Input

from store.errors import FuenteError

from ..render import plural
from ..workbench import Workbench
from .prompt import ChoiceScreen, PromptScreen


class WorkbenchLoaded(Message):
    """The bookmarks (re-anchored) and the search history, read in a worker."""

    def __init__(self, marks: list[dict], history: list[str], error: str | None = None) -> None:
        super().__init__()
        self.marks, self.history, self.error = marks, history, error


def split_tags(text: str) -> list[str]:
    """Tags as typed: separated by commas or spaces, a leading # dropped, each once."""
    out: list[str] = []
    for tag in text.replace(",", " ").split():
        tag = tag.lstrip("#")
        if tag and tag not in out:
            out.append(tag)
    return out


class WorkbenchMixin:
    """What MainScreen does for the workbench (it sets `self.workbench` and calls `load_workbench`)."""

    def _bookmarks(self):
        from ..widgets.bookmark_list import BookmarkList

        return self.query_one(BookmarkList)

    @work(thread=True, exclusive=True, group="workbench")
    def load_workbench(self) -> None:
        try:
            marks = self.workbench.reanchor(self.store)
            history = self.workbench.history()
            self.post_message(WorkbenchLoaded(marks, history))
        except (OSError, ValueError, FuenteError) as exc:
            self.post_message(WorkbenchLoaded([], [], error=str(exc)))

    def on_workbench_loaded(self, message: WorkbenchLoaded) -> None:
        if message.error:
            self.notify(f"bookmarks not read: {message.error}", severity="error", markup=False)
        self.search_history = message.history
        self.workbench_ready = True
        self._show_marks(message.marks)

    def _show_marks(self, marks: list[dict]) -> None:
        bookmarks = self._bookmarks()
        bookmarks.show_marks(marks)
        orphans = sum(m.get("state") == "orphaned" for m in marks)
        self.set_tab_count("bookmarks", (f"{len(marks)}" + (" ✗" if orphans else "")) if marks else None)
        self.refresh_state()

    def _reload_marks(self) -> None:
        self._show_marks(self.workbench.bookmarks())

    # ---------------------------------------------------------------- b and a
    def on_bookmark(self, message) -> None:
        message.stop()
        record, kind = message.record, message.kind
        if kind == "bookmark":  # a on a bookmark: edit its note
            self._ask_note(record, lambda note, tags: self._edit_note(record, note, tags))
            return
        existing = self.workbench.find(record["doc"], record["start"], record["end"])
        if not message.note:
            if existing:
                self.notify("Bookmarked already (5: the bookmarks).", timeout=3)
            else:
                self._add_mark(record, kind)
            return
        if existing:
            self._ask_note(existing, lambda note, tags: self._edit_note(existing, note, tags))
        else:
            self._ask_note({}, lambda note, tags: self._add_mark(record, kind, note, tags))

    def _ask_note(self, mark: dict, then) -> None:
        def done(values) -> None:
            if values is not None:  # Esc: nothing changes
                then(values[0].strip(), split_tags(values[1]))
        fields = [("Note", mark.get("note") or ""), ("Tags (comma or space separated)",
                                                     " ".join(mark.get("tags") or []))]
        self.app.push_screen(PromptScreen("Note on this passage", fields), done)

    def _add_mark(self, record: dict, kind: str, note: str = "", tags: list[str] | None = None) -> None:
        try:
            doc = self.store.document(record["doc"])
            self.workbench.add(record, doc, doc["text"], kind, note, tags)
        except (FuenteError, OSError, ValueError) as exc:
            self.notify(f"not bookmarked: {exc}", severity="error", markup=False)
            return
        self._reload_marks()
        self.notify(f"Bookmarked {'with a note ' if note or tags else ''}(5: the bookmarks)", timeout=3,
                    markup=False)

    def _change_marks(self, change, failed: str, done: str) -> None:
        """Apply `change` to the bookmarks file, then list them again; a file that cannot be written is a notice."""
        try:
            change()
        except (OSError, ValueError) as exc:
            self.notify(f"{failed}: {exc}", severity="error", markup=False)
            return
        self._reload_marks()
        self.notify(done, timeout=2)

    def _edit_note(self, mark: dict, note: str, tags: list[str]) -> None:
        self._change_marks(lambda: self.workbench.update(mark["id"], note=note, tags=tags), "note not saved", "Note saved")

    def on_bookmark_list_remove(self, message) -> None:
        self._change_marks(lambda: self.workbench.remove(message.mark["id"]), "not removed", "Bookmark removed")

    # ---------------------------------------------------------------- e
    def on_export_list(self, message) -> None:
        message.stop()
        source = message.source

        def chosen(fmt) -> None:
            if fmt is not None:
                self.export_list(source, fmt)
        from ..list_export import FORMATS

        self.app.push_screen(ChoiceScreen("Export this list as", list(FORMATS.items())), chosen)

    def export_list(self, source, fmt: str):
        """Write every row of list `source` as `fmt`; the path written (or None, said in a notice)."""
        from ..list_export import all_rows, cite, export_file, write

        kind = self._list_kind(source)
        try:
            records = all_rows(source)
            docs: dict = {}
            rows = [cite(self.store, r, self.by_code, self.target, docs) for r in records]
            title = f"Fuente · {self.store.name} · {self._list_title(kind)}"
            path = write(rows, kind, fmt, title, export_file(kind, fmt))
        except (FuenteError, OSError) as exc:
            self.notify(f"not exported: {exc}", severity="error", markup=False)
            return None
        self.notify(f"Exported {plural(len(rows), 'row')} to {path}", timeout=8, markup=False)
        return path

    def _list_kind(self, source) -> str:
        from ..widgets.bookmark_list import BookmarkList
        from ..widgets.claim_list import ClaimList
        from ..widgets.event_list import EventList
        from ..widgets.mention_list import MentionList

        for cls, kind in ((BookmarkList, "bookmarks"), (ClaimList, "claims"), (EventList, "events"),
                          (MentionList, "mentions")):
            if isinstance(source, cls):
                return kind
        return "hits"

    def _list_title(self, kind: str) -> str:
        """What the exported list is: its kind, country, and the period and chart bar it is narrowed to."""
        from store.period import period_label

        country = self._country_label(self.country)
        when = period_label(self.since, self.until)
        bar = getattr(self, "bars", {}).get(kind)
        narrowed = (f" · {when}" if when else "") + (f" · {bar.label}" if bar is not None else "")
        if kind == "hits":
            return f"search “{self.query_one('#search', Input).value}”{narrowed}"
        if kind == "bookmarks":
            return "bookmarks"
        return f"{kind} · {country}{narrowed}"

    # ---------------------------------------------------------------- o
    def on_open_source(self, message) -> None:
        message.stop()
        from ..opener import open_source

        try:
            said = open_source(self.app, self.store, message.doc, message.start)
        except FuenteError as exc:
            said = str(exc)
        self.notify(said, timeout=5, markup=False)

    # ---------------------------------------------------------------- history and saved searches
    def remember_query(self, query: str) -> None:
        query = query.strip()
        if not query:
            return
        history = self.search_history
        if not history or history[-1] != query:
            history.append(query)
            del history[:-100]
        self._history_at = None
        try:
            self.workbench.remember(query)
        except (OSError, ValueError):
            pass  # the history is a convenience: a read-only home must not stop a search

    def walk_history(self, step: int) -> None:
        """↑ (-1) / ↓ (+1) in the search box: older / newer queries; past the newest, the box empties."""
        box = self.query_one("#search", Input)
        history = self.search_history
        if not history:
            return
        at = self._history_at
        if at is None:
            if step > 0:
                return
            self._history_draft = box.value
            at = len(history)
        at += step
        if at < 0:
            at = 0
            self.app.bell()
        if at >= len(history):
            self._history_at = None
            box.value = self._history_draft
        else:
            self._history_at = at
            box.value = history[at]
        box.cursor_position = len(box.value)

    def on_save_search(self, message) -> None:
        message.stop()
        self.action_save_search()

    def action_save_search(self) -> None:
        query = self.query_one("#search", Input).value.strip()
        if not query:
            self.notify("Nothing to save: type a search first (/).", timeout=3)
            return

        def done(values) -> None:
            if values is None:
                return
            name = " ".join(values[0].split())
            if not name:
                self.notify("Not saved: a saved search needs a name.", severity="warning", timeout=3)
                return
            try:
                self.workbench.save(name, query)
            except (OSError, ValueError) as exc:
                self.notify(f"not saved: {exc}", severity="error", markup=False)
                return
            self.notify(f"Saved search “{name}” (Ctrl+P, or fuente search --saved NAME)", timeout=4, markup=False)
        self.app.push_screen(PromptScreen(f"Save the search “{query}” as", [("Name", "")]), done)

    def run_saved(self, query: str) -> None:
        box = self.query_one("#search", Input)
        box.value = query
        self.remember_query(query)
        self.action_middle("results")
