"""Fetching one URL safely: http(s) only, bounded in time, size and redirects, conditional GET.

`fetch(url)` is what the `summarize` command uses for URL inputs and what the library uses for
feeds. It returns a `FetchResult` (final URL, status, body bytes, content type, charset hint,
validators) or raises a `FetchError` subclass naming the URL and the reason:

    >>> result = fetch("https://example.org/feed.xml", etag=stored_etag)
    >>> if result.not_modified: ...            # 304: keep what you have
    >>> text = decode_bytes(result.content, hint=result.encoding)

Limits: `timeout` is one deadline for the whole exchange (connect, TLS, request, headers, body,
every redirect): each socket operation waits at most for what is left of it, so a server that
drips one header byte every half second is cut off at `timeout`, not reset by every byte.
`max_bytes` is checked against Content-Length, the bytes on the wire and the decoded bytes of
every `Content-Encoding` layer, which are inflated here in bounded steps (a gzip bomb, even
stacked `gzip, gzip`, stops at the cap without ever holding more than it in memory); at most
`max_redirects` redirects are followed, each to http(s). httpx is imported inside `fetch`
(~150 ms), so nothing pays for it unless a URL is read.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import InputError

if TYPE_CHECKING:
    import httpx

__all__ = [
    "BadSchemeError",
    "ConnectionFailedError",
    "FetchError",
    "FetchResult",
    "FetchTimeoutError",
    "HTTPStatusError",
    "ResponseTooLargeError",
    "TooManyRedirectsError",
    "USER_AGENT",
    "fetch",
]


def _version() -> str:
    try:
        return version("newsdesk")
    except PackageNotFoundError:
        return "0+unknown"


USER_AGENT = f"newsdesk/{_version()} (+https://example.org/newsdesk)"
"""Sent with every request, so site owners can tell who is asking."""

DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_BYTES = 10_000_000
DEFAULT_MAX_REDIRECTS = 5


class FetchError(InputError):
    """A URL could not be fetched. `str(error)` is the reason alone; `url` says which URL."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason


class BadSchemeError(FetchError):
    """The URL (or a redirect) is not http or https."""


class FetchTimeoutError(FetchError):
    """The server did not answer, or did not finish sending, within the timeout."""


class ResponseTooLargeError(FetchError):
    """The body (as sent or once decompressed) is larger than `max_bytes`."""


class HTTPStatusError(FetchError):
    """The server answered with an error status (4xx, 5xx)."""

    def __init__(self, url: str, reason: str, status: int) -> None:
        super().__init__(url, reason)
        self.status = status


class TooManyRedirectsError(FetchError):
    """More redirects than `max_redirects` (or a redirect loop)."""


