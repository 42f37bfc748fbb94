"""A one-line question with a text answer: a feed's URL, a feed's new name, an OPML file's path."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label


class PromptDialog(ModalScreen[str | None]):
    """Asks for one line; dismisses with it (stripped; "" when cleared), or None when cancelled."""

    DEFAULT_CSS = """
    PromptDialog {
        align: center middle;
        & > #prompt {
            width: 70;
            max-width: 95%;
            height: auto;
            border: round $accent;
            background: $panel;
            padding: 0 1;
        }
        & #prompt-buttons { height: auto; align-horizontal: right; }
        & Button { margin-left: 1; }
    }
    """

    AUTO_FOCUS = "#prompt-input"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]
    """Escape cancels."""

    def __init__(self, title: str, question: str, *, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt") as box:
            box.border_title = Content(self.title_text)
            yield Label(Content(self.question))
            yield Input(value=self.value, placeholder=self.placeholder, id="prompt-input")
            with Horizontal(id="prompt-buttons"):
                yield Button("Cancel", id="prompt-cancel")
                yield Button("OK", variant="primary", id="prompt-ok")

    @on(Input.Submitted, "#prompt-input")
    @on(Button.Pressed, "#prompt-ok")
    def _submit(self) -> None:
        self.dismiss(self.query_one("#prompt-input", Input).value.strip())

    @on(Button.Pressed, "#prompt-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
