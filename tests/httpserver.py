"""The one real HTTP server of the tests: 127.0.0.1 on a free port, routes the test sets up.

A route is a `Route` (status, body, headers, optional gzip, delay, ETag handling) or a callable
taking the request handler (which has `send(status, body, headers)` and `send_stream`). Every
request's path and headers are recorded, so a test can check what the client sent
(If-None-Match, User-Agent) and how often a page was fetched.

* `http_server` (a pytest fixture, also offered by `tests/conftest.py`): an empty server per test.
* `start_server(routes)`: the same as a context manager, for module-scoped servers.
* `serve()`: a server with the canned routes `summarize.ingest.http.fetch` must handle (an
  article page, errors, slowness, oversized and compressed bodies, redirects, conditional GET);
  the tests of `summarize.ingest.http` and the command lines use it as `serve()`.
* `Route.file(path)` / `HTTPServer.serve_file(url_path, path)`: a file from disk.
"""

from __future__ import annotations

import gzip
import mimetypes
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour council approves ferry plan | The Coast Herald</title>
<meta name="author" content="Maria Okafor">
<meta property="article:published_time" content="2024-05-14T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour council approves ferry plan</h1>
<p>The harbour council approved a plan on Monday to run an electric ferry between the old port
and the island of Kell, ending a decade of debate over the crossing.</p>
<p>Council leader Tom Haldane said the first boat would sail next spring, and that fares would
match the current bus fare for residents of both the port and the island.</p>
<p>Fishermen's groups had opposed the route because it crosses their moorings, but a revised
plan moves the landing stage two hundred metres to the north of the harbour wall.</p>
<p>The ferry will cost 14 million euros, most of it paid by a regional transport fund, and will
carry up to 120 passengers and 20 bicycles on every crossing.</p>
</article>
<footer>Copyright The Coast Herald. Subscribe to our newsletter.</footer>
</body></html>
"""


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
    length: bool = True
    """Send Content-Length (else the body ends when the connection closes)."""

    @classmethod
    def file(cls, path: Path, content_type: str | None = None) -> Route:
        """A file's bytes, typed by its extension unless `content_type` says otherwise."""
        guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return cls(path.read_bytes(), content_type=content_type or guessed)


Handler = Callable[["RequestHandler"], None]


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

    def serve_file(self, path: str, file: Path, content_type: str | None = None) -> str:
        """Serve a file from disk at `path`; returns its full URL."""
        return self.route(path, Route.file(file, content_type))

    def hits(self, path: str) -> list[dict[str, str]]:
        """Headers of every request made for `path`."""
        return [headers for p, headers in self.requests if p.split("?", 1)[0] == path]


Server = HTTPServer
"""The shorter name the older tests use."""


class RequestHandler(BaseHTTPRequestHandler):
    server_version = "NewsdeskTest/1"
    protocol_version = "HTTP/1.1"
    state: HTTPServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, headers: Mapping[str, str], *,
             length: bool = True) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
        if not length:
            self.close_connection = True

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
        self.send(route.status, body, out, length=route.length)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early (timeouts, size caps) is what some tests do


@contextmanager
def start_server(routes: Mapping[str, Route | Handler] | None = None) -> Iterator[HTTPServer]:
    """A server on 127.0.0.1 (a free port) for the duration of the block."""
    handler = type("Handler", (RequestHandler,), {})
    server = _QuietServer(("127.0.0.1", 0), handler)
    state = HTTPServer(url=f"http://127.0.0.1:{server.server_address[1]}", routes=dict(routes or {}))
    handler.state = state  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def http_server() -> Iterator[HTTPServer]:
    """An empty server on 127.0.0.1 for the duration of one test; add routes with `.route`."""
    with start_server() as state:
        yield state


# --- the canned routes of `serve()` -------------------------------------------------------------

TEXT = "text/plain; charset=utf-8"


def _drip(h: RequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/plain")
    h.send_header("Connection", "close")
    h.end_headers()
    try:
        for _ in range(40):
            h.wfile.write(b"Slow words. ")
            h.wfile.flush()
            time.sleep(0.1)
    except (BrokenPipeError, ConnectionResetError):
        pass
    h.close_connection = True


def _etag(h: RequestHandler) -> None:
    if h.headers.get("If-None-Match") == '"v1"':
        h.send_response(304)
        h.send_header("ETag", '"v1"')
        h.end_headers()
    else:
        h.send(200, b"Versioned text. It changes rarely.",
               {"Content-Type": TEXT, "ETag": '"v1"',
                "Last-Modified": "Tue, 14 May 2024 09:00:00 GMT"})


def canned_routes() -> dict[str, Route | Handler]:
    """What `summarize.ingest.http.fetch` must handle, one route each."""
    big = b"All work and no play. " * 600_000  # 13 MB
    return {
        "/article.html": Route(ARTICLE_HTML.encode(), content_type="text/html; charset=utf-8"),
        "/plain.txt": Route("Caf\xe9 owners in Lyon said on Monday that prices rose. "
                            "The mayor said help would come.".encode("latin-1"),
                            content_type="text/plain; charset=iso-8859-1"),
        "/missing": Route(b"not here", status=404, content_type=TEXT),
        "/slow": Route(b"Too late. Nobody waited.", content_type=TEXT, delay=3),
        "/drip": _drip,
        "/big": Route(big, content_type=TEXT),
        "/big-undeclared": Route(big, content_type=TEXT, length=False),
        # ~12 kB on the wire, 12 MB unpacked
        "/bomb": Route(b"A" * 12_000_000, content_type=TEXT, gzip=True),
        "/loop": Route(status=302, content_type=TEXT, headers={"Location": "/loop"}),
        "/redirect": Route(status=301, content_type=TEXT, headers={"Location": "/article.html"}),
        "/to-ftp": Route(status=302, content_type=TEXT,
                         headers={"Location": "ftp://127.0.0.1/file"}),
        "/etag": _etag,
        "/binary": Route(bytes(range(256)) * 10, content_type="application/octet-stream"),
    }


@contextmanager
def serve() -> Iterator[HTTPServer]:
    """A server with the canned routes (`canned_routes`) for the duration of the block."""
    with start_server(canned_routes()) as state:
        yield state
