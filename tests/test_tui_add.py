"""Pilot tests of the reader: new articles in the reader: the add dialog (file, URL, errors), feeds, piped text.

Each test drives the app with keys or clicks on a real library in a temporary folder, waits for
its workers (never a blind sleep), and checks widget state against what the core computes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Label

from httpserver import HTTPServer, RequestHandler, Route, start_server

from summarize.library.store import Library
from tui.add_dialog import AddArticleDialog
from tui.app import NewsdeskApp, make_app
from tui.article_list import ArticleList
from tui.help_screen import HelpScreen
from tui_support import (
    HOSTILE_TITLE, SIZE, STORY, app, config_path, settle, shown,
)


async def test_add_article_from_a_file(app: NewsdeskApp, tmp_path: Path, library_path: Path) -> None:
    path = tmp_path / "wexmouth-sea-wall.txt"
    path.write_text(STORY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = Library(library_path).count()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        await settle(pilot)
        assert Library(library_path).count() == before + 1
        assert shown(app).body == STORY
        assert app.query_one(ArticleList).current.title == "wexmouth sea wall"
        # the same text again is not stored twice
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        await settle(pilot)
        assert Library(library_path).count() == before + 1
        assert any("Already in the library" in n.message for n in app._notifications)


async def test_add_article_from_a_url(app: NewsdeskApp, http_server: HTTPServer) -> None:
    url = http_server.route("/story.html", Route(
        ("<html><head><title>Sea wall for Wexmouth</title></head><body><article><h1>Sea wall for"
         f" Wexmouth</h1><p>{STORY}</p><p>{STORY.replace('Wexmouth', 'Porthaven')}</p>"
         "</article></body></html>").encode(), content_type="text/html; charset=utf-8"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*url, "enter")
        await settle(pilot)
        article = shown(app)
        assert "Wexmouth" in article.title
        assert "sea wall" in article.body
        assert article.source == "127.0.0.1"


async def test_add_errors_show_in_the_dialog_which_keeps_the_typed_path(
    app: NewsdeskApp, tmp_path: Path, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = Library(library_path).count()
        await pilot.press("a")
        await pilot.pause()
        missing = str(tmp_path / "missing.txt")
        await pilot.press(*missing, "enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, AddArticleDialog)  # still open, to correct the path
        assert dialog.query_one("#add-input", Input).value == missing
        status = str(dialog.query_one("#add-status", Label).render())
        assert "missing.txt" in status and "no such file" in status
        assert dialog.query_one("#add-status").has_class("-error")
        assert app.focused is dialog.query_one("#add-input")
        # corrected in place, the same dialog adds it
        (tmp_path / "found.txt").write_text(STORY)
        await pilot.press(*["backspace"] * len("missing.txt"), *"found.txt", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, AddArticleDialog)
        assert Library(library_path).count() == before + 1
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("x", "escape")
        await settle(pilot)
        assert Library(library_path).count() == before + 1
        assert not isinstance(app.screen, (HelpScreen, AddArticleDialog))


@pytest.fixture
def slow_server() -> Iterator[tuple[str, threading.Event]]:
    """A real HTTP server on 127.0.0.1 whose page is sent only once the test sets the event."""
    release = threading.Event()
    page = (f"<html><head><title>Slow news</title></head><body><article><h1>Slow news</h1>"
            f"<p>{STORY}</p></article></body></html>").encode()

    def slow(handler: RequestHandler) -> None:
        release.wait(20)
        handler.send(200, page, {"Content-Type": "text/html; charset=utf-8"})

    with start_server({"/slow": slow}) as server:
        try:
            yield f"{server.url}/slow", release
        finally:
            release.set()


async def _add_slowly(pilot: Pilot[None], url: str) -> int:
    """Settle, then type `url` into the add dialog; the library's count before."""
    await settle(pilot)
    assert isinstance(pilot.app, NewsdeskApp)
    before = len(pilot.app.reader.article_list.rows)
    await pilot.press("a")
    await pilot.pause()
    await pilot.press(*url, "enter")
    await pilot.pause(0.3)
    return before


