"""The small `key: value` header between `---` fences that sample articles (and saved ones) carry.

Kept apart from `summarize.ingest.articles` so that reading a piped article's header costs one regex:
`articles` builds `Article` dataclasses and imports pathlib and urllib, ~9 ms that the one-shot
`summarize` command's start-up does not need (issue 2). The format is documented there.
"""

from __future__ import annotations

import re

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
