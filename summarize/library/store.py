"""The article library: one SQLite file holding articles, feeds, tags, search and cached results.

`Library` is the one door to it, shared by the `newsdesk` commands, the reader and the tests.

* Schema versioned with `PRAGMA user_version` (migrations in `_MIGRATIONS`) and stamped with
  `PRAGMA application_id`, so a file that is not ours (random bytes, another program's SQLite
  database) or one from a newer Newsdesk is refused with `LibraryError` and never written to.
* WAL, `foreign_keys=ON`, a busy timeout, and every write in one `BEGIN IMMEDIATE` transaction:
  two processes can write at once, and an interrupted write leaves the last committed state.
* Full-text search is an FTS5 index over title and body, kept in sync by triggers (an external
  content table, so the text is stored once).
* Summaries and topics are cached per article, method and length, keyed on the algorithm's
  version (`summarize.summarizer.method_version`, `summarize.topics.VERSION`): an upgrade that
  changes results recomputes them on next use.
* A new library is seeded with the bundled sample articles so a first run shows something.
* Before its first write a process runs `PRAGMA quick_check`: a damaged file is refused with
  recovery steps and never written to (reading what can be read still works).
* A file or folder that cannot be written is opened read-only: reading works, writes fail
  with a clear `LibraryError`, and the summary/topic caches are simply not stored.

Search snippets mark matches with `HIGHLIGHT_START` (``\\x02``) and `HIGHLIGHT_END` (``\\x03``):
control characters that never occur in stored text (it is cleaned on the way in) and that mean
nothing to Rich markup; `SearchHit.parts()` splits a snippet into (text, highlighted) pieces.
"""

from __future__ import annotations

import builtins
import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ..ingest.articles import Article, content_hash
from ..errors import EmptyInputError, LibraryError, NewsdeskError, UsageError
from ..models import Summary, Topic
from .paths import resolve_library_path
from ..sanitize import strip_controls

if TYPE_CHECKING:
    from ..ingest.feeds import Feed, FeedOutcome, FeedResult
    from ..ingest.opml import OpmlOutline

__all__ = [
    "AddResult",
    "ArticleNotFoundError",
    "ArticleQuery",
    "ArticleRow",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "ImportResult",
    "Library",
    "SCHEMA_VERSION",
    "SearchHit",
    "match_spans",
    "search_terms",
]

SCHEMA_VERSION = 2
"""The schema this code writes; a file with a higher `user_version` is refused."""
APPLICATION_ID = 0x4E574453
"""`PRAGMA application_id` of a Newsdesk library ("NWDS"): tells our files from others'."""
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000
"""How long a write waits for another process's write to finish before giving up."""

HIGHLIGHT_START = "\x02"
"""Opens a highlighted match inside `SearchHit.snippet`."""
HIGHLIGHT_END = "\x03"
"""Closes a highlighted match inside `SearchHit.snippet`."""
TOPICS_STORED = 8
"""Topics are computed and cached at least this many at a time (what `related` looks at)."""
_TAG_SEP = "\x1f"
UNCHECKED_CACHE_BYTES = 32_000_000
"""Above this size a process that has not checked the file yet skips cache writes (see
`Library._cache_write`): the check would cost more than recomputing a summary."""
MAX_QUERY_TERMS = 32
"""Longer queries are refused: FTS5's cost grows with every term."""
SORT_ORDERS = {
    "date": "a.sort_date DESC, a.id DESC",
    "source": "a.source COLLATE NOCASE, a.sort_date DESC, a.id DESC",
    "title": "a.title COLLATE NOCASE, a.sort_date DESC, a.id DESC",
    "unread": "a.read, a.sort_date DESC, a.id DESC",
}
"""`Library.list(sort=...)` -> its ORDER BY (fixed SQL, never built from the argument)."""


class ArticleNotFoundError(LibraryError):
    """No article has that id."""


class _NoRoomError(Exception):
    """Opening for writing failed for want of disk space (retried read-only)."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """The outcome of adding one article: its id, and whether it was new."""

    id: int
    created: bool


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What `Library.import_feeds` did: feed URLs added, already known, rejected (url, why)."""

    added: tuple[str, ...]
    known: tuple[str, ...]
    rejected: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of a listing: everything but the body (cheap to load by the thousand)."""

    id: int
    title: str
    source: str
    url: str | None
    published: str | None
    added: str
    read: bool
    starred: bool
    tags: tuple[str, ...]
    feed: str | None
    """The feed's name (or URL when it has none); None for articles not from a feed."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A search result: the row, a snippet with marked matches, and a relevance (higher=better)."""

    row: ArticleRow
    snippet: str
    rank: float

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, highlighted) pieces, markers removed."""
        out: list[tuple[str, bool]] = []
        for i, piece in enumerate(re.split(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]", self.snippet)):
            if piece:
                out.append((piece, i % 2 == 1))
        return out


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Which articles a listing, a count or a search looks at (every field narrows it).

    One object for `Library.list`, `count` and `search`, so a filter is written (and checked)
    once: the CLI's listing options and the reader build it, `_where_sql` turns it into SQL.
    """

    unread: bool = False
    starred: bool = False
    feed: str | None = None
    """A feed's name, URL or id, or an article's source."""
    tag: str | None = None
    topic: str | None = None
    """A stored key topic (or one of its variants); see `Library.index_topics`."""
    since: str | None = None
    """An ISO date/date-time or an age (`7d`, `12h`, `2w`, `3m`); see `parse_since`."""


MAX_SQL_INT = 2**63 - 1
"""SQLite's largest integer: ids, limits and offsets above it are refused, not overflowed."""


def _sql_int(value: int) -> int:
    """`value` clamped into SQLite's integer range (a limit of 10**30 means "no limit")."""
    return max(0, min(int(value), MAX_SQL_INT))


def _where_sql(where: ArticleQuery) -> tuple[str, builtins.list[Any]]:
    """The WHERE clause (over `articles a` joined to `feeds f`) and parameters of a query."""
    clauses: builtins.list[str] = []
    params: builtins.list[Any] = []
    if where.unread:
        clauses.append("a.read = 0")
    if where.starred:
        clauses.append("a.starred = 1")
    if where.feed:
        clauses.append("(f.name = ? COLLATE NOCASE OR f.url = ? OR a.source = ? COLLATE NOCASE"
                       " OR CAST(a.feed_id AS TEXT) = ?)")
        params += [where.feed] * 4
    if where.tag:
        clauses.append("EXISTS (SELECT 1 FROM tags t WHERE t.article_id = a.id AND t.tag = ?)")
        params.append(where.tag.strip())
    if where.topic:
        clauses.append("EXISTS (SELECT 1 FROM topic_labels l WHERE l.article_id = a.id"
                       " AND l.label = ?)")
        params.append(_label_key(where.topic))
    if where.since:
        clauses.append("a.sort_date >= ?")
        params.append(parse_since(where.since))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


# --- schema ---------------------------------------------------------------------------------

