"""Fetching one URL safely: http(s) only, bounded in time, size and redirects, conditional GET.

`fetch(url)` is what the `summarize` command uses for URL inputs and what the library uses for
feeds. It returns a `FetchResult` (final URL, status, body bytes, content type, charset hint,
validators) or raises a `FetchError` subclass naming the URL and the reason:

    >>> result = fetch("https://example.org/feed.xml", etag=stored_etag)
    >>> if result.not_modified: ...            # 304: keep what you have
    >>> text = decode_bytes(result.content, hint=result.encoding)

Limits: `timeout` is both the per-operation timeout (connect, each read) and a deadline for the
whole download checked as bytes arrive, so a server dripping bytes cannot hold us for long (at
worst about twice `timeout`); `max_bytes` is checked against
Content-Length, the bytes on the wire and the decompressed bytes while streaming (a small
gzip bomb stops at the cap); at most `max_redirects` redirects are followed, each to http(s).
httpx is imported inside `fetch` (~150 ms), so nothing pays for it unless a URL is read.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

from ..errors import InputError

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
    deadline = time.monotonic() + timeout

    def check_redirect(request: httpx.Request) -> None:
        _check_scheme(url, str(request.url))

    try:
        with httpx.Client(
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
                for chunk in response.iter_bytes():  # decoded (decompressed) bytes
                    size += len(chunk)
                    if size > max_bytes or response.num_bytes_downloaded > max_bytes:
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