class ConnectionFailedError(FetchError):
    """No connection: refused, unknown host, TLS failure, reset."""


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One successful (or not-modified) response."""

    url: str
    """The final URL, after redirects."""
    status: int
    content: bytes
    """The body, decompressed; empty when `not_modified`."""
    content_type: str | None
    """The media type without parameters (`text/html`), or None when the server sends none."""
    encoding: str | None
    """The charset the server declared (a hint for `decode_bytes`), or None."""
    etag: str | None
    last_modified: str | None
    not_modified: bool = False
    """True on 304 Not Modified: the validators sent still match; `content` is empty."""


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    etag: str | None = None,
    last_modified: str | None = None,
    user_agent: str = USER_AGENT,
    accept: str | None = None,
) -> FetchResult:
    """GET `url` within the limits above. Sends If-None-Match / If-Modified-Since when `etag` /
    `last_modified` are given (a 304 comes back as `not_modified=True`). Raises `FetchError`."""
    _check_scheme(url, url)
    import httpx  # ~150 ms; only when a URL is actually read

    headers = {"User-Agent": user_agent}
    if accept:
        headers["Accept"] = accept
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    headers["Accept-Encoding"] = "gzip, deflate"  # the encodings `_decoded` inflates
    deadline = time.monotonic() + timeout

    def check_redirect(request: httpx.Request) -> None:
        _check_scheme(url, str(request.url))

    try:
        with httpx.Client(
            transport=_deadline_transport(deadline),
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=max_redirects,
            headers=headers,
            event_hooks={"request": [check_redirect]},
        ) as client:
            with client.stream("GET", url) as response:
                final = str(response.url)
                if response.status_code == 304:
                    return FetchResult(
                        url=final, status=304, content=b"", content_type=None, encoding=None,
                        etag=response.headers.get("etag") or etag,
                        last_modified=response.headers.get("last-modified") or last_modified,
                        not_modified=True,
                    )
                if response.status_code >= 400:
                    phrase = response.reason_phrase or ""
                    raise HTTPStatusError(
                        url, f"HTTP {response.status_code} {phrase}".strip(), response.status_code
                    )
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise ResponseTooLargeError(url, _too_large(max_bytes))
                chunks: list[bytes] = []
                size = 0
                raw = _capped_raw(response, url, max_bytes)
                encodings = response.headers.get("content-encoding", "")
                for chunk in _decoded(raw, encodings, url, max_bytes):
                    size += len(chunk)
                    if size > max_bytes:
                        raise ResponseTooLargeError(url, _too_large(max_bytes))
                    if time.monotonic() > deadline:
                        raise FetchTimeoutError(url, f"timed out after {timeout:g} s")
                    chunks.append(chunk)
                media_type, charset = _content_type(response.headers.get("content-type"))
                return FetchResult(
                    url=final,
                    status=response.status_code,
                    content=b"".join(chunks),
                    content_type=media_type,
                    encoding=charset,
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
    except FetchError:
        raise
    except httpx.TimeoutException:
        raise FetchTimeoutError(url, f"timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise TooManyRedirectsError(url, f"too many redirects (more than {max_redirects})") from None
    except httpx.UnsupportedProtocol as e:
        raise BadSchemeError(url, f"unsupported URL ({e})") from None
    except httpx.ConnectError as e:
        raise ConnectionFailedError(url, _connect_reason(e)) from None
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as e:
        raise FetchError(url, str(e) or e.__class__.__name__) from None
    except (OSError, ValueError, UnicodeError) as e:  # malformed URLs, odd sockets
        raise FetchError(url, str(e) or e.__class__.__name__) from None


def _deadline_transport(deadline: float) -> httpx.HTTPTransport:
    """An httpx transport whose every socket operation ends by `deadline` (`time.monotonic`).

    httpx's timeouts are per operation, so a byte every half second never trips them; httpcore
    takes a network backend, and this one hands each connect, read and write only the time
    left. httpx has no public switch for the backend, hence the pool built here.
    """
    import httpcore
    import httpx

    class Stream(httpcore.NetworkStream):
        def __init__(self, stream: httpcore.NetworkStream) -> None:
            self._stream = stream

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._stream.read(max_bytes, _left(deadline, timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, _left(deadline, timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                      timeout: float | None = None) -> httpcore.NetworkStream:
            left = _left(deadline, timeout, httpcore.ConnectTimeout)
            return Stream(self._stream.start_tls(ssl_context, server_hostname, left))

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    class Backend(httpcore.NetworkBackend):
        def __init__(self) -> None:
            self._backend = httpcore.SyncBackend()

        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None,
                        socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
            left = _left(deadline, timeout, httpcore.ConnectTimeout)
            return Stream(self._backend.connect_tcp(host, port, left, local_address,
                                                    socket_options))

        def connect_unix_socket(self, path: str, timeout: float | None = None,
                                socket_options: Iterable[Any] | None = None
                                ) -> httpcore.NetworkStream:
            left = _left(deadline, timeout, httpcore.ConnectTimeout)
            return Stream(self._backend.connect_unix_socket(path, left, socket_options))

        def sleep(self, seconds: float) -> None:
            self._backend.sleep(seconds)

    transport = httpx.HTTPTransport()
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001 - see the docstring
        ssl_context=httpx.create_ssl_context(), network_backend=Backend()
    )
    return transport


def _left(deadline: float, timeout: float | None, error: type[Exception]) -> float:
    """Seconds left before `deadline` (at most `timeout`); `error` once none are left."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("deadline reached")
    return left if timeout is None else min(timeout, left)


