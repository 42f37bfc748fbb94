"""`newsdesk`: the article library's commands (and the reader when no command is given).

    newsdesk [--library PATH] [COMMAND ...]

Commands: `add`, `list`, `search`, `show`, `mark`, `rm`, `export`, `feed add|list|rm`, `fetch`,
`opml import|export`, `eval`. With no command the reader opens; text piped in opens in it.

Output is an API. Every listing command takes `--json` and prints one object with a `"version"`
field (the schemas are in the README's `library` section); on a terminal the text form is drawn
with rich, in a pipe it is plain tab-separated text. Untrusted text (titles, bodies, feed names)
is printed as rich `Text` (never markup) with terminal control sequences stripped.

Exit codes: 0 ok; 1 an input, network or library error (a bad feed among good ones, a missing
article id, a file that is not a library); 2 usage (unknown option, missing argument, bad
value); 130 interrupted. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import click

from .common import isatty as _isatty
from .common import run_guarded
from .common import write_stderr as _stderr

from ..errors import InputError, NewsdeskError, UsageError
from ..sanitize import one_line, strip_controls

if TYPE_CHECKING:
    from rich.console import Console

    from ..ingest.articles import Article
    from ..ingest.feeds import Feed, FeedResult
    from ..library.store import ArticleRow, Library

PROG = "newsdesk"
JSON_VERSION = 1
"""The `"version"` of every JSON document these commands print."""
MAX_INPUT_BYTES = 10_000_000
OpenReader = Callable[[Path | None, str | None], None]


# --- plumbing -----------------------------------------------------------------------------------


def _error(message: str) -> None:
    _stderr(f"{PROG}: error: {one_line(message)}\n")


def _console(stderr: bool = False) -> Console:
    from rich.console import Console  # only for a terminal

    return Console(stderr=stderr, highlight=False, markup=False, emoji=False)


def _dump(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def _safe(text: str | None) -> str:
    return one_line(text or "")


def run_standalone(
    invoke: Callable[[], Any],
    error: Callable[[str], None],
    *,
    last_resort: tuple[type[Exception], Callable[[Exception], str]] | None = None,
) -> int:
    """Run a click command in non-standalone mode; click's usage errors and aborts map to the
    documented codes here, everything else in `cli_common.run_guarded` (kept click-free so that
    `summarize`, on argparse, never imports click)."""

    def call() -> Any:
        try:
            return invoke()
        except click.UsageError as e:
            error(e.format_message())
            return 2
        except click.ClickException as e:
            error(e.format_message())
            return e.exit_code
        except click.Abort:
            raise KeyboardInterrupt from None

    return run_guarded(call, error, last_resort=last_resort)


class LibraryGroup(click.Group):
    """click.Group that turns every failure into one line on stderr and a documented code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        sys.exit(run_standalone(
            lambda: super(LibraryGroup, self).main(
                args, prog_name or PROG, complete_var, standalone_mode=False, **extra
            ),
            _error,
            # the store maps its errors; this is the last safety net
            last_resort=(sqlite3.Error, lambda e: f"library: {e}"),
        ))


