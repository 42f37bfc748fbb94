"""Snapshot tests of the reader's screens (pytest-textual-snapshot), stored in tests/snapshots/.

Each screen is built on a fresh library seeded with the bundled samples (fixed dates), with the
workers settled before the picture is taken and the input cursor's blink frozen. Update with
`pytest tests/test_tui_snapshots.py --snapshot-update`, then look at the SVGs before committing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_textual_snapshot
from textual.pilot import Pilot
from textual.reactive import reactive
from textual.widgets import Input

from summarize.library.store import Library
from tui.app import NewsdeskApp, make_app
from tui.config import ReaderConfig, save_config
from tui_support import settle

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.fixture(autouse=True)
def _snapshot_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the SVGs in tests/snapshots/<module>/ rather than syrupy's __snapshots__."""

    def dirname(cls: Any, *, test_location: Any) -> str:
        return str(SNAPSHOTS / test_location.basename)

    monkeypatch.setattr(pytest_textual_snapshot.SVGImageExtension, "dirname", classmethod(dirname))


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make two runs differ."""
    frozen: reactive[bool] = reactive(False, init=False)
    frozen.__set_name__(Input, "cursor_blink")
    monkeypatch.setattr(Input, "cursor_blink", frozen)


@pytest.fixture
def config_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The Lead-N method, so the pictures change only when the reader (or the topics) do."""
    config = tmp_path / "config.toml"
    save_config(ReaderConfig(method="lead", length=3), config)
    monkeypatch.setenv("NEWSDESK_CONFIG", str(config))
    return config


@pytest.fixture
def app(library_path: Path, config_path: Path) -> NewsdeskApp:
    return make_app(library_path, config_path=config_path)


def after(*keys: str) -> Callable[[Pilot[None]], Any]:
    """A run_before that settles, presses `keys` (settling after each), and settles again."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run


def test_main_screen(snap_compare: Any, app: NewsdeskApp) -> None:
    assert snap_compare(app, terminal_size=(120, 36), run_before=after())


def test_main_screen_linked(snap_compare: Any, app: NewsdeskApp) -> None:
    """A topic selected (occurrences marked) and the last summary sentence chosen."""
    keys = ("down", "down", "down", "4", "right", "enter", "3", "end", "enter")
    assert snap_compare(app, terminal_size=(120, 36), run_before=after(*keys))


def test_help_screen(snap_compare: Any, app: NewsdeskApp) -> None:
    assert snap_compare(app, terminal_size=(120, 36), run_before=after("f1"))


def test_narrow_terminal(snap_compare: Any, app: NewsdeskApp) -> None:
    assert snap_compare(app, terminal_size=(80, 24), run_before=after())


def test_empty_library(snap_compare: Any, library_path: Path, config_path: Path) -> None:
    Library(library_path, seed=False).close()
    app = make_app(library_path, config_path=config_path)
    assert snap_compare(app, terminal_size=(120, 36), run_before=after())


def test_add_dialog_error(snap_compare: Any, app: NewsdeskApp) -> None:
    """A path that is not there: the dialog stays open with the error under the typed path."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"missing-story.txt", "enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(120, 36), run_before=run)


def test_one_pane_list(snap_compare: Any, app: NewsdeskApp) -> None:
    """Below 76 columns one pane fills the screen: first the list."""
    assert snap_compare(app, terminal_size=(60, 20), run_before=after())


def test_one_pane_article(snap_compare: Any, app: NewsdeskApp) -> None:
    """Enter shows the article alone, even at 40x12."""
    assert snap_compare(app, terminal_size=(40, 12), run_before=after("enter"))


def test_one_pane_summary(snap_compare: Any, app: NewsdeskApp) -> None:
    """`3` shows the summary and topics alone."""
    assert snap_compare(app, terminal_size=(60, 20), run_before=after("3"))
