"""Articles and the sample-article file format.

A sample article is UTF-8 text with a small front-matter header of `key: value` lines between
`---` fences, then the body:

    ---
    title: Kazakhstan and the UN discuss regional cooperation
    source: nCa
    published: 2024-02-21
    url: https://example.org/story
    language: en
    tags: diplomacy, central asia
    ---
    Body text, paragraphs separated by blank lines.

Every key is optional; unknown keys are kept in `Article.extra`. A file without the header is
all body. `.md` files use the same header over a Markdown body; `.html` files are whole web pages
reduced to their main text. `read_articles` is the one way an input becomes `Article` records.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from typing import BinaryIO

from .front_matter import read_header, split_front_matter


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, stored or not (`id` is None until the library stores it)."""

    title: str
    body: str
    source: str = ""
    url: str | None = None
    author: str | None = None
    published: str | None = None
    """ISO 8601 date or date-time, as given."""
    language: str | None = None
    tags: tuple[str, ...] = ()
    id: int | None = None
    added: str | None = None
    read: bool = False
    starred: bool = False
    feed_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the body with white space folded: the same text is the same article."""
        return content_hash(self.body)

    def with_id(self, article_id: int) -> Article:
        return replace(self, id=article_id)


_SPACE = re.compile(r"\s+")


def content_hash(body: str) -> str:
    import hashlib  # imported here: the one-shot CLI's start-up never needs it

    return hashlib.sha256(_SPACE.sub(" ", body).strip().encode("utf-8")).hexdigest()


def parse_article(text: str, *, default_title: str = "") -> Article:
    """An `Article` from front matter plus body (as written: Markdown is not reduced here);
    a missing title falls back to `default_title`, then the first line."""
    meta, body = split_front_matter(text)
    header = read_header(meta)
    return Article(
        title=header.title or default_title or _first_line(body),
        body=body,
        source=header.source or "",
        url=header.url,
        author=header.author,
        published=header.published,
        language=header.language,
        tags=header.tags,
        extra=dict(header.extra),
    )


def format_article(article: Article) -> str:
    """The front-matter file form of `article` (what `parse_article` reads back)."""
    lines = ["---", f"title: {_one_line(article.title)}"]
    for key in ("source", "author", "published", "url", "language"):
        value = getattr(article, key)
        if value:
            lines.append(f"{key}: {_one_line(str(value))}")
    if article.tags:
        lines.append("tags: " + ", ".join(article.tags))
    lines.append("---")
    return "\n".join(lines) + "\n" + article.body.rstrip("\n") + "\n"


HTML_SUFFIXES = (".html", ".htm")
STDIN_SOURCE = "stdin"
"""The source of articles read from standard input when their text names none."""
_JSON_NAME = re.compile(r"\.(json|jsonl)\Z", re.I)
MAX_JSON_DEPTH = 64
"""JSON nested deeper than this is refused before parsing: an article is an object of strings
(and a list of tags), and Python's parser would otherwise recurse until it crashes."""


def read_articles(
    spec: str,
    stdin: BinaryIO | None = None,
    *,
    timeout: float = 15.0,
    max_bytes: int | None = None,
) -> list[Article]:
    """The articles in one input: a file path, `-` (standard input) or an http(s) URL.

    The one ingestion path: `newsdesk add`, the reader's add dialog and piped text, the sample
    loader (`load_article_file`) all come here, and `summarize` reads through the same two steps
    (`summarize.ingest.inputs.read_text`, then `document_from_text`), so a file gives the same
    title, source, date, tags and text whichever door it came in by. Raises an `InputError`
    subclass with a one-line reason.
    """
    from .inputs import DEFAULT_MAX_BYTES, read_text

    raw = read_text(spec, stdin, timeout=timeout,
                    max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes)
    return articles_from_text(raw.text, name=raw.name, url=raw.url, content_type=raw.content_type)


