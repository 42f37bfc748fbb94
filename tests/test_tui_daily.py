"""Pilot tests of the daily-reader extras: copy the link (y), delete (D), sort (O, remembered),
live refresh from another process's writes, relative dates, and the score strip as a minimap.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from summarize.ingest.articles import Article
from summarize.library.store import ArticleQuery, Library
from tui import reader_screen
from tui.app import NewsdeskApp, make_app
from tui.article_list import ArticleList
from tui.confirm_dialog import ConfirmDialog
from tui.prompt_dialog import PromptDialog
from tui.config import SORTS
from tui.dates import full_date, relative_date
from tui.score_strip import FLAT, ScoreStrip
from tui_fixtures import app, config_path  # noqa: F401
from tui_support import settle

SIZE = (120, 36)




def test_relative_dates() -> None:
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    assert relative_date("2026-03-10T11:59:30Z", now) == "now"
    assert relative_date("2026-03-10T11:15:00Z", now) == "45m"
    assert relative_date("2026-03-10T09:00:00Z", now) == "3h"
    assert relative_date("2026-03-08T12:00:00Z", now) == "2d"
    assert relative_date("2026-03-08", now) == "2d"
    assert relative_date("2026-03-10", now) == "2026-03-10"  # a bare date today: no fake hours
    assert relative_date("2026-02-01T00:00:00Z", now) == "2026-02-01"
    assert relative_date("2026-04-01T00:00:00Z", now) == "2026-04-01"  # the future
    assert relative_date("yesterday-ish", now) == "yesterday-"
    assert relative_date(None, now) == ""
    assert full_date("2026-03-02T07:30:00Z") == "Monday 2 March 2026, 07:30 UTC"
    assert full_date("2026-03-02") == "Monday 2 March 2026"
    assert full_date("sometime") == "sometime"


async def test_y_copies_the_link(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = app.reader.article
        assert article is not None and article.url
        await pilot.press("y")
        assert app.clipboard == article.url


async def test_delete_asks_then_removes_and_moves_on(app: NewsdeskApp, library_path: Path) -> None:
    rows = Library(library_path).list()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert Library(library_path).count() == len(rows)
        await pilot.press("D", "y")
        await settle(pilot)
        with Library(library_path) as library:
            assert [r.id for r in library.list()] == [r.id for r in rows[1:]]
        articles = app.query_one(ArticleList)
        assert [r.id for r in articles.rows] == [r.id for r in rows[1:]]
        assert app.reader.article is not None and app.reader.article.id == rows[1].id
        assert str(app.reader.list_pane.border_title).startswith(f"Articles · {len(rows) - 1}")


async def test_sort_cycles_and_is_remembered(
    app: NewsdeskApp, library_path: Path, config_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for order in SORTS[1:]:
            await pilot.press("O")
            await settle(pilot)
            expected = [r.id for r in Library(library_path).list(sort=order)]
            assert [r.id for r in app.query_one(ArticleList).rows] == expected
            assert tomllib.loads(config_path.read_text())["reader"]["sort"] == order
    titles = [r.title.casefold() for r in Library(library_path).list(sort="title")]
    assert titles == sorted(titles)
    # reopened, the reader keeps the last order
    again = make_app(library_path, config_path=config_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = [r.id for r in Library(library_path).list(sort=SORTS[-1])]
        assert [r.id for r in again.query_one(ArticleList).rows] == expected


async def test_articles_added_elsewhere_appear_without_restarting(
    app: NewsdeskApp, library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader_screen, "LIVE_REFRESH", 0.1)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        shown = app.reader.article
        before = len(app.query_one(ArticleList).rows)
        with Library(library_path) as other:  # another connection, as `newsdesk add` would be
            added = other.add(Article(title="Breaking: the tide is out", source="elsewhere",
                                      body="The tide went out this morning, as it does.",
                                      published="2099-01-01")).id
        for _ in range(100):
            await pilot.pause(0.05)
            if len(app.query_one(ArticleList).rows) > before:
                break
        rows = app.query_one(ArticleList).rows
        assert rows[0].id == added and len(rows) == before + 1
        assert app.reader.article is not None and shown is not None
        assert app.reader.article.id == shown.id  # the article being read stays


async def test_score_strip_marks_the_text_on_screen_and_is_flat_when_scores_tie(
    app: NewsdeskApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        strip = app.query_one(ScoreStrip)
        view = app.reader.article_view
        width = strip.content_region.width
        on_screen = strip.get_component_rich_style("score-strip--viewport")

        def marked() -> list[int]:
            drawn = strip.render()
            return [x for x in range(width)
                    if drawn.get_style_at_offset(app.console, x).underline == on_screen.underline
                    and on_screen.underline]

        top = marked()
        assert top and top[0] == 0 and len(top) < width  # the start of the text is on screen
        await pilot.press("2", "end")
        await pilot.pause()
        bottom = marked()
        assert bottom and bottom[-1] == width - 1 and bottom != top
        assert view.visible_span() is not None
        assert str(app.reader.strip_label.render()) == "scores"
        # equal scores draw a flat line and say so
        summary = app.reader.summary
        assert summary is not None
        strip.set_summary(summary._replace(scores=(0.5,) * len(summary.spans)))
        assert set(strip.render().plain) == {FLAT}
        assert strip.label == "equal scores"


async def test_tags_show_on_the_article_and_filter_the_list(
    app: NewsdeskApp, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = app.reader.article
        assert article is not None and article.tags
        view = app.reader.article_view
        header = [view.render_line(y).text for y in range(8)]
        assert any(line.strip().startswith("Tags: " + article.tags[0]) for line in header)
        await pilot.press("number_sign")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("enter")  # the shown article's first tag
        await settle(pilot)
        expected = [r.id for r in Library(library_path).list(ArticleQuery(tag=article.tags[0]))]
        assert [r.id for r in app.query_one(ArticleList).rows] == expected
        assert 0 < len(expected) < Library(library_path).count()
        assert f"Tag “{article.tags[0]}”" in str(app.reader.list_pane.border_title)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.query_one(ArticleList).rows) == Library(library_path).count()
