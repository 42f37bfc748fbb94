"""Feeds: fetching RSS 2.0, Atom and RSS 1.0 and turning their items into articles.

`FeedFetcher.fetch` fetches many feeds at once (a bounded thread pool; the network is the wait)
with conditional GET (the stored ETag / Last-Modified), parses each with feedparser, optionally
fetches the whole page of teaser-only items (reduced to its main text by trafilatura through
`summarize.ingest.inputs.extract_html`), and yields each feed's `FeedOutcome`; the library
(`Library.fetch_feeds`) stores them in one transaction per feed on the calling thread. One broken feed is a `FeedResult` with an
`error`; the others go on. Ctrl-C stops between transactions, so the library stays consistent,
and at once: the fetching threads are daemons, never waited for.

Feed XML is untrusted: feedparser never fetches external entities, and documents that declare
entities at all are refused before parsing (the "billion laughs" blow-up needs a declaration).
"""

from __future__ import annotations

import calendar
import queue
import re
import threading
import time
from collections.abc import Generator, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .articles import Article
from ..errors import InputError, NewsdeskError

__all__ = [
    "Feed",
    "FeedError",
    "FeedFetcher",
    "FeedOutcome",
    "FeedResult",
    "ParsedFeed",
    "check_feed_url",
    "html_to_text",
    "parse_feed",
]

TEASER_WORDS = 80
"""An item whose text is shorter than this is a teaser: `--full-text` fetches its page."""
MAX_FULL_PAGES = 40
"""At most this many pages are fetched per feed and run (items past it keep their teaser)."""
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, "
    "text/xml;q=0.9, */*;q=0.1"
)
DEFAULT_MAX_BYTES = 5_000_000


