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

Search snippets mark matches with `HIGHLIGHT_START` (``\\x02``) and `HIGHLIGHT_END` (``\\x03``):
control characters that never occur in stored text (it is cleaned on the way in) and that mean
nothing to Rich markup; `SearchHit.parts()` splits a snippet into (text, highlighted) pieces.
"""

from __future__ import annotations

import builtins
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..ingest.articles import Article, content_hash
from ..errors import EmptyInputError, LibraryError, NewsdeskError, UsageError
from ..models import Summary, SummarySentence, Topic
from .paths import resolve_library_path
from ..sanitize import strip_controls

if TYPE_CHECKING:
    from ..ingest.feeds import Feed, FeedOutcome, FeedResult

__all__ = [
    "AddResult",
    "ArticleNotFoundError",
    "ArticleRow",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "Library",
    "SCHEMA_VERSION",
    "SearchHit",
    "match_spans",
    "search_terms",
]

SCHEMA_VERSION = 1
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
SORT_ORDERS = {
    "date": "a.sort_date DESC, a.id DESC",
    "source": "a.source COLLATE NOCASE, a.sort_date DESC, a.id DESC",
    "title": "a.title COLLATE NOCASE, a.sort_date DESC, a.id DESC",
    "unread": "a.read, a.sort_date DESC, a.id DESC",
}
"""`Library.list(sort=...)` -> its ORDER BY (fixed SQL, never built from the argument)."""


class ArticleNotFoundError(LibraryError):
    """No article has that id."""


@dataclass(frozen=True, slots=True)
class AddResult:
    """The outcome of adding one article: its id, and whether it was new."""

    id: int
    created: bool


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

_MIGRATIONS: dict[int, str] = {1: _SCHEMA_V1}
"""Target version -> SQL taking the previous version there (0 is the empty file)."""


# --- helpers --------------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_CONTROL_CHAR = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FTS_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})
_RELATIVE = re.compile(r"\A\s*(\d+)\s*([hdwm])\s*\Z", re.I)


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _clean_text(text: str) -> str:
    """Stored text has no terminal control sequence or control character but tab and newline
    (CR folded to LF): whatever prints it later cannot be tricked by it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # One character class finds the rare text that needs the full (slower) sequence pass.
    return strip_controls(text) if _CONTROL_CHAR.search(text) else text


