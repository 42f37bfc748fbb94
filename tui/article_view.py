"""The full text of an article, with the summary sentences and a topic's occurrences highlighted.

A Line API widget: the body is wrapped once per width into lines that remember their character
offsets in the body, so a summary sentence (`SummarySentence.start`) or a topic occurrence
(`Topic.spans`) maps straight to a line to scroll to and a range to highlight, without ever
passing the text through markup. Control characters in the body are blanked one-for-one, so the
offsets computed by the core on the stored body stay valid for what is drawn.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from summarize.ingest.articles import Article
from summarize.sanitize import control_re, one_line
from summarize.sentences import wrapped_line_breaks

from .dates import full_date

_WORD = re.compile(r"\S+\s*|\s+")


def safe_body(body: str) -> str:
    """`body` with every control sequence blanked to spaces of the same length (offsets kept)."""
    body = body.replace("\t", " ").replace("\r", " ")
    if body.isprintable() or not body:
        return body
    return control_re().sub(lambda m: " " * len(m.group()), body)


def reflow(body: str) -> str:
    """`body` with the line breaks of its hard-wrapped blocks as spaces (offsets kept), so text
    wrapped at 72 columns is wrapped again to the pane's width rather than drawn ragged. Which
    breaks those are is the segmenter's rule (`summarize.sentences.wrapped_line_breaks`)."""
    soft = wrapped_line_breaks(body) if "\n" in body else frozenset()
    if not soft:
        return body
    chars = list(body)
    for offset in soft:
        chars[offset] = " "
    return "".join(chars)


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of `text` to `width` cells: (start, end) offsets of every line.

    Paragraph breaks (`\\n`) always break; words longer than a line are split.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        p_start = pos
        pos += len(para) + 1
        if not para.strip():
            lines.append((p_start, p_start))
            continue
        line_start = p_start
        used = 0
        for m in _WORD.finditer(para):
            word = m.group()
            w_start = p_start + m.start()
            bare = word.rstrip()
            need = cell_len(bare)
            if used and used + need > width:
                lines.append((line_start, _rstrip_end(text, line_start, w_start)))
                line_start, used = w_start, 0
            while need > width:  # a word longer than the line: hard split it
                cut = w_start
                cells = 0
                while cut < w_start + len(bare) and cells + cell_len(text[cut]) <= width:
                    cells += cell_len(text[cut])
                    cut += 1
                cut = max(cut, w_start + 1)
                lines.append((line_start, cut))
                line_start = w_start = cut
                bare = text[cut : p_start + m.start() + len(word.rstrip())]
                need = cell_len(bare)
            used += need + (len(word) - len(word.rstrip()))
        lines.append((line_start, _rstrip_end(text, line_start, p_start + len(para))))
    return lines


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


