"""The help screen: every key, per pane, and the filters now in force (? or F1)."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("Everywhere", [
        ("Tab / Shift+Tab", "next / previous pane (the focused pane has the bright border)"),
        ("/", "search (results update as you type)"),
        ("1 2 3 4 5", "middle pane: events · claims · mentions · search results · bookmarks"),
        ("d", "left pane: countries ⇄ documents"),
        ("P", "narrow every pane to a period: 2025-12..2026-01, 2025-12, ..2025-06, 2025-12.. (empty: every date; "
              "Ctrl+P “Period: …” too). Events by their own date, all else by its article's"),
        ("T", "stances toward the chosen country ⇄ toward the focus (Ctrl+P “Stances toward…”: any country)"),
        ("Backspace, Alt+←", "back to the previous place (from the first: to the list it came from)"),
        ("Alt+→", "forward again"),
        ("Ctrl+P", "command palette: go to a country, event, document or bookmark, search, saved searches, "
                   "export, theme"),
        ("? / F1", "this help"),
        ("q", "quit (in a text field q is a letter)"),
        ("r", "reload, when the store was rebuilt while the app is open (the notice says so)"),
    ]),
    ("Every list", [
        ("↑ ↓ / j k", "move (stops at the first and last row)"),
        ("g / G, Home / End", "first / last row (the last page of a long list comes in)"),
        ("PgUp / PgDn", "a page up / down"),
        ("… N more", "rows not listed yet: they come in as you scroll to them (or Enter)"),
        ("Enter", "choose: a country lists its events, claims and mentions; anything else opens its source"),
        ("c", "copy the citation of a claim, event, mention or hit"),
        ("b", "bookmark the row (claim, event, mention, hit) or, in the article, the passage"),
        ("a", "bookmark with a note and tags (a small form: Enter saves, Esc cancels)"),
        ("e", "export the list (every row) as Markdown, CSV or JSON with full citations"),
        ("o", "open the source: its URL in the browser, else the file in $PAGER at the passage"),
        ("S", "save the query in the search box under a name (Ctrl+P “Saved search: …” runs it)"),
    ]),
    ("Bookmarks (5)", [
        ("✓ ↪ ✗", "exact · moved (found again elsewhere in the text) · orphaned (shown apart, never re-attached)"),
        ("Enter · a · x", "read the passage · edit the note and tags · remove the bookmark"),
    ]),
    ("Countries", [
        ("letters", "filter by name: any letter that is not a key here opens the filter"),
        ("f", "open the filter (then every key types: q, s, j too)"),
        ("Esc", "clear the filter; with none, back to all countries"),
        ("s", "sort by mentions ⇄ name"),
        ("L", "names in Spanish ⇄ English"),
    ]),
    ("Documents", [("s", "sort by file → date → title")]),
    ("Events", [("t", "only one kind of event (cycles through the kinds, then all)"),
                ("← → · Esc", "the chart above: choose a week, month or year (the list narrows to it) · every date")]),
    ("Claims", [("s", "in corpus order ⇄ by the article's date (oldest first, undated last)"),
                ("← → · Esc", "stance over time above (▲ supports, ◆ neutral, ▼ opposes): choose a week, month or year · all")]),
    ("Article", [
        ("n / N", "next / previous match (the header counts them: match 3/11)"),
        ("] / [", "next / previous report of the same event"),
        ("↑ ↓ / j k, PgUp PgDn, g G", "scroll"),
        ("Esc", "back to the list the passage was opened from"),
        ("b · a · o", "bookmark the passage · with a note · open the source"),
    ]),
    ("Search results", [("s", "best first ⇄ by the article's date (the best 2,000 hits, oldest first, undated last)")]),
    ("Search bar", [
        ("Enter", "go to the results"),
        ("↑ / ↓", "older / newer queries (the last 100, per store)"),
        ("Esc", "back to where you were"),
        ("syntax", 'all words · "exact phrase" · "a b"~N near · a OR b · a AND b · NOT word, -word · pref* · '
                    'word~1 (one edit) · country:RU lang:es doc:ID date:2025-12..2026-01'),
    ]),
]


class HelpScreen(ModalScreen[None]):
    """Scrolls with the same keys as everything else when it is taller than the terminal."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close"),
        Binding("down,j", "scroll(1)", "Down", show=False),
        Binding("up,k", "scroll(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("g,home", "home", "Top", show=False),
        Binding("G,end", "end", "Bottom", show=False),
    ]

    def __init__(self, state: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.state = state or []

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        if self.state:
            table.add_row(Text("Now", style="bold underline"), "")
            for pane, what in self.state:
                table.add_row(pane, Text(what))
            table.add_row("", "")
        for section, rows in KEYS:
            table.add_row(Text(section, style="bold underline"), "")
            for key, what in rows:
                table.add_row(key, what)
            table.add_row("", "")
        self.table = table
        with VerticalScroll(id="help-box"):
            yield Static(Text("Fuente · keys", style="bold"), id="help-title")
            yield Static(table)
            yield Static(Text("↑ ↓ PgUp PgDn scroll · Esc to close", style="dim"))

    def _box(self) -> VerticalScroll:
        return self.query_one("#help-box", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        box = self._box()
        box.scroll_to(y=box.scroll_y + lines, animate=False)

    def action_page(self, pages: int) -> None:
        box = self._box()
        box.scroll_to(y=box.scroll_y + pages * max(1, box.scrollable_content_region.height - 1), animate=False)

    def action_home(self) -> None:
        self._box().scroll_home(animate=False)

    def action_end(self) -> None:
        self._box().scroll_end(animate=False)
