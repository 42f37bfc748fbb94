"""Snapshot tests of the daily-reader views: the feed sidebar, and search with marked matches.

Same setup as `test_tui_snapshots.py` (its fixtures: the Lead-N method, frozen cursor blink, the
SVGs under tests/snapshots/). Update with `--snapshot-update`, then look at the pictures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summarize.ingest.articles import Article
from summarize.library.store import Library
from test_tui_snapshots import _no_cursor_blink, _snapshot_dir, after, app, config_path  # noqa: F401
from tui.app import NewsdeskApp


def test_feed_sidebar(snap_compare: Any, app: NewsdeskApp, library_path: Path) -> None:
    with Library(library_path) as library:
        for name, titles in (("Coast Herald", ["Pier approved", "Fares frozen for islanders"]),
                             ("Glacier Watch", ["Microbes thrive under the ice"])):
            feed = library.add_feed(f"http://127.0.0.1:9/{name.split()[0].lower()}.xml", name=name)
            for i, title in enumerate(titles):
                library.add(Article(title=title, source=name, feed_id=feed.id,
                                    published=f"2026-03-0{i + 1}",
                                    body=f"{title}. The story was reported on day {i + 1}. "
                                         "Readers wrote in about it."))
    assert snap_compare(app, terminal_size=(140, 36),
                        run_before=after("b", "down", "down", "down", "enter"))


def test_search_highlights(snap_compare: Any, app: NewsdeskApp) -> None:
    assert snap_compare(app, terminal_size=(120, 36),
                        run_before=after("slash", "f", "e", "r", "enter", "down", "up"))
