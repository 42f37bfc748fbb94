"""The feed sidebar: All, Unread, Starred and every feed with its unread count; Enter filters the
list to one of them. Feeds are managed from here (add, rename, remove, import OPML).

It only renders what the reader screen loads for it (`set_feeds`) and posts what the user chose;
the reader does the library work in its workers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from summarize.sanitize import one_line

if TYPE_CHECKING:
    from summarize.ingest.feeds import Feed

ALL, UNREAD, STARRED = "all", "unread", "starred"
"""The views above the feeds."""
WIDTH = 28
"""The sidebar's width in cells."""
ENTRY_WIDTH = WIDTH - 4
"""An entry's width: the sidebar's less its border and the scrollbar's gutter. Fixed rather than
measured, because the entries are often built before the sidebar is first laid out."""


@dataclass(frozen=True, slots=True)
class FeedView:
    """What the list shows: every article, the unread, the starred, or one feed's."""

    kind: str
    """`ALL`, `UNREAD`, `STARRED` or "feed"."""
    feed_id: int | None = None
    name: str = ""


class FeedSidebar(OptionList):
    """Views and feeds, each with its unread count; Enter (or a click) chooses one."""

    DEFAULT_CSS = f"""
    FeedSidebar {{
        width: {WIDTH};
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        &:focus {{ border: round $accent; }}
    }}
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_feed", "Add feed", tooltip="Subscribe to a feed by its URL", id="feed.add"),
        Binding("e", "rename_feed", "Rename", tooltip="Rename the highlighted feed", id="feed.rename"),
        Binding("d,delete", "remove_feed", "Remove", tooltip="Unsubscribe from the highlighted feed",
                id="feed.remove"),
        Binding("i", "import_opml", "Import OPML", tooltip="Subscribe to the feeds in an OPML file",
                id="feed.import"),
    ]
    """Feed management, while the sidebar has the focus."""

    @dataclass
    class Chosen(Message):
        """The user chose a view or a feed."""

        view: FeedView

    @dataclass
    class Manage(Message):
        """The user asked to add, rename, remove or import (`action`), on `view`'s feed."""

        action: str
        view: FeedView | None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: list[FeedView] = []

    def on_mount(self) -> None:
        self.border_title = "Feeds"

    def set_feeds(
        self, feeds: Sequence[Feed], unread: Mapping[int, int], *, total: int, unread_total: int,
        starred: int,
    ) -> None:
        """Show the views and `feeds` with their counts; the highlight stays on the same entry."""
        current = self.current_view
        width = ENTRY_WIDTH
        views = [FeedView(ALL, name="All"), FeedView(UNREAD, name="Unread"),
                 FeedView(STARRED, name="Starred")]
        counts = [total, unread_total, starred]
        for feed in feeds:
            views.append(FeedView("feed", feed.id, one_line(feed.name or feed.url)))
            counts.append(unread.get(feed.id, 0))
        options: list[Option | None] = []
        for i, (view, count) in enumerate(zip(views, counts, strict=True)):
            if i == 3:
                options.append(None)  # a rule between the views and the feeds
            options.append(Option(_entry(view.name, count, width, bold=view.kind == "feed" and count > 0)))
        self.views = views
        self.set_options(options)
        self.highlighted = 0
        if current is not None:
            for i, view in enumerate(views):
                if view.kind == current.kind and view.feed_id == current.feed_id:
                    self.highlighted = i
                    break

    @property
    def current_view(self) -> FeedView | None:
        """The highlighted entry."""
        index = self.highlighted
        if index is None or not self.views:
            return None
        return self.views[index] if 0 <= index < len(self.views) else None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        view = self.current_view
        if view is not None:
            self.post_message(self.Chosen(view))

    def _feed_view(self) -> FeedView | None:
        view = self.current_view
        if view is None or view.kind != "feed":
            self.notify("Highlight a feed first", severity="warning", markup=False)
            return None
        return view

    def action_add_feed(self) -> None:
        self.post_message(self.Manage("add", None))

    def action_import_opml(self) -> None:
        self.post_message(self.Manage("import", None))

    def action_rename_feed(self) -> None:
        if (view := self._feed_view()) is not None:
            self.post_message(self.Manage("rename", view))

    def action_remove_feed(self) -> None:
        if (view := self._feed_view()) is not None:
            self.post_message(self.Manage("remove", view))


def _entry(name: str, count: int, width: int, *, bold: bool) -> Text:
    """`name` and its count right-aligned, in `width` cells; never markup."""
    number = f"{count:,}" if count else ""
    room = max(1, width - cell_len(number) - 1)
    label = set_cell_size(name, room) if cell_len(name) <= room else set_cell_size(name, room - 1) + "…"
    return Text.assemble((label, "bold" if bold else ""), " ", (number, "dim"))
