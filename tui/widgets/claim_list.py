"""Claims about the chosen country, grouped by stance so disagreeing sources sit side by side."""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ..messages import StepBar
from ..paging import Gap, Pages
from ..render import STANCE_MARK, STANCE_STYLE, line, noun, one_line, plural, source_label
from .paged_list import Section
from .record_list import RecordList

ORDER = ("supports", "neutral", "opposes")
SHAPE = {"supports": "▲", "opposes": "▼", "neutral": "◆"}


class ClaimList(RecordList):
    """One section per stance, each with its real total and paged on its own."""

    BINDINGS = [Binding("s", "sort", "Sort", tooltip="In corpus order or by the article's date"),
                Binding("right", "bar(1)", "Next bar", show=False, tooltip="Stance over time: the next month"),
                Binding("left", "bar(-1)", "Previous bar", show=False, tooltip="Stance over time: the previous one"),
                Binding("escape", "bar(0)", "Every period", show=False, tooltip="Stance over time: every date")]
    USES_DOCS = True
    EMPTY = "No stance claims for this country."
    sort_by = "corpus"  # or "date": the article's publication date, oldest first, undated last

    class Resort(Message):
        """The reader asked for the other order (the screen reloads the list in it)."""

    def action_sort(self) -> None:
        self.sort_by = "date" if self.sort_by == "corpus" else "corpus"
        self.post_message(self.Resort())

    def action_bar(self, step: int) -> None:
        self.post_message(StepBar("claims", step))
    NOUN = "claim"
    KIND = "claim"

    def show_stances(self, pages: dict[str, Pages], empty: str | None = None) -> None:
        sections = []
        for stance in ORDER:
            p = pages.get(stance)
            if p is None or not p.total:
                continue
            heading = Text.assemble((STANCE_MARK[stance], STANCE_STYLE[stance]), f" · {plural(p.total, 'claim')}")
            heading.stylize("bold underline")
            sections.append(Section(p, heading=heading, noun="claim", extra={"stance": stance}))
        self.show_sections(sections, empty)

    @property
    def stance_totals(self) -> dict[str, int]:
        return {s.extra["stance"]: s.pages.total for s in self.sections}

    def gap_text(self, section: Section, gap: Gap) -> Text:
        stance = section.extra.get("stance", "")
        return Text(f"… {gap.count:,} more {STANCE_MARK.get(stance, stance)} {noun(gap.count, 'claim')}"
                    f" · scroll or Enter to list them", style="dim italic")

    def render_record(self, c: dict) -> Group:
        doc = self.docs.get(c["doc"])
        head = line((SHAPE.get(c["stance"], "?"), STANCE_STYLE.get(c["stance"], "")), " ",
                    (c["country"], "bold"), " ", one_line(c.get("text")))
        source = [("  — ", "dim"), (source_label(doc, c["doc"]), "dim")]
        if doc and doc.get("published"):
            source.append((f" · {doc['published']}", "dim"))
        if c.get("support"):
            source.append((f" · {one_line(c['support'])}", "italic"))
        return Group(head, line(*source))
