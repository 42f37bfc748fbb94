"""`newsdesk feed add | list | rm`, `fetch`, `opml import | export`: thin commands over `Library`.

Fetching and parsing live in `summarize.ingest` (feeds, opml), storing in `Library`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import InputError
from ..library.export import JSON_VERSION, feed_json, plural, write_output
from .common import isatty
from .newsdesk_render import feed_line, feed_text
from .newsdesk_shared import (
    MAX_ID, TIMEOUT, State, console, dump, error, json_option, pass_state, safe,
)

if TYPE_CHECKING:
    from ..ingest.feeds import FeedResult


@click.group("feed")
def feed_group() -> None:
    """Subscribe to, list and remove feeds (RSS 2.0, Atom, RSS 1.0)."""


@feed_group.command("add")
@click.argument("url")
@click.option("--name", help="A name for the feed (default: the feed's own title).")
@click.option("--full-text", is_flag=True,
              help="Fetch the whole page for items that carry only a teaser.")
@json_option
@pass_state
def feed_add(state: State, url: str, name: str | None, full_text: bool, as_json: bool) -> None:
    """Subscribe to a feed (articles arrive with `newsdesk fetch`)."""
    feed = state.library.add_feed(url, name=name, full_text=full_text)
    if as_json:
        dump({"version": JSON_VERSION, "feed": feed_json(feed)})
        return
    click.echo(f"feed {feed.id}\t{safe(feed.url)}" + (f"\t{safe(feed.name)}" if feed.name else ""))


@feed_group.command("list")
@json_option
@pass_state
def feed_list(state: State, as_json: bool) -> None:
    """List subscribed feeds."""
    feeds = state.library.list_feeds()
    if as_json:
        dump({"version": JSON_VERSION, "feeds": [feed_json(f) for f in feeds]})
        return
    for f in feeds:
        click.echo("\t".join([str(f.id), safe(f.name or "-"), safe(f.url),
                              plural(f.articles, "article"), safe(f.last_status or "never fetched"),
                              "full-text" if f.full_text else ""]).rstrip("\t"))


@feed_group.command("rm")
@click.argument("feeds", nargs=-1, required=True, metavar="ID|URL|NAME...")
@json_option
@pass_state
def feed_rm(state: State, feeds: tuple[str, ...], as_json: bool) -> None:
    """Unsubscribe from feeds (their articles stay in the library)."""
    removed, missing = [], []
    for key in feeds:
        too_big = key.strip().isdigit() and int(key) > MAX_ID  # no such id, and SQLite overflows
        if not too_big and state.library.remove_feed(key):
            removed.append(key)
            if not as_json:
                click.echo(f"removed feed {safe(key)}")
        else:
            missing.append(key)
    if as_json:
        dump({"version": JSON_VERSION, "removed": removed, "missing": missing})
    if missing:
        raise InputError("no feed " + ", ".join(repr(safe(m)) for m in missing))


@click.command("fetch")
@click.argument("feeds", nargs=-1, metavar="[ID|URL|NAME]...")
@click.option("--full-text/--no-full-text", "full_text", default=None,
              help="Fetch whole pages for teaser-only items (default: each feed's setting).")
@click.option("--concurrency", type=click.IntRange(1, 32), default=4, show_default=True)
@click.option("--timeout", type=TIMEOUT, default=20.0, show_default=True, metavar="SECONDS")
@json_option
@pass_state
def fetch_cmd(state: State, feeds: tuple[str, ...], full_text: bool | None, concurrency: int,
              timeout: float, as_json: bool) -> None:
    """Fetch new articles from every feed (or the ones named)."""
    lib = state.library
    chosen = list(feeds) or None
    total = len(chosen) if chosen else len(lib.list_feeds())
    results: list[FeedResult] = []
    bar = None
    if not as_json and total > 0 and isatty(sys.stderr) and isatty(sys.stdout):
        from rich.progress import Progress

        bar = Progress(console=console(stderr=False), transient=True)

    def report(result: FeedResult) -> None:
        results.append(result)
        if as_json:
            return
        if bar is not None:
            bar.console.print(feed_text(result))
            bar.advance(task)
        else:
            click.echo(feed_line(result))

    if bar is None:
        lib.fetch_feeds(concurrency=concurrency, full_text=full_text, progress=report,
                        feeds=chosen, timeout=timeout)
    else:
        with bar:
            task = bar.add_task("fetching feeds", total=total)
            lib.fetch_feeds(concurrency=concurrency, full_text=full_text, progress=report,
                            feeds=chosen, timeout=timeout)
    # the topic filter reads stored topics: compute the new articles' now
    lib.index_topics(ids=[i for r in results for i in r.new_ids])
    if as_json:
        dump({"version": JSON_VERSION, "feeds": [r.as_dict() for r in results]})
    elif not results:
        click.echo("no feeds; add one with `newsdesk feed add URL`")
    if any(r.error for r in results):
        raise SystemExit(1)


@click.group("opml")
def opml_group() -> None:
    """Import and export feed subscriptions as OPML."""


@opml_group.command("import")
@click.argument("source", metavar="FILE|URL|-")
@click.option("--rename", is_flag=True,
              help="Rename feeds already subscribed to after their titles in the file.")
@click.option("--timeout", type=TIMEOUT, default=15.0, show_default=True, metavar="SECONDS")
@json_option
@pass_state
def opml_import(state: State, source: str, rename: bool, timeout: float, as_json: bool) -> None:
    """Subscribe to every feed in an OPML file.

    Feeds already subscribed to keep their names unless --rename is given. Exits 1 when any
    outline was rejected (each is named on stderr).
    """
    from ..ingest.inputs import read_text
    from ..ingest.opml import parse_opml

    try:
        outlines = parse_opml(read_text(source, timeout=timeout).text)
    except InputError as e:
        raise InputError(f"{source}: {e}") from None
    lib = state.library
    result = lib.import_feeds(outlines, rename=rename)
    for url, reason in result.rejected:
        error(f"{source}: {url}: {reason}")
    if as_json:
        dump({"version": JSON_VERSION, "file": source, "outlines": len(outlines),
              "added": list(result.added), "known": list(result.known),
              "rejected": [{"url": u, "error": r} for u, r in result.rejected]})
    else:
        click.echo(f"imported {plural(len(result.added), 'new feed')} ({len(outlines)} in the file"
                   + (f", {len(result.rejected)} rejected)" if result.rejected else ")"))
    if result.rejected:
        raise SystemExit(1)


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
        write_output(output, text.rstrip("\n").split("\n"))


COMMANDS = (feed_group, fetch_cmd, opml_group)
