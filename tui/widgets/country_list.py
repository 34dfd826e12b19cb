"""Countries and blocs with counts and stances, in columns that fit the pane; letters filter."""
from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive

from ..messages import CountryChosen
from ..paging import Pages
from ..render import line, plural
from .paged_list import PagedList, Section

NAME_MAX, NAME_MIN = 18, 6


class CountryList(PagedList):
    """Enter on a country posts CountryChosen; a letter that is not a key opens the filter (FilterStarted).

    The keys of this list (j k g G s L f, and the screen's q d) act; every other letter starts
    the filter, and from then on, until the filter box has the focus, every key typed is text.
    """

    class FilterStarted(Message):
        """The reader typed a letter: open the filter box with the text so far."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    BINDINGS = [
        Binding("s", "sort", "Sort", tooltip="Sort by mentions or by name"),
        Binding("L", "language", "ES/EN", show=False, tooltip="Show names in Spanish or English"),
        Binding("f", "filter", "Filter", tooltip="Filter countries by name (or type a letter that is no key)"),
        Binding("escape", "clear_filter", "Clear", show=False),
    ]

    sort_by: reactive[str] = reactive("mentions", init=False)
    language: reactive[str] = reactive("es", init=False)
    filter_text: reactive[str] = reactive("", init=False)

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.countries: list[dict] = []
        self.shown: list[dict] = []
        self.typing = False  # a filter was started and its box has not taken the keys yet
        self.width_hint = 0  # the width the screen expects the rows to have, before the first layout
        self._width = 0
        self._columns: dict = {}
        self.none_text = "No countries in this store."  # what an empty list says with no filter on

    def load(self, countries: list[dict], language: str = "es", width_hint: int = 0, none_text: str | None = None) -> None:
        self.countries = countries
        if none_text is not None:
            self.none_text = none_text
        self.width_hint = width_hint
        self.set_reactive(CountryList.language, language)
        self.refresh_list()

    def name_of(self, c: dict) -> str:
        return c["name_es"] if self.language == "es" else c["name_en"]

    def country(self, code: str) -> dict | None:
        return next((c for c in self.countries if c["code"] == code), None)

    @property
    def state_label(self) -> str:
        """Sort, names and filter, as the pane's title shows them."""
        names = "Spanish" if self.language == "es" else "English"
        label = f"by {self.sort_by} · {names} names"
        if self.filter_text:
            label += f" · filter “{self.filter_text}”: {plural(len(self.shown), 'country')}"
        return label

    def refresh_list(self) -> None:
        key = self.filter_text.casefold()
        rows = [c for c in self.countries if not key or key in self.name_of(c).casefold()
                or key in c["name_en"].casefold() or key == c["code"].casefold()]
        if self.sort_by == "name":
            rows.sort(key=lambda c: self.name_of(c).casefold())
        else:
            rows.sort(key=lambda c: (-c["mentions"], c["code"]))
        self.shown = rows
        self._fit()
        pages = Pages(lambda offset, limit: rows[offset:offset + limit], len(rows), page=max(len(rows), 1))
        # Before the first layout the pane's width is unknown: the screen's estimate is used, and
        # the rows are fitted again if the pane turns out otherwise (on_resize).
        self.show_sections([Section(pages, noun="country")],
                           empty=f"No country matches “{self.filter_text}” · Esc clears the filter"
                           if self.filter_text and self.countries else self.none_text,
                           defer=not self._content_width())

    # ---------------------------------------------------------------- columns that fit
    def _fit(self) -> None:
        """Column widths for the pane's width: the docs count goes first, then the name shrinks,
        then the stance counts go (the ⚑ of a contested country always stays)."""
        width = (self._content_width() or 38) - 2  # the options' padding
        self._width = self._content_width()
        rows = self.shown or self.countries
        wm = max((len(f"{c['mentions']}") for c in rows), default=1)
        wd = max((len(f"/{c['documents']}") for c in rows), default=2)
        ws = max((len(self._stances(c)) for c in rows), default=0)
        name = min(NAME_MAX, max((len(self.name_of(c)) for c in rows), default=NAME_MIN))
        cols = {"code": 5, "name": name, "mentions": wm, "docs": wd, "stances": ws}

        def total() -> int:
            return (cols["code"] + cols["name"] + 1 + cols["mentions"] + cols["docs"]
                    + (1 + cols["stances"] if cols["stances"] else 0) + 2)
        if total() > width:
            cols["docs"] = 0
        if total() > width:
            cols["name"] = max(NAME_MIN, cols["name"] - (total() - width))
        if total() > width:
            cols["stances"] = 0
        if total() > width:
            cols["name"] = max(2, cols["name"] - (total() - width))
        self._columns = cols

    def _content_width(self) -> int:
        return self.scrollable_content_region.width or self.width_hint

    @staticmethod
    def _stances(c: dict) -> str:
        s = c.get("stances") or {}
        if not any(s.values()):
            return ""
        return f"{s.get('supports', 0)}▲{s.get('opposes', 0)}▼{s.get('neutral', 0)}◆"

    def header(self) -> Text:
        """The column names, over the rows (the pane shows it above the list)."""
        cols = self._columns
        t = line(("code ".ljust(cols["code"]) + "name".ljust(cols["name"] + 1), "dim"),
                 ("n".rjust(cols["mentions"]), "dim"), ("/docs"[:cols["docs"]].ljust(cols["docs"]), "dim"))
        if cols["stances"]:
            t.append(" ▲▼◆".ljust(1 + cols["stances"]), style="dim")
        t.append(" ⚑", style="dim")
        return t

    def render_record(self, c: dict) -> Text:
        cols = self._columns
        name = self.name_of(c)
        if len(name) > cols["name"]:
            name = name[:max(1, cols["name"] - 1)] + "…"
        t = line((f"{c['code']:<{cols['code']}}", "bold"),
                 (name.ljust(cols["name"] + 1), "italic" if c.get("bloc") else ""),
                 (f"{c['mentions']:>{cols['mentions']}}", "cyan"))
        if cols["docs"]:
            t.append(f"/{c['documents']}".ljust(cols["docs"]), style="dim")
        if cols["stances"]:
            s = c.get("stances") or {}
            t.append(" ")
            if any(s.values()):
                t.append(f"{s.get('supports', 0)}▲", style="green")
                t.append(f"{s.get('opposes', 0)}▼", style="red")
                t.append(f"{s.get('neutral', 0)}◆", style="yellow")
            t.append(" " * (cols["stances"] - len(self._stances(c))))
        if c.get("contested"):
            t.append(" ⚑", style="bold magenta")
        return t

    def on_resize(self) -> None:
        self.width_hint = 0
        if self._deferred and self.scrollable_content_region.width:
            self.refresh_list()
        elif self.scrollable_content_region.width != self._width and self.countries:
            at = self.current
            self.refresh_list()
            if at in self.shown:
                self.select_record(self.shown.index(at))

    # ---------------------------------------------------------------- keys
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
            for box in (self.parent.query("#country-filter") if self.parent else []):
                box.value = ""
                box.display = False
        else:
            self.post_message(CountryChosen(None))

    def action_filter(self) -> None:
        self.typing = True
        self.post_message(self.FilterStarted(self.filter_text))

    def on_key(self, event) -> None:
        ch = event.character
        printable = bool(ch) and len(ch) == 1 and ch.isprintable()
        # Once a filter is started every key typed is text, until its box has the focus
        # (keys typed that fast must not sort, switch panes or quit).
        starts = printable and ch.isalpha() and not self._is_bound(event.key)
        if event.key == "f" and not self.typing:
            # `f` opens the filter here, at once, not through its binding: a binding runs a moment
            # later, and the keys typed in that moment ("fqat") would sort, or quit, instead of typing
            event.stop()
            event.prevent_default()
            self.action_filter()
            return
        if printable and (self.typing or starts):
            event.stop()
            event.prevent_default()
            self.filter_text += ch
            self.typing = True
            self.post_message(self.FilterStarted(self.filter_text))

    def _is_bound(self, key: str) -> bool:
        node = self
        while node is not None:
            bindings = getattr(node, "_bindings", None)
            if bindings is not None and key in bindings.key_to_bindings:
                return True
            node = node.parent
        return False

    def chosen(self, record: dict) -> None:
        self.post_message(CountryChosen(record["code"]))
