"""The add-article dialog: a path or URL, read through the same input reader as the CLI."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class AddArticleDialog(ModalScreen[str | None]):
    """Asks for a file path or URL; dismisses with it (stripped), or None when cancelled."""

    DEFAULT_CSS = """
    AddArticleDialog {
        align: center middle;
        & > #add {
            width: 70;
            max-width: 95%;
            height: auto;
            border: round $accent;
            background: $panel;
            padding: 0 1;
        }
        & #add-buttons { height: auto; align-horizontal: right; }
        & Button { margin-left: 1; }
    }
    """

    AUTO_FOCUS = "#add-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
    ]
    """Escape cancels."""

    def compose(self) -> ComposeResult:
        with Vertical(id="add") as box:
            box.border_title = "Add an article"
            yield Label("A file path or an http(s) URL:")
            yield Input(placeholder="~/news/story.txt or https://…", id="add-input")
            with Horizontal(id="add-buttons"):
                yield Button("Cancel", id="add-cancel")
                yield Button("Add", variant="primary", id="add-ok")

    @on(Input.Submitted, "#add-input")
    @on(Button.Pressed, "#add-ok")
    def _submit(self) -> None:
        value = self.query_one("#add-input", Input).value.strip()
        self.dismiss(value or None)

    @on(Button.Pressed, "#add-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
