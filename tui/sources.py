"""Where new articles come from in the reader: piped text and the add dialog's path or URL.

Both go through the core's input reader (`summarize.ingest.inputs`), the same one the CLI uses, so HTML
and Markdown are reduced to text and front matter is read the same way everywhere.
"""

from __future__ import annotations

from pathlib import Path

from summarize.ingest.articles import Article
from summarize.sanitize import one_line

STDIN_SOURCE = "stdin"
"""The source of articles piped into `newsdesk`."""


def piped_article(text: str) -> Article:
    """The article kept for text piped into `newsdesk` (source "stdin")."""
    from summarize.ingest.inputs import document_from_text

    doc = document_from_text(text, name=STDIN_SOURCE)
    title = doc.title or first_line(doc.text)
    return Article(title=title, body=doc.text, source=STDIN_SOURCE, url=doc.url,
                   language=doc.language)


def article_from_spec(spec: str) -> Article:
    """An article from a file path or an http(s) URL (the add dialog's input)."""
    from urllib.parse import urlsplit

    from summarize.ingest.inputs import is_url, read_input

    url_given = is_url(spec)
    doc = read_input(spec if url_given else str(Path(spec).expanduser()))
    source = (urlsplit(doc.url).hostname or "web") if doc.url and url_given else "file"
    stem = "" if url_given else Path(spec).stem.replace("-", " ")
    title = doc.title or stem or first_line(doc.text)
    return Article(title=title, body=doc.text, source=source, url=doc.url, language=doc.language)


def first_line(body: str) -> str:
    """The first non-blank line, made one safe line of at most 120 characters."""
    for line in body.splitlines():
        if line.strip():
            return one_line(line).strip()[:120]
    return "Untitled"
