"""Small modal inputs: a note and its tags, a saved search's name, an export's format.

Enter accepts, Esc cancels and changes nothing else (the screen below keeps its state)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option


class PromptScreen(ModalScreen[list[str] | None]):
    """One or more labelled inputs; dismissed with their values (Enter) or None (Esc)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, fields: list[tuple[str, str]], hint: str = "") -> None:
        super().__init__()
        self.title_text, self.fields, self.hint = title, fields, hint

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Text(self.title_text, style="bold"))
            for i, (label, value) in enumerate(self.fields):
                yield Static(Text(label, style="dim"))
                yield Input(value=value, id=f"prompt-{i}", compact=True)
            yield Static(Text(self.hint or "Enter: save · Tab: next field · Esc: cancel", style="dim"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss([box.value for box in self.query(Input)])

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """A short list to pick one of (Enter), or Esc for none."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text, self.choices = title, choices

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box"):
            yield Static(Text(self.title_text, style="bold"))
            yield OptionList(*(Option(Text(label), id=key) for key, label in self.choices), id="choices")
            yield Static(Text("Enter: choose · Esc: cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
