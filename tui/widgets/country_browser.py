"""The countries pane: a filter box over the country list."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input

from .country_list import CountryList


class CountryBrowser(Vertical):
    """Shows the filter box when the list asks for it; typing there filters the list live."""

    def compose(self) -> ComposeResult:
        yield Input(placeholder="filter countries: type a name · Enter/↓ to the list · Esc clears",
                    id="country-filter", compact=True, select_on_focus=False)
        yield CountryList(id="country-list")

    def on_mount(self) -> None:
        self.query_one("#country-filter").display = False

    @on(CountryList.FilterStarted)
    def start(self, message: CountryList.FilterStarted) -> None:
        message.stop()
        box = self.query_one("#country-filter", Input)
        box.display = True
        box.value = message.text
        box.cursor_position = len(box.value)
        box.focus()

    @on(Input.Changed, "#country-filter")
    def changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one(CountryList).filter_text = event.value

    @on(Input.Submitted, "#country-filter")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(CountryList).focus()

    def on_key(self, event) -> None:
        box = self.query_one("#country-filter", Input)
        if self.screen.focused is not box:
            return
        if event.key == "escape":
            event.stop()
            box.value = ""
            box.display = False
            self.query_one(CountryList).focus()
        elif event.key == "down":
            event.stop()
            self.query_one(CountryList).focus()
