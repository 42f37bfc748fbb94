"""Where new articles come from in the reader: piped text and the add dialog's path or URL.

Both go through `summarize.ingest.articles` (`articles_from_text`, `read_articles`), the one
ingestion path `newsdesk add` and the sample loader use too, so a file added here is stored with
the same title, source, date, tags and text as from the command line.
"""

from __future__ import annotations

from summarize.ingest.articles import STDIN_SOURCE, Article

__all__ = ["STDIN_SOURCE", "article_from_spec", "piped_article"]


def piped_article(text: str) -> Article:
    """The article kept for text piped into `newsdesk` (source "stdin" unless it names one).

    A JSON document with several articles gives its first; the reader opens one article.
    """
    from summarize.ingest.articles import articles_from_text
    from summarize.ingest.inputs import STDIN_NAME

    return articles_from_text(text, name=STDIN_NAME)[0]


def article_from_spec(spec: str) -> Article:
    """An article from a file path (`~` expanded) or an http(s) URL (the add dialog's input)."""
    from summarize.ingest.articles import read_articles

    return read_articles(spec)[0]
