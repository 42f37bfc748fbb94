"""Pilot tests of the unread flow: n/N, Space through the articles, mark all read, the unread count,
and the vim-style list keys (g, G, Ctrl+D, Ctrl+U) with the position under the list.

Each test reads what the library stored (a second connection on the same file) to check marks.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from summarize.library.store import Library
from tui.app import NewsdeskApp, make_app
from tui.article_list import ArticleList
from tui.config import ReaderConfig, load_config, save_config
from tui.confirm_dialog import ConfirmDialog
from tui_fixtures import app, config_path  # noqa: F401
from tui_support import settle

SIZE = (120, 36)




def _stored_read(library_path: Path) -> dict[int, bool]:
    with Library(library_path) as library:
        return {r.id: r.read for r in library.list()}


async def test_n_and_shift_n_go_to_unread_articles_and_mark_them_read(
    app: NewsdeskApp, library_path: Path
) -> None:
    rows = Library(library_path).list()
    Library(library_path).mark([rows[1].id, rows[2].id], read=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert articles.cursor == 0
        await pilot.press("n")  # rows 1 and 2 are read: the next unread is row 3
        await settle(pilot)
        assert articles.cursor == 3
        assert app.reader.article is not None and app.reader.article.id == rows[3].id
        assert _stored_read(library_path)[rows[3].id] is True
        await pilot.press("N")  # back over the read ones to row 0
        await settle(pilot)
        assert articles.cursor == 0
        assert _stored_read(library_path)[rows[0].id] is True
        await pilot.press("N")  # nothing above: it says so and stays
        await settle(pilot)
        assert articles.cursor == 0
        assert any("No unread articles above" in str(n.message) for n in app._notifications)


async def test_the_title_counts_unread_and_follows_marks(app: NewsdeskApp, library_path: Path) -> None:
    total = len(Library(library_path).list())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        title = str(app.reader.list_pane.border_title)
        assert title == f"Articles · {total} · {total} unread"
        await pilot.press("r")
        await settle(pilot)
        assert str(app.reader.list_pane.border_title) == f"Articles · {total} · {total - 1} unread"


async def test_space_pages_the_text_then_goes_to_the_next_unread(
    app: NewsdeskApp, library_path: Path
) -> None:
    rows = Library(library_path).list()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")  # the text pane
        view = app.reader.article_view
        assert view.max_scroll_y > 0, "the first sample is longer than a screen"
        pages = 0
        while view.scroll_y < view.max_scroll_y:
            await pilot.press("space")
            await pilot.pause()
            pages += 1
            assert pages < 50
        assert app.reader.article is not None and app.reader.article.id == rows[0].id
        await pilot.press("space")  # at the end: the next one, the one read marked
        await settle(pilot)
        assert app.reader.article is not None and app.reader.article.id == rows[1].id
        assert app.focused is view
        stored = _stored_read(library_path)
        assert stored[rows[0].id] and stored[rows[1].id] and not stored[rows[2].id]
        # in the search box Space is a space
        await pilot.press("slash", *"night", "space", *"fer")
        assert app.query_one("#search", Input).value == "night fer"


async def test_opening_does_not_mark_read_when_configured_so(
    library_path: Path, config_path: Path
) -> None:
    save_config(ReaderConfig(method="lead", mark_read_on_open=False), config_path)
    assert load_config(config_path).mark_read_on_open is False
    app = make_app(library_path, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")
        await settle(pilot)
        assert app.query_one(ArticleList).cursor == 1
        assert not any(_stored_read(library_path).values())


async def test_mark_all_read_asks_first(app: NewsdeskApp, library_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("A")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert not any(_stored_read(library_path).values())
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert all(_stored_read(library_path).values())
        assert all(r.read for r in app.query_one(ArticleList).rows)
        assert "unread" not in str(app.reader.list_pane.border_title)


async def test_mark_all_read_in_a_search_marks_only_its_hits(
    app: NewsdeskApp, library_path: Path
) -> None:
    hits = {h.row.id for h in Library(library_path).search("ferry", prefix=True, limit=100)}
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry", "enter")
        await settle(pilot)
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
    stored = _stored_read(library_path)
    assert hits and {i for i, read in stored.items() if read} == hits


async def test_vim_keys_move_the_list_and_the_position_follows(app: NewsdeskApp) -> None:
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        n = len(articles.rows)
        half = articles.scrollable_content_region.height // 2
        await pilot.press("G")
        assert articles.cursor == n - 1
        assert str(app.reader.list_pane.border_subtitle) == f"{n}/{n}"
        await pilot.press("g")
        assert articles.cursor == 0
        await pilot.press("ctrl+d")
        assert articles.cursor == half
        await pilot.press("ctrl+u")
        assert articles.cursor == 0
        assert str(app.reader.list_pane.border_subtitle) == f"1/{n}"
