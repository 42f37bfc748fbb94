"""A yes/no question before something that cannot be taken back at a keystroke (mark all read,
delete an article, remove a feed)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label


class ConfirmDialog(ModalScreen[bool]):
    """Asks `question`; dismisses with True for `y`/Enter on Yes, False for `n`/Esc."""

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
        & > #confirm {
            width: 60;
            max-width: 95%;
            height: auto;
            border: round $warning;
            background: $panel;
            padding: 0 1;
        }
        & #confirm-buttons { height: auto; align-horizontal: right; }
        & Button { margin-left: 1; }
    }
    """

    AUTO_FOCUS = "#confirm-yes"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
    ]
    """`y` confirms; `n` or Escape says no."""

    def __init__(self, question: str, *, title: str = "Are you sure?") -> None:
        super().__init__()
        self.question = question
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm") as box:
            box.border_title = Content(self.title_text)
            yield Label(Content(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button("No (n)", id="confirm-no")
                yield Button("Yes (y)", variant="warning", id="confirm-yes")

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
