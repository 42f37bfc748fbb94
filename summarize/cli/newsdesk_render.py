"""How `newsdesk` draws library records: rich text on a terminal, tab-separated lines in a pipe.

Untrusted text (titles, bodies, feed names) is printed as rich `Text`, never markup, with
terminal control sequences stripped (`safe`, `strip_controls`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from ..sanitize import strip_controls
from .common import isatty
from .newsdesk_shared import console, row_date, safe

if TYPE_CHECKING:
    from rich.text import Text

    from ..ingest.articles import Article
    from ..ingest.feeds import FeedResult
    from ..library.store import ArticleRow, SearchHit


def print_rows(rows: list[ArticleRow], *, total: int | None = None) -> None:
    if not isatty(sys.stdout):
        for r in rows:
            flags = ("N" if not r.read else "-") + ("*" if r.starred else "-")
            click.echo("\t".join([str(r.id), flags, row_date(r), safe(r.feed or r.source),
                                  safe(r.title)]))
        return
    from rich.text import Text

    out = console()
    for r in rows:
        line = Text()
        line.append(f"{r.id:>5} ", style="dim")
        line.append("●" if not r.read else " ", style="bold cyan")
        line.append("★ " if r.starred else "  ", style="yellow")
        line.append(f"{row_date(r):<10}  ", style="dim")
        line.append(safe(r.title), style="bold" if not r.read else "")
        source = safe(r.feed or r.source)
        if source:
            line.append(f"  — {source}", style="dim")
        if r.tags:
            line.append("  " + " ".join(f"#{safe(t)}" for t in r.tags), style="green")
        out.print(line, no_wrap=True, overflow="ellipsis")
    if total is not None and total > len(rows):
        out.print(Text(f"{len(rows)} of {total} shown", style="dim"))


def split_snippet(snippet: str) -> tuple[str, list[list[int]]]:
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


def print_hits(hits: list[SearchHit]) -> None:
    if not isatty(sys.stdout):
        for h in hits:
            text, _ = split_snippet(h.snippet)
            click.echo(f"{h.row.id}\t{row_date(h.row)}\t{safe(h.row.title)}\t{text}")
        return
    from rich.text import Text

    out = console()
    for h in hits:
        head = Text()
        head.append(f"{h.row.id:>5}  ", style="dim")
        head.append(safe(h.row.title), style="bold")
        head.append(f"  {row_date(h.row)}", style="dim")
        out.print(head, no_wrap=True, overflow="ellipsis")
        text, spans = split_snippet(h.snippet)
        body = Text("       " + text)
        for start, end in spans:
            body.stylize("bold reverse", start + 7, end + 7)
        out.print(body)


def print_article(article: Article, row: ArticleRow, sentences: Sequence[Any],
                  topics: Sequence[Any], *, with_text: bool) -> None:
    if not isatty(sys.stdout):
        click.echo(safe(article.title))
        fields = [x for x in (row.feed or article.source, article.author, article.published,
                              article.url) if x]
        if fields:
            click.echo(" · ".join(safe(m) for m in fields))
        click.echo("\nSummary:")
        for s in sentences:
            click.echo(f"- {safe(s.text)}")
        if topics:
            click.echo("\nTopics: " + ", ".join(safe(t.label) for t in topics))
        if with_text:
            click.echo("\n" + strip_controls(article.body))
        return
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    out = console()
    out.print(Text(safe(article.title), style="bold"))
    meta = Text(style="dim")
    for part in (row.feed or article.source, article.author, article.published, article.url):
        if part:
            if meta.plain:
                meta.append(" · ")
            meta.append(safe(part))
    if article.tags:
        meta.append("  " + " ".join(f"#{safe(t)}" for t in article.tags))
    out.print(meta)
    out.print(Rule("Summary", style="dim"))
    for s in sentences:
        out.print(Padding(Text("• " + safe(s.text)), (0, 0, 0, 1)))
    if topics:
        line = Text("Topics: ", style="dim")
        for i, t in enumerate(topics):
            if i:
                line.append(", ")
            line.append(safe(t.label), style="bold magenta")
        out.print(line)
    if with_text:
        out.print(Rule(style="dim"))
        out.print(Text(strip_controls(article.body)))


def feed_line(result: FeedResult) -> str:
    name = safe(result.feed.name or result.feed.url)
    if result.error:
        return f"error\t{name}\t{safe(result.feed.url)}: {safe(result.error)}"
    if result.not_modified:
        return f"unchanged\t{name}\t304 not modified"
    return f"ok\t{name}\t{result.added} new, {result.known} known"


def feed_text(result: FeedResult) -> Text:
    from rich.text import Text

    name = safe(result.feed.name or result.feed.url)
    line = Text()
    if result.error:
        line.append("✗ ", style="bold red")
        line.append(name, style="bold")
        line.append(f"  {safe(result.feed.url)}: {safe(result.error)}", style="red")
    elif result.not_modified:
        line.append("= ", style="dim")
        line.append(name, style="bold")
        line.append("  not modified", style="dim")
    else:
        line.append("✓ ", style="bold green")
        line.append(name, style="bold")
        line.append(f"  {result.added} new, {result.known} known", style="dim")
    return line