class State:
    """What the group hands its commands: the library path and a lazily opened `Library`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._library: Library | None = None

    @property
    def library(self) -> Library:
        if self._library is None:
            from ..library.store import Library

            self._library = Library(self.path)
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()


pass_state = click.make_pass_decorator(State)


def _row_json(row: ArticleRow) -> dict[str, Any]:
    return asdict(row) | {"tags": list(row.tags)}


def _date(row: ArticleRow) -> str:
    from ..library.store import normalize_date

    return (normalize_date(row.published) or row.added or "")[:10]


def _ids(values: Iterable[str]) -> list[int]:
    out = []
    for value in values:
        if not value.strip().isdigit():
            raise UsageError(f"not an article id: {value!r}")
        out.append(int(value))
    return out


# --- article input ------------------------------------------------------------------------------

_JSON_NAME = re.compile(r"\.(json|jsonl)\Z", re.I)


def _read_spec(spec: str, timeout: float) -> tuple[str, str | None, str | None]:
    """(text, url, content type) of a file, `-` or an http(s) URL."""
    from ..ingest.inputs import decode_bytes, is_url

    url: str | None = None
    content_type: str | None = None
    hint: str | None = None
    if spec == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    elif is_url(spec) and not os.path.exists(spec):
        from ..ingest.http import fetch

        result = fetch(spec, timeout=timeout, max_bytes=MAX_INPUT_BYTES)
        data, url, content_type, hint = result.content, result.url, result.content_type, result.encoding
    else:
        from ..ingest.inputs import read_file_bytes

        data = read_file_bytes(Path(spec), MAX_INPUT_BYTES)
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"input too large (more than {MAX_INPUT_BYTES:,} bytes)")
    return decode_bytes(data, hint=hint).replace("\r\n", "\n"), url, content_type


def articles_from_text(
    text: str, *, name: str, url: str | None = None, content_type: str | None = None
) -> list[Article]:
    """Articles in one input: a JSON object or list, an HTML page, Markdown or plain text.

    Plain text and Markdown may start with the sample files' front matter (title, source,
    published, url, tags...). JSON is one object, a list of them, or JSON Lines; items need a `body` (or `text`/`content`) field and may have
    `title`, `url`/`link`, `source`, `author`, `published`/`date`, `language`, `tags`.
    """
    from ..ingest.articles import Article, parse_article
    from ..errors import EmptyInputError
    from ..ingest.inputs import detect_kind, extract_html, markdown_to_text

    if not text.strip():
        raise EmptyInputError("input is empty")
    stripped = text.lstrip("\ufeff \t\n")
    if _JSON_NAME.search(name) or (content_type or "").endswith("json") or stripped[:1] in "{[":
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as e:
            lines = _json_lines(stripped)
            if lines is not None:
                return _articles_from_json(lines)
            if _JSON_NAME.search(name) or (content_type or "").endswith("json"):
                raise InputError(f"invalid JSON ({e.msg}, line {e.lineno})") from None
        else:
            return _articles_from_json(data)
    kind = detect_kind(text, name=url or name, content_type=content_type)
    host = (urlsplit(url).hostname or "") if url else ""
    if kind == "html":
        page = extract_html(text, url=url)
        return [Article(title=page.title or _title_from(name), body=page.text,
                        source=host or (urlsplit(page.url).hostname or "" if page.url else ""),
                        url=page.url or url, author=page.author, published=page.published,
                        language=page.language)]
    article = parse_article(text, default_title="\x00")
    body = article.body
    title = article.title if article.title != "\x00" else ""
    if kind == "markdown":
        md_title, body = markdown_to_text(body)
        title = title or (md_title or "")
    if not body.strip():
        raise EmptyInputError("no text left after removing markup")
    if not title:
        first = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
        title = first[:120] if len(first) <= 120 else _title_from(name)
    return [Article(title=title, body=body, source=article.source or host, url=article.url or url,
                    author=article.author, published=article.published,
                    language=article.language, tags=article.tags)]


def _json_lines(text: str) -> list[Any] | None:
    """JSON Lines (one object a line) as a list, or None if that is not what `text` is."""
    items = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            return None
        if not isinstance(item, dict):
            return None
        items.append(item)
    return items or None


def _title_from(name: str) -> str:
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"\.[A-Za-z0-9]+\Z", "", base).replace("-", " ").replace("_", " ") or "Untitled"


def _articles_from_json(data: Any) -> list[Article]:
    from ..ingest.articles import Article

    items = data if isinstance(data, list) else [data]
    out = []
    for n, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise InputError(f"JSON item {n} is not an object")
        body = item.get("body") or item.get("text") or item.get("content")
        if not isinstance(body, str) or not body.strip():
            raise InputError(f"JSON item {n} has no body, text or content field")
        tags = item.get("tags") or ()
        if isinstance(tags, str):
            tags = [t for t in tags.split(",")]
        out.append(Article(
            title=str(item.get("title") or "") or body.strip().splitlines()[0][:120],
            body=body,
            source=str(item.get("source") or ""),
            url=_str_or_none(item.get("url") or item.get("link")),
            author=_str_or_none(item.get("author")),
            published=_str_or_none(item.get("published") or item.get("date")),
            language=_str_or_none(item.get("language")),
            tags=tuple(str(t).strip() for t in tags if str(t).strip()),
        ))
    return out


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


# --- rendering ----------------------------------------------------------------------------------


def _print_rows(rows: list[ArticleRow], *, total: int | None = None) -> None:
    out = sys.stdout
    if not _isatty(out):
        for r in rows:
            flags = ("N" if not r.read else "-") + ("*" if r.starred else "-")
            click.echo("\t".join([str(r.id), flags, _date(r), _safe(r.feed or r.source),
                                  _safe(r.title)]))
        return
    from rich.text import Text

    console = _console()
    for r in rows:
        line = Text()
        line.append(f"{r.id:>5} ", style="dim")
        line.append("●" if not r.read else " ", style="bold cyan")
        line.append("★ " if r.starred else "  ", style="yellow")
        line.append(f"{_date(r):<10}  ", style="dim")
        line.append(_safe(r.title), style="bold" if not r.read else "")
        source = _safe(r.feed or r.source)
        if source:
            line.append(f"  — {source}", style="dim")
        if r.tags:
            line.append("  " + " ".join(f"#{_safe(t)}" for t in r.tags), style="green")
        console.print(line, no_wrap=True, overflow="ellipsis")
    if total is not None and total > len(rows):
        console.print(Text(f"{len(rows)} of {total} shown", style="dim"))


def _split_snippet(snippet: str) -> tuple[str, list[list[int]]]:
    """Plain snippet text (controls stripped, one line) and its highlighted [start, end) spans."""
    from ..library.store import HIGHLIGHT_END, HIGHLIGHT_START

    plain: list[str] = []
    spans: list[list[int]] = []
    pos = 0
    for i, piece in enumerate(re.split(f"[{HIGHLIGHT_START}{HIGHLIGHT_END}]", snippet)):
        piece = re.sub(r"\s+", " ", strip_controls(piece))
        if i % 2 == 1 and piece:
            spans.append([pos, pos + len(piece)])
        plain.append(piece)
        pos += len(piece)
    return "".join(plain), spans


# --- the group ----------------------------------------------------------------------------------

HELP = """A terminal reader and summarizer for news, and its article library.

