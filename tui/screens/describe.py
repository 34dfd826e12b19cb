"""What the explorer says about itself: pane titles and the status line, from where the focus is
and what each pane holds. Plain functions over the screen, so the screen keeps to routing."""
from __future__ import annotations

from textual.widgets import Input, TabbedContent

from ..render import plural
from ..target import target_name
from ..widgets.claim_list import ORDER, SHAPE, ClaimList
from ..widgets.country_list import CountryList
from ..widgets.document_list import DocumentList
from ..widgets.event_list import EventList
from ..widgets.excerpt import ExcerptView
from ..widgets.mention_list import MentionList


def list_state(screen, tab: str) -> str:
    """What the middle pane's list holds: totals, what is loaded, its filter."""
    bars = getattr(screen, "bars", {})
    if tab == "events":
        events = screen.query_one(EventList)
        bar = bars.get("events")
        return f"{plural(events.total, 'event')}" + (f" of {bar.label}" if bar else "") + f" · {events.filter_label}"
    if tab == "claims":
        claim_list = screen.query_one(ClaimList)
        claims = claim_list.stance_totals
        toward = target_name(screen.store, language=screen.language, toward=screen.target)
        parts = " ".join(f"{claims.get(s, 0):,}{SHAPE[s]}" for s in ORDER)
        bar = bars.get("claims")
        return (f"{plural(sum(claims.values()), 'claim')} {parts}" + (f" toward {toward}" if toward else "")
                + (f" · {bar.label}" if bar else "")
                + (" · by article date · s: corpus order" if claim_list.sort_by == "date" else " · s: by date"))
    if tab == "mentions":
        return plural(screen.query_one(MentionList).total, "mention")
    if tab == "bookmarks":
        from ..widgets.bookmark_list import BookmarkList

        marks = screen.query_one(BookmarkList).marks
        states = {s: sum(m.get("state") == s for m in marks) for s in ("exact", "moved", "orphaned")}
        return (f"{plural(len(marks), 'bookmark')} · ✓{states['exact']} exact ↪{states['moved']} moved "
                f"✗{states['orphaned']} orphaned")
    return screen.search_summary or "type / to search"


def status_text(screen) -> str:
    """The status line: what has the focus, what it holds and the keys that act on it."""
    focused = screen.focused
    pane = screen._pane_of(focused)
    if isinstance(focused, Input) and focused.id == "search":
        if screen.search_summary and focused.value.strip():
            return f"{screen.search_summary} · Enter: to the results · Esc: back"
        return "Type a query: words, \"phrase\", a OR b, -word, pref*, country:RU · Enter: to the results · Esc: back"
    if isinstance(focused, Input):
        return "Filter: every key types · Enter or ↓: to the list · Esc: clear the filter"
    if isinstance(focused, CountryList):
        c = focused.current
        if c is None:
            return focused.state_label
        label = country_label(screen.by_code, screen.language, c["code"])
        return f"{label} · Enter: its events, claims and mentions · letters filter"
    if isinstance(focused, DocumentList):
        return f"{focused.state_label} · Enter: read it · s: sort"
    if pane == "middle":
        tab = screen.query_one("#middle", TabbedContent).active
        if tab == "results":
            return (screen.search_summary or "No search yet: / to search") + " · Enter: read · c: copy · S: save"
        if tab == "bookmarks":
            return f"{list_state(screen, tab)} · Enter: read · a: note · x: remove · e: export"
        label = country_label(screen.by_code, screen.language, screen.country)
        return f"{label} · {list_state(screen, tab)} · Enter: read the source · c: copy · b: bookmark · e: export"
    if isinstance(focused, ExcerptView) and focused.doc is not None:
        d = focused.doc
        loc = focused.location
        where = f"passage {loc.start:,}-{loc.end:,}" if loc and loc.start is not None else "whole document"
        badge = ExcerptView.BADGES.get(focused.verified, ("", ""))[0]
        return " · ".join(x for x in (d["file"], where, badge, "Backspace: back") if x)
    if isinstance(focused, ExcerptView):
        return "Choose a country, a document or a search hit to read its source here"
    return "Enter on a country lists its events, claims and mentions · / to search · ? for help"


def country_label(by_code: dict[str, dict], language: str, code: str | None) -> str:
    """A country as the titles and the status line name it: name, code, mentions, stances."""
    if not code:
        return "All countries"
    c = by_code.get(code)
    if not c:
        return code
    st = c.get("stances") or {}
    name = c["name_es"] if language == "es" else c["name_en"]
    label = f"{name} ({code}) · {plural(c['mentions'], 'mention')}"
    if any(st.values()):
        label += (f" · {st.get('supports', 0):,} supports / {st.get('opposes', 0):,} opposes / "
                  f"{st.get('neutral', 0):,} neutral")
    return label + (" · contested" if c.get("contested") else "")
