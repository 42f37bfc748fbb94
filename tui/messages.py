"""Messages between the reader's widgets, and the results workers send back to the app.

Widgets post these instead of reaching into each other; the reader screen routes them. Worker
results carry the `token` of the request they answer, so a result that a newer request has made
stale is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message

from summarize.ingest.articles import Article
from summarize.models import Summary, Topic

if TYPE_CHECKING:
    from summarize.library.store import ArticleRow


@dataclass
class SentenceChosen(Message):
    """The user picked a sentence (in the summary or on the score strip): show it in the text."""

    index: int
    start: int
    end: int


@dataclass
class TopicChosen(Message):
    """The user picked a topic chip: highlight its occurrences in the text."""

    topic: Topic | None


@dataclass
class TopicFilterRequested(Message):
    """The user asked for the list of articles sharing a topic."""

    topic: Topic


@dataclass
class ListLoaded(Message):
    """A worker loaded the rows of the article list."""

    token: int
    rows: list[ArticleRow]
    title: Content
    """What the list shows (built from untrusted text: a search query, a topic label)."""
    select_id: int | None = None
    total: int | None = None
    """How many articles the view holds (a search loads them a page at a time); None: `rows`."""
    unread: int | None = None
    """How many of them are unread; None: count `rows`."""


@dataclass
class MoreRowsLoaded(Message):
    """A worker loaded the next page of the current search."""

    token: int
    rows: list[ArticleRow]


@dataclass
class ArticleLoaded(Message):
    """A worker loaded an article (its summary and topics follow in `AnalysisReady`)."""

    token: int
    article: Article


@dataclass
class AnalysisReady(Message):
    """A worker computed the summary (and topics) of the shown article.

    `topics` None means unchanged (only the method or length changed).
    """

    token: int
    article_id: int | None
    summary: Summary | None
    topics: list[Topic] | None = None


@dataclass
class Progress(Message):
    """Long work (fetching feeds, indexing topics) made progress: `done` of `total` steps."""

    label: str
    done: int
    total: int