_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    name TEXT,
    full_text INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    last_fetched TEXT,
    last_status TEXT,
    added TEXT NOT NULL
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    url TEXT,
    author TEXT,
    published TEXT,
    added TEXT NOT NULL,
    sort_date TEXT NOT NULL,
    language TEXT,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
    guid TEXT,
    content_hash TEXT NOT NULL UNIQUE
);
CREATE INDEX articles_sort ON articles(sort_date DESC, id DESC);
CREATE INDEX articles_feed ON articles(feed_id);
CREATE UNIQUE INDEX articles_guid ON articles(feed_id, guid) WHERE guid IS NOT NULL;
CREATE TABLE bodies (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    body TEXT NOT NULL
);
CREATE TABLE tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (article_id, tag)
) WITHOUT ROWID;
CREATE INDEX tags_tag ON tags(tag);
CREATE TABLE summaries (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    length TEXT NOT NULL,
    version TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (article_id, method, length)
) WITHOUT ROWID;
CREATE TABLE topics (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version TEXT NOT NULL,
    size INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE TABLE topic_labels (
    label TEXT NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    rank INTEGER NOT NULL,
    PRIMARY KEY (label, article_id)
) WITHOUT ROWID;
CREATE INDEX topic_labels_article ON topic_labels(article_id);
CREATE VIEW article_text AS
    SELECT a.id AS id, a.title AS title, b.body AS body
    FROM articles a JOIN bodies b ON b.article_id = a.id;
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, content='article_text', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
CREATE TRIGGER bodies_ai AFTER INSERT ON bodies BEGIN
    INSERT INTO articles_fts(rowid, title, body)
        VALUES (new.article_id, (SELECT title FROM articles WHERE id = new.article_id), new.body);
END;
CREATE TRIGGER bodies_au AFTER UPDATE OF body ON bodies BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.article_id,
                (SELECT title FROM articles WHERE id = old.article_id), old.body);
    INSERT INTO articles_fts(rowid, title, body)
        VALUES (new.article_id, (SELECT title FROM articles WHERE id = new.article_id), new.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        SELECT 'delete', old.id, old.title, b.body FROM bodies b WHERE b.article_id = old.id;
    INSERT INTO articles_fts(rowid, title, body)
        SELECT new.id, new.title, b.body FROM bodies b WHERE b.article_id = new.id;
END;
CREATE TRIGGER articles_bd BEFORE DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        SELECT 'delete', old.id, old.title, b.body FROM bodies b WHERE b.article_id = old.id;
END;
"""

_ARTICLE_TRIGGERS = """
CREATE VIEW article_text AS
    SELECT a.id AS id, a.title AS title, b.body AS body
    FROM articles a JOIN bodies b ON b.article_id = a.id;
CREATE TRIGGER bodies_ai AFTER INSERT ON bodies BEGIN
    INSERT INTO articles_fts(rowid, title, body)
        VALUES (new.article_id, (SELECT title FROM articles WHERE id = new.article_id), new.body);
END;
CREATE TRIGGER bodies_au AFTER UPDATE OF body ON bodies BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.article_id,
                (SELECT title FROM articles WHERE id = old.article_id), old.body);
    INSERT INTO articles_fts(rowid, title, body)
        VALUES (new.article_id, (SELECT title FROM articles WHERE id = new.article_id), new.body);
END;
CREATE TRIGGER articles_au AFTER UPDATE OF title ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        SELECT 'delete', old.id, old.title, b.body FROM bodies b WHERE b.article_id = old.id;
    INSERT INTO articles_fts(rowid, title, body)
        SELECT new.id, new.title, b.body FROM bodies b WHERE b.article_id = new.id;
END;
CREATE TRIGGER articles_bd BEFORE DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, body)
        SELECT 'delete', old.id, old.title, b.body FROM bodies b WHERE b.article_id = old.id;
END;
"""

_SCHEMA_V2 = """
DROP VIEW article_text;
DROP TRIGGER bodies_ai;
DROP TRIGGER bodies_au;
DROP TRIGGER articles_au;
DROP TRIGGER articles_bd;
CREATE TABLE articles_v2 (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT NOT NULL DEFAULT '',
    url TEXT,
    author TEXT,
    published TEXT,
    added TEXT NOT NULL,
    sort_date TEXT NOT NULL,
    language TEXT,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    feed_id INTEGER REFERENCES feeds(id) ON DELETE SET NULL,
    guid TEXT,
    content_hash TEXT NOT NULL
);
INSERT INTO articles_v2 SELECT id, title, source, url, author, published, added, sort_date,
    language, read, starred, feed_id, guid, content_hash FROM articles;
DROP TABLE articles;
ALTER TABLE articles_v2 RENAME TO articles;
CREATE INDEX articles_sort ON articles(sort_date DESC, id DESC);
CREATE INDEX articles_feed ON articles(feed_id);
CREATE UNIQUE INDEX articles_guid ON articles(feed_id, guid) WHERE guid IS NOT NULL;
CREATE INDEX articles_hash ON articles(content_hash);
CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
""" + _ARTICLE_TRIGGERS
"""Version 2: the body hash is no longer unique (link-aggregator feeds give many stories one
body, "Comments"; an item is known by its guid or link, see `Library._known_id`), and links
are indexed for that look-up."""

_MIGRATIONS: dict[int, str] = {1: _SCHEMA_V1, 2: _SCHEMA_V2}
"""Target version -> SQL taking the previous version there (0 is the empty file)."""


# --- helpers --------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_RELATIVE = re.compile(r"\A\s*(\d+)\s*([hdwm])\s*\Z", re.I)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD, so SQLite (UTF-8) can store it.

    They come from `&#xD800;` in a feed, `"\\ud800"` in JSON, or bytes that are not UTF-8 in a
    file name or command-line argument (Python's surrogateescape); any of them used to make
    the whole write fail.
    """
    if text.isascii():
        return text
    return _SURROGATE.sub("\ufffd", text)


def _clean_text(text: str) -> str:
    """Stored text has no terminal control sequence or control character but tab and newline
    (CR folded to LF): whatever prints it later cannot be tricked by it."""
    text = _encodable(text).replace("\r\n", "\n").replace("\r", "\n")
    # One character class finds the rare text that needs the full (slower) sequence pass.
    return strip_controls(text) if _CONTROL_CHAR.search(text) else text


def _clean_line(text: str | None) -> str | None:
    if text is None:
        return None
    value = _SPACES.sub(" ", strip_controls(_encodable(text))).strip()
    return value or None


def normalize_date(value: str | None) -> str | None:
    """An ISO 8601 form of a date as feeds and pages write it (RFC 822 or ISO), else None.

    Dates without a time stay dates (`2024-02-21`); date-times become UTC (`...Z`).
    """
    if not value or not value.strip():
        return None
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            parsed = None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        # 0001-01-01T00:00:00+05:00 is a valid date whose UTC time is before year 1.
        return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, ValueError):
        return None


def parse_since(since: str) -> str:
    """The lower bound for `--since`: an ISO date/date-time or a relative `7d`, `12h`, `2w`, `3m`."""
    m = _RELATIVE.match(since)
    if m:
        n, unit = int(m.group(1)), m.group(2).lower()
        days = {"h": n / 24, "d": n, "w": 7 * n, "m": 30 * n}[unit]
        try:
            return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
        except (OverflowError, ValueError):  # before year 1: every article is newer
            return "0001-01-01T00:00:00Z"
    value = normalize_date(since)
    if value is None or not re.match(r"\d{4}-\d{2}-\d{2}", since.strip()):
        raise UsageError(f"--since: not a date or age: {since!r} (try 2024-02-21 or 7d)")
    return value


