"""`newsdesk add | list | search | show | mark | rm | export`: thin commands over `Library`.

Reading inputs is `summarize.ingest.articles.read_articles` (the one ingestion path), storing
and querying is `summarize.library.store.Library`, documents and files are
`summarize.library.export`; each command here parses its options, calls those and prints.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import NewsdeskError
from ..library.export import (
    JSON_VERSION,
    export_jsonl,
    export_markdown,
    plural,
    row_json,
    write_output,
)
from .newsdesk_render import print_article, print_hits, print_rows, split_snippet
from .newsdesk_shared import (
    ARTICLE_ID,
    LIMIT,
    TIMEOUT,
    State,
    dump,
    error,
    json_option,
    listing_options,
    note,
    pass_state,
    query_from,
    safe,
)

if TYPE_CHECKING:
    from ..library.store import Library


class NotFound(NewsdeskError):
    """Some of the ids given name no article (exit 1, after the others were handled)."""

    def __init__(self, ids: list[int]) -> None:
        super().__init__("no article with id " + ", ".join(str(i) for i in ids))


@click.command("list")
@listing_options
@json_option
@pass_state
def list_cmd(state: State, /, as_json: bool, limit: int | None, **kw: Any) -> None:
    """List articles, newest first."""
    lib = state.library
    where = query_from(lib, kw)
    rows = lib.list(where, limit=limit)
    total = lib.count(where)
    if as_json:
        dump({"version": JSON_VERSION, "total": total, "articles": [row_json(r) for r in rows]})
    else:
        print_rows(rows, total=total)


@click.command("search")
@click.argument("query")
@click.option("--limit", type=click.IntRange(1, LIMIT.max), default=20, show_default=True,
              metavar="N")
@json_option
@pass_state
def search_cmd(state: State, query: str, limit: int, as_json: bool) -> None:
    """Full-text search over titles and bodies (words, "phrases", OR, NOT, prefix*)."""
    hits = state.library.search(query, limit=limit)
    if as_json:
        items = []
        for h in hits:
            text, spans = split_snippet(h.snippet)
            items.append(row_json(h.row) | {"snippet": text, "highlights": spans,
                                             "rank": round(h.rank, 4)})
        dump({"version": JSON_VERSION, "query": query, "hits": items})
        return
    if not hits:
        note(f"no matches for {safe(query)!r}")
    print_hits(hits)


@click.command("show")
@click.argument("article_id", metavar="ID", type=ARTICLE_ID)
@click.option("-m", "--method", metavar="METHOD", help="Summarization method.")
@click.option("-n", "--sentences", type=int, metavar="N",
              help="Summary length in sentences.")
@click.option("-k", "--topics", "n_topics", type=LIMIT, default=8, show_default=True,
              metavar="N", help="How many key topics.")
@click.option("--no-text", is_flag=True, help="Leave out the article's text.")
@json_option
@pass_state
def show_cmd(state: State, article_id: int, method: str | None, sentences: int | None,
             n_topics: int, no_text: bool, as_json: bool) -> None:
    """Show one article: its summary, key topics and text."""
    lib = state.library
    article = lib.get(article_id)
    summary = lib.summary(article_id, method=method, sentences=sentences)
    topics = lib.topics(article_id, limit=n_topics) if n_topics else []
    row = lib.row(article_id)
    if not as_json:
        print_article(article, row, summary.sentences, topics, with_text=not no_text)
        return
    art = {k: v for k, v in asdict(article).items() if k != "extra"}
    art["tags"] = list(article.tags)
    art["feed"] = row.feed
    if no_text:
        art.pop("body")
    dump({
        "version": JSON_VERSION,
        "article": art,
        "summary": summary.to_dict(),
        "topics": [{"label": t.label, "score": t.score, "count": t.count,
                    "variants": list(t.variants)} for t in topics],
    })


@click.command("add")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE|URL|-...")
@click.option("--title", help="Title (default: from the input).")
@click.option("--source", help="Source name (default: from the input or the URL's host).")
@click.option("--url", "url", help="The article's URL.")
@click.option("--tag", "tags", multiple=True, metavar="TAG", help="A tag (repeatable).")
@click.option("--timeout", type=TIMEOUT, default=15.0, show_default=True, metavar="SECONDS")
@json_option
@pass_state
def add_cmd(state: State, inputs: tuple[str, ...], title: str | None, source: str | None,
            url: str | None, tags: tuple[str, ...], timeout: float, as_json: bool) -> None:
    """Add articles: text, Markdown, HTML or JSON files, URLs, or - for standard input.

    Text already in the library is not stored twice; a --title or --tag given with it is
    applied to the stored article.
    """
    from ..ingest.articles import read_articles

    lib = state.library
    results: list[dict[str, Any]] = []
    failed = 0
    for spec in inputs:
        try:
            articles = read_articles(spec, timeout=timeout)
        except NewsdeskError as e:
            error(f"{spec}: {e}")
            failed = max(failed, e.exit_code)
            continue
        for article in articles:
            article = replace(
                article, title=title or article.title, source=source or article.source,
                url=url or article.url, tags=tuple(dict.fromkeys(article.tags + tags)),
            )
            added = lib.add(article)
            updated: tuple[str, ...] = ()
            if added.created:
                _quiet_topics(lib, added.id)
            elif title or tags:
                updated = lib.update(added.id, title=title, add_tags=tags)
            results.append({"id": added.id, "created": added.created, "updated": list(updated),
                            "title": lib.row(added.id).title, "input": spec})
    if as_json:
        dump({"version": JSON_VERSION, "added": results})
    else:
        for r in results:
            word = "added" if r["created"] else "updated" if r["updated"] else "exists"
            extra = f"\t({', '.join(r['updated'])})" if r["updated"] else ""
            click.echo(f"{word}\t{r['id']}\t{safe(r['title'])}{extra}")
    if failed:
        raise SystemExit(failed)


def _quiet_topics(lib: Library, article_id: int) -> None:
    """Store a new article's topics now (so `--topic` and related work); never fails the add."""
    try:
        lib.topics(article_id)
    except NewsdeskError:
        pass


