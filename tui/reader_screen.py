"""The reader's main screen: the article list, the full text, and the Summary and Topics pane.

It owns the workers: every computation is a call into the core (`summarize.library.store.Library`,
`summarize.ingest.inputs`) made in a thread worker, and the widgets only render what the workers send
back. Each request carries a token, so a result that a newer request has overtaken is dropped.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Select, Static
from textual.worker import Worker, WorkerState, get_current_worker

from summarize.ingest.articles import Article
from summarize.errors import LibraryError, NewsdeskError
from summarize.models import Summary, Topic
from summarize.sanitize import one_line
from summarize.summarizer import DEFAULT_METHOD

from .add_dialog import AddArticleDialog
from .article_list import ArticleList
from .article_view import ArticleView
from .browser import browser_command, run_in_terminal, spawn
from .config import MAX_LENGTH, MIN_LENGTH, ReaderConfig
from .confirm_dialog import ConfirmDialog
from .feed_sidebar import STARRED, UNREAD, FeedSidebar, FeedView
from .help_screen import key_label
from .messages import (
    AnalysisReady,
    ArticleLoaded,
    ListLoaded,
    MoreRowsLoaded,
    Progress,
    SentenceChosen,
    TopicChosen,
    TopicFilterRequested,
)
from .prompt_dialog import PromptDialog
from .score_strip import LABEL, LEGEND, ScoreStrip
from .search_box import SearchBox
from .sources import article_from_spec, piped_article
from .summary_pane import SummaryPane
from .topic_chips import TopicChips

if TYPE_CHECKING:
    from summarize.ingest.feeds import FeedResult
    from summarize.library.store import ArticleQuery, Library

    from .app import NewsdeskApp

TOPIC_LIMIT = 8
SEARCH_LIMIT = 200
"""Search hits loaded at a time; the next page loads as the cursor nears the end."""
PAGE_AHEAD = 20
"""Rows before the end of a partly loaded search at which the next page is fetched."""
COALESCE_DELAY = 0.04
"""Seconds the text waits for its summary so both appear in one frame."""
SCROLL_SETTLE = 0.05
"""While an article is still loading, a new cursor position waits this long to be the last."""
BUSY_DELAY = 0.15
"""Seconds of work before the loading indicators appear (fast cached results never flash)."""
FETCH_TIMEOUT = 15.0
"""Seconds the reader's fetch waits on one feed's server."""
LIVE_REFRESH = 2.0
"""Seconds between checks for articles another process (`newsdesk add`, `fetch`) stored."""
FETCH_THREAD = "newsdesk-fetch"
"""Name of the reader's fetching thread (the core's feed threads are `newsdesk-feed-N`)."""


class FetchCancelled(Exception):
    """The user left while feeds were fetching: stop storing what still arrives."""


class ReaderScreen(Screen[None]):
    """The three panes and everything done to the shown article and the list."""

    HORIZONTAL_BREAKPOINTS = [(0, "-single"), (76, "-narrow"), (110, "-wide")]
    """Below 110 columns the list moves above the text instead of beside it; below 76 one pane
    shows at a time (the list, the article, or the summary and topics), the one with the focus."""
    AUTO_FOCUS = "#articles"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search_library", "Search", tooltip="Search the library (full text)", id="search"),
        Binding("escape", "clear_filters", "Show all", show=False,
                tooltip="Leave search and topic filters: show every article", id="clear"),
        Binding("u", "filter_unread", "Unread", show=False,
                tooltip="Show only unread articles (toggle)", id="filter-unread"),
        Binding("S", "filter_starred", "Starred", show=False,
                tooltip="Show only starred articles (toggle)", id="filter-starred"),
        Binding("r", "toggle_read", "Read", show=False, tooltip="Mark the article read or unread",
                id="mark-read"),
        Binding("s", "toggle_star", "Star", tooltip="Star or unstar the article", id="star"),
        Binding("m", "pick_method", "Method", tooltip="Choose the summary method", id="method"),
        Binding("plus,equals_sign", "lengthen_summary", "Longer", show=False,
                tooltip="One more summary sentence", id="longer"),
        Binding("minus", "shorten_summary", "Shorter", show=False,
                tooltip="One summary sentence fewer", id="shorter"),
        Binding("H", "toggle_highlight", "Highlight", show=False,
                tooltip="Highlight the summary sentences in the text (toggle)", id="highlight"),
        Binding("t", "filter_topic", "Topic", show=False,
                tooltip="List the articles sharing the selected topic", id="topic-filter"),
        Binding("o", "open_url", "Browser", show=False,
                tooltip="Open the article's web page in the browser", id="open-url"),
        Binding("c", "copy_summary", "Copy", show=False,
                tooltip="Copy the summary to the clipboard", id="copy"),
        Binding("a", "add_article", "Add", tooltip="Add an article from a file or URL", id="add"),
        Binding("R,F", "fetch_feeds", "Fetch all", tooltip="Fetch new articles from every feed",
                id="fetch"),
        Binding("ctrl+r", "fetch_feed", "Fetch feed",
                tooltip="Fetch the highlighted feed (in the sidebar) or the shown article's feed",
                id="fetch-feed"),
        Binding("b", "toggle_sidebar", "Feeds", tooltip="Show or hide the feed sidebar",
                id="sidebar"),
        Binding("n", "next_unread", "Next unread", show=False,
                tooltip="Go to the next unread article", id="next-unread"),
        Binding("N", "previous_unread", "Previous unread", show=False,
                tooltip="Go to the previous unread article", id="previous-unread"),
        Binding("space", "page_or_next", "Page / next", show=False, priority=True,
                tooltip="Page down the text; at its end go to the next unread article",
                id="page-or-next"),
        Binding("A", "mark_all_read", "All read", show=False,
                tooltip="Mark every article in the list read (asks first)", id="mark-all-read"),
        Binding("y", "copy_link", "Copy link", show=False,
                tooltip="Copy the article's web address to the clipboard", id="copy-link"),
        Binding("D", "delete_article", "Delete", show=False,
                tooltip="Delete the article from the library (asks first)", id="delete"),
        Binding("number_sign", "filter_tag", "Tag", show=False,
                tooltip="List the articles with a tag (the shown article's first, or one typed)",
                id="tag-filter"),
        Binding("O", "cycle_sort", "Sort", show=False,
                tooltip="Sort the list by date, source, title, or unread first (remembered)",
                id="sort"),
        Binding("1", "focus_pane('list')", "List", show=False, tooltip="Focus the article list",
                id="focus-list"),
        Binding("2", "focus_pane('text')", "Text", show=False, tooltip="Focus the full text",
                id="focus-text"),
        Binding("3", "focus_pane('summary')", "Summary", show=False,
                tooltip="Focus the summary sentences", id="focus-summary"),
        Binding("4", "focus_pane('topics')", "Topics", show=False, tooltip="Focus the topics",
                id="focus-topics"),
        Binding("5", "focus_pane('strip')", "Scores", show=False,
                tooltip="Focus the sentence score strip", id="focus-strip"),
    ]
    """The reader's keys; each has an id so users can remap it, and a tooltip for the help."""

    # -- layout ---------------------------------------------------------------------------------

    def __init__(
        self,
        library_path: Path | None,
        methods: dict[str, str],
        *,
        piped_text: str | None = None,
    ) -> None:
        super().__init__()
        self.library_path = library_path
        self.piped_text = piped_text
        self.methods = list(methods)
        self.method_help = methods
        self.library: Library | None = None
        self.unread_only = False
        self.starred_only = False
        self.search_query = ""
        self.topic_label: str | None = None
        self.article: Article | None = None
        self.summary: Summary | None = None
        self.topics: list[Topic] = []
        self._list_token = 0
        self._article_token = 0
        self._pending_article: Article | None = None
        self._busy_timer: Timer | None = None
        self._busy_generation = 0
        self._settle_timer: Timer | None = None
        self._list_title: Content = Content("Articles")
        self._queued: list[tuple[int, str]] = []
        """(article id, action) of the keys pressed while that article was loading."""
        self._list_total: int | None = None
        self._unread_total = 0
        self._paging = False
        self.feed_view: FeedView | None = None
        self.tag_filter: str | None = None
        """The tag the list is filtered to (None: any)."""
        """The feed the list is filtered to (None: every feed)."""
        self._fetching = False
        self._data_version = 0

    def compose(self) -> ComposeResult:
        # The panes are kept as attributes, so a worker result arriving while the app shuts
        # down (and the DOM is gone) is harmless rather than a failed query.
        self.list_pane = Vertical(id="list-pane")
        self.search_input = SearchBox(placeholder="Search the library…", id="search")
        self.article_list = ArticleList(id="articles")
        self.score_strip = ScoreStrip(id="strip")
        self.article_view = ArticleView(id="text")
        self.summary_pane = SummaryPane(self.method_help, self.method, self.length, id="summary")
        self.topics_pane = Vertical(id="topics-pane")
        self.topic_chips = TopicChips(id="topics")
        self.feed_sidebar = FeedSidebar(id="feeds")
        self.strip_label = Static(LABEL, id="strip-label")
        self.strip_label.tooltip = LEGEND
        yield Header(icon="≡")
        with Horizontal(id="main"):
            yield self.feed_sidebar
            with self.list_pane:
                yield self.search_input
                yield self.article_list
            with Horizontal(id="detail"):
                with Vertical(id="reader-pane"):
                    with Horizontal(id="strip-row"):
                        yield self.strip_label
                        yield self.score_strip
                    yield self.article_view
                with Vertical(id="side"):
                    yield self.summary_pane
                    with self.topics_pane:
                        yield self.topic_chips
        yield Footer()

    @property
    def method(self) -> str:
        return self._settings().method or DEFAULT_METHOD

    @property
    def length(self) -> int:
        return self._settings().length

    def _settings(self) -> ReaderConfig:
        return self._app().config

    def _app(self) -> NewsdeskApp:
        return self.app  # type: ignore[return-value]

    def _set_config(self, **changes: Any) -> None:
        self._app().save_settings(**changes)

    def _lib(self) -> Library:
        """The open library (workers run only after it is open)."""
        if self.library is None:
            raise LibraryError("the library is not open")
        return self.library

    def on_mount(self) -> None:
        self.watch(self.article_view, "scroll_y", self._text_scrolled, init=False)
        self.feed_sidebar.display = self._settings().sidebar
        self.topics_pane.border_title = "Topics"
        self.add_class("-show-list")
        self.query_one("#reader-pane").border_title = "Article"
        self._set_list_title("Articles", None)
        articles = self.article_list
        articles.empty_text = "Opening the library…"
        articles.focus()
        self._open_library()

    # -- library --------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="library")
    def _open_library(self) -> None:
        """Open (or create and seed) the library, keep any piped text in it, then list it."""
        from summarize.library.store import Library

        library = Library(self.library_path)
        self.library = library
        select_id = None
        if self.piped_text and self.piped_text.strip():
            try:
                select_id = library.add(piped_article(self.piped_text)).id
            except NewsdeskError as e:  # unusable piped text must not keep the library shut
                self.app.call_from_thread(
                    self.notify, f"stdin: {one_line(str(e))}", title="Error", severity="error",
                    markup=False,
                )
        self.app.call_from_thread(self._library_ready, select_id)

    def _library_ready(self, select_id: int | None) -> None:
        self.reload_list(select_id=select_id)
        self._refresh_sidebar()
        self._data_version = self._lib().data_version()
        self.set_interval(LIVE_REFRESH, self._check_for_changes)

    def reload_list(self, *, select_id: int | None = None) -> None:
        """Load the list for the current search/filters in a worker."""
        if self.library is None:
            return
        self._list_token += 1
        self._load_list(self._list_token, self.search_query, self.topic_label, self.unread_only,
                        self.starred_only, select_id, self._feed_key())

    @work(thread=True, exclusive=True, exit_on_error=False, group="list")
    def _load_list(
        self,
        token: int,
        query: str,
        topic: str | None,
        unread: bool,
        starred: bool,
        select_id: int | None,
        feed: str | None = None,
    ) -> None:
        library = self._lib()
        total = unread_total = None
        if query.strip():
            where = _where(unread=unread, starred=starred, feed=feed)
            hits = library.search(query, where, limit=SEARCH_LIMIT, prefix=True, snippets=False)
            rows = [hit.row for hit in hits]
            total = library.search_count(query, where, prefix=True)
            unread_total = library.search_count(
                query, _where(unread=True, starred=starred, feed=feed), prefix=True)
            title = Content("Search ") + Content(f"“{one_line(query)}”")
        elif topic:
            # stored topics (computed as articles arrive) and the phrase in the text: never
            # a pass over the whole library here
            rows = library.topic_articles(topic, limit=1000)
            rows = [r for r in rows if (not unread or not r.read) and (not starred or r.starred)]
            title = Content("Topic ") + Content(f"“{one_line(topic)}”")
        else:
            tag = self.tag_filter
            where = _where(unread=unread, starred=starred, feed=feed, tag=tag)
            rows = library.list(where, sort=self._settings().sort)
            title = Content("Unread" if unread else "Starred" if starred else "Articles")
            if tag:
                title = Content("Tag ") + Content(f"“{one_line(tag)}”")
            if self.feed_view is not None and feed is not None:
                title = Content("Feed ") + Content(f"“{self.feed_view.name}”")
            if unread and starred:
                title = Content("Unread, starred")
        if not get_current_worker().is_cancelled:
            self.post_message(ListLoaded(token, rows, title, select_id, total, unread_total))

    @on(ListLoaded)
    def _list_loaded(self, message: ListLoaded) -> None:
        if message.token != self._list_token:
            return  # a newer list request overtook this one
        articles = self.article_list
        articles.empty_text = "No articles match" if (self.search_query or self.topic_label) else (
            "No unread articles" if self.unread_only else
            "No starred articles" if self.starred_only else
            "No articles yet: press a to add one"
        )
        searching = bool(self.search_query.strip())
        articles.highlight_query = self.search_query if searching else ""
        # while typing a search the shown article stays until the user picks another
        articles.set_rows(message.rows, select_id=message.select_id,
                          quiet=searching and self.article is not None)
        self._list_title = message.title
        self._list_total = message.total
        self._unread_total = (message.unread if message.unread is not None
                              else sum(1 for r in message.rows if not r.read))
        self._paging = False
        self._refresh_list_title()
        if self.article is not None:
            self.article_view.set_match_spans(self._matches(self.article.body))

    def _refresh_list_title(self) -> None:
        """`Articles · 1,204 · 19 unread` over the list, and the cursor's place under it. In the
        Unread view the one count is the unread one: rows read there stay on screen, but the
        count follows the marks."""
        total = self._list_total if self._list_total is not None else len(self.article_list.rows)
        if self.unread_only:
            text = self._list_title + Content(f" · {self._unread_total:,}")
        else:
            text = self._list_title + Content(f" · {total:,}")
            if self._unread_total:
                text = text + Content(f" · {self._unread_total:,} unread")
        self.list_pane.border_title = text
        self._show_position()

    def _show_position(self) -> None:
        articles = self.article_list
        if not articles.rows:
            self.list_pane.border_subtitle = None
            return
        total = max(self._list_total or 0, len(articles.rows))
        self.list_pane.border_subtitle = Content(f"{articles.cursor + 1:,}/{total:,}")

    def _matches(self, text: str) -> list[tuple[int, int]]:
        """Where the current search's words are in `text` (nothing when not searching)."""
        if not self.search_query.strip():
            return []
        from summarize.library.store import match_spans

        return match_spans(text, self.search_query)

    def _more_rows_wanted(self) -> None:
        """Near the end of a search's loaded rows: fetch the next page (once at a time)."""
        articles = self.article_list
        loaded = len(articles.rows)
        if (self._paging or not self.search_query.strip() or self._list_total is None
                or loaded >= self._list_total or articles.cursor < loaded - PAGE_AHEAD):
            return
        self._paging = True
        self._load_more(self._list_token, self.search_query, loaded, self.unread_only,
                        self.starred_only)

    @work(thread=True, exclusive=True, exit_on_error=False, group="more")
    def _load_more(self, token: int, query: str, offset: int, unread: bool, starred: bool) -> None:
        where = _where(unread=unread, starred=starred, feed=self._feed_key())
        hits = self._lib().search(query, where, limit=SEARCH_LIMIT, offset=offset, prefix=True,
                                  snippets=False)
        if not get_current_worker().is_cancelled:
            self.post_message(MoreRowsLoaded(token, [hit.row for hit in hits]))

    @on(MoreRowsLoaded)
    def _more_rows_loaded(self, message: MoreRowsLoaded) -> None:
        if message.token != self._list_token:
            return
        self._paging = False
        if message.rows:
            self.article_list.append_rows(message.rows)
            self._show_position()
            self._more_rows_wanted()

    def _set_list_title(self, title: str | Content, count: int | None) -> None:
        pane = self.list_pane
        text = title if isinstance(title, Content) else Content(title)
        if count is not None:
            text = text + Content(f" · {count}")
        pane.border_title = text

    # -- the shown article ----------------------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _row_highlighted(self, message: ArticleList.Highlighted) -> None:
        self._show_position()
        self._more_rows_wanted()
        row = message.row
        if row is None:
            self._article_token += 1
            self._show_article(None)
            return
        if self.article is not None and self.article.id == row.id:
            return
        self._article_token += 1
        token, article_id = self._article_token, row.id
        if self._settle_timer is not None:
            self._settle_timer.stop()
            self._settle_timer = None
        if self._article_workers_running():
            # the cursor is racing through the list (a key held down): start the next load once
            # it rests for `SCROLL_SETTLE`, instead of one summary per row passed
            self._settle_timer = self.set_timer(
                SCROLL_SETTLE, lambda: self._start_load(token, article_id)
            )
        else:
            self._start_load(token, article_id)

    def _start_load(self, token: int, article_id: int) -> None:
        if token != self._article_token:
            return  # the cursor moved on meanwhile
        self._set_busy(True, topics=True)
        self._load_article(token, article_id, self.method, self.length)

    def _article_workers_running(self) -> bool:
        return any(w.group == "article" and w.is_running for w in self.workers)

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def _load_article(self, token: int, article_id: int, method: str, length: int) -> None:
        """Fetch the article (shown at once if the rest is slow); then its summary and topics."""
        library = self._lib()
        article = library.get(article_id)
        worker = get_current_worker()
        if worker.is_cancelled:
            return
        self.post_message(ArticleLoaded(token, article))
        summary = library.summary(article_id, method=method, sentences=length)
        if worker.is_cancelled:
            return
        topics = library.topics(article_id, limit=TOPIC_LIMIT)
        if not worker.is_cancelled:
            self.post_message(AnalysisReady(token, article_id, summary, topics))

    def _show_article(self, article: Article | None) -> None:
        self._pending_article = None
        self.article = article
        self.summary = None
        self.topics = []
        self.article_view.set_article(article)
        self.article_view.set_match_spans(self._matches(article.body) if article else [])
        self.score_strip.set_summary(None)
        if article is None:
            self.summary_pane.set_summary(None)
            self.topic_chips.set_topics([])
            self._set_busy(False)

    @on(ArticleLoaded)
    def _article_loaded(self, message: ArticleLoaded) -> None:
        """Hold the text back for `COALESCE_DELAY`: if the summary lands by then, both show in
        one frame (a cached summary takes a millisecond); if not, the text shows alone."""
        if message.token != self._article_token:
            return
        if self.article is not None and self.article.id == message.article.id:
            return  # already shown (only the summary is being redone): keep the reader's place
        self._pending_article = message.article
        token = message.token

        def show_text() -> None:
            pending = self._pending_article
            if pending is not None and token == self._article_token:
                self._show_article(pending)

        self.set_timer(COALESCE_DELAY, show_text)

    @on(AnalysisReady)
    def _analysis_ready(self, message: AnalysisReady) -> None:
        if message.token != self._article_token:
            return
        pending = self._pending_article
        if pending is not None and pending.id == message.article_id:
            self._show_article(pending)
        if self.article is None or message.article_id != self.article.id:
            return
        summary = message.summary
        self.summary = summary
        self._set_busy(False)
        self.summary_pane.set_summary(summary)
        view = self.article_view
        view.set_summary_spans([(s.start, s.end) for s in summary.sentences] if summary else [])
        if summary is not None:
            strip = self.score_strip
            strip.set_summary(summary)
            strip.set_viewport(view.visible_span())
            self.strip_label.update(strip.label)
        if message.topics is not None and message.topics != self.topics:
            self.topics = list(message.topics)
            self.topic_chips.set_topics(self.topics)
            view.set_topic_spans([])
        self._run_queued()

    def _wait_for_article(self, action: str) -> bool:
        """Whether the highlighted article is still loading; if so `action` runs once it has
        loaded (a key pressed meanwhile acts on that article, not on nothing or the last one)."""
        row = self.article_list.current
        if row is None or (self.article is not None and self.article.id == row.id
                           and self.summary is not None):
            return False
        self._queued.append((row.id, action))
        return True

    def _run_queued(self) -> None:
        queued, self._queued = self._queued, []
        for article_id, action in queued:
            if self.article is not None and article_id == self.article.id:
                self.call_later(self.run_action, action)

    def _set_busy(self, busy: bool, *, topics: bool = True) -> None:
        """Show the loading indicators if the work takes longer than `BUSY_DELAY` (no flicker)."""
        self._busy_generation += 1
        generation = self._busy_generation
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
        panes = [self.summary_pane, self.topics_pane]
        if busy:

            def show() -> None:
                # a timer event already queued when the work finished must not show the indicator
                if generation == self._busy_generation:
                    for pane in panes[: 2 if topics else 1]:
                        pane.loading = True

            self._busy_timer = self.set_timer(BUSY_DELAY, show)
        else:
            for pane in panes:
                pane.loading = False

    # -- linking the panes ----------------------------------------------------------------------

    @on(SentenceChosen)
    def _sentence_chosen(self, message: SentenceChosen) -> None:
        """Scroll the text to the sentence; the strip's marker follows, wherever it came from."""
        self.article_view.show_span(message.start, message.end)
        self.score_strip.marker = message.index

    @on(TopicChosen)
    def _topic_chosen(self, message: TopicChosen) -> None:
        view = self.article_view
        if message.topic is None:
            view.set_topic_spans([])
            return
        view.set_topic_spans(message.topic.spans)
        if message.topic.spans:
            start, end = message.topic.spans[0]
            view.show_span(start, end, focus=False)

    @on(TopicFilterRequested)
    def _topic_filter(self, message: TopicFilterRequested) -> None:
        self.topic_label = message.topic.label
        self.search_query = ""
        self._hide_search()
        self.reload_list(select_id=self.article.id if self.article else None)

    @on(ArticleList.Opened)
    def _row_opened(self, message: ArticleList.Opened) -> None:
        if self.article is None or self.article.id != message.row.id:
            # the list moved under a search while the old article stayed: show the chosen one
            self._row_highlighted(ArticleList.Highlighted(self.article_list, message.row))
        if not message.row.read and self._settings().mark_read_on_open:
            self._mark(message.row.id, read=True)
        self._focus(self.article_view)

    def _focus(self, widget: Widget) -> None:
        """Focus `widget`, first showing its pane when one pane shows at a time."""
        self._show_pane_of(widget)
        widget.focus()

    def _show_pane_of(self, widget: Widget) -> None:
        panes = {"list-pane": "-show-list", "reader-pane": "-show-article", "side": "-show-side"}
        shown = next((panes[n.id] for n in widget.ancestors_with_self if n.id in panes), None)
        if shown is not None and not self.has_class(shown):
            self.remove_class(*panes.values())
            self.add_class(shown)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_pane_of(event.widget)

    def action_go_back(self) -> None:
        """Back one level (q, Esc, h or ← in the article): to the list; with one pane at a
        time, from the summary or topics to the article first."""
        focused = self.focused
        if self.has_class("-single") and focused is not None and focused not in (
            self.article_view, self.article_list
        ) and self.query_one("#side") in focused.ancestors:
            self._focus(self.article_view)
        else:
            self._focus(self.article_list)

    @on(Select.Changed, "#method")
    def _method_changed(self, event: Select.Changed) -> None:
        value = event.value
        if isinstance(value, str) and value != self.method:
            self._set_config(method=value)
            self._refresh_summary()

    # -- actions --------------------------------------------------------------------------------

    def palette_actions(self) -> list[tuple[str, str, str]]:
        """(title, help, action) of every command the palette offers (quit and theme are
        Textual's own palette entries)."""
        keymap = self._settings().keymap
        out = [("Show every key binding", f"Help ({key_label(keymap.get('help', 'f1,question_mark'))})",
                "app.show_help")]
        for b in self.BINDINGS:
            assert isinstance(b, Binding)
            keys = key_label(keymap.get(b.id or "", b.key))
            out.append((b.tooltip or b.description, f"{b.description} ({keys})", b.action))
        for name in self.methods:
            out.append((f"Method: {name}", self.method_help.get(name) or f"Summarize with {name}",
                        f"set_method('{name}')"))
        return out

    def action_search_library(self) -> None:
        search = self.search_input
        search.add_class("-visible")
        search.focus()

    def _hide_search(self) -> None:
        search = self.search_input
        search.remove_class("-visible")
        if search.value:
            with search.prevent(Input.Changed):
                search.value = ""

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.search_query = event.value
        self.topic_label = None
        self.reload_list()

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.article_list.focus()
        row = self.article_list.current
        if row is not None and (self.article is None or self.article.id != row.id):
            self._row_highlighted(ArticleList.Highlighted(self.article_list, row))  # Enter picks it

    def action_clear_filters(self) -> None:
        changed = bool(self.search_query or self.topic_label or self.unread_only or self.starred_only)
        search = self.search_input
        was_searching = search.has_class("-visible")
        self.search_query = ""
        self.topic_label = None
        self.unread_only = self.starred_only = False
        if self.feed_view is not None or self.tag_filter is not None:
            self.feed_view = None
            self.tag_filter = None
            changed = True
        self._hide_search()
        if was_searching:
            self.article_list.focus()
        if changed:
            self.reload_list(select_id=self.article.id if self.article else None)
        self.topic_chips.selected = None
        self.article_view.set_topic_spans([])

    def action_filter_unread(self) -> None:
        self.unread_only = not self.unread_only
        self.reload_list()

    def action_filter_starred(self) -> None:
        self.starred_only = not self.starred_only
        self.reload_list()

    def action_toggle_read(self) -> None:
        row = self.article_list.current
        if row is not None:
            self._mark(row.id, read=not row.read)

    def action_toggle_star(self) -> None:
        row = self.article_list.current
        if row is not None:
            self._mark(row.id, starred=not row.starred)

    def _mark(self, article_id: int, *, read: bool | None = None, starred: bool | None = None) -> None:
        rows = self.article_list
        for row in rows.rows:
            if row.id == article_id:
                changes = {k: v for k, v in (("read", read), ("starred", starred)) if v is not None}
                rows.update_row(replace(row, **changes))
                self._count_read_change(row.read, read)
                break
        self._refresh_list_title()
        self._save_mark(article_id, read, starred)

    def _count_read_change(self, was_read: bool, read: bool | None) -> None:
        """Keep the title's unread count with the marks made in the reader."""
        if read is not None and read != was_read:
            self._unread_total = max(0, self._unread_total + (-1 if read else 1))
            self._refresh_list_title()

    @work(thread=True, exit_on_error=False, group="mark")
    def _save_mark(self, article_id: int, read: bool | None, starred: bool | None) -> None:
        """Write the mark at once (the row already shows it); reload the row on failure."""
        try:
            self._lib().mark([article_id], read=read, starred=starred)
        except NewsdeskError:
            row = self._lib().row(article_id)
            self.app.call_from_thread(self.article_list.update_row, row)
            raise

    def action_pick_method(self) -> None:
        self._show_pane_of(self.summary_pane)
        self.summary_pane.open_method_picker()

    def action_set_method(self, name: str) -> None:
        if name in self.methods and name != self.method:
            self.summary_pane.set_method(name)  # Select.Changed does the rest

    def action_lengthen_summary(self) -> None:
        self._change_length(+1)

    def action_shorten_summary(self) -> None:
        self._change_length(-1)

    def _change_length(self, step: int) -> None:
        length = max(MIN_LENGTH, min(MAX_LENGTH, self.length + step))
        if length == self.length:
            self.app.bell()
            return
        self._set_config(length=length)
        self.summary_pane.set_length(length)
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        """The method or length changed: the same article again, through the same worker (so
        a load still in flight is replaced, not raced); the text keeps its place."""
        target = self.article or self._pending_article
        if target is None or target.id is None:
            return
        self._article_token += 1
        self._set_busy(True, topics=False)
        self._load_article(self._article_token, target.id, self.method, self.length)

    def action_toggle_highlight(self) -> None:
        view = self.article_view
        view.show_summary = not view.show_summary

    def action_filter_topic(self) -> None:
        if self._wait_for_article("filter_topic"):
            return
        chips = self.topic_chips
        if chips.topics:
            topic = chips.selected or chips.topics[chips.cursor]
            self.post_message(TopicFilterRequested(topic))
        else:
            self.notify("This article has no topics yet", severity="warning", markup=False)

    def action_open_url(self) -> None:
        if self._wait_for_article("open_url"):
            return
        if self.article is None or not self.article.url:
            self.notify("This article has no web address", severity="warning", markup=False)
            return
        url = self.article.url
        command = browser_command(url, self._settings().browser)
        try:
            if not url.startswith(("http://", "https://")):
                raise NewsdeskError(f"not a web address: {one_line(url)}")
            if command is None:
                self._open_browser(url)
            elif command.terminal:
                run_in_terminal(self.app, command)  # the reader is suspended until it exits
            else:
                spawn(command)
        except NewsdeskError as e:
            self.notify(_error_text(e), title="Error", severity="error", timeout=8, markup=False)

    @work(thread=True, exit_on_error=False, group="browser")
    def _open_browser(self, url: str) -> None:
        import webbrowser

        if not url.startswith(("http://", "https://")):
            raise NewsdeskError(f"not a web address: {one_line(url)}")
        if not webbrowser.open(url):
            raise NewsdeskError("no web browser found to open the article")

    def action_copy_summary(self) -> None:
        if self._wait_for_article("copy_summary"):
            return
        if self.summary is None or not self.summary.sentences:
            self.notify("No summary to copy yet", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(self.summary.text)
        n = len(self.summary.sentences)
        self.notify(f"Copied the summary ({n} sentence{'s' if n != 1 else ''})", markup=False)

    def action_add_article(self) -> None:
        if self.library is not None:
            self.app.push_screen(AddArticleDialog(self._add_article))

    def _add_article(self, spec: str) -> None:
        """Read `spec` and keep it (in the dialog's worker thread, which shows the progress and
        any error; an add cancelled while the page loads stores nothing)."""
        from summarize.errors import InputError

        try:
            article = article_from_spec(spec)
        except InputError as e:
            raise InputError(f"{one_line(spec)}: {e}") from None
        if get_current_worker().is_cancelled:
            return
        result = self._lib().add(article)
        self._lib().index_topics(ids=[result.id])  # now, so the topic filter finds it at once
        verb = "Added" if result.created else "Already in the library:"
        self.app.call_from_thread(self.notify, f"{verb} {one_line(article.title)}", markup=False)
        self.app.call_from_thread(self._after_add, result.id)

    def _after_add(self, article_id: int) -> None:
        self.search_query = ""
        self.topic_label = None
        self.unread_only = self.starred_only = False
        self._hide_search()
        self.reload_list(select_id=article_id)

    def action_fetch_feeds(self) -> None:
        if self.library is None:
            return
        self._fetch_feeds()

    @work(exclusive=True, exit_on_error=False, group="feeds")
    async def _fetch_feeds(self, feed_ids: list[int] | None = None) -> None:
        """Fetch every feed (or `feed_ids`) in a daemon thread, with progress under the list.

        Not a thread worker: those are joined when the app exits, and a feed server that does
        not answer would hold `q` for the whole HTTP timeout. Cancelling this worker (leaving
        the reader) tells the thread to store nothing more; `run_reader` does not wait for it.
        """
        cancel = threading.Event()
        errors: list[BaseException] = []

        def run() -> None:
            try:
                self._fetch_in_thread(feed_ids, cancel)
            except BaseException as e:  # noqa: BLE001 - handed to the worker to report
                errors.append(e)

        thread = threading.Thread(target=run, name=FETCH_THREAD, daemon=True)
        self._fetching = True
        thread.start()
        try:
            while thread.is_alive():
                await asyncio.sleep(0.05)
        except asyncio.CancelledError:
            cancel.set()
            raise
        finally:
            self._fetching = False
        if errors and not isinstance(errors[0], FetchCancelled):
            raise errors[0]

    def _fetch_in_thread(self, feed_ids: list[int] | None, cancel: threading.Event) -> None:
        feeds = self._lib().list_feeds()
        if feed_ids is not None:
            feeds = [f for f in feeds if f.id in feed_ids]
        if not feeds:
            self.app.call_from_thread(
                self.notify, "No feeds yet: add one with `newsdesk feed add URL`",
                severity="warning", markup=False,
            )
            return
        total = len(feeds)
        done = 0
        self.post_message(Progress("Fetching feeds", 0, total))

        def progress(result: FeedResult) -> None:
            nonlocal done
            if cancel.is_set():
                raise FetchCancelled
            done += 1
            self.post_message(Progress("Fetching feeds", done, total))

        results = self._lib().fetch_feeds(progress=progress, feeds=[f.id for f in feeds],
                                          timeout=FETCH_TIMEOUT)
        if cancel.is_set():
            return
        self.app.call_from_thread(self.reload_list)
        new_ids = [i for r in results for i in r.new_ids]
        if new_ids:
            # the topic filter reads stored topics: compute the new articles' now, between
            # which leaving the reader stops it
            def indexed(done: int, count: int) -> None:
                self.post_message(Progress("Finding topics", done, count))

            self._lib().index_topics(ids=new_ids, stop=cancel.is_set, progress=indexed)
        new = sum(r.added for r in results)
        failed = len([r for r in results if r.error])
        text = f"Fetched {total} feed{'s' if total != 1 else ''}: {new} new article{'s' if new != 1 else ''}"
        if failed:
            text += f", {failed} failed"
        self.app.call_from_thread(
            self.notify, text, severity="warning" if failed else "information", markup=False
        )
        self.app.call_from_thread(self.reload_list)
        self.app.call_from_thread(self._refresh_sidebar)

    @on(Progress)
    def _progress(self, message: Progress) -> None:
        """Long work shows `label done/total` under the list; the subtitle goes when it is done."""
        if message.done < message.total:
            self.list_pane.border_subtitle = Content(f"{message.label} {message.done}/{message.total}…")
        else:
            self._show_position()

    def action_focus_pane(self, pane: str) -> None:
        targets = {
            "list": "#articles",
            "text": "#text",
            "summary": "#sentences",
            "topics": "#topics",
            "strip": "#strip",
        }
        self._focus(self.query_one(targets[pane]))

    # -- feeds ------------------------------------------------------------------------------------

    def _feed_key(self) -> str | None:
        """The list's feed filter as `Library.list(feed=...)` takes it (the feed's id)."""
        return str(self.feed_view.feed_id) if self.feed_view is not None else None

    def action_toggle_sidebar(self) -> None:
        sidebar = self.feed_sidebar
        sidebar.display = not sidebar.display
        self._set_config(sidebar=bool(sidebar.display))
        if sidebar.display:
            sidebar.focus()
            self._refresh_sidebar()
        elif self.focused is None:
            self.article_list.focus()

    def _refresh_sidebar(self) -> None:
        if self.library is not None and self.feed_sidebar.display:
            self._load_feeds()

    @work(thread=True, exclusive=True, exit_on_error=False, group="feed-list")
    def _load_feeds(self) -> None:
        library = self._lib()
        feeds = library.list_feeds()
        unread = library.feed_unread_counts()
        counts = (library.count(), library.count(_where(unread=True)),
                  library.count(_where(starred=True)))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(
                self.feed_sidebar.set_feeds, feeds, unread, total=counts[0],
                unread_total=counts[1], starred=counts[2],
            )

    @on(FeedSidebar.Chosen)
    def _feed_chosen(self, message: FeedSidebar.Chosen) -> None:
        view = message.view
        self.unread_only = view.kind == UNREAD
        self.starred_only = view.kind == STARRED
        self.feed_view = view if view.kind == "feed" else None
        self.search_query = ""
        self.topic_label = None
        self._hide_search()
        self.reload_list()
        self.article_list.focus()

    def action_fetch_feed(self) -> None:
        """Fetch one feed: the sidebar's highlighted one, else the feed of the article shown."""
        if self.library is None:
            return
        view = self.feed_sidebar.current_view if self.feed_sidebar.has_focus else None
        if view is not None and view.kind == "feed" and view.feed_id is not None:
            self._fetch_feeds([view.feed_id])
        elif self.article is not None and self.article.feed_id is not None:
            self._fetch_feeds([self.article.feed_id])
        elif self.feed_view is not None and self.feed_view.feed_id is not None:
            self._fetch_feeds([self.feed_view.feed_id])
        else:
            self.notify("This article is not from a feed: R fetches every feed", severity="warning",
                        markup=False)

    @on(FeedSidebar.Manage)
    def _manage_feed(self, message: FeedSidebar.Manage) -> None:
        view = message.view
        feed_id = view.feed_id if view is not None else None
        action = message.action
        if action == "add":
            dialog: PromptDialog | ConfirmDialog = PromptDialog(
                "Add a feed", "The feed's http(s) URL:", placeholder="https://example.org/feed.xml")
        elif action == "import":
            dialog = PromptDialog("Import OPML", "An OPML file's path or http(s) URL:",
                                  placeholder="~/subscriptions.opml")
        elif action == "rename" and view is not None:
            dialog = PromptDialog("Rename feed", "The feed's name (empty: its own title):",
                                  value=view.name)
        elif action == "remove" and view is not None:
            dialog = ConfirmDialog(f"Unsubscribe from {view.name}? Its articles stay in the library.",
                                   title="Remove feed")
        else:
            return

        def answered(answer: str | bool | None) -> None:
            if answer is None or answer is False or (action in ("add", "import") and not answer):
                return  # cancelled, or nothing typed
            self._feed_job(action, answer if isinstance(answer, str) else "", feed_id)

        self.app.push_screen(dialog, answered)

    @work(thread=True, exit_on_error=False, group="feed-edit")
    def _feed_job(self, action: str, text: str, feed_id: int | None) -> None:
        """Add, rename, remove or import feeds; errors become notifications (`_worker_state`)."""
        library = self._lib()
        fetch: list[int] | None = None
        if action == "add":
            feed = library.add_feed(text)
            note = f"Subscribed to {feed.url}: fetching it"
            fetch = [feed.id]
        elif action == "rename" and feed_id is not None:
            feed = library.rename_feed(feed_id, text or None)
            note = f"Renamed to {feed.name or feed.url}"
        elif action == "remove" and feed_id is not None:
            library.remove_feed(feed_id)
            note = "Unsubscribed; its articles stay in the library"
            if self.feed_view is not None and self.feed_view.feed_id == feed_id:
                self.feed_view = None
        else:
            from summarize.ingest.opml import parse_opml

            outlines = parse_opml(_read_opml(text))
            result = library.import_feeds(outlines)
            added = len(result.added)
            note = (f"Imported {added} new feed{'s' if added != 1 else ''}"
                    f" ({len(outlines)} in the file)")
            if result.rejected:
                url, why = result.rejected[0]
                note += f"; {len(result.rejected)} skipped: {url}: {why}"
            fetch = [] if added else None
        self.app.call_from_thread(self.notify, one_line(note), markup=False)
        self.app.call_from_thread(self._refresh_sidebar)
        self.app.call_from_thread(self.reload_list)
        if fetch is not None:
            self.app.call_from_thread(self._fetch_feeds, fetch or None)

    def _text_scrolled(self) -> None:
        """The score strip marks the sentences on screen, as a minimap of the text."""
        self.score_strip.set_viewport(self.article_view.visible_span())

    # -- daily reading: live refresh, links, deleting, sorting -----------------------------------

    def _check_for_changes(self) -> None:
        if self.library is not None and not self._fetching:
            self._poll_data_version()

    @work(thread=True, exclusive=True, exit_on_error=False, group="poll")
    def _poll_data_version(self) -> None:
        """Reload the list (and the sidebar) when another process has written to the library."""
        version = self._lib().data_version()
        if version != self._data_version:
            self._data_version = version
            self.app.call_from_thread(self._refresh_from_elsewhere)

    def _refresh_from_elsewhere(self) -> None:
        if not self.search_query.strip():  # a search being read keeps its pages
            self.reload_list()
        self._refresh_sidebar()

    def action_copy_link(self) -> None:
        """Copy the web address (OSC 52: works over SSH and in tmux with set-clipboard on)."""
        url = self.article.url if self.article is not None else None
        if not url:
            self.notify("This article has no web address", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied {one_line(url)}", markup=False)

    def action_delete_article(self) -> None:
        row = self.article_list.current
        if row is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._delete_article(row.id)

        self.app.push_screen(
            ConfirmDialog(f"Delete “{one_line(row.title)}” from the library? Its summary and "
                          "topics go with it.", title="Delete article"), answered)

    @work(thread=True, exit_on_error=False, group="mark")
    def _delete_article(self, article_id: int) -> None:
        self._lib().remove([article_id])
        self.app.call_from_thread(self._deleted, article_id)

    def _deleted(self, article_id: int) -> None:
        rows = list(self.article_list.rows)
        index = next((i for i, r in enumerate(rows) if r.id == article_id), None)
        if index is None:
            return
        gone = rows.pop(index)
        following = rows[min(index, len(rows) - 1)].id if rows else None
        if self._list_total is not None:
            self._list_total -= 1
        self._count_read_change(gone.read, True)
        self.article_list.set_rows(rows, select_id=following)
        self._refresh_list_title()
        self._refresh_sidebar()
        self.notify(f"Deleted {one_line(gone.title)}", markup=False)

    def action_filter_tag(self) -> None:
        tags = self.article.tags if self.article is not None else ()

        def answered(tag: str | None) -> None:
            if tag:
                self.tag_filter = tag
                self.search_query = ""
                self.topic_label = None
                self._hide_search()
                self.reload_list(select_id=self.article.id if self.article else None)

        self.app.push_screen(
            PromptDialog("Filter by tag", "Show the articles tagged:", value=tags[0] if tags else "",
                         placeholder=", ".join(tags) or "a tag"), answered)

    def action_cycle_sort(self) -> None:
        from .config import SORTS

        order = SORTS[(SORTS.index(self._settings().sort) + 1) % len(SORTS)]
        self._set_config(sort=order)
        self.notify(f"Sorted by {order}" if order != "unread" else "Unread first", markup=False)
        self.reload_list()

    # -- daily reading: unread flow ---------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page_or_next":
            # Space is a priority key (the text pane would page on it otherwise); anywhere but
            # the list and the text (the search box, the topics) it keeps its own meaning.
            return self.focused in (self.article_list, self.article_view)
        return True

    def action_next_unread(self) -> None:
        self._go_unread(+1)

    def action_previous_unread(self) -> None:
        self._go_unread(-1)

    def _go_unread(self, step: int) -> bool:
        """Move to the nearest unread article after (or before) the cursor and open it."""
        articles = self.article_list
        rows = articles.rows
        indices = range(articles.cursor + 1, len(rows)) if step > 0 else range(articles.cursor - 1, -1, -1)
        for i in indices:
            if not rows[i].read:
                articles.cursor = i
                if self._settings().mark_read_on_open:
                    self._mark(rows[i].id, read=True)
                return True
        self.notify("No more unread articles" if step > 0 else "No unread articles above",
                    severity="warning", markup=False)
        return False

    def action_page_or_next(self) -> None:
        """Space: the next page of the text, and at its end the next unread article."""
        view = self.article_view
        if self.article is not None and view.scroll_y < view.max_scroll_y:
            view.scroll_page_down(animate=False)
            return
        row = self.article_list.current
        if row is not None and not row.read and self._settings().mark_read_on_open:
            self._mark(row.id, read=True)
        self._go_unread(+1)

    def action_mark_all_read(self) -> None:
        rows = self.article_list.rows
        total = self._list_total if self._list_total is not None else len(rows)
        if not self._unread_total:
            self.notify("Everything here is read already", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark_all_read(self._list_token, self.search_query, self.unread_only,
                                    self.starred_only, [r.id for r in rows])

        what = f"{self._unread_total:,} unread of the {total:,} articles in this list"
        self.app.push_screen(ConfirmDialog(f"Mark {what} read?", title="Mark all read"), answered)

    @work(thread=True, exit_on_error=False, group="mark")
    def _mark_all_read(
        self, token: int, query: str, unread: bool, starred: bool, ids: list[int]
    ) -> None:
        """Every article of the view, including search hits not loaded yet."""
        library = self._lib()
        if query.strip():
            where = _where(unread=unread, starred=starred)
            total = library.search_count(query, where, prefix=True)
            ids = [h.row.id for h in library.search(query, where, limit=max(1, total),
                                                    prefix=True, snippets=False)]
        library.mark(ids, read=True)
        self.app.call_from_thread(self._marked_all_read, token)

    def _marked_all_read(self, token: int) -> None:
        articles = self.article_list
        for row in list(articles.rows):
            if not row.read:
                articles.update_row(replace(row, read=True))
        if token == self._list_token:
            self._unread_total = 0
            self._refresh_list_title()

    # -- errors ---------------------------------------------------------------------------------

    @on(Worker.StateChanged)
    def _worker_state(self, event: Worker.StateChanged) -> None:
        """The one place worker errors become notifications (and loading indicators stop)."""
        worker = event.worker
        if event.state is WorkerState.ERROR:
            error = worker.error
            self.notify(_error_text(error), title="Error", severity="error", timeout=8, markup=False)
            if worker.group == "library":
                self.article_list.empty_text = "The library could not be opened"
                self.article_list.refresh()
            if worker.group == "article":
                self._set_busy(False)
                self._queued = []
            if worker.group in ("feeds", "list"):
                self._show_position()


def fetch_in_progress() -> bool:
    """Whether feed fetching threads are still running (the reader was left during a fetch)."""
    return any(t.name.startswith(("newsdesk-fetch", "newsdesk-feed")) and t.is_alive()
               for t in threading.enumerate())


def _read_opml(spec: str) -> str:
    """The text of an OPML file given by path or http(s) URL (the dialog's answer), read as
    `newsdesk opml import` reads it: size cap, timeout, the file's own encoding."""
    from summarize.errors import InputError
    from summarize.ingest.inputs import read_text

    if spec.strip() == "-":
        raise InputError("-: the reader reads keys, not a file, from standard input")
    try:
        return read_text(spec).text
    except InputError as e:
        raise InputError(f"{one_line(spec)}: {e}") from None


def _error_text(error: BaseException | None) -> str:
    if isinstance(error, NewsdeskError):
        return one_line(str(error))
    if error is None:
        return "Something went wrong"
    return one_line(f"{type(error).__name__}: {error}")


def _where(
    *, unread: bool = False, starred: bool = False, feed: str | None = None,
    tag: str | None = None,
) -> ArticleQuery:
    """The library query for the list's filters (the store module loads on first use)."""
    from summarize.library.store import ArticleQuery

    return ArticleQuery(unread=unread, starred=starred, feed=feed, tag=tag)