def _capped_raw(response: httpx.Response, url: str, max_bytes: int) -> Iterator[bytes]:
    """The body as sent (still compressed), stopped once more than `max_bytes` came in."""
    for chunk in response.iter_raw():
        if response.num_bytes_downloaded > max_bytes:
            raise ResponseTooLargeError(url, _too_large(max_bytes))
        yield chunk


_PIECE = 64 * 1024
"""Inflating yields at most this much at a time: memory stays bounded whatever the ratio."""


def _decoded(chunks: Iterable[bytes], encodings: str, url: str, max_bytes: int) -> Iterator[bytes]:
    """The body with every `Content-Encoding` layer (`gzip`, `deflate`, stacked) undone.

    Layers are undone last-applied first, each lazily in pieces of `_PIECE` bytes, so the
    caller's size check sees the decoded bytes before more than `max_bytes` exists in memory.
    An encoding we did not ask for (br, zstd, ...) is refused rather than passed on as text.
    """
    stream: Iterable[bytes] = chunks
    layers = [e.strip().lower() for e in encodings.split(",") if e.strip()]
    for layer in reversed(layers):
        if layer in ("identity", ""):
            continue
        if layer not in ("gzip", "x-gzip", "deflate"):
            raise FetchError(url, f"unsupported Content-Encoding {layer!r}")
        stream = _inflate(stream, layer, url)
    return iter(stream)


def _inflate(chunks: Iterable[bytes], layer: str, url: str) -> Iterator[bytes]:
    """One compression layer undone in bounded pieces (concatenated gzip members included)."""
    decoder: Any = None
    done = False
    try:
        for chunk in chunks:
            data = b"" if done else chunk
            while data:
                if decoder is None:
                    decoder = zlib.decompressobj(_wbits(layer, data))
                out = decoder.decompress(data, _PIECE)
                if out:
                    yield out
                if not decoder.eof:
                    data = decoder.unconsumed_tail
                    continue
                # A gzip member ended: another may follow; anything else after it is ignored.
                data = decoder.unused_data
                if layer == "deflate" or not data.startswith(b"\x1f\x8b"):
                    data = b""
                    done = True
                decoder = None
        if decoder is not None and not decoder.eof:
            rest = decoder.flush()
            if rest:
                yield rest
    except zlib.error:
        raise FetchError(url, f"damaged {layer} content (cannot be decompressed)") from None


def _wbits(layer: str, head: bytes) -> int:
    """zlib's window setting for a layer: gzip, or deflate with or without its zlib header."""
    if layer != "deflate":
        return 16 + zlib.MAX_WBITS
    zlib_header = len(head) >= 2 and head[0] & 0x0F == 8 and (head[0] << 8 | head[1]) % 31 == 0
    return zlib.MAX_WBITS if zlib_header else -zlib.MAX_WBITS


def _check_scheme(url: str, target: str) -> None:
    try:
        parts = urlsplit(target)
    except ValueError as e:
        raise FetchError(url, f"malformed URL ({e})") from None
    if parts.scheme.lower() not in ("http", "https"):
        where = "" if target == url else f" (redirected to {target})"
        raise BadSchemeError(url, f"only http and https URLs are fetched{where}")
    if not parts.hostname:
        raise FetchError(url, "URL has no host")


def _too_large(max_bytes: int) -> str:
    return f"response too large (more than {max_bytes:,} bytes)"


def _content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media.strip().lower() or None, charset


def _connect_reason(error: Exception) -> str:
    text = str(error)
    low = text.lower()
    if "refused" in low:
        return "connection refused"
    if "name or service not known" in low or "nodename nor servname" in low or "getaddrinfo" in low:
        return "unknown host"
    return f"could not connect ({text})" if text else "could not connect"
