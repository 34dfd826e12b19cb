"""The Textual app: opens a store and shows the explorer (or why it cannot)."""
from __future__ import annotations

from pathlib import Path

from textual.app import App

from store.errors import FuenteError

from .commands import CountryCommands, DocumentCommands, EventCommands, SearchCommands


class FuenteApp(App[None]):
    """Fuente: countries, events, claims and search over a news corpus."""

    TITLE = "Fuente"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CountryCommands, EventCommands, DocumentCommands, SearchCommands}

    def __init__(self, store_path: str | Path | None = None) -> None:
        super().__init__()
        self.store_path = store_path
        self.store = None

    def get_default_screen(self):
        """The explorer on the store, or the reason it cannot be opened."""
        from store import open_store

        from .screens.error import ErrorScreen
        from .screens.main import MainScreen

        try:
            self.store = open_store(self.store_path)
            self.store.check(quick=True)
        except FuenteError as exc:
            return ErrorScreen(str(exc))
        return MainScreen(self.store)


def make_app(store_path: str | Path | None = None) -> FuenteApp:
    """The one factory for the CLI and the tests."""
    return FuenteApp(store_path)