With no command, open the reader (text piped in opens in it). The library is one SQLite file
(--library, or $NEWSDESK_LIBRARY, or the user data directory); a new one starts with the
sample articles.

\b
Exit codes: 0 ok, 1 input/network/library error, 2 usage, 130 interrupted.
"""


def build_cli(open_reader: OpenReader | None = None) -> click.Group:
    """The `newsdesk` command group; `open_reader(library_path, piped_text)` runs the reader."""

    @click.group(
        cls=LibraryGroup, invoke_without_command=True, help=HELP,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    @click.option("--library", "library", type=click.Path(dir_okay=False, path_type=Path),
                  envvar="NEWSDESK_LIBRARY", metavar="PATH",
                  help="The library file (default: $NEWSDESK_LIBRARY or the user data dir).")
    @click.version_option(package_name="newsdesk", prog_name=PROG,
                          message="%(prog)s %(version)s")
    @click.pass_context
    def cli(ctx: click.Context, library: Path | None) -> None:
        state = State(library)
        ctx.obj = state
        ctx.call_on_close(state.close)
        if ctx.invoked_subcommand is not None:
            return
        piped: str | None = None
        if not _isatty(sys.stdin) and sys.stdin is not None:
            from ..ingest.inputs import decode_bytes

            try:
                data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
            except (OSError, ValueError, AttributeError):
                data = b""
            if len(data) > MAX_INPUT_BYTES:
                raise InputError(f"input too large (more than {MAX_INPUT_BYTES:,} bytes)")
            piped = decode_bytes(data) if data.strip() else None
        if open_reader is None:
            raise UsageError("no reader in this build; try `newsdesk --help`")
        open_reader(library, piped)

    _add_article_commands(cli)
    _add_feed_commands(cli)
    try:
        from .eval_cmd import eval_group
    except ImportError:  # pragma: no cover - the eval module is part of the package
        pass
    else:
        cli.add_command(eval_group)
    return cli


def _listing_options(f: Callable[..., Any]) -> Callable[..., Any]:
    for decorator in reversed([
        click.option("--unread", is_flag=True, help="Only unread articles."),
        click.option("--starred", is_flag=True, help="Only starred articles."),
        click.option("--feed", metavar="FEED", help="Only this feed (name, URL or id) or source."),
        click.option("--tag", metavar="TAG", help="Only articles with this tag."),
        click.option("--topic", metavar="TOPIC", help="Only articles with this key topic."),
        click.option("--since", metavar="DATE|AGE",
                     help="Only articles published since (2024-02-21, 7d, 12h, 2w)."),
        click.option("--limit", type=click.IntRange(min=0), metavar="N", help="At most N articles."),
    ]):
        f = decorator(f)
    return f


def _filters(lib: Library, kw: dict[str, Any]) -> dict[str, Any]:
    filters = {k: kw[k] for k in ("unread", "starred", "feed", "tag", "topic", "since")}
    if filters["topic"]:
        _index_topics(lib)
    return filters


def _index_topics(lib: Library) -> None:
    """Fill in missing topics (`--topic` looks at stored ones), with a bar on a terminal."""
    if not _isatty(sys.stderr):
        lib.index_topics()
        return
    from rich.progress import Progress

    with Progress(console=_console(stderr=True), transient=True) as progress:
        task = progress.add_task("finding topics", total=None)
        lib.index_topics(progress=lambda done, total: progress.update(task, completed=done,
                                                                      total=total))


def _add_article_commands(cli: click.Group) -> None:
    @cli.command("list")
    @_listing_options
    @click.option("--json", "as_json", is_flag=True, help="JSON output (schema in the README).")
    @pass_state
    def list_cmd(state: State, /, as_json: bool, **kw: Any) -> None:
        """List articles, newest first."""
        lib = state.library
        filters = _filters(lib, kw)
        rows = lib.list(**filters, limit=kw["limit"])
        total = lib.count(**filters)
        if as_json:
            _dump({"version": JSON_VERSION, "total": total,
                   "articles": [_row_json(r) for r in rows]})
        else:
            _print_rows(rows, total=total)

    @cli.command("search")
    @click.argument("query")
    @click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
                  metavar="N")
    @click.option("--json", "as_json", is_flag=True, help="JSON output (schema in the README).")
    @pass_state
    def search_cmd(state: State, query: str, limit: int, as_json: bool) -> None:
        """Full-text search over titles and bodies (words, "phrases", OR, NOT, prefix*)."""
        hits = state.library.search(query, limit=limit)
        if as_json:
            items = []
            for h in hits:
                text, spans = _split_snippet(h.snippet)
                items.append(_row_json(h.row) | {"snippet": text, "highlights": spans,
                                                  "rank": round(h.rank, 4)})
            _dump({"version": JSON_VERSION, "query": query, "hits": items})
            return
        if not _isatty(sys.stdout):
            for h in hits:
                text, _ = _split_snippet(h.snippet)
                click.echo(f"{h.row.id}\t{_date(h.row)}\t{_safe(h.row.title)}\t{text}")
            return
        from rich.text import Text

        console = _console()
        if not hits:
            console.print(Text("no matches", style="dim"))
        for h in hits:
            head = Text()
            head.append(f"{h.row.id:>5}  ", style="dim")
            head.append(_safe(h.row.title), style="bold")
            head.append(f"  {_date(h.row)}", style="dim")
            console.print(head, no_wrap=True, overflow="ellipsis")
            text, spans = _split_snippet(h.snippet)
            body = Text("       " + text)
            for start, end in spans:
                body.stylize("bold reverse", start + 7, end + 7)
            console.print(body)

    @cli.command("show")
    @click.argument("article_id", metavar="ID", type=int)
    @click.option("-m", "--method", metavar="METHOD", help="Summarization method.")
    @click.option("-n", "--sentences", type=click.IntRange(min=1), metavar="N",
                  help="Summary length in sentences.")
    @click.option("-k", "--topics", "n_topics", type=click.IntRange(min=0), default=8,
                  show_default=True, metavar="N", help="How many key topics.")
    @click.option("--no-text", is_flag=True, help="Leave out the article's text.")
    @click.option("--json", "as_json", is_flag=True, help="JSON output (schema in the README).")
    @pass_state
    def show_cmd(state: State, article_id: int, method: str | None, sentences: int | None,
                 n_topics: int, no_text: bool, as_json: bool) -> None:
        """Show one article: its summary, key topics and text."""
        lib = state.library
        article = lib.get(article_id)
        summary = lib.summary(article_id, method=method, sentences=sentences)
        topics = lib.topics(article_id, limit=n_topics) if n_topics else []
        row = lib.row(article_id)
        if as_json:
            art = {k: v for k, v in asdict(article).items() if k != "extra"}
            art["tags"] = list(article.tags)
            art["feed"] = row.feed
            if no_text:
                art.pop("body")
            _dump({
                "version": JSON_VERSION,
                "article": art,
                "summary": {
                    "method": summary.method, "language": summary.language,
                    "sentences": [{"index": s.index, "text": s.text, "start": s.start,
                                   "end": s.end, "score": s.score} for s in summary.sentences],
                },
                "topics": [{"label": t.label, "score": t.score, "count": t.count,
                            "variants": list(t.variants)} for t in topics],
            })
            return
        _print_article(article, row, summary.sentences, topics, with_text=not no_text)

    @cli.command("add")
    @click.argument("inputs", nargs=-1, required=True, metavar="FILE|URL|-...")
    @click.option("--title", help="Title (default: from the input).")
    @click.option("--source", help="Source name (default: from the input or the URL's host).")
    @click.option("--url", "url", help="The article's URL.")
    @click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable).")
    @click.option("--timeout", type=float, default=15.0, show_default=True, metavar="SECONDS")
    @click.option("--json", "as_json", is_flag=True, help="JSON output (schema in the README).")
    @pass_state
    def add_cmd(state: State, inputs: tuple[str, ...], title: str | None, source: str | None,
                url: str | None, tags: tuple[str, ...], timeout: float, as_json: bool) -> None:
        """Add articles: text, Markdown, HTML or JSON files, URLs, or - for standard input."""
        from dataclasses import replace

        lib = state.library
        results: list[dict[str, Any]] = []
        failed = 0
        for spec in inputs:
            try:
                text, fetched_url, content_type = _read_spec(spec, timeout)
                articles = articles_from_text(text, name=spec, url=fetched_url,
                                              content_type=content_type)
            except NewsdeskError as e:
                _error(f"{spec}: {e}")
                failed = max(failed, e.exit_code)
                continue
            for article in articles:
                article = replace(
                    article,
                    title=title or article.title,
                    source=source or article.source,
                    url=url or article.url,
                    tags=tuple(dict.fromkeys(article.tags + tags)),
                )
                added = lib.add(article)
                if added.created:
                    _quiet_topics(lib, added.id)
                results.append({"id": added.id, "created": added.created,
                                "title": lib.row(added.id).title, "input": spec})
        if as_json:
            _dump({"version": JSON_VERSION, "added": results})
        else:
            for r in results:
                word = "added" if r["created"] else "exists"
                click.echo(f"{word}\t{r['id']}\t{_safe(r['title'])}")
        if failed:
            raise SystemExit(failed)

    @cli.command("mark")
    @click.argument("ids", nargs=-1, required=True, metavar="ID...")
    @click.option("--read/--unread", "read", default=None, help="Mark read or unread.")
    @click.option("--star/--unstar", "star", default=None, help="Star or unstar.")
    @pass_state
    def mark_cmd(state: State, ids: tuple[str, ...], read: bool | None, star: bool | None) -> None:
        """Mark articles read/unread, starred/unstarred."""
        if read is None and star is None:
            raise click.UsageError("say what to mark: --read, --unread, --star or --unstar")
        numbers = _ids(ids)
        lib = state.library
        changed = lib.mark(numbers, read=read, starred=star)
        click.echo(f"marked {changed} article{'s' if changed != 1 else ''}")
        _missing(lib, numbers, changed)

    @cli.command("rm")
    @click.argument("ids", nargs=-1, required=True, metavar="ID...")
    @pass_state
    def rm_cmd(state: State, ids: tuple[str, ...]) -> None:
        """Remove articles from the library."""
        numbers = _ids(ids)
        lib = state.library
        present = {n for n in numbers if _exists(lib, n)}
        removed = lib.remove(present)
        click.echo(f"removed {removed} article{'s' if removed != 1 else ''}")
        missing = sorted(set(numbers) - present)
        if missing:
            raise _NotFound(missing)

    @cli.command("export")
    @click.option("--format", "fmt", type=click.Choice(["jsonl", "markdown"]), default="jsonl",
                  show_default=True)
    @_listing_options
    @click.option("-n", "--sentences", type=click.IntRange(min=1), metavar="N",
                  help="Summary length in the Markdown digest.")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  help="Write to a file instead of standard output.")
    @pass_state
    def export_cmd(state: State, /, fmt: str, sentences: int | None, output: Path | None,
                   **kw: Any) -> None:
        """Export articles: JSON Lines (one article a line) or a Markdown digest."""
        lib = state.library
        rows = lib.list(**_filters(lib, kw), limit=kw["limit"])
        lines = (_export_jsonl(lib, rows) if fmt == "jsonl"
                 else _export_markdown(lib, rows, sentences))
        if output is None:
            for line in lines:
                click.echo(line)
            return
        tmp = output.with_name(output.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8") as f:
                for line in lines:
                    f.write(line + "\n")
            tmp.replace(output)
        except OSError as e:
            tmp.unlink(missing_ok=True)
            raise InputError(f"{output}: {e.strerror or e}") from None


class _NotFound(NewsdeskError):
    def __init__(self, ids: list[int]) -> None:
        super().__init__("no article with id " + ", ".join(str(i) for i in ids))


def _exists(lib: Library, article_id: int) -> bool:
    from ..library.store import ArticleNotFoundError

    try:
        lib.row(article_id)
    except ArticleNotFoundError:
        return False
    return True


def _missing(lib: Library, numbers: list[int], changed: int) -> None:
    if changed < len(set(numbers)):
        missing = [n for n in sorted(set(numbers)) if not _exists(lib, n)]
        if missing:
            raise _NotFound(missing)


def _quiet_topics(lib: Library, article_id: int) -> None:
    """Store a new article's topics now (so `--topic` and related work); never fails the add."""
    try:
        lib.topics(article_id)
    except NewsdeskError:
        pass


