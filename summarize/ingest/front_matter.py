"""The small `key: value` header between `---` fences that sample articles (and saved ones) carry.

Kept apart from `summarize.ingest.articles` so that reading a piped article's header costs one regex:
`articles` builds `Article` dataclasses and imports pathlib and urllib, ~9 ms that the one-shot
`summarize` command's start-up does not need (issue 2). The format is documented there.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False  # typing costs ~3 ms of start-up; type checkers read this as True
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from .._record import Record as NamedTuple

FRONT_MATTER_KEYS = ("title", "source", "author", "published", "url", "language", "tags")
"""The keys `Article` has fields for; others are kept as extras."""

_FENCE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(header keys lower-cased -> values, body without the header and outer blank lines).

    Text without a header is all body and an empty header.
    """
    meta: dict[str, str] = {}
    body = text
    m = _FENCE.match(text)
    if m:
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip():
                meta[key.strip().lower()] = value.strip()
        body = text[m.end():]
    return meta, body.strip("\n")


class Header(NamedTuple):
    """What a header says about its article, in `Article`'s terms (None: not said)."""

    title: str | None = None
    source: str | None = None
    author: str | None = None
    published: str | None = None
    """`published`, or its alias `date`."""
    url: str | None = None
    language: str | None = None
    tags: tuple[str, ...] = ()
    """`tags: a, b` split at commas."""
    extra: tuple[tuple[str, str], ...] = ()
    """Keys `Article` has no field for, in file order."""


def read_header(meta: dict[str, str]) -> Header:
    """The `Header` of the keys `split_front_matter` found; the one reading of the format."""
    return Header(
        title=meta.get("title") or None,
        source=meta.get("source") or None,
        author=meta.get("author") or None,
        published=meta.get("published") or meta.get("date") or None,
        url=meta.get("url") or None,
        language=meta.get("language") or None,
        tags=tuple(t.strip() for t in meta.get("tags", "").split(",") if t.strip()),
        extra=tuple((k, v) for k, v in meta.items() if k not in FRONT_MATTER_KEYS),
    )