def _clean_line(text: str | None) -> str | None:
    if text is None:
        return None
    value = _SPACES.sub(" ", strip_controls(text)).strip()
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
        except (TypeError, ValueError, IndexError):
            parsed = None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_since(since: str) -> str:
    """The lower bound for `--since`: an ISO date/date-time or a relative `7d`, `12h`, `2w`, `3m`."""
    m = _RELATIVE.match(since)
    if m:
        n, unit = int(m.group(1)), m.group(2).lower()
        days = {"h": n / 24, "d": n, "w": 7 * n, "m": 30 * n}[unit]
        return (datetime.now(UTC) - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
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
    d = json.loads(data)
    return Summary(
        method=d["method"],
        language=d["language"],
        sentences=tuple(SummarySentence(**s) for s in d["sentences"]),
        input_sentences=d["input_sentences"],
        input_chars=d["input_chars"],
        input_words=d["input_words"],
        scores=tuple(d.get("scores", ())),
    )


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
        try:
            conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )
        except sqlite3.Error as e:
            raise self._error(f"cannot open ({e})") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            app_id, version, tables = self._inspect(conn)
            self._check(app_id, version, tables)
            if version < SCHEMA_VERSION:
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
            raise self._error(f"cannot open as a Newsdesk library ({e}); left untouched") from None
        return conn

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
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as e:
                raise self._error(f"cannot read ({e})") from None

    # -- articles ----------------------------------------------------------------------------

    def _insert(self, conn: sqlite3.Connection, article: Article) -> AddResult:
        body = _clean_text(article.body).strip("\n")
        digest = content_hash(body)
        found = conn.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()
        if found:
            return AddResult(found[0], False)
        guid = article.extra.get("guid") if article.extra else None
        if guid is not None and article.feed_id is not None:
            found = conn.execute(
                "SELECT id FROM articles WHERE feed_id = ? AND guid = ?", (article.feed_id, guid)
            ).fetchone()
            if found:
                return AddResult(found[0], False)
        added = article.added or _now()
        published = _clean_line(article.published)
        cur = conn.execute(
            "INSERT INTO articles(title, source, url, author, published, added, sort_date, language,"
            " content_hash, read, starred, feed_id, guid)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                _clean_line(article.title) or "Untitled",
                _clean_line(article.source) or "",
                _clean_line(article.url),
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

    def _where(
        self,
        *,
        unread: bool = False,
        starred: bool = False,
        feed: str | None = None,
        tag: str | None = None,
        topic: str | None = None,
        since: str | None = None,
    ) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if unread:
            clauses.append("a.read = 0")
        if starred:
            clauses.append("a.starred = 1")
        if feed:
            clauses.append("(f.name = ? COLLATE NOCASE OR f.url = ? OR a.source = ? COLLATE NOCASE"
                           " OR CAST(a.feed_id AS TEXT) = ?)")
            params += [feed, feed, feed, feed]
        if tag:
            clauses.append("EXISTS (SELECT 1 FROM tags t WHERE t.article_id = a.id AND t.tag = ?)")
            params.append(tag.strip())
        if topic:
            clauses.append("EXISTS (SELECT 1 FROM topic_labels l WHERE l.article_id = a.id"
                           " AND l.label = ?)")
            params.append(_label_key(topic))
        if since:
            clauses.append("a.sort_date >= ?")
            params.append(parse_since(since))
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def list(
        self,
        *,
        unread: bool = False,
        starred: bool = False,
        feed: str | None = None,
        tag: str | None = None,
        topic: str | None = None,
        since: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        sort: str = "date",
    ) -> builtins.list[ArticleRow]:
        """Articles, newest first (by publication date, else when added), or by `sort`: one of
        `SORT_ORDERS` (source, title, unread first; newest first among equals)."""
        where, params = self._where(
            unread=unread, starred=starred, feed=feed, tag=tag, topic=topic, since=since
        )
        order = SORT_ORDERS.get(sort)
        if order is None:
            raise UsageError(f"unknown sort {sort!r} (try one of: {', '.join(SORT_ORDERS)})")
        sql = _ROW_SQL + where + f" ORDER BY {order} LIMIT ? OFFSET ?"
        params += [-1 if limit is None else max(0, limit), max(0, offset)]
        return [_row(r) for r in self._query(sql, params)]

    def count(
        self,
        *,
        unread: bool = False,
        starred: bool = False,
        feed: str | None = None,
        tag: str | None = None,
        topic: str | None = None,
        since: str | None = None,
    ) -> int:
        where, params = self._where(
            unread=unread, starred=starred, feed=feed, tag=tag, topic=topic, since=since
        )
        sql = "SELECT count(*) FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id" + where
        return int(self._query(sql, params)[0][0])

    def search(
        self, query: str, *, limit: int = 50, offset: int = 0, prefix: bool = False,
        unread: bool = False, starred: bool = False, feed: str | None = None,
        tag: str | None = None, snippets: bool = True,
    ) -> builtins.list[SearchHit]:
        """Full-text search over title and body (FTS5 syntax, else plain words), best first.

        Title matches weigh ten times body matches; equal ranks come newest first. Invalid FTS5
        syntax (a stray quote or bracket, `-`) is retried as plain words, so this never fails on
        what the user typed. `prefix` makes every plain word match as a prefix (`fer` finds
        "ferry"), for search as you type; `offset` pages on; the filters are `list`'s.
        `snippets=False` leaves `SearchHit.snippet` empty, which is much faster for a query
        matching much of the library (each snippet probes the index again).
        """
        if not query.strip() or limit <= 0:
            return []
        where, params = self._where(unread=unread, starred=starred, feed=feed, tag=tag)
        # Rank first, then build snippets for the top rows only: a snippet re-tokenizes the
        # body, and SQLite would otherwise make one for every match before sorting.
        # The matches are ranked by FTS5 alone first (MATERIALIZED): joined straight to
        # `articles`, SQLite may probe the index once per article row instead.
        sql = (
            "WITH m AS MATERIALIZED (SELECT rowid AS id, rank AS score FROM articles_fts"
            " WHERE articles_fts MATCH ?1),"
            " top AS (SELECT m.id AS id, m.score AS score FROM m"
            " JOIN articles a ON a.id = m.id LEFT JOIN feeds f ON f.id = a.feed_id"
            f"{where} ORDER BY m.score, a.sort_date DESC, a.id DESC"
            f" LIMIT {int(limit)} OFFSET {max(0, int(offset))})"
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
        self, query: str, *, prefix: bool = False, unread: bool = False, starred: bool = False,
        feed: str | None = None, tag: str | None = None,
    ) -> int:
        """How many articles `search` finds for the same arguments (every page, not one)."""
        if not query.strip():
            return 0
        where, params = self._where(unread=unread, starred=starred, feed=feed, tag=tag)
        sql = (
            "WITH m AS MATERIALIZED (SELECT rowid AS id FROM articles_fts"
            " WHERE articles_fts MATCH ?1)"
            " SELECT count(*) FROM m JOIN articles a ON a.id = m.id"
            f" LEFT JOIN feeds f ON f.id = a.feed_id{where}"
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

    def update(self, article_id: int, *, title: str | None = None, body: str | None = None) -> None:
        """Change an article's title or text (the search index follows; caches are dropped)."""
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                raise ArticleNotFoundError(f"no article with id {article_id}")
            if title is not None:
                conn.execute("UPDATE articles SET title = ? WHERE id = ?",
                             (_clean_line(title) or "Untitled", article_id))
            if body is not None:
                clean = _clean_text(body).strip("\n")
                try:
                    conn.execute("UPDATE articles SET content_hash = ? WHERE id = ?",
                                 (content_hash(clean), article_id))
                    conn.execute("UPDATE bodies SET body = ? WHERE article_id = ?",
                                 (clean, article_id))
                except sqlite3.IntegrityError:
                    raise LibraryError("another article already has that text") from None
                for table in ("summaries", "topics", "topic_labels"):
                    conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))

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

        name = (method or summarizer.DEFAULT_METHOD).lower()
        length = str(sentences) if sentences is not None else "default"
        body, language = self._body_and_language(article_id)
        if name not in summarizer.available_methods():
            summarizer.summarize(body, method=name)  # raises UnknownMethodError with the list
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
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                conn.execute(
                    "INSERT OR REPLACE INTO summaries VALUES (?, ?, ?, ?, ?)",
                    (article_id, name, length, version, json.dumps(result.to_dict())),
                )
        return result

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
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
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

    def import_opml(self, text: str) -> tuple[int, int, builtins.list[str]]:
        """Subscribe to every feed in an OPML document: (new feeds, feeds in the file, errors).

        A bad outline (not an http(s) URL) is reported in the errors and skipped.
        """
        from ..errors import InputError
        from ..ingest.opml import parse_opml

        outlines = parse_opml(text)
        known = {f.url for f in self.list_feeds()}
        added = 0
        errors: builtins.list[str] = []
        for outline in outlines:
            try:
                feed = self.add_feed(outline.url, name=outline.title, full_text=outline.full_text)
            except InputError as e:
                errors.append(f"{outline.url}: {e}")
                continue
            if feed.url not in known:
                added += 1
                known.add(feed.url)
        return added, len(outlines), errors

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
