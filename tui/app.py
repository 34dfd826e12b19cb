"""The Textual app: opens a store and shows the explorer (or why it cannot)."""
from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.widgets import Input

from store.errors import FuenteError

from .commands import (CountryCommands, DocumentCommands, EventCommands, PeriodCommands, SearchCommands,
                       TargetCommands, WorkbenchCommands)

STORE_POLL = 2.0  # seconds between looks at the store's CURRENT file (a few bytes)
RELOAD_OFFER = "the store was rebuilt: r to reload"


class FuenteApp(App[None]):
    """Fuente: countries, events, claims and search over a news corpus."""

    TITLE = "Fuente"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {CountryCommands, TargetCommands, EventCommands, DocumentCommands, SearchCommands,
                               WorkbenchCommands, PeriodCommands}

    def __init__(self, store_path: str | Path | None = None) -> None:
        super().__init__()
        self.store_path = store_path
        self.store = None
        self.reload_offered = False
        self._seen: str | None = None

    def get_default_screen(self):
        """The explorer on the store, or the reason it cannot be opened."""
        from store import open_store

        from .screens.error import ErrorScreen
        from .screens.main import MainScreen

        self._seen = self._live()
        try:
            # Opening reads only the small summary table; the search index (whose opening costs
            # as much as the whole first screen) is checked just after the first paint.
            self.store = open_store(self.store_path)
        except FuenteError as exc:
            return ErrorScreen(str(exc))
        return MainScreen(self.store)

    # ---------------------------------------------------------------- a rebuild under the reader
    # The store keeps its generation while it is open (a rebuild never removes it), so the
    # reader goes on reading what it opened; once a newer one is live it is offered, not forced.
    def on_mount(self) -> None:
        self.set_interval(STORE_POLL, self.look_at_store)

    def _live(self) -> str | None:
        from store import BUNDLED

        try:
            return (Path(self.store_path or BUNDLED) / "CURRENT").read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            return None

    def look_at_store(self) -> None:
        """Offer a reload once the store names another generation than the one on screen."""
        if self.reload_offered:
            return
        changed = self.store.rebuilt() if self.store is not None else self._live() not in (None, self._seen)
        if changed:
            self.reload_offered = True
            if "r" not in self._bindings.key_to_bindings:
                # A priority binding, added only now: until then "r" is a letter like any other.
                self._bindings.bind("r", "reload", "Reload", priority=True)
                self.refresh_bindings()
            self.notify(RELOAD_OFFER, title="Fuente", timeout=30)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "reload":  # typing in a box stays typing
            return self.reload_offered and not isinstance(self.focused, Input)
        return True

    def action_reload(self) -> None:
        """Open the store's live generation and show it from the start."""
        old = self.store
        screen = self.get_default_screen()
        while len(self.screen_stack) > 1:
            self.pop_screen()
        # The first screen cannot be switched away (it has no result callback): the new one goes on it.
        self.push_screen(screen)
        if old is not None:
            old.close()
        self.reload_offered = False
        self.notify("reloaded: the store as rebuilt", timeout=3)


def make_app(store_path: str | Path | None = None) -> FuenteApp:
    """The one factory for the CLI and the tests."""
    return FuenteApp(store_path)