def _print_article(article: Article, row: ArticleRow, sentences: Sequence[Any],
                   topics: Sequence[Any], *, with_text: bool) -> None:
    if not _isatty(sys.stdout):
        click.echo(_safe(article.title))
        fields = [x for x in (row.feed or article.source, article.author, article.published,
                              article.url) if x]
        if fields:
            click.echo(" · ".join(_safe(m) for m in fields))
        click.echo("\nSummary:")
        for s in sentences:
            click.echo(f"- {_safe(s.text)}")
        if topics:
            click.echo("\nTopics: " + ", ".join(_safe(t.label) for t in topics))
        if with_text:
            click.echo("\n" + strip_controls(article.body))
        return
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    console = _console()
    console.print(Text(_safe(article.title), style="bold"))
    meta = Text(style="dim")
    for part in (row.feed or article.source, article.author, article.published, article.url):
        if part:
            if meta.plain:
                meta.append(" · ")
            meta.append(_safe(part))
    if article.tags:
        meta.append("  " + " ".join(f"#{_safe(t)}" for t in article.tags))
    console.print(meta)
    console.print(Rule("Summary", style="dim"))
    for s in sentences:
        console.print(Padding(Text("• " + _safe(s.text)), (0, 0, 0, 1)))
    if topics:
        line = Text("Topics: ", style="dim")
        for i, t in enumerate(topics):
            if i:
                line.append(", ")
            line.append(_safe(t.label), style="bold magenta")
        console.print(line)
    if with_text:
        console.print(Rule(style="dim"))
        console.print(Text(strip_controls(article.body)))