class FeedError(InputError):
    """A feed could not be used (not XML, not a feed, unsafe XML)."""


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription, as stored."""

    id: int
    url: str
    name: str | None
    full_text: bool
    etag: str | None
    last_modified: str | None
    last_fetched: str | None
    last_status: str | None
    added: str
    articles: int = 0
    """How many stored articles came from this feed."""


@dataclass(frozen=True, slots=True)
class FeedResult:
    """What fetching one feed did: new and already-known items, or why it failed."""

    feed: Feed
    added: int = 0
    known: int = 0
    items: int = 0
    not_modified: bool = False
    error: str | None = None
    full_pages: int = 0
    """Teaser items whose whole page was fetched and used."""
    page_errors: int = 0
    """Teaser items whose page could not be fetched (the teaser was kept)."""
    new_ids: tuple[int, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def url(self) -> str:
        """The feed's URL (shorthand for `feed.url`)."""
        return self.feed.url

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["feed"] = {"id": self.feed.id, "url": self.feed.url, "name": self.feed.name}
        d["new_ids"] = list(self.new_ids)
        return d


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A parsed feed: its own title and link, and its items as articles (not yet stored)."""

    title: str | None
    link: str | None
    version: str
    items: list[Article] = field(default_factory=list)
    teasers: frozenset[int] = frozenset()
    """Indices of items that carry only a teaser (candidates for a full-page fetch)."""


def check_feed_url(url: str) -> str:
    """`url` stripped, if it is an http(s) URL with a host; else `InputError`."""
    value = url.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        raise InputError(f"not a URL: {url!r}") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError(f"feeds must be http(s) URLs: {url!r}")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise InputError(f"not a valid port (1-65535) in {url!r}")
    # Scheme and host are case-insensitive: HTTP://Example.org/feed is http://example.org/feed.
    userinfo, at, host = parts.netloc.rpartition("@")
    return urlunsplit((parts.scheme.lower(), userinfo + at + host.lower(), parts.path,
                       parts.query, parts.fragment))


# --- XML safety and parsing ---------------------------------------------------------------------

_ENTITY = re.compile(rb"<!ENTITY", re.I)


def _guard_xml(data: bytes) -> None:
    """Refuse XML that declares entities (entity-expansion bombs need a declaration)."""
    head = data
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 1 and b"\x00" in data[:4]):
        for encoding in ("utf-16", "utf-32"):
            try:
                head = data.decode(encoding).encode("utf-8")
                break
            except UnicodeDecodeError:
                continue
    if _ENTITY.search(head):
        raise FeedError("refused: the feed declares XML entities (entity-expansion risk)")


_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9A-Fa-f]+)|([0-9]+));")


def _xml_char(code: int) -> bool:
    """Whether XML 1.0 allows the character `code` (no surrogates, NULs or out-of-range codes)."""
    return (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF)


def _replace_bad_char_refs(data: bytes) -> bytes:
    """`data` with character references to characters XML forbids (`&#xD800;`, `&#0;`,
    `&#99999999999;`) turned into U+FFFD: feedparser raises on them, which lost every item of
    the feed for one bad character."""

    def fix(m: re.Match[bytes]) -> bytes:
        digits = m.group(1) or m.group(2)
        if len(digits) <= 8 and _xml_char(int(digits, 16 if m.group(1) else 10)):
            return m.group(0)
        return b"&#xFFFD;"

    return _CHAR_REF.sub(fix, data) if b"&#" in data else data


def _struct_to_iso(value: Any) -> str | None:
    if not value:
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(calendar.timegm(value)))
    except (TypeError, ValueError, OverflowError):
        return None


def parse_feed(data: bytes, url: str, *, content_type: str | None = None) -> ParsedFeed:
    """Items of an RSS 2.0 / Atom / RSS 1.0 document as articles; `FeedError` if it is not one."""
    _guard_xml(data)
    data = _replace_bad_char_refs(data)
    import feedparser  # ~60 ms; only when a feed is read

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True,
                              resolve_relative_uris=True)
    entries = parsed.get("entries") or []
    version = parsed.get("version") or ""
    if not entries and (parsed.get("bozo") or not version):
        reason = parsed.get("bozo_exception")
        detail = f" ({_one_line(str(reason))[:120]})" if reason else ""
        raise FeedError(f"not a feed: no RSS or Atom items found{detail}")
    meta = parsed.get("feed") or {}
    feed_title = _one_line(html_to_text(meta.get("title") or "")) or None
    items: list[Article] = []
    teasers: set[int] = set()
    for entry in entries:
        link = entry.get("link") or None
        title = _one_line(html_to_text(entry.get("title") or ""))
        contents = entry.get("content") or []
        html_parts = [c.get("value", "") for c in contents if c.get("value")]
        full = max(html_parts, key=len) if html_parts else ""
        summary = entry.get("summary") or ""
        text = html_to_text(full) if len(full) >= len(summary) else html_to_text(summary)
        if not text.strip():
            text = html_to_text(summary)
        words = len(text.split())
        if words < TEASER_WORDS:
            teasers.add(len(items))
        published = _struct_to_iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        guid = entry.get("id") or link or None  # identity: guid, else link (see Library)
        body = text.strip() or title
        if not body:
            continue
        items.append(Article(
            title=title or _one_line(text)[:100] or "Untitled",
            body=body,
            source=feed_title or (urlsplit(url).hostname or ""),
            url=link,
            author=_one_line(entry.get("author") or "") or None,
            published=published or (entry.get("published") or entry.get("updated") or None),
            language=(meta.get("language") or None),
            tags=tuple(
                _one_line(t.get("term") or "") for t in entry.get("tags") or []
                if _one_line(t.get("term") or "")
            )[:10],
            extra={"guid": str(guid)} if guid else {},
        ))
    return ParsedFeed(title=feed_title, link=meta.get("link") or None, version=version,
                      items=items, teasers=frozenset(teasers))


# --- HTML fragments to text ---------------------------------------------------------------------

_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "header", "footer", "table", "tr", "figure", "figcaption", "pre", "hr",
})
_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


_INLINE_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_text(fragment: str) -> str:
    """Text of a feed's HTML fragment: paragraphs kept, tags, scripts and styles dropped.

    Hand-written on purpose: trafilatura is made for whole pages, and its main-content
    heuristics drop most of a two-paragraph fragment; the stdlib parser is exact here.
    """
    if "<" not in fragment and "&" not in fragment:
        return _tidy(fragment)
    parser = _TextParser()
    try:
        parser.feed(fragment)
        parser.close()
    except (AssertionError, ValueError):  # very broken markup: keep what was read
        pass
    return _tidy("".join(parser.parts))


def _tidy(text: str) -> str:
    paragraphs = []
    for block in re.split(r"\n\s*\n", text):
        line = _INLINE_SPACE.sub(" ", block.replace("\n", " ")).strip()
        if line:
            paragraphs.append(line)
    return "\n\n".join(paragraphs)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- fetching -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FeedOutcome:
    """What fetching one feed brought back: its parsed items or why there are none.

    The fetcher never touches the library; `Library.fetch_feeds` stores outcomes as they come.
    """

    feed: Feed
    parsed: ParsedFeed | None = None
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    error: str | None = None
    full_pages: int = 0
    page_errors: int = 0


class FeedFetcher:
    """Fetches feeds concurrently; yields each feed's `FeedOutcome` as it completes."""

    def __init__(
        self,
        *,
        concurrency: int = 4,
        full_text: bool | None = None,
        timeout: float = 20.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.concurrency = max(1, concurrency)
        self.full_text = full_text
        """True/False overrides every feed's own setting; None uses it."""
        self.timeout = timeout
        self.max_bytes = max_bytes

    def fetch(
        self, feeds: Iterable[Feed], known_guids: Mapping[int, set[str]]
    ) -> Generator[FeedOutcome, None, None]:
        """Fetch `feeds` in worker threads, yielding each outcome as it completes.

        `known_guids` (item ids already stored, per feed id) spares fetching their full pages.
        Closing the generator early (an error or Ctrl-C in the consumer) starts nothing new and
        does not wait for what is running: the workers are daemon threads, unlike a
        `ThreadPoolExecutor`'s, which the interpreter joins at exit, so one fetch stuck on a
        slow server used to keep the process alive after Ctrl-C.
        """
        feeds = list(feeds)
        if not feeds:
            return
        todo: queue.SimpleQueue[Feed] = queue.SimpleQueue()
        done: queue.SimpleQueue[FeedOutcome] = queue.SimpleQueue()
        stop = threading.Event()
        for feed in feeds:
            todo.put(feed)

        def work() -> None:
            while not stop.is_set():
                try:
                    feed = todo.get_nowait()
                except queue.Empty:
                    return
                try:
                    done.put(self._fetch_one(feed, known_guids.get(feed.id, set())))
                except BaseException as e:  # noqa: BLE001 - the consumer waits for every feed
                    done.put(FeedOutcome(feed, error=f"{e.__class__.__name__}: {e}"))

        for i in range(min(self.concurrency, len(feeds))):
            threading.Thread(target=work, name=f"newsdesk-feed-{i}", daemon=True).start()
        try:
            for _ in feeds:
                yield done.get()
        finally:
            stop.set()

    def _fetch_one(self, feed: Feed, known_guids: set[str]) -> FeedOutcome:
        from .http import fetch

        try:
            response = fetch(feed.url, timeout=self.timeout, max_bytes=self.max_bytes,
                             etag=feed.etag, last_modified=feed.last_modified, accept=FEED_ACCEPT)
            if response.not_modified:
                return FeedOutcome(feed, etag=response.etag, last_modified=response.last_modified,
                                not_modified=True)
            parsed = parse_feed(response.content, response.url,
                                content_type=response.content_type)
        except NewsdeskError as e:
            return FeedOutcome(feed, error=str(e) or e.__class__.__name__)
        except Exception as e:  # noqa: BLE001 - a parser bug on one feed must not stop the rest
            return FeedOutcome(feed, error=f"{e.__class__.__name__}: {e}")
        full_text = feed.full_text if self.full_text is None else self.full_text
        pages = errors = 0
        if full_text and parsed.teasers:
            items = list(parsed.items)
            for index in sorted(parsed.teasers):
                item = items[index]
                if not item.url or item.extra.get("guid") in known_guids:
                    continue
                if pages + errors >= MAX_FULL_PAGES:
                    break
                body = self._full_page(item.url)
                if body is None:
                    errors += 1
                elif len(body) > len(item.body):
                    items[index] = replace(item, body=body)
                    pages += 1
            parsed = ParsedFeed(parsed.title, parsed.link, parsed.version, items, parsed.teasers)
        return FeedOutcome(feed, parsed=parsed, etag=response.etag,
                        last_modified=response.last_modified, full_pages=pages,
                        page_errors=errors)

    def _full_page(self, url: str) -> str | None:
        """The main text of an item's page (trafilatura), or None if it cannot be had."""
        from .http import fetch
        from .inputs import decode_bytes, extract_html

        try:
            page = fetch(url, timeout=self.timeout, max_bytes=self.max_bytes)
            html = decode_bytes(page.content, hint=page.encoding)
            return extract_html(html, url=page.url).text
        except NewsdeskError:
            return None
