"""The pane headed Summary: the method picker, the length, and the numbered summary sentences.

Choosing a sentence (Enter or a click; or just moving onto it while the list has focus) asks the
app to scroll the full text to it (`SentenceChosen`). The line under the list explains the
highlighted sentence: its score and the named parts the method scored it by. Sentences are untrusted article text, so
they go into the list as `Content` objects, never as markup strings.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, OptionList, Select
from textual.widgets.option_list import Option

from summarize.models import Summary
from summarize.sanitize import one_line

from .messages import SentenceChosen

PART_SHOWN = 0.005
"""A score part smaller than this (it prints as ±0.00) is left out of the explanation."""


class SentenceList(OptionList):
    """The numbered summary sentences: moved through with the arrows or `j`/`k` like every pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Next sentence", show=False),
        Binding("up,k", "cursor_up", "Previous sentence", show=False),
        Binding("home", "first", "First sentence", show=False),
        Binding("end", "last", "Last sentence", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Show the sentence in the text", show=False),
        Binding("q,escape", "screen.go_back", "Back", tooltip="Back to the article list",
                id="summary.back"),
    ]
    """The Summary pane's keys (the help screen lists them under Summary)."""


class SummaryPane(Vertical):
    """Method picker, length, and the summary sentences numbered in article order."""

    DEFAULT_CSS = """
    SummaryPane {
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        &:focus-within { border: round $accent; }
        & > #summary-controls { height: 1; }
        & #method { width: 1fr; }
        & #method > SelectCurrent { border: none; height: 1; padding: 0 1; }
        & #method > SelectOverlay { width: auto; min-width: 100%; }
        & #length { width: auto; padding: 0 1; color: $text-muted; }
        & #sentences { height: 1fr; border: none; background: $surface; padding: 0; }
        & #sentences:focus { border: none; }
        & #why { width: 1fr; height: auto; max-height: 4; color: $text-muted; padding: 0 1; }
    }
    """

    BORDER_TITLE: ClassVar[str] = "Summary"

    def __init__(
        self, methods: Mapping[str, str], method: str, length: int, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._methods = list(methods)
        self._help = dict(methods)
        self._method = method
        self._length = length
        self.summary: Summary | None = None
        # kept, so a result that lands while the app shuts down does not need a query
        self.method_select: Select[str] = Select(
            [(name, name) for name in self._methods],
            value=self._method,
            allow_blank=False,
            id="method",
            tooltip=self._method_tooltip(self._method),
        )
        self.length_label = Label(self._length_text(), id="length")
        self.sentence_list = SentenceList(id="sentences")
        self.why_label = Label("", id="why", markup=False)
        self._return_focus: Widget | None = None
        self._give_focus_back = False

    def on_mount(self) -> None:
        self.watch(self.method_select, "expanded", self._picker_toggled, init=False)

    def open_method_picker(self) -> None:
        """Open the method list; once it closes (a pick or Esc) the focus goes back where it was."""
        self._return_focus = self.screen.focused
        select = self.method_select
        select.focus()
        select.expanded = True

    def _picker_toggled(self, expanded: bool) -> None:
        if not expanded:
            self._give_focus_back = True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The closing picker focuses the method box (Select does that itself, after closing):
        that is the moment to hand the focus back to where `m` was pressed."""
        if event.widget is not self.method_select or not self._give_focus_back:
            return
        back, self._return_focus, self._give_focus_back = self._return_focus, None, False
        if back is not None and back.is_attached and back is not self.method_select:
            back.focus()

    def compose(self) -> ComposeResult:
        with Horizontal(id="summary-controls"):
            yield self.method_select
            yield self.length_label
        yield self.sentence_list
        yield self.why_label

    def _method_tooltip(self, method: str) -> Content:
        description = self._help.get(method)
        return Content(f"Summary method: {method}" + (f" ({description})" if description else ""))

    @on(Select.Changed, "#method")
    def _method_picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.method_select.tooltip = self._method_tooltip(event.value)

    def _length_text(self) -> str:
        """`3 sentences`; `4 of 4 sentences` when the article has no more than the length asks."""
        summary = self.summary
        if summary is not None and 0 < summary.input_sentences <= self._length:
            n = summary.input_sentences
            return f"{n} of {n} sentence" + ("" if n == 1 else "s")
        return f"{self._length} sentence" + ("" if self._length == 1 else "s")

    def set_length(self, length: int) -> None:
        self._length = length
        self.length_label.update(self._length_text())

    def set_method(self, method: str) -> None:
        self._method = method
        if self.method_select.value != method:
            self.method_select.value = method

    def set_summary(self, summary: Summary | None) -> None:
        """Show `summary`'s sentences numbered 1..n (or nothing)."""
        self.summary = summary
        self.length_label.update(self._length_text())
        options = self.sentence_list
        options.clear_options()
        self._explain(None)
        if summary is None:
            return
        options.add_options(
            [
                Option(Content(f"{n}. ") + Content(one_line(s.text)), id=f"s{s.index}")
                for n, s in enumerate(summary.sentences, 1)
            ]
        )

    @property
    def sentence_texts(self) -> list[str]:
        return [s.text for s in self.summary.sentences] if self.summary else []

    def _choose(self, index: int | None) -> None:
        if self.summary is None or index is None or not 0 <= index < len(self.summary.sentences):
            return
        s = self.summary.sentences[index]
        self.post_message(SentenceChosen(s.index, s.start, s.end))

    @on(OptionList.OptionSelected, "#sentences")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def explanation(self, index: int | None) -> str:
        """Why summary sentence `index` was chosen: its score and the parts that make it up."""
        if self.summary is None or index is None or not 0 <= index < len(self.summary.sentences):
            return ""
        s = self.summary.sentences[index]
        parts = " · ".join(
            f"{name} {value:+.2f}" for name, value in s.parts.items() if abs(value) >= PART_SHOWN
        )
        return f"#{index + 1} score {s.score:.2f}" + (f" = {parts}" if parts else "")

    def _explain(self, index: int | None) -> None:
        text = self.explanation(index)
        self.why_label.update(text)
        self.why_label.display = bool(text)  # no empty line while nothing is highlighted

    @on(OptionList.OptionHighlighted, "#sentences")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._explain(event.option_index)
        if event.option_list.has_focus:
            self._choose(event.option_index)