@click.command("mark")
@click.argument("ids", nargs=-1, required=True, metavar="ID...", type=ARTICLE_ID)
@click.option("--read", "set_read", is_flag=True, help="Mark read.")
@click.option("--unread", "set_unread", is_flag=True, help="Mark unread.")
@click.option("--star", "set_star", is_flag=True, help="Star.")
@click.option("--unstar", "set_unstar", is_flag=True, help="Unstar.")
@json_option
@pass_state
def mark_cmd(state: State, ids: tuple[int, ...], set_read: bool, set_unread: bool,
             set_star: bool, set_unstar: bool, as_json: bool) -> None:
    """Mark articles read/unread, starred/unstarred."""
    if set_read and set_unread:
        raise click.UsageError("--read and --unread contradict each other; give one")
    if set_star and set_unstar:
        raise click.UsageError("--star and --unstar contradict each other; give one")
    read = True if set_read else False if set_unread else None
    star = True if set_star else False if set_unstar else None
    if read is None and star is None:
        raise click.UsageError("say what to mark: --read, --unread, --star or --unstar")
    lib = state.library
    present = lib.existing(ids)
    lib.mark(present, read=read, starred=star)
    _report("marked", sorted(present), sorted(set(ids) - present), as_json)


@click.command("rm")
@click.argument("ids", nargs=-1, required=True, metavar="ID...", type=ARTICLE_ID)
@json_option
@pass_state
def rm_cmd(state: State, ids: tuple[int, ...], as_json: bool) -> None:
    """Remove articles from the library."""
    lib = state.library
    present = lib.existing(ids)
    lib.remove(present)
    _report("removed", sorted(present), sorted(set(ids) - present), as_json)


def _report(verb: str, done: list[int], missing: list[int], as_json: bool) -> None:
    if as_json:
        dump({"version": JSON_VERSION, verb: done, "missing": missing})
    else:
        click.echo(f"{verb} {plural(len(done), 'article')}")
    if missing:
        raise NotFound(missing)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "markdown"]), default="jsonl",
              show_default=True)
@listing_options
@click.option("-n", "--sentences", type=int, metavar="N",
              help="Summary length in the Markdown digest.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to a file instead of standard output.")
@pass_state
def export_cmd(state: State, /, fmt: str, sentences: int | None, output: Path | None,
               limit: int | None, **kw: Any) -> None:
    """Export articles: JSON Lines (one article a line) or a Markdown digest."""
    if fmt == "markdown" and sentences is not None:
        from ..length import SummaryLength

        SummaryLength.parse(sentences=sentences)  # the core's check, before anything is written
    lib = state.library
    rows = lib.list(query_from(lib, kw), limit=limit)
    lines = export_jsonl(lib, rows) if fmt == "jsonl" else export_markdown(lib, rows, sentences)
    if output is None:
        for line in lines:
            click.echo(line)
    else:
        write_output(output, lines)


COMMANDS = (add_cmd, list_cmd, search_cmd, show_cmd, mark_cmd, rm_cmd, export_cmd)