class ArticleView(ScrollView, can_focus=True):
    """The article: title, source line, and the body with highlights."""

    DEFAULT_CSS = """
    ArticleView {
        background: $surface;
        padding: 0 1;
        overflow-x: hidden;
        scrollbar-gutter: stable;
        & > .article-view--title { text-style: bold; color: $text; }
        & > .article-view--meta { color: $text-muted; }
        & > .article-view--summary { background: $primary 30%; }
        & > .article-view--focus { background: $primary 75%; text-style: bold; }
        & > .article-view--topic { background: $warning 40%; text-style: underline; }
        & > .article-view--empty { color: $text-muted; text-style: italic; }
        & > .article-view--match { background: $success 35%; text-style: bold; }
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--summary",
        "article-view--focus",
        "article-view--topic",
        "article-view--empty",
        "article-view--match",
    }

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("home", "scroll_home", "Top", show=False),
        Binding("end", "scroll_end", "Bottom", show=False),
        Binding("q,escape,h,left", "screen.go_back", "Back", tooltip="Back to the article list",
                id="text.back"),
    ]
    """Scrolling keys (hidden from the footer), and the keys back to the list."""

    show_summary: reactive[bool] = reactive(True)
    """Whether the summary sentences are highlighted in the text."""

    empty_text: str = "Select an article"

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article: Article | None = None
        self._body = ""
        self._header: list[Text] = []
        self._header_lines: list[tuple[str, str]] = []
        self._lines: list[tuple[int, int]] = []
        self._starts: list[int] = []
        self._summary_spans: list[tuple[int, int]] = []
        self._topic_spans: list[tuple[int, int]] = []
        self._focus_span: tuple[int, int] | None = None
        self._match_spans: list[tuple[int, int]] = []
        self._wrapped_width = -1

    # -- content ------------------------------------------------------------------------------

    def set_article(self, article: Article | None) -> None:
        """Show `article` (or nothing) from the top, with no highlights yet."""
        self.article = article
        self._body = reflow(safe_body(article.body)) if article else ""
        self._summary_spans = []
        self._topic_spans = []
        self._focus_span = None
        self._header = []
        if article is not None:
            self._header.append(Text(one_line(article.title or "Untitled"), style="bold"))
            meta = [one_line(x) for x in (article.source, article.author,
                                          full_date(article.published)) if x]
            if meta:
                self._header.append(Text(" · ".join(meta)))
            if article.url:
                self._header.append(Text(one_line(article.url)))
            if article.tags:
                self._header.append(Text("Tags: " + ", ".join(one_line(t) for t in article.tags)))
        self._rewrap(force=True)
        self.scroll_to(y=0, animate=False)

    def set_summary_spans(self, spans: Iterable[tuple[int, int]]) -> None:
        self._summary_spans = sorted(spans)
        self.refresh()

    def set_topic_spans(self, spans: Iterable[tuple[int, int]]) -> None:
        self._topic_spans = sorted(spans)
        self.refresh()

    def set_match_spans(self, spans: Iterable[tuple[int, int]]) -> None:
        """Mark the words a search matched (`summarize.library.store.match_spans`)."""
        self._match_spans = sorted(spans)
        self.refresh()

    @property
    def match_spans(self) -> Sequence[tuple[int, int]]:
        return self._match_spans

    @property
    def topic_spans(self) -> Sequence[tuple[int, int]]:
        return self._topic_spans

    @property
    def focus_span(self) -> tuple[int, int] | None:
        return self._focus_span

    def visible_span(self) -> tuple[int, int] | None:
        """The body characters on screen (start, end), or None when no body line is."""
        if not self._lines:
            return None
        top = int(self.scroll_y) - len(self._header_lines)
        bottom = top + max(1, self.scrollable_content_region.height) - 1
        top, bottom = max(0, top), min(len(self._lines) - 1, bottom)
        if bottom < top:
            return None
        return self._lines[top][0], self._lines[bottom][1]

    def watch_show_summary(self) -> None:
        self.refresh()

    def line_of(self, offset: int) -> int:
        """The display line (header included) holding body character `offset`."""
        if not self._starts:
            return 0
        return len(self._header_lines) + max(0, bisect_right(self._starts, offset) - 1)

    def show_span(self, start: int, end: int, *, focus: bool = True) -> None:
        """Scroll so body characters `start:end` are in view (a line of context above); a span
        on the first page shows the page from the top, so the title stays on screen."""
        if focus:
            self._focus_span = (start, end)
        line = self.line_of(start)
        self.scroll_to(y=0 if line < self.scrollable_content_region.height - 1 else line - 1,
                       animate=False)
        self.refresh()

    # -- layout -------------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        self._rewrap()

    def _rewrap(self, *, force: bool = False) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            width = 60
        if not force and width == self._wrapped_width:
            return
        self._wrapped_width = width
        self._header_lines = []
        console = self.app.console
        for i, text in enumerate(self._header):
            cls = "article-view--title" if i == 0 else "article-view--meta"
            self._header_lines.extend((line.plain, cls) for line in text.wrap(console, width))
        if self._header:
            self._header_lines.append(("", "article-view--meta"))
        self._lines = wrap_offsets(self._body, width) if self._body else []
        self._starts = [s for s, _ in self._lines]
        self.virtual_size = Size(width, len(self._header_lines) + len(self._lines))
        self.refresh()

    # -- rendering ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_y)
        base = self.rich_style
        if self.article is None:
            if y == 0:
                style = base + self.get_component_rich_style("article-view--empty")
                return Strip([Segment(self.empty_text, style)]).adjust_cell_length(width, base)
            return Strip.blank(width, base)
        if index < len(self._header_lines):
            plain, cls = self._header_lines[index]
            style = base + self.get_component_rich_style(cls)
            return Strip([Segment(plain, style)]).adjust_cell_length(width, base)
        index -= len(self._header_lines)
        if index >= len(self._lines):
            return Strip.blank(width, base)
        start, end = self._lines[index]
        return Strip(self._styled(start, end, base)).adjust_cell_length(width, base)

    def _styled(self, start: int, end: int, base: Style) -> list[Segment]:
        """The segments of body[start:end] with every highlight that overlaps it."""
        layers: list[tuple[tuple[int, int], Style]] = []
        get = self.get_component_rich_style
        if self.show_summary:
            summary_style = get("article-view--summary")
            layers += [(span, summary_style) for span in _overlapping(self._summary_spans, start, end)]
        if self._focus_span and self._focus_span[0] < end and self._focus_span[1] > start:
            layers.append((self._focus_span, get("article-view--focus")))
        topic_style = get("article-view--topic")
        layers += [(span, topic_style) for span in _overlapping(self._topic_spans, start, end)]
        match_style = get("article-view--match")
        layers += [(span, match_style) for span in _overlapping(self._match_spans, start, end)]
        if not layers:
            return [Segment(self._body[start:end], base)]
        layers = [(self._trimmed(span), style) for span, style in layers]
        cuts = {start, end}
        for (s, e), _ in layers:
            cuts.add(min(max(s, start), end))
            cuts.add(min(max(e, start), end))
        points = sorted(cuts)
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            if a == b:
                continue
            style = base
            for (s, e), layer in layers:
                if s <= a and b <= e:
                    style = style + layer
            segments.append(Segment(self._body[a:b], style))
        return segments

    def _trimmed(self, span: tuple[int, int]) -> tuple[int, int]:
        """`span` without the whitespace at its end (a highlight ends at the last character)."""
        s, e = span
        while e > s and self._body[e - 1].isspace():
            e -= 1
        return s, e


def _overlapping(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [span for span in spans if span[0] < end and span[1] > start]
