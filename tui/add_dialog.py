"""The add-article dialog: a path or URL, read through the same input reader as the CLI.

The dialog stays open while the article is read (a slow web page shows that it is loading) and
when reading fails (the error shows under the input, which keeps what was typed, to correct it);
it closes once the article is in the library, or on Cancel/Escape.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, LoadingIndicator
from textual.worker import Worker, WorkerState

from summarize.errors import NewsdeskError
from summarize.sanitize import one_line


class AddArticleDialog(ModalScreen[str | None]):
    """Asks for a file path or URL and adds it with `add` (run in a worker thread; it raises on
    failure). Dismisses with what was added, or None when cancelled."""

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
        & #add-status { height: auto; width: 1fr; color: $text-muted; }
        & #add-status.-error { color: $text-error; }
        & #add-busy { height: 1; display: none; }
        & .-busy #add-busy { display: block; }
        & #add-buttons { height: auto; align-horizontal: right; }
        & Button { margin-left: 1; }
    }
    """

    AUTO_FOCUS = "#add-input"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
    ]
    """Escape cancels (also while a page is loading: nothing is stored then)."""

    def __init__(self, add: Callable[[str], None]) -> None:
        super().__init__()
        self._add = add
        self._spec = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="add") as box:
            box.border_title = "Add an article"
            yield Label("A file path or an http(s) URL:")
            yield Input(placeholder="~/news/story.txt or https://…", id="add-input",
                        select_on_focus=False)
            yield LoadingIndicator(id="add-busy")
            yield Label("", id="add-status", markup=False)
            with Horizontal(id="add-buttons"):
                yield Button("Cancel", id="add-cancel")
                yield Button("Add", variant="primary", id="add-ok")

    @on(Input.Submitted, "#add-input")
    @on(Button.Pressed, "#add-ok")
    def _submit(self) -> None:
        spec = self.query_one("#add-input", Input).value.strip()
        if not spec:
            self.dismiss(None)
            return
        if self._busy:
            return
        self._spec = spec
        self._set_busy(True)
        self._status(f"Reading {one_line(spec)}…")
        self._run_add(spec)

    @property
    def _busy(self) -> bool:
        return self.query_one("#add").has_class("-busy")

    def _set_busy(self, busy: bool) -> None:
        self.query_one("#add").set_class(busy, "-busy")
        self.query_one("#add-input", Input).disabled = busy
        self.query_one("#add-ok", Button).disabled = busy

    def _status(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#add-status", Label)
        status.update(text)
        status.set_class(error, "-error")

    @work(thread=True, exclusive=True, exit_on_error=False, group="add")
    def _run_add(self, spec: str) -> None:
        self._add(spec)

    @on(Worker.StateChanged)
    def _add_finished(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "add" or event.worker.is_cancelled:
            return
        if event.state is WorkerState.SUCCESS:
            self.dismiss(self._spec)
        elif event.state is WorkerState.ERROR:
            self._set_busy(False)
            error = event.worker.error
            if isinstance(error, NewsdeskError):
                text = str(error)
            else:
                text = f"{type(error).__name__}: {error}"
            self._status(one_line(text), error=True)
            self.query_one("#add-input", Input).focus()

    @on(Button.Pressed, "#add-cancel")
    def action_cancel(self) -> None:
        self.workers.cancel_group(self, "add")
        self.dismiss(None)
