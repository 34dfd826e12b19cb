"""The explorer: composes the panes and routes their messages; holds the navigation history."""
from __future__ import annotations

import functools
import time
from collections import Counter

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Header, Input, OptionList, Static, Tab, TabbedContent, TabPane, Tabs

from store.errors import FuenteError

from . import describe
from .workbench import WorkbenchMixin
from ..citation import citation_fields, citation_text
from ..messages import CopyCitation, CountryChosen, JumpToSource, Location, StepBar, StepReport, TargetChosen
from ..paging import Pages
from ..render import plural
from ..safe import same_length
from ..search_listing import SearchListing
from ..target import target_code, target_name
from store.period import period_label, period_text
from ..widgets.bookmark_list import BookmarkList
from ..widgets.claim_list import ClaimList
from ..widgets.country_browser import CountryBrowser
from ..widgets.country_list import CountryList
from ..widgets.document_list import DocumentList
from ..widgets.event_list import EventList
from ..widgets.excerpt import ExcerptView
from ..widgets.key_footer import KeyFooter
from ..widgets.mention_list import MentionList
from ..widgets.paged_list import PagedList
from ..widgets.period_chart import PeriodChart
from ..widgets.search_results import SearchResults

PAGE = 100  # rows a list fetches at a time
FIRST_HITS = 100  # hits a search shows at once; more come in as the reader scrolls
BY_DATE_HITS = 2000  # the best hits a search sorted by date orders (the title says when there are more)


def guarded(handler):
    """A store found broken while browsing shows the error screen, never a traceback."""
    @functools.wraps(handler)
    def run(self, *args, **kwargs):
        try:
            return handler(self, *args, **kwargs)
        except FuenteError as exc:
            self.show_error(str(exc))
    return run


class SearchDone(Message):
    """A search finished in its worker."""

    def __init__(self, query: str, hits: list[dict], total: int, texts: dict, ms: float,
                 error: str | None = None) -> None:
        super().__init__()
        self.query, self.hits, self.total, self.texts, self.ms, self.error = query, hits, total, texts, ms, error


def short_count(n: int) -> str:
    """A count as a tab shows it: exact below 10,000, else in thousands ("13k"), so the four tabs fit;
    the pane's title gives the exact figure."""
    return f"{n:,}" if n < 10_000 else f"{n // 1000:,}k"


MIDDLE_TABS = {"events": ("1", "Events"), "claims": ("2", "Claims"), "mentions": ("3", "Mentions"),
               "results": ("4", "Search"), "bookmarks": ("5", "Bookmarks")}  # tab id -> (its key, its name)


def tab_labels(counts: dict[str, str], active: str, width: int) -> dict[str, str]:
    """The middle pane's tab labels, as much of each as lets all five show in `width` cells: every
    label whole ("1 Events 15"), else the active one whole and the others without their counts
    ("3 Mentions"), else the others as key and count ("3·206"), else all of them so."""
    def whole(t: str) -> str:
        return " ".join(filter(None, (*MIDDLE_TABS[t], counts.get(t))))

    def key_count(t: str) -> str:
        return "·".join(filter(None, (MIDDLE_TABS[t][0], counts.get(t))))

    levels = (whole, lambda t: whole(t) if t == active else " ".join(MIDDLE_TABS[t]),
              lambda t: whole(t) if t == active else key_count(t), key_count)
    for level in levels:
        labels = {t: level(t) for t in MIDDLE_TABS}
        if sum(len(label) + 2 for label in labels.values()) <= width:  # a tab pads its label by one each side
            break
    return labels


def layout_for(width: int) -> str:
    return "layout-3" if width >= 120 else "layout-2" if width >= 90 else "layout-1"


def placeholder_for(width: int) -> str:
    """The search box's hint, as much of it as the box shows."""
    for text in ('/ search: words, "phrase", a OR b, -word, pref*, country:RU',
                 '/ search: words "phrase" a OR b -word pref*', "/ search: words, \"phrase\", -word", "/ search"):
        if len(text) <= width:
            return text
    return "/"


