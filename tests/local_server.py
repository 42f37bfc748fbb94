"""A real HTTP server on 127.0.0.1 for the fetch and CLI tests (no network beyond it).

Routes cover what `summarize.ingest.http.fetch` must handle: an article page, errors, slowness, bodies
too large (declared, undeclared, compressed), redirects (good, looping, to another scheme) and
conditional GET. Every request's headers are recorded for the tests to check.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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
class Server:
    """The running server: its base URL and the requests it has seen."""

    url: str
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)


class _Handler(BaseHTTPRequestHandler):
    server_version = "TestServer/1"
    protocol_version = "HTTP/1.1"
    record: list[tuple[str, dict[str, str]]]

    def log_message(self, format: str, *args: object) -> None:  # keep test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/plain; charset=utf-8",
              headers: dict[str, str] | None = None, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
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

    def do_GET(self) -> None:  # noqa: C901 - one route table
        self.record.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
        path = self.path.split("?", 1)[0]
        if path == "/article.html":
            self._send(200, ARTICLE_HTML.encode(), "text/html; charset=utf-8")
        elif path == "/plain.txt":
            self._send(200, "Caf\xe9 owners in Lyon said on Monday that prices rose. "
                       "The mayor said help would come.".encode("latin-1"),
                       "text/plain; charset=iso-8859-1")
        elif path == "/missing":
            self._send(404, b"not here")
        elif path == "/slow":
            time.sleep(3)
            self._send(200, b"Too late. Nobody waited.")
        elif path == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            try:
                for _ in range(40):
                    self.wfile.write(b"Slow words. ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass
            self.close_connection = True
        elif path == "/big":
            self._send(200, b"All work and no play. " * 600_000)  # 13 MB, declared
        elif path == "/big-undeclared":
            self._send(200, b"All work and no play. " * 600_000, length=False)
        elif path == "/bomb":
            body = gzip.compress(b"A" * 12_000_000)  # ~12 kB on the wire, 12 MB unpacked
            self._send(200, body, headers={"Content-Encoding": "gzip"})
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/redirect":
            self._send(301, b"", headers={"Location": "/article.html"})
        elif path == "/to-ftp":
            self._send(302, b"", headers={"Location": "ftp://127.0.0.1/file"})
        elif path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
            else:
                self._send(200, b"Versioned text. It changes rarely.",
                           headers={"ETag": '"v1"', "Last-Modified": "Tue, 14 May 2024 09:00:00 GMT"})
        elif path == "/binary":
            self._send(200, bytes(range(256)) * 10, "application/octet-stream")
        else:
            self._send(404, b"no such route")


@contextmanager
def serve() -> Iterator[Server]:
    """Run the server on a free port of 127.0.0.1 for the duration of the block."""
    record: list[tuple[str, dict[str, str]]] = []
    handler = type("Handler", (_Handler,), {"record": record})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(url=f"http://127.0.0.1:{httpd.server_address[1]}", requests=record)
    finally:
        httpd.shutdown()
        httpd.server_close()
