"""Pilot tests of the reader: search, filters and marks, the clipboard and the browser.

Each test drives the app with keys or clicks on a real library in a temporary folder, waits for
its workers (never a blind sleep), and checks widget state against what the core computes.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from summarize.library.store import Library
from tui.app import NewsdeskApp
from tui.article_list import ArticleList
from tui.article_view import ArticleView
from tui_support import SIZE, app, config_path, rendered, settle, shown


async def test_search_lists_matches_and_escape_shows_all(app: NewsdeskApp, library_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        total = len(app.query_one(ArticleList).rows)
        await pilot.press("slash")
        search = app.query_one("#search", Input)
        assert search.has_focus and search.display
        await pilot.press(*"lithium")
        await settle(pilot)
        rows = app.query_one(ArticleList).rows
        expected = [h.row.id for h in Library(library_path).search("lithium", limit=200)]
        assert [r.id for r in rows] == expected
        assert 0 < len(rows) < total
        assert "lithium" in str(app.query_one("#list-pane").border_title)
        await pilot.press("enter")
        assert app.focused is app.query_one(ArticleList)
        await settle(pilot)
        assert shown(app).id == rows[0].id
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert len(app.query_one(ArticleList).rows) == total
        assert not search.has_class("-visible") and not search.display
        # a search with no match says so
        await pilot.press("slash", *"zzqxj")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert not articles.rows
        assert "No articles match" in rendered(articles, 1)[0]
        assert app.reader.article is None


async def test_marks_are_saved_at_once_and_filters_follow_them(
    app: NewsdeskApp, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        first = articles.rows[0]
        assert not first.read and not first.starred
        await pilot.press("r")
        await settle(pilot)
        assert Library(library_path).row(first.id).read
        assert articles.rows[0].read
        await pilot.press("s")
        await settle(pilot)
        assert Library(library_path).row(first.id).starred
        assert "★" in rendered(articles, 1)[0]
        await pilot.press("u")
        await settle(pilot)
        assert first.id not in [r.id for r in articles.rows]
        assert all(not r.read for r in articles.rows)
        assert "Unread" in str(app.query_one("#list-pane").border_title)
        await pilot.press("u", "S")
        await settle(pilot)
        assert [r.id for r in articles.rows] == [first.id]
        await pilot.press("r", "s")
        await settle(pilot)
        row = Library(library_path).row(first.id)
        assert not row.read and not row.starred
        await pilot.press("escape")
        await settle(pilot)
        assert len(articles.rows) == Library(library_path).count()


async def test_enter_opens_marks_read_and_focuses_the_text(app: NewsdeskApp, library_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = app.query_one(ArticleList).rows[2]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert Library(library_path).row(row.id).read
        view = app.query_one(ArticleView)
        assert app.focused is view
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("2")
        assert app.focused is view


async def test_copy_summary(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert app.reader.summary is not None
        assert app.clipboard == app.reader.summary.text
        assert any("Copied the summary" in n.message for n in app._notifications)


@pytest.fixture
def browser_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A real browser command (a script writing its argument to a file) chosen via $BROWSER."""
    log = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{log}"\n')
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # re-read $BROWSER
    monkeypatch.setattr(webbrowser, "_browsers", {})
    yield log


async def test_open_url_runs_the_browser(app: NewsdeskApp, browser_log: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        url = shown(app).url
        assert url
        await pilot.press("o")
        await settle(pilot)
        for _ in range(100):
            if browser_log.exists() and browser_log.read_text():
                break
            await pilot.pause(0.05)
        assert browser_log.read_text() == url
