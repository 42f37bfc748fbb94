"""Helpers, fixtures and sample texts the reader's Pilot and snapshot tests share.

The fixtures are imported by name into each `test_tui_*.py` module (pytest finds fixtures among a
module's globals), so every feature's tests build the app the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed

from summarize.ingest.articles import Article
from tui.app import NewsdeskApp, make_app
from tui.article_list import ArticleList
from tui.article_view import ArticleView
from tui.topic_chips import TopicChips

SIZE = (120, 36)
"""The terminal size of most Pilot tests."""


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker runs and no message is pending (workers start workers)."""
    app = pilot.app
    quiet = 0
    for _ in range(200):
        try:
            await app.workers.wait_for_complete()
        except WorkerFailed:
            pass  # the app turns it into a notification; tests check for that
        except WorkerCancelled:
            pass  # an exclusive worker replaced by a newer request: the newer one is waited on
        await pilot.pause()
        if any(w.is_running for w in app.workers):
            quiet = 0
            continue
        quiet += 1
        if quiet >= 2:
            return
    raise AssertionError("workers never settled")


@pytest.fixture
def config_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("NEWSDESK_CONFIG", str(path))
    return path


@pytest.fixture
def app(library_path: Path, config_path: Path) -> NewsdeskApp:
    return make_app(library_path, config_path=config_path)


def rendered(widget: ArticleList | ArticleView | TopicChips, lines: int | None = None) -> list[str]:
    """The text of the widget's visible lines, as drawn."""
    if isinstance(widget, TopicChips):
        return widget.render().plain.splitlines()
    height = lines or widget.scrollable_content_region.height
    return [widget.render_line(y).text for y in range(height)]


def shown(app: NewsdeskApp) -> Article:
    assert app.reader.article is not None
    return app.reader.article


STORY = (
    "The harbour board of Wexmouth approved a new sea wall on Tuesday. The wall will cost "
    "twelve million pounds and protect four hundred homes. Engineers said work starts in spring. "
    "Residents welcomed the decision after three winters of flooding. The board will publish the "
    "plans next week. Fishermen asked for a gap in the wall for their boats."
)


HOSTILE_TITLE = "[bold red]x[/] \x1b[2Jcleared"


HOSTILE_BODY = (
    "Click [link=https://evil.example]here[/link] for [b]more[/b]. "
    "The council met on Monday to discuss the budget. It agreed to raise the tax. "
    "Residents will pay more from April. \x1b]52;c;ZXZpbA==\x07The mayor defended the plan."
)
