"""A real HTTP server on 127.0.0.1 for the feed tests, with routes the test sets up.

A route is a `Route` (status, body, headers, optional gzip, delay, ETag handling) or a callable
taking the request handler. Every request's path and headers are recorded, so a test can check
what the client sent (If-None-Match, User-Agent) and how often a page was fetched.

Used as a pytest plugin: test modules say `pytest_plugins = ["tests.httpserver"]` and take the
`http_server` fixture.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    """A canned response."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    gzip: bool = False
    delay: float = 0.0
    """Seconds to wait before answering (a slow server)."""
    etag: str | None = None
    """When set: sent as ETag, and a request with a matching If-None-Match gets 304."""
    last_modified: str | None = None
    """When set: sent as Last-Modified; a matching If-Modified-Since gets 304."""


Handler = Callable[["_RequestHandler"], None]


@dataclass
class HTTPServer:
    """The running server: base URL, routes (path -> Route or callable) and requests seen."""

    url: str
    routes: dict[str, Route | Handler] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def route(self, path: str, route: Route | Handler) -> str:
        """Serve `route` at `path`; returns its full URL."""
        self.routes[path] = route
        return self.url + path

    def hits(self, path: str) -> list[dict[str, str]]:
        """Headers of every request made for `path`."""
        return [headers for p, headers in self.requests if p.split("?", 1)[0] == path]


class _RequestHandler(BaseHTTPRequestHandler):
    server_version = "NewsdeskTest/1"
    protocol_version = "HTTP/1.1"
    state: HTTPServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.state.requests.append((self.path, headers))
        route = self.state.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.send(404, b"not found", {"Content-Type": "text/plain"})
            return
        if callable(route):
            route(self)
            return
        if route.delay:
            time.sleep(route.delay)
        out = {"Content-Type": route.content_type, **route.headers}
        if route.etag:
            out["ETag"] = route.etag
        if route.last_modified:
            out["Last-Modified"] = route.last_modified
        if (route.etag and headers.get("if-none-match") == route.etag) or (
            route.last_modified and headers.get("if-modified-since") == route.last_modified
        ):
            self.send(304, b"", {k: v for k, v in out.items() if k != "Content-Type"})
            return
        body = route.body
        if route.gzip:
            body = gzip.compress(body)
            out["Content-Encoding"] = "gzip"
        self.send(route.status, body, out)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early (timeouts, size caps) is what some tests do


@pytest.fixture
def http_server() -> Iterator[HTTPServer]:
    """A server on 127.0.0.1 (a free port) for the duration of one test."""
    with serve() as state:
        yield state


@contextmanager
def serve() -> Iterator[HTTPServer]:
    """The server of `http_server`, for code that is not a fixture."""
    handler = type("Handler", (_RequestHandler,), {})
    server = _QuietServer(("127.0.0.1", 0), handler)
    state = HTTPServer(url=f"http://127.0.0.1:{server.server_address[1]}")
    handler.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
