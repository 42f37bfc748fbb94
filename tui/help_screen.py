"""The help screen (F1 or `?`): every key binding of the reader, grouped by where it works."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

HelpSection = tuple[str, Sequence[BindingType]]


def _key_label(binding: Binding) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "plus": "+",
        "minus": "-",
        "equals_sign": "=",
        "asterisk": "*",
        "number_sign": "#",
        "escape": "Esc",
        "enter": "Enter",
        "space": "Space",
        "pageup": "PgUp",
        "pagedown": "PgDn",
    }
    keys = []
    for key in binding.key.split(","):
        key = key.strip()
        label = names.get(key, key)
        if label.startswith("ctrl+"):
            label = "Ctrl+" + label[5:]
        elif len(label) > 1 and label[0] == "f" and label[1:].isdigit():
            label = label.upper()
        keys.append(label)
    return " ".join(keys)


def binding_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) for every binding, in order."""
    rows = []
    for b in bindings:
        if isinstance(b, tuple):
            b = Binding(*b)
        rows.append((_key_label(b), b.tooltip or b.description or b.action))
    return rows


class HelpScreen(ModalScreen[None]):
    """A modal listing every binding; Escape, q, F1 or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > #help {
            width: 90%;
            max-width: 100;
            height: 90%;
            border: round $accent;
            background: $panel;
            border-title-style: bold;
        }
        & #help-body { padding: 0 1; }
    }
    """

    AUTO_FOCUS = "VerticalScroll"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "dismiss", "Close help", show=False),
    ]
    """Every key that opened help closes it again."""

    MOUSE: ClassVar[list[tuple[str, str]]] = [
        ("Click a row", "Show the article (double click: open it and mark it read)"),
        ("Click a summary sentence", "Scroll the text to it"),
        ("Click a topic chip", "Highlight it in the text (double click: articles sharing it)"),
        ("Click the score strip", "Jump to that sentence"),
        ("Method box", "Choose the summary method"),
    ]
    """What the mouse does (everything is also on a key)."""

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with Vertical(id="help") as box:
            box.border_title = "Newsdesk keys"
            box.border_subtitle = "Esc to close · Ctrl+P for every command"
            with VerticalScroll():
                yield Static(self._table(), id="help-body")

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=14)
        table.add_column()
        for title, bindings in self.sections:
            table.add_row(Text(title, style="underline"), "")
            for keys, description in binding_rows(bindings):
                table.add_row(Text(keys), Text(description))
            table.add_row("", "")
        table.add_row(Text("Mouse", style="underline"), "")
        for what, does in self.MOUSE:
            table.add_row(Text(what), Text(does))
        return table

    def action_dismiss(self, result: None = None) -> None:  # type: ignore[override]
        self.dismiss(result)
