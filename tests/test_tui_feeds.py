"""Pilot tests of feeds in the reader: the sidebar with unread counts, filtering by feed, adding,
renaming, removing and importing feeds, and fetching all (R) or one (Ctrl+R) with progress.

Feeds are served by a real HTTP server on 127.0.0.1 (`tests/httpserver.py`); what the reader shows is
checked against what a second connection reads from the same library file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input

from summarize.ingest.opml import format_opml
from summarize.library.store import ArticleQuery, Library
from tui.app import NewsdeskApp
from tui.article_list import ArticleList
from tui.confirm_dialog import ConfirmDialog
from tui.feed_sidebar import FeedSidebar
from tui.prompt_dialog import PromptDialog
from tui_fixtures import app, config_path  # noqa: F401
from tui_support import settle

from httpserver import HTTPServer, Route


SIZE = (140, 36)


def _rss(title: str, items: list[tuple[str, str]]) -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>https://{title.lower()}.example/{i}</link>"
        f"<guid>{title}-{i}</guid><pubDate>Mon, 0{1 + i} Mar 2026 08:00:00 GMT</pubDate>"
        f"<description>{body}</description></item>"
        for i, (t, body) in enumerate(items)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://{title.lower()}.example/</link>{entries}</channel></rss>").encode()


COAST = _rss("Coast", [
    ("Pier approved", "The council approved a second pier on Monday after a long debate in the hall."),
    ("Fares frozen", "Ferry fares for island residents will not rise this year, the operator said."),
])
GLACIER = _rss("Glacier", [
    ("Microbes under ice", "Scientists found microbes living on rock dust beneath forty metres of ice."),
])




@pytest.fixture
def feeds(library_path: Path, http_server: HTTPServer) -> dict[str, int]:
    """Two subscribed feeds, fetched once: name -> feed id."""
    with Library(library_path) as library:
        coast = library.add_feed(http_server.route("/coast.xml", Route(COAST)))
        glacier = library.add_feed(http_server.route("/glacier.xml", Route(GLACIER)))
        library.fetch_feeds()
        return {"Coast": coast.id, "Glacier": glacier.id}


def _entries(sidebar: FeedSidebar) -> list[str]:
    return [str(sidebar.get_option_at_index(i).prompt) for i in range(sidebar.option_count)]


async def test_sidebar_lists_views_and_feeds_with_unread_counts_and_filters(
    app: NewsdeskApp, library_path: Path, config_path: Path, feeds: dict[str, int]
) -> None:
    with Library(library_path) as library:
        library.mark([library.list(ArticleQuery(feed=str(feeds["Coast"])))[0].id], read=True)
        total, unread = library.count(), library.count(ArticleQuery(unread=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        sidebar = app.query_one(FeedSidebar)
        assert not sidebar.display
        await pilot.press("b")
        await settle(pilot)
        assert sidebar.display and sidebar.has_focus
        entries = [" ".join(e.split()) for e in _entries(sidebar)]
        assert entries == [f"All {total}", f"Unread {unread}", "Starred", "Coast 1", "Glacier 1"]
        assert tomllib.loads(config_path.read_text())["reader"]["sidebar"] is True
        await pilot.press("down", "down", "down", "enter")  # Coast
        await settle(pilot)
        articles = app.query_one(ArticleList)
        with Library(library_path) as library:
            expected = [r.id for r in library.list(ArticleQuery(feed=str(feeds["Coast"])))]
        assert [r.id for r in articles.rows] == expected and len(expected) == 2
        assert str(app.reader.list_pane.border_title).startswith("Feed “Coast” · 2 · 1 unread")
        assert app.focused is articles
        # Unread, then Esc: every article again
        sidebar.focus()
        await pilot.press("up", "up", "enter")
        await settle(pilot)
        assert all(not r.read for r in articles.rows) and len(articles.rows) == unread
        await pilot.press("escape")
        await settle(pilot)
        assert len(articles.rows) == total


async def test_fetch_all_and_one_feed_with_progress(
    app: NewsdeskApp, library_path: Path, http_server: HTTPServer, feeds: dict[str, int]
) -> None:
    # the servers now have a new item each
    http_server.route("/coast.xml", Route(_rss("Coast", [
        ("Pier approved", "The council approved a second pier on Monday after a long debate in the hall."),
        ("Fares frozen", "Ferry fares for island residents will not rise this year, the operator said."),
        ("Storm warning", "A storm is due on Friday and the ferries will stay in port until it passes."),
    ])))
    http_server.route("/glacier.xml", Route(_rss("Glacier", [
        ("Microbes under ice", "Scientists found microbes living on rock dust beneath forty metres of ice."),
        ("Ice core record", "A new ice core holds a record of the climate going back eight hundred years."),
    ])))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        coast_hits = len(http_server.hits("/coast.xml"))
        glacier_hits = len(http_server.hits("/glacier.xml"))
        # Ctrl+R on the Glacier feed in the sidebar fetches that one only
        await pilot.press("b", "down", "down", "down", "down", "ctrl+r")
        await settle(pilot)
        assert len(http_server.hits("/glacier.xml")) == glacier_hits + 1
        assert len(http_server.hits("/coast.xml")) == coast_hits
        titles = [r.title for r in app.query_one(ArticleList).rows]
        assert "Ice core record" in titles and "Storm warning" not in titles
        assert " ".join(_entries(app.query_one(FeedSidebar))[4].split()) == "Glacier 2"
        # R fetches every feed; the progress shows under the list while it runs
        subtitles: list[str] = []
        http_server.routes["/coast.xml"].delay = 1.0  # type: ignore[union-attr]
        await pilot.press("R")
        for _ in range(100):
            subtitles.append(str(app.reader.list_pane.border_subtitle))
            if subtitles[-1].startswith("Fetching feeds"):
                break
            await pilot.pause(0.02)
        await settle(pilot)
        assert len(http_server.hits("/coast.xml")) == coast_hits + 1
        assert "Storm warning" in [r.title for r in app.query_one(ArticleList).rows]
        assert any(s.startswith("Fetching feeds") for s in subtitles)
        assert any("Fetched 2 feeds: 1 new article" in str(n.message) for n in app._notifications)


async def test_add_rename_remove_and_import_feeds_from_the_sidebar(
    app: NewsdeskApp, library_path: Path, http_server: HTTPServer, tmp_path: Path
) -> None:
    coast_url = http_server.route("/coast.xml", Route(COAST))
    glacier_url = http_server.route("/glacier.xml", Route(GLACIER))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b", "a")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one("#prompt-input", Input).value = coast_url
        await pilot.press("enter")
        await settle(pilot)
        with Library(library_path) as library:
            [feed] = library.list_feeds()
            assert feed.url == coast_url and feed.articles == 2  # added and fetched
        sidebar = app.query_one(FeedSidebar)
        assert any("Coast" in e for e in _entries(sidebar))
        # rename: the dialog starts with the name
        sidebar.focus()
        sidebar.highlighted = 3
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#prompt-input", Input)
        assert field.value == "Coast"
        field.value = ""
        await pilot.press(*"Harbour news", "enter")
        await settle(pilot)
        with Library(library_path) as library:
            assert library.get_feed(feed.id).name == "Harbour news"
        assert any("Harbour news" in e for e in _entries(sidebar))
        # import OPML with the glacier feed (and the coast one again: not added twice)
        with Library(library_path) as library:
            opml = format_opml([library.get_feed(feed.id)])
        opml = opml.replace("</body>", f'<outline type="rss" text="Ice" xmlUrl="{glacier_url}"/></body>')
        path = tmp_path / "subs.opml"
        path.write_text(opml)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#prompt-input", Input).value = str(path)
        await pilot.press("enter")
        await settle(pilot)
        with Library(library_path) as library:
            assert sorted(f.url for f in library.list_feeds()) == sorted([coast_url, glacier_url])
        assert any("Imported 1 new feed (2 in the file)" in str(n.message) for n in app._notifications)
        # remove asks first; no keeps it, yes removes it and its articles stay
        sidebar.focus()
        sidebar.highlighted = 3
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        with Library(library_path) as library:
            assert len(library.list_feeds()) == 2
        await pilot.press("d", "y")
        await settle(pilot)
        with Library(library_path) as library:
            assert [f.url for f in library.list_feeds()] == [glacier_url]
            assert any(r.title == "Pier approved" for r in library.list())
        # a bad URL is an error notification, nothing stored
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"ftp://nope", "enter")
        await settle(pilot)
        assert any(n.severity == "error" for n in app._notifications)
        with Library(library_path) as library:
            assert len(library.list_feeds()) == 1


async def test_leaving_while_fetching_stores_nothing_more(
    app: NewsdeskApp, library_path: Path, http_server: HTTPServer, feeds: dict[str, int]
) -> None:
    http_server.route("/coast.xml", Route(_rss("Coast", [
        ("Late news", "This item arrives after the reader has gone and must not be stored then."),
    ]), delay=3.0))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = Library(library_path).count()
        await pilot.press("R")
        await pilot.pause(0.3)
        assert app.reader._fetching
        app.exit()
    with Library(library_path) as library:
        assert library.count() == before
        assert not any(r.title == "Late news" for r in library.list())


async def test_opml_import_from_the_reader_reads_the_file_as_the_cli_does(
    app: NewsdeskApp, library_path: Path, tmp_path: Path
) -> None:
    """A Latin-1 OPML file keeps its accents (its declaration is honoured), as with
    `newsdesk opml import`: the reader reads through the same function."""
    opml = ('<?xml version="1.0" encoding="ISO-8859-1"?><opml version="2.0"><body>'
            '<outline type="rss" text="Café über" xmlUrl="https://example.org/cafe.xml"/>'
            "</body></opml>")
    path = tmp_path / "latin1.opml"
    path.write_bytes(opml.encode("latin-1"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("b", "i")
        await pilot.pause()
        app.screen.query_one("#prompt-input", Input).value = str(path)
        await pilot.press("enter")
        await settle(pilot)
    with Library(library_path) as library:
        assert [f.name for f in library.list_feeds()] == ["Café über"]
