"""The countries pane: a filter box over the country list (mounted the first time it is needed)."""
from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from .country_list import CountryList
from .paged_list import PagedList


class CountryBrowser(Vertical):
    """Shows the filter box when the list asks for it; typing there filters the list live.

    While the box is open it takes every printable key (q, s, digits too); Enter or ↓ go
    to the list with the filter kept, Esc clears it.
    """

    def compose(self) -> ComposeResult:
        yield Static(id="country-columns")
        yield CountryList(id="country-list")

    @on(PagedList.Changed, "#country-list")
    def columns(self) -> None:
        # The column names follow the widths the list chose for its pane.
        self.query_one("#country-columns", Static).update(self.query_one(CountryList).header())

    def _box(self) -> Input | None:
        found = self.query("#country-filter")
        return found.first(Input) if found else None

    @on(CountryList.FilterStarted)
    def start(self, message: CountryList.FilterStarted) -> None:
        message.stop()
        box = self._box()
        if box is None:
            # The first filter of the session: the box joins the pane (not composed up front,
            # so the first screen has one widget less to style).
            box = Input(placeholder="filter: type a name · Enter/↓ list · Esc clears", id="country-filter",
                        compact=True, select_on_focus=False)
            self.mount(box, before=0)
        box.display = True
        if box.value != message.text:
            box.value = message.text
        box.cursor_position = len(box.value)
        box.focus()

    @on(Input.Changed, "#country-filter")
    def changed(self, event: Input.Changed) -> None:
        event.stop()
        countries = self.query_one(CountryList)
        if self.screen.focused is event.input:
            countries.typing = False
        countries.filter_text = event.value

    @on(Input.Submitted, "#country-filter")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.query_one(CountryList).focus()

    def on_descendant_focus(self, event) -> None:
        if event.widget is self._box():
            self.query_one(CountryList).typing = False

    def on_key(self, event) -> None:
        box = self._box()
        if box is None or self.screen.focused is not box:
            return
        if event.key == "escape":
            event.stop()
            box.value = ""
            box.display = False
            self.query_one(CountryList).focus()
        elif event.key == "down":
            event.stop()
            self.query_one(CountryList).focus()
