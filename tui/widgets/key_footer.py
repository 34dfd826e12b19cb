"""The footer of key bindings, rebuilt only when the keys it shows change."""
from __future__ import annotations

from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's Footer rebuilds all its keys on each change of the bindings; opening the app, a
    focus moved or a tab switched signal several changes within a few frames, often of nothing
    the footer shows. Here the signals of one moment make one look, and a rebuild only when the
    keys shown differ (each rebuild restyles every key: it costs the first paint dearly)."""

    _pending = False
    _shown: tuple = ()

    def bindings_changed(self, screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self._rebuild_keys)

    def _keys(self) -> tuple:
        return tuple((b.key, b.action, b.description, enabled) for _, b, enabled, _ in
                     self.screen.active_bindings.values() if b.show)

    async def _rebuild_keys(self) -> None:
        self._pending = False
        keys = self._keys()
        if keys != self._shown:
            self._shown = keys
            await self.recompose()