def _sort_date(published: str | None, added: str) -> str:
    return normalize_date(published) or added


def _fts_fallback(query: str) -> str:
    """`query` as plain terms: every word quoted, so FTS5 operators and punctuation are inert."""
    terms = [t for t in re.findall(r"\w+", query) if t not in _FTS_OPERATORS]
    return " ".join('"' + t.replace('"', '""') + '"' for t in terms)


MIN_PREFIX = 3
"""Shorter words are matched whole even in a prefix search: a one- or two-letter prefix matches
most of a large library, costs a ranking of all of it, and narrows nothing."""


def _checked_query(query: str) -> str:
    """`query` with lone surrogates replaced; `UsageError` past `MAX_QUERY_TERMS` words."""
    query = _encodable(query)
    terms = sum(1 for t in re.findall(r"\w+", query) if t not in _FTS_OPERATORS)
    if terms > MAX_QUERY_TERMS:
        raise UsageError(f"search: a query may have at most {MAX_QUERY_TERMS} words"
                         f" (this one has {terms:,})")
    return query


def _fts_prefix(query: str) -> str:
    """`query` for search as you type: plain words of `MIN_PREFIX` letters or more become
    quoted prefix terms (`"fer"*`).

    A query using FTS5 syntax (quotes, operators, `*`, column filters) is left as written.
    """
    if re.search(r'["*():^{}+-]', query) or any(w in _FTS_OPERATORS for w in query.split()):
        return query
    terms = re.findall(r"\w+", query)
    return " ".join('"' + t + ('"*' if len(t) >= MIN_PREFIX else '"') for t in terms) or query


def search_terms(query: str) -> list[str]:
    """The words of a search, folded as the index folds them (case and accents), operators out."""
    return [_fold(t) for t in re.findall(r"\w+", query) if t not in _FTS_OPERATORS]


def match_spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of every word in `text` that a prefix search for `query` matches.

    What the reader highlights in a title or body: the same words the index matched, found by
    the same rule (a word starting with a query word, ignoring case and accents).
    """
    terms = search_terms(query)
    if not terms:
        return []
    return [(m.start(), m.end()) for m in re.finditer(r"\w+", text)
            if _fold(m.group()).startswith(tuple(terms))]


def _fold(word: str) -> str:
    """Case and accents folded away, as FTS5's `unicode61 remove_diacritics 2` does."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _summary_from_json(data: str) -> Summary:
    return Summary.from_dict(json.loads(data))


def _topics_from_json(data: str) -> list[Topic]:
    return [
        Topic(
            label=t["label"],
            score=t["score"],
            count=t["count"],
            spans=tuple(tuple(s) for s in t.get("spans", ())),
            variants=tuple(t.get("variants", ())),
            parts=t.get("parts", {}),
        )
        for t in json.loads(data)
    ]


def _topics_version() -> str:
    from .. import topics

    return str(getattr(topics, "VERSION", "0"))


def _summary_version(method: str) -> str:
    from .. import summarizer

    return f"{summarizer.method_version(method)}|{getattr(summarizer, 'DEFAULT_SENTENCES', '')}"


# --- the library ----------------------------------------------------------------------------

_ROW_SQL = """
SELECT a.id, a.title, a.source, a.url, a.published, a.added, a.read, a.starred,
       (SELECT group_concat(t.tag, char(31)) FROM tags t WHERE t.article_id = a.id),
       coalesce(f.name, f.url)
FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
"""


def _row(r: tuple[Any, ...]) -> ArticleRow:
    return ArticleRow(
        id=r[0],
        title=r[1],
        source=r[2],
        url=r[3],
        published=r[4],
        added=r[5],
        read=bool(r[6]),
        starred=bool(r[7]),
        tags=tuple(r[8].split(_TAG_SEP)) if r[8] else (),
        feed=r[9],
    )


