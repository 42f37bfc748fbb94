"""The library's records as documents: JSON shapes, the JSON Lines export, the Markdown digest,
and writing an output file without clobbering what the user pointed at.

Below the command line on purpose: `newsdesk export`, `newsdesk opml export` and anything else
that writes the library out share one JSON shape per record and one safe file writer.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..errors import InputError, NewsdeskError
from ..sanitize import markdown_inline, one_line

if TYPE_CHECKING:
    from ..ingest.feeds import Feed
    from .store import ArticleRow, Library

JSON_VERSION = 1
"""The `"version"` of every JSON document Newsdesk prints (schemas in docs/library.md)."""


def row_json(row: ArticleRow) -> dict[str, Any]:
    """One listing row as JSON (what `list --json`, `search --json` and the export share)."""
    return asdict(row) | {"tags": list(row.tags)}


def feed_json(feed: Feed) -> dict[str, Any]:
    return asdict(feed) | {"full_text": bool(feed.full_text)}


def export_jsonl(lib: Library, rows: Iterable[ArticleRow]) -> Iterator[str]:
    """One JSON object per article, its text included (a line each, no newline)."""
    for row in rows:
        article = lib.get(row.id)
        record = {"version": JSON_VERSION} | row_json(row) | {
            "author": article.author, "language": article.language, "body": article.body}
        yield json.dumps(record, ensure_ascii=False)


def markdown_url(url: str | None) -> str | None:
    """An http(s) URL safe inside `(...)` of a Markdown link, else None (no `javascript:`)."""
    if not url:
        return None
    clean = one_line(url)
    if urlsplit(clean).scheme.lower() not in ("http", "https"):
        return None
    return clean.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def export_markdown(lib: Library, rows: list[ArticleRow], sentences: int | None) -> Iterator[str]:
    """A Markdown digest: each article's title (linked), source, date, summary and topics."""
    from datetime import UTC, datetime

    yield "# Newsdesk digest"
    yield ""
    yield f"{plural(len(rows), 'article')}, {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}."
    for row in rows:
        yield ""
        link = markdown_url(row.url)
        title = markdown_inline(row.title)
        yield f"## [{title}]({link})" if link else f"## {title}"
        yield ""
        meta = " · ".join(markdown_inline(x) for x in (row.feed or row.source, row.published) if x)
        if meta:
            yield f"*{meta}*"
            yield ""
        try:
            summary = lib.summary(row.id, sentences=sentences)
            topics = lib.topics(row.id, limit=6)
        except NewsdeskError as e:
            yield f"(no summary: {markdown_inline(str(e))})"
            continue
        for s in summary.sentences:
            yield f"- {markdown_inline(s.text)}"
        if topics:
            yield ""
            yield "**Topics:** " + ", ".join(markdown_inline(t.label) for t in topics)


def plural(n: int, noun: str) -> str:
    """`1 article`, `2 articles`."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def write_output(path: Path, lines: Iterable[str]) -> None:
    """Write `lines` (newline after each) to `path` without clobbering what `path` is.

    A regular file (or a new one) is replaced atomically: the text goes to a temporary file
    made with `O_EXCL` in the same directory (`tempfile.mkstemp`: a fresh random name, never a
    link that someone planted), then renamed over the target, so a reader never sees half a
    file and a failed write leaves the old one. Anything else (a device such as `/dev/full`, a
    FIFO, a symlink) is written through, not replaced. A read-only regular file is refused.
    Every failure is an `InputError` naming the path.
    """
    try:
        st: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory")
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(path, lines)
        return
    if st is not None and not st.st_mode & 0o222:
        raise InputError(f"{path}: read-only file; not replaced")
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".part")
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(line + "\n")
            f.flush()
            os.fsync(f.fileno())
        if st is not None:
            os.chmod(tmp, stat.S_IMODE(st.st_mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise InputError(f"{path}: {e.strerror or e}") from None
        raise


def _write_through(path: Path, lines: Iterable[str]) -> None:
    try:
        with open(path, "w", encoding="utf-8") as f:
            for line in lines:
                f.write(line + "\n")
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from None
