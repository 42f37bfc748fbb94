"""Hostile HTTP servers on 127.0.0.1: raw sockets, so a route can misbehave below HTTP's rules.

Each route is a function writing whatever bytes it likes to the client socket, at whatever pace:
headers that drip one byte every half second, a body that never ends, gzip inside gzip, a
declared length the body never reaches, an encoding nobody asked for. `serve()` runs them on a
free port of 127.0.0.1 in daemon threads (a stuck route never keeps the test run alive) and
closes every client socket when the block ends, which is what unblocks a route still writing.
"""

from __future__ import annotations

import gzip
import socket
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache

Route = Callable[[socket.socket, threading.Event], None]

ARTICLE = (b"<!doctype html><html><head><title>Harbour news</title></head><body><article>"
           b"<h1>Harbour council approves ferry plan</h1><p>The harbour council approved a plan "
           b"on Monday to run an electric ferry to the island of Kell.</p><p>The first boat "
           b"will sail next spring, and fares will match the bus fare.</p></article></body></html>")


def _head(status: str = "200 OK", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}", "Connection: close"]
    lines += [f"{k.replace('_', '-')}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def slow_headers(sock: socket.socket, stop: threading.Event) -> None:
    """One header byte every half second, forever: every read gets a byte in time."""
    sock.sendall(b"HTTP/1.1 200 OK\r\n")
    while not stop.wait(0.5):
        sock.sendall(b"X")


def silent(sock: socket.socket, stop: threading.Event) -> None:
    """Accepts the connection, reads the request, never answers."""
    stop.wait(120)


def drip_body(sock: socket.socket, stop: threading.Event) -> None:
    """Good headers, then a body of one byte every half second, forever."""
    sock.sendall(_head(Content_Type="text/plain"))
    while not stop.wait(0.5):
        sock.sendall(b"a")


def endless_chunked(sock: socket.socket, stop: threading.Event) -> None:
    """A chunked body that never ends (no length to refuse up front), as fast as it goes."""
    sock.sendall(_head(Content_Type="text/plain", Transfer_Encoding="chunked"))
    chunk = b"All work and no play. " * 2000
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    while not stop.is_set():
        sock.sendall(frame)


def huge_declared(sock: socket.socket, stop: threading.Event) -> None:
    """Declares a terabyte; sends a few bytes."""
    sock.sendall(_head(Content_Type="text/plain", Content_Length=str(10**12)) + b"tiny")
    stop.wait(30)


def short_body(sock: socket.socket, stop: threading.Event) -> None:
    """Declares 1,000 bytes, sends 10 and hangs up."""
    sock.sendall(_head(Content_Type="text/plain", Content_Length="1000") + b"0123456789")


def _compress(chunks: Iterator[bytes], wbits: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    return b"".join(packer.compress(c) for c in chunks) + packer.flush()


@cache
def stacked_bomb() -> bytes:
    """gzip inside gzip: about 100 kB on the wire, 100 MB once both layers are undone."""
    inner = _compress((bytes(1_000_000) for _ in range(100)), 16 + zlib.MAX_WBITS)
    return gzip.compress(inner, 9)


@cache
def deflate_bomb_body() -> bytes:
    """50 MB of "A" as zlib-wrapped deflate, in about 50 kB."""
    return _compress((b"A" * 1_000_000 for _ in range(50)), zlib.MAX_WBITS)


def stacked_gzip(sock: socket.socket, stop: threading.Event) -> None:
    body = stacked_bomb()
    sock.sendall(_head(Content_Type="text/html", Content_Encoding="gzip, gzip",
                       Content_Length=str(len(body))) + body)


def deflate_bomb(sock: socket.socket, stop: threading.Event) -> None:
    body = deflate_bomb_body()
    sock.sendall(_head(Content_Type="text/html", Content_Encoding="deflate",
                       Content_Length=str(len(body))) + body)


def bad_gzip(sock: socket.socket, stop: threading.Event) -> None:
    body = b"\x1f\x8b\x08\x00garbage that is not deflate at all"
    sock.sendall(_head(Content_Type="text/html", Content_Encoding="gzip",
                       Content_Length=str(len(body))) + body)


def brotli_unasked(sock: socket.socket, stop: threading.Event) -> None:
    body = b"\x8b\x03\x80Hello\x03"
    sock.sendall(_head(Content_Type="text/html", Content_Encoding="br",
                       Content_Length=str(len(body))) + body)


def gzip_twice_ok(sock: socket.socket, stop: threading.Event) -> None:
    """A legitimate page compressed twice: must come back whole."""
    body = gzip.compress(gzip.compress(ARTICLE))
    sock.sendall(_head(Content_Type="text/html; charset=utf-8", Content_Encoding="gzip, gzip",
                       Content_Length=str(len(body))) + body)


def article(sock: socket.socket, stop: threading.Event) -> None:
    sock.sendall(_head(Content_Type="text/html; charset=utf-8",
                       Content_Length=str(len(ARTICLE))) + ARTICLE)


ROUTES: dict[str, Route] = {
    "/slow-headers": slow_headers,
    "/silent": silent,
    "/drip-body": drip_body,
    "/endless": endless_chunked,
    "/huge-declared": huge_declared,
    "/short-body": short_body,
    "/stacked-gzip": stacked_gzip,
    "/deflate-bomb": deflate_bomb,
    "/bad-gzip": bad_gzip,
    "/brotli": brotli_unasked,
    "/gzip-twice": gzip_twice_ok,
    "/article.html": article,
}


@dataclass
class HostileServer:
    """The running server: its base URL and the paths requested so far."""

    url: str
    paths: list[str] = field(default_factory=list)

    def __getitem__(self, path: str) -> str:
        assert path in ROUTES, path
        return self.url + path


def _read_request(sock: socket.socket) -> str:
    data = b""
    sock.settimeout(5)
    while b"\r\n\r\n" not in data and len(data) < 65536:
        piece = sock.recv(4096)
        if not piece:
            break
        data += piece
    line = data.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split()
    return parts[1].split("?", 1)[0] if len(parts) > 1 else ""


@contextmanager
def serve() -> Iterator[HostileServer]:
    """Run the hostile routes on a free port of 127.0.0.1 for the duration of the block."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    stop = threading.Event()
    clients: list[socket.socket] = []
    server = HostileServer(f"http://127.0.0.1:{listener.getsockname()[1]}")

    def handle(sock: socket.socket) -> None:
        try:
            path = _read_request(sock)
            server.paths.append(path)
            route = ROUTES.get(path)
            if route is None:
                sock.sendall(_head("404 Not Found", Content_Length="0"))
            else:
                sock.settimeout(None)
                route(sock, stop)
        except OSError:
            pass  # the client gave up: that is what these routes are for
        finally:
            sock.close()

    def accept() -> None:
        while not stop.is_set():
            try:
                sock, _ = listener.accept()
            except OSError:
                return
            clients.append(sock)
            threading.Thread(target=handle, args=(sock,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield server
    finally:
        stop.set()
        try:
            listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept()
        except OSError:
            pass
        listener.close()
        for sock in clients:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