class MainScreen(WorkbenchMixin, Screen[None]):
    BINDINGS = [
        Binding("tab", "next_pane(1)", "Next pane", show=False),
        Binding("shift+tab", "next_pane(-1)", "Previous pane", show=False),
        Binding("slash", "search", "Search", tooltip="Focus the search bar"),
        Binding("1", "middle('events')", "Events", show=False),
        Binding("2", "middle('claims')", "Claims", show=False),
        Binding("3", "middle('mentions')", "Mentions", show=False),
        Binding("4", "middle('results')", "Results", show=False),
        Binding("5", "middle('bookmarks')", "Bookmarks", show=False, tooltip="Bookmarks and notes"),
        # The footer shows a few keys (each one shown costs the first paint); help lists them all.
        Binding("d", "toggle_left", "Docs/Countries", show=False, tooltip="Switch the left pane"),
        Binding("P", "period", "Period", show=False,
                tooltip="Narrow every pane to a date range (Esc in it: all dates)"),
        Binding("T", "toggle_target", "Toward", show=False,
                tooltip="Stances toward the chosen country, or back toward the focus"),
        Binding("backspace,alt+left", "back", "Back", show=False, tooltip="Back to the previous place"),
        Binding("alt+right", "forward", "Forward", show=False),
        # ] and [ step through the reports of the event the article shows, from any pane
        Binding("right_square_bracket", "report(1)", "Next report", show=False),
        Binding("left_square_bracket", "report(-1)", "Prev report", show=False),
        Binding("question_mark,f1", "help", "Help", tooltip="Every key, per pane"),
        Binding("q", "app.quit", "Quit"),
    ]

    country: reactive[str | None] = reactive(None, init=False)
    target: str | None = None  # whom stances are read toward, when not the store's focus
    since: str | None = None  # the period every pane is narrowed to (store.period), when the reader set one
    until: str | None = None
    AUTO_FOCUS = "#country-list"  # focused as the screen is composed: no second focus (and restyle) later

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.history: list[Location] = []
        self.position = -1
        self._return_focus = None
        self._search: tuple[str, float] | None = None  # the last query shown, and how long it took
        self._tab_counts: dict[str, str | None] = {}  # middle tab -> what its label says after the name
        self._state_pending = False
        self._shown_state: tuple = ()
        self.clock = time.perf_counter  # what query timings are measured with (tests freeze it)
        from ..workbench import Workbench

        self.workbench = Workbench(store.path)  # read after the first paint (load_workbench)
        self.workbench_ready = False
        self.search_history: list[str] = []
        self._history_at: int | None = None
        self._history_draft = ""

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        # The layout class is set before the panes mount: setting it later restyles everything once more.
        self.add_class(layout_for(self.app.size.width), "show-left")
        yield Header()
        if self.has_class("layout-1"):
            yield self._make_pane_tabs()
        with Horizontal(id="panes"):
            with TabbedContent(id="left"):
                with TabPane("Countries", id="countries"):
                    yield CountryBrowser(id="country-browser")
                with TabPane("Documents", id="documents"):
                    yield DocumentList(id="document-list")
            with Container(id="right"):
                with Vertical(id="middle-col"):
                    yield Input(placeholder="/ search", id="search", compact=True)
                    with TabbedContent(id="middle"):
                        with TabPane("1 Events", id="events"):
                            yield PeriodChart("events", "event", id="event-chart")
                            yield EventList(id="event-list")
                        with TabPane("2 Claims", id="claims"):
                            yield PeriodChart("stances", "claim", id="claim-chart")
                            yield ClaimList(id="claim-list")
                        with TabPane("3 Mentions", id="mentions"):
                            yield MentionList(id="mention-list")
                        with TabPane("4 Search", id="results"):
                            yield SearchResults(id="search-results")
                        with TabPane("5 Bookmarks", id="bookmarks"):
                            yield BookmarkList(id="bookmark-list")
                yield ExcerptView(id="excerpt")
        yield Static(id="status")
        yield KeyFooter()

    def on_resize(self, event) -> None:
        layout = layout_for(event.size.width)
        if not self.has_class(layout):
            # Each class change restyles the whole screen: change only what differs.
            self.remove_class(*({"layout-1", "layout-2", "layout-3"} - {layout}))
            self.add_class(layout)
        self._show_pane(self._pane_of(self.focused) or "left")
        self.call_after_refresh(self._fit_placeholder)
        self.call_after_refresh(self._fit_tabs)
        self.call_after_refresh(self._fit_charts)

    def _fit_charts(self) -> None:
        """The charts' rows from the middle pane's: a short pane keeps most of its rows for the list."""
        rows = self.query_one("#middle", TabbedContent).size.height or self.app.size.height - 6
        events, stances = (2, 2) if rows < 16 else (4, 4) if rows < 30 else (5, 6)
        self.query_one("#event-chart", PeriodChart).fit(events)
        self.query_one("#claim-chart", PeriodChart).fit(stances)

    def set_tab_count(self, tab: str, count: str | None) -> None:
        """What the middle pane's tab `tab` says after its name ("15", "13k", "3 ✗"), or nothing."""
        self._tab_counts[tab] = count
        self._fit_tabs()

    def tab_title(self, tab: str) -> str:
        """A middle tab's whole label, whatever its tab shows at this width."""
        return tab_labels(self._tab_counts, tab, 10**6)[tab]

    def _fit_tabs(self) -> None:
        middle = self.query_one("#middle", TabbedContent)
        bar = middle.query_one(Tabs)
        width = bar.size.width or self._expected("middle")
        for tab, label in tab_labels(self._tab_counts, middle.active, width).items():
            widget = middle.get_tab(tab)
            if str(widget.label) != label:
                widget.label = label

    @staticmethod
    def _make_pane_tabs() -> Tabs:
        return Tabs(Tab("Browse", id="pane-left"), Tab("List", id="pane-middle"), Tab("Read", id="pane-excerpt"),
                    id="pane-tabs")

    def _pane_tabs(self) -> Tabs:
        """The tab bar of the one-pane layout, mounted the first time the terminal is that narrow."""
        found = self.query("#pane-tabs")
        if found:
            return found.first(Tabs)
        tabs = self._make_pane_tabs()
        self.mount(tabs, before=self.query_one("#panes"))
        return tabs

    def _fit_placeholder(self) -> None:
        box = self.query_one("#search", Input)
        if box.content_region.width:  # a hidden box (one pane at a time) is fitted when shown
            text = placeholder_for(box.content_region.width)
            if box.placeholder != text:
                box.placeholder = text

    def _expected(self, what: str) -> int:
        """The width a pane's content will have, from the terminal's, before the first layout (the
        widths in app.tcss: the left pane 38 wide, the middle and the article sharing 1 : 1.4)."""
        width = self.app.size.width
        if self.has_class("layout-1"):
            pane = width
        elif what == "left":
            return 38 - 2
        else:
            pane = width - 38 if self.has_class("layout-2") else int((width - 38) / 2.4)
        return pane - 2 - (2 if what == "search" else 0)  # the border; the search box's margin

    PANES = ("left", "middle", "excerpt")

    def _pane_of(self, widget) -> str | None:
        while widget is not None:
            if widget.id in ("left", "middle-col", "excerpt"):
                return {"middle-col": "middle"}.get(widget.id, widget.id)
            widget = widget.parent
        return None

    def _show_pane(self, pane: str) -> None:
        if not self.has_class("layout-1"):
            return  # every pane is on screen already
        if not self.has_class(f"show-{pane}"):
            self.remove_class(*(f"show-{name}" for name in self.PANES if name != pane))
            self.add_class(f"show-{pane}")
        tabs = self._pane_tabs()
        if not tabs.is_mounted:
            self.call_after_refresh(self._show_pane, pane)
        elif tabs.active != f"pane-{pane}":
            tabs.active = f"pane-{pane}"
        if pane == "middle":
            self.call_after_refresh(self._fit_placeholder)

    def _pane_widget(self, pane: str):
        if pane == "left":
            left = self.query_one("#left", TabbedContent)
            return self.query_one(DocumentList) if left.active == "documents" else self.query_one(CountryList)
        if pane == "middle":
            return self.query_one({"events": EventList, "claims": ClaimList, "mentions": MentionList,
                                   "results": SearchResults, "bookmarks": BookmarkList}[self.query_one("#middle", TabbedContent).active])
        return self.query_one(ExcerptView)

    def focus_pane(self, pane: str) -> None:
        self._show_pane(pane)
        self._pane_widget(pane).focus()

    def on_descendant_focus(self, event) -> None:
        pane = self._pane_of(event.widget)
        if pane:
            self._show_pane(pane)
        self.refresh_state()

    @on(Tabs.TabActivated, "#pane-tabs")
    def pane_tab(self, event: Tabs.TabActivated) -> None:
        pane = event.tab.id.removeprefix("pane-")
        if self._pane_of(self.focused) != pane:
            self.focus_pane(pane)

    def action_next_pane(self, step: int = 1) -> None:
        current = self._pane_of(self.focused) or "left"
        self.focus_pane(self.PANES[(self.PANES.index(current) + step) % len(self.PANES)])

    def show_error(self, message: str) -> None:
        """The error screen, once: the first error is the one to read."""
        from .error import ErrorScreen

        if not isinstance(self.app.screen, ErrorScreen):
            self.app.push_screen(ErrorScreen(message))

    # ---------------------------------------------------------------- opening
    @guarded
    def on_mount(self) -> None:
        # Only small tables here: the first screen must paint at once on any size of store.
        s = self.store
        self.docs: dict[str, dict] = {}
        langs = s.meta.get("languages") or {}
        self.language = "en" if langs.get("en", 0) > langs.get("es", 0) else "es"
        self.countries = s.countries()
        self.by_code = {c["code"]: c for c in self.countries}
        self.query_one(CountryList).load(self.countries, self.language, width_hint=self._expected("left"))
        self.watch_country(None)
        self._set_subtitle()
        self.query_one("#search", Input).placeholder = placeholder_for(self._expected("search"))
        # Everything the first screen shows is set now, before it is painted, not in a second frame.
        self._apply_state()
        self.call_after_refresh(self._fit_charts)
        # The documents table is the one large read: start it once the first screen is up, since
        # parsing it holds the interpreter for a moment even in a worker thread.
        self.call_after_refresh(self.set_timer, 0.2, self.load_documents)

    def _set_subtitle(self) -> None:
        s = self.store
        meta = s.meta.get("counts", {})
        counts = s.counts(None, toward=self.target, since=self.since, until=self.until)
        toward = target_name(s, language=self.language, toward=self.target)
        documents = len(s.documents(self.since, self.until)) if self.period else meta.get("documents", 0)
        self.app.sub_title = ((f"{period_label(self.since, self.until)} · " if self.period else "") +
                              f"{same_length(s.name)} · {plural(documents, 'document')} · "
                              f"{plural(len(self.countries), 'country')} · {plural(counts['events'], 'event')} · "
                              f"{plural(counts['claims'], 'claim')}"
                              + (f" toward {same_length(toward)}" if toward else ""))

    def _none_in_period(self, nouns: str) -> str | None:
        """What an empty list says under a period: that nothing of it is in the period, and why when no
        article has a publication date at all."""
        if not self.period:
            return None
        label = period_label(self.since, self.until)
        if nouns != "events" and not any(self.store.published.values()):
            return f"No {nouns} in {label}: no article in this store has a publication date (P: every date)"
        return f"No {nouns} in {label} · P: another period"

    def _country_table(self, countries: list[dict]) -> dict[str, dict]:
        """Every country by code, with the figures of the period when one is set (none: zero)."""
        table = {c["code"]: c for c in self.store.countries(toward=self.target)}
        if self.period:
            zero = {"mentions": 0, "documents": 0, "stances": {"supports": 0, "opposes": 0, "neutral": 0},
                    "contested": False}
            table = {code: dict(c, **zero) for code, c in table.items()}
            table.update({c["code"]: c for c in countries})
        return table

    @property
    def period(self) -> dict[str, str | None]:
        """The reader's date range as the store's calls take it (empty: every date)."""
        return {"since": self.since, "until": self.until} if self.since or self.until else {}

    class DocumentsLoaded(Message):
        def __init__(self, documents: list[dict], counts: dict) -> None:
            super().__init__()
            self.documents, self.counts = documents, counts

    @work(thread=True, exclusive=True, group="documents")
    def load_documents(self) -> None:
        """The documents table can be large: read it off the UI thread."""
        try:
            self.post_message(self.DocumentsLoaded(self.store.documents(), self.store.doc_counts()))
        except FuenteError as exc:
            self.app.call_from_thread(self.show_error, str(exc))

    @on(DocumentsLoaded)
    def documents_loaded(self, message: DocumentsLoaded) -> None:
        self.docs = {d["id"]: d for d in message.documents}
        self.all_documents, self.doc_count_table = message.documents, message.counts
        self._load_documents_list()
        # The lists name each row's source now.
        for widget in self.query(PagedList):
            if hasattr(widget, "docs"):
                widget.docs = self.docs
                if widget.USES_DOCS and widget.sections:
                    widget.rerender()
        self.load_workbench()  # bookmarks and history: after the first paint, off the UI thread

    def _load_documents_list(self) -> None:
        documents = getattr(self, "all_documents", None)
        if documents is None:
            return
        if self.period:
            dated = {d["id"] for d in self.store.documents(**self.period)}
            documents = [d for d in documents if d["id"] in dated]
        self.query_one(DocumentList).load(documents, self.doc_count_table, empty=self._none_in_period("documents"))

    # ---------------------------------------------------------------- what is shown where
    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(Text(same_length(text), style="dim", no_wrap=True,
                                                      overflow="ellipsis"))

    @on(PagedList.Failed)
    def list_failed(self, message: PagedList.Failed) -> None:
        self.show_error(str(message.error))

    @on(PagedList.Changed)
    @on(OptionList.OptionHighlighted)
    def list_changed(self, event) -> None:
        self.refresh_state()

    def refresh_state(self) -> None:
        """Pane titles and the status line, from what each pane holds and where the focus is.

        Done once the screen has settled: a focus asked for is only given on the next turn."""
        if not self._state_pending:
            self._state_pending = True
            self.call_after_refresh(self._apply_state)

    def _apply_state(self) -> None:
        self._state_pending = False
        if not hasattr(self, "countries") or not self.is_attached:
            return
        middle = self.query_one("#middle", TabbedContent)
        col = self.query_one("#middle-col")
        left = self.query_one("#left", TabbedContent)
        lists = {"countries": self.query_one(CountryList), "documents": self.query_one(DocumentList)}
        state = (self._country_label(self.country), self._list_state(middle.active), lists[left.active].state_label,
                 self._status_text())
        if state == self._shown_state:
            return  # each change repaints: none when nothing changed
        self._shown_state = state
        # Titles are Text, never markup: a filter or a query typed with "[" shows as typed.
        col.border_title = Text(same_length(state[0]))
        col.border_subtitle = Text(same_length(state[1]))
        left.border_title = Text(same_length(state[2]))
        self._status(state[3])

    def _list_state(self, tab: str) -> str:
        return describe.list_state(self, tab)

    def _status_text(self) -> str:
        return describe.status_text(self)

    def _country_label(self, code: str | None) -> str:
        return describe.country_label(self.by_code, self.language, code)

    # ---------------------------------------------------------------- country
    @guarded
    def watch_country(self, code: str | None) -> None:
        s, period = self.store, self.period
        total = s.counts(code, toward=self.target, **period)
        self.bars = {"events": None, "claims": None}
        for chart in self.query(PeriodChart):
            chart.show(None)
        self._load_events(code)
        self._load_claims(code)
        mentions = self.query_one(MentionList)

        def fetch_mentions(offset: int, limit: int) -> list[dict]:
            rows = s.mentions_page(code, offset, limit, **period)
            for m in rows:
                if m["doc"] not in mentions.texts:
                    mentions.texts[m["doc"]] = s.text(m["doc"])
            return rows
        mentions.texts = {}
        mentions.show(Pages(fetch_mentions, total["mentions"], page=PAGE))
        for tab in ("events", "claims", "mentions"):
            self._tab_counts[tab] = short_count(total[tab])
        self._fit_tabs()
        self.refresh_state()
        self._charted: dict[str, tuple] = {}
        # After the screen is painted: a chart reads every event or claim of its country and period.
        self.call_after_refresh(self.set_timer, 0.2, self.want_chart)

    def _load_events(self, code: str | None) -> None:
        """The events list: of the chosen country, the period and the chosen bar of the chart."""
        s, period, bar = self.store, self.period, self.bars.get("events")
        events_list = self.query_one(EventList)
        if bar is not None:
            rows = bar.rows

            def events(kind: str | None) -> Pages:
                picked = [e for e in rows if kind is None or (e.get("kind") or "other") == kind]
                return Pages(lambda offset, limit: picked[offset:offset + limit], len(picked), page=PAGE)

            kinds = lambda: dict(Counter(e.get("kind") or "other" for e in rows).most_common())  # noqa: E731
        else:
            total = s.counts(code, toward=self.target, **period)["events"]

            def events(kind: str | None) -> Pages:
                n = total if kind is None else events_list.kind_counts.get(kind, 0)
                return Pages(lambda offset, limit: s.events_page(code, offset, limit, kind=kind, **period), n,
                             page=PAGE)

            kinds = lambda: s.event_kinds(code, **period)  # noqa: E731
        in_period = f" in {period_label(self.since, self.until)}" if period else ""
        events_list.load(events, kinds, empty=f"No events mention this country{in_period}." if code else
                         self._none_in_period("events"))

    def _load_claims(self, code: str | None) -> None:
        """The claims list: of the chosen country toward the target, in the period and the chosen bar,
        in corpus order or by the article's date."""
        claims = self.query_one(ClaimList)
        bar = self.bars.get("claims")
        if bar is not None or claims.sort_by == "date":
            rows = bar.rows if bar is not None else self.store.claims(code, toward=self.target, **self.period)
            if claims.sort_by == "date":
                rows = self.store.by_article_date(rows)
            by_stance = {st: [c for c in rows if c["stance"] == st] for st in ("supports", "opposes", "neutral")}
            pages = {st: Pages(lambda offset, limit, got=got: got[offset:offset + limit], len(got), page=PAGE // 2)
                     for st, got in by_stance.items()}
        else:
            stances = self.store.stance_counts(code, toward=self.target, **self.period)
            pages = {st: Pages(functools.partial(self._claims, code, st), n, page=PAGE // 2)
                     for st, n in stances.items()}
        in_period = f" in {period_label(self.since, self.until)}" if self.period else ""
        claims.show_stances(pages, empty=f"No stance claims for this country{in_period}." if code else
                            self._none_in_period("claims"))

    def _claims(self, code: str | None, stance: str, offset: int, limit: int) -> list[dict]:
        return self.store.claims_page(code, offset, limit, toward=self.target, stance=stance, **self.period)

    # ---------------------------------------------------------------- charts and periods
    class ChartReady(Message):
        def __init__(self, tab: str, key: tuple, data) -> None:
            super().__init__()
            self.tab, self.key, self.data = tab, key, data

    def _chart_key(self) -> tuple:
        return self.country, self.target, self.since, self.until

    def want_chart(self) -> None:
        """Draw the chart of the tab on screen, once per country, target and period: it reads every
        event or claim of them, so only for the tab the reader looks at, and off the UI thread."""
        tab = self.query_one("#middle", TabbedContent).active
        if tab in ("events", "claims") and self._charted.get(tab) != self._chart_key():
            self._charted[tab] = self._chart_key()
            self.load_chart(tab, *self._chart_key())

    @work(thread=True, group="charts")
    def load_chart(self, tab: str, code: str | None, toward: str | None, since: str | None,
                   until: str | None) -> None:
        from ..timeline import histogram

        period = {"since": since, "until": until} if since or until else {}
        try:
            width = max(10, self._expected("middle") - 2)
            if tab == "events":
                data = width, self.store.events(code, **period)  # drawn on the UI thread, of the kind shown
            else:
                published = self.store.published
                data = histogram(self.store.claims(code, toward=toward, **period), lambda c: published.get(c["doc"]),
                                 width, series=lambda c: c["stance"])
        except FuenteError as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        self.post_message(self.ChartReady(tab, (code, toward, since, until), data))

    @on(ChartReady)
    def chart_ready(self, message: ChartReady) -> None:
        if message.key != self._chart_key():
            return  # the reader has moved on
        if message.tab == "claims":
            chart = self.query_one("#claim-chart", PeriodChart)
            chart.note = "article dates"
            chart.show(message.data)
            return
        from ..timeline import histogram

        self._chart_events = width, rows = message.data  # the chart of one kind is drawn from these again
        self.query_one("#event-chart", PeriodChart).show(histogram(self._events_of_kind(rows), lambda e: e.get("date"),
                                                                   width))

    def _events_of_kind(self, rows: list[dict]) -> list[dict]:
        kind = self.query_one(EventList).kind
        return rows if kind is None else [e for e in rows if (e.get("kind") or "other") == kind]

    @on(EventList.KindChanged)
    def event_kind_changed(self, message: EventList.KindChanged) -> None:
        """The events chart counts the kind the list shows; a chosen bar stays chosen, of that kind."""
        from ..timeline import histogram

        width, rows = getattr(self, "_chart_events", (0, None))
        if rows is None:
            return
        chart = self.query_one("#event-chart", PeriodChart)
        bar = self.bars.get("events")
        chart.show(histogram(self._events_of_kind(rows), lambda e: e.get("date"), width),
                   keep=bar.key if bar is not None else None)
        self.bars["events"] = chart.chosen
        if bar is not None:
            self._load_events(self.country)
            self._tab_counts["events"] = short_count(self.query_one(EventList).total)
            self._fit_tabs()
        self.refresh_state()

    @on(StepBar)
    def step_bar(self, message: StepBar) -> None:
        chart = self.query_one(f"#{'event' if message.chart == 'events' else 'claim'}-chart", PeriodChart)
        if message.step == 0:
            if not chart.clear():
                self.app.bell()
        else:
            chart.step(message.step)

    @on(PeriodChart.Chosen)
    @guarded
    def bar_chosen(self, message: PeriodChart.Chosen) -> None:
        which = "events" if message.chart.id == "event-chart" else "claims"
        self.bars[which] = message.bucket
        (self._load_events if which == "events" else self._load_claims)(self.country)
        n = (self.query_one(EventList) if which == "events" else self.query_one(ClaimList)).total
        self._tab_counts[which] = short_count(n)
        self._fit_tabs()
        self.refresh_state()

    @on(ClaimList.Resort)
    @guarded
    def claims_resorted(self, message: ClaimList.Resort) -> None:
        self._load_claims(self.country)
        self.refresh_state()

    def action_period(self, typed: str | None = None) -> None:
        """Ask for a date range (empty: every date); every pane follows it. A range that is none is said
        in one line and asked for again, as typed."""
        from store.errors import InputError
        from store.period import parse_period

        from .prompt import PromptScreen

        def done(values: list[str] | None) -> None:
            if values is None:
                return
            try:
                since, until = parse_period(values[0])
            except InputError as exc:
                self.notify(str(exc), severity="error", markup=False)
                self.action_period(values[0])
                return
            self.set_period(since, until)

        self.app.push_screen(PromptScreen(
            "Narrow every pane to a period", [("From..to: 2025-12..2026-01, 2025-12, ..2025-06, 2025-12.. "
                                               "(empty: every date)",
                                               period_text(self.since, self.until) if typed is None else typed)],
            hint="Events by their own date, everything else by its article's · Enter: apply · Esc: cancel"), done)

    def set_period(self, since: str | None, until: str | None) -> None:
        """Narrow every pane (countries, documents, events, claims, mentions, search) to since..until.

        What the period holds is read off the UI thread (at scale, every shard with an article of the
        period), then shown at once."""
        if (since, until) == (self.since, self.until):
            return
        label = period_label(since, until)
        self._status(f"Reading {label or 'every date'}…")
        self._read_period(since, until)

    @work(thread=True, exclusive=True, group="period")
    def _read_period(self, since: str | None, until: str | None) -> None:
        s, period = self.store, ({"since": since, "until": until} if since or until else {})
        try:
            countries = s.countries(toward=self.target, **period)
            s.counts(self.country, toward=self.target, **period)  # the panes' rows, read into the store's cache
            s.documents(since, until)
        except FuenteError as exc:
            self.app.call_from_thread(self.show_error, str(exc))
            return
        self.app.call_from_thread(self._show_period, since, until, countries)

    @guarded
    def _show_period(self, since: str | None, until: str | None, countries: list[dict]) -> None:
        self.since, self.until = since, until
        self.countries = countries
        self.by_code = self._country_table(countries)
        countries = self.query_one(CountryList)
        countries.load(self.countries, countries.language, width_hint=countries.width_hint,
                       none_text=self._none_in_period("countries") or "No countries in this store.")
        self.watch_country(self.country)
        self._load_documents_list()
        self._set_subtitle()
        box = self.query_one("#search", Input)
        if box.value.strip():
            self.run_search(box.value)
        label = period_label(since, until)
        published = self.store.published
        dated = sum(1 for p in published.values() if p)
        note = "" if not label or dated == len(published) else (
            f" · {dated:,} of {plural(len(published), 'article')} have a publication date "
            "(the others are in no period; their events are, by their own dates)")
        self.notify(f"Period: {label}{note}" if label else "Every date again", markup=False, timeout=6 if note else 3)

    # ---------------------------------------------------------------- target
    def action_toggle_target(self) -> None:
        """Stances toward the chosen country; again (or with none chosen), toward the focus."""
        code = self.country if self.country and self.country != (self.target or self.store.focus) else None
        self.post_message(TargetChosen(code))

    @on(TargetChosen)
    @guarded
    def choose_target(self, message: TargetChosen) -> None:
        code = message.code.upper() if message.code else None
        self.target = code if code and code != self.store.focus else None
        self.countries = self.store.countries(toward=self.target, **self.period)
        self.by_code = self._country_table(self.countries)
        countries = self.query_one(CountryList)
        at = countries.current["code"] if countries.current else None
        countries.load(self.countries, countries.language, width_hint=countries.width_hint)
        shown = [c["code"] for c in countries.shown]
        if at in shown:
            countries.select_record(shown.index(at))
        if self.country and self.country == (self.target or self.store.focus):
            self.country = None  # who stands where on the new target: every country's claims toward it
        else:
            self.watch_country(self.country)
        self.action_middle("claims")
        self._set_subtitle()
        name = target_name(self.store, language=self.language, toward=self.target)
        self.notify(f"Stances toward {name}" + ("" if self.target else " (the focus)") if name else
                    "This store has no focus country: choose a country, then T", markup=False)

    @on(CountryChosen)
    def choose_country(self, message: CountryChosen) -> None:
        self.country = message.code
        if message.code:
            has_claims = bool(self.query_one(ClaimList).records)
            self.action_middle("claims" if has_claims else "events")
        self.refresh_state()

    # ---------------------------------------------------------------- jumping
    @on(JumpToSource)
    def jump(self, message: JumpToSource) -> None:
        # Remember the list the reader came from: Backspace in the article goes back to it.
        origin = self.focused
        if origin is not None and self._pane_of(origin) not in (None, "excerpt"):
            message.location.origin = origin
        self.go(message.location)
        self.focus_pane("excerpt")

    @guarded
    def go(self, location: Location, record_history: bool = True) -> None:
        doc = self.store.document(location.doc)
        # The badge: the quote must stand at its offsets in the stored text, and the source file
        # must still be as it was indexed (size, time, then hash: store.verify.source_status).
        status = self.store.source_status(doc["id"])
        if location.start is not None:
            quote = location.label if location.label and location.label != "document" else None
            if not self.store.verify_span({"doc": doc["id"], "start": location.start, "end": location.end,
                                           "text": quote if quote and len(quote) == location.end - location.start
                                           else None}):
                status = "offsets"
        if location.event is not None and not location.reports and location.event.get("sources", 1) > 1:
            self._attach_reports(location)
        if location.query:
            try:
                spans = self.store.index.highlight(location.query, doc["text"], doc.get("language"))
            except Exception:  # highlighting is a nicety: never let it block reading
                spans = []
            location.highlights = sorted(set(location.highlights) | {tuple(s) for s in spans})
        if self.country and not location.underline:
            location.underline = [(m["start"], m["end"]) for m in self.store.mentions(country=self.country,
                                                                                     doc=doc["id"])]
        self.query_one(ExcerptView).show(doc, location, status)
        if record_history:
            del self.history[self.position + 1:]
            self.history.append(location)
            self.position = len(self.history) - 1
        self.refresh_state()

    def _attach_reports(self, location: Location) -> None:
        """Every report of the event a passage is from, so the article can step through them."""
        members = self.store.cluster(location.event)
        if len(members) < 2:
            return
        reports = [Location(m["doc"], m["start"], m["end"], [(m["start"], m["end"])], label=m.get("text") or "",
                            event=m) for m in members]
        for i, r in enumerate(reports):
            r.reports, r.report = reports, i
        location.reports = reports
        location.report = next((i for i, m in enumerate(members) if m["id"] == location.event["id"]), 0)

    def action_report(self, step: int) -> None:
        self.query_one(ExcerptView).action_report(step)

    @on(StepReport)
    def step_report(self, message: StepReport) -> None:
        current = self.query_one(ExcerptView).location
        if current is None or not current.reports:
            return
        target = current.reports[current.report + message.step]
        target.origin = current.origin
        self.go(target)

    def action_back(self) -> None:
        """Back to the previous place; from the first passage opened, back to the list it came from."""
        if self.position > 0:
            self.position -= 1
            self.go(self.history[self.position], record_history=False)
        elif not self.back_to_origin():
            self.app.bell()

    def back_to_origin(self) -> bool:
        """Focus the list the current passage was opened from (Esc in the article does this)."""
        current = self.history[self.position] if 0 <= self.position < len(self.history) else None
        origin = getattr(current, "origin", None)
        if self.focused is not self.query_one(ExcerptView) or origin is None or not origin.is_attached:
            return False
        self.focus_pane(self._pane_of(origin) or "middle")
        origin.focus()
        return True

    def action_forward(self) -> None:
        if self.position < len(self.history) - 1:
            self.position += 1
            self.go(self.history[self.position], record_history=False)

    @on(CopyCitation)
    @guarded
    def copy_citation(self, message: CopyCitation) -> None:
        from ..clipboard import copy

        done = copy(self.citation_of(message.record), self.app.copy_to_clipboard)
        self.notify(done.notice(), timeout=4, markup=False)

    def citation_of(self, r: dict) -> str:
        """The line `c` copies for record `r`: its quote from the store, what it is, where it is from."""
        doc = self.docs.get(r["doc"]) or self.store.document(r["doc"])
        quote = self.store.text(r["doc"])[r["start"]:r["end"]]
        fields = citation_fields(r, doc, quote, self.by_code, target_code(self.store, r, self.target))
        return citation_text(fields)

    # ---------------------------------------------------------------- search
    def action_search(self) -> None:
        self._return_focus = self.focused
        self.query_one("#search", Input).focus()
        self.open_index()

    @work(thread=True, exclusive=True, group="index")
    def open_index(self) -> None:
        """Open the search index (and check it is of the store's build) while the first words are
        typed: it is read only for searching, so the first screen does not wait for it."""
        try:
            self.store.check(quick=True)
        except FuenteError as exc:
            self.app.call_from_thread(self.show_error, str(exc))

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.remember_query(event.value)
        self.action_middle("results")
        self.query_one(SearchResults).focus()

    @work(exclusive=True, group="search", thread=True)
    def run_search(self, query: str) -> None:
        if not query.strip():
            self.post_message(SearchDone(query, [], 0, {}, 0.0))
            return
        t = self.clock()
        try:
            period = self.period
            hits = self.store.search(query, limit=FIRST_HITS, partial=True, **period)
            total = self.store.search_count(query, partial=True, **period) if len(hits) >= FIRST_HITS else len(hits)
            texts = {d: self.store.text(d) for d in {h["doc"] for h in hits}}
            error = None
        except FuenteError as exc:  # a broken store: the error screen says how to rebuild it
            self.app.call_from_thread(self.show_error, str(exc))
            return
        except Exception as exc:  # a search must never take the app down
            hits, total, texts, error = [], 0, {}, str(exc)
        self.post_message(SearchDone(query, hits, total, texts, (self.clock() - t) * 1000, error))

    @on(SearchDone)
    @guarded
    def search_done(self, message: SearchDone) -> None:
        if message.query != self.query_one("#search", Input).value:
            return  # a stale query: the reader has typed on since
        results = self.query_one(SearchResults)
        if message.error:
            self.notify(message.error, severity="error", markup=False)
        results.texts = dict(message.texts)
        notes = getattr(message.hits, "notes", None)  # why the query could not run (an unknown country)
        empty = notes[0] if notes else "No passages match: try fewer words"
        listing = SearchListing(self.store, message.query, message.hits, message.total, results.texts, page=PAGE,
                                period=self.period)
        self._search_total = message.total
        if results.sort_by == "date" and message.query.strip():
            self._show_hits_by_date(message.query, message.total)
        else:
            results.show_hits(message.query, listing.pages, empty=empty if message.query.strip() else None)
        self.set_tab_count("results", short_count(message.total))
        if message.query.strip():
            self._search = (message.query, message.ms)
            self.query_one("#middle", TabbedContent).active = "results"
        else:
            self._search = None
        self.refresh_state()

    def _show_hits_by_date(self, query: str, total: int) -> None:
        """The best BY_DATE_HITS hits of `query`, by their articles' dates (oldest first, undated last)."""
        results = self.query_one(SearchResults)
        hits = self.store.search(query, limit=min(max(total, 1), BY_DATE_HITS), partial=True, **self.period)
        hits = self.store.by_article_date(hits)
        results.show_hits(query, Pages(lambda offset, limit: hits[offset:offset + limit], len(hits), page=PAGE))

    @on(SearchResults.Resort)
    @guarded
    def hits_resorted(self, message: SearchResults.Resort) -> None:
        query = self.query_one(SearchResults).query_text
        if query.strip():
            self.run_search(query)
        self.refresh_state()

    @property
    def search_summary(self) -> str:
        """The search's real count and how much of it the list holds: "686 passages, best 100 shown"."""
        if not self._search:
            return ""
        query, ms = self._search
        results = self.query_one(SearchResults)
        total, runs = results.total, [run for s in results.sections for run in s.pages.runs]
        loaded = sum(len(rows) for _, rows in runs)
        if loaded >= total:
            shown = ""
        elif len(runs) == 1 and runs[0][0] == 0:
            shown = f", best {loaded:,} shown"
        else:
            shown = f", {loaded:,} shown"
        if results.sort_by == "date":
            every = getattr(self, "_search_total", total)
            cut = f", the best {total:,} of {every:,}" if every > total else ""
            return f"{plural(every, 'passage')} for “{same_length(query)}”{cut} by article date · s: best first"
        return f"{plural(total, 'passage')}{shown} for “{same_length(query)}” in {ms:.1f} ms · s: by date"

    def on_key(self, event) -> None:
        if event.key in ("up", "down") and self.focused is self.query_one("#search", Input):
            event.stop()
            self.walk_history(-1 if event.key == "up" else 1)
            return
        if event.key == "escape" and self.back_to_origin():
            event.stop()
            return
        if event.key == "escape" and self.focused is self.query_one("#search", Input):
            event.stop()
            target = self._return_focus if self._return_focus and self._return_focus.is_attached else None
            (target or self.query_one(SearchResults)).focus()

    # ---------------------------------------------------------------- panes
    @on(TabbedContent.TabActivated)
    def tab_changed(self, event) -> None:
        if event.tabbed_content.id == "middle":
            self._fit_tabs()  # the active tab shows its whole label
            self.want_chart()
        self.refresh_state()

    def action_middle(self, tab: str) -> None:
        self.query_one("#middle", TabbedContent).active = tab
        self.focus_pane("middle")

    def action_toggle_left(self) -> None:
        left = self.query_one("#left", TabbedContent)
        left.active = "documents" if left.active == "countries" else "countries"
        self.focus_pane("left")

    def action_help(self) -> None:
        from .help import HelpScreen

        events, countries = self.query_one(EventList), self.query_one(CountryList)
        state = [("Countries", countries.state_label), ("Documents", self.query_one(DocumentList).state_label),
                 ("Events", events.filter_label),
                 ("Claims", f"stances toward "
                            f"{target_name(self.store, language=self.language, toward=self.target) or '—'}")]
        self.app.push_screen(HelpScreen(state))
