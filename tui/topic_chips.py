"""The article's key topics as chips that wrap across lines, selectable by mouse or keyboard.

Selecting a chip highlights the topic's occurrences in the text (`TopicChosen`); `f` on a chip
(or a double click) asks for the list of articles sharing it (`TopicFilterRequested`). The chips
are laid out here rather than as one widget each, so a dozen of them wrap like words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from summarize.models import Topic
from summarize.sanitize import one_line

from .messages import TopicChosen, TopicFilterRequested


class TopicChips(Widget, can_focus=True):
    """Topic labels as chips; one may be selected."""

    DEFAULT_CSS = """
    TopicChips {
        height: auto;
        min-height: 1;
        background: $surface;
        & > .topic-chips--chip { background: $secondary 35%; color: $text; }
        & > .topic-chips--selected { background: $warning 60%; color: $text; text-style: bold; }
        & > .topic-chips--cursor { text-style: reverse; }
        & > .topic-chips--empty { color: $text-muted; text-style: italic; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "topic-chips--chip",
        "topic-chips--selected",
        "topic-chips--cursor",
        "topic-chips--empty",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h,up,k", "move_cursor(-1)", "Previous topic", show=False),
        Binding("right,l,down,j", "move_cursor(1)", "Next topic", show=False),
        Binding("enter,space", "choose_topic", "Highlight topic", show=False),
        Binding("f", "filter_topic", "Articles with topic", tooltip="List the articles sharing this topic",
                id="topics.filter"),
    ]
    """Move between chips, highlight one, or list the articles sharing it."""

    cursor: reactive[int] = reactive(0)
    """The chip under the keyboard cursor."""

    empty_text: str = "No topics"

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.topics: list[Topic] = []
        self.selected: Topic | None = None
        self._boxes: list[tuple[int, int, int]] = []  # (y, x0, x1) of each chip

    def set_topics(self, topics: Sequence[Topic]) -> None:
        width = self.content_region.width
        rows_before = self.get_content_height(self.size, self.size, width)
        self.topics = list(topics)
        self.selected = None
        self.cursor = 0
        # a new layout (of the whole screen) only when the chips need more or fewer rows
        self.refresh(layout=self.get_content_height(self.size, self.size, width) != rows_before)

    def labels(self) -> list[str]:
        return [one_line(t.label) for t in self.topics]

    def _layout(self, width: int) -> list[tuple[int, int, int]]:
        boxes = []
        x = y = 0
        for label in self.labels():
            w = min(cell_len(label) + 2, max(3, width))
            if x and x + w > width:
                x, y = 0, y + 1
            boxes.append((y, x, x + w))
            x += w + 1
        return boxes

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        boxes = self._layout(width)
        return (boxes[-1][0] + 1) if boxes else 1

    def render(self) -> Text:
        width = self.content_region.width
        if not self.topics:
            return Text(self.empty_text, style=self.get_component_rich_style("topic-chips--empty"))
        self._boxes = self._layout(width)
        get = self.get_component_rich_style
        text = Text(no_wrap=True, overflow="crop")
        row = 0
        col = 0
        for i, (label, (y, x0, x1)) in enumerate(zip(self.labels(), self._boxes, strict=True)):
            if y != row:
                text.append("\n" * (y - row))
                row, col = y, 0
            if x0 > col:
                text.append(" " * (x0 - col))
            topic = self.topics[i]
            style = get("topic-chips--selected" if topic is self.selected else "topic-chips--chip")
            if self.has_focus and i == self.cursor:
                style = style + get("topic-chips--cursor")
            body = label if cell_len(label) + 2 <= x1 - x0 else label[: max(0, x1 - x0 - 3)] + "…"
            text.append(f" {body} ", style)
            col = x1
        return text

    def _index_at(self, x: int, y: int) -> int | None:
        for i, (row, x0, x1) in enumerate(self._boxes):
            if row == y and x0 <= x < x1:
                return i
        return None

    def on_click(self, event: events.Click) -> None:
        index = self._index_at(event.x, event.y)
        if index is None:
            return
        self.cursor = index
        if event.chain >= 2:
            self.action_filter_topic()
        else:
            self.action_choose_topic()

    def watch_cursor(self) -> None:
        self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.topics) - 1)) if self.topics else 0

    def action_move_cursor(self, step: int) -> None:
        self.cursor += step

    def action_choose_topic(self) -> None:
        """Select the chip under the cursor (or unselect it if it is already selected)."""
        if not self.topics:
            return
        topic = self.topics[self.cursor]
        self.selected = None if self.selected is topic else topic
        self.refresh()
        self.post_message(TopicChosen(self.selected))

    def action_filter_topic(self) -> None:
        if self.topics:
            topic = self.topics[self.cursor]
            self.selected = topic
            self.refresh()
            self.post_message(TopicChosen(topic))
            self.post_message(TopicFilterRequested(topic))
