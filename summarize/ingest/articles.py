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
reduced to their main text (see `load_article_file`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

from .front_matter import FRONT_MATTER_KEYS, split_front_matter


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
    """An `Article` from front matter plus body; a missing title falls back to the first line."""
    meta, body = split_front_matter(text)
    title = meta.get("title") or default_title or _first_line(body)
    tags = tuple(t.strip() for t in meta.get("tags", "").split(",") if t.strip())
    return Article(
        title=title,
        body=body,
        source=meta.get("source", ""),
        url=meta.get("url") or None,
        author=meta.get("author") or None,
        published=meta.get("published") or meta.get("date") or None,
        language=meta.get("language") or None,
        tags=tags,
        extra={k: v for k, v in meta.items() if k not in FRONT_MATTER_KEYS},
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


def load_article_file(path: str | Path) -> Article:
    """Read one sample file (UTF-8): front matter plus body, or a whole HTML page.

    An HTML page goes through `summarize.ingest.inputs.extract_html` (trafilatura: main text only, no
    navigation or cookie banners); its metadata comes from the page's `<title>`/`<meta>` tags,
    and the source is the host of the page's URL.
    """
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    default_title = p.stem.replace("-", " ")
    if p.suffix.lower() in HTML_SUFFIXES:
        return _article_from_html(text, default_title=default_title)
    return parse_article(text, default_title=default_title)


def _article_from_html(html: str, *, default_title: str) -> Article:
    from .inputs import extract_html  # trafilatura is heavy: load it only for HTML

    page = extract_html(html, url=None)
    url = page.url or None
    # ExtractedPage carries no site name, so the source is the host of the page's own URL.
    source = (urlsplit(url).hostname or "") if url else ""
    return Article(
        title=_one_line(page.title or "") or default_title,
        body=page.text.strip("\n"),
        source=source,
        url=url,
        author=page.author or None,
        published=page.published or None,
        language=page.language or None,
    )


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
