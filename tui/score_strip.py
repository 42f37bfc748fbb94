"""A one-line picture of where the summary comes from: every sentence's score along the article.

Each column stands for one sentence (or, in a long article on a narrow screen, a run of
neighbouring sentences, shown by their best score); the bar's height is the method's score, summary
sentences are drawn in the accent colour. Clicking a column, or moving the marker with the arrow
keys and pressing Enter, jumps the text to that sentence. Everything it draws comes from the
`Summary` (its `scores` and `spans`): the strip never splits the text itself.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widget import Widget

from summarize.models import Summary

from .messages import SentenceChosen

BARS = "▁▂▃▄▅▆▇█"
FLAT = "─"
"""Drawn for every sentence when all scores are equal (no bar would mean anything)."""
LABEL = "scores"
"""The strip's label (the reader draws it beside the strip)."""
LEGEND = ("Sentence scores along the article: bar height = the method's score, highlighted = in "
          "the summary, underlined = on screen in the text. Click or Enter jumps to a sentence.")


class ScoreStrip(Widget, can_focus=True):
    """Per-sentence scores as bars; summary sentences marked; click or Enter to jump."""

    DEFAULT_CSS = """
    ScoreStrip {
        height: 1;
        background: $surface;
        & > .score-strip--bar { color: $text-muted; }
        & > .score-strip--summary { color: $accent; text-style: bold; }
        & > .score-strip--marker { background: $block-cursor-background; }
        & > .score-strip--viewport { text-style: underline; background: $boost; }

        &:focus { background: $boost; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "score-strip--bar",
        "score-strip--summary",
        "score-strip--marker",
        "score-strip--viewport",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move_marker(-1)", "Previous sentence", show=False),
        Binding("right,l", "move_marker(1)", "Next sentence", show=False),
        Binding("enter", "jump_to_sentence", "Jump to sentence", show=False),
    ]
    """Move the marker between sentences and jump the text to it."""

    marker: reactive[int] = reactive(0)
    """Index of the sentence under the keyboard marker."""

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.spans: tuple[tuple[int, int], ...] = ()
        """Every sentence's (start, end) in the article."""
        self.scores: tuple[float, ...] = ()
        self.summary_indices: frozenset[int] = frozenset()
        self.viewport: tuple[int, int] | None = None
        """Body characters on screen in the text pane: their columns are marked (a minimap)."""
        self.tooltip = LEGEND

    def set_viewport(self, span: tuple[int, int] | None) -> None:
        """Mark the sentences of `span` (the text pane's visible characters)."""
        if span != self.viewport:
            self.viewport = span
            self.refresh()

    @property
    def label(self) -> str:
        """What the strip shows: `scores`, or `equal scores` when they do not differ (a flat
        line then, since no bar would mean anything)."""
        scores = self.scores
        if scores and max(scores) == min(scores):
            return "equal " + LABEL
        return LABEL

    def set_summary(self, summary: Summary | None) -> None:
        """Show the summary's score of every sentence (None: nothing computed yet)."""
        if summary is None:
            self.spans, self.scores, self.summary_indices = (), (), frozenset()
        else:
            self.spans = summary.spans
            self.scores = summary.scores if len(summary.scores) == len(summary.spans) else ()
            self.summary_indices = frozenset(summary.indices)
        self.marker = min(self.marker, max(0, len(self.spans) - 1))
        self.refresh()

    def validate_marker(self, value: int) -> int:
        return max(0, min(value, len(self.spans) - 1)) if self.spans else 0

    def column_sentences(self, width: int) -> list[range]:
        """Which sentences each column stands for, for a strip `width` cells wide."""
        n = len(self.spans)
        if not n or width <= 0:
            return []
        return [range(c * n // width, max(c * n // width + 1, (c + 1) * n // width)) for c in range(width)]

    def render(self) -> Text:
        width = self.content_region.width
        text = Text(no_wrap=True, overflow="crop")
        if not self.spans:
            return text
        get = self.get_component_rich_style
        flat = bool(self.scores) and max(self.scores) == min(self.scores)
        seen = self.viewport
        on_screen = get("score-strip--viewport")
        bar, chosen, marker = (
            get("score-strip--bar"),
            get("score-strip--summary"),
            get("score-strip--marker"),
        )
        scores = self.scores or tuple(0.0 for _ in self.spans)
        low, high = min(scores), max(scores)
        spread = (high - low) or 1.0
        for group in self.column_sentences(width):
            best = max(scores[i] for i in group) if scores else 0.0
            level = int(round((best - low) / spread * (len(BARS) - 1)))
            style = chosen if any(i in self.summary_indices for i in group) else bar
            if seen is not None and any(
                self.spans[i][0] < seen[1] and self.spans[i][1] > seen[0] for i in group
            ):
                style = style + on_screen
            if self.has_focus and self.marker in group:
                style = style + marker
            text.append(FLAT if flat else BARS[level], style)
        return text

    def _index_at(self, x: int) -> int | None:
        columns = self.column_sentences(self.content_region.width)
        if not 0 <= x < len(columns):
            return None
        group = columns[x]
        chosen = [i for i in group if i in self.summary_indices]
        if chosen:
            return chosen[0]
        scores = self.scores or tuple(0.0 for _ in self.spans)
        return max(group, key=lambda i: scores[i])

    def on_click(self, event: events.Click) -> None:
        index = self._index_at(event.x)
        if index is not None:
            self.marker = index
            self.action_jump_to_sentence()

    def watch_marker(self) -> None:
        self.refresh()

    def action_move_marker(self, step: int) -> None:
        self.marker += step
        self.action_jump_to_sentence()

    def action_jump_to_sentence(self) -> None:
        if 0 <= self.marker < len(self.spans):
            start, end = self.spans[self.marker]
            self.post_message(SentenceChosen(self.marker, start, end))
