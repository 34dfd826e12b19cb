"""Countries and blocs with counts and stance summary; type to filter, `s` to sort."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..messages import CountryChosen


class CountryList(OptionList):
    """Choosing a country (Enter) posts CountryChosen; a letter typed starts the filter (FilterStarted)."""

    class FilterStarted(Message):
        """The reader typed a letter: open the filter box with it."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("s", "sort", "Sort", tooltip="Sort by mentions or by name"),
        Binding("L", "language", "ES/EN", tooltip="Show names in Spanish or English"),
        Binding("f", "filter", "Filter", tooltip="Filter countries by name (or just type a letter)"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    sort_by: reactive[str] = reactive("mentions")
    language: reactive[str] = reactive("es")
    filter_text: reactive[str] = reactive("")

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.countries: list[dict] = []
        self.shown: list[dict] = []

    def load(self, countries: list[dict], language: str = "es") -> None:
        self.countries = countries
        self.set_reactive(CountryList.language, language)
        self.refresh_list()

    def name_of(self, c: dict) -> str:
        return c["name_es"] if self.language == "es" else c["name_en"]

    def refresh_list(self) -> None:
        key = self.filter_text.casefold()
        rows = [c for c in self.countries if not key or key in self.name_of(c).casefold()
                or key in c["name_en"].casefold() or key == c["code"].casefold()]
        if self.sort_by == "name":
            rows.sort(key=lambda c: self.name_of(c).casefold())
        else:
            rows.sort(key=lambda c: (-c["mentions"], c["code"]))
        self.shown = rows
        options = [Option(self._row(c), id=c["code"]) for c in rows]
        if not options:
            options = [Option(Text(f"No country matches “{self.filter_text}”", style="dim italic"), disabled=True)]
        self.set_options(options)
        if rows:
            self.highlighted = 0
        self.border_title = "code name  mentions/docs  ▲supports ▼opposes ◆neutral ⚑contested"
        self.border_subtitle = f"filter: {self.filter_text}" if self.filter_text else f"by {self.sort_by} · type to filter"

    def _row(self, c: dict) -> Text:
        s = c.get("stances") or {}
        t = Text()
        name = self.name_of(c)
        name = name if len(name) <= 16 else name[:15] + "…"
        t.append(f"{c['code']:<5}", style="bold")
        t.append(name.ljust(17), style="italic" if c.get("bloc") else "")
        t.append(f"{c['mentions']:>3}", style="cyan")
        t.append(f"/{c['documents']} ", style="dim")
        if any(s.values()):
            t.append(f"{s.get('supports', 0)}▲", style="green")
            t.append(f"{s.get('opposes', 0)}▼", style="red")
            t.append(f"{s.get('neutral', 0)}◆", style="yellow")
        if c.get("contested"):
            t.append(" ⚑", style="bold magenta")
        return t

    def watch_sort_by(self) -> None:
        self.refresh_list()

    def watch_language(self) -> None:
        self.refresh_list()

    def watch_filter_text(self) -> None:
        self.refresh_list()

    def action_sort(self) -> None:
        self.sort_by = "name" if self.sort_by == "mentions" else "mentions"

    def action_language(self) -> None:
        self.language = "en" if self.language == "es" else "es"

    def action_clear_filter(self) -> None:
        if self.filter_text:
            self.filter_text = ""
            filter_box = self.parent.query("#country-filter") if self.parent else []
            for box in filter_box:
                box.value = ""
                box.display = False
        else:
            self.post_message(CountryChosen(None))

    def action_filter(self) -> None:
        self.post_message(self.FilterStarted(self.filter_text))

    def on_key(self, event) -> None:
        # A letter that is no key of its own starts the filter with that letter.
        ch = event.character
        if ch and len(ch) == 1 and ch.isalpha() and not self._is_bound(event.key):
            event.stop()
            event.prevent_default()
            # Kept here at once, so letters typed before the box has focus are not lost.
            self.filter_text += ch
            self.post_message(self.FilterStarted(self.filter_text))

    def _is_bound(self, key: str) -> bool:
        node = self
        while node is not None:
            if any(key in b.key.split(",") for b in getattr(node, "BINDINGS", []) if hasattr(b, "key")):
                return True
            node = node.parent
        return key in {"q"}

    @property
    def current(self) -> dict | None:
        if self.highlighted is None or self.highlighted >= len(self.shown):
            return None
        return self.shown[self.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.current:
            self.post_message(CountryChosen(self.current["code"]))
