"""Bug 7 of issue 13: topics are stored when articles arrive, so the topic filter never has to
compute them for the whole library. Through the real `newsdesk fetch` command and a feed served
on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.library.store import Library

from httpserver import HTTPServer, Route


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Desk</title>
<item><title>Sea wall vote</title><guid>h1</guid><description>The harbour council voted for a
new sea wall on Monday. The harbour council said work on the sea wall starts in spring. Residents
of the harbour welcomed the sea wall.</description></item>
<item><title>Ferry timetable</title><guid>h2</guid><description>The ferry company published a
new timetable. The first ferry now leaves at six. The ferry company thanked the islanders for
their patience with the ferry.</description></item>
</channel></rss>"""


def test_fetch_stores_the_new_articles_topics(tmp_path: Path, http_server: HTTPServer) -> None:
    path = tmp_path / "lib.db"
    with Library(path, seed=False) as library:
        library.add_feed(http_server.route("/harbour.xml", Route(RSS.encode())))
    env = dict(os.environ, NEWSDESK_LIBRARY=str(path))
    done = subprocess.run(
        [sys.executable, "-c", "from summarize.cli.newsdesk_cmd import main; main()", "fetch"],
        capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    with Library(path) as library:
        rows = library.list()
        assert len(rows) == 2
        with library._lock:
            stored = {r[0] for r in library._conn.execute("SELECT article_id FROM topics")}
        assert stored == {r.id for r in rows}
        wall = library.topic_articles("sea wall")
        assert [r.title for r in wall][:1] == ["Sea wall vote"]
