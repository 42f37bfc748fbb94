"""Pilot tests of the reader: search, filters and marks, the clipboard and the browser.

Each test drives the app with keys or clicks on a real library in a temporary folder, waits for
its workers (never a blind sleep), and checks widget state against what the core computes.
"""

from __future__ import annotations

import os
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from summarize.library.store import Library
from tui.app import NewsdeskApp, make_app
from tui.article_list import ArticleList
from tui.article_view import ArticleView
from tui.browser import BrowserCommand, browser_command
from tui.config import ReaderConfig, save_config
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
        assert shown(app).id == rows[0].id  # the article read stays until another is chosen


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


# -- which browser, and keys pressed while an article loads --------------------------------------


def _script(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)
    return path


def test_browser_choice_follows_config_then_browser_variable_then_text_browsers(
    tmp_path: Path,
) -> None:
    bin_dir = tmp_path / "bin"
    w3m = _script(bin_dir, "w3m")
    lynx = _script(bin_dir, "lynx")
    firefox = _script(bin_dir, "firefox")
    url = "https://example.org/a?b=1&c=2"
    env = {"PATH": str(bin_dir)}
    # no display (SSH): the first text browser on PATH in webbrowser's order, in the terminal
    assert browser_command(url, None, env) == BrowserCommand([str(lynx), url], terminal=True)
    # with a display, the choice is left to webbrowser
    assert browser_command(url, None, {**env, "DISPLAY": ":0"}) is None
    # $BROWSER as webbrowser reads it: entries split on the path separator, the first found wins,
    # %s is the address (else it is appended); a text browser there gets the terminal too
    env_browser = {**env, "BROWSER": os.pathsep.join(["no-such-browser", "w3m -N %s", "firefox"])}
    assert browser_command(url, None, env_browser) == BrowserCommand(
        ["w3m", "-N", url], terminal=True
    )
    assert browser_command(url, None, {**env, "BROWSER": "firefox"}) == BrowserCommand(
        ["firefox", url], terminal=False
    )
    # the config's command (newsboat's %u) beats both, and runs in the foreground
    assert browser_command(url, f"{firefox} --new-tab %u", env_browser) == BrowserCommand(
        [str(firefox), "--new-tab", url], terminal=True
    )
    assert browser_command(url, str(w3m), env).argv == [str(w3m), url]  # type: ignore[union-attr]


async def test_open_url_uses_the_configured_browser_command(
    library_path: Path, config_path: Path, tmp_path: Path
) -> None:
    """In Pilot there is no terminal to hand over: the reader says so, and does not run it."""
    log = tmp_path / "ran.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{log}"\n')
    script.chmod(0o755)
    save_config(ReaderConfig(browser=f"{script} %u"), config_path)
    app = make_app(library_path, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors == ["browser.sh needs the terminal, which this reader cannot hand over"]
        assert not log.exists()
        assert app.is_running


async def test_keys_pressed_while_the_article_loads_act_on_it(
    app: NewsdeskApp, browser_log: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        rows = articles.rows
        # o and c pressed at once after moving: before the second article has loaded
        articles.action_cursor_down()
        await app.reader.run_action("open_url")
        await app.reader.run_action("copy_summary")
        assert app.clipboard != (app.reader.summary.text if app.reader.summary else "")
        await settle(pilot)
        for _ in range(100):
            if browser_log.exists() and browser_log.read_text():
                break
            await pilot.pause(0.05)
        library = Library(app.library_path)  # type: ignore[arg-type]
        second = library.get(rows[1].id)
        assert second.url and second.url != library.get(rows[0].id).url
        assert browser_log.read_text() == second.url
        assert not [n for n in app._notifications if n.severity == "warning"]
        assert app.reader.article is not None and app.reader.article.id == rows[1].id
        assert app.reader.summary is not None
        assert app.clipboard == app.reader.summary.text


async def test_screenshot_without_a_downloads_folder_goes_to_the_current_directory(
    app: NewsdeskApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.chdir(work)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Screenshot")
        await pilot.pause(0.3)
        await pilot.press("enter")
        for _ in range(100):
            await pilot.pause(0.05)
            if any(n.title == "Screenshot" for n in app._notifications):
                break
        saved = list(work.glob("*.svg"))
        assert len(saved) == 1 and "<svg" in saved[0].read_text()
        notes = [n for n in app._notifications if n.title == "Screenshot"]
        assert notes and notes[-1].severity == "information"
        assert str(saved[0]) in notes[-1].message
        assert not (home / "Downloads").exists()