class Library:
    """A Newsdesk article library in one SQLite file (see the module docstring).

    Safe to share between threads (one connection behind a lock); open one per process.
    """

    def __init__(self, path: Path | str | None = None, *, seed: bool = True) -> None:
        self.path: Path = resolve_library_path(path)
        self._lock = threading.RLock()
        self.read_only = False
        """True when the file, its folder or its disk cannot be written: reading works,
        writing fails with the reason."""
        self._read_only_reason = ""
        self._verified = False
        """Whether `PRAGMA quick_check` found the file sound (done before the first write)."""
        self._conn = self._open(seed)

    # -- opening and migrating ---------------------------------------------------------------

    def _error(self, reason: str) -> LibraryError:
        return LibraryError(f"{self.path}: {reason}")

    def _open(self, seed: bool) -> sqlite3.Connection:
        path = self.path
        if path.is_dir():
            raise self._error("is a directory, not a Newsdesk library")
        if path.exists() and path.stat().st_size > 0:
            try:
                with path.open("rb") as f:
                    head = f.read(len(SQLITE_MAGIC))
            except OSError as e:
                raise self._error(f"cannot read ({e.strerror or e})") from None
            if head != SQLITE_MAGIC:
                raise self._error("not a Newsdesk library (not an SQLite database); left untouched")
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise self._error(f"cannot create its folder ({e.strerror or e})") from None
        if path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            return self._connect(seed, "the file or its folder is read-only")
        try:
            return self._connect(seed, None)
        except _NoRoomError:
            # A full disk has no room for the WAL index (-shm) even to read. With no write
            # pending (no -wal) nobody can change the file now, so it is read as it stands.
            return self._connect(seed, "the disk is full or cannot be written", immutable=True)

    def _connect(
        self, seed: bool, read_only: str | None, *, immutable: bool = False
    ) -> sqlite3.Connection:
        """Open, check and (when writable) migrate the file; `read_only` says why it is."""
        path = self.path
        self.read_only = read_only is not None
        self._read_only_reason = read_only or ""
        try:
            conn = sqlite3.connect(
                self._read_only_uri(immutable) if self.read_only else str(path),
                uri=self.read_only,
                isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000,
            )
        except sqlite3.Error as e:
            raise self._error(f"cannot open ({e})") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            app_id, version, tables = self._inspect(conn)
            self._check(app_id, version, tables)
            if self.read_only:
                if version < SCHEMA_VERSION:
                    raise self._error("made by an older Newsdesk and read-only: open it once"
                                      " with write access so it can be upgraded")
            elif version < SCHEMA_VERSION:
                if version > 0:
                    self._verify(conn)  # upgrading writes: never to a damaged file
                samples = self._load_samples() if seed and version == 0 else []
                conn.execute("PRAGMA journal_mode = WAL")  # not allowed inside a transaction
                self._migrate(conn, samples)
            else:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA cache_size = -16000")  # 16 MB: FTS merges stay in memory
            conn.execute("PRAGMA foreign_keys = ON")
        except LibraryError:
            conn.close()
            raise
        except sqlite3.DatabaseError as e:
            conn.close()
            wal = path.with_name(path.name + "-wal")
            if (not self.read_only and isinstance(e, sqlite3.OperationalError)
                    and "disk I/O error" in str(e) and path.exists()
                    and (not wal.exists() or wal.stat().st_size == 0)):
                raise _NoRoomError from None
            raise self._error(f"cannot open as a Newsdesk library ({e}); left untouched") from None
        return conn

    def _read_only_uri(self, immutable: bool) -> str:
        """An SQLite URI opening the file read-only.

        In a folder that cannot be written (or on a full disk) SQLite cannot create the WAL
        index (`-shm`), and reading then fails; `immutable=1` tells it no one else writes the
        file, which holds while no one can write there.
        """
        uri = f"file:{quote(str(self.path.resolve()))}?mode=ro"
        shm = self.path.with_name(self.path.name + "-shm")
        if immutable or not shm.exists():
            uri += "&immutable=1"
        return uri

    def _file_bytes(self) -> int:
        """The library's size on disk, its write-ahead log included."""
        total = 0
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                total += path.stat().st_size
            except OSError:
                pass
        return total

    def _verify(self, conn: sqlite3.Connection) -> None:
        """Refuse a damaged file (`PRAGMA quick_check`) with the steps that recover it.

        Done once per process, before the first write: reading a damaged file harms nothing,
        writing to one can spread the damage. What it costs at 100,000 articles is measured by
        tests/benchmarks/bench_quick_check.py.
        """
        if self._verified:
            return
        try:
            problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        except sqlite3.DatabaseError as e:
            problem = str(e)
        if problem != "ok":
            first = " ".join(str(problem).split())[:160]
            raise self._error(
                f"the library file is damaged ({first}); nothing was written to it. To recover:"
                f" keep a copy of it, save what can be read with `newsdesk --library {self.path}"
                " export -o saved.jsonl`, move the file aside, then `newsdesk add saved.jsonl`"
                " into a new library (or restore a backup)"
            )
        self._verified = True

    @staticmethod
    def _inspect(conn: sqlite3.Connection) -> tuple[int, int, int]:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        return int(app_id), int(version), int(tables)

    def _check(self, app_id: int, version: int, tables: int) -> None:
        if app_id == 0 and version == 0 and tables == 0:
            return  # a new (empty) file: ours to create
        if app_id != APPLICATION_ID:
            raise self._error("not a Newsdesk library (another program's SQLite database); "
                              "left untouched")
        if version > SCHEMA_VERSION:
            raise self._error(f"library schema version {version} is newer than this Newsdesk "
                              f"understands ({SCHEMA_VERSION}); upgrade Newsdesk")

    def _migrate(self, conn: sqlite3.Connection, samples: list[Article]) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            app_id, version, tables = self._inspect(conn)  # another process may have won
            self._check(app_id, version, tables)
            created = version == 0
            for target in range(version + 1, SCHEMA_VERSION + 1):
                for statement in _split_sql(_MIGRATIONS[target]):
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            if created:
                conn.execute("INSERT INTO meta(key, value) VALUES ('created', ?)", (_now(),))
                for article in samples:
                    self._insert(conn, article)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _load_samples() -> list[Article]:
        from ..ingest.articles import load_article_file, sample_article_paths
        from ..errors import NewsdeskError

        out = []
        for p in sample_article_paths():
            try:
                out.append(load_article_file(p))
            except (OSError, ValueError, NewsdeskError):
                continue  # a broken sample must not stop a new library
        return out

    # -- plumbing ----------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (IMMEDIATE: takes the write lock at once, waits busy_timeout).

        Any exception rolls it back; SQLite's own errors (busy, read-only file, disk full)
        become a `LibraryError` naming the file.
        """
        with self._lock:
            if self.read_only:
                raise self._error(f"cannot write ({self._read_only_reason})")
            self._verify(self._conn)
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise self._error(f"cannot write ({e})") from None
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except sqlite3.Error as e:
                self._rollback()
                raise self._error(f"cannot write ({e})") from None
            except BaseException:
                self._rollback()
                raise

    def _rollback(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite already rolled back (e.g. after a full disk); nothing was committed

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                values = tuple(_encodable(p) if isinstance(p, str) else p for p in params)
                return self._conn.execute(sql, values).fetchall()
            except sqlite3.Error as e:
                raise self._error(f"cannot read ({e})") from None

    # -- articles ----------------------------------------------------------------------------

    @staticmethod
    def _known_id(
        conn: sqlite3.Connection, feed_id: int | None, guid: str | None, url: str | None,
        digest: str, title: str,
    ) -> int | None:
        """The stored article that this one is, if any.

        A feed item is its guid within its feed, else its link; the same link from two feeds is
        one article. The body hash decides for feed items with neither, and never joins two feed
        items with different titles: link-aggregator feeds give many different stories the one
        body "Comments". An article added by hand (a file, a page, pasted text) is the stored one
        with its link or, failing that, with its text: the same file read from disk and from a
        web server is one article, as are syndicated copies of one story.
        """
        in_feed = feed_id is not None and guid is not None
        if in_feed:
            found = conn.execute("SELECT id FROM articles WHERE feed_id = ? AND guid = ?",
                                 (feed_id, guid)).fetchone()
            if found:
                return int(found[0])
        if url is not None:
            # Within its own feed an item with a guid is that guid: another guid is another item.
            found = conn.execute(
                "SELECT id FROM articles WHERE url = ?2 AND NOT (?1 AND feed_id IS ?3)"
                " ORDER BY id LIMIT 1",
                (in_feed, url, feed_id),
            ).fetchone()
            if found:
                return int(found[0])
            if feed_id is not None:
                return None
        if in_feed:
            return None
        for found_id, found_title in conn.execute(
            "SELECT id, title FROM articles WHERE content_hash = ? ORDER BY id", (digest,)
        ):
            if feed_id is None or found_title == title:
                return int(found_id)
        return None

    def _insert(self, conn: sqlite3.Connection, article: Article) -> AddResult:
        body = _clean_text(article.body).strip("\n")
        digest = content_hash(body)
        title = _clean_line(article.title) or "Untitled"
        url = _clean_line(article.url)
        raw_guid = article.extra.get("guid") if article.extra else None
        guid = _encodable(str(raw_guid)) if raw_guid else None
        found = self._known_id(conn, article.feed_id, guid, url, digest, title)
        if found is not None:
            return AddResult(found, False)
        added = article.added or _now()
        # A date that cannot be read (or lies outside year 1..9999 in UTC) is unknown.
        published = _clean_line(article.published)
        if published is not None and normalize_date(published) is None:
            published = None
        cur = conn.execute(
            "INSERT INTO articles(title, source, url, author, published, added, sort_date, language,"
            " content_hash, read, starred, feed_id, guid)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                title,
                _clean_line(article.source) or "",
                url,
                _clean_line(article.author),
                published,
                added,
                _sort_date(published, added),
                _clean_line(article.language),
                digest,
                int(article.read),
                int(article.starred),
                article.feed_id,
                guid,
            ),
        )
        article_id = int(cur.lastrowid or 0)
        conn.execute("INSERT INTO bodies(article_id, body) VALUES (?, ?)", (article_id, body))
        tags = {t for t in (_clean_line(t) for t in article.tags) if t}
        conn.executemany(
            "INSERT OR IGNORE INTO tags(article_id, tag) VALUES (?, ?)",
            [(article_id, t) for t in sorted(tags)],
        )
        return AddResult(article_id, True)

    def add(self, article: Article) -> AddResult:
        """Store `article`; the same text again (by content hash) returns the stored id."""
        if not article.body.strip():
            raise EmptyInputError("article has no text")
        with self._write() as conn:
            return self._insert(conn, article)

    def add_many(self, articles: Iterable[Article]) -> list[AddResult]:
        """Store many articles in one transaction (all or none); empty bodies are skipped."""
        with self._write() as conn:
            return [self._insert(conn, a) for a in articles if a.body.strip()]

    def get(self, article_id: int) -> Article:
        rows = self._query(
            "SELECT id, title, source, url, author, published, added, language, b.body, read,"
            " starred, feed_id,"
            " (SELECT group_concat(tag, char(31)) FROM tags WHERE article_id = articles.id)"
            " FROM articles JOIN bodies b ON b.article_id = articles.id WHERE id = ?",
            (article_id,),
        )
        if not rows:
            raise ArticleNotFoundError(f"no article with id {article_id}")
        r = rows[0]
        return Article(
            id=r[0], title=r[1], source=r[2], url=r[3], author=r[4], published=r[5], added=r[6],
            language=r[7], body=r[8], read=bool(r[9]), starred=bool(r[10]), feed_id=r[11],
            tags=tuple(r[12].split(_TAG_SEP)) if r[12] else (),
        )

    def row(self, article_id: int) -> ArticleRow:
        rows = self._query(_ROW_SQL + " WHERE a.id = ?", (article_id,))
        if not rows:
            raise ArticleNotFoundError(f"no article with id {article_id}")
        return _row(rows[0])

    def list(
        self,
        where: ArticleQuery | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "date",
    ) -> builtins.list[ArticleRow]:
        """Articles matching `where` (all by default), newest first (by publication date, else
        when added), or by `sort`: one of `SORT_ORDERS` (source, title, unread first; newest
        first among equals)."""
        order = SORT_ORDERS.get(sort)
        if order is None:
            raise UsageError(f"unknown sort {sort!r} (try one of: {', '.join(SORT_ORDERS)})")
        clause, params = _where_sql(where or ArticleQuery())
        sql = _ROW_SQL + clause + f" ORDER BY {order} LIMIT ? OFFSET ?"
        params += [-1 if limit is None else _sql_int(limit), _sql_int(offset)]
        return [_row(r) for r in self._query(sql, params)]

    def count(self, where: ArticleQuery | None = None) -> int:
        """How many articles match `where` (all by default)."""
        clause, params = _where_sql(where or ArticleQuery())
        sql = "SELECT count(*) FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id" + clause
        return int(self._query(sql, params)[0][0])

    def search(
        self, query: str, where: ArticleQuery | None = None, *, limit: int = 50,
        offset: int = 0, prefix: bool = False, snippets: bool = True,
    ) -> builtins.list[SearchHit]:
        """Full-text search over title and body (FTS5 syntax, else plain words), best first,
        among the articles matching `where` (all by default).

        Title matches weigh ten times body matches; equal ranks come newest first. Invalid FTS5
        syntax (a stray quote or bracket, `-`) is retried as plain words, so this never fails on
        what the user typed. `prefix` makes every plain word match as a prefix (`fer` finds
        "ferry"), for search as you type; `offset` pages on; the filters are `list`'s.
        `snippets=False` leaves `SearchHit.snippet` empty, which is much faster for a query
        matching much of the library (each snippet probes the index again).
        """
        if not query.strip() or limit <= 0:
            return []
        query = _checked_query(query)
        clause, params = _where_sql(where or ArticleQuery())
        # Rank first, then build snippets for the top rows only: a snippet re-tokenizes the
        # body, and SQLite would otherwise make one for every match before sorting.
        # The matches are ranked by FTS5 alone first (MATERIALIZED): joined straight to
        # `articles`, SQLite may probe the index once per article row instead.
        sql = (
            "WITH m AS MATERIALIZED (SELECT rowid AS id, rank AS score FROM articles_fts"
            " WHERE articles_fts MATCH ?1),"
            " top AS (SELECT m.id AS id, m.score AS score FROM m"
            " JOIN articles a ON a.id = m.id LEFT JOIN feeds f ON f.id = a.feed_id"
            f"{clause} ORDER BY m.score, a.sort_date DESC, a.id DESC"
            f" LIMIT {_sql_int(limit)} OFFSET {_sql_int(offset)})"
            " SELECT a.id, a.title, a.source, a.url, a.published, a.added, a.read, a.starred,"
            " (SELECT group_concat(t.tag, char(31)) FROM tags t WHERE t.article_id = a.id),"
            " coalesce(f.name, f.url),"
            f" snippet(articles_fts, 1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…', 16),"
            " top.score"
            " FROM top JOIN articles_fts ON articles_fts.rowid = top.id"
            " JOIN articles a ON a.id = top.id LEFT JOIN feeds f ON f.id = a.feed_id"
            " WHERE articles_fts MATCH ?1 ORDER BY top.score, a.sort_date DESC, a.id DESC"
        )
        if not snippets:
            sql = sql[: sql.index(" SELECT a.id")] + (
                " SELECT a.id, a.title, a.source, a.url, a.published, a.added, a.read, a.starred,"
                " (SELECT group_concat(t.tag, char(31)) FROM tags t WHERE t.article_id = a.id),"
                " coalesce(f.name, f.url), '', top.score"
                " FROM top JOIN articles a ON a.id = top.id LEFT JOIN feeds f ON f.id = a.feed_id"
                " ORDER BY top.score, a.sort_date DESC, a.id DESC"
            )
        rows = self._match(sql, query, params, prefix)
        return [SearchHit(_row(r[:10]), r[10] or "", -float(r[11])) for r in rows]

    def search_count(
        self, query: str, where: ArticleQuery | None = None, *, prefix: bool = False
    ) -> int:
        """How many articles `search` finds for the same arguments (every page, not one)."""
        if not query.strip():
            return 0
        query = _checked_query(query)
        clause, params = _where_sql(where or ArticleQuery())
        sql = (
            "WITH m AS MATERIALIZED (SELECT rowid AS id FROM articles_fts"
            " WHERE articles_fts MATCH ?1)"
            " SELECT count(*) FROM m JOIN articles a ON a.id = m.id"
            f" LEFT JOIN feeds f ON f.id = a.feed_id{clause}"
        )
        rows = self._match(sql, query, params, prefix)
        return int(rows[0][0]) if rows else 0

    def _match(
        self, sql: str, query: str, params: builtins.list[Any], prefix: bool
    ) -> builtins.list[tuple[Any, ...]]:
        """Run `sql` with `query` as ?1 (as prefixes when asked), retried as plain words when
        FTS5 rejects the syntax."""
        text = _fts_prefix(query) if prefix else query
        with self._lock:
            try:
                return self._conn.execute(sql, (text, *params)).fetchall()
            except sqlite3.OperationalError:  # FTS5 syntax error, unknown column filter
                plain = _fts_fallback(query)
                if not plain:
                    return []
                try:
                    return self._conn.execute(sql, (plain, *params)).fetchall()
                except sqlite3.Error as e:
                    raise self._error(f"cannot search ({e})") from None
            except sqlite3.Error as e:  # a damaged file
                raise self._error(f"cannot search ({e})") from None

    def mark(
        self, ids: Iterable[int], *, read: bool | None = None, starred: bool | None = None
    ) -> int:
        """Set read and/or starred on `ids`; returns how many articles exist among them."""
        sets = []
        params: builtins.list[Any] = []
        if read is not None:
            sets.append("read = ?")
            params.append(int(read))
        if starred is not None:
            sets.append("starred = ?")
            params.append(int(starred))
        id_list = sorted({int(i) for i in ids})
        if not id_list:
            return 0
        total = 0
        with self._write() as conn:
            for chunk in _chunks(id_list):
                marks = ",".join("?" * len(chunk))
                if sets:
                    cur = conn.execute(
                        f"UPDATE articles SET {', '.join(sets)} WHERE id IN ({marks})",
                        params + chunk,
                    )
                    total += cur.rowcount
                else:
                    total += conn.execute(
                        f"SELECT count(*) FROM articles WHERE id IN ({marks})", chunk
                    ).fetchone()[0]
        return total

    def set_tags(self, article_id: int, tags: Iterable[str]) -> None:
        """Replace the tags of one article."""
        clean = sorted({t for t in (_clean_line(t) for t in tags) if t})
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                raise ArticleNotFoundError(f"no article with id {article_id}")
            conn.execute("DELETE FROM tags WHERE article_id = ?", (article_id,))
            conn.executemany("INSERT INTO tags VALUES (?, ?)", [(article_id, t) for t in clean])

    def update(
        self,
        article_id: int,
        *,
        title: str | None = None,
        body: str | None = None,
        add_tags: Iterable[str] = (),
    ) -> tuple[str, ...]:
        """Change an article's title or text, or add tags; returns the fields that changed.

        The search index follows; a new text drops the cached summaries and topics. Re-adding
        stored text with a new `--title` or `--tag` comes here (`newsdesk add`).
        """
        changed: builtins.list[str] = []
        with self._write() as conn:
            found = conn.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()
            if not found:
                raise ArticleNotFoundError(f"no article with id {article_id}")
            if title is not None:
                clean_title = _clean_line(title) or "Untitled"
                if clean_title != found[0]:
                    conn.execute("UPDATE articles SET title = ? WHERE id = ?", (clean_title, article_id))
                    changed.append("title")
            if body is not None:
                clean = _clean_text(body).strip("\n")
                digest = content_hash(clean)
                if conn.execute("SELECT 1 FROM articles WHERE content_hash = ? AND id != ?",
                                (digest, article_id)).fetchone():
                    raise LibraryError("another article already has that text")
                conn.execute("UPDATE articles SET content_hash = ? WHERE id = ?",
                             (digest, article_id))
                conn.execute("UPDATE bodies SET body = ? WHERE article_id = ?", (clean, article_id))
                for table in ("summaries", "topics", "topic_labels"):
                    conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
                changed.append("body")
            new_tags = sorted({t for t in (_clean_line(t) for t in add_tags) if t})
            added = sum(
                conn.execute("INSERT OR IGNORE INTO tags(article_id, tag) VALUES (?, ?)",
                             (article_id, tag)).rowcount
                for tag in new_tags
            )
            if added:
                changed.append("tags")
        return tuple(changed)

    def existing(self, ids: Iterable[int]) -> set[int]:
        """Which of `ids` name a stored article (ids beyond SQLite's integers name none)."""
        wanted = sorted({int(i) for i in ids if 0 < int(i) <= MAX_SQL_INT})
        found: set[int] = set()
        for chunk in _chunks(wanted):
            found.update(r[0] for r in self._query(
                f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk))
        return found

    def remove(self, ids: Iterable[int]) -> int:
        """Delete articles (their tags, cached summaries and topics go with them)."""
        id_list = sorted({int(i) for i in ids})
        total = 0
        with self._write() as conn:
            for chunk in _chunks(id_list):
                cur = conn.execute(
                    f"DELETE FROM articles WHERE id IN ({','.join('?' * len(chunk))})", chunk
                )
                total += cur.rowcount
        return total

    # -- summaries and topics ----------------------------------------------------------------

    def _body_and_language(self, article_id: int) -> tuple[str, str | None]:
        rows = self._query("SELECT b.body, a.language FROM articles a JOIN bodies b"
                           " ON b.article_id = a.id WHERE a.id = ?", (article_id,))
        if not rows:
            raise ArticleNotFoundError(f"no article with id {article_id}")
        return rows[0][0], rows[0][1]

    def summary(
        self, article_id: int, *, method: str | None = None, sentences: int | None = None
    ) -> Summary:
        """The article's summary, from the cache when the method's version still matches."""
        from .. import summarizer
        from ..errors import UnsupportedLanguageError
        from ..methods import method_name

        name = method_name(method)  # the core's check: UnknownMethodError with the list
        length = str(sentences) if sentences is not None else "default"
        body, language = self._body_and_language(article_id)
        version = _summary_version(name)
        rows = self._query(
            "SELECT version, data FROM summaries WHERE article_id = ? AND method = ? AND length = ?",
            (article_id, name, length),
        )
        if rows and rows[0][0] == version:
            return _summary_from_json(rows[0][1])
        try:
            result = summarizer.summarize(body, method=name, sentences=sentences, language=language)
        except UnsupportedLanguageError:
            result = summarizer.summarize(body, method=name, sentences=sentences)
        with self._cache_write() as conn:
            if conn is not None and conn.execute(
                "SELECT 1 FROM articles WHERE id = ?", (article_id,)
            ).fetchone():
                conn.execute(
                    "INSERT OR REPLACE INTO summaries VALUES (?, ?, ?, ?, ?)",
                    (article_id, name, length, version, json.dumps(result.to_dict())),
                )
        return result

    @contextmanager
    def _cache_write(self) -> Iterator[sqlite3.Connection | None]:
        """A write of cached results, or None when the library cannot be written.

        A cache is only a saving: a read-only file or folder, a full disk or a damaged file
        (see `_verify`) must not stop `show` from showing, so its write is skipped instead.
        In a big library a process that has not checked the file yet (no write so far) skips
        it too: the check grows with the file, recomputing a summary does not.
        """
        if not self._verified and self._file_bytes() > UNCHECKED_CACHE_BYTES:
            yield None
            return
        stack = ExitStack()
        try:
            conn = stack.enter_context(self._write())
        except LibraryError:
            yield None
            return
        try:
            with stack:
                yield conn
        except LibraryError:
            pass  # not stored (disk full at commit): computed again next time

    def topics(self, article_id: int, *, limit: int = 8) -> builtins.list[Topic]:
        """The article's key topics, from the cache when the topics version still matches."""
        version = _topics_version()
        body, language = self._body_and_language(article_id)
        title_rows = self._query("SELECT title FROM articles WHERE id = ?", (article_id,))
        title = title_rows[0][0] if title_rows else None
        rows = self._query("SELECT version, size, data FROM topics WHERE article_id = ?",
                           (article_id,))
        if rows and rows[0][0] == version and rows[0][1] >= limit:
            return _topics_from_json(rows[0][2])[:limit]
        size = max(limit, TOPICS_STORED)
        found = self._compute_topics(body, language, size, title)
        self._store_topics(article_id, version, size, found)
        return found[:limit]

    @staticmethod
    def _compute_topics(
        body: str, language: str | None, size: int, title: str | None = None
    ) -> builtins.list[Topic]:
        """Topics of a stored article; its headline boosts what it names, as an editor would."""
        from ..errors import UnsupportedLanguageError
        from ..topics import extract_topics

        try:
            return extract_topics(body, limit=size, language=language, title=title)
        except UnsupportedLanguageError:
            return extract_topics(body, limit=size, title=title)

    def _store_topics(self, article_id: int, version: str, size: int, found: builtins.list[Topic]) -> None:
        labels: dict[str, int] = {}
        for rank, topic in enumerate(found[:TOPICS_STORED]):
            for name in (topic.label, *topic.variants):
                labels.setdefault(_label_key(name), rank)
        with self._cache_write() as conn:
            if conn is None or not conn.execute(
                "SELECT 1 FROM articles WHERE id = ?", (article_id,)
            ).fetchone():
                return
            conn.execute(
                "INSERT OR REPLACE INTO topics VALUES (?, ?, ?, ?)",
                (article_id, version, size, json.dumps([t.to_dict() for t in found])),
            )
            conn.execute("DELETE FROM topic_labels WHERE article_id = ?", (article_id,))
            conn.executemany(
                "INSERT OR IGNORE INTO topic_labels VALUES (?, ?, ?)",
                [(key, article_id, rank) for key, rank in labels.items()],
            )

    def index_topics(
        self, *, progress: Callable[[int, int], None] | None = None,
        ids: Iterable[int] | None = None, stop: Callable[[], bool] | None = None,
    ) -> int:
        """Compute topics for every article (or `ids`) without current ones; returns how many
        it did. `stop` is asked before each article: the work can be cancelled between them.

        `related` and `list(topic=...)` look at stored topics only; this fills them in.
        """
        version = _topics_version()
        with self._lock:
            self._verify(self._conn)  # this one is asked for: its writes are not optional
        wanted = None if ids is None else set(ids)
        todo = [r[0] for r in self._query(
            "SELECT a.id FROM articles a LEFT JOIN topics t ON t.article_id = a.id"
            " WHERE t.version IS NULL OR t.version != ? ORDER BY a.id", (version,))
            if wanted is None or r[0] in wanted]
        for done, article_id in enumerate(todo, 1):
            if stop is not None and stop():
                return done - 1
            try:
                self.topics(article_id, limit=TOPICS_STORED)
            except ArticleNotFoundError:
                pass  # removed meanwhile (another process)
            except NewsdeskError:
                # No usable text: remember "no topics" so it is not tried again every time.
                self._store_topics(article_id, version, TOPICS_STORED, [])
            if progress is not None:
                progress(done, len(todo))
        return len(todo)

    def related(self, label: str, *, limit: int = 100) -> builtins.list[ArticleRow]:
        """Articles whose stored topics include `label` (or a variant of it), best-ranked first."""
        rows = self._query(
            _ROW_SQL + " JOIN topic_labels l ON l.article_id = a.id WHERE l.label = ?"
            " ORDER BY l.rank, a.sort_date DESC, a.id DESC LIMIT ?",
            (_label_key(label), max(0, limit)),
        )
        return [_row(r) for r in rows]

    def topic_articles(self, label: str, *, limit: int = 1000) -> builtins.list[ArticleRow]:
        """Articles about `label`: those whose stored topics include it (best-ranked first), then
        those whose title or text contains it as a phrase (best match, then newest, first).

        Fast on any library: it reads the stored topics (computed when articles are added or
        fetched) and the search index, and never computes topics itself.
        """
        rows = self.related(label, limit=limit)
        seen = {r.id for r in rows}
        words = search_terms(label)
        if words and len(rows) < limit:
            phrase = '"' + " ".join(words) + '"'
            hits = self._query(
                _ROW_SQL + " JOIN (SELECT rowid AS id, rank AS score FROM articles_fts"
                " WHERE articles_fts MATCH ?) m ON m.id = a.id"
                " ORDER BY m.score, a.sort_date DESC, a.id DESC LIMIT ?",
                (phrase, limit + len(seen)),
            )
            rows += [r for r in map(_row, hits) if r.id not in seen][: limit - len(rows)]
        return rows

    def topic_counts(self, *, limit: int = 50) -> builtins.list[tuple[str, int]]:
        """The most common stored topic keys and how many articles share each."""
        rows = self._query(
            "SELECT label, count(*) AS n FROM topic_labels GROUP BY label"
            " ORDER BY n DESC, label LIMIT ?", (limit,))
        return [(r[0], int(r[1])) for r in rows]

    # -- feeds -------------------------------------------------------------------------------

    def add_feed(self, url: str, name: str | None = None, full_text: bool = False) -> Feed:
        """Subscribe to a feed (http/https); adding a known URL updates its name/full-text."""
        from ..ingest.feeds import check_feed_url

        url = check_feed_url(url)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO feeds(url, name, full_text, added) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(url) DO UPDATE SET name = coalesce(excluded.name, feeds.name),"
                " full_text = excluded.full_text",
                (url, _clean_line(name), int(full_text), _now()),
            )
        return self._feed_by("url", url)

    def import_feeds(self, outlines: Iterable[OpmlOutline], *, rename: bool = False) -> ImportResult:
        """Subscribe to every outline of an OPML file: one bad URL rejects only its outline.

        A feed already subscribed to keeps its name and settings unless `rename` is set (an
        import never renames what the user named without being asked).
        """
        from ..ingest.feeds import check_feed_url

        known = {f.url for f in self.list_feeds()}
        added: builtins.list[str] = []
        already: builtins.list[str] = []
        rejected: builtins.list[tuple[str, str]] = []
        for outline in outlines:
            try:
                url = check_feed_url(outline.url)
            except NewsdeskError as e:
                rejected.append((outline.url, str(e)))
                continue
            if url in known:
                already.append(url)
                if rename and outline.title:
                    self.add_feed(url, name=outline.title, full_text=self.get_feed(url).full_text)
                continue
            self.add_feed(url, name=outline.title, full_text=outline.full_text)
            known.add(url)
            added.append(url)
        return ImportResult(tuple(added), tuple(already), tuple(rejected))

    def _feed_by(self, column: str, value: Any) -> Feed:
        from ..ingest.feeds import Feed

        rows = self._query(
            "SELECT f.id, f.url, f.name, f.full_text, f.etag, f.last_modified, f.last_fetched,"
            " f.last_status, f.added, (SELECT count(*) FROM articles a WHERE a.feed_id = f.id)"
            f" FROM feeds f WHERE f.{column} = ?",
            (value,),
        )
        if not rows:
            raise LibraryError(f"no feed {value}")
        return _feed(rows[0])

    def list_feeds(self) -> builtins.list[Feed]:
        from ..ingest.feeds import Feed

        rows = self._query(
            "SELECT f.id, f.url, f.name, f.full_text, f.etag, f.last_modified, f.last_fetched,"
            " f.last_status, f.added, (SELECT count(*) FROM articles a WHERE a.feed_id = f.id)"
            " FROM feeds f ORDER BY f.id"
        )
        return [_feed(r) for r in rows]

    def get_feed(self, id_or_url: int | str) -> Feed:
        """A feed by id, URL or name."""
        key = str(id_or_url).strip()
        for column, value in (("id", int(key) if key.isdigit() else None), ("url", key),
                              ("name", key)):
            if value is None:
                continue
            try:
                return self._feed_by(column, value)
            except LibraryError:
                continue
        raise LibraryError(f"no feed {key!r}")

    def rename_feed(self, id_or_url: int | str, name: str | None) -> Feed:
        """Give a feed a name (None or blank: go back to the URL, or the feed's own title on
        the next fetch)."""
        feed = self.get_feed(id_or_url)
        with self._write() as conn:
            conn.execute("UPDATE feeds SET name = ? WHERE id = ?", (_clean_line(name), feed.id))
        return self._feed_by("id", feed.id)

    def feed_unread_counts(self) -> dict[int, int]:
        """Feed id -> how many of its articles are unread (feeds with none are left out)."""
        rows = self._query("SELECT feed_id, count(*) FROM articles WHERE read = 0"
                           " AND feed_id IS NOT NULL GROUP BY feed_id")
        return {int(r[0]): int(r[1]) for r in rows}

    def data_version(self) -> int:
        """SQLite's `PRAGMA data_version`: changes whenever another connection (another
        process: `newsdesk add`, `newsdesk fetch`) commits to the file, so a reader can poll it
        cheaply and reload only then."""
        return int(self._query("PRAGMA data_version")[0][0])

    def remove_feed(self, id_or_url: int | str) -> bool:
        """Unsubscribe (by id, URL or name); its articles stay, no longer tied to a feed."""
        try:
            feed = self.get_feed(id_or_url)
        except LibraryError:
            return False
        with self._write() as conn:
            return conn.execute("DELETE FROM feeds WHERE id = ?", (feed.id,)).rowcount > 0

    def fetch_feeds(
        self,
        *,
        concurrency: int = 4,
        full_text: bool | None = None,
        progress: Callable[[FeedResult], None] | None = None,
        feeds: Iterable[int | str] | None = None,
        timeout: float = 20.0,
        max_bytes: int | None = None,
    ) -> builtins.list[FeedResult]:
        """Fetch every feed (or `feeds`) and store new items, one transaction per feed.

        `summarize.ingest.feeds.FeedFetcher` fetches in worker threads and never touches the
        database; each outcome is stored here, on the calling thread, as it arrives.
        """
        from ..ingest.feeds import DEFAULT_MAX_BYTES, FeedFetcher

        chosen = self.list_feeds() if feeds is None else [self.get_feed(f) for f in feeds]
        fetcher = FeedFetcher(concurrency=concurrency, full_text=full_text, timeout=timeout,
                              max_bytes=max_bytes or DEFAULT_MAX_BYTES)
        known = {f.id: self._known_guids(f.id) for f in chosen}
        results: builtins.list[FeedResult] = []
        outcomes = fetcher.fetch(chosen, known)
        try:
            for outcome in outcomes:
                result = self._store_outcome(outcome)
                results.append(result)
                if progress is not None:
                    progress(result)
        finally:
            outcomes.close()
        return results

    def _store_outcome(self, outcome: FeedOutcome) -> FeedResult:
        """Store what fetching one feed brought back and say what changed."""
        from ..ingest.feeds import FeedResult

        feed = outcome.feed
        if outcome.error is not None:
            self._record_feed_status(feed.id, f"error: {outcome.error}")
            return FeedResult(feed, error=outcome.error)
        if outcome.not_modified or outcome.parsed is None:
            self._record_feed_status(feed.id, "not modified")
            return FeedResult(feed, not_modified=True)
        parsed = outcome.parsed
        articles = [replace(a, feed_id=feed.id, source=feed.name or a.source) for a in parsed.items]
        new, known = self._store_feed_result(
            feed.id, articles, etag=outcome.etag, last_modified=outcome.last_modified,
            status="ok", keep_validators=False, title=parsed.title,
        )
        try:
            feed = self.get_feed(feed.id)  # now named after the feed's title if it had no name
        except NewsdeskError:
            pass  # unsubscribed meanwhile: report it as it was
        return FeedResult(feed, added=len(new), known=known, items=len(parsed.items),
                          full_pages=outcome.full_pages, page_errors=outcome.page_errors,
                          new_ids=tuple(new))

    def _known_guids(self, feed_id: int) -> set[str]:
        """Item ids already stored from a feed (so their pages are not fetched again)."""
        rows = self._query("SELECT guid FROM articles WHERE feed_id = ? AND guid IS NOT NULL",
                           (feed_id,))
        return {r[0] for r in rows}

    def _record_feed_status(self, feed_id: int, status: str) -> None:
        with self._write() as conn:
            conn.execute("UPDATE feeds SET last_fetched = ?, last_status = ? WHERE id = ?",
                         (_now(), _clean_line(status), feed_id))

    def _store_feed_result(
        self,
        feed_id: int,
        articles: builtins.list[Article],
        *,
        etag: str | None,
        last_modified: str | None,
        status: str,
        keep_validators: bool = False,
        title: str | None = None,
    ) -> tuple[builtins.list[int], int]:
        """Store one feed's items and its new validators in one transaction: (new ids, known)."""
        new: builtins.list[int] = []
        known = 0
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM feeds WHERE id = ?", (feed_id,)).fetchone():
                return [], 0  # unsubscribed while fetching
            for article in articles:
                if not article.body.strip():
                    continue
                result = self._insert(conn, article)
                if result.created:
                    new.append(result.id)
                else:
                    known += 1
            if not keep_validators:
                conn.execute("UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?",
                             (etag, last_modified, feed_id))
            conn.execute(
                "UPDATE feeds SET last_fetched = ?, last_status = ?,"
                " name = coalesce(name, ?) WHERE id = ?",
                (_now(), status, _clean_line(title), feed_id),
            )
        return new, known


def _feed(r: tuple[Any, ...]) -> Feed:
    from ..ingest.feeds import Feed

    return Feed(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7], r[8], articles=int(r[9]))


def _label_key(label: str) -> str:
    return _SPACES.sub(" ", label).strip().casefold()


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script (triggers hold `;` inside BEGIN ... END)."""
    out: list[str] = []
    buf: list[str] = []
    for line in script.strip().splitlines():
        buf.append(line)
        text = "\n".join(buf).strip()
        if text.endswith(";") and sqlite3.complete_statement(text):
            out.append(text)
            buf = []
    if "\n".join(buf).strip():
        out.append("\n".join(buf).strip())
    return out