def articles_from_text(
    text: str, *, name: str, url: str | None = None, content_type: str | None = None
) -> list[Article]:
    """Articles in decoded text: a JSON object or list (or JSON Lines), HTML, Markdown or text.

    Text and Markdown may open with front matter (title, source, published, url, tags...);
    Markdown and HTML are reduced to text (`summarize.ingest.inputs.document_from_text`). JSON
    items need a `body` (or `text`/`content`) field and may have `title`, `url`/`link`,
    `source`, `author`, `published`/`date`, `language`, `tags`. `name` is the path, URL or
    `<stdin>`: it picks the format by extension and titles an article that has no title.
    """
    from ..errors import EmptyInputError
    from .inputs import STDIN_NAME, document_from_text

    if not text.strip():
        raise EmptyInputError("input is empty")
    json_named = bool(_JSON_NAME.search(name)) or (content_type or "").endswith("json")
    stripped = text.lstrip("\ufeff \t\n")
    if json_named or stripped[:1] in "{[":
        items = _parse_json(stripped, strict=json_named)
        if items is not None:
            return _articles_from_json(items)
    doc = document_from_text(text, name=name, url=url, content_type=content_type)
    body = doc.text.strip("\n")
    host = (urlsplit(doc.url).hostname or "") if doc.url else ""
    default_source = STDIN_SOURCE if name == STDIN_NAME else host
    title = _one_line(doc.title or "")
    if not title:
        first = next((_one_line(ln) for ln in body.splitlines() if ln.strip()), "")
        title = first if len(first) <= 120 or name == STDIN_NAME else _title_from(name)
        title = title[:120]
    return [Article(
        title=title, body=body, source=doc.source or default_source, url=doc.url,
        author=doc.author, published=doc.published, language=doc.language, tags=doc.tags,
        extra=dict(doc.extra),
    )]


def _parse_json(text: str, *, strict: bool) -> list[Any] | dict[str, Any] | None:
    """The JSON value (or JSON Lines as a list) in `text`; None when it is not JSON and
    `strict` is off (text that merely opens with a bracket)."""
    from ..errors import InputError

    depth = _json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise InputError(f"JSON nested too deeply (more than {MAX_JSON_DEPTH} levels)")
    try:
        return json.loads(text)  # type: ignore[no-any-return]
    except json.JSONDecodeError as e:
        lines = _json_lines(text)
        if lines is not None:
            return lines
        if strict:
            raise InputError(f"invalid JSON ({e.msg}, line {e.lineno})") from None
        return None
    except ValueError as e:  # an integer of more than 4,300 digits
        raise InputError(f"invalid JSON ({e})") from None


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _json_depth(text: str) -> int:
    """How deeply brackets nest in `text`, strings skipped (a linear scan, no recursion)."""
    depth = deepest = 0
    for m in _JSON_TOKEN.finditer(text):
        token = m.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def _json_lines(text: str) -> list[Any] | None:
    """JSON Lines (one object a line) as a list, or None if that is not what `text` is."""
    items = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except ValueError:
            return None
        if not isinstance(item, dict):
            return None
        items.append(item)
    return items or None


def _articles_from_json(data: Any) -> list[Article]:
    from ..errors import InputError

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
            tags = tags.split(",")
        elif not isinstance(tags, list):
            tags = [tags]
        out.append(Article(
            title=_one_line(str(item.get("title") or "")) or _first_line(body),
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


def _title_from(name: str) -> str:
    """A title made from a file name or URL path: `seed-kazakhstan-un.txt` -> `seed kazakhstan un`."""
    base = name.rstrip("/").rsplit("/", 1)[-1]
    return re.sub(r"\.[A-Za-z0-9]+\Z", "", base).replace("-", " ").replace("_", " ") or "Untitled"


def load_article_file(path: str | Path) -> Article:
    """One sample file as the library stores it: front matter plus a text or Markdown body, or
    a whole HTML page reduced to its main text (`read_articles`, the one ingestion path)."""
    return read_articles(str(path))[0]


def sample_article_paths() -> list[Path]:
    """The bundled sample articles (installed package data, or the repo's folder)."""
    from importlib import resources  # ~7 ms to import: only the library needs the samples

    root = resources.files("summarize.sample_articles")
    return sorted(
        Path(str(p)) for p in root.iterdir() if p.name.endswith((".txt", ".md", ".html"))
    )


def _first_line(body: str) -> str:
    for line in body.splitlines():
        if line.strip():
            return _one_line(line)[:120]
    return "Untitled"


def _one_line(value: str) -> str:
    return _SPACE.sub(" ", value).strip()
