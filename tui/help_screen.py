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


KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "plus": "+",
    "minus": "-",
    "equals_sign": "=",
    "asterisk": "*",
    "number_sign": "#",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}
"""Textual's key names that read better as the key's symbol or its usual short name."""


def key_label(keys: str) -> str:
    """Keys as people write them (`slash,plus` -> `/ +`, `ctrl+p` -> `Ctrl+p`, `home` -> `Home`):
    one style on the help screen, in the palette and wherever keys are named."""
    labels = []
    for key in keys.split(","):
        key = key.strip()
        modifiers, _, name = key.rpartition("+") if len(key) > 1 else ("", "", key)
        label = KEY_NAMES.get(name) or (name.capitalize() if len(name) > 1 else name)
        if len(name) > 1 and name[0] == "f" and name[1:].isdigit():
            label = name.upper()
        prefix = "".join(f"{m.capitalize()}+" for m in modifiers.split("+") if m)
        labels.append(prefix + label)
    return " ".join(labels)


def binding_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, description) for every binding, in order."""
    rows = []
    for b in bindings:
        if isinstance(b, tuple):
            b = Binding(*b)
        rows.append((key_label(b.key), b.tooltip or b.description or b.action))
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
