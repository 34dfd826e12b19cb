"""The explorer: composes the panes and routes their messages; holds the navigation history."""
from __future__ import annotations

import functools
import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static, Tab, TabbedContent, TabPane, Tabs

from store.errors import FuenteError

from ..safe import same_length
from ..messages import CopyCitation, CountryChosen, JumpToSource, Location
from ..widgets.claim_list import ClaimList
from ..widgets.country_browser import CountryBrowser
from ..widgets.country_list import CountryList
from ..widgets.document_list import DocumentList
from ..widgets.event_list import EventList
from ..widgets.excerpt import ExcerptView
from ..widgets.mention_list import MentionList
from ..widgets.search_results import SearchResults

def guarded(handler):
    """A store found broken while browsing shows the error screen, never a traceback."""
    @functools.wraps(handler)
    def run(self, *args, **kwargs):
        try:
            return handler(self, *args, **kwargs)
        except FuenteError as exc:
            from .error import ErrorScreen

            if not isinstance(self.app.screen, ErrorScreen):  # the first error is the one to read
                self.app.push_screen(ErrorScreen(str(exc)))
    return run


class SearchDone(Message):
    """A search finished in its worker."""

    def __init__(self, query: str, hits: list[dict], ms: float, error: str | None = None) -> None:
        super().__init__()
        self.query, self.hits, self.ms, self.error = query, hits, ms, error


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("tab", "next_pane(1)", "Next pane", show=False),
        Binding("shift+tab", "next_pane(-1)", "Previous pane", show=False),
        Binding("slash", "search", "Search", tooltip="Focus the search bar"),
        Binding("1", "middle('events')", "Events", show=False),
        Binding("2", "middle('claims')", "Claims", show=False),
        Binding("3", "middle('mentions')", "Mentions", show=False),
        Binding("4", "middle('results')", "Results", show=False),
        Binding("d", "toggle_left", "Docs/Countries", tooltip="Switch the left pane"),
        Binding("backspace,alt+left", "back", "Back", tooltip="Back to the previous place"),
        Binding("alt+right", "forward", "Forward", show=False),
        Binding("question_mark,f1", "help", "Help", tooltip="Every key, per pane"),
        Binding("q", "app.quit", "Quit"),
    ]

    country: reactive[str | None] = reactive(None, init=False)

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.history: list[Location] = []
        self.position = -1
        self._return_focus = None
        self.clock = time.perf_counter  # what query timings are measured with (tests freeze it)

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        # The layout class is set before the panes mount: setting it later restyles everything once more.
        width = self.app.size.width
        self.add_class("layout-3" if width >= 120 else "layout-2" if width >= 90 else "layout-1", "show-left")
        yield Header()
        yield Tabs(Tab("Browse", id="pane-left"), Tab("List", id="pane-middle"), Tab("Read", id="pane-excerpt"),
                   id="pane-tabs")
        with Horizontal(id="panes"):
            with TabbedContent(id="left"):
                with TabPane("Countries", id="countries"):
                    yield CountryBrowser(id="country-browser")
                with TabPane("Documents", id="documents"):
                    yield DocumentList(id="document-list")
            with Container(id="right"):
                with Vertical(id="middle-col"):
                    yield Input(placeholder="/ search: words, \"phrase\", a OR b, -word, pref*, country:RU",
                                id="search", compact=True)
                    with TabbedContent(id="middle"):
                        with TabPane("Events", id="events"):
                            yield EventList(id="event-list")
                        with TabPane("Claims", id="claims"):
                            yield ClaimList(id="claim-list")
                        with TabPane("Mentions", id="mentions"):
                            yield MentionList(id="mention-list")
                        with TabPane("4 Search", id="results"):
                            yield SearchResults(id="search-results")
                yield ExcerptView(id="excerpt")
        yield Static(id="status")
        yield Footer()

    # ---------------------------------------------------------------- responsive layout
    def on_resize(self, event) -> None:
        width = event.size.width
        layout = "layout-3" if width >= 120 else "layout-2" if width >= 90 else "layout-1"
        if not self.has_class(layout):
            # Each class change restyles the whole screen: change only what differs.
            self.remove_class(*({"layout-1", "layout-2", "layout-3"} - {layout}))
            self.add_class(layout)
        self._show_pane(self._pane_of(self.focused) or "left")

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
        tabs = self.query_one("#pane-tabs", Tabs)
        if tabs.active != f"pane-{pane}":
            tabs.active = f"pane-{pane}"

    def _pane_widget(self, pane: str):
        if pane == "left":
            left = self.query_one("#left", TabbedContent)
            return self.query_one(DocumentList) if left.active == "documents" else self.query_one(CountryList)
        if pane == "middle":
            return self.query_one({"events": EventList, "claims": ClaimList, "mentions": MentionList,
                                   "results": SearchResults}[self.query_one("#middle", TabbedContent).active])
        return self.query_one(ExcerptView)

    def focus_pane(self, pane: str) -> None:
        self._show_pane(pane)
        self._pane_widget(pane).focus()

    def on_descendant_focus(self, event) -> None:
        pane = self._pane_of(event.widget)
        if pane:
            self._show_pane(pane)

    @on(Tabs.TabActivated, "#pane-tabs")
    def pane_tab(self, event: Tabs.TabActivated) -> None:
        pane = event.tab.id.removeprefix("pane-")
        if self._pane_of(self.focused) != pane:
            self.focus_pane(pane)

    def action_next_pane(self, step: int = 1) -> None:
        current = self._pane_of(self.focused) or "left"
        self.focus_pane(self.PANES[(self.PANES.index(current) + step) % len(self.PANES)])

    PAGE = 200  # rows a pane lists at once; the label says how many there are in all

    @guarded
    def on_mount(self) -> None:
        # Only small tables here: the first screen must paint at once on any size of store.
        s = self.store
        self.docs: dict[str, dict] = {}
        self.titles: dict[str, str] = {}
        langs = s.meta.get("languages") or {}
        self.language = "en" if langs.get("en", 0) > langs.get("es", 0) else "es"
        self.countries = s.countries()
        self.query_one(CountryList).load(self.countries, self.language)
        self.watch_country(None)
        meta = s.meta.get("counts", {})
        self.app.sub_title = (f"{same_length(s.name)} · {meta.get('documents', 0):,} documents · "
                              f"{len(self.countries):,} countries · {meta.get('events', 0):,} events · "
                              f"{meta.get('claims', 0):,} claims")
        self.query_one(CountryList).focus()
        self._status("Enter on a country lists its events, claims and mentions · / to search · ? for help")
        # The documents table is the one large read: start it once the first screen is up, since
        # parsing it holds the interpreter for a moment even in a worker thread.
        self.call_after_refresh(self.set_timer, 0.2, self.load_documents)

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
            from .error import ErrorScreen

            self.app.call_from_thread(self.app.push_screen, ErrorScreen(str(exc)))

    @on(DocumentsLoaded)
    def documents_loaded(self, message: DocumentsLoaded) -> None:
        self.docs = {d["id"]: d for d in message.documents}
        self.titles = {k: d["title"] for k, d in self.docs.items()}
        self.query_one(DocumentList).load(message.documents, message.counts)
        for widget in (self.query_one(ClaimList), self.query_one(MentionList)):
            widget.titles = self.titles
        self.query_one(SearchResults).docs = self.docs
        # The lists show document titles now.
        for widget in (self.query_one(SearchResults), self.query_one(ClaimList), self.query_one(MentionList)):
            if widget.records:
                at = widget.highlighted
                widget.show(widget.records, widget.texts)
                widget.highlighted = at

    def _status(self, text: str) -> None:
        from rich.text import Text

        self.query_one("#status", Static).update(Text(text, style="dim"))

    # ---------------------------------------------------------------- country
    @guarded
    def watch_country(self, code: str | None) -> None:
        s = self.store
        total = s.counts(code)
        rows = EventList.timeline(s.events_page(code, 0, self.PAGE))
        self.query_one(EventList).load(rows, empty="No events mention this country." if code else None)
        claims = ClaimList.grouped(s.claims_page(code, 0, self.PAGE))
        self.query_one(ClaimList).show(claims)
        if code:
            mentions = s.mentions_page(code, 0, self.PAGE)
            texts = {d: s.text(d) for d in {m["doc"] for m in mentions}}
            self.query_one(MentionList).show(mentions, texts)
        else:
            self.query_one(MentionList).show([])
        middle = self.query_one("#middle", TabbedContent)
        middle.get_tab("events").label = f"1 Events {total['events']:,}"
        middle.get_tab("claims").label = f"2 Claims {total['claims']:,}"
        middle.get_tab("mentions").label = f"3 Mentions {total['mentions'] if code else 0:,}"
        for widget, n, kind in ((self.query_one(ClaimList), total["claims"], "claims"),
                                (self.query_one(MentionList), total["mentions"], "mentions")):
            widget.border_subtitle = (f"first {len(widget.records):,} of {n:,} {kind}"
                                      if n > len(widget.records) and widget.records else "")
        self.query_one("#middle-col").border_title = self._country_label(code)

    def _country_label(self, code: str | None) -> str:
        if not code:
            return "All countries"
        c = next((c for c in self.countries if c["code"] == code), None)
        if not c:
            return code
        st = c.get("stances") or {}
        name = c["name_es"] if self.language == "es" else c["name_en"]
        label = (f"{name} ({code}) · {c['mentions']} mentions · {st.get('supports', 0)} supports / "
                 f"{st.get('opposes', 0)} opposes / {st.get('neutral', 0)} neutral")
        return label + (" · contested" if c.get("contested") else "")

    @on(CountryChosen)
    def choose_country(self, message: CountryChosen) -> None:
        self.country = message.code
        if message.code:
            has_claims = bool(self.query_one(ClaimList).records)
            self.action_middle("claims" if has_claims else "events")
            self._status(f"{self._country_label(message.code)} · Tab to the list, Enter to read the source")

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
        verified = None
        if location.start is not None:
            quote = location.label if location.label and location.label != "document" else None
            verified = self.store.verify_span({"doc": doc["id"], "start": location.start, "end": location.end,
                                               "text": quote if quote and len(quote) == location.end - location.start
                                               else None})
        if location.query:
            try:
                spans = self.store.index.highlight(location.query, doc["text"], doc.get("language"))
            except Exception:  # highlighting is a nicety: never let it block reading
                spans = []
            location.highlights = sorted(set(location.highlights) | {tuple(s) for s in spans})
        if self.country and not location.underline:
            location.underline = [(m["start"], m["end"]) for m in self.store.mentions(country=self.country,
                                                                                     doc=doc["id"])]
        self.query_one(ExcerptView).show(doc, location, verified)
        if record_history:
            del self.history[self.position + 1:]
            self.history.append(location)
            self.position = len(self.history) - 1

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
        r = message.record
        doc = self.docs.get(r["doc"], {})
        quote = self.store.text(r["doc"])[r["start"]:r["end"]]
        cite = (f"“{' '.join(quote.split())}” — {doc.get('title', '')}, {doc.get('file', '')}"
                f"{', ' + doc['published'] if doc.get('published') else ''}"
                f"{', ' + doc['url'] if doc.get('url') else ''} [{r['start']}-{r['end']}]")
        self.app.copy_to_clipboard(cite)
        self.notify("Citation copied to the clipboard", timeout=2)

    # ---------------------------------------------------------------- search
    def action_search(self) -> None:
        self._return_focus = self.focused
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.run_search(event.value)

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        self.action_middle("results")
        self.query_one(SearchResults).focus()

    @work(exclusive=True, group="search", thread=True)
    def run_search(self, query: str) -> None:
        if not query.strip():
            self.post_message(SearchDone(query, [], 0.0))
            return
        t = self.clock()
        try:
            hits = self.store.search(query, limit=100, partial=True)
            error = None
        except Exception as exc:  # a search must never take the app down
            hits, error = [], str(exc)
        self.post_message(SearchDone(query, hits, (self.clock() - t) * 1000, error))

    @on(SearchDone)
    @guarded
    def search_done(self, message: SearchDone) -> None:
        if message.query != self.query_one("#search", Input).value:
            return  # a stale query: the reader has typed on since
        results = self.query_one(SearchResults)
        texts = {d: self.store.text(d) for d in {h["doc"] for h in message.hits}}
        if message.error:
            self.notify(message.error, severity="error", markup=False)
        results.query_text = message.query
        notes = getattr(message.hits, "notes", None)  # why the query could not run (an unknown country)
        empty = notes[0] if notes else "No passages match: try fewer words"
        results.show(message.hits, texts, empty=empty if message.query.strip() else None)
        self.query_one("#middle", TabbedContent).get_tab("results").label = f"4 Search {len(message.hits)}"
        if message.query.strip():
            self.query_one("#middle", TabbedContent).active = "results"
            self._status(f"{len(message.hits)} passages for “{message.query}” in {message.ms:.1f} ms")

    def on_key(self, event) -> None:
        if event.key == "escape" and self.back_to_origin():
            event.stop()
            return
        if event.key == "escape" and self.focused is self.query_one("#search", Input):
            event.stop()
            target = self._return_focus if self._return_focus and self._return_focus.is_attached else None
            (target or self.query_one(SearchResults)).focus()

    # ---------------------------------------------------------------- panes
    def action_middle(self, tab: str) -> None:
        self.query_one("#middle", TabbedContent).active = tab
        self.focus_pane("middle")

    def action_toggle_left(self) -> None:
        left = self.query_one("#left", TabbedContent)
        left.active = "documents" if left.active == "countries" else "countries"
        self.focus_pane("left")

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen())
