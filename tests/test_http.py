"""`summarize.ingest.http.fetch` against a real server on 127.0.0.1: limits, redirects, validators."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from httpserver import Server, serve
from summarize.errors import InputError
from summarize.ingest.http import (
    USER_AGENT,
    BadSchemeError,
    ConnectionFailedError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    ResponseTooLargeError,
    TooManyRedirectsError,
    fetch,
)


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve() as s:
        yield s


def test_fetch_returns_body_type_charset_and_sends_our_user_agent(server: Server) -> None:
    result = fetch(server.url + "/article.html?ua")
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.encoding == "utf-8"
    assert b"Harbour council approves ferry plan" in result.content
    assert not result.not_modified
    headers = next(h for p, h in server.requests if p == "/article.html?ua")
    assert headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsdesk/0.") and "(+https://" in USER_AGENT


def test_redirect_is_followed_and_final_url_reported(server: Server) -> None:
    result = fetch(server.url + "/redirect")
    assert result.url == server.url + "/article.html"
    assert b"ferry" in result.content


def test_http_error_status(server: Server) -> None:
    with pytest.raises(HTTPStatusError) as info:
        fetch(server.url + "/missing")
    assert info.value.status == 404
    assert str(info.value) == "HTTP 404 Not Found"
    assert info.value.url == server.url + "/missing"
    assert isinstance(info.value, InputError)


def test_timeout_waiting_for_the_response(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match="timed out after 0.5 s"):
        fetch(server.url + "/slow", timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_deadline_holds_against_a_dripping_server(server: Server) -> None:
    # Each read arrives within the per-read timeout, but the whole body takes 4 s.
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError):
        fetch(server.url + "/drip", timeout=0.6)
    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("route", ["/big", "/big-undeclared", "/bomb"])
def test_size_cap_declared_streamed_and_decompressed(server: Server, route: str) -> None:
    with pytest.raises(ResponseTooLargeError, match="more than 10,000,000 bytes"):
        fetch(server.url + route)


def test_size_cap_is_a_parameter(server: Server) -> None:
    with pytest.raises(ResponseTooLargeError):
        fetch(server.url + "/article.html", max_bytes=100)


def test_redirect_loop(server: Server) -> None:
    with pytest.raises(TooManyRedirectsError, match="more than 5"):
        fetch(server.url + "/loop")
    loops = [p for p, _ in server.requests if p == "/loop"]
    assert 5 <= len(loops) <= 7


def test_redirect_to_another_scheme_is_refused(server: Server) -> None:
    with pytest.raises(BadSchemeError):
        fetch(server.url + "/to-ftp")


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(BadSchemeError, match="only http and https"):
        fetch(url)


def test_connection_refused() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(ConnectionFailedError, match="connection refused"):
        fetch(f"http://127.0.0.1:{port}/")


def test_conditional_get(server: Server) -> None:
    first = fetch(server.url + "/etag")
    assert first.etag == '"v1"' and first.last_modified == "Tue, 14 May 2024 09:00:00 GMT"
    again = fetch(server.url + "/etag", etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.status == 304 and again.content == b""
    assert again.etag == '"v1"'
    sent = [h for p, h in server.requests if p == "/etag"][-1]
    assert sent["if-none-match"] == '"v1"'
    assert sent["if-modified-since"] == "Tue, 14 May 2024 09:00:00 GMT"


def test_every_failure_is_a_fetch_error_with_url(server: Server) -> None:
    for route in ("/missing", "/loop", "/big"):
        with pytest.raises(FetchError) as info:
            fetch(server.url + route)
        assert info.value.url == server.url + route
