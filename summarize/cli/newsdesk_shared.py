"""What every `newsdesk` command shares: the library handle, option types, output helpers.

Kept apart from the commands so that each command module is a list of thin click commands over
the `Library` API (`newsdesk_articles`, `newsdesk_feeds`), and so that every option is checked
in one place: article ids (`ARTICLE_ID`), limits (`LIMIT`), the listing filters (`listing_options`
-> `ArticleQuery`) and the library path (`check_library_path`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import LibraryError, UsageError
from ..sanitize import one_line
from .common import check_timeout, isatty
from .common import write_stderr

if TYPE_CHECKING:
    from rich.console import Console

    from ..library.store import ArticleQuery, ArticleRow, Library

PROG = "newsdesk"
MAX_ID = 2**63 - 1
"""SQLite's largest integer: no id or count above it exists."""


def error(message: str) -> None:
    """One line on stderr, `newsdesk: error: ...`."""
    write_stderr(f"{PROG}: error: {one_line(message)}\n")


def note(message: str) -> None:
    """One line on stderr that is not an error (`no matches`)."""
    write_stderr(f"{PROG}: {one_line(message)}\n")


def safe(text: str | None) -> str:
    return one_line(text or "")


def dump(value: Any) -> None:
    """`value` as JSON on stdout, always valid UTF-8: a file name's undecodable bytes (lone
    surrogates after Python's surrogateescape) are written as JSON escapes ("\\udce9"), as
    `summarize --json` writes them, not as the raw bytes."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    if not text.isascii():
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    click.echo(text)


def console(stderr: bool = False) -> Console:
    from rich.console import Console  # only for a terminal

    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def on_terminal() -> bool:
    return isatty(sys.stdout)


def check_library_path(path: Path | None) -> None:
    """Refuse a library path in a folder that does not exist (a typo must not create folders).

    The default data directory is the one folder Newsdesk creates itself.
    """
    if path is None or str(path) == "":
        return
    from ..library.paths import data_dir, resolve_library_path

    resolved = resolve_library_path(path)
    parent = resolved.parent
    if not parent.exists() and parent.resolve() != data_dir().resolve():
        raise LibraryError(f"{resolved}: no such directory {str(parent)!r}; create it first")


class State:
    """What the group hands its commands: the library path and a lazily opened `Library`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._library: Library | None = None

    @property
    def library(self) -> Library:
        if self._library is None:
            from ..library.store import Library

            check_library_path(self.path)
            self._library = Library(self.path)
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()


pass_state = click.make_pass_decorator(State)


class ArticleId(click.ParamType[int]):
    """A positive article id no larger than SQLite's integers (2**63 - 1)."""

    name = "ID"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            number = value
        else:
            text = str(value).strip()
            if not text.isascii() or not text.isdigit():
                self.fail(f"not an article id: {value!r}", param, ctx)
            number = int(text)
        if not 1 <= number <= MAX_ID:
            self.fail(f"not an article id: {value!r} (ids run from 1 to {MAX_ID})", param, ctx)
        return number


ARTICLE_ID = ArticleId()


class Timeout(click.ParamType[float]):
    """`--timeout SECONDS`, checked by `common.check_timeout`, the check `summarize` uses."""

    name = "SECONDS"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        try:
            return check_timeout(value)
        except UsageError as e:
            self.fail(str(e).removeprefix("--timeout: "), param, ctx)


TIMEOUT = Timeout()
LIMIT = click.IntRange(0, MAX_ID)
"""A count of things to show: at most SQLite's largest integer (10**30 is a usage error)."""


def json_option(f: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True,
                        help="JSON output (schema in docs/library.md).")(f)


def listing_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """The filters `list` and `export` share; the command receives them as `where`."""
    for decorator in reversed([
        click.option("--unread", is_flag=True, help="Only unread articles."),
        click.option("--starred", is_flag=True, help="Only starred articles."),
        click.option("--feed", metavar="FEED", help="Only this feed (name, URL or id) or source."),
        click.option("--tag", metavar="TAG", help="Only articles with this tag."),
        click.option("--topic", metavar="TOPIC", help="Only articles with this key topic."),
        click.option("--since", metavar="DATE|AGE",
                     help="Only articles published since (2024-02-21, 7d, 12h, 2w)."),
        click.option("--limit", type=LIMIT, metavar="N", help="At most N articles."),
    ]):
        f = decorator(f)
    return f


def query_from(lib: Library, kw: dict[str, Any]) -> ArticleQuery:
    """The `ArticleQuery` of the listing options in `kw` (popped); `--topic` first fills in
    missing topics, since it looks at stored ones."""
    from ..library.store import ArticleQuery, parse_since

    where = ArticleQuery(**{k: kw.pop(k) for k in
                            ("unread", "starred", "feed", "tag", "topic", "since")})
    if where.since:
        parse_since(where.since)  # a bad date is a usage error before any work
    if where.topic:
        index_topics(lib)
    return where


def index_topics(lib: Library) -> None:
    """Fill in missing topics, with a bar on a terminal."""
    if not isatty(sys.stderr):
        lib.index_topics()
        return
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as progress:
        task = progress.add_task("finding topics", total=None)
        lib.index_topics(progress=lambda done, total: progress.update(task, completed=done,
                                                                      total=total))


def row_date(row: ArticleRow) -> str:
    from ..library.store import normalize_date

    return (normalize_date(row.published) or row.added or "")[:10]