async def test_add_dialog_shows_progress_while_a_slow_page_loads(
    app: NewsdeskApp, slow_server: tuple[str, threading.Event], library_path: Path
) -> None:
    url, release = slow_server
    async with app.run_test(size=SIZE) as pilot:
        before = await _add_slowly(pilot, url)
        dialog = app.screen
        assert isinstance(dialog, AddArticleDialog)
        assert str(dialog.query_one("#add-status", Label).render()) == f"Reading {url}…"
        assert dialog.query_one("#add-busy").display and dialog.query_one("#add").has_class("-busy")
        assert dialog.query_one("#add-input", Input).disabled
        release.set()
        await settle(pilot)
        for _ in range(100):
            if not isinstance(app.screen, AddArticleDialog):
                break
            await pilot.pause(0.05)
        await settle(pilot)
        assert not isinstance(app.screen, AddArticleDialog)
        assert Library(library_path).count() == before + 1
        assert shown(app).title == "Slow news"


async def test_cancelling_while_a_page_loads_stores_nothing(
    app: NewsdeskApp, slow_server: tuple[str, threading.Event], library_path: Path
) -> None:
    url, release = slow_server
    async with app.run_test(size=SIZE) as pilot:
        before = await _add_slowly(pilot, url)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, AddArticleDialog)
        release.set()
        await pilot.pause(0.5)
        await settle(pilot)
        assert Library(library_path).count() == before


async def test_fetch_feeds_without_feeds_says_so(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert any("No feeds" in n.message for n in app._notifications)


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wexmouth Gazette</title><link>{base}</link>
<description>Local news</description>
<item><title>Sea wall approved</title><link>{base}/1</link><guid>wx-1</guid>
<description>{story}</description></item>
<item><title>Ferry timetable changes</title><link>{base}/2</link><guid>wx-2</guid>
<description>{story2}</description></item>
</channel></rss>"""


async def test_fetch_feeds_adds_new_articles(
    app: NewsdeskApp, http_server: HTTPServer, library_path: Path
) -> None:
    story2 = STORY.replace("sea wall", "ferry timetable").replace("Wexmouth", "Porthaven")
    feed = RSS.format(base=http_server.url, story=STORY, story2=story2)
    url = http_server.route("/feed.xml", Route(feed.encode()))
    with Library(library_path) as library:
        library.add_feed(url, name="Wexmouth Gazette")
        before = library.count()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert Library(library_path).count() == before + 2
        titles = [r.title for r in app.query_one(ArticleList).rows]
        assert "Sea wall approved" in titles
        assert any("Fetched 1 feed" in n.message for n in app._notifications)


async def test_piped_text_is_kept_once_and_shown(library_path: Path, config_path: Path) -> None:
    text = "Wexmouth gets a sea wall\n\n" + STORY
    app = make_app(library_path, piped_text=text, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = shown(app)
        assert article.source == "stdin"
        assert article.title == "Wexmouth gets a sea wall"
        assert app.query_one(ArticleList).current.id == article.id
        assert app.reader.summary is not None and app.reader.summary.sentences
        count = Library(library_path).count()
    again = make_app(library_path, piped_text=text, config_path=config_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown(again).id == article.id
        assert Library(library_path).count() == count


async def test_piped_html_is_reduced_to_its_text(library_path: Path, config_path: Path) -> None:
    html = (
        "<html><head><title>Sea wall for Wexmouth</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Sea wall for Wexmouth</h1><p>{STORY}</p></article></body></html>"
    )
    app = make_app(library_path, piped_text=html, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = shown(app)
        assert article.source == "stdin"
        assert "Wexmouth" in article.title
        assert "<p>" not in article.body and "sea wall" in article.body


async def test_unusable_piped_text_is_reported_and_the_library_still_opens(
    library_path: Path, config_path: Path
) -> None:
    app = make_app(library_path, piped_text="<html><body><script>x()</script></body></html>",
                   config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and errors[0].message.startswith("stdin: ")
        assert len(app.reader.article_list.rows) == Library(library_path).count() > 0
        assert not any(r.source == "stdin" for r in app.reader.article_list.rows)


async def test_titles_in_notifications_are_not_markup(
    app: NewsdeskApp, tmp_path: Path, library_path: Path
) -> None:
    path = tmp_path / "story.md"
    path.write_text(f"# {HOSTILE_TITLE}\n\n{STORY}\n")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        await settle(pilot)
        added = [n for n in app._notifications if n.message.startswith("Added")]
        assert added and "[bold red]x[/]" in added[-1].message
        assert "\x1b" not in added[-1].message
        assert all(not n.markup for n in app._notifications)
