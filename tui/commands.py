"""Command palette providers: go to a country, an event or a document; run a search."""
from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from .render import plural
from .safe import same_length

from .messages import CountryChosen, JumpToSource, Location, TargetChosen


def _main(app):
    from .screens.main import MainScreen

    for screen in reversed(app.screen_stack):
        if isinstance(screen, MainScreen):
            return screen
    return None


class _StoreProvider(Provider):
    def items(self) -> list[tuple[str, str, object]]:
        """(label, help, message) for every item this provider offers."""
        raise NotImplementedError

    def safe_items(self) -> list[tuple[str, str, object]]:
        """`items` as the palette needs them: it reads labels as markup, and titles are article data."""
        return [(escape(same_length(label)), escape(same_length(help_text)), message)
                for label, help_text, message in self.items()]

    async def discover(self) -> Hits:
        for label, help_text, message in self.safe_items()[:12]:
            yield DiscoveryHit(label, partial(self._post, message), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, message in self.safe_items():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), partial(self._post, message), help=help_text)

    def _post(self, message) -> None:
        screen = _main(self.app)
        if screen is not None:
            screen.post_message(message)


class CountryCommands(_StoreProvider):
    def items(self):
        store = self.app.store
        if store is None:
            return []
        return [(f"Country: {c['name_en']} / {c['name_es']} ({c['code']})", plural(c["mentions"], "mention"),
                 CountryChosen(c["code"])) for c in store.countries()]


class TargetCommands(_StoreProvider):
    """Stances toward another country: the countries' stance columns, contested flags and the
    claims pane follow (T toggles between the chosen country and the focus)."""

    def items(self):
        store = self.app.store
        if store is None:
            return []
        focus = store.country(store.focus) if store.focus else None
        back = [(f"Stances toward {focus['name_en']} / {focus['name_es']} ({focus['code']}), the focus",
                 "the corpus's focus country", TargetChosen(None))] if focus else []
        return back + [(f"Stances toward {c['name_en']} / {c['name_es']} ({c['code']})",
                        "read every claim toward it", TargetChosen(c["code"]))
                       for c in store.countries() if c["code"] != store.focus]


class EventCommands(_StoreProvider):
    def items(self):
        store = self.app.store
        if store is None:
            return []
        return [(f"Event: {e.get('date') or 'undated'} {e.get('kind') or ''} {' '.join(e.get('countries', []))} — "
                 f"{' '.join((e.get('summary') or '').split())[:60]}", "jump to its source",
                 JumpToSource(Location(e["doc"], e["start"], e["end"], [(e["start"], e["end"])])))
                for e in store.events_page(None, 0, 2000)]


class DocumentCommands(_StoreProvider):
    def items(self):
        store = self.app.store
        if store is None:
            return []
        screen = _main(self.app)
        docs = screen.docs.values() if screen is not None and screen.docs else store.documents()
        return [(f"Document: {' '.join(d['title'].split())[:70]}", d["file"], JumpToSource(Location(d["id"])))
                for d in docs]


class SearchCommands(Provider):
    async def search(self, query: str) -> Hits:
        if query.strip():
            yield Hit(1, f"Search for “{query}”", partial(self._run, query), help="full-text search")

    def _run(self, query: str) -> None:
        from textual.widgets import Input

        screen = _main(self.app)
        if screen is not None:
            box = screen.query_one("#search", Input)
            box.value = query
            screen.remember_query(query)
            screen.action_middle("results")


class WorkbenchCommands(Provider):
    """The workbench from the palette: the bookmarks pane, each bookmark, saving, exporting, and the
    saved searches (running one fills the search box and searches)."""

    def _items(self) -> list[tuple[str, str, object]]:
        screen = _main(self.app)
        if screen is None:
            return []
        items = [("Bookmarks: show the bookmarks and notes", "the 5 tab", partial(screen.action_middle, "bookmarks")),
                 ("Save the current search", "S: name the query in the search box", screen.action_save_search),
                 ("Export the list on screen", "e: Markdown, CSV or JSON with full citations",
                  partial(self._export, screen))]
        try:
            saved = screen.workbench.saved()
        except (OSError, ValueError):
            saved = {}
        items += [(f"Saved search: {name}", query, partial(screen.run_saved, query)) for name, query in saved.items()]
        from .anchors import MARK

        items += [(f"Bookmark: {' '.join((m.get('quote') or '').split())[:60]}",
                   f"{MARK.get(m.get('state'), '')} · {m.get('file') or ''}",
                   partial(screen.query_one("#bookmark-list").chosen, m)) for m in screen.query_one("#bookmark-list").marks]
        return [(escape(same_length(label)), escape(same_length(help_text)), run) for label, help_text, run in items]

    @staticmethod
    def _export(screen) -> None:
        from .messages import ExportList

        screen.post_message(ExportList(screen._pane_widget("middle")))

    async def discover(self) -> Hits:
        for label, help_text, run in self._items()[:12]:
            yield DiscoveryHit(label, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, run in self._items():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(label), run, help=help_text)


class PeriodCommands(Provider):
    """Narrow every pane to a period: one typed in the palette ("2025-12..2026-01"), a month or a
    year the articles are published in, any range (P), or every date again."""

    def _items(self) -> list[tuple[str, str, object]]:
        screen = _main(self.app)
        if screen is None:
            return []
        items = [("Period: narrow every pane to a date range…", "P: 2025-12..2026-01, 2025-12, ..2025-06",
                  screen.action_period)]
        if screen.since or screen.until:
            items.append(("Period: every date again", "clear the date range", partial(screen.set_period, None, None)))
        published = sorted({p[:7] for p in self.app.store.published.values() if p})
        for key in sorted({m[:4] for m in published}, reverse=True) + published[::-1][:24]:
            items.append((f"Period: {key}", "articles published then, and events dated then",
                          partial(screen.set_period, key, key)))
        return items

    async def discover(self) -> Hits:
        for label, help_text, run in self._items()[:4]:
            yield DiscoveryHit(label, run, help=help_text)

    async def search(self, query: str) -> Hits:
        from store.errors import InputError
        from store.period import parse_period, period_label

        screen = _main(self.app)
        text = query.strip().removeprefix("date:").removeprefix("period:").strip()
        if screen is not None and (text[:1].isdigit() or text.startswith("..")):
            try:
                since, until = parse_period(text)
            except InputError:
                pass
            else:
                yield Hit(1.0, escape(f"Period: {period_label(since, until)}"),
                          partial(screen.set_period, since, until), help="narrow every pane to it")
        matcher = self.matcher(query)
        for label, help_text, run in self._items():
            score = matcher.match(label)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(label)), run, help=help_text)
