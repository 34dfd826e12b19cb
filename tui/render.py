"""Turning article text into renderables: always `Text`, never markup."""
from __future__ import annotations

from rich.text import Text

from .safe import same_length
from .words import noun, plural  # noqa: F401  (the screens take them from here too)

STANCE_STYLE = {"supports": "bold green", "opposes": "bold red", "neutral": "bold yellow"}
STANCE_MARK = {"supports": "▲ supports", "opposes": "▼ opposes", "neutral": "◆ neutral"}


def plain(text: str | None, style: str = "") -> Text:
    """Article text as a `Text`: markup-like brackets and escape sequences show literally."""
    return Text(same_length(text or ""), style=style)


def one_line(text: str | None, width: int = 0) -> str:
    s = " ".join(same_length(text or "").split())
    if width and len(s) > width:
        s = s[: width - 1].rstrip() + "…"
    return s


def stance(label: str) -> Text:
    """A stance as colour plus a word and a shape, never colour alone."""
    return Text(STANCE_MARK.get(label, label), style=STANCE_STYLE.get(label, ""))


def snippet(text: str, start: int, end: int, marks: list[tuple[int, int]] | None = None, width: int = 160) -> Text:
    """The passage text[start:end] on one line, trimmed around its first mark, with marks in bold."""
    a, b = start, end
    first = min((m[0] for m in marks or [] if start <= m[0] < end), default=start)
    if b - a > width:
        a = max(start, first - width // 3)
        b = min(end, a + width)
    out = Text()
    if a > start:
        out.append("…")
    piece = same_length(text[a:b]).replace("\n", " ").replace("\r", " ")
    body = Text(piece)
    for ms, me in marks or []:
        s, e = max(ms, a), min(me, b)
        if s < e:
            body.stylize("bold reverse", s - a, e - a)
    out.append_text(body)
    if b < end:
        out.append("…")
    return out


def source_label(doc: dict | None, fallback: str = "") -> str:
    """What to call a document in a list: its title when its author gave it one (front matter,
    a headline), else its file name: a title made of the first sentence says nothing new."""
    if not doc:
        return fallback
    if doc.get("title_source") in ("sentence", "file"):
        return doc.get("file") or fallback
    return doc.get("title") or doc.get("file") or fallback


def line(*parts, style: str = "") -> Text:
    """One row of a list: (text, style) pieces on one line, cut with "…" where the pane ends."""
    out = Text(no_wrap=True, overflow="ellipsis", style=style)
    for part in parts:
        if isinstance(part, Text):
            out.append_text(part)
        elif isinstance(part, tuple):
            out.append(same_length(part[0]).replace("\n", " "), style=part[1])
        else:
            out.append(same_length(str(part)).replace("\n", " "))
    return out