def _export_jsonl(lib: Library, rows: list[ArticleRow]) -> Iterator[str]:
    for row in rows:
        article = lib.get(row.id)
        record = {"version": JSON_VERSION} | _row_json(row) | {
            "author": article.author, "language": article.language, "body": article.body}
        yield json.dumps(record, ensure_ascii=False)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def _md(text: str | None) -> str:
    """Untrusted text made inert in Markdown (one line, markup characters escaped)."""
    return _MD_SPECIAL.sub(r"\\\1", _safe(text))


def _md_url(url: str | None) -> str | None:
    if not url:
        return None
    clean = _safe(url)
    if urlsplit(clean).scheme.lower() not in ("http", "https"):
        return None
    return clean.replace("(", "%28").replace(")", "%29").replace(" ", "%20")


def _export_markdown(lib: Library, rows: list[ArticleRow], sentences: int | None) -> Iterator[str]:
    from datetime import UTC, datetime

    yield "# Newsdesk digest"
    yield ""
    yield f"{len(rows)} article{'s' if len(rows) != 1 else ''}, " \
          f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}."
    for row in rows:
        yield ""
        link = _md_url(row.url)
        title = _md(row.title)
        yield f"## [{title}]({link})" if link else f"## {title}"
        yield ""
        meta = " · ".join(_md(x) for x in (row.feed or row.source, row.published) if x)
        if meta:
            yield f"*{meta}*"
            yield ""
        try:
            summary = lib.summary(row.id, sentences=sentences)
            topics = lib.topics(row.id, limit=6)
        except NewsdeskError as e:
            yield f"(no summary: {_md(str(e))})"
            continue
        for s in summary.sentences:
            yield f"- {_md(s.text)}"
        if topics:
            yield ""
            yield "**Topics:** " + ", ".join(_md(t.label) for t in topics)


