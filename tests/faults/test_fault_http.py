"""Hostile HTTP servers against `fetch`, `summarize URL`, `newsdesk add URL` and `newsdesk fetch`."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from conftest import CLI, SUMMARIZE, newsdesk, one_line_error
from hostile import ARTICLE, HostileServer
from summarize.ingest.http import (
    FetchError,
    FetchTimeoutError,
    ResponseTooLargeError,
    fetch,
)


@pytest.mark.parametrize("path", ["/slow-headers", "/silent", "/drip-body"])
def test_the_deadline_covers_connect_headers_and_body(hostile: HostileServer, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="timed out after 2 s"):
        fetch(hostile[path], timeout=2)
    assert time.monotonic() - started < 4


@pytest.mark.parametrize("path", ["/endless", "/huge-declared"])
def test_a_body_past_the_cap_is_refused(hostile: HostileServer, path: str) -> None:
    with pytest.raises(ResponseTooLargeError, match="more than 1,000,000 bytes"):
        fetch(hostile[path], timeout=10, max_bytes=1_000_000)


@pytest.mark.parametrize("path", ["/stacked-gzip", "/deflate-bomb"])
def test_compression_bombs_stop_at_the_cap_without_inflating_everything(
    hostile: HostileServer, path: str
) -> None:
    """`gzip, gzip` hid 100 MB in a few hundred bytes; the cap holds across every layer."""
    fetch(hostile["/article.html"])  # httpx imported and warm, outside the measurement
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLargeError):
            fetch(hostile[path], timeout=10, max_bytes=1_000_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000, f"{peak:,} bytes held while refusing a bomb"


def test_a_page_compressed_twice_comes_back_whole(hostile: HostileServer) -> None:
    assert fetch(hostile["/gzip-twice"]).content == ARTICLE


@pytest.mark.parametrize(("path", "reason"), [
    ("/bad-gzip", "damaged gzip content"),
    ("/brotli", "unsupported Content-Encoding 'br'"),
    ("/short-body", None),
])
def test_broken_bodies_are_a_fetch_error(
    hostile: HostileServer, path: str, reason: str | None
) -> None:
    with pytest.raises(FetchError, match=reason):
        fetch(hostile[path], timeout=5)


@pytest.mark.parametrize("command", ["summarize", "add"])
def test_slow_headers_stop_the_commands_at_their_timeout(
    hostile: HostileServer, tmp_path: Path, command: str
) -> None:
    started = time.monotonic()
    if command == "summarize":
        proc = subprocess.run([*SUMMARIZE, "--timeout", "2", hostile["/slow-headers"]],
                              capture_output=True, timeout=30)
    else:
        proc = newsdesk(tmp_path / "lib.db", "add", "--timeout", "2", hostile["/slow-headers"],
                        timeout=30)
    assert time.monotonic() - started < 15
    assert proc.returncode == 1
    assert "timed out after 2 s" in one_line_error(proc)


def test_fetch_with_a_stuck_feed_stops_at_its_timeout(hostile: HostileServer, tmp_path: Path) -> None:
    library = tmp_path / "lib.db"
    for path in ("/slow-headers", "/silent"):
        assert newsdesk(library, "feed", "add", hostile[path]).returncode == 0
    started = time.monotonic()
    proc = newsdesk(library, "fetch", "--timeout", "2", timeout=30)
    assert time.monotonic() - started < 15
    assert proc.returncode == 1
    assert proc.stdout.decode().count("timed out after 2 s") == 2


def test_ctrl_c_stops_fetch_at_once_even_with_a_stuck_feed(
    hostile: HostileServer, tmp_path: Path
) -> None:
    library = tmp_path / "lib.db"
    assert newsdesk(library, "feed", "add", hostile["/slow-headers"]).returncode == 0
    env = dict(os.environ, NEWSDESK_LIBRARY=str(library))
    proc = subprocess.Popen([*CLI, "fetch", "--timeout", "300"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while hostile.paths.count("/slow-headers") < 1 and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # the fetch is now inside the slow headers
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
        assert time.monotonic() - sent < 5
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 130, proc.stderr
    assert b"Traceback" not in proc.stderr
