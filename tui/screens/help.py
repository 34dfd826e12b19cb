"""The help screen: every key, per pane (? or F1)."""
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
        ("Tab / Shift+Tab", "next / previous pane"),
        ("/", "search (results update as you type)"),
        ("1 2 3 4", "middle pane: events · claims · mentions · search results"),
        ("d", "left pane: countries ⇄ documents"),
        ("Backspace, Alt+←", "back to the previous place"),
        ("Alt+→", "forward again"),
        ("Ctrl+P", "command palette: go to a country, event or document, search, theme"),
        ("? / F1", "this help"),
        ("q", "quit"),
    ]),
    ("Lists", [
        ("↑ ↓ / j k", "move"),
        ("g / G", "first / last"),
        ("Enter", "choose: a country lists its events, claims and mentions; anything else jumps to its source"),
        ("c", "copy the citation of a claim, event, mention or hit"),
    ]),
    ("Countries", [
        ("type letters", "filter by name (Esc clears)"),
        ("s", "sort by mentions ⇄ name"),
        ("L", "names in Spanish ⇄ English"),
    ]),
    ("Documents", [("s", "sort by file → date → title")]),
    ("Excerpt", [
        ("n / N", "next / previous match"),
        ("j k, PgUp PgDn, g G", "scroll"),
    ]),
    ("Search bar", [
        ("Enter", "go to the results"),
        ("Esc", "back to where you were"),
        ("syntax", 'all words · "exact phrase" · a OR b · -word · pref* · country:RU lang:es doc:ID'),
    ]),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for section, rows in KEYS:
            table.add_row(Text(section, style="bold underline"), "")
            for key, what in rows:
                table.add_row(key, what)
            table.add_row("", "")
        with VerticalScroll(id="help-box"):
            yield Static(Text("Fuente · keys", style="bold"), id="help-title")
            yield Static(table)
            yield Static(Text("Esc to close", style="dim"))
