"""Shown instead of the explorer when the store cannot be opened: the reason and what to do."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..safe import same_length


class ErrorScreen(Screen[None]):
    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(Text.assemble(("Fuente cannot open this store\n\n", "bold red"), (same_length(self.message), ""),
                                       ("\n\nBuild one with: fuente index FOLDER --out STORE", "dim")), id="error-box")
        yield Footer()