# --- feeds and OPML -----------------------------------------------------------------------------


def _feed_json(feed: Feed) -> dict[str, Any]:
    return asdict(feed) | {"full_text": bool(feed.full_text)}


def _add_feed_commands(cli: click.Group) -> None:
    @cli.group("feed")
    def feed_group() -> None:
        """Subscribe to, list and remove feeds (RSS 2.0, Atom, RSS 1.0)."""

    @feed_group.command("add")
    @click.argument("url")
    @click.option("--name", help="A name for the feed (default: the feed's own title).")
    @click.option("--full-text", is_flag=True,
                  help="Fetch the whole page for items that carry only a teaser.")
    @pass_state
    def feed_add(state: State, url: str, name: str | None, full_text: bool) -> None:
        """Subscribe to a feed (articles arrive with `newsdesk fetch`)."""
        feed = state.library.add_feed(url, name=name, full_text=full_text)
        click.echo(f"feed {feed.id}\t{_safe(feed.url)}" + (f"\t{_safe(feed.name)}" if feed.name else ""))

    @feed_group.command("list")
    @click.option("--json", "as_json", is_flag=True, help="JSON output (schema in the README).")
    @pass_state
    def feed_list(state: State, as_json: bool) -> None:
        """List subscribed feeds."""
        feeds = state.library.list_feeds()
        if as_json:
            _dump({"version": JSON_VERSION, "feeds": [_feed_json(f) for f in feeds]})
            return
        for f in feeds:
            click.echo("\t".join([str(f.id), _safe(f.name or "-"), _safe(f.url),
                                  f"{f.articles} articles", _safe(f.last_status or "never fetched"),
                                  "full-text" if f.full_text else ""]).rstrip("\t"))

    @feed_group.command("rm")
    @click.argument("feeds", nargs=-1, required=True, metavar="ID|URL|NAME...")
    @pass_state
    def feed_rm(state: State, feeds: tuple[str, ...]) -> None:
        """Unsubscribe from feeds (their articles stay in the library)."""
        missing = []
        for key in feeds:
            if state.library.remove_feed(key):
                click.echo(f"removed feed {_safe(key)}")
            else:
                missing.append(key)
        if missing:
            raise InputError("no feed " + ", ".join(repr(_safe(m)) for m in missing))

    @cli.command("fetch")
    @click.argument("feeds", nargs=-1, metavar="[ID|URL|NAME]...")
    @click.option("--full-text/--no-full-text", "full_text", default=None,
                  help="Fetch whole pages for teaser-only items (default: each feed's setting).")
    @click.option("--concurrency", type=click.IntRange(1, 32), default=4, show_default=True)
    @click.option("--timeout", type=float, default=20.0, show_default=True, metavar="SECONDS")
    @click.option("--json", "as_json", is_flag=True, help="JSON output (schema in the README).")
    @pass_state
    def fetch_cmd(state: State, feeds: tuple[str, ...], full_text: bool | None, concurrency: int,
                  timeout: float, as_json: bool) -> None:
        """Fetch new articles from every feed (or the ones named)."""
        lib = state.library
        chosen = list(feeds) or None
        total = len(chosen) if chosen else len(lib.list_feeds())
        results: list[FeedResult] = []

        def report(result: FeedResult) -> None:
            results.append(result)
            if not as_json:
                line = _feed_line(result)
                if bar is not None:
                    bar.console.print(_feed_text(result))
                else:
                    click.echo(line)

        bar = None
        if not as_json and total > 0 and _isatty(sys.stderr) and _isatty(sys.stdout):
            from rich.progress import Progress

            bar = Progress(console=_console(stderr=False), transient=True)
        if bar is None:
            lib.fetch_feeds(concurrency=concurrency, full_text=full_text, progress=report,
                            feeds=chosen, timeout=timeout)
        else:
            with bar:
                task = bar.add_task("fetching feeds", total=total)

                def advance(result: FeedResult) -> None:
                    report(result)
                    bar.advance(task)

                lib.fetch_feeds(concurrency=concurrency, full_text=full_text, progress=advance,
                                feeds=chosen, timeout=timeout)
        # the topic filter reads stored topics: compute the new articles' now
        lib.index_topics(ids=[i for r in results for i in r.new_ids])
        if as_json:
            _dump({"version": JSON_VERSION, "feeds": [r.as_dict() for r in results]})
        elif not results:
            click.echo("no feeds; add one with `newsdesk feed add URL`")
        if any(r.error for r in results):
            raise SystemExit(1)

    @cli.group("opml")
    def opml_group() -> None:
        """Import and export feed subscriptions as OPML."""

    @opml_group.command("import")
    @click.argument("source", metavar="FILE|URL|-")
    @click.option("--timeout", type=float, default=15.0, show_default=True, metavar="SECONDS")
    @pass_state
    def opml_import(state: State, source: str, timeout: float) -> None:
        """Subscribe to every feed in an OPML file."""
        text, _, _ = _read_spec(source, timeout)
        added, total, errors = state.library.import_opml(text)
        for error in errors:
            _error(error)
        click.echo(f"imported {added} new feed{'s' if added != 1 else ''} "
                   f"({total} in the file)")

    @opml_group.command("export")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  help="Write to a file instead of standard output.")
    @pass_state
    def opml_export(state: State, output: Path | None) -> None:
        """Print the subscriptions as OPML 2.0."""
        from ..ingest.opml import format_opml

        text = format_opml(state.library.list_feeds())
        if output is None:
            click.echo(text, nl=False)
        else:
            try:
                output.write_text(text, encoding="utf-8")
            except OSError as e:
                raise InputError(f"{output}: {e.strerror or e}") from None


def _feed_line(result: FeedResult) -> str:
    name = _safe(result.feed.name or result.feed.url)
    if result.error:
        return f"error\t{name}\t{_safe(result.feed.url)}: {_safe(result.error)}"
    if result.not_modified:
        return f"unchanged\t{name}\t304 not modified"
    return f"ok\t{name}\t{result.added} new, {result.known} known"


def _feed_text(result: FeedResult) -> Any:
    from rich.text import Text

    name = _safe(result.feed.name or result.feed.url)
    line = Text()
    if result.error:
        line.append("✗ ", style="bold red")
        line.append(name, style="bold")
        line.append(f"  {_safe(result.feed.url)}: {_safe(result.error)}", style="red")
    elif result.not_modified:
        line.append("= ", style="dim")
        line.append(name, style="bold")
        line.append("  not modified", style="dim")
    else:
        line.append("✓ ", style="bold green")
        line.append(name, style="bold")
        line.append(f"  {result.added} new, {result.known} known", style="dim")
    return line


def main(argv: Iterable[str] | None = None) -> None:
    """Run the library commands without the reader (for tests and scripts)."""
    build_cli(None).main(args=list(argv) if argv is not None else None, prog_name=PROG)
